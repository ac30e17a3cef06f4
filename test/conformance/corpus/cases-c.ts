// Upstream corpus pipelines ported to TypeScript (share c of the corpus): see corpus.ts.
import * as fs from 'fs';
import * as path from 'path';
import { CorpusCase, corpusPy, NotPorted, pyComponent, pySource } from './corpus';
import {
  ArtifactType, Collected, Component, Condition, ExitHandler, If, Input, Output, ParallelFor, Parameter,
  ParameterType, Pipeline, Placeholder,
} from '../../../src';

/**
 * The component YAML a corpus file passes to `components.load_component_from_text("""...""")`
 * as `<variable> = ...`, read at test time (a user would keep it in a `component.yaml`).
 */
function yamlText(casePath: string, variable: string): string {
  const text = fs.readFileSync(corpusPy(casePath), 'utf8');
  const m = new RegExp(`^${variable} = components\\.load_component_from_text\\("""\\n([\\s\\S]*?)"""\\)`, 'm').exec(text);
  if (!m) throw new Error(`no load_component_from_text("""...""") assigned to '${variable}' in ${casePath}.py`);
  return m[1];
}

/** A YAML component of a corpus file (see `yamlText`). */
function yamlComponent(casePath: string, variable: string): Component {
  return Component.fromYaml(yamlText(casePath, variable), `${casePath}.py:${variable}`);
}

/**
 * The source of a function defined inside a block of a corpus file (`try:`), from its `def`
 * line to the end of its body, as `pySource()` reads top-level ones (`Component.python` dedents it).
 */
function nestedPySource(casePath: string, fn: string): string {
  const lines = fs.readFileSync(corpusPy(casePath), 'utf8').split('\n');
  const start = lines.findIndex((l) => new RegExp(`^\\s*def ${fn}\\(`).test(l));
  if (start < 0) throw new Error(`no function '${fn}' in ${casePath}.py`);
  const indent = /^\s*/.exec(lines[start])![0].length;
  let last = start;
  for (let i = start + 1; i < lines.length; i++) {
    const l = lines[i];
    if (l.trim() === '') continue;
    if (/^\s*/.exec(l)![0].length <= indent && !/^\s*[)\]}]/.test(l)) break;
    last = i;
  }
  return lines.slice(start, last + 1).join('\n') + '\n';
}

const UBI = 'registry.access.redhat.com/ubi9/python-311:latest';

export const CASES_C: CorpusCase[] = [
  {
    path: 'parallel_and_nested/parallel_for_mount_pvc',
    build: (scope) => {
      const g = 'parallel_and_nested/parallel_for_mount_pvc';
      const example = pyComponent(g, 'example_component', {
        baseImage: 'python:3.11',
        inputs: { item: Input.string() },
        outputs: { Output: Output.string() },
      });
      const p = new Pipeline(scope, 'pipeline-parallel-for-mount-pvc', {
        description: 'Pipeline with 1 component inside ParallelFor using mount_pvc.',
        parameters: { my_pvc_name_suffix: Parameter.string({ default: 'test-pvc' }) },
      });
      const pvc = p.createPvc('createpvc', {
        pvcNameSuffix: '-my-pvc',
        accessModes: ['ReadWriteOnce'],
        size: '5Mi',
        storageClassName: 'standard',
      });
      const loop = new ParallelFor(p, 'loop', { items: ['a'] });
      loop.addTask(example, { inputs: { item: loop.item } }).kubernetes.mountPvc(pvc.output('name'), '/data');
      return p;
    },
  },
  {
    path: 'parallel_and_nested/parallel_for_secret',
    build: (scope) => {
      const g = 'parallel_and_nested/parallel_for_secret';
      const example = pyComponent(g, 'example_component', {
        baseImage: 'python:3.11',
        inputs: { item: Input.string() },
        outputs: { Output: Output.string() },
      });
      const p = new Pipeline(scope, 'pipeline-2-parallel-for-secret', {
        description: 'Pipeline with 1 component inside ParallelFor using use_secret_as_env.',
        parameters: { my_secret_name: Parameter.string({ default: 'test-secret-1' }) },
      });
      const loop = new ParallelFor(p, 'loop', { items: ['a', 'b', 'c'], parallelism: 1 });
      loop.addTask(example, { inputs: { item: loop.item } })
        .kubernetes.useSecretAsEnv(p.param('my_secret_name'), { username: 'MY_SECRET_KEY' });
      return p;
    },
  },
  {
    path: 'parallel_and_nested/pipeline_in_pipeline_loaded_from_yaml',
    build: (scope) => {
      const g = 'parallel_and_nested/pipeline_in_pipeline_loaded_from_yaml';
      const printOp1 = pyComponent(g, 'print_op1', { inputs: { data: Input.artifact() } });
      const reuse = Component.fromFile(path.join(path.dirname(corpusPy(g)), '..', 'essential', 'pipeline_with_outputs.yaml'));
      const p = new Pipeline(scope, 'pipeline-in-pipeline');
      const t = p.addTask(reuse, { inputs: { msg: 'Hello' } });
      p.addTask(printOp1, { inputs: { data: t.output() } });
      return p;
    },
  },
  {
    path: 'parameter',
    build: (scope) => {
      const g = 'parameter';
      const coreComp = pyComponent(g, 'core_comp', { outputs: { Output: Output.string() } });
      const crustComp = pyComponent(g, 'crust_comp', { inputs: { input: Input.string() } });
      const core = new Pipeline(scope, 'core', { writeFile: false });
      core.addOutput('Output', core.addTask(coreComp, { caching: false }).output());
      const mantle = new Pipeline(scope, 'mantle', { writeFile: false });
      mantle.addOutput('Output', mantle.addTask(core.asComponent(), { caching: false }).output());
      const p = new Pipeline(scope, 'crust', { name: 'parameter-pipeline' });
      const m = p.addTask(mantle.asComponent(), { caching: false });
      p.addTask(crustComp, { inputs: { input: m.output() }, caching: false });
      return p;
    },
  },
  {
    path: 'pipeline_container_no_input',
    build: (scope) => {
      const c = Component.container({ name: 'container_no_input', image: 'python:3.7', command: ['echo', 'hello world'], args: [] });
      const p = new Pipeline(scope, 'v2-container-component-no-input');
      p.addTask(c);
      return p;
    },
  },
  {
    path: 'pipeline_producer_consumer',
    build: (scope) => {
      const g = 'pipeline_producer_consumer';
      const double = pyComponent(g, 'double', { inputs: { num: Input.integer() }, outputs: { Output: Output.integer() } });
      const add = pyComponent(g, 'add', { inputs: { nums: Input.list() }, outputs: { Output: Output.integer() } });
      const echo = pyComponent(g, 'echo_and_return', { inputs: { string: Input.string() }, outputs: { Output: Output.string() } });
      const join = pyComponent(g, 'join_and_print', { inputs: { strings: Input.list() } });

      const doublePipeline = new Pipeline(scope, 'double_pipeline', { parameters: { num: Parameter.integer() }, writeFile: false });
      doublePipeline.addOutput('Output', doublePipeline.addTask(double, { inputs: { num: doublePipeline.param('num') } }).output());

      const addPipeline = new Pipeline(scope, 'add_pipeline', { parameters: { nums: Parameter.list() }, writeFile: false });
      const chars = new ParallelFor(addPipeline, 'chars', { items: ['m', 'a', 't', 'h'] });
      const id = chars.addTask(echo, { inputs: { string: chars.item } });
      addPipeline.addOutput('out1', addPipeline.addTask(add, { inputs: { nums: addPipeline.param('nums') } }).output());
      addPipeline.addOutput('out2', Collected.of(id.output()));

      const p = new Pipeline(scope, 'math_pipeline');
      const outer = new ParallelFor(p, 'outer', { items: [1, 2, 3] });
      const inner = new ParallelFor(outer, 'inner', { items: [1, 2, 3] });
      const t1 = inner.addTask(doublePipeline.asComponent(), { inputs: { num: inner.item } });
      const t2 = p.addTask(addPipeline.asComponent(), { inputs: { nums: Collected.of(t1.output()) } });
      p.addTask(join, { inputs: { strings: t2.output('out2') } });
      p.addOutput('Output', t2.output('out1'));
      return p;
    },
  },
  {
    path: 'pipeline_with_component_from_text',
    build: (scope) => {
      const g = 'pipeline_with_component_from_text';
      const printEnv = pyComponent(g, 'print_env_op');
      const printEnv2 = yamlComponent(g, 'print_env_2_op');
      const p = new Pipeline(scope, 'pipeline-with-env');
      p.addTask(printEnv).withEnv('ENV1', 'val1');
      p.addTask(printEnv2).withEnv('ENV2', 'val2').withEnv('ENV3', 'val3');
      return p;
    },
  },
  {
    path: 'pipeline_with_concat_placeholder',
    build: (scope) => {
      const c = yamlComponent('pipeline_with_concat_placeholder', 'component_op');
      const p = new Pipeline(scope, 'one-step-pipeline-with-concat-placeholder');
      p.addTask(c, { inputs: { input_one: 'one', input_two: 'two' } });
      return p;
    },
  },
  {
    path: 'pipeline_with_dynamic_importer_metadata',
    build: (scope) => {
      const g = 'pipeline_with_dynamic_importer_metadata';
      const artifactUri = 'gs://ml-pipeline-playground/shakespeare1.txt';
      const imageUri = 'us-docker.pkg.dev/vertex-ai/prediction/tf2-gpu.2-5:latest';
      const makeName = pyComponent(g, 'make_name', { inputs: { name: Input.string() }, outputs: { Output: Output.string() } });
      const p = new Pipeline(scope, 'my_pipeline', {
        name: 'pipeline-with-importer',
        parameters: {
          name: Parameter.string({ default: 'default-name' }),
          int_input: Parameter.integer({ default: 1 }),
          pipeline_input_artifact_uri: Parameter.string({ default: artifactUri }),
          pipeline_input_image_uri: Parameter.string({ default: imageUri }),
        },
      });
      const name = p.param('name');
      p.addImporter({
        artifactUri: p.param('pipeline_input_artifact_uri'),
        artifactType: ArtifactType.DATASET,
        reimport: false,
        metadata: { name: [name, 'alias-name'], containerSpec: { imageUri: p.param('pipeline_input_image_uri') } },
      });
      const made = p.addTask(makeName, { inputs: { name: 'a-different-name' } }).output();
      p.addImporter({
        artifactUri,
        artifactType: ArtifactType.DATASET,
        reimport: false,
        metadata: {
          'name': `prefix-${made}`,
          'list-of-data': [made, name, p.param('int_input')],
          [`${made}`]: made,
          [`${name}`]: imageUri,
          'containerSpec': { imageUri },
        },
      });
      return p;
    },
  },
  {
    path: 'pipeline_with_google_artifact_type',
    build: (scope) => {
      const g = 'pipeline_with_google_artifact_type';
      // The file writes a module `aiplatform` with these two artifact classes, then imports it.
      const vertexModel = ArtifactType.custom('google.VertexModel', '0.0.0');
      const vertexDataset = ArtifactType.custom('google.VertexDataset', '0.0.0');
      const producer = Component.python({
        source: nestedPySource(g, 'model_producer'),
        imports: ['import aiplatform'],
        packagesToInstall: ['aiplatform'],
        outputs: { model: Output.artifact(vertexModel) },
      });
      const consumer = Component.python({
        source: nestedPySource(g, 'model_consumer'),
        imports: ['from aiplatform import VertexModel', 'from aiplatform import VertexDataset'],
        packagesToInstall: ['aiplatform'],
        inputs: { model: Input.artifact(vertexModel), dataset: Input.artifact(vertexDataset) },
      });
      const p = new Pipeline(scope, 'pipeline-with-google-types');
      const produced = p.addTask(producer);
      const imported = p.addImporter({
        artifactUri: 'gs://ml-pipeline-playground/shakespeare1.txt',
        artifactType: vertexDataset,
        reimport: false,
        metadata: { key: 'value' },
      });
      p.addTask(consumer, { inputs: { model: produced.output('model'), dataset: imported.output('artifact') } });
      return p;
    },
  },
  {
    path: 'pipeline_with_importer_and_gcpc_types',
    build: (scope) => {
      const consumer = yamlComponent('pipeline_with_importer_and_gcpc_types', 'consumer_op');
      const p = new Pipeline(scope, 'pipeline-with-importer-and-gcpc-type');
      const imp = p.addImporter({
        artifactUri: 'gs://ml-pipeline-playground/shakespeare1.txt',
        artifactType: ArtifactType.custom('google.VertexDataset'),
        reimport: false,
        metadata: { key: 'value' },
      });
      p.addTask(consumer, { inputs: { dataset: imp.output('artifact') } });
      return p;
    },
  },
  {
    path: 'pipeline_with_loops_and_conditions',
    build: (scope) => {
      const g = 'pipeline_with_loops_and_conditions';
      const argsGenerator = pyComponent(g, 'args_generator_op', { outputs: { Output: Output.list() } });
      const printText = pyComponent(g, 'print_text', { inputs: { msg: Input.string(), msg2: Input.string({ optional: true }) } });
      const printStruct = pyComponent(g, 'print_struct', { inputs: { struct: Input.struct() } });
      const flipCoin = pyComponent(g, 'flip_coin_op', { description: 'Flip a coin and output heads or tails randomly.', outputs: { Output: Output.string() } });
      const p = new Pipeline(scope, 'my_pipeline', {
        name: 'pipeline-with-loops-and-conditions-multi-layers',
        parameters: {
          msg: Parameter.string({ default: 'hello' }),
          loop_parameter: Parameter.list({
            default: [{ A_a: 'heads', B_b: ['A', 'B'] }, { A_a: 'tails', B_b: ['X', 'Y', 'Z'] }],
          }),
        },
      });
      const flip = p.addTask(flipCoin);
      const outerGen = p.addTask(argsGenerator);
      const always = new If(p, 'always', Condition.notEqualTo(flip.output(), 'no-such-result'));
      const innerGen = always.addTask(argsGenerator);
      const item = new ParallelFor(always, 'item', { items: outerGen.output() });
      item.addTask(printText, { inputs: { msg: p.param('msg') } });
      new If(item, 'heads', Condition.equalTo(item.item.field('A_a'), 'heads')).addTask(printText, { inputs: { msg: item.item.field('B_b') } });
      new If(item, 'flip-heads', Condition.equalTo(flip.output(), 'heads')).addTask(printText, { inputs: { msg: item.item.field('B_b') } });
      const tails = new If(item, 'tails', Condition.equalTo(item.item.field('A_a'), 'tails'));
      const innerItem = new ParallelFor(tails, 'inner-item', { items: [{ a: '-1' }, { a: '-2' }] });
      innerItem.addTask(printStruct, { inputs: { struct: innerItem.item } });
      const itemB = new ParallelFor(item, 'item-b', { items: item.item.field('B_b') });
      itemB.addTask(printText, { inputs: { msg: itemB.item } });
      const pipelineItem = new ParallelFor(item, 'pipeline-item', { items: p.param('loop_parameter') });
      pipelineItem.addTask(printText, { inputs: { msg: pipelineItem.item } });
      const innerArg = new ParallelFor(pipelineItem, 'inner-arg', { items: innerGen.output() });
      innerArg.addTask(printText, { inputs: { msg: pipelineItem.item, msg2: innerArg.item.field('A_a') } });
      const staticItem = new ParallelFor(item, 'static-item', { items: ['1', '2'] });
      staticItem.addTask(printText, { inputs: { msg: staticItem.item } });
      new If(staticItem, 'one', Condition.equalTo(staticItem.item, '1')).addTask(printText, { inputs: { msg: '1' } });
      // Reference loop item from grand child
      const item2 = new ParallelFor(p, 'item2', { items: p.param('loop_parameter') });
      const heads2 = new If(item2, 'heads', Condition.equalTo(item2.item.field('A_a'), 'heads'));
      const itemB2 = new ParallelFor(heads2, 'item-b', { items: item2.item.field('B_b') });
      itemB2.addTask(printText, { inputs: { msg: itemB2.item } });
      return p;
    },
  },
  {
    path: 'pipeline_with_metadata_fields',
    build: (scope) => {
      const g = 'pipeline_with_metadata_fields';
      const strToDataset = pyComponent(g, 'str_to_dataset', {
        description: 'Convert string to dataset.',
        inputs: { string: Input.string({ description: 'The string.' }) },
        outputs: { dataset: Output.dataset({ description: 'The dataset.' }) },
      });
      const joiner = pyComponent(g, 'dataset_joiner', {
        description: 'Concatenate dataset_a and dataset_b.\n\nAlso returns the concatenated string.',
        inputs: {
          dataset_a: Input.dataset({ description: 'First dataset.' }),
          dataset_b: Input.dataset({ description: 'Second dataset.' }),
        },
        outputs: {
          out_dataset: Output.dataset({ description: 'The concatenated dataset.' }),
          Output: Output.string({ description: 'The concatenated string.' }),
        },
      });
      const p = new Pipeline(scope, 'dataset_concatenator', {
        description: 'A pipeline that joins string to in_dataset.',
        parameters: {
          string: Parameter.string({ description: 'String to concatenate to in_artifact.' }),
          in_dataset: Input.dataset({ description: 'Dataset to which to concatenate string.' }),
        },
        outputs: { Output: Output.dataset({ description: 'The final concatenated dataset.' }) },
      });
      const first = p.addTask(strToDataset, { inputs: { string: p.param('string') } });
      const t = p.addTask(joiner, { inputs: { dataset_a: first.output('dataset'), dataset_b: p.param('in_dataset') } });
      p.addOutput('Output', t.output('out_dataset'));
      return p;
    },
  },
  {
    path: 'pipeline_with_nested_loops',
    build: (scope) => {
      const printOp = pyComponent('pipeline_with_nested_loops', 'print_op', { inputs: { msg: Input.string(), msg2: Input.string({ optional: true }) } });
      const p = new Pipeline(scope, 'pipeline-with-nested-loops', {
        parameters: {
          loop_parameter: Parameter.list({
            default: [
              { p_a: [{ q_a: '1' }, { q_a: '2' }], p_b: 'hello' },
              { p_a: [{ q_a: '11' }, { q_a: '22' }], p_b: 'halo' },
            ],
          }),
        },
      });
      const item = new ParallelFor(p, 'item', { items: p.param('loop_parameter') });
      const itemPa = new ParallelFor(item, 'item-p-a', { items: item.item.field('p_a') });
      itemPa.addTask(printOp, { inputs: { msg: itemPa.item.field('q_a') } });
      const outer = new ParallelFor(p, 'outer', { items: ['1', '2'] });
      outer.addTask(printOp, { inputs: { msg: outer.item } });
      const inner = new ParallelFor(outer, 'inner', { items: ['100', '200', '300'] });
      inner.addTask(printOp, { inputs: { msg: outer.item, msg2: inner.item } });
      return p;
    },
  },
  {
    path: 'pipeline_with_parallelfor_list_artifacts',
    build: (scope) => {
      const g = 'pipeline_with_parallelfor_list_artifacts';
      const printName = pyComponent(g, 'print_artifact_name', { inputs: { artifact: Input.artifact() }, outputs: { Output: Output.string() } });
      const makeDataset = pyComponent(g, 'make_dataset', { inputs: { data: Input.string() }, outputs: { Output: Output.dataset() } });
      const makeArtifact = pyComponent(g, 'make_artifact', { inputs: { data: Input.string() }, outputs: { Output: Output.artifact() } });
      const texts = () => ({ texts: Parameter.list({ default: ['Hello', ',', ' ', 'world!'], itemType: ParameterType.STRING }) });
      const makeDatasets = new Pipeline(scope, 'make_datasets', { parameters: texts(), outputs: { Output: Output.artifactList(ArtifactType.DATASET) }, writeFile: false });
      const l1 = new ParallelFor(makeDatasets, 'text', { items: makeDatasets.param('texts') });
      makeDatasets.addOutput('Output', Collected.of(l1.addTask(makeDataset, { inputs: { data: l1.item } }).output()));
      const makeArtifacts = new Pipeline(scope, 'make_artifacts', { parameters: texts(), outputs: { Output: Output.artifactList() }, writeFile: false });
      const l2 = new ParallelFor(makeArtifacts, 'text', { items: makeArtifacts.param('texts') });
      makeArtifacts.addOutput('Output', Collected.of(l2.addTask(makeArtifact, { inputs: { data: l2.item } }).output()));

      const p = new Pipeline(scope, 'pipeline-parallelfor-artifacts');
      const a = p.addTask(makeArtifacts.asComponent());
      const la = new ParallelFor(p, 'artifacts', { items: a.output() });
      la.addTask(printName, { inputs: { artifact: la.item } });
      const d = p.addTask(makeDatasets.asComponent());
      const ld = new ParallelFor(p, 'datasets', { items: d.output() });
      ld.addTask(printName, { inputs: { artifact: ld.item } });
      return p;
    },
  },
  {
    path: 'pipeline_with_parallelfor_parallelism',
    build: (scope) => {
      const g = 'pipeline_with_parallelfor_parallelism';
      const printText = pyComponent(g, 'print_text', { inputs: { msg: Input.string() } });
      const printInt = pyComponent(g, 'print_int', { inputs: { x: Input.integer() } });
      const maker = (fn: string, description: string, itemType?: ParameterType) =>
        pyComponent(g, fn, { description, outputs: { Output: Output.list(itemType ? { itemType } : {}) } });
      const maker0 = maker('list_dict_maker_0', 'Enforces strict type checking - returns a list of dictionaries \nwhere keys are strings and values are integers. For testing type \nhandling during compilation.', ParameterType.structOf(ParameterType.NUMBER_INTEGER));
      const maker1 = maker('list_dict_maker_1', 'Utilizes generic dictionary typing (no enforcement of specific key or\nvalue types).\n\nTests flexibility in type handling.', ParameterType.STRUCT);
      const maker2 = maker('list_dict_maker_2', 'Returns a list of dictionaries without type enforcement.\n\nTests flexibility in type handling.', ParameterType.STRUCT);
      const maker3 = maker('list_dict_maker_3', 'Returns a basic list (no typing or structure guarantees).\n\nTests the limits of compiler type handling.');
      // list_dict_maker_1 compiled on its own, then loaded from its YAML.
      const compiled = Pipeline.fromComponent(scope, 'upstream-component', maker1, { writeFile: false });
      const loaded = Component.fromYaml(compiled.toYaml());
      const p = new Pipeline(scope, 'my-pipeline', {
        name: 'pipeline-with-parallelfor-parallelism',
        parameters: { loop_parameter: Parameter.list({ itemType: ParameterType.STRING }) },
      });
      const l1 = new ParallelFor(p, 'l1', { items: p.param('loop_parameter'), parallelism: 2 });
      l1.addTask(printText, { inputs: { msg: l1.item } });
      const l1n = new ParallelFor(l1, 'nested', { items: p.param('loop_parameter') });
      l1n.addTask(printText, { inputs: { msg: l1n.item } });
      const l2 = new ParallelFor(p, 'l2', { items: [{ A_a: '1', B_b: '2' }, { A_a: '10', B_b: '20' }], parallelism: 0 });
      l2.addTask(printText, { inputs: { msg: l2.item.field('A_a') } });
      l2.addTask(printText, { inputs: { msg: l2.item.field('B_b') } });
      const l2n = new ParallelFor(l2, 'nested', { items: [{ A_a: '10', B_b: '20' }, { A_a: '100', B_b: '200' }], parallelism: 1 });
      l2n.addTask(printText, { inputs: { msg: l2n.item.field('A_a') } });
      l2n.addTask(printText, { inputs: { msg: l2n.item.field('B_b') } });
      const l3 = new ParallelFor(p, 'l3', { items: [{ a: 1, b: 2 }, { a: 2, b: 3 }, { a: 3, b: 4 }], parallelism: 1 });
      l3.addTask(printInt, { inputs: { x: l3.item.field('a') } });
      for (const comp of [maker0, maker1, maker2, maker3, loaded]) {
        const t = p.addTask(comp);
        const loop = new ParallelFor(p, `over-${t.taskName}`, { items: t.output() });
        loop.addTask(printInt, { inputs: { x: loop.item.field('a') } });
      }
      return p;
    },
  },
  {
    path: 'pipeline_with_secret_as_volume',
    build: (scope) => {
      const comp = pyComponent('pipeline_with_secret_as_volume', 'comp');
      const p = new Pipeline(scope, 'pipeline_secret_volume', { parameters: { secret_param: Parameter.string({ default: 'test-secret-1' }) } });
      p.addTask(comp).kubernetes.useSecretAsVolume(p.param('secret_param'), '/mnt/my_vol');
      return p;
    },
  },
  {
    path: 'pipeline_with_task_final_status_yaml',
    build: (scope) => {
      const g = 'pipeline_with_task_final_status_yaml';
      const exitOp = yamlComponent(g, 'exit_op');
      const printOp = yamlComponent(g, 'print_op');
      const p = new Pipeline(scope, 'pipeline-with-task-final-status-yaml', { parameters: { message: Parameter.string({ default: 'Hello World!' }) } });
      const exit = p.addTask(exitOp, { inputs: { user_input: p.param('message') } });
      const handler = new ExitHandler(p, 'handler', { exitTask: exit, displayName: 'my-pipeline' });
      handler.addTask(printOp, { inputs: { message: p.param('message') } });
      return p;
    },
  },
  {
    path: 'pipeline_with_utils',
    build: (scope) => {
      const g = 'pipeline_with_utils';
      // kfp's additional_funcs: the helper functions are written before the component function.
      const echo = Component.python({
        source: [pySource(g, 'util_func'), pySource(g, 'util_func2'), pySource(g, 'echo')].join('\n\n'),
        functionName: 'echo',
        inputs: { msg: Input.string() },
      });
      const p = new Pipeline(scope, 'pipeline-with-utils', {
        description: 'A simple hello world pipeline',
        parameters: { msg: Parameter.string({ default: 'Hello, World!' }) },
      });
      p.addTask(echo, { inputs: { msg: p.param('msg') } });
      return p;
    },
  },
  {
    path: 'pipeline_with_various_io_types',
    build: (scope) => {
      const g = 'pipeline_with_various_io_types';
      const upstream = yamlComponent(g, 'component_op_1');
      const downstream = yamlComponent(g, 'component_op_2');
      const p = new Pipeline(scope, 'pipeline-with-various-types', {
        parameters: { input1: Parameter.string(), input3: Input.artifact(), input4: Parameter.string({ default: '' }) },
      });
      const c1 = p.addTask(upstream, {
        inputs: { input_1: p.param('input1'), input_2: 3.1415926, input_3: p.param('input3'), input_4: p.param('input4') },
      });
      const inputs: { [name: string]: any } = {};
      'abcdefghi'.split('').forEach((x, i) => { inputs[`input_${x}`] = c1.output(`output_${i + 1}`); });
      p.addTask(downstream, { inputs });
      return p;
    },
  },
  ...(['pipeline_with_volume', 'pipeline_with_volume_no_cache'].map((g): CorpusCase => ({
    path: g,
    build: (scope) => {
      const caching = g === 'pipeline_with_volume';
      const producer = pyComponent(g, 'producer', { outputs: { Output: Output.string() } });
      const consumer = pyComponent(g, 'consumer', { outputs: { Output: Output.string() } });
      const p = new Pipeline(scope, g);
      const pvc = p.createPvc('createpvc', { pvcNameSuffix: '-my-pvc', accessModes: ['ReadWriteOnce'], size: '5Mi', storageClassName: 'standard' });
      if (!caching) pvc.withCaching(false);
      const t1 = p.addTask(producer);
      const t2 = p.addTask(consumer).after(t1);
      t1.kubernetes.mountPvc(pvc.output('name'), '/data');
      t2.kubernetes.mountPvc(pvc.output('name'), '/data');
      const del = p.deletePvc('deletepvc', pvc.output('name')).after(t2);
      if (!caching) del.withCaching(false);
      return p;
    },
  }))),
  {
    path: 'pipeline_with_volume_long_name',
    build: (scope) => {
      const dummy = pyComponent('pipeline_with_volume_long_name', 'dummy_task');
      const p = new Pipeline(scope, 'here-is-a-pipeline-very-long-name');
      p.addTask(dummy);
      p.createPvc('createpvc', { pvcNameSuffix: '-my-pvc', accessModes: ['ReadWriteOnce'], size: '1Gi', storageClassName: 'standard' });
      return p;
    },
  },
  {
    path: 'preprocess',
    build: (scope) => Pipeline.fromComponent(scope, 'preprocess', pyComponent('preprocess', 'preprocess', {
      description: 'Dummy preprocessing step.',
      inputs: {
        message: Input.string(),
        input_dict_parameter: Input.struct({ valueType: ParameterType.NUMBER_INTEGER }),
        input_list_parameter: Input.list({ itemType: ParameterType.STRING }),
      },
      outputs: {
        output_dataset_one: Output.dataset(),
        output_dataset_two_path: Output.dataset(),
        output_parameter_path: Output.string(),
        output_bool_parameter_path: Output.boolean(),
        output_dict_parameter_path: Output.struct({ valueType: ParameterType.NUMBER_INTEGER }),
        output_list_parameter_path: Output.list({ itemType: ParameterType.STRING }),
      },
    })),
  },
  {
    path: 'pvc_mount',
    build: (scope) => {
      const g = 'pvc_mount';
      const producer = pyComponent(g, 'producer', { outputs: { Output: Output.string() } });
      const consumer = pyComponent(g, 'consumer');
      const p = new Pipeline(scope, 'pvc-mount-pipeline', { parameters: { pvc_name: Parameter.string() } });
      const t1 = p.addTask(producer);
      const t2 = p.addTask(consumer).after(t1);
      t1.kubernetes.mountPvc(p.param('pvc_name'), '/data');
      t2.kubernetes.mountPvc(p.param('pvc_name'), '/data');
      return p;
    },
  },
  {
    path: 'pvc_mount_subpath',
    build: (scope) => {
      const g = 'pvc_mount_subpath';
      const comp = (fn: string, description: string) => pyComponent(g, fn, { description });
      const p = new Pipeline(scope, 'pvc-mount-subpath-pipeline', { parameters: { pvc_name: Parameter.string() } });
      const pvc = p.param('pvc_name');
      const writeModels = p.addTask(comp('write_to_models', 'Writes data to the models subdirectory.'));
      writeModels.kubernetes.mountPvc(pvc, '/data', { subPath: 'models' });
      const writeLogs = p.addTask(comp('write_to_logs', 'Writes data to the logs subdirectory.'));
      writeLogs.kubernetes.mountPvc(pvc, '/data', { subPath: 'logs' });
      p.addTask(comp('read_from_models', 'Reads data from the models subdirectory.')).after(writeModels)
        .kubernetes.mountPvc(pvc, '/data', { subPath: 'models' });
      p.addTask(comp('read_from_logs', 'Reads data from the logs subdirectory.')).after(writeLogs)
        .kubernetes.mountPvc(pvc, '/data', { subPath: 'logs' });
      return p;
    },
  },
  {
    path: 'pythonic_artifacts_with_list_of_artifacts',
    build: (scope) => {
      const g = 'pythonic_artifacts_with_list_of_artifacts';
      const makeDataset = pyComponent(g, 'make_dataset', { inputs: { text: Input.string() }, outputs: { Output: Output.dataset() } });
      const joinDatasets = pyComponent(g, 'join_datasets', { inputs: { datasets: Input.artifactList(ArtifactType.DATASET) }, outputs: { Output: Output.dataset() } });
      const p = new Pipeline(scope, 'make_and_join_datasets', {
        parameters: { texts: Parameter.list({ default: ['Hello', ',', ' ', 'world!'], itemType: ParameterType.STRING }) },
        outputs: { Output: Output.dataset() },
      });
      const loop = new ParallelFor(p, 'text', { items: p.param('texts') });
      const t1 = loop.addTask(makeDataset, { inputs: { text: loop.item } });
      p.addOutput('Output', p.addTask(joinDatasets, { inputs: { datasets: Collected.of(t1.output()) } }).output());
      return p;
    },
  },
  ...(['run_as_user_cache_disabled', 'run_as_user_cache_enabled'].map((g): CorpusCase => ({
    path: g,
    build: (scope) => Pipeline.fromComponent(scope, 'echo', Component.container({ name: 'echo', image: UBI, command: ['echo'], args: ['hello world'] })),
  }))),
  {
    path: 'sequential_v1',
    build: (scope) => {
      const echo = Component.container({
        name: 'echo',
        image: UBI,
        inputs: { message: Input.string() },
        command: ['sh', '-c'],
        args: [`echo ${Placeholder.inputValue('message')}`],
      });
      const p = new Pipeline(scope, 'sequential', { parameters: { param1: Parameter.string(), param2: Parameter.string() } });
      p.addTask(echo, { inputs: { message: p.param('param1') } });
      p.addTask(echo, { inputs: { message: p.param('param2') } });
      return p;
    },
  },
  {
    path: 'sequential_v2',
    build: (scope) => {
      const download = Component.container({
        name: 'download',
        image: 'google/cloud-sdk',
        inputs: { url: Input.string() },
        outputs: { downloaded: Output.string() },
        command: ['sh', '-c'],
        args: [`gsutil cp ${Placeholder.inputValue('url')} ${Placeholder.outputPath('downloaded')}`],
      });
      const echo = Component.container({
        name: 'echo',
        image: 'library/bash',
        inputs: { downloaded: Input.string() },
        command: ['sh', '-c'],
        args: [`echo ${Placeholder.inputValue('downloaded')}`],
      });
      const p = new Pipeline(scope, 'sequential', { parameters: { url: Parameter.string() } });
      const d = p.addTask(download, { inputs: { url: p.param('url') } });
      p.addTask(echo, { inputs: { downloaded: d.output('downloaded') } });
      return p;
    },
  },
  ...(['take_nap', 'take_nap_pipeline_root'].map((g): CorpusCase => ({
    path: g,
    build: (scope) => {
      const baseImage = 'registry.redhat.io/ubi8/python-39@sha256:3523b184212e1f2243e76d8094ab52b01ea3015471471290d011625e1763af61';
      const takeNap = pyComponent(g, 'take_nap', { baseImage, description: 'Sleeps for secs', inputs: { naptime_secs: Input.integer() }, outputs: { Output: Output.string() } });
      const wakeUp = pyComponent(g, 'wake_up', { baseImage, description: 'Wakes up from nap printing a message', inputs: { message: Input.string() } });
      const p = new Pipeline(scope, 'take-nap-pipeline', {
        description: 'Pipeline that sleeps for 15 mins (900 secs)',
        ...(g === 'take_nap_pipeline_root' ? { pipelineRoot: 's3://change/me' } : {}),
        parameters: { naptime_secs: Parameter.integer({ default: 900 }) },
      });
      const nap = p.addTask(takeNap, { inputs: { naptime_secs: p.param('naptime_secs') }, caching: false });
      p.addTask(wakeUp, { inputs: { message: nap.output() }, caching: false });
      return p;
    },
  }))),
  {
    path: 'two_step_pipeline',
    build: (scope) => {
      const g = 'two_step_pipeline';
      const write = yamlComponent(g, 'component_op_1');
      const read = yamlComponent(g, 'component_op_2');
      const p = new Pipeline(scope, 'simple-two-step-pipeline', { parameters: { text: Parameter.string({ default: 'Hello world!' }) } });
      const c1 = p.addTask(write, { inputs: { text: p.param('text') } }).withDisplayName('Producer');
      p.addTask(read, { inputs: { input_gcs_path: c1.output('output_gcs_path') } }).withDisplayName('Consumer');
      return p;
    },
  },
  {
    path: 'two_step_with_uri_placeholder',
    build: (scope) => {
      const g = 'two_step_with_uri_placeholder';
      const write = yamlComponent(g, 'write_to_gcs_op');
      const read = yamlComponent(g, 'read_from_gcs_op');
      const p = new Pipeline(scope, 'two-step-with-uri-placeholders', { parameters: { msg: Parameter.string({ default: 'Hello world!' }) } });
      const w = p.addTask(write, { inputs: { msg: p.param('msg') } });
      p.addTask(read, { inputs: { artifact: w.output('artifact') } });
      return p;
    },
  },
];

export const NOT_PORTED_C: NotPorted[] = [
  {
    path: 'pipeline_with_condition_dynamic_task_output_custom_training_job',
    reason: 'needs google_cloud_pipeline_components (custom_job.CustomTrainingJobOp), which the oracle cannot import; the golden exists',
  },
  {
    path: 'xgboost_sample_pipeline',
    reason: 'downloads its six components from raw.githubusercontent.com with load_component_from_url at import time (no network here, and the component texts are not in the corpus); the golden exists',
  },
];
