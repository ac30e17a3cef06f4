// Goldens with conditions, loops, fan-in, exit handlers and importers.
import { IrCase, py } from './harness';
import {
  ArtifactType, Collected, Component, Condition, ExitHandler, If, Input, OneOf, Output, ParallelFor,
  Parameter, ParameterType, Pipeline,
} from '../../../src';

export const CONTROL_FLOW_CASES: IrCase[] = [
  {
    golden: 'critical/flip_coin',
    build: (scope) => {
      const g = 'critical/flip_coin';
      const randomNum = py(g, 'random_num', { inputs: { low: Input.integer(), high: Input.integer() }, outputs: { Output: Output.integer() } });
      const flipCoin = py(g, 'flip_coin', { outputs: { Output: Output.string() } });
      const printMsg = py(g, 'print_msg', { inputs: { msg: Input.string() } });
      const p = new Pipeline(scope, 'flipcoin', { name: 'conditional-execution-pipeline', description: 'Shows how to use dsl.If().' });
      const flip = p.task('flip-coin', flipCoin, { caching: false });
      const heads = new If(p, 'heads', Condition.equalTo(flip.output(), 'heads'));
      const numHead = heads.task('random-num', randomNum, { inputs: { low: 0, high: 9 }, caching: false });
      new If(heads, 'gt5', Condition.greaterThan(numHead.output(), 5))
        .task('print-msg', printMsg, { inputs: { msg: `heads and ${numHead.output()} > 5!` }, caching: false });
      new If(heads, 'le5', Condition.lessThanOrEqualTo(numHead.output(), 5))
        .task('print-msg', printMsg, { inputs: { msg: `heads and ${numHead.output()} <= 5!` }, caching: false });
      const tails = new If(p, 'tails', Condition.equalTo(flip.output(), 'tails'));
      const numTail = tails.task('random-num', randomNum, { inputs: { low: 10, high: 19 }, caching: false });
      new If(tails, 'gt15', Condition.greaterThan(numTail.output(), 15))
        .task('print-msg', printMsg, { inputs: { msg: `tails and ${numTail.output()} > 15!` }, caching: false });
      new If(tails, 'le15', Condition.lessThanOrEqualTo(numTail.output(), 15))
        .task('print-msg', printMsg, { inputs: { msg: `tails and ${numTail.output()} <= 15!` }, caching: false });
      return p;
    },
  },
  {
    golden: 'essential/pipeline_with_condition',
    build: (scope) => {
      const g = 'essential/pipeline_with_condition';
      const flipCoin = py(g, 'flip_coin_op', { outputs: { Output: Output.string() } });
      const printOp = py(g, 'print_op', { inputs: { msg: Input.string() } });
      const p = new Pipeline(scope, 'single-condition-pipeline', { parameters: { text: Parameter.string({ default: 'condition test' }) } });
      const flip1 = p.task('flip-coin-op', flipCoin, { caching: false });
      p.task('print-op', printOp, { inputs: { msg: flip1.output() } });
      const cond = new If(p, 'heads', Condition.equalTo(flip1.output(), 'heads'));
      const flip2 = cond.task('flip-coin-op', flipCoin, { caching: false });
      cond.task('print-op', printOp, { inputs: { msg: flip2.output() } });
      cond.task('print-op-3', printOp, { inputs: { msg: p.param('text') } });
      return p;
    },
  },
  {
    golden: 'if_elif_else_complex',
    build: (scope) => {
      const g = 'if_elif_else_complex';
      const intTo9999 = py(g, 'int_0_to_9999', { outputs: { Output: Output.integer() } });
      const isEvenOrOdd = py(g, 'is_even_or_odd', { inputs: { num: Input.integer() }, outputs: { Output: Output.string() } });
      const printAndReturn = py(g, 'print_and_return', { inputs: { text: Input.string() }, outputs: { Output: Output.string() } });
      const printInts = py(g, 'print_ints', { inputs: { ints: Input.list() } });
      const p = new Pipeline(scope, 'lucky-number-pipeline', {
        parameters: {
          add_drumroll: Parameter.boolean({ default: true }),
          repeat_if_lucky_number: Parameter.boolean({ default: true }),
          trials: Parameter.list({ default: [1, 2, 3], itemType: ParameterType.NUMBER_INTEGER }),
        },
      });
      const loop = new ParallelFor(p, 'trials', { items: p.param('trials') });
      const intTask = loop.task('int-0-to-9999', intTo9999, { caching: false });
      const drum = new If(loop, 'drumroll', Condition.equalTo(p.param('add_drumroll'), true));
      new If(drum, 'last', Condition.equalTo(loop.item, 3))
        .task('print-and-return', printAndReturn, { inputs: { text: 'Adding drumroll on last trial!' } });
      const low = new If(loop, 'low', Condition.lessThan(intTask.output(), 5000));
      const eo1 = low.task('is-even-or-odd', isEvenOrOdd, { inputs: { num: intTask.output() } });
      const even1 = new If(low, 'even', Condition.equalTo(eo1.output(), 'even'));
      const t1 = even1.task('print-and-return', printAndReturn, { inputs: { text: 'Got a low even number!' } });
      const odd1 = even1.otherwise('odd');
      const t2 = odd1.task('print-and-return', printAndReturn, { inputs: { text: 'Got a low odd number!' } });
      low.task('print-and-return', printAndReturn, { inputs: { text: OneOf.of(t1.output(), t2.output()) } });
      const high = low.elif('high', Condition.greaterThan(intTask.output(), 5000));
      const eo2 = high.task('is-even-or-odd', isEvenOrOdd, { inputs: { num: intTask.output() } });
      const even2 = new If(high, 'even', Condition.equalTo(eo2.output(), 'even'));
      const t3 = even2.task('print-and-return', printAndReturn, { inputs: { text: 'Got a high even number!' } });
      const odd2 = even2.otherwise('odd');
      const t4 = odd2.task('print-and-return', printAndReturn, { inputs: { text: 'Got a high odd number!' } });
      high.task('print-and-return', printAndReturn, { inputs: { text: OneOf.of(t3.output(), t4.output()) } });
      const lucky = high.otherwise('lucky');
      lucky.task('print-and-return', printAndReturn, { inputs: { text: 'Announcing: Got the lucky number 5000! A one in 10,000 chance.' } });
      const repeat = new If(lucky, 'repeat', Condition.equalTo(p.param('repeat_if_lucky_number'), true));
      new ParallelFor(repeat, 'again', { items: [1, 2] })
        .task('print-and-return', printAndReturn, { inputs: { text: 'Announcing again: Got the lucky number 5000! A one in 10,000 chance.' } });
      p.task('print-ints', printInts, { inputs: { ints: Collected.of(intTask.output()) } });
      return p;
    },
  },
  {
    golden: 'parallel_and_nested/pipeline_with_loops',
    build: (scope) => {
      const g = 'parallel_and_nested/pipeline_with_loops';
      const argsGenerator = py(g, 'args_generator_op', { outputs: { Output: Output.list({ itemType: ParameterType.structOf(ParameterType.STRING) }) } });
      const printText = py(g, 'print_text', { inputs: { msg: Input.string() } });
      const printStruct = py(g, 'print_struct', { inputs: { struct: Input.struct() } });
      const p = new Pipeline(scope, 'pipeline-with-loops', {
        parameters: { loop_parameter: Parameter.list({ default: ['a', 'b'], itemType: ParameterType.STRING }) },
      });
      const l1 = new ParallelFor(p, 'l1', { items: p.param('loop_parameter') });
      l1.task('print-text', printText, { inputs: { msg: l1.item } });
      const gen = p.task('args-generator-op', argsGenerator);
      const l2 = new ParallelFor(p, 'l2', { items: gen.output() });
      l2.task('print-struct', printStruct, { inputs: { struct: l2.item } });
      l2.task('print-text', printText, { inputs: { msg: l2.item.field('A_a') } });
      l2.task('print-text-3', printText, { inputs: { msg: l2.item.field('B_b') } });
      const l3 = new ParallelFor(p, 'l3', { items: [{ A_a: '1', B_b: '2' }, { A_a: '10', B_b: '20' }] });
      l3.task('print-struct', printStruct, { inputs: { struct: l3.item } });
      l3.task('print-text', printText, { inputs: { msg: l3.item.field('A_a') } });
      l3.task('print-text-5', printText, { inputs: { msg: l3.item.field('B_b') } });
      return p;
    },
  },
  {
    golden: 'pipeline_with_parallelfor_parallelism',
    build: (scope) => {
      const g = 'pipeline_with_parallelfor_parallelism';
      const printText = py(g, 'print_text', { inputs: { msg: Input.string() } });
      const printInt = py(g, 'print_int', { inputs: { x: Input.integer() } });
      const maker = (fn: string, itemType?: ParameterType) => py(g, fn, { outputs: { Output: Output.list(itemType ? { itemType } : {}) } });
      const maker0 = maker('list_dict_maker_0', ParameterType.structOf(ParameterType.NUMBER_INTEGER));
      const maker1 = maker('list_dict_maker_1', ParameterType.STRUCT);
      const maker2 = maker('list_dict_maker_2', ParameterType.STRUCT);
      const maker3 = maker('list_dict_maker_3');
      // The loaded component: list_dict_maker_1 compiled on its own, then loaded from its YAML.
      const compiled = Pipeline.fromComponent(scope, 'upstream-component', maker1, { writeFile: false });
      const loaded = Component.fromYaml(compiled.toYaml());
      const p = new Pipeline(scope, 'my-pipeline', {
        name: 'pipeline-with-loops',
        parameters: { loop_parameter: Parameter.list({ itemType: ParameterType.STRING }) },
      });
      const l1 = new ParallelFor(p, 'l1', { items: p.param('loop_parameter'), parallelism: 2 });
      l1.task('print-text', printText, { inputs: { msg: l1.item } });
      const l1n = new ParallelFor(l1, 'nested', { items: p.param('loop_parameter') });
      l1n.task('print-text', printText, { inputs: { msg: l1n.item } });
      const l2 = new ParallelFor(p, 'l2', { items: [{ A_a: '1', B_b: '2' }, { A_a: '10', B_b: '20' }], parallelism: 0 });
      l2.task('print-text', printText, { inputs: { msg: l2.item.field('A_a') } });
      l2.task('print-text-4', printText, { inputs: { msg: l2.item.field('B_b') } });
      const l2n = new ParallelFor(l2, 'nested', { items: [{ A_a: '10', B_b: '20' }, { A_a: '100', B_b: '200' }], parallelism: 1 });
      l2n.task('print-text', printText, { inputs: { msg: l2n.item.field('A_a') } });
      l2n.task('print-text-6', printText, { inputs: { msg: l2n.item.field('B_b') } });
      const l3 = new ParallelFor(p, 'l3', { items: [{ a: 1, b: 2 }, { a: 2, b: 3 }, { a: 3, b: 4 }], parallelism: 1 });
      l3.task('print-int', printInt, { inputs: { x: l3.item.field('a') } });
      for (const [id, comp] of [['list-dict-maker-0', maker0], ['list-dict-maker-1', maker1], ['list-dict-maker-2', maker2], ['list-dict-maker-3', maker3], ['list-dict-maker-1-2', loaded]] as Array<[string, Component]>) {
        const t = p.task(id, comp);
        const loop = new ParallelFor(p, `over-${t.taskName}`, { items: t.output() });
        loop.task('print-int', printInt, { inputs: { x: loop.item.field('a') } });
      }
      return p;
    },
  },
  {
    golden: 'parallel_and_nested/loop_consume_upstream',
    build: (scope) => {
      const g = 'parallel_and_nested/loop_consume_upstream';
      const split = py(g, 'split_input', { inputs: { input: Input.string() }, outputs: { Output: Output.list() } });
      const create = py(g, 'create_file', { inputs: { content: Input.string() }, outputs: { file: Output.artifact() } });
      const read = py(g, 'read_file', { inputs: { file: Input.artifact() }, outputs: { Output: Output.string() } });
      const printInput = py(g, 'print_input', { inputs: { input: Input.list() } });
      const p = new Pipeline(scope, 'loop-consume-upstream', { displayName: 'Loop Consume Upstream' });
      const s = p.task('split-input', split, { inputs: { input: 'component1,component2,component3' }, caching: false, displayName: 'same display name' });
      const loop = new ParallelFor(p, 'loop', { items: s.output() });
      const c = loop.task('create-file', create, { inputs: { content: loop.item }, caching: false, displayName: 'same display name' });
      loop.task('read-file', read, { inputs: { file: c.output('file') }, caching: false, displayName: 'same display name' });
      p.task('print-input', printInput, { inputs: { input: s.output() }, caching: false, displayName: 'same display name' });
      return p;
    },
  },
  {
    golden: 'critical/collected_parameters',
    build: (scope) => {
      const g = 'critical/collected_parameters';
      const splitIds = py(g, 'split_ids', { inputs: { ids: Input.string() }, outputs: { Output: Output.list() } });
      const prependId = py(g, 'prepend_id', { inputs: { content: Input.string() }, outputs: { Output: Output.string() } });
      const consumeIds = py(g, 'consume_ids', { inputs: { ids: Input.list() }, outputs: { Output: Output.string() } });
      const consumeSingle = py(g, 'consume_single_id', { inputs: { id: Input.string() }, outputs: { Output: Output.string() } });
      const inner = new Pipeline(scope, 'collecting-parameters', {
        parameters: { model_ids: Parameter.string({ default: '' }) },
        writeFile: false,
      });
      const ids = inner.task('split-ids', splitIds, { inputs: { ids: inner.param('model_ids') } });
      const loop = new ParallelFor(inner, 'loop', { items: ids.output() });
      const prepend = loop.task('prepend-id', prependId, { inputs: { content: loop.item }, caching: false });
      loop.task('consume-single-id', consumeSingle, { inputs: { id: prepend.output() }, caching: false });
      inner.task('consume-ids', consumeIds, { inputs: { ids: Collected.of(prepend.output()) }, caching: false });
      inner.addOutput('Output', Collected.of(prepend.output()));
      const p = new Pipeline(scope, 'collected-param-pipeline');
      const dag = p.task('collecting-parameters', inner.asComponent(), { inputs: { model_ids: 's1,s2,s3' }, caching: false });
      p.task('consume-ids', consumeIds, { inputs: { ids: dag.output() }, caching: false });
      return p;
    },
  },
  {
    golden: 'collected_artifacts',
    build: (scope) => {
      const g = 'collected_artifacts';
      const splitIds = py(g, 'split_ids', { inputs: { model_ids: Input.string() }, outputs: { Output: Output.list() } });
      const createFile = py(g, 'create_file', { inputs: { content: Input.string() }, outputs: { file: Output.artifact() } });
      const readSingleFile = py(g, 'read_single_file', { inputs: { file: Input.artifact() }, outputs: { Output: Output.string() } });
      const splitChars = py(g, 'split_chars', { inputs: { model_ids: Input.string() }, outputs: { Output: Output.list() } });
      const createDataset = py(g, 'create_dataset', { inputs: { content: Input.string() }, outputs: { data: Output.dataset() } });
      const readDatasets = py(g, 'read_datasets', { inputs: { data: Input.artifactList(ArtifactType.DATASET) }, outputs: { Output: Output.string() } });
      const readGenerate = py(g, 'read_single_dataset_generate_model', {
        inputs: { data: Input.dataset(), id: Input.string() },
        outputs: { results: Output.model() },
      });
      const readModels = py(g, 'read_models', { inputs: { models: Input.artifactList(ArtifactType.MODEL) }, outputs: { Output: Output.string() } });

      const single = new Pipeline(scope, 'single-node-dag', { parameters: { char: Parameter.string() }, writeFile: false });
      const cd = single.task('create-dataset', createDataset, { inputs: { content: single.param('char') }, caching: false });
      single.addOutput('Output', cd.output('data'));

      const collecting = new Pipeline(scope, 'collecting-artifacts', {
        parameters: { model_ids: Parameter.string({ default: '' }), model_chars: Parameter.string({ default: '' }) },
        writeFile: false,
      });
      const ids = collecting.task('split-ids', splitIds, { inputs: { model_ids: collecting.param('model_ids') }, caching: false });
      const chars = collecting.task('split-chars', splitChars, { inputs: { model_ids: collecting.param('model_chars') }, caching: false });
      const outer = new ParallelFor(collecting, 'ids', { items: ids.output() });
      const cf = outer.task('create-file', createFile, { inputs: { content: outer.item }, caching: false });
      outer.task('read-single-file', readSingleFile, { inputs: { file: cf.output('file') }, caching: false });
      const innerLoop = new ParallelFor(outer, 'chars', { items: chars.output() });
      const dag = innerLoop.task('single-node-dag', single.asComponent(), { inputs: { char: innerLoop.item }, caching: false });
      const gen = innerLoop.task('read-single-dataset-generate-model', readGenerate, { inputs: { data: dag.output(), id: outer.item }, caching: false });
      outer.task('read-models', readModels, { inputs: { models: Collected.of(gen.output('results')) }, caching: false });
      outer.task('read-datasets', readDatasets, { inputs: { data: Collected.of(dag.output()) }, caching: false });
      collecting.addOutput('Output', Collected.of(gen.output('results')));

      const p = new Pipeline(scope, 'collected-artifact-pipeline');
      const d = p.task('collecting-artifacts', collecting.asComponent(), { inputs: { model_ids: 's1,s2,s3', model_chars: 'x,y,z' }, caching: false });
      p.task('read-models', readModels, { inputs: { models: d.output() }, caching: false });
      return p;
    },
  },
  {
    golden: 'critical/parameter_oneof',
    build: (scope) => {
      const g = 'critical/parameter_oneof';
      const flipCoin = py(g, 'flip_coin', { outputs: { Output: Output.string() } });
      const coreComp = py(g, 'core_comp', { inputs: { input: Input.string() }, outputs: { Output: Output.string() } });
      const coreOutput = py(g, 'core_output_comp', { inputs: { input: Input.string() }, outputs: { output_key: Output.string() } });
      const crustComp = py(g, 'crust_comp', { inputs: { input: Input.string() } });
      const core = new Pipeline(scope, 'core', { writeFile: false });
      const flip = core.task('flip-coin', flipCoin, { caching: false });
      const ifHeads = new If(core, 'heads', Condition.equalTo(flip.output(), 'heads'));
      const t1 = ifHeads.task('core-comp', coreComp, { inputs: { input: 'Got heads!' }, caching: false });
      const els = ifHeads.otherwise('tails');
      const t2 = els.task('core-output-comp', coreOutput, { inputs: { input: 'Got tails!' }, caching: false });
      core.addOutput('Output', OneOf.of(t1.output(), t2.output('output_key')));
      const mantle = new Pipeline(scope, 'mantle', { writeFile: false });
      const coreTask = mantle.task('core', core.asComponent(), { caching: false });
      mantle.addOutput('Output', coreTask.output());
      const p = new Pipeline(scope, 'crust', { name: 'parameter-oneof-pipeline' });
      const m = p.task('mantle', mantle.asComponent(), { caching: false });
      p.task('crust-comp', crustComp, { inputs: { input: m.output() }, caching: false });
      return p;
    },
  },
  {
    golden: 'failing/pipeline_with_exit_handler',
    build: (scope) => {
      const g = 'failing/pipeline_with_exit_handler';
      const printOp = py(g, 'print_op', { inputs: { message: Input.string() } });
      const failOp = py(g, 'fail_op', { inputs: { message: Input.string() } });
      const p = new Pipeline(scope, 'pipeline-with-exit-handler', { parameters: { message: Parameter.string({ default: 'Hello World!' }) } });
      const exit = p.task('print-op', printOp, { inputs: { message: 'Exit handler has worked!' } });
      const handler = new ExitHandler(p, 'handler', { exitTask: exit });
      handler.task('print-op', printOp, { inputs: { message: p.param('message') } });
      handler.task('fail-op', failOp, { inputs: { message: 'Task failed.' } });
      return p;
    },
  },
  {
    golden: 'pipeline_with_task_final_status',
    build: (scope) => {
      const g = 'pipeline_with_task_final_status';
      const exitOp = py(g, 'exit_op', { inputs: { user_input: Input.string(), status: Input.taskFinalStatus() } });
      const printOp = py(g, 'print_op', { inputs: { message: Input.string() } });
      const failOp = py(g, 'fail_op', { inputs: { message: Input.string() } });
      const p = new Pipeline(scope, 'pipeline-with-task-final-status', { parameters: { message: Parameter.string({ default: 'Hello World!' }) } });
      const exit = p.task('exit-op', exitOp, { inputs: { user_input: p.param('message') } });
      const handler = new ExitHandler(p, 'handler', { exitTask: exit, displayName: 'my-pipeline' });
      handler.task('print-op', printOp, { inputs: { message: p.param('message') } });
      handler.task('fail-op', failOp, { inputs: { message: 'Task failed.' } });
      return p;
    },
  },
  {
    golden: 'pipeline_with_task_using_ignore_upstream_failure',
    build: (scope) => {
      const g = 'pipeline_with_task_using_ignore_upstream_failure';
      const failOp = py(g, 'fail_op', { inputs: { message: Input.string() }, outputs: { Output: Output.string() } });
      const printOp = py(g, 'print_op', { inputs: { message: Input.string({ default: 'default' }) } });
      const p = new Pipeline(scope, 'my-pipeline', { parameters: { sample_input: Parameter.string({ default: 'message' }) } });
      const t = p.task('fail-op', failOp, { inputs: { message: p.param('sample_input') } });
      p.task('print-op', printOp, { inputs: { message: t.output() } }).ignoreUpstreamFailure();
      return p;
    },
  },
  {
    golden: 'parallel_and_nested/pipeline_in_pipeline',
    build: (scope) => {
      const g = 'parallel_and_nested/pipeline_in_pipeline';
      const printOp1 = py(g, 'print_op1', { inputs: { msg: Input.string() }, outputs: { Output: Output.string() } });
      const printOp2 = Component.container({ name: 'print_op2', image: 'alpine', inputs: { msg: Input.string() }, command: ['echo', "{{$.inputs.parameters['msg']}}"] });
      const inner = new Pipeline(scope, 'inner-pipeline', { parameters: { msg: Parameter.string() }, writeFile: false });
      const t = inner.task('print-op1', printOp1, { inputs: { msg: inner.param('msg') } });
      inner.task('print-op2', printOp2, { inputs: { msg: t.output() } });
      const p = new Pipeline(scope, 'pipeline-in-pipeline');
      p.task('print-op1', printOp1, { inputs: { msg: 'Hello' } });
      p.task('inner-pipeline', inner.asComponent(), { inputs: { msg: 'world' } });
      return p;
    },
  },
  {
    golden: 'pythonic_artifacts_with_multiple_returns',
    build: (scope) => {
      const g = 'pythonic_artifacts_with_multiple_returns';
      const splitter = py(g, 'dataset_splitter', { inputs: { in_dataset: Input.dataset() }, outputs: { dataset1: Output.dataset(), dataset2: Output.dataset() } });
      const makeDataset = py(g, 'make_dataset', { outputs: { Output: Output.artifact() } });
      const sp = new Pipeline(scope, 'splitter-pipeline', {
        parameters: { in_dataset: Input.dataset() },
        outputs: { dataset1: Output.dataset(), dataset2: Output.dataset() },
        writeFile: false,
      });
      const t = sp.task('dataset-splitter', splitter, { inputs: { in_dataset: sp.param('in_dataset') } });
      sp.addOutput('dataset1', t.output('dataset1'));
      sp.addOutput('dataset2', t.output('dataset1'));
      const p = new Pipeline(scope, 'split-datasets-and-return-first', { outputs: { Output: Output.dataset() } });
      const t1 = p.task('make-dataset', makeDataset);
      const s = p.task('splitter-pipeline', sp.asComponent(), { inputs: { in_dataset: t1.output() } });
      p.addOutput('Output', s.output('dataset1'));
      return p;
    },
  },
  {
    golden: 'pipeline_with_importer',
    build: (scope) => {
      const g = 'pipeline_with_importer';
      const train = py(g, 'train', { inputs: { dataset: Input.dataset() }, outputs: { scalar: Output.string(), model: Output.model() } });
      const p = new Pipeline(scope, 'pipeline-with-importer', {
        parameters: { dataset2: Parameter.string({ default: 'gs://ml-pipeline-playground/shakespeare2.txt' }) },
      });
      const imp1 = p.importer('importer', {
        artifactUri: 'gs://ml-pipeline-playground/shakespeare1.txt',
        artifactType: ArtifactType.DATASET,
        reimport: false,
        metadata: { key: 'value' },
      });
      const train1 = p.task('train', train, { inputs: { dataset: imp1.output('artifact') } });
      const cond = new If(p, 'scalar', Condition.equalTo(train1.output('scalar'), '123'));
      const imp2 = cond.importer('importer', { artifactUri: p.param('dataset2'), artifactType: ArtifactType.DATASET, reimport: true });
      cond.task('train', train, { inputs: { dataset: imp2.output('artifact') } });
      return p;
    },
  },
];
