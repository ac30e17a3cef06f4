// The seed GPU training pipeline: data prep on CPU, then train_deep_model on one GPU of a pool.
import { Construct } from 'constructs';
import { Component, IGpuPool, Input, Output, Parameter, Pipeline } from '../../src';

/** Downloads and normalizes the training data (CPU only). */
export const prepareData = Component.python({
  name: 'prepare_data',
  baseImage: 'python:3.11-slim',
  packagesToInstall: ['numpy==2.1.3', 'pandas==2.2.3', 'pyarrow==18.1.0'],
  inputs: { source_uri: Input.string(), validation_fraction: Input.double({ default: 0.1 }) },
  outputs: { train_data: Output.dataset(), validation_data: Output.dataset() },
  source: `
def prepare_data(
    source_uri: str,
    train_data: Output[Dataset],
    validation_data: Output[Dataset],
    validation_fraction: float = 0.1,
):
    """Reads the raw table, drops incomplete rows, standardizes features and splits off a validation set."""
    import numpy as np
    import pandas as pd

    df = pd.read_parquet(source_uri).dropna()
    features = [c for c in df.columns if c != 'label']
    df[features] = (df[features] - df[features].mean()) / df[features].std().replace(0, 1)
    rng = np.random.default_rng(42)
    is_validation = rng.random(len(df)) < validation_fraction
    df[~is_validation].to_parquet(train_data.path)
    df[is_validation].to_parquet(validation_data.path)
    train_data.metadata['rows'] = int((~is_validation).sum())
    validation_data.metadata['rows'] = int(is_validation.sum())
`,
});

/** Trains a neural network on one GPU. */
export const trainDeepModel = Component.python({
  name: 'train_deep_model',
  baseImage: 'pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime',
  packagesToInstall: ['pandas==2.2.3', 'pyarrow==18.1.0'],
  inputs: {
    train_data: Input.dataset(),
    validation_data: Input.dataset(),
    epochs: Input.integer({ default: 20 }),
    learning_rate: Input.double({ default: 0.001 }),
  },
  outputs: { model: Output.model(), metrics: Output.metrics() },
  source: `
def train_deep_model(
    train_data: Input[Dataset],
    validation_data: Input[Dataset],
    model: Output[Model],
    metrics: Output[Metrics],
    epochs: int = 20,
    learning_rate: float = 0.001,
):
    """Trains a multi-layer perceptron with PyTorch on the GPU and records validation accuracy."""
    import pandas as pd
    import torch
    from torch import nn

    if not torch.cuda.is_available():
        raise RuntimeError('no GPU visible: check the node pool, the device plugin and the task placement')
    device = torch.device('cuda')

    def tensors(path):
        df = pd.read_parquet(path)
        x = torch.tensor(df.drop(columns=['label']).values, dtype=torch.float32, device=device)
        y = torch.tensor(df['label'].values, dtype=torch.long, device=device)
        return x, y

    x_train, y_train = tensors(train_data.path)
    x_val, y_val = tensors(validation_data.path)
    classes = int(torch.max(y_train).item()) + 1
    net = nn.Sequential(
        nn.Linear(x_train.shape[1], 256), nn.ReLU(), nn.Dropout(0.2),
        nn.Linear(256, 128), nn.ReLU(),
        nn.Linear(128, classes),
    ).to(device)
    optimizer = torch.optim.Adam(net.parameters(), lr=learning_rate)
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(epochs):
        net.train()
        for batch in torch.randperm(len(x_train), device=device).split(512):
            optimizer.zero_grad()
            loss = loss_fn(net(x_train[batch]), y_train[batch])
            loss.backward()
            optimizer.step()
        print(f'epoch {epoch + 1}/{epochs}: loss {loss.item():.4f}')
    net.eval()
    with torch.no_grad():
        accuracy = (net(x_val).argmax(dim=1) == y_val).float().mean().item()
    metrics.log_metric('validation_accuracy', accuracy)
    metrics.log_metric('gpu', torch.cuda.get_device_name(0))
    torch.save(net.state_dict(), model.path)
    model.metadata['framework'] = 'pytorch'
    model.metadata['gpu'] = torch.cuda.get_device_name(0)
`,
});

/** Adds the GPU training pipeline to a scope; `train-deep-model` runs on one GPU of `pool`. */
export function addGpuTrainingPipeline(scope: Construct, pool: IGpuPool, id: string = 'gpu-training-pipeline'): Pipeline {
  const pipeline = new Pipeline(scope, id, {
    name: 'gpu-training',
    description: 'Prepares a tabular dataset on CPU, then trains a PyTorch model on one GPU of the training pool.',
    parameters: {
      source_uri: Parameter.string({ default: 's3://ml-datasets/churn/v3/table.parquet' }),
      epochs: Parameter.integer({ default: 20 }),
      learning_rate: Parameter.double({ default: 0.001 }),
    },
  });
  const prep = pipeline.task('prepare-data', prepareData, {
    inputs: { source_uri: pipeline.param('source_uri') },
  }).withCpuRequest('1').withCpuLimit('2').withMemoryRequest('2Gi').withMemoryLimit('4Gi');
  const train = pipeline.task('train-deep-model', trainDeepModel, {
    inputs: {
      train_data: prep.output('train_data'),
      validation_data: prep.output('validation_data'),
      epochs: pipeline.param('epochs'),
      learning_rate: pipeline.param('learning_rate'),
    },
    retry: { maxRetryCount: 2 },
  }).withCpuRequest('4').withCpuLimit('4').withMemoryRequest('16Gi').withMemoryLimit('16Gi');
  // One call sets the accelerator type and count, the node selector, the tolerations and the queue label.
  train.runOn(pool, { gpus: 1 });
  return pipeline;
}
