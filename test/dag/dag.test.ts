// Pipeline pictures (src/compiler/dag): what they show for each part of a pipeline, how large
// pipelines collapse, and every error message.
import { Testing } from 'cdk8s';
import { expectComplete, irStructure, readMermaid, readSvg } from './structure';
import { addQuickstartPipeline } from '../../examples/quickstart/pipeline';
import {
  ArtifactType, Collected, CompiledPipeline, Component, Condition, ExitHandler, If, Input, Output, ParallelFor, Parameter, Pipeline, PipelineDag,
} from '../../src';
import { renderSvg } from '../../src/compiler/dag/graphviz';
import { branchConditions, channelName, componentSummary, naturalCompare, shortImage, wrapLine } from '../../src/compiler/dag/labels';
import { MERMAID_MAX_TEXT } from '../../src/compiler/dag/mermaid';
import { DEFAULT_MAX_NODES, readDrawing } from '../../src/compiler/dag/model';

const step = Component.python({
  source: 'def step(previous: str = "") -> str:\n    return previous + "."\n',
  inputs: { previous: Input.string({ default: '' }) },
  outputs: { Output: Output.string() },
});
const produce = Component.python({
  source: 'def produce() -> list:\n    return [1, 2]\n',
  outputs: { Output: Output.list() },
});
const echo = Component.container({ name: 'echo', image: 'registry.example.com/tools/busybox:1.36', command: ['echo', 'hi'] });

const quickstart = () => addQuickstartPipeline(Testing.app());

describe('what a picture shows', () => {
  test('the quickstart: tasks with what they run, the condition as a group, data edges output → input', () => {
    const d = readDrawing(quickstart().toIr());
    expect(d.boxes.map((b) => [b.path, b.title, b.lines])).toEqual([
      ['condition-1/deploy-model', 'deploy-model', ['deploy_model()', 'cache off']],
      ['evaluate-model', 'evaluate-model', ['evaluate_model()']],
      ['load-data', 'load-data', ['load_data()']],
      ['train-model', 'train-model', ['train_model()']],
    ]);
    expect(d.groups).toEqual([{
      id: 'g1',
      path: 'condition-1',
      kind: 'condition',
      title: 'If evaluate-model.Output >= accuracy_threshold',
      lines: ['condition-1 · accuracy passes threshold'],
    }]);
    const byPath = new Map(d.boxes.map((b) => [b.id, b.path] as const).concat(d.groups.map((g) => [g.id, g.path] as const)));
    expect(d.edges.map((e) => [byPath.get(e.from), byPath.get(e.to), e.labels, e.data])).toEqual([
      ['evaluate-model', 'condition-1', ['Output'], true],
      ['train-model', 'condition-1', ['model'], true],
      ['train-model', 'evaluate-model', ['model → model', 'test_data → test_data'], true],
      ['load-data', 'train-model', ['dataset → dataset'], true],
    ]);
    expect(d.boxes[0].cacheOff).toBe(true);
    expect(d.tasks).toBe(4);
    expect(d.hiddenTasks).toBe(0);
  });

  test('If/Elif/Else: each branch shows only its own condition, and the chain lists its keywords', () => {
    const p = new Pipeline(Testing.app(), 'p', { parameters: { x: Parameter.integer(), f: Parameter.double() } });
    const c1 = new If(p, 'small', Condition.lessThan(p.param('x'), 5000));
    c1.task('a', step);
    const c2 = c1.elif('big', Condition.greaterThan(p.param('f'), p.param('x')));
    c2.task('b', step);
    c2.otherwise('rest').task('c', step);
    const d = readDrawing(p.toIr());
    expect(d.groups.map((g) => [g.path, g.title])).toEqual([
      ['condition-branches-1', 'If / Elif / Else'],
      ['condition-branches-1/condition-2', 'If int(x) < 5000'],
      ['condition-branches-1/condition-3', 'Elif f > double(int(x))'],
      ['condition-branches-1/condition-4', 'Else'],
    ]);
  });

  test('ParallelFor: drawn once, with its item count, its source and its parallelism; Collected fans in', () => {
    const p = new Pipeline(Testing.app(), 'p');
    const loop = new ParallelFor(p, 'static', { items: [1, 2, 3], parallelism: 2 });
    const inner = loop.task('inner', step);
    p.task('gather', Component.python({ source: 'def gather(items: list):\n    pass\n', inputs: { items: Input.list() } }), {
      inputs: { items: Collected.of(inner.output()) },
    });
    const src = p.task('produce', produce);
    new ParallelFor(p, 'dynamic', { items: src.output() }).task('each', step, { inputs: { previous: 'x' } });
    const d = readDrawing(p.toIr());
    expect(d.groups.map((g) => g.title)).toEqual(['ParallelFor · 3 items · 2 at a time', 'ParallelFor · over produce.Output']);
    expect(d.boxes.filter((b) => b.path.endsWith('inner'))).toHaveLength(1);
    const gather = d.boxes.find((b) => b.path === 'gather')!;
    expect(d.edges.find((e) => e.to === gather.id)).toMatchObject({ from: d.groups[0].id, labels: ['inner-Output → items'], data: true });
  });

  test('a one-item loop says item, not items; unreadable raw items say items', () => {
    const ir = {
      pipelineInfo: { name: 'x' },
      root: {
        dag: {
          tasks: {
            'for-loop-1': { componentRef: { name: 'comp-l' }, parameterIterator: { itemInput: 'i', items: { raw: '[7]' } } },
            'for-loop-2': { componentRef: { name: 'comp-l' }, parameterIterator: { itemInput: 'i', items: { raw: 'not json' } } },
          },
        },
      },
      components: { 'comp-l': { dag: { tasks: {} } } },
    };
    expect(readDrawing(ir).groups.map((g) => g.title)).toEqual(['ParallelFor · 1 item', 'ParallelFor · items']);
  });

  test('ExitHandler: the exit task is marked and its edge from the handler is an exit edge', () => {
    const p = new Pipeline(Testing.app(), 'p');
    const notify = p.task('notify', Component.python({
      source: 'def notify(status: PipelineTaskFinalStatus):\n    print(status.state)\n',
      inputs: { status: Input.taskFinalStatus() },
    }));
    new ExitHandler(p, 'guard', { exitTask: notify, displayName: 'cleanup' }).task('work', step);
    const d = readDrawing(p.toIr());
    expect(d.groups).toMatchObject([{ kind: 'exit-handler', title: 'ExitHandler', lines: ['exit-handler-1 · cleanup'] }]);
    const exit = d.boxes.find((b) => b.path === 'notify')!;
    expect(exit).toMatchObject({ exit: true, lines: ['notify()', 'exit task'] });
    expect(d.edges).toEqual([{ from: 'g1', to: exit.id, labels: ['final status → status'], data: true, exit: true }]);
    const mermaid = PipelineDag.toMermaid(p.toIr());
    expect(mermaid).toContain(`${exit.id}[["<b>notify</b><br/>notify()<br/>exit task"]]`);
    expect(mermaid).toContain('linkStyle 0 stroke:#e53e3e');
    expect(PipelineDag.toDot(p.toIr())).toMatch(/ -> t\d+ \[id="edge:exit-handler-1->notify", class="data exit", ltail="cluster_g1", color="#e53e3e"/);
  });

  test('an exit task without a status input is joined by a dashed "on exit" edge', () => {
    const p = new Pipeline(Testing.app(), 'p');
    const exit = p.task('bye', step);
    new ExitHandler(p, 'guard', { exitTask: exit }).task('work', step);
    const d = readDrawing(p.toIr());
    expect(d.edges).toEqual([{ from: 'g1', to: d.boxes.find((b) => b.path === 'bye')!.id, labels: ['on exit'], data: false, exit: true }]);
  });

  test('sub-pipelines are groups; GPU, importer and container tasks say what they run', () => {
    const app = Testing.app();
    const inner = new Pipeline(app, 'inner-pipe', { writeFile: false });
    inner.task('echo', echo).withAcceleratorType('nvidia.com/gpu').withAcceleratorLimit(2);
    const p = new Pipeline(app, 'outer');
    const first = p.task('first', step);
    p.task('nested', inner.asComponent()).after(first);
    p.importer('imp', { artifactUri: 's3://bucket/model', artifactType: ArtifactType.MODEL });
    p.task('later', step).ignoreUpstreamFailure().after(first);
    const d = readDrawing(p.toIr());
    // kfp names a sub-pipeline's component after the task that runs it: that is all the IR knows.
    expect(d.groups).toMatchObject([{ path: 'nested', kind: 'pipeline', title: 'Pipeline nested', lines: [] }]);
    expect(d.boxes.map((b) => [b.path, b.lines, b.gpu])).toEqual([
      ['first', ['step()'], false],
      ['imp', ['importer · system.Model'], false],
      ['later', ['step()', 'runs after upstream failures'], false],
      ['nested/echo', ['busybox:1.36', 'GPU 2× nvidia.com/gpu'], true],
    ]);
    const after = d.edges.filter((e) => !e.data);
    expect(after.map((e) => e.labels)).toEqual([['after'], ['after']]);
    expect(PipelineDag.toMermaid(p.toIr())).toMatch(/t1 -\.->\|"after"\| g1/);
  });

  test('a task shown under another name keeps its key beside what it runs', () => {
    const p = new Pipeline(Testing.app(), 'p');
    p.task('train', step).withDisplayName('Train the model');
    expect(readDrawing(p.toIr()).boxes[0]).toMatchObject({ title: 'Train the model', lines: ['train · step()'] });
  });

  test('an IR compiled by kfp and the same pipeline built here draw the same pictures', () => {
    const p = quickstart();
    const compiled = CompiledPipeline.fromYaml(p.toYaml());
    expect(compiled.toMermaid()).toBe(p.toMermaid());
    expect(compiled.toSvg()).toBe(p.toSvg());
    expect(PipelineDag.toMarkdown(p.toIr())).toContain(`\`\`\`mermaid\n${p.toMermaid()}\`\`\`\n`);
  });
});

describe('Mermaid and SVG text', () => {
  test('both pictures of the quickstart show every task and dependency', () => {
    const ir = quickstart().toIr();
    const s = irStructure(ir);
    const mermaid = readMermaid(PipelineDag.toMermaid(ir), s);
    const svg = readSvg(PipelineDag.toSvg(ir));
    expectComplete(mermaid, s, 'mermaid');
    expectComplete(svg, s, 'svg');
    expect(mermaid.labels.get('train-model->evaluate-model')).toBe('model → model\ntest_data → test_data');
    expect(svg.labels.get('train-model->evaluate-model')).toBe('model → model\ntest_data → test_data');
  });

  test('expectComplete names what a picture lacks and what it has extra', () => {
    const s = irStructure(quickstart().toIr());
    const picture = { tasks: new Set(['load-data', 'bogus']), groups: new Set<string>(), edges: new Set(['x->y']), labels: new Map(), dashed: new Set<string>() };
    expect(() => expectComplete(picture, s, 'here')).toThrow(/^here: picture lacks \["group condition-1","task condition-1\/deploy-model","task train-model",.*"edge load-data->train-model",.*\] and has extra \["edge x->y","task bogus"\]$/);
  });

  test('Mermaid labels escape what Mermaid would read: # " < > &', () => {
    const p = new Pipeline(Testing.app(), 'p', { parameters: { s: Parameter.string() } });
    new If(p, 'c', Condition.notEqualTo(p.param('s'), 'a"#<b>&')).task('t', step);
    const text = PipelineDag.toMermaid(p.toIr());
    expect(text).toContain('subgraph g1["<b>If s != \'a#quot;#35;#lt;b#gt;#amp;\'</b> · condition-1"]');
    expect(PipelineDag.toDot(p.toIr())).toContain('label=<<b>If s != \'a&quot;#&lt;b&gt;&amp;\'</b>');
  });

  test('subgraphs lay out top to bottom; tasks are rounded; classes and group styles follow', () => {
    const text = PipelineDag.toMermaid(quickstart().toIr());
    expect(text.split('\n').slice(0, 4)).toEqual([
      'flowchart TB',
      '  subgraph g1["<b>If evaluate-model.Output #gt;= accuracy_threshold</b> · condition-1 · accuracy passes threshold"]',
      '    direction TB',
      '    t1("<b>deploy-model</b><br/>deploy_model()<br/>cache off")',
    ]);
    expect(text).toContain('  class t1 cacheOff\n');
    expect(text).toContain('  style g1 fill:#fffbeb,stroke:#d69e2e\n');
  });

  test('the Markdown page has the name, description, flowchart and legend', () => {
    const md = PipelineDag.toMarkdown(quickstart().toIr());
    expect(md.startsWith('# quickstart\n\nLoads a CSV dataset, trains a random forest')).toBe(true);
    expect(md).toContain('Drawn by cdk8s-kfp from the pipeline\'s IR: 4 tasks. A box is a task');
  });

  test('SVG elements carry what they draw as ids and classes', () => {
    const svg = PipelineDag.toSvg(quickstart().toIr());
    expect(svg).toContain('<g id="task:condition&#45;1/deploy&#45;model" class="node task cache&#45;off">');
    expect(svg).toContain('<g id="group:condition&#45;1" class="cluster group condition">');
    expect(svg).toMatch(/<text[^>]*>deploy_model\(\)<\/text>/);
    expect(svg).toMatch(/^<\?xml[\s\S]*<svg width="\d+pt" height="\d+pt"/);
  });

  test('Graphviz errors are reported as such', () => {
    expect(() => renderSvg('digraph {')).toThrow(/^PipelineDag: Graphviz failed: error: syntax error in line 1/);
  });
});

/** A pipeline of `blocks` blocks: a task, a loop of `inner` tasks in a condition, fanned in. */
function nested(blocks: number, inner: number): Pipeline {
  const p = new Pipeline(Testing.app(), 'big', { parameters: { flag: Parameter.boolean({ default: true }) } });
  let prev: any;
  for (let b = 1; b <= blocks; b++) {
    const head = p.task(`head-${b}`, step, prev ? { inputs: { previous: prev } } : {});
    const cond = new If(p, `c-${b}`, Condition.equalTo(p.param('flag'), true));
    const loop = new ParallelFor(cond, `l-${b}`, { items: [1, 2] });
    let x: any = head.output();
    for (let i = 1; i <= inner; i++) x = loop.task(`s-${b}-${i}`, step, { inputs: { previous: x } }).output();
    prev = head.output();
  }
  return p;
}

describe('large pipelines stay readable', () => {
  test('collapseDepth draws deeper groups as one box that says how many tasks it holds', () => {
    const ir = nested(2, 3).toIr();
    const d = readDrawing(ir, { collapseDepth: 1 });
    expect(d.groups.map((g) => g.title)).toEqual(['If flag == true', 'If flag == true']);
    expect(d.boxes.filter((b) => b.kind === 'collapsed').map((b) => [b.path, b.title, b.lines])).toEqual([
      ['condition-1/for-loop-3', 'ParallelFor · 2 items', ['for-loop-3', '3 tasks inside, not drawn']],
      ['condition-4/for-loop-6', 'ParallelFor · 2 items', ['for-loop-6', '3 tasks inside, not drawn']],
    ]);
    expect(d.hiddenTasks).toBe(6);
    const top = readDrawing(ir, { collapseDepth: 0 });
    expect(top.groups).toEqual([]);
    expect(top.boxes.filter((b) => b.kind === 'collapsed').map((b) => b.lines[1])).toEqual(['3 tasks inside, not drawn', '3 tasks inside, not drawn']);
    expect(PipelineDag.toMermaid(ir, { collapseDepth: 0 })).toContain('class t1,t2 collapsed');
    expect(PipelineDag.toDot(ir, { collapseDepth: 0 })).toMatch(/t1 \[id="group:condition-1", label=.*, class="collapsed condition", shape="box3d"/);
  });

  test('over maxNodes, the deepest groups collapse first, largest first, until the picture fits', () => {
    const ir = nested(3, 4).toIr();
    // 3 heads + 3 conditions + 3 loops + 12 tasks = 21 boxes and groups.
    expect(readDrawing(ir, { maxNodes: 21 }).hiddenTasks).toBe(0);
    const d = readDrawing(ir, { maxNodes: 20 });
    expect(d.boxes.length + d.groups.length).toBeLessThanOrEqual(20);
    expect(d.boxes.filter((b) => b.kind === 'collapsed').map((b) => b.path)).toEqual(['condition-1/for-loop-3']);
    const smaller = readDrawing(ir, { maxNodes: 12 });
    expect(smaller.boxes.filter((b) => b.kind === 'collapsed').map((b) => b.path)).toEqual(['condition-1/for-loop-3', 'condition-4/for-loop-6', 'condition-7/for-loop-9']);
    expect(smaller.boxes.length + smaller.groups.length).toBe(9);
  });

  test('when even collapsed groups are too many, the rest of the top level is one box, and kept tasks keep their producers', () => {
    const p = new Pipeline(Testing.app(), 'chain');
    let prev: any;
    for (let i = 1; i <= 30; i++) prev = p.task(`step-${i}`, step, prev ? { inputs: { previous: prev } } : {}).output();
    const d = readDrawing(p.toIr(), { maxNodes: 10 });
    expect(d.boxes.map((b) => b.path)).toEqual(['step-1', 'step-2', 'step-3', 'step-4', 'step-5', 'step-6', 'step-7', 'step-8', 'step-9', '…']);
    expect(d.boxes[9]).toMatchObject({ kind: 'more', title: '… 21 more tasks', lines: ['not drawn: more than 10 boxes'] });
    expect(d.edges[d.edges.length - 1]).toMatchObject({ from: 't9', to: 't10', labels: ['Output → previous'] });
    expect(d.hiddenTasks).toBe(21);
    expect(PipelineDag.toMermaid(p.toIr(), { maxNodes: 10 })).toContain('t10>"<b>… 21 more tasks</b><br/>not drawn: more than 10 boxes"]');
    expect(readDrawing(p.toIr(), { maxNodes: 1 }).boxes.map((b) => b.title)).toEqual(['… 30 more tasks']);
    expect(readDrawing(p.toIr(), { maxNodes: 2 }).boxes.map((b) => b.title)).toEqual(['step-1', '… 29 more tasks']);
  });

  test('a Mermaid picture stays within GitHub\'s 50,000 characters by drawing fewer boxes', () => {
    const p = new Pipeline(Testing.app(), 'wide');
    for (let i = 1; i <= 600; i++) p.task(`a-task-with-a-rather-long-name-${i}`, step).withDisplayName(`A task with a long display name, number ${i}`);
    const ir = p.toIr();
    expect(readDrawing(ir).boxes).toHaveLength(DEFAULT_MAX_NODES);
    const text = PipelineDag.toMermaid(ir);
    expect(text.length).toBeLessThanOrEqual(MERMAID_MAX_TEXT);
    expect(text).toMatch(/more tasks/);
    expect(PipelineDag.toMarkdown(ir)).toContain(text);
  });
});

describe('errors', () => {
  test('options', () => {
    const ir = quickstart().toIr();
    expect(() => PipelineDag.toMermaid(ir, { maxNodes: 0 })).toThrow('PipelineDag: maxNodes is 0; expected an integer from 1 to 2000');
    expect(() => PipelineDag.toSvg(ir, { maxNodes: 2001 })).toThrow('PipelineDag: maxNodes is 2001; expected an integer from 1 to 2000');
    expect(() => PipelineDag.toDot(ir, { maxNodes: 1.5 })).toThrow('PipelineDag: maxNodes is 1.5; expected an integer from 1 to 2000');
    expect(() => PipelineDag.toMarkdown(ir, { collapseDepth: -1 })).toThrow('PipelineDag: collapseDepth is -1; expected a whole number (0 draws every group as one box)');
  });

  test('IR that is not a pipeline', () => {
    expect(() => PipelineDag.toMermaid(undefined)).toThrow("PipelineDag: got undefined; expected a PipelineSpec (the IR: an object with 'root' and 'components')");
    expect(() => PipelineDag.toMermaid([1])).toThrow('PipelineDag: got an array; expected a PipelineSpec');
    expect(() => PipelineDag.toMermaid({ kind: 'Workflow', spec: {} })).toThrow('PipelineDag: got an object with keys ["kind","spec"]; expected a PipelineSpec');
    expect(() => PipelineDag.toMermaid({ pipelineInfo: { name: 'c' }, root: { executorLabel: 'exec-c' } })).toThrow(
      "PipelineDag: pipeline 'c' has no root DAG (root.dag); expected a pipeline's IR, not a single component's");
  });

  test('broken IR', () => {
    const base = (tasks: any, components: any = {}) => ({ pipelineInfo: { name: 'x' }, root: { dag: { tasks } }, components });
    expect(() => PipelineDag.toMermaid(base({ a: { componentRef: { name: 'comp-a' } } }))).toThrow(
      "PipelineDag: task 'a' runs component \"comp-a\", which the IR doesn't define; expected a key of 'components'");
    expect(() => PipelineDag.toMermaid(base({ a: { componentRef: { name: 'comp-a' } } }, { 'comp-a': { dag: { tasks: { b: { componentRef: { name: 'comp-a' } } } } } }))).toThrow(
      "PipelineDag: task 'a/b' runs component 'comp-a', which contains itself; expected DAG components without cycles");
    expect(() => PipelineDag.toMermaid(base({ a: { componentRef: { name: 'comp-e' }, dependentTasks: ['zz'] } }, { 'comp-e': { executorLabel: 'exec-e' } }))).toThrow(
      "PipelineDag: task 'a' depends on 'zz', which is not a task of the root DAG; expected producers in the same DAG");
    expect(() => PipelineDag.toMermaid(base({ g: { componentRef: { name: 'comp-g' } } }, {
      'comp-g': { dag: { tasks: { a: { componentRef: { name: 'comp-e' }, dependentTasks: ['zz'] } } } }, 'comp-e': { executorLabel: 'exec-e' },
    }))).toThrow("PipelineDag: task 'g/a' depends on 'zz', which is not a task of 'g'; expected producers in the same DAG");
  });

  test('an empty group is drawn with a filler box, so that it shows', () => {
    const ir = { pipelineInfo: { name: 'x' }, root: { dag: { tasks: { 'condition-1': { componentRef: { name: 'comp-c' }, triggerPolicy: { condition: 'true' } } } } }, components: { 'comp-c': { dag: { tasks: {} } } } };
    const d = readDrawing(ir);
    expect(d.boxes).toMatchObject([{ kind: 'empty', title: 'no tasks', group: 'g1' }]);
    expect(PipelineDag.toSvg(ir)).toContain('<g id="empty:condition&#45;1/" class="node empty">');
  });
});

describe('label helpers', () => {
  test('channel names, images, components', () => {
    expect(channelName('pipelinechannel--train-Output')).toBe('train-Output');
    expect(channelName('pipelinechannel--loop-item-param-3')).toBe('item');
    expect(channelName('pipelinechannel--xs-loop-item')).toBe('item');
    expect(channelName('pipelinechannel--xs-loop-item-subvar-A_a')).toBe('item.A_a');
    expect(shortImage('ghcr.io/containerd/busybox')).toBe('busybox');
    expect(shortImage('gcr.io/p/trainer@sha256:0123456789abcdef0123')).toBe('trainer@sha256:0123456789ab');
    expect(componentSummary('comp-x', undefined)).toBe('x');
    expect(componentSummary('comp-x', { importer: {} })).toBe('importer');
  });

  test('branch conditions: own terms of Elif, Else as negations alone, anything else kept whole', () => {
    expect(branchConditions(['a', '!(a) && b', '!(a) && !(b)'])).toEqual([
      { keyword: 'If', own: 'a' }, { keyword: 'Elif', own: 'b' }, { keyword: 'Else' },
    ]);
    expect(branchConditions(['a', 'c'])).toEqual([{ keyword: 'If', own: 'a' }, { keyword: 'Elif', own: 'c' }]);
  });

  test('natural order and wrapping', () => {
    expect(['condition-13', 'condition-8', 'condition-9', 'a-02', 'a-2', 'a-10', 'b'].sort(naturalCompare)).toEqual(
      ['a-02', 'a-2', 'a-10', 'b', 'condition-8', 'condition-9', 'condition-13']);
    expect(wrapLine('short')).toEqual(['short']);
    expect(wrapLine('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrapLine('averyveryverylongword x', 5)).toEqual(['averyveryverylongword', 'x']);
  });
});
