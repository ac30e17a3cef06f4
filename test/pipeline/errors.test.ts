// Every bad input fails with a message naming the construct path, the value and what was expected.
import * as fs from 'fs';
import { App, Chart, Testing } from 'cdk8s';
import {
  ArtifactType, Collected, Component, Condition, ExitHandler, If, Input, OneOf, Output, ParallelFor, Parameter, Pipeline, Placeholder,
} from '../../src';
import { tempDir } from '../util/tmp';

const producer = Component.python({
  source: 'def produce() -> str:\n    return "x"\n',
  outputs: { Output: Output.string() },
});
const numberProducer = Component.python({
  source: 'def number() -> int:\n    return 1\n',
  outputs: { Output: Output.integer() },
});
const consumer = Component.python({
  source: 'def consume(text: str):\n    print(text)\n',
  inputs: { text: Input.string() },
});
const intConsumer = Component.python({
  source: 'def count(n: int):\n    print(n)\n',
  inputs: { n: Input.integer() },
});
const makeDataset = Component.python({
  source: 'def make(data: Output[Dataset]):\n    pass\n',
  outputs: { data: Output.dataset() },
});
const useModel = Component.python({
  source: 'def use(model: Input[Model]):\n    pass\n',
  inputs: { model: Input.model() },
});

function setup(): { app: App; chart: Chart; p: Pipeline } {
  const app = Testing.app();
  const chart = new Chart(app, 'chart');
  const p = new Pipeline(chart, 'my-pipeline', { parameters: { text: Parameter.string({ default: 'x' }), n: Parameter.integer({ default: 1 }) } });
  return { app, chart, p };
}

/** The validation errors of an app (what `cdk8s synth` reports). */
function synthErrors(app: App): string {
  try {
    app.synth();
  } catch (e: any) {
    return e.message;
  }
  return '';
}

describe('bad input fails synth with path, value and expectation', () => {
  test('a dependency cycle', () => {
    const { app, p } = setup();
    const a = p.task('a', producer);
    const b = p.task('b', producer).after(a);
    a.after(b);
    const message = synthErrors(app);
    expect(message).toMatch(/Pipeline 'chart\/my-pipeline' has a dependency cycle: chart\/my-pipeline\/(a|b) -> chart\/my-pipeline\/(a|b) -> chart\/my-pipeline\/(a|b); expected tasks to depend on each other without loops/);
  });

  test('a required input that is missing', () => {
    const { p } = setup();
    expect(() => p.task('consume', consumer)).toThrow(
      "Task 'chart/my-pipeline/consume': required input 'text' (STRING) of component 'consume' is missing; expected a value in inputs",
    );
  });

  test('an unknown input name', () => {
    const { p } = setup();
    expect(() => p.task('consume', consumer, { inputs: { text: 'a', txet: 'b' } })).toThrow(
      "Task 'chart/my-pipeline/consume': got unknown input 'txet' for component 'consume'; expected one of [\"text\"]",
    );
  });

  test('an unknown output name', () => {
    const { p } = setup();
    const t = p.task('produce', producer);
    expect(() => t.output('result')).toThrow(
      "Task 'chart/my-pipeline/produce': got unknown output 'result' of component 'produce'; expected one of [\"Output\"]",
    );
  });

  test('a parameter of the wrong type (constant)', () => {
    const { p } = setup();
    expect(() => p.task('count', intConsumer, { inputs: { n: 'three' } })).toThrow(
      "Task 'chart/my-pipeline/count': input 'n' has type NUMBER_INTEGER; got \"three\", expected an integer",
    );
  });

  test('a parameter of the wrong type (reference)', () => {
    const { p } = setup();
    const t = p.task('produce', producer);
    expect(() => p.task('count', intConsumer, { inputs: { n: t.output() } })).toThrow(
      "Task 'chart/my-pipeline/count': input 'n' has type NUMBER_INTEGER; got output 'Output' of task 'chart/my-pipeline/produce' of type STRING, expected a value of type NUMBER_INTEGER",
    );
  });

  test('a Dataset into a Model input', () => {
    const { p } = setup();
    const t = p.task('make', makeDataset);
    expect(() => p.task('use', useModel, { inputs: { model: t.output('data') } })).toThrow(
      "Task 'chart/my-pipeline/use': input 'model' has type system.Model; got output 'data' of task 'chart/my-pipeline/make' of type system.Dataset, expected a value of type system.Model",
    );
  });

  test('a parameter into an artifact input', () => {
    const { p } = setup();
    expect(() => p.task('use', useModel, { inputs: { model: p.param('text') } })).toThrow(
      "Task 'chart/my-pipeline/use': input 'model' has type system.Model; got input 'text' of pipeline 'chart/my-pipeline' of type STRING, expected a value of type system.Model",
    );
    expect(() => p.task('use-2', useModel, { inputs: { model: 's3://bucket/model' } })).toThrow(
      "Task 'chart/my-pipeline/use-2': input 'model' is an artifact (system.Model); got constant \"s3://bucket/model\", expected a task output or pipeline input artifact",
    );
  });

  test('a loop item used outside its loop', () => {
    const { p } = setup();
    const loop = new ParallelFor(p, 'loop', { items: ['a', 'b'] });
    expect(() => p.task('consume', consumer, { inputs: { text: loop.item } })).toThrow(
      "Task 'chart/my-pipeline/consume': input 'text' got the item of ParallelFor 'chart/my-pipeline/loop' outside that loop; expected the task to be created inside ParallelFor 'chart/my-pipeline/loop'",
    );
    expect(() => p.task('consume-2', consumer, { inputs: { text: `item ${loop.item}` } })).toThrow(
      /input 'text' got the item of ParallelFor 'chart\/my-pipeline\/loop' outside that loop/,
    );
  });

  test('an output produced inside a condition and consumed outside it', () => {
    const { app, p } = setup();
    const cond = new If(p, 'check', Condition.equalTo(p.param('text'), 'go'));
    const inner = cond.task('produce', producer);
    p.task('consume', consumer, { inputs: { text: inner.output() } });
    expect(synthErrors(app)).toContain(
      "task 'chart/my-pipeline/consume' depends on 'chart/my-pipeline/check/produce', which is inside condition 'chart/my-pipeline/check' that doesn't contain the task; expected the consumer inside that condition, or the value passed through OneOf (If/Elif/Else) or Collected (ParallelFor)",
    );
  });

  test('an output produced inside a loop and consumed outside it without Collected', () => {
    const { app, p } = setup();
    const loop = new ParallelFor(p, 'loop', { items: [1, 2] });
    const inner = loop.task('produce', producer);
    p.task('consume', consumer, { inputs: { text: inner.output() } });
    expect(synthErrors(app)).toContain(
      "task 'chart/my-pipeline/consume' consumes an output of 'chart/my-pipeline/loop/produce', which is inside ParallelFor 'chart/my-pipeline/loop' that doesn't contain the task; expected the consumer inside that ParallelFor, or the output wrapped in Collected",
    );
  });

  test('duplicate pipeline names in one app', () => {
    const { app, chart } = setup();
    const other = new Pipeline(chart, 'other', { name: 'my-pipeline' });
    other.task('produce', producer);
    expect(synthErrors(app)).toContain(
      "Pipeline 'chart/other': name 'my-pipeline' is also used by pipeline 'chart/my-pipeline'; expected unique pipeline names in an app (each writes <name>.pipeline.yaml)",
    );
  });

  test('a task named like a control-flow group', () => {
    const { app, p } = setup();
    const cond = new If(p, 'check', Condition.equalTo(p.param('text'), 'go'));
    cond.task('produce', producer);
    p.task('condition-1', producer);
    expect(synthErrors(app)).toContain(
      "Task 'chart/my-pipeline/condition-1': name 'condition-1' is also the name of a control-flow group; expected a task name other than condition-N, for-loop-N, exit-handler-N",
    );
  });

  test('a pipeline output set twice', () => {
    const { p } = setup();
    const t = p.task('produce', producer);
    p.addOutput('result', t.output());
    expect(() => p.addOutput('result', t.output())).toThrow(
      "Pipeline 'chart/my-pipeline': output 'result' is set twice; expected each output once",
    );
  });

  test('names that KFP rejects', () => {
    const app = Testing.app();
    expect(() => new Pipeline(app, 'p', { name: 'My_Pipeline' })).toThrow(
      "Pipeline 'p': got name \"My_Pipeline\"; expected a KFP pipeline name matching /^[a-z0-9][a-z0-9-]{0,127}$/ (lowercase letters, digits and '-', at most 128)",
    );
    expect(() => new Pipeline(app, 'q', { name: 'x'.repeat(129) })).toThrow(/got name "x{129}"; expected a KFP pipeline name/);
    const p = new Pipeline(app, 'ok');
    expect(() => p.task('___', producer)).toThrow(
      "Task 'ok/___': id '___' has no letters or digits, so KFP can't name the task; expected an id such as 'train-model'",
    );
    expect(() => new Pipeline(app, 'r', { parameters: { '1st': Parameter.string() } })).toThrow(
      "Pipeline 'r': got parameter name '1st'; expected a letter followed by letters, digits, '_' or '-'",
    );
    expect(() => Component.container({ name: 'c', image: 'alpine', inputs: { 'pipelinechannel--x': Input.string() } })).toThrow(
      "Component.container(\"c\"): input name 'pipelinechannel--x' is not valid; expected a letter followed by letters, digits, '_' or '-'",
    );
  });

  test('an ExitHandler with no exit task', () => {
    const { p } = setup();
    expect(() => new ExitHandler(p, 'cleanup', {} as any)).toThrow(
      "ExitHandler 'chart/my-pipeline/cleanup': got exit task undefined; expected a Task created before the ExitHandler in the pipeline's top-level scope",
    );
  });

  test('an exit task that depends on other tasks', () => {
    const { p } = setup();
    const t = p.task('produce', producer);
    const exit = p.task('consume', consumer, { inputs: { text: t.output() } });
    expect(() => new ExitHandler(p, 'cleanup', { exitTask: exit })).toThrow(
      "ExitHandler 'chart/my-pipeline/cleanup': exit task 'chart/my-pipeline/consume' depends on other tasks; expected an exit task whose inputs are constants or pipeline inputs",
    );
  });

  test('a non-JSON-serializable constant', () => {
    const { p } = setup();
    const listConsumer = Component.python({ source: 'def f(xs: list):\n    pass\n', inputs: { xs: Input.list() } });
    expect(() => p.task('f', listConsumer, { inputs: { xs: [1, () => 2] } })).toThrow(
      "Task 'chart/my-pipeline/f': input 'xs': got a function at [1]; expected a JSON value (string, finite number, boolean, list or plain object)",
    );
    expect(() => p.task('g', listConsumer, { inputs: { xs: [NaN] } })).toThrow(
      "Task 'chart/my-pipeline/g': input 'xs': got NaN at [0]; expected a JSON value (string, finite number, boolean, list or plain object)",
    );
    expect(() => p.task('h', listConsumer, { inputs: { xs: [new Date(0)] } })).toThrow(
      "Task 'chart/my-pipeline/h': input 'xs': got an instance of Date at [0]; expected a JSON value (string, finite number, boolean, list or plain object)",
    );
    expect(() => Input.list({ default: [undefined as any] })).toThrow(
      'Input.list default: got undefined at [0]; expected a JSON value (string, finite number, boolean, list or plain object)',
    );
  });
});

describe('more bad input', () => {
  test('Collected of an output that is not in a loop', () => {
    const { app, p } = setup();
    const t = p.task('produce', producer);
    const lists = Component.python({ source: 'def f(xs: list):\n    pass\n', inputs: { xs: Input.list() } });
    p.task('f', lists, { inputs: { xs: Collected.of(t.output()) } });
    expect(synthErrors(app)).toContain(
      "task 'chart/my-pipeline/f' uses Collected on the output of 'chart/my-pipeline/produce', which is not inside a ParallelFor that excludes the consumer",
    );
  });

  test('OneOf without an Else branch', () => {
    const { p } = setup();
    const a = new If(p, 'a', Condition.equalTo(p.param('text'), 'a'));
    const x = a.task('x', producer);
    const b = a.elif('b', Condition.equalTo(p.param('text'), 'b'));
    const y = b.task('y', producer);
    expect(() => OneOf.of(x.output(), y.output())).toThrow(
      "OneOf.of: the If/Elif/Else chain of 'chart/my-pipeline/a' has no Else branch; expected an Else so that a value is always produced",
    );
  });

  test('OneOf of values with different types', () => {
    const { p } = setup();
    const a = new If(p, 'a', Condition.equalTo(p.param('text'), 'a'));
    const x = a.task('x', producer);
    const e = a.otherwise('e');
    const y = e.task('y', numberProducer);
    expect(() => OneOf.of(x.output(), y.output())).toThrow(
      "OneOf.of: output 'Output' of task 'chart/my-pipeline/e/y' has type NUMBER_INTEGER but output 'Output' of task 'chart/my-pipeline/a/x' has type STRING; expected values of one type",
    );
  });

  test('Elif that does not follow its If', () => {
    const { p } = setup();
    const a = new If(p, 'a', Condition.equalTo(p.param('text'), 'a'));
    new ParallelFor(p, 'loop', { items: [1] });
    expect(() => a.elif('b', Condition.equalTo(p.param('text'), 'b'))).toThrow(
      "Elif 'chart/my-pipeline/b': must directly follow 'chart/my-pipeline/a', but another group was created in between; expected Elif/Else right after their If/Elif",
    );
  });

  test('conditions on lists, and on constants only', () => {
    const { p } = setup();
    const lp = new Pipeline(Testing.app(), 'lp', { parameters: { xs: Parameter.list() } });
    expect(() => Condition.equalTo(lp.param('xs'), 1)).toThrow(
      "Condition ==: got input 'xs' of pipeline 'lp' of type LIST; expected a str, int, float or bool parameter",
    );
    expect(() => Condition.equalTo(1, 1)).toThrow('Condition ==: got two constants (1 and 1); expected at least one pipeline parameter or task output');
    void p;
  });

  test('ParallelFor over a single value', () => {
    const { p } = setup();
    expect(() => new ParallelFor(p, 'loop', { items: p.param('text') })).toThrow(
      "ParallelFor 'chart/my-pipeline/loop': got items input 'text' of pipeline 'chart/my-pipeline' of type STRING; expected a LIST",
    );
    expect(() => new ParallelFor(p, 'loop2', { items: [] })).toThrow(
      "ParallelFor 'chart/my-pipeline/loop2': got items []; expected a non-empty list or a reference to a list",
    );
  });

  test('placeholders that name unknown inputs or the wrong kind', () => {
    expect(() => Component.container({ name: 'c', image: 'alpine', args: [Placeholder.inputValue('nope')] })).toThrow(
      "Component.container(\"c\"): placeholder {{$.inputs.parameters['nope']}} refers to input 'nope', which is not declared; expected one of []",
    );
    expect(() => Component.container({ name: 'c', image: 'alpine', inputs: { d: Input.dataset() }, args: [Placeholder.inputValue('d')] })).toThrow(
      "Component.container(\"c\"): placeholder {{$.inputs.parameters['d']}} reads artifact input 'd' as a parameter; expected Placeholder.inputPath/inputUri",
    );
    const list = { ds: Input.artifactList(ArtifactType.DATASET) };
    expect(() => Component.container({ name: 'c', image: 'alpine', inputs: list, args: [Placeholder.inputValue('ds')] })).toThrow(
      "Component.container(\"c\"): placeholder {{$.inputs.parameters['ds']}} reads artifact input 'ds' as a parameter; expected Placeholder.inputArtifactList",
    );
    expect(() => Component.container({ name: 'c', image: 'alpine', inputs: list, args: [Placeholder.inputPath('ds')] })).toThrow(
      "Component.container(\"c\"): placeholder {{$.inputs.artifacts['ds'].path}} reads the path of 'ds', a list of artifacts, which has none; expected Placeholder.inputArtifactList('ds')",
    );
    expect(() => Component.container({ name: 'c', image: 'alpine', inputs: { d: Input.dataset() }, args: [Placeholder.inputArtifactList('d')] })).toThrow(
      "Component.container(\"c\"): placeholder {{$.inputs.artifacts['d']}} passes artifact input 'd' whole, which kfp allows only for a list of artifacts; expected Placeholder.inputPath/inputUri/inputMetadata",
    );
  });

  test('resource quantities', () => {
    const { p } = setup();
    const t = p.task('produce', producer);
    expect(() => t.withCpuLimit('two')).toThrow("Task 'chart/my-pipeline/produce': got cpu limit \"two\"; expected a quantity such as '2' or a pipeline parameter");
    expect(() => t.withMemoryLimit('1GB')).toThrow("Task 'chart/my-pipeline/produce': got memory limit \"1GB\"; expected a quantity such as '4Gi' or a pipeline parameter");
    expect(() => t.withAcceleratorLimit(-1)).toThrow("Task 'chart/my-pipeline/produce': got accelerator limit -1; expected an integer of at least 1 or a parameter");
    expect(() => t.withAcceleratorLimit(0)).toThrow("Task 'chart/my-pipeline/produce': got accelerator limit 0; expected an integer of at least 1 or a parameter");
    expect(() => t.withAcceleratorLimit('0')).toThrow("Task 'chart/my-pipeline/produce': got accelerator limit \"0\"; expected an integer of at least 1 or a parameter");
  });

  test('a PipelineTaskFinalStatus input outside an exit task', () => {
    const { app, p } = setup();
    const status = Component.python({ source: 'def s(status: PipelineTaskFinalStatus):\n    pass\n', inputs: { status: Input.taskFinalStatus() } });
    p.task('status', status);
    expect(synthErrors(app)).toContain(
      "task 'chart/my-pipeline/status' has PipelineTaskFinalStatus input 'status' but is neither an ExitHandler's exit task nor set to ignoreUpstreamFailure()",
    );
  });

  test('Python components', () => {
    expect(() => Component.python({ source: 'print(1)\n' })).toThrow(
      "Component.python(undefined): the source has no top-level 'def'; expected the source of a Python function",
    );
    expect(() => Component.python({ source: 'def a():\n    pass\n', functionName: 'b' })).toThrow(
      "Component.python(\"b\"): got functionName 'b', which the source doesn't define; expected one of [\"a\"]",
    );
  });

  test('pipelines that run each other as components', () => {
    const app = Testing.app();
    const a = new Pipeline(app, 'a');
    const b = new Pipeline(app, 'b');
    a.task('b', b.asComponent());
    b.task('a', a.asComponent());
    expect(synthErrors(app)).toContain("Pipeline 'a' runs itself as a component (directly or through nested pipelines); expected nested pipelines without cycles");
  });

  test('an invalid app writes no pipeline file', () => {
    const outdir = tempDir('kfp-invalid-');
    const app = new App({ outdir });
    const p = new Pipeline(app, 'broken');
    const a = p.task('a', producer);
    const b = p.task('b', producer).after(a);
    a.after(b);
    const good = new Pipeline(app, 'good');
    good.task('a', producer);
    expect(() => app.synth()).toThrow(/dependency cycle/);
    expect(fs.readdirSync(outdir)).toEqual([]);
  });
});
