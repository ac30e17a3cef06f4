// Upstream corpus pipelines ported to TypeScript (share b of the corpus): see corpus.ts.
import { CorpusCase, corpusPy, NotPorted, pyComponent } from './corpus';
import {
  ArtifactType, Collected, Component, Condition, ExitHandler, If, Input, InputSpec, OneOf, Output, ParallelFor,
  Parameter, ParameterType, Pipeline, Placeholder,
} from '../../../src';

const UBI = 'registry.access.redhat.com/ubi9/python-311:latest';
const UBI8_PY39 = 'registry.redhat.io/ubi8/python-39@sha256:3523b184212e1f2243e76d8094ab52b01ea3015471471290d011625e1763af61';

/**
 * The container component `echo` of the mounted CA bundle pipelines. The bundle is not in the
 * pipeline file: the KFP backend mounts it into the pods it compiles (here
 * `pipeline.toArgoWorkflow({ caBundleConfigMapName, caBundleSecretName, caBundleKey })`).
 */
function echoUbi(): Component {
  return Component.container({ name: 'echo', image: UBI, command: ['echo'], args: ['hello world'] });
}

/** The YAML component of essential/pipeline_with_if_placeholder. */
const OPTIONAL_INPUTS_YAML = `
name: Component with optional inputs
inputs:
- {name: required_input, type: String, optional: false}
- {name: optional_input_1, type: String, optional: true}
- {name: optional_input_2, type: String, optional: true}
implementation:
  container:
    image: ghcr.io/containerd/busybox
    command:
    - echo
    args:
    - --arg0
    - {inputValue: required_input}
    - if:
        cond:
          isPresent: optional_input_1
        then:
          - --arg1
          - {inputValue: optional_input_1}
    - if:
        cond:
          isPresent: optional_input_2
        then:
          - --arg2
          - {inputValue: optional_input_2}
        else:
          - --arg2
          - 'default value'
`;

/** The YAML components of essential/pipeline_with_nested_conditions_yaml. */
function randomNumOp(low: number, high: number): Component {
  return Component.fromYaml(`
      name: Generate random number
      outputs:
      - {name: output, type: Integer}
      implementation:
        container:
          image: python:alpine3.9
          command:
          - sh
          - -c
          args:
          - mkdir -p "$(dirname $2)" && python -c "import random; print(random.randint($0, $1), end='')" | tee $2
          - "${low}"
          - "${high}"
          - {outputPath: output}
      `);
}

const FLIP_COIN_YAML = `
      name: Flip coin
      outputs:
      - {name: output, type: String}
      implementation:
        container:
          image: python:alpine3.9
          command:
          - sh
          - -c
          args:
          - mkdir -p "$(dirname $0)" && python -c "import random; result = 'heads' if random.randint(0,1) == 0 else 'tails'; print(result, end='')" | tee $0
          - {outputPath: output}
      `;

const PRINT_YAML = `
      name: Print
      inputs:
      - {name: msg, type: String}
      implementation:
        container:
          image: python:alpine3.9
          command:
          - echo
          - {inputValue: msg}
      `;

function ifPlaceholderCase(pipelineName: string, both: boolean): CorpusCase {
  return {
    path: 'essential/pipeline_with_if_placeholder',
    pipelineName,
    build: (scope) => {
      const componentOp = Component.fromYaml(OPTIONAL_INPUTS_YAML);
      const p = new Pipeline(scope, pipelineName, {
        parameters: both
          ? {
            input0: Parameter.string({ default: 'input0' }),
            input1: Parameter.string({ default: 'input1' }),
            input2: Parameter.string({ default: 'input2' }),
          }
          : { input0: Parameter.string({ default: 'input0' }) },
      });
      p.addTask(componentOp, {
        inputs: both
          ? { required_input: p.param('input0'), optional_input_1: p.param('input1'), optional_input_2: p.param('input2') }
          : { required_input: p.param('input0') },
      });
      return p;
    },
  };
}

export const CASES_B: CorpusCase[] = [
  {
    path: 'essential/concat_message',
    build: (scope) => Pipeline.fromComponent(scope, 'concat-message', pyComponent('essential/concat_message', 'concat_message', {
      inputs: { message1: Input.string(), message2: Input.string() },
      outputs: { Output: Output.string() },
    })),
  },
  {
    path: 'essential/container_no_input',
    build: (scope) => Pipeline.fromComponent(scope, 'container-no-input', Component.container({
      name: 'container_no_input', image: UBI, command: ['echo', 'hello world'], args: [],
    })),
  },
  {
    path: 'essential/dict_input',
    build: (scope) => Pipeline.fromComponent(scope, 'dict-input', pyComponent('essential/dict_input', 'dict_input', {
      inputs: { struct: Input.struct() },
    })),
  },
  {
    path: 'essential/iris_pipeline',
    build: (scope) => {
      const g = 'essential/iris_pipeline';
      const createDataset = pyComponent(g, 'create_dataset', {
        baseImage: UBI8_PY39,
        packagesToInstall: ['pandas==2.2.0'],
        outputs: { iris_dataset: Output.dataset() },
      });
      const normalizeDataset = pyComponent(g, 'normalize_dataset', {
        baseImage: UBI8_PY39,
        packagesToInstall: ['pandas==2.2.0', 'scikit-learn==1.4.0'],
        inputs: { input_iris_dataset: Input.dataset(), standard_scaler: Input.boolean() },
        outputs: { normalized_iris_dataset: Output.dataset() },
      });
      const trainModel = pyComponent(g, 'train_model', {
        baseImage: UBI8_PY39,
        packagesToInstall: ['pandas==2.2.0', 'scikit-learn==1.4.0'],
        inputs: { normalized_iris_dataset: Input.dataset(), n_neighbors: Input.integer() },
        outputs: { model: Output.model(), metrics: Output.classificationMetrics() },
      });
      const p = new Pipeline(scope, 'iris-training-pipeline', {
        parameters: { standard_scaler: Parameter.boolean({ default: true }), neighbors: Parameter.integer({ default: 3 }) },
      });
      const create = p.addTask(createDataset, { caching: false });
      const normalize = p.addTask(normalizeDataset, {
        inputs: { input_iris_dataset: create.output('iris_dataset'), standard_scaler: p.param('standard_scaler') },
        caching: false,
      });
      p.addTask(trainModel, {
        inputs: { normalized_iris_dataset: normalize.output('normalized_iris_dataset'), n_neighbors: p.param('neighbors') },
        caching: false,
      });
      return p;
    },
  },
  {
    path: 'essential/lightweight_python_functions_with_outputs',
    build: (scope) => {
      const g = 'essential/lightweight_python_functions_with_outputs';
      const concatMessage = pyComponent(g, 'concat_message', {
        inputs: { first: Input.string(), second: Input.string() },
        outputs: { Output: Output.string() },
      });
      const addNumbers = pyComponent(g, 'add_numbers', {
        inputs: { first: Input.integer(), second: Input.integer() },
        outputs: { Output: Output.integer() },
      });
      const outputArtifact = pyComponent(g, 'output_artifact', {
        inputs: { number: Input.integer(), message: Input.string() },
        outputs: { Output: Output.dataset() },
      });
      const outputNamedTuple = pyComponent(g, 'output_named_tuple', {
        inputs: { artifact: Input.dataset() },
        outputs: { scalar: Output.string(), metrics: Output.metrics(), model: Output.model() },
      });
      const p = new Pipeline(scope, 'functions-with-outputs', {
        parameters: {
          first_message: Parameter.string(),
          second_message: Parameter.string(),
          first_number: Parameter.integer(),
          second_number: Parameter.integer(),
        },
      });
      const concat = p.addTask(concatMessage, { inputs: { first: p.param('first_message'), second: p.param('second_message') } });
      const add = p.addTask(addNumbers, { inputs: { first: p.param('first_number'), second: p.param('second_number') } });
      const artifact = p.addTask(outputArtifact, { inputs: { number: add.output(), message: concat.output() } });
      p.addTask(outputNamedTuple, { inputs: { artifact: artifact.output() } });
      return p;
    },
  },
  ifPlaceholderCase('one-step-pipeline-with-if-placeholder-supply-both', true),
  ifPlaceholderCase('one-step-pipeline-with-if-placeholder-supply-none', false),
  {
    path: 'essential/pipeline_with_metrics_outputs',
    build: (scope) => {
      const outputMetrics = pyComponent('essential/pipeline_with_metrics_outputs', 'output_metrics', {
        outputs: { metrics: Output.metrics() },
      });
      const p = new Pipeline(scope, 'pipeline-with-metrics-outputs');
      p.addTask(outputMetrics);
      new ParallelFor(p, 'loop', { items: [1, 2] }).addTask(outputMetrics);
      return p;
    },
  },
  {
    path: 'essential/pipeline_with_nested_conditions',
    build: (scope) => {
      const g = 'essential/pipeline_with_nested_conditions';
      const flipCoinOp = pyComponent(g, 'flip_coin_op', { outputs: { Output: Output.string() } });
      const printOp = pyComponent(g, 'print_op', { inputs: { msg: Input.string() } });
      const p = new Pipeline(scope, 'nested-conditions-pipeline');
      const flip1 = p.addTask(flipCoinOp);
      p.addTask(printOp, { inputs: { msg: flip1.output() } });
      const flip2 = p.addTask(flipCoinOp);
      p.addTask(printOp, { inputs: { msg: flip2.output() } });
      const outer = new If(p, 'always', Condition.notEqualTo(flip1.output(), 'no-such-result'));
      const flip3 = outer.addTask(flipCoinOp);
      outer.addTask(printOp, { inputs: { msg: flip3.output() } });
      const inner = new If(outer, 'same', Condition.equalTo(flip2.output(), flip3.output()));
      const flip4 = inner.addTask(flipCoinOp);
      inner.addTask(printOp, { inputs: { msg: flip4.output() } });
      return p;
    },
  },
  {
    path: 'essential/pipeline_with_nested_conditions_yaml',
    build: (scope) => {
      const flipCoinOp = Component.fromYaml(FLIP_COIN_YAML);
      const printOp = Component.fromYaml(PRINT_YAML);
      const p = new Pipeline(scope, 'my-pipeline', {
        name: 'conditional-execution-pipeline',
        displayName: 'Conditional execution pipeline.',
        description: 'Shows how to use dsl.Condition().',
      });
      const flip = p.addTask(flipCoinOp);
      const heads = new If(p, 'heads', Condition.equalTo(flip.output(), 'heads'));
      const numHead = heads.addTask(randomNumOp(0, 9));
      new If(heads, 'gt5', Condition.greaterThan(numHead.output(), 5))
        .addTask(printOp, { inputs: { msg: `heads and ${numHead.output()} > 5!` } });
      new If(heads, 'le5', Condition.lessThanOrEqualTo(numHead.output(), 5))
        .addTask(printOp, { inputs: { msg: `heads and ${numHead.output()} <= 5!` } });
      const tails = new If(p, 'tails', Condition.equalTo(flip.output(), 'tails'));
      const numTail = tails.addTask(randomNumOp(10, 19));
      new If(tails, 'gt15', Condition.greaterThan(numTail.output(), 15))
        .addTask(printOp, { inputs: { msg: `tails and ${numTail.output()} > 15!` } });
      new If(tails, 'le15', Condition.lessThanOrEqualTo(numTail.output(), 15))
        .addTask(printOp, { inputs: { msg: `tails and ${numTail.output()} <= 15!` } });
      return p;
    },
  },
  {
    path: 'essential/pipeline_with_outputs',
    build: (scope) => {
      const g = 'essential/pipeline_with_outputs';
      const printOp1 = pyComponent(g, 'print_op1', { inputs: { msg: Input.string() }, outputs: { Output: Output.string() } });
      const printOp2 = Component.container({
        name: 'print_op2',
        image: 'alpine',
        inputs: { msg: Input.string() },
        outputs: { data: Output.artifact() },
        command: ['sh', '-c', 'mkdir --parents $(dirname "$1") && echo "$0" > "$1"'],
        args: [Placeholder.inputValue('msg'), Placeholder.outputPath('data')],
      });
      const inner = new Pipeline(scope, 'inner-pipeline', {
        parameters: { msg: Parameter.string() },
        outputs: { msg: Output.string(), data: Output.artifact() },
        writeFile: false,
      });
      const t1 = inner.addTask(printOp1, { inputs: { msg: inner.param('msg') } });
      const t2 = inner.addTask(printOp2, { inputs: { msg: t1.output() } });
      inner.addOutput('msg', t1.output());
      inner.addOutput('data', t2.output());
      const p = new Pipeline(scope, 'pipeline-in-pipeline', {
        parameters: { msg: Parameter.string({ default: 'Hello' }) },
        outputs: { Output: Output.artifact() },
      });
      p.addTask(printOp1, { inputs: { msg: p.param('msg') } });
      const t = p.addTask(inner.asComponent(), { inputs: { msg: 'world' } });
      p.addOutput('Output', t.output('data'));
      return p;
    },
  },
  {
    path: 'essential/pipeline_with_params_containing_format',
    build: (scope) => {
      const g = 'essential/pipeline_with_params_containing_format';
      const printOp = pyComponent(g, 'print_op', { inputs: { text: Input.string() }, outputs: { Output: Output.string() } });
      const printOp2 = pyComponent(g, 'print_op2', { inputs: { text1: Input.string(), text2: Input.string() }, outputs: { Output: Output.string() } });
      const p = new Pipeline(scope, 'pipeline-with-pipelineparam-containing-format', {
        parameters: { name: Parameter.string({ default: 'KFP' }) },
      });
      const printTask = p.addTask(printOp, { inputs: { text: `Hello ${p.param('name')}` } });
      p.addTask(printOp, { inputs: { text: `${printTask.output()}, again.` } });
      const newValue = ` and ${p.param('name')}.`;
      const loop = new ParallelFor(p, 'loop', { items: ['1', '2'] });
      loop.addTask(printOp2, { inputs: { text1: loop.item, text2: newValue } });
      return p;
    },
  },
  {
    path: 'essential/pipeline_with_reused_component',
    build: (scope) => {
      const addOp = Component.fromFile(corpusPy('critical/add_numbers').replace(/\.py$/, '.yaml'));
      const p = new Pipeline(scope, 'pipeline-with-reused-component', {
        parameters: { a: Parameter.integer({ default: 2 }), b: Parameter.integer({ default: 5 }) },
      });
      const first = p.addTask(addOp, { inputs: { a: p.param('a'), b: 3 } });
      const second = p.addTask(addOp, { inputs: { a: first.output('Output'), b: p.param('b') } });
      p.addTask(addOp, { inputs: { a: second.output('Output'), b: 7 } });
      return p;
    },
  },
  {
    path: 'failing/fail_v2',
    build: (scope) => {
      const fail = pyComponent('failing/fail_v2', 'fail', { description: 'Fails' });
      const p = new Pipeline(scope, 'fail-pipeline');
      p.addTask(fail);
      return p;
    },
  },
  {
    path: 'identity',
    build: (scope) => Pipeline.fromComponent(scope, 'identity', pyComponent('identity', 'identity', {
      inputs: { value: Input.string() },
      outputs: { Output: Output.string() },
    })),
  },
  {
    path: 'if_else_with_oneof_parameters',
    build: (scope) => {
      const g = 'if_else_with_oneof_parameters';
      const flipCoin = pyComponent(g, 'flip_coin', { outputs: { Output: Output.string() } });
      const printAndReturn = pyComponent(g, 'print_and_return', { inputs: { text: Input.string() }, outputs: { Output: Output.string() } });
      const p = new Pipeline(scope, 'flip-coin-pipeline', { outputs: { Output: Output.string() } });
      const flip = p.addTask(flipCoin);
      const heads = new If(p, 'heads', Condition.equalTo(flip.output(), 'heads'));
      const t1 = heads.addTask(printAndReturn, { inputs: { text: 'Got heads!' } });
      const t2 = heads.otherwise('tails').addTask(printAndReturn, { inputs: { text: 'Got tails!' } });
      const x = OneOf.of(t1.output(), t2.output());
      p.addTask(printAndReturn, { inputs: { text: x } });
      p.addOutput('Output', x);
      return p;
    },
  },
  {
    path: 'input_artifact',
    build: (scope) => Pipeline.fromComponent(scope, 'input-artifact', pyComponent('input_artifact', 'input_artifact', {
      inputs: { data: Input.dataset() },
    })),
  },
  {
    path: 'integration/ray_integration',
    build: (scope) => {
      const rayFn = pyComponent('integration/ray_integration', 'ray_fn', {
        packagesToInstall: ['codeflare-sdk==0.32.2'],
        baseImage: UBI,
        outputs: { Output: Output.integer() },
      });
      const p = new Pipeline(scope, 'ray-integration-test', { description: 'Ray Integration Test' });
      p.addTask(rayFn, { caching: false });
      return p;
    },
  },
  {
    path: 'local_execution/local_execution_pipeline_with_exit_handler',
    build: (scope) => {
      const g = 'local_execution/local_execution_pipeline_with_exit_handler';
      const recordExit = pyComponent(g, 'record_exit', { inputs: { status: Input.taskFinalStatus() }, outputs: { Output: Output.string() } });
      const echo = pyComponent(g, 'echo', { inputs: { message: Input.string() }, outputs: { Output: Output.string() } });
      const p = new Pipeline(scope, 'pipeline-with-exit-handler', {
        description: 'Runs `echo` inside an ExitHandler.\n'
          + 'On success the exit task receives a PipelineTaskFinalStatus with\n'
          + "state='SUCCEEDED'. No pipeline output \u2014 KFP's compiler rejects\n"
          + 'returning a value from inside an ExitHandler.',
        parameters: { message: Parameter.string({ default: 'hello' }) },
      });
      const exitTask = p.addTask(recordExit);
      new ExitHandler(p, 'exit', { exitTask }).addTask(echo, { inputs: { message: p.param('message') } });
      return p;
    },
  },
  {
    path: 'local_execution/local_execution_pipeline_with_ignore_upstream_failure',
    build: (scope) => {
      const g = 'local_execution/local_execution_pipeline_with_ignore_upstream_failure';
      const failAlways = pyComponent(g, 'fail_always', { outputs: { Output: Output.string() } });
      const writeMarker = pyComponent(g, 'write_marker', { inputs: { marker_path: Input.string() }, outputs: { Output: Output.string() } });
      const p = new Pipeline(scope, 'pipeline-with-ignore-upstream-failure', { parameters: { marker_path: Parameter.string() } });
      const upstream = p.addTask(failAlways);
      p.addTask(writeMarker, { inputs: { marker_path: p.param('marker_path') } }).after(upstream).ignoreUpstreamFailure();
      return p;
    },
  },
  {
    path: 'local_execution/local_execution_pipeline_with_oneof',
    build: (scope) => {
      const g = 'local_execution/local_execution_pipeline_with_oneof';
      const branchA = pyComponent(g, 'branch_a', { outputs: { Output: Output.string() } });
      const branchB = pyComponent(g, 'branch_b', { outputs: { Output: Output.string() } });
      const tagSelected = pyComponent(g, 'tag_selected', { inputs: { value: Input.string() }, outputs: { Output: Output.string() } });
      const p = new Pipeline(scope, 'pipeline-with-oneof', {
        parameters: { pick_a: Parameter.boolean({ default: true }) },
        outputs: { Output: Output.string() },
      });
      const pickA = new If(p, 'a', Condition.equalTo(p.param('pick_a'), true));
      const a = pickA.addTask(branchA);
      const b = pickA.otherwise('b').addTask(branchB);
      const tagged = p.addTask(tagSelected, { inputs: { value: OneOf.of(a.output(), b.output()) } });
      p.addOutput('Output', tagged.output());
      return p;
    },
  },
  {
    path: 'local_execution/pipeline_with_caching',
    build: (scope) => {
      const addOne = pyComponent('local_execution/pipeline_with_caching', 'add_one', {
        inputs: { x: Input.integer() },
        outputs: { Output: Output.integer() },
      });
      const p = new Pipeline(scope, 'pipeline-with-caching', {
        parameters: { x: Parameter.integer({ default: 1 }) },
        outputs: { Output: Output.integer() },
      });
      const t = p.addTask(addOne, { inputs: { x: p.param('x') } }).withCaching(true);
      p.addOutput('Output', t.output());
      return p;
    },
  },
  {
    path: 'local_execution/pipeline_with_collected_artifacts',
    build: (scope) => {
      const g = 'local_execution/pipeline_with_collected_artifacts';
      const writeArtifact = pyComponent(g, 'write_artifact', { inputs: { index: Input.integer() }, outputs: { out: Output.artifact() } });
      const readAndJoin = pyComponent(g, 'read_and_join', { inputs: { artifacts: Input.artifactList(ArtifactType.ARTIFACT) }, outputs: { Output: Output.string() } });
      const p = new Pipeline(scope, 'pipeline-with-collected-artifacts', { outputs: { Output: Output.string() } });
      const loop = new ParallelFor(p, 'loop', { items: [0, 1, 2] });
      const producer = loop.addTask(writeArtifact, { inputs: { index: loop.item } });
      const reader = p.addTask(readAndJoin, { inputs: { artifacts: Collected.of(producer.output('out')) } });
      p.addOutput('Output', reader.output());
      return p;
    },
  },
  {
    path: 'log_streaming',
    build: (scope) => {
      const printMessage = pyComponent('log_streaming', 'print_message', { baseImage: UBI8_PY39, inputs: { message: Input.string() } });
      const p = new Pipeline(scope, 'log-streaming-pipeline', {
        description: 'Pipeline that prints a hello message in a loop to test log streaming in Dashboard',
        parameters: { message: Parameter.string({ default: 'Hello world' }) },
      });
      p.addTask(printMessage, { inputs: { message: p.param('message') }, caching: false });
      return p;
    },
  },
  {
    path: 'long_running',
    build: (scope) => {
      const waitOp = Component.container({
        name: 'wait_op',
        image: 'alpine:latest',
        command: ['sh', '-c'],
        args: ['echo step-1 sleeping for 5m; sleep 300; echo done1'],
      });
      const p = new Pipeline(scope, 'wait-awhile');
      const t1 = p.addTask(waitOp);
      p.addTask(waitOp).after(t1);
      return p;
    },
  },
  {
    path: 'mounted_cabundle_configmap',
    build: (scope) => Pipeline.fromComponent(scope, 'echo', echoUbi()),
  },
  {
    path: 'mounted_cabundle_secret',
    build: (scope) => Pipeline.fromComponent(scope, 'echo', echoUbi()),
  },
  {
    path: 'nested_return',
    build: (scope) => Pipeline.fromComponent(scope, 'nested-return', pyComponent('nested_return', 'nested_return', {
      outputs: { Output: Output.list({ itemType: ParameterType.structOf(ParameterType.STRING) }) },
    })),
  },
  {
    path: 'nested_with_parameters',
    build: (scope) => {
      const g = 'nested_with_parameters';
      const double = pyComponent(g, 'double', { inputs: { num: Input.integer() }, outputs: { Output: Output.integer() } });
      const add = pyComponent(g, 'add', { inputs: { nums: Input.list() }, outputs: { Output: Output.integer() } });
      const addTwoNums = pyComponent(g, 'add_two_nums', { inputs: { x: Input.integer(), y: Input.integer() }, outputs: { Output: Output.integer() } });
      const p = new Pipeline(scope, 'math-pipeline', { outputs: { Output: Output.list({ itemType: ParameterType.NUMBER_INTEGER }) } });
      const outer = new ParallelFor(p, 'x', { items: [1, 2, 3] });
      const inner = new ParallelFor(outer, 'y', { items: [1, 2, 3] });
      const t1 = inner.addTask(double, { inputs: { num: outer.item } });
      const t2 = inner.addTask(double, { inputs: { num: inner.item } });
      const t3 = inner.addTask(addTwoNums, { inputs: { x: t1.output(), y: t2.output() } });
      p.addTask(add, { inputs: { nums: Collected.of(t3.output()) } });
      p.addOutput('Output', Collected.of(t3.output()));
      return p;
    },
  },
  {
    path: 'output_metrics',
    build: (scope) => Pipeline.fromComponent(scope, 'output-metrics', pyComponent('output_metrics', 'output_metrics', {
      description: 'Dummy component that outputs metrics with a random accuracy.',
      outputs: { metrics: Output.metrics() },
    })),
  },
  {
    path: 'parallel_and_nested/nested_parallel_for_secret',
    build: (scope) => {
      const g = 'parallel_and_nested/nested_parallel_for_secret';
      const emitSecretName = pyComponent(g, 'emit_secret_name', { baseImage: 'python:3.11', outputs: { Output: Output.string() } });
      const worker = pyComponent(g, 'worker_component', { baseImage: 'python:3.11', inputs: { item: Input.string() }, outputs: { Output: Output.string() } });
      const p = new Pipeline(scope, 'pipeline-4-nested-parallel-for-secret', {
        description: 'Pipeline with outer task output used as secret name inside ParallelFor.',
      });
      const secretName = p.addTask(emitSecretName);
      const loop = new ParallelFor(p, 'loop', { items: ['x', 'y'], parallelism: 1 });
      loop.addTask(worker, { inputs: { item: loop.item } }).kubernetes.useSecretAsEnv(secretName.output(), { username: 'MY_SECRET_KEY' });
      return p;
    },
  },
  {
    path: 'parallel_and_nested/nested_pipeline_opt_input_child_level',
    build: (scope) => {
      const g = 'parallel_and_nested/nested_pipeline_opt_input_child_level';
      const comp = (fn: string, input: string, spec: InputSpec) => pyComponent(g, fn, { inputs: { [input]: spec } });
      const aStr = comp('component_a_str', 'componentInputStr', Input.string({ optional: true }));
      const bStr = comp('component_b_str', 'componentInputStr', Input.string({ optional: true }));
      const aInt = comp('component_a_int', 'componentInputInt', Input.integer({ optional: true }));
      const bInt = comp('component_b_int', 'componentInputInt', Input.integer({ optional: true }));
      const aBool = comp('component_a_bool', 'componentInputBool', Input.boolean({ optional: true }));
      const bBool = comp('component_b_bool', 'componentInputBool', Input.boolean({ optional: true }));
      const nested = new Pipeline(scope, 'nested-pipeline', {
        parameters: {
          nestedInputStr1: Parameter.string({ default: 'Input 1 - nested pipeline' }),
          nestedInputStr2: Parameter.string({ default: 'Input 2 - nested pipeline' }),
          nestedInputInt1: Parameter.integer({ default: 0 }),
          nestedInputInt2: Parameter.integer({ default: 0 }),
          nestedInputBool1: Parameter.boolean({ default: false }),
          nestedInputBool2: Parameter.boolean({ default: false }),
        },
        writeFile: false,
      });
      nested.addTask(aStr, { inputs: { componentInputStr: nested.param('nestedInputStr1') }, caching: false });
      nested.addTask(bStr, { inputs: { componentInputStr: nested.param('nestedInputStr2') }, caching: false });
      nested.addTask(aInt, { inputs: { componentInputInt: nested.param('nestedInputInt1') }, caching: false });
      nested.addTask(bInt, { inputs: { componentInputInt: nested.param('nestedInputInt2') }, caching: false });
      nested.addTask(aBool, { inputs: { componentInputBool: nested.param('nestedInputBool1') }, caching: false });
      nested.addTask(bBool, { inputs: { componentInputBool: nested.param('nestedInputBool2') }, caching: false });
      const p = new Pipeline(scope, 'nested-pipeline-opt-input-child-level');
      p.addTask(nested.asComponent(), {
        inputs: { nestedInputStr1: 'Input - pipeline', nestedInputInt1: 1, nestedInputBool1: true },
        caching: false,
      });
      return p;
    },
  },
  {
    path: 'parallel_and_nested/nested_pipeline_opt_inputs_nil',
    build: (scope) => {
      const g = 'parallel_and_nested/nested_pipeline_opt_inputs_nil';
      const str = pyComponent(g, 'component_str', { inputs: { componentInput: Input.string({ optional: true }) } });
      const int = pyComponent(g, 'component_int', { inputs: { componentInput: Input.integer({ optional: true }) } });
      const bool = pyComponent(g, 'component_bool', { inputs: { componentInput: Input.boolean({ optional: true }) } });
      const nested = new Pipeline(scope, 'nested-pipeline', {
        parameters: {
          nestedInputStr: Parameter.string({ optional: true }),
          nestedInputInt: Parameter.integer({ optional: true }),
          nestedInputBool: Parameter.boolean({ optional: true }),
        },
        writeFile: false,
      });
      nested.addTask(str, { inputs: { componentInput: nested.param('nestedInputStr') }, caching: false });
      nested.addTask(int, { inputs: { componentInput: nested.param('nestedInputInt') }, caching: false });
      nested.addTask(bool, { inputs: { componentInput: nested.param('nestedInputBool') }, caching: false });
      const p = new Pipeline(scope, 'nested-pipeline-opt-inputs-nil');
      p.addTask(nested.asComponent(), { caching: false });
      return p;
    },
  },
  {
    path: 'parallel_and_nested/nested_pipeline_opt_inputs_parent_level',
    build: (scope) => {
      const g = 'parallel_and_nested/nested_pipeline_opt_inputs_parent_level';
      const nilStr = pyComponent(g, 'component_nil_str_default', { inputs: { componentInput: Input.string({ optional: true }) } });
      const str = pyComponent(g, 'component_str_default', { inputs: { componentInput: Input.string({ default: 'Input - component' }) } });
      const nilInt = pyComponent(g, 'component_nil_int_default', { inputs: { componentInput: Input.integer({ optional: true }) } });
      const int = pyComponent(g, 'component_int_default', { inputs: { componentInput: Input.integer({ default: 0 }) } });
      const nilBool = pyComponent(g, 'component_nil_bool_default', { inputs: { componentInput: Input.boolean({ optional: true }) } });
      const bool = pyComponent(g, 'component_bool_default', { inputs: { componentInput: Input.boolean({ default: false }) } });
      const nonNil = new Pipeline(scope, 'nested-pipeline-non-nil-defaults', {
        parameters: {
          nestedInputStr: Parameter.string({ default: 'Input - nested pipeline' }),
          nestedInputInt: Parameter.integer({ default: 0 }),
          nestedInputBool: Parameter.boolean({ default: false }),
        },
        writeFile: false,
      });
      nonNil.addTask(str, { inputs: { componentInput: nonNil.param('nestedInputStr') }, caching: false });
      nonNil.addTask(int, { inputs: { componentInput: nonNil.param('nestedInputInt') }, caching: false });
      nonNil.addTask(bool, { inputs: { componentInput: nonNil.param('nestedInputBool') }, caching: false });
      const nil = new Pipeline(scope, 'nested-pipeline-nil-defaults', {
        parameters: {
          nestedInputStr: Parameter.string({ default: 'Input - nested pipeline' }),
          nestedInputInt: Parameter.integer({ optional: true }),
          nestedInputBool: Parameter.boolean({ optional: true }),
        },
        writeFile: false,
      });
      nil.addTask(nilStr, { inputs: { componentInput: nil.param('nestedInputStr') }, caching: false });
      nil.addTask(nilInt, { inputs: { componentInput: nil.param('nestedInputInt') }, caching: false });
      nil.addTask(nilBool, { inputs: { componentInput: nil.param('nestedInputBool') }, caching: false });
      const p = new Pipeline(scope, 'nested-pipeline-opt-inputs-parent-level', {
        parameters: {
          inputStr: Parameter.string({ default: 'Input - parent pipeline' }),
          inputInt: Parameter.integer({ default: 1 }),
          inputBool: Parameter.boolean({ default: true }),
        },
      });
      const inputs = { nestedInputStr: p.param('inputStr'), nestedInputInt: p.param('inputInt'), nestedInputBool: p.param('inputBool') };
      p.addTask(nonNil.asComponent(), { inputs, caching: false });
      p.addTask(nil.asComponent(), { inputs, caching: false });
      return p;
    },
  },
];

export const NOT_PORTED_B: NotPorted[] = [
  {
    path: 'essential/embedded_artifact',
    reason: 'kfp itself is not reproducible here: embedded_artifact_path makes kfp embed a gzip-compressed tar of a '
      + 'directory it creates in tempfile.TemporaryDirectory() at import time; gzip.compress() writes the current time '
      + 'into the gzip header and the tar carries the files\' mtimes, so two kfp compilations of the file differ '
      + '(__KFP_EMBEDDED_ARCHIVE_B64 in the executor source)',
  },
];
