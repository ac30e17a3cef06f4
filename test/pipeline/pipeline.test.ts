// Behaviour of the Pipeline construct, tasks, control flow and component loading.
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Duration, Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import {
  ArtifactType, CompiledPipeline, Component, Condition, ExitHandler, If, Input, KfpSdk, Output, ParallelFor, Parameter,
  ParameterType, Pipeline, Placeholder,
} from '../../src';
import { renderPipelineFile } from '../../src/compiler/yaml';
import { tempDir } from '../util/tmp';

const hello = Component.container({ name: 'hello', image: 'alpine', command: ['echo', 'hi'] });
const produce = Component.python({
  source: '@dsl.component\ndef produce(n: int) -> int:\n    return n\n',
  inputs: { n: Input.integer({ default: 1 }) },
  outputs: { Output: Output.integer() },
});

describe('synth', () => {
  test('app.synth() writes <outdir>/<name>.pipeline.yaml after the manifests', () => {
    const outdir = tempDir('kfp-synth-');
    const app = new App({ outdir });
    const chart = new Chart(app, 'chart');
    const p = new Pipeline(chart, 'hello-pipeline');
    p.task('hello', hello);
    const sub = new Pipeline(chart, 'sub', { writeFile: false });
    sub.task('hello', hello);
    app.synth();
    expect(fs.readdirSync(outdir).sort()).toEqual(['chart.k8s.yaml', 'hello-pipeline.pipeline.md', 'hello-pipeline.pipeline.svg', 'hello-pipeline.pipeline.yaml']);
    const text = fs.readFileSync(path.join(outdir, 'hello-pipeline.pipeline.yaml'), 'utf8');
    expect(text).toEqual(p.toYaml());
    expect(text.startsWith('# PIPELINE DEFINITION\n# Name: hello-pipeline\n')).toBe(true);
    // synth twice: the hook is installed once and writes the same file
    app.synth();
    expect(fs.readFileSync(path.join(outdir, 'hello-pipeline.pipeline.yaml'), 'utf8')).toEqual(text);
  });

  test('toYaml is the rendered IR and parses back to toIr()', () => {
    const app = Testing.app();
    const p = new Pipeline(app, 'p', { parameters: { n: Parameter.integer({ default: 3 }) } });
    p.task('produce', produce, { inputs: { n: p.param('n') } });
    const text = p.toYaml();
    expect(text).toEqual(renderPipelineFile(p.toIr(), p.toPlatformSpec()));
    const docs = parseAllDocuments(text).map((d: any) => d.toJSON());
    expect(docs).toEqual([p.toIr()]);
    expect(p.toPlatformSpec()).toBeUndefined();
    // IPipelineSource: deployment constructs can consume it like a CompiledPipeline
    const imported = CompiledPipeline.fromYaml(text);
    expect(imported.toIr()).toEqual(p.toIr());
    expect(imported.pipelineName).toBe(p.pipelineName);
  });

  test('the kfp version is a library-level setting, overridable per pipeline', () => {
    const app = Testing.app();
    const a = new Pipeline(app, 'a');
    a.task('produce', produce);
    const b = new Pipeline(app, 'b', { kfpVersion: '2.14.6' });
    b.task('produce', produce);
    expect(a.toIr().sdkVersion).toBe(`kfp-${KfpSdk.DEFAULT_VERSION}`);
    expect(b.toIr().sdkVersion).toBe('kfp-2.14.6');
    expect(JSON.stringify(b.toIr())).toContain("'kfp==2.14.6'");
    const previous = KfpSdk.version();
    KfpSdk.useVersion('2.16.0');
    try {
      expect(a.toIr().sdkVersion).toBe('kfp-2.16.0');
    } finally {
      KfpSdk.useVersion(previous);
    }
    expect(() => KfpSdk.useVersion('latest')).toThrow('KfpSdk.useVersion: got kfp version "latest"; expected a version such as \'2.17.0\'');
  });
});

describe('tasks', () => {
  test('task names are sanitised construct ids, made unique per pipeline with -2, -3', () => {
    const app = Testing.app();
    const p = new Pipeline(app, 'p');
    const a = p.task('Train_Model', produce);
    const cond = new If(p, 'c', Condition.greaterThan(a.output(), 1));
    const b = cond.task('train-model', produce);
    const loop = new ParallelFor(p, 'l', { items: [1, 2] });
    const c = loop.task('train model', produce);
    expect([a.taskName, b.taskName, c.taskName]).toEqual(['train-model', 'train-model-2', 'train-model-3']);
    const ir = p.toIr();
    expect(Object.keys(ir.root.dag.tasks).sort()).toEqual(['condition-1', 'for-loop-3', 'train-model']);
    expect(ir.root.dag.tasks['for-loop-3'].parameterIterator).toEqual({ itemInput: 'pipelinechannel--loop-item-param-2', items: { raw: '[1, 2]' } });
  });

  test('addTask names tasks after their component, as kfp does', () => {
    const p = new Pipeline(Testing.app(), 'p');
    const a = p.addTask(produce);
    const b = p.addTask(produce, { inputs: { n: a.output() } });
    const loop = new ParallelFor(p, 'l', { items: [1] });
    const c = loop.addTask(produce);
    expect([a.taskName, b.taskName, c.taskName]).toEqual(['produce', 'produce-2', 'produce-3']);
    expect(() => p.addTask({} as any)).toThrow('p: addTask() got {}; expected a Component');
  });

  test('task configuration is written to the IR', () => {
    const app = Testing.app();
    const p = new Pipeline(app, 'p', { parameters: { mem: Parameter.string({ default: '1Gi' }) } });
    p.task('produce', produce, { displayName: 'Produce!', cacheKey: 'k1', env: { A: '1' } })
      .withRetry({ maxRetryCount: 2, backoffDuration: Duration.minutes(1), backoffFactor: 1.5, backoffMaxDuration: Duration.hours(2) })
      .withCpuRequest('500m').withCpuLimit('2').withMemoryRequest(p.param('mem')).withMemoryLimit('4Gi')
      .withAcceleratorType('nvidia.com/gpu').withAcceleratorLimit(2)
      .withEnv('B', '2');
    const ir = p.toIr();
    const task = ir.root.dag.tasks.produce;
    expect(task.cachingOptions).toEqual({ cacheKey: 'k1', enableCache: true });
    expect(task.taskInfo).toEqual({ name: 'Produce!' });
    expect(task.retryPolicy).toEqual({ backoffDuration: '60s', backoffFactor: 1.5, backoffMaxDuration: '7200s', maxRetryCount: 2 });
    expect(task.inputs.parameters.memory_request).toEqual({ runtimeValue: { constant: "{{$.inputs.parameters['pipelinechannel--mem']}}" } });
    expect(task.inputs.parameters['pipelinechannel--mem']).toEqual({ componentInputParameter: 'mem' });
    const container = ir.deploymentSpec.executors['exec-produce'].container;
    expect(container.env).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: '2' }]);
    expect(container.resources).toEqual({
      cpuLimit: 2,
      cpuRequest: 0.5,
      memoryLimit: 4.294967296,
      resourceCpuLimit: '2',
      resourceCpuRequest: '500m',
      resourceMemoryLimit: '4Gi',
      resourceMemoryRequest: "{{$.inputs.parameters['pipelinechannel--mem']}}",
      accelerator: { count: '2', resourceCount: '2', resourceType: 'nvidia.com/gpu', type: 'nvidia.com/gpu' },
    });
  });

  test('f-string style inputs become placeholders with injected inputs', () => {
    const app = Testing.app();
    const echo = Component.container({ name: 'echo', image: 'alpine', inputs: { msg: Input.string() }, command: ['echo', '{{$.inputs.parameters[\'msg\']}}'] });
    const p = new Pipeline(app, 'p', { parameters: { who: Parameter.string() } });
    const t = p.task('produce', produce);
    p.task('echo', echo, { inputs: { msg: `hello ${p.param('who')}, got ${t.output()}` } });
    const inputs = p.toIr().root.dag.tasks.echo.inputs.parameters;
    expect(inputs.msg.runtimeValue.constant).toBe("hello {{$.inputs.parameters['pipelinechannel--who']}}, got {{$.inputs.parameters['pipelinechannel--produce-Output']}}");
    expect(inputs['pipelinechannel--who']).toEqual({ componentInputParameter: 'who' });
    expect(inputs['pipelinechannel--produce-Output']).toEqual({ taskOutputParameter: { outputParameterKey: 'Output', producerTask: 'produce' } });
    expect(p.toIr().root.dag.tasks.echo.dependentTasks).toEqual(['produce']);
  });

  test('references in the keys of a constant become placeholders too (regression: the internal token leaked)', () => {
    const show = Component.container({ name: 'show', image: 'alpine', command: ['echo'], inputs: { cfg: Input.struct() } });
    const p = new Pipeline(Testing.app(), 'p', { parameters: { team: Parameter.string() } });
    p.task('show', show, { inputs: { cfg: { [`${p.param('team')}`]: 1, owner: `${p.param('team')}` } } });
    const inputs = p.toIr().root.dag.tasks.show.inputs.parameters;
    expect(inputs.cfg.runtimeValue.constant).toEqual({
      "{{$.inputs.parameters['pipelinechannel--team']}}": 1,
      'owner': "{{$.inputs.parameters['pipelinechannel--team']}}",
    });
    expect(JSON.stringify(p.toIr())).not.toContain('kfp.ref');
    expect(inputs['pipelinechannel--team']).toEqual({ componentInputParameter: 'team' });
  });

  test('conditions compile to the CEL kfp writes, with type promotion', () => {
    const app = Testing.app();
    const p = new Pipeline(app, 'p', { parameters: { x: Parameter.integer(), f: Parameter.double(), s: Parameter.string(), b: Parameter.boolean() } });
    const c1 = new If(p, 'c1', Condition.lessThan(p.param('x'), 5000));
    c1.task('a', hello);
    const c2 = c1.elif('c2', Condition.greaterThan(p.param('f'), p.param('x')));
    c2.task('b', hello);
    const c3 = c2.otherwise('c3');
    c3.task('c', hello);
    const c4 = new If(p, 'c4', Condition.notEqualTo(p.param('s'), 3));
    c4.task('d', hello);
    const c5 = new If(p, 'c5', Condition.equalTo(p.param('b'), true));
    c5.task('e', hello);
    const ir = p.toIr();
    const branches = ir.components['comp-condition-branches-1'].dag.tasks;
    expect(branches['condition-2'].triggerPolicy.condition).toBe("int(inputs.parameter_values['pipelinechannel--x']) < 5000");
    expect(branches['condition-3'].triggerPolicy.condition).toBe(
      "!(int(inputs.parameter_values['pipelinechannel--x']) < 5000) && inputs.parameter_values['pipelinechannel--f'] > double(int(inputs.parameter_values['pipelinechannel--x']))",
    );
    expect(branches['condition-4'].triggerPolicy.condition).toBe(
      "!(int(inputs.parameter_values['pipelinechannel--x']) < 5000) && !(inputs.parameter_values['pipelinechannel--f'] > double(int(inputs.parameter_values['pipelinechannel--x'])))",
    );
    expect(ir.root.dag.tasks['condition-5'].triggerPolicy.condition).toBe("inputs.parameter_values['pipelinechannel--s'] != '3'");
    expect(ir.root.dag.tasks['condition-6'].triggerPolicy.condition).toBe("inputs.parameter_values['pipelinechannel--b'] == true");
  });

  test('ParallelFor item types follow the list type, and item fields use parseJson', () => {
    const app = Testing.app();
    const ints = Component.python({ source: 'def f(x: int):\n    pass\n', inputs: { x: Input.integer() } });
    const p = new Pipeline(app, 'p', { parameters: { xs: Parameter.list({ itemType: ParameterType.structOf(ParameterType.NUMBER_INTEGER) }) } });
    const loop = new ParallelFor(p, 'loop', { items: p.param('xs'), parallelism: 3 });
    loop.task('f', ints, { inputs: { x: loop.item.field('a') } });
    const ir = p.toIr();
    expect(ir.components['comp-for-loop-1'].inputDefinitions.parameters['pipelinechannel--xs-loop-item']).toEqual({ parameterType: 'STRUCT' });
    expect(ir.components['comp-for-loop-1'].dag.tasks.f.inputs.parameters.x).toEqual({
      componentInputParameter: 'pipelinechannel--xs-loop-item', parameterExpressionSelector: 'parseJson(string_value)["a"]',
    });
    expect(ir.root.dag.tasks['for-loop-1'].iteratorPolicy).toEqual({ parallelismLimit: 3 });
  });

  test('caching is on by default and can be turned off', () => {
    const app = Testing.app();
    const p = new Pipeline(app, 'p');
    p.task('a', hello);
    p.task('b', hello, { caching: false });
    p.task('c', hello).withCaching(false);
    const tasks = p.toIr().root.dag.tasks;
    expect([tasks.a.cachingOptions, tasks.b.cachingOptions, tasks.c.cachingOptions]).toEqual([{ enableCache: true }, {}, {}]);
  });

  test('pipeline root and display name', () => {
    const app = Testing.app();
    const p = new Pipeline(app, 'p', { pipelineRoot: 's3://bucket/root', displayName: 'My pipeline', description: 'Line one.\nLine two.' });
    p.task('a', hello);
    const ir = p.toIr();
    expect(ir.defaultPipelineRoot).toBe('s3://bucket/root');
    expect(ir.pipelineInfo).toEqual({ name: 'p', displayName: 'My pipeline', description: 'Line one.\nLine two.' });
    expect(p.toYaml()).toContain('# Description: Line one.\n#              Line two.\n');
  });
});

describe('pipelines from components', () => {
  test('parameters can be overridden, e.g. a compile-time default that is not optional', () => {
    const echo = Component.container({
      name: 'echo',
      image: 'alpine',
      command: ['echo'],
      args: ["{{$.inputs.parameters['a']}}-{{$.inputs.parameters['b']}}"],
      inputs: { a: Input.string(), b: Input.string() },
    });
    const p = Pipeline.fromComponent(Testing.app(), 'echo', echo, { parameters: { a: Parameter.string({ default: 'hello', optional: false }) } });
    const ir = p.toIr();
    expect(ir.root.inputDefinitions.parameters.a).toEqual({ defaultValue: 'hello', parameterType: 'STRING' });
    expect(ir.components['comp-echo'].inputDefinitions.parameters.a).toEqual({ parameterType: 'STRING' });
    expect(() => Pipeline.fromComponent(Testing.app(), 'x', echo, { parameters: { c: Parameter.string() } })).toThrow(
      "Pipeline.fromComponent '/x': got parameter 'c', which component 'echo' doesn't have; expected one of [\"a\",\"b\"]",
    );
  });

  test('a component with a final-status input compiles on its own', () => {
    const c = Component.python({ source: 'def exit_comp(status: PipelineTaskFinalStatus):\n    print(status)\n', inputs: { status: Input.taskFinalStatus() } });
    const ir = Pipeline.fromComponent(Testing.app(), 'x', c).toIr();
    expect(ir.root.inputDefinitions.parameters.status).toEqual({ isOptional: true, parameterType: 'TASK_FINAL_STATUS' });
    expect(ir.root.dag.tasks['exit-comp'].inputs.parameters.status).toEqual({ componentInputParameter: 'status' });
  });

  test('a pipeline with a final-status input is an exit task', () => {
    const app = Testing.app();
    const state = Component.python({ source: 'def state(status: dict) -> str:\n    return status["state"]\n', inputs: { status: Input.struct() }, outputs: { Output: Output.string() } });
    const notify = new Pipeline(app, 'notify', { parameters: { status: Input.taskFinalStatus() }, writeFile: false });
    notify.task('state', state, { inputs: { status: notify.param('status') } });
    const p = new Pipeline(app, 'p');
    const exit = p.task('notify', notify.asComponent());
    new ExitHandler(p, 'h', { exitTask: exit }).task('hello', hello);
    const ir = p.toIr();
    expect(ir.root.dag.tasks.notify.inputs.parameters.status).toEqual({ taskFinalStatus: { producerTask: 'exit-handler-1' } });
    expect(ir.components['comp-notify'].inputDefinitions.parameters.status).toEqual({ isOptional: true, parameterType: 'TASK_FINAL_STATUS' });
  });
});

describe('components', () => {
  test('v1 component.yaml with inputValue/inputPath/outputPath and defaults', () => {
    const c = Component.fromYaml([
      'name: Train',
      'description: Trains.',
      'inputs:',
      '- {name: Training data, type: Dataset}',
      '- {name: epochs, type: Integer, default: "5"}',
      '- {name: flags, type: JsonObject, default: \'{"a": 1}\', optional: true}',
      'outputs:',
      '- {name: model, type: Model}',
      '- {name: loss, type: Float}',
      'implementation:',
      '  container:',
      '    image: trainer:1',
      '    command: [python, train.py]',
      '    args: [--data, {inputPath: Training data}, --epochs, {inputValue: epochs}, --model, {outputPath: model}, --loss, {outputPath: loss},',
      '      {if: {cond: {isPresent: flags}, then: [--flags, {inputValue: flags}]}}, {concat: [a-, {inputValue: epochs}]}]',
    ].join('\n'));
    expect(c.name).toBe('train');
    expect(c.description).toBe('Trains.');
    expect(c.inputNames).toEqual(['training_data', 'epochs', 'flags']);
    const app = Testing.app();
    const p = new Pipeline(app, 'p', { parameters: { data: Input.dataset() } });
    p.task('train', c, { inputs: { training_data: p.param('data') } });
    const ir = p.toIr();
    expect(ir.components['comp-train'].inputDefinitions.parameters.epochs).toEqual({ defaultValue: 5, isOptional: true, parameterType: 'NUMBER_INTEGER' });
    expect(ir.components['comp-train'].inputDefinitions.parameters.flags).toEqual({ defaultValue: { a: 1 }, isOptional: true, parameterType: 'STRUCT' });
    expect(ir.deploymentSpec.executors['exec-train'].container.args).toEqual([
      '--data', "{{$.inputs.artifacts['training_data'].path}}", '--epochs', "{{$.inputs.parameters['epochs']}}",
      '--model', "{{$.outputs.artifacts['model'].path}}", '--loss', "{{$.outputs.parameters['loss'].output_file}}",
      '{"IfPresent": {"InputName": "flags", "Then": ["--flags", "{{$.inputs.parameters[\'flags\']}}"]}}',
      '{"Concat": ["a-", "{{$.inputs.parameters[\'epochs\']}}"]}',
    ]);
  });

  test('a container component takes a list of artifacts whole (kfp InputListOfArtifactsPlaceholder)', () => {
    const merge = Component.container({
      name: 'merge',
      image: 'alpine',
      inputs: { parts: Input.artifactList(ArtifactType.DATASET) },
      outputs: { merged: Output.dataset() },
      command: ['merge', Placeholder.inputArtifactList('parts'), Placeholder.outputUri('merged')],
    });
    const app = Testing.app();
    const p = new Pipeline(app, 'p', { parameters: { parts: Input.artifactList(ArtifactType.DATASET) } });
    p.task('merge', merge, { inputs: { parts: p.param('parts') } });
    const ir = p.toIr();
    expect(ir.deploymentSpec.executors['exec-merge'].container.command).toEqual([
      'merge', "{{$.inputs.artifacts['parts']}}", "{{$.outputs.artifacts['merged'].uri}}",
    ]);
    expect(ir.components['comp-merge'].inputDefinitions.artifacts.parts).toEqual({
      artifactType: { schemaTitle: 'system.Dataset', schemaVersion: '0.0.1' }, isArtifactList: true,
    });
  });

  test('a compiled pipeline file loads as a component (container or nested pipeline)', () => {
    const app = Testing.app();
    const single = Pipeline.fromComponent(app, 'single', produce, { writeFile: false });
    const loaded = Component.fromYaml(single.toYaml());
    expect(loaded.name).toBe('produce');
    expect(loaded.inputNames).toEqual(['n']);
    const two = new Pipeline(app, 'two', { writeFile: false, parameters: { n: Parameter.integer() } });
    const a = two.task('a', produce, { inputs: { n: two.param('n') } });
    two.task('b', produce, { inputs: { n: a.output() } });
    const graph = Component.fromYaml(two.toYaml());
    const outer = new Pipeline(app, 'outer');
    outer.task('loaded', loaded, { inputs: { n: 2 } });
    outer.task('graph', graph, { inputs: { n: 3 } });
    const ir = outer.toIr();
    expect(ir.components['comp-graph'].dag.tasks.b.componentRef.name).toBe('comp-b');
    expect(Object.keys(ir.deploymentSpec.executors).sort()).toEqual(['exec-a', 'exec-b', 'exec-loaded']);
  });

  test('Component.fromFile reads a file and reports unreadable paths', () => {
    const file = path.join(tempDir('kfp-comp-'), 'c.yaml');
    fs.writeFileSync(file, 'name: x\nimplementation:\n  container:\n    image: alpine\n');
    expect(Component.fromFile(file).name).toBe('x');
    expect(() => Component.fromFile('/nonexistent/c.yaml')).toThrow("Component.fromFile: cannot read '/nonexistent/c.yaml'");
    expect(() => Component.fromYaml('a: 1\n', 'inline.yaml')).toThrow(
      "Component.fromYaml: inline.yaml: neither a v1 component (with 'implementation') nor a KFP v2 IR file (with 'pipelineInfo' and 'root')",
    );
  });

  test('Python components: bootstrap options', () => {
    const c = Component.python({
      source: '    def f():\n        pass\n',
      packagesToInstall: ['numpy'],
      pipIndexUrls: ['https://a/simple', 'https://b/simple'],
      pipTrustedHosts: [],
      useVenv: true,
    });
    const app = Testing.app();
    const p = new Pipeline(app, 'p');
    p.task('f', c);
    const cmd = p.toIr().deploymentSpec.executors['exec-f'].container.command;
    expect(cmd[2]).toContain("python3 -m pip install --quiet --no-warn-script-location --index-url https://a/simple --extra-index-url https://b/simple 'numpy'  && ");
    expect(cmd[2]).toContain('python3 -m venv "$tmp/venv" --system-site-packages');
    expect(cmd[6]).toBe('\nimport kfp\nfrom kfp import dsl\nfrom kfp.dsl import *\nfrom typing import *\n\ndef f():\n    pass\n\n');
    expect(ArtifactType.custom('google.VertexModel', '0.0.0').schemaTitle).toBe('google.VertexModel');
  });

  test('Python components: imports of custom artifact types follow kfp\'s own imports', () => {
    const vertexModel = ArtifactType.custom('google.VertexModel', '0.0.0');
    const c = Component.python({
      source: 'def f(model: Output[aiplatform.VertexModel], m: Input[VertexModel]):\n    pass\n',
      imports: ['import aiplatform', 'from aiplatform import VertexModel'],
      inputs: { m: Input.artifact(vertexModel) },
      outputs: { model: Output.artifact(vertexModel) },
    });
    const p = new Pipeline(Testing.app(), 'p', { parameters: { m: Input.artifact(vertexModel) } });
    p.task('f', c, { inputs: { m: p.param('m') } });
    const cmd = p.toIr().deploymentSpec.executors['exec-f'].container.command;
    expect(cmd[cmd.length - 1]).toBe('\nimport kfp\nfrom kfp import dsl\nfrom kfp.dsl import *\nfrom typing import *\nimport aiplatform\nfrom aiplatform import VertexModel\n\n'
      + 'def f(model: Output[aiplatform.VertexModel], m: Input[VertexModel]):\n    pass\n\n');
  });
});
