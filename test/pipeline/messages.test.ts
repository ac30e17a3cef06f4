// The remaining bad-input messages: each names where, what it got and what was expected.
import { App, Duration, Testing } from 'cdk8s';
import {
  ArtifactType, Collected, Component, Condition, Else, ExitHandler, If, Input, KubernetesComponents, OneOf, Output, ParallelFor,
  Parameter, ParameterType, Pipeline, Task,
} from '../../src';

const produce = Component.python({ source: 'def produce() -> str:\n    return "x"\n', outputs: { Output: Output.string() } });
const many = Component.python({ source: 'def many():\n    pass\n', outputs: { a: Output.string(), b: Output.string() } });
const consume = Component.python({ source: 'def consume(text: str):\n    pass\n', inputs: { text: Input.string() } });
const finalStatus = Component.python({ source: 'def s(status: PipelineTaskFinalStatus):\n    pass\n', inputs: { status: Input.taskFinalStatus() } });

function pipeline(props: any = {}): Pipeline {
  return new Pipeline(Testing.app(), 'p', { parameters: { s: Parameter.string({ default: 'x' }), xs: Parameter.list({ default: [1] }) }, ...props });
}

function errorsOf(app: App): string {
  try {
    app.synth();
    return '';
  } catch (e: any) {
    return e.message;
  }
}

describe('construction errors', () => {
  const cases: Array<[string, () => unknown, string]> = [
    ['input default of the wrong type', () => Input.integer({ default: 1.5 }), 'Input.integer: got default 1.5; expected an integer'],
    ['string default', () => Input.string({ default: 3 as any }), 'Input.string: got default 3; expected a string'],
    ['custom artifact type title', () => ArtifactType.custom('Model'), "ArtifactType.custom: got schema title \"Model\"; expected a dotted name such as 'google.VertexModel'"],
    ['custom artifact type version', () => ArtifactType.custom('google.X', '1'), "ArtifactType.custom: got schema version \"1\" for 'google.X'; expected three-part semantic versioning such as '0.0.1'"],
    ['Output of TASK_FINAL_STATUS', () => Output.parameter(ParameterType.TASK_FINAL_STATUS), 'Output.parameter: got TASK_FINAL_STATUS; expected a value type (it is only an input type)'],
    ['container without image', () => Component.container({ name: 'c', image: '' }), 'Component.container("c"): got image ""; expected a container image reference'],
    ['container without name', () => Component.container({ name: '--', image: 'alpine' }), 'Component.container("--"): got name "--"; expected a name with letters or digits'],
    ['non-string arg', () => Component.container({ name: 'c', image: 'a', args: [1 as any] }), 'Component.container("c"): command/args element 1 is not a string; expected a string or a Placeholder'],
    ['input spec of the wrong kind', () => Component.container({ name: 'c', image: 'a', inputs: { x: 'str' as any } }), "Component.container(\"c\"): input 'x' got \"str\"; expected an InputSpec"],
    ['python source missing', () => Component.python({ source: '' }), 'Component.python(undefined): got source ""; expected the Python source of a function'],
    ['python import that is not an import', () => Component.python({ source: 'def f():\n    pass\n', imports: ['aiplatform'] }),
      'Component.python("f"): got import "aiplatform"; expected one Python import statement on one line, such as \'from aiplatform import VertexModel\''],
    ['python import on two lines', () => Component.python({ source: 'def f():\n    pass\n', imports: ['import a\nimport b'] }),
      'Component.python("f"): got import "import a\\nimport b"; expected one Python import statement on one line'],
    ['python input named Output', () => Component.python({ source: 'def f(Output):\n    pass\n', inputs: { Output: Input.string() } }), "Component.python(\"f\"): input name 'Output' is reserved for the return value; expected another name"],
    ['declared input missing from the function', () => Component.python({ source: 'def f(a: int):\n    pass\n', inputs: { a: Input.integer(), b: Input.integer() } }),
      'Component.python("f"): input \'b\' is not a parameter of f(); expected one of ["a"]'],
    ['function parameter not declared', () => Component.python({ source: 'def f(a: int, out: OutputPath(str)):\n    pass\n', inputs: { a: Input.integer() } }),
      "Component.python(\"f\"): parameter 'out' of f() is neither an input nor an output; expected it in inputs (or in outputs for Output[...] and OutputPath parameters)"],
    ['artifact placeholder on a parameter', () => Component.container({ name: 'c', image: 'a', inputs: { n: Input.string() }, args: ["{{$.inputs.artifacts['n'].path}}"] }),
      "placeholder {{$.inputs.artifacts['n'].path}} reads parameter input 'n' as an artifact; expected Placeholder.inputValue"],
    ['bad YAML', () => Component.fromYaml('a: [', 'x.yaml'), 'Component.fromYaml: x.yaml: not valid YAML'],
    ['v1 without image', () => Component.fromYaml('name: x\nimplementation:\n  container: {}\n'), 'Component.fromYaml: component YAML: implementation.container.image is missing'],
    ['v1 unknown placeholder', () => Component.fromYaml('name: x\nimplementation:\n  container:\n    image: a\n    args: [{bogus: 1}]\n'), "Component.fromYaml: component YAML: unknown placeholder 'bogus'"],
    ['condition constant type', () => Condition.equalTo(pipeline().param('s'), [1]), 'Condition ==: got constant [1]; expected a string, number, boolean or a reference'],
    ['unknown pipeline parameter', () => pipeline().param('nope'), "Pipeline 'p': got unknown parameter 'nope'; expected one of [\"s\",\"xs\"]"],
    ['bad parameter spec', () => new Pipeline(Testing.app(), 'q', { parameters: { a: 'x' as any } }), "Pipeline 'q': parameter 'a' got \"x\"; expected an InputSpec"],
    ['bad workspace size', () => new Pipeline(Testing.app(), 'q', { workspace: { size: 'big' } }), "Pipeline 'q': got workspace size \"big\"; expected a Kubernetes quantity such as '10Gi'"],
    ['bad kfp version', () => new Pipeline(Testing.app(), 'q', { kfpVersion: 'x' }), "Pipeline 'q': got kfp version \"x\"; expected a version such as '2.17.0'"],
    ['nested pipelines', () => new Pipeline(pipeline(), 'inner'), "Pipeline 'p/inner': is inside pipeline 'p'; expected a pipeline outside other pipelines (use pipeline.asComponent() to nest one)"],
    ['output of a parameter', () => { const p = pipeline(); p.addOutput('o', p.param('s')); },
      "Pipeline 'p': output 'o' got input 's' of pipeline 'p'; expected a task output (pipeline outputs come from tasks)"],
    ['declared output type', () => { const p = pipeline({ outputs: { o: Output.model() } }); p.addOutput('o', p.task('t', produce).output()); },
      "Pipeline 'p': output 'o' is declared as system.Model; got output 'Output' of task 'p/t' of type STRING"],
    ['output() with several outputs', () => pipeline().task('m', many).output(), "Task 'p/m': output() without a name needs exactly one output; component 'many' has [\"a\",\"b\"]"],
    ['task with a non-component', () => pipeline().task('t', {} as any), "Task 'p/t': got component {}; expected a Component"],
    ['task outside a pipeline', () => new Task(Testing.chart() as any, 't', { component: produce }), 'expected a Pipeline or a control-flow group'],
    ['final status passed explicitly', () => pipeline().task('t', finalStatus, { inputs: { status: 'x' } }),
      "Task 'p/t': input 'status' is a PipelineTaskFinalStatus, which KFP fills in; got \"x\", expected no argument"],
    ['after() of another pipeline', () => { const other = pipeline(); pipeline().task('t', produce).after(other.task('u', produce)); },
      "Task 'p/t': after() got task 'p/u' of another pipeline; expected a task of 'p'"],
    ['after() itself', () => { const t = pipeline().task('t', produce); t.after(t); }, "Task 'p/t': after() got the task itself; expected an upstream task"],
    ['parameter of another pipeline', () => { const other = pipeline(); pipeline().task('t', consume, { inputs: { text: other.param('s') } }); },
      "Task 'p/t': input 'text' got input 's' of pipeline 'p', which belongs to another pipeline; expected an input of 'p'"],
    ['retry count', () => pipeline().task('t', produce).withRetry({ maxRetryCount: -1 }), "Task 'p/t': got maxRetryCount -1; expected a non-negative integer"],
    ['retry duration', () => pipeline().task('t', produce).withRetry({ maxRetryCount: 1, backoffDuration: '1h' as any }), "Task 'p/t': got backoffDuration \"1h\"; expected a Duration"],
    ['env name', () => pipeline().task('t', produce).withEnv('1 bad', 'x'), "Task 'p/t': got environment variable name \"1 bad\"; expected a C identifier such as 'LOG_LEVEL'"],
    ['display name', () => pipeline().task('t', produce).withDisplayName(''), "Task 'p/t': got display name \"\"; expected a non-empty string"],
    ['accelerator type', () => pipeline().task('t', produce).withAcceleratorType(''), "Task 'p/t': got accelerator type \"\"; expected a resource name such as 'nvidia.com/gpu' or a parameter"],
    ['resource from a list parameter', () => { const p = pipeline(); p.task('t', produce).withCpuLimit(p.param('xs')); },
      "Task 'p/t': got cpu limit input 'xs' of pipeline 'p' of type LIST; expected a string parameter such as '2'"],
    ['resources on a pipeline task', () => { const p = pipeline(); const q = new Pipeline(Testing.app(), 'q'); q.task('t', produce); p.task('sub', q.asComponent()).withCpuLimit('1'); },
      "Task 'p/sub': withCpuLimit() needs a container component; component 'q' is a pipeline"],
    ['ignoreUpstreamFailure on a required upstream input', () => { const p = pipeline(); const t = p.task('t', produce); p.task('c', consume, { inputs: { text: t.output() } }).ignoreUpstreamFailure(); },
      "Task 'p/c': ignoreUpstreamFailure() needs input 'text', which takes output 'Output' of task 'p/t', to be optional (with a default)"],
    ['If with a non-condition', () => new If(pipeline(), 'i', 'x' as any), "If 'p/i': got condition \"x\"; expected a Condition"],
    ['Else after Else', () => { const p = pipeline(); const i = new If(p, 'i', Condition.equalTo(p.param('s'), 'a')); const e = i.otherwise('e'); new Else(p, 'e2', { previous: e }); },
      "Else 'p/e2': follows Else 'p/e'; expected it to follow an If or Elif"],
    ['OneOf with one value', () => OneOf.of(pipeline().task('t', produce).output()), 'OneOf.of: got 1 value(s); expected outputs of tasks in at least two branches of an If/Elif/Else chain'],
    ['OneOf outside branches', () => { const p = pipeline(); OneOf.of(p.task('a', produce).output(), p.task('b', produce).output()); },
      "OneOf.of: output 'Output' of task 'p/a' is not produced directly inside a branch of an If/Elif/Else chain"],
    ['Collected of a parameter', () => Collected.of(pipeline().param('s') as any), "Collected.of: got input 's' of pipeline 'p'; expected a task output"],
    ['loop parallelism', () => new ParallelFor(pipeline(), 'l', { items: [1], parallelism: -1 }), "ParallelFor 'p/l': got parallelism -1; expected a non-negative integer"],
    ['loop over a single artifact', () => { const p = new Pipeline(Testing.app(), 'q', { parameters: { d: Input.dataset() } }); new ParallelFor(p, 'l', { items: p.param('d') }); },
      "ParallelFor 'q/l': got items input 'd' of pipeline 'q', a single artifact (system.Dataset); expected a list of artifacts or a list parameter"],
    ['loop with references in static items', () => { const p = pipeline(); new ParallelFor(p, 'l', { items: [`${p.param('s')}`] }); },
      "ParallelFor 'p/l': static items contain references; expected constants (iterate over a list parameter or task output instead)"],
    ['loop item field name', () => new ParallelFor(pipeline(), 'l', { items: [{ a: 1 }] }).item.field('a-b'),
      "ParallelFor 'p/l': got item field name 'a-b'; expected a Python identifier (letters, digits, '_')"],
    ['exit task used twice', () => { const p = pipeline(); const t = p.task('t', produce); new ExitHandler(p, 'a', { exitTask: t }); new ExitHandler(p, 'b', { exitTask: t }); },
      "ExitHandler 'p/b': task 'p/t' is already the exit task of another ExitHandler; expected a task of its own"],
    ['exit task inside a group', () => { const p = pipeline(); const l = new ParallelFor(p, 'l', { items: [1] }); new ExitHandler(p, 'e', { exitTask: l.task('t', produce) }); },
      "ExitHandler 'p/e': exit task 'p/l/t' is inside a group; expected it in the pipeline's top-level scope"],
    ['importer without URI', () => pipeline().importer('i', { artifactUri: '' }), "Importer 'p/i': got artifactUri \"\"; expected a URI string or a reference to a string parameter"],
    ['importer URI from a list', () => { const p = pipeline(); p.importer('i', { artifactUri: p.param('xs') }); }, "Importer 'p/i': got artifactUri input 'xs' of pipeline 'p' of type LIST; expected a STRING parameter"],
    ['createPvc access modes', () => pipeline().createPvc('c', { pvcName: 'a', accessModes: [], size: '1Gi' }), "CreatePVC 'p/c': got accessModes []; expected e.g. ['ReadWriteOnce']"],
    ['empty dir name', () => pipeline().task('t', produce).kubernetes.mountEmptyDir('Bad', '/x'), "Task 'p/t': got volume name \"Bad\"; expected a DNS label such as 'scratch'"],
    ['toleration operator', () => pipeline().task('t', produce).kubernetes.addToleration({ operator: 'Maybe' }), "Task 'p/t': got toleration operator \"Maybe\"; expected 'Equal' or 'Exists'"],
    ['toleration effect', () => pipeline().task('t', produce).kubernetes.addToleration({ key: 'gpu', effect: 'NoWay' }), "Task 'p/t': got toleration effect \"NoWay\"; expected 'NoSchedule', 'PreferNoSchedule' or 'NoExecute'"],
    ['secret key to an invalid env var', () => pipeline().task('t', produce).kubernetes.useSecretAsEnv('creds', { password: '1PASS WORD' }), "Task 'p/t': useSecretAsEnv maps 'password' to \"1PASS WORD\"; expected an environment variable name"],
    ['init container image', () => pipeline().task('t', produce).kubernetes.addInitContainer({ name: 'init', image: '' }), "Task 'p/t': init container 'init' got image \"\"; expected an image reference"],
    ['pod affinity without selector', () => pipeline().task('t', produce).kubernetes.addPodAffinity({ topologyKey: 'zone' }),
      "Task 'p/t': pod affinity on 'zone' selects no pods; expected matchPodLabels or matchPodExpressions"],
    ['field path env', () => pipeline().task('t', produce).kubernetes.useFieldPathAsEnv('X', ''), "Task 'p/t': got field path \"\"; expected e.g. 'metadata.name'"],
    ['shared memory size', () => pipeline().task('t', produce).kubernetes.enableSharedMemory('lots'), "Task 'p/t': got shared memory size \"lots\"; expected a quantity such as '1Gi'"],
    ['security context user', () => pipeline().task('t', produce).kubernetes.withSecurityContext({ runAsUser: -1 }), "Task 'p/t': got runAsUser -1; expected a non-negative integer"],
    ['node selector JSON', () => pipeline().task('t', produce).kubernetes.addNodeSelectorJson([1]), "Task 'p/t': got node selector JSON [1]; expected an object, or a parameter"],
  ];
  test.each(cases)('%s', (_name, fn, message) => {
    expect(fn).toThrow(message);
  });
});

describe('synth-time errors', () => {
  test('a pipeline without tasks', () => {
    const app = Testing.app();
    new Pipeline(app, 'empty');
    expect(errorsOf(app)).toContain("Pipeline 'empty' has no tasks; expected at least one task");
  });

  test('a declared output that is never set', () => {
    const app = Testing.app();
    const p = new Pipeline(app, 'p', { outputs: { o: Output.string() } });
    p.task('t', produce);
    expect(errorsOf(app)).toContain("Pipeline 'p': output 'o' is declared but never set; expected pipeline.addOutput('o', ...)");
  });

  test('the workspace without a workspace config', () => {
    const app = Testing.app();
    const p = new Pipeline(app, 'p');
    p.task('t', consume, { inputs: { text: '{{$.workspace_path}}/data' } });
    p.importer('i', { artifactUri: 's3://b/k', downloadToWorkspace: true });
    const message = errorsOf(app);
    expect(message).toContain("Task 'p/t' uses the workspace (Placeholder.WORKSPACE_PATH, /kfp-workspace or an importer's downloadToWorkspace), but pipeline 'p', which runs it, has no workspace; expected PipelineProps.workspace with a size");
    expect(message).toContain("Task 'p/i' uses the workspace");
  });

  // The workspace is the root pipeline's: kfp checks the whole tree there.
  test('a sub-pipeline that uses the workspace is valid inside a root that declares one', () => {
    const app = Testing.app();
    const inner = new Pipeline(app, 'inner', { writeFile: false });
    inner.task('t', consume, { inputs: { text: '{{$.workspace_path}}/data' } });
    inner.importer('i', { artifactUri: 's3://b/k', downloadToWorkspace: true });
    const outer = new Pipeline(app, 'outer', { workspace: { size: '1Gi' } });
    outer.task('inner', inner.asComponent());
    expect(errorsOf(app)).toBe('');
    expect(outer.toIr().deploymentSpec.executors['exec-i'].importer.downloadToWorkspace).toBe(true);
  });

  test('a root without a workspace that runs a sub-pipeline using it fails, naming both', () => {
    const app = Testing.app();
    const inner = new Pipeline(app, 'inner', { writeFile: false, workspace: { size: '1Gi' } });
    inner.task('t', consume, { inputs: { text: '{{$.workspace_path}}/data' } });
    const outer = new Pipeline(app, 'outer');
    outer.task('inner', inner.asComponent());
    expect(errorsOf(app)).toContain("Task 'outer/inner' uses the workspace (Placeholder.WORKSPACE_PATH, /kfp-workspace or an importer's downloadToWorkspace, in pipeline 'inner'), but pipeline 'outer', which runs it, has no workspace; expected PipelineProps.workspace with a size");
    expect(() => outer.toIr()).toThrow("pipeline 'outer', which runs it, has no workspace");
  });

  test('an output from inside a loop as a pipeline output', () => {
    const app = Testing.app();
    const p = new Pipeline(app, 'p');
    const loop = new ParallelFor(p, 'l', { items: [1] });
    p.addOutput('o', loop.task('t', produce).output());
    expect(errorsOf(app)).toContain("pipeline output 'o' comes from task 'p/l/t' inside ParallelFor 'p/l'; expected a task in the pipeline's top-level scope, or OneOf/Collected");
  });

  test('an ExitHandler inside a group', () => {
    const app = Testing.app();
    const p = new Pipeline(app, 'p');
    const exit = p.task('exit', produce);
    const loop = new ParallelFor(p, 'l', { items: [1] });
    new ExitHandler(loop, 'e', { exitTask: exit }).task('t', produce);
    expect(errorsOf(app)).toContain("ExitHandler 'p/l/e' is inside ParallelFor 'p/l'; an ExitHandler can only be used in the pipeline's top-level scope");
  });

  test('ignoreUpstreamFailure with a final status and no upstream task', () => {
    const app = Testing.app();
    const p = new Pipeline(app, 'p');
    p.task('s', finalStatus, { ignoreUpstreamFailure: true });
    expect(errorsOf(app)).toContain("task 'p/s' uses ignoreUpstreamFailure() with PipelineTaskFinalStatus input 'status' and has 0 upstream tasks in its scope ([]); expected exactly one");
  });

  test('Collected in a loop nested in a condition that excludes the consumer', () => {
    const app = Testing.app();
    const p = new Pipeline(app, 'p', { parameters: { s: Parameter.string() } });
    const cond = new If(p, 'c', Condition.equalTo(p.param('s'), 'a'));
    const loop = new ParallelFor(cond, 'l', { items: [1] });
    const t = loop.task('t', produce);
    p.task('u', Component.python({ source: 'def u(xs: list):\n    pass\n', inputs: { xs: Input.list() } }), { inputs: { xs: Collected.of(t.output()) } });
    expect(errorsOf(app)).toContain("task 'p/u' collects the output of 'p/c/l/t' from a ParallelFor nested in condition 'p/c'; expected the consumer to be inside that condition too");
  });

  test('Kubernetes settings on a PVC component are allowed; delete by name', () => {
    const p = new Pipeline(Testing.app(), 'p');
    p.deletePvc('d', 'claim');
    expect(p.toIr().root.dag.tasks.d.inputs.parameters.pvc_name).toEqual({ runtimeValue: { constant: 'claim' } });
    expect(KubernetesComponents.deletePvc().inputNames).toEqual(['pvc_name']);
    void Duration;
  });
});
