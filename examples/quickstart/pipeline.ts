// The quickstart pipeline: load data, train, evaluate, and deploy when the model is good enough.
// Other examples reuse it: import { addQuickstartPipeline } from '../quickstart/pipeline'.
import { Construct } from 'constructs';
import { Component, Condition, If, Input, Output, Parameter, Pipeline } from '../../src';

const BASE_IMAGE = 'python:3.11-slim';
const ML_PACKAGES = ['pandas==2.2.3', 'scikit-learn==1.5.2'];

/** Downloads a CSV and writes it as a Dataset. */
export const loadData = Component.python({
  name: 'load_data',
  baseImage: BASE_IMAGE,
  packagesToInstall: ['pandas==2.2.3'],
  inputs: { url: Input.string(), label_column: Input.string() },
  outputs: { dataset: Output.dataset() },
  source: `
def load_data(url: str, label_column: str, dataset: Output[Dataset]):
    """Downloads a CSV file and stores it as the pipeline's dataset."""
    import pandas as pd

    df = pd.read_csv(url)
    if label_column not in df.columns:
        raise ValueError(f'label column {label_column!r} not in {list(df.columns)}')
    df = df.dropna()
    df.to_csv(dataset.path, index=False)
    dataset.metadata['rows'] = len(df)
    dataset.metadata['columns'] = list(df.columns)
`,
});

/** Trains a random forest and writes it as a Model. */
export const trainModel = Component.python({
  name: 'train_model',
  baseImage: BASE_IMAGE,
  packagesToInstall: ML_PACKAGES,
  inputs: {
    dataset: Input.dataset(),
    label_column: Input.string(),
    n_estimators: Input.integer({ default: 100 }),
    test_size: Input.double({ default: 0.2 }),
  },
  outputs: { model: Output.model(), test_data: Output.dataset() },
  source: `
def train_model(
    dataset: Input[Dataset],
    label_column: str,
    model: Output[Model],
    test_data: Output[Dataset],
    n_estimators: int = 100,
    test_size: float = 0.2,
):
    """Trains a random forest classifier on the dataset; keeps a hold-out split for evaluation."""
    import pickle

    import pandas as pd
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.model_selection import train_test_split

    df = pd.read_csv(dataset.path)
    train, test = train_test_split(df, test_size=test_size, random_state=42, stratify=df[label_column])
    clf = RandomForestClassifier(n_estimators=n_estimators, random_state=42)
    clf.fit(train.drop(columns=[label_column]), train[label_column])

    with open(model.path, 'wb') as f:
        pickle.dump(clf, f)
    model.metadata['framework'] = 'scikit-learn'
    model.metadata['n_estimators'] = n_estimators
    test.to_csv(test_data.path, index=False)
`,
});

/** Scores the model on the hold-out split. */
export const evaluateModel = Component.python({
  name: 'evaluate_model',
  baseImage: BASE_IMAGE,
  packagesToInstall: ML_PACKAGES,
  inputs: { model: Input.model(), test_data: Input.dataset(), label_column: Input.string() },
  outputs: { metrics: Output.metrics(), Output: Output.double() },
  source: `
def evaluate_model(
    model: Input[Model],
    test_data: Input[Dataset],
    label_column: str,
    metrics: Output[Metrics],
) -> float:
    """Computes accuracy and F1 on the hold-out split and returns the accuracy."""
    import pickle

    import pandas as pd
    from sklearn.metrics import accuracy_score, f1_score

    with open(model.path, 'rb') as f:
        clf = pickle.load(f)
    test = pd.read_csv(test_data.path)
    predicted = clf.predict(test.drop(columns=[label_column]))
    accuracy = float(accuracy_score(test[label_column], predicted))
    f1 = float(f1_score(test[label_column], predicted, average='macro'))
    metrics.log_metric('accuracy', accuracy)
    metrics.log_metric('f1_macro', f1)
    return accuracy
`,
});

/** Copies the model to the serving location. */
export const deployModel = Component.python({
  name: 'deploy_model',
  baseImage: BASE_IMAGE,
  packagesToInstall: ['boto3==1.35.36'],
  inputs: { model: Input.model(), serving_uri: Input.string(), accuracy: Input.double() },
  outputs: { Output: Output.string() },
  source: `
def deploy_model(model: Input[Model], serving_uri: str, accuracy: float) -> str:
    """Uploads the model to the serving bucket, tagged with its accuracy."""
    from urllib.parse import urlparse

    import boto3

    target = urlparse(serving_uri)
    key = target.path.lstrip('/') + '/model.pkl'
    boto3.client('s3').upload_file(
        model.path, target.netloc, key,
        ExtraArgs={'Metadata': {'accuracy': str(accuracy)}},
    )
    print(f'deployed model with accuracy {accuracy:.3f} to s3://{target.netloc}/{key}')
    return f's3://{target.netloc}/{key}'
`,
});

/** Options of the quickstart pipeline. */
export interface QuickstartOptions {
  /** @default 'quickstart' */
  readonly name?: string;
  /**
   * Whether synth writes `<name>.pipeline.yaml` (examples that reuse the pipeline under the same
   * name turn it off, since the quickstart example already writes that file).
   * @default true
   */
  readonly writeFile?: boolean;
}

/** Adds the quickstart pipeline to a scope and returns it. */
export function addQuickstartPipeline(scope: Construct, id: string = 'quickstart', options: QuickstartOptions = {}): Pipeline {
  const pipeline = new Pipeline(scope, id, {
    name: options.name ?? 'quickstart',
    writeFile: options.writeFile ?? true,
    description: 'Loads a CSV dataset, trains a random forest, evaluates it and deploys it when accuracy passes the threshold.',
    parameters: {
      data_url: Parameter.string({ default: 'https://raw.githubusercontent.com/mwaskom/seaborn-data/master/iris.csv' }),
      label_column: Parameter.string({ default: 'species' }),
      n_estimators: Parameter.integer({ default: 200 }),
      accuracy_threshold: Parameter.double({ default: 0.9 }),
      serving_uri: Parameter.string({ default: 's3://models/iris' }),
    },
  });

  const load = pipeline.task('load-data', loadData, {
    inputs: { url: pipeline.param('data_url'), label_column: pipeline.param('label_column') },
  });
  const train = pipeline.task('train-model', trainModel, {
    inputs: {
      dataset: load.output('dataset'),
      label_column: pipeline.param('label_column'),
      n_estimators: pipeline.param('n_estimators'),
    },
  }).withCpuRequest('1').withCpuLimit('2').withMemoryRequest('2Gi').withMemoryLimit('4Gi');
  const evaluate = pipeline.task('evaluate-model', evaluateModel, {
    inputs: { model: train.output('model'), test_data: train.output('test_data'), label_column: pipeline.param('label_column') },
  });

  const good = new If(pipeline, 'accuracy-ok', Condition.greaterThanOrEqualTo(evaluate.output('Output'), pipeline.param('accuracy_threshold')), {
    displayName: 'accuracy passes threshold',
  });
  good.task('deploy-model', deployModel, {
    inputs: { model: train.output('model'), serving_uri: pipeline.param('serving_uri'), accuracy: evaluate.output('Output') },
    caching: false,
    retry: { maxRetryCount: 3 },
  });
  return pipeline;
}
