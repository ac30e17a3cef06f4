// `npm run bench`: compile and emit figures for generated pipelines of 10 to 10,000 tasks.
//
// Shapes:
//   wide  - independent tasks at the top level
//   deep  - a chain: each task consumes the previous task's output
//   mixed - chains inside ParallelFor loops and conditions, with fan-in and f-string inputs
import { App } from 'cdk8s';
import { Collected, Component, Condition, If, Input, Output, ParallelFor, Parameter, Pipeline, TaskGroup } from '../src';
import { compilePipeline } from '../src/compiler/ir/compile';
import { renderPipelineFile } from '../src/compiler/yaml/pipeline-file';
import { graphvizLoadMs, pictureFigures } from './pictures';

const step = Component.python({
  source: [
    'def step(previous: str, n: int) -> str:',
    '    """One step of a generated pipeline."""',
    '    import hashlib',
    '    return hashlib.sha256(f"{previous}-{n}".encode()).hexdigest()',
    '',
  ].join('\n'),
  packagesToInstall: ['requests==2.32.3'],
  inputs: { previous: Input.string({ default: '' }), n: Input.integer() },
  outputs: { Output: Output.string() },
});

const gather = Component.python({
  source: 'def gather(items: list) -> str:\n    return ",".join(items)\n',
  inputs: { items: Input.list() },
  outputs: { Output: Output.string() },
});

type Shape = 'wide' | 'deep' | 'mixed';

function build(app: App, shape: Shape, tasks: number): Pipeline {
  const p = new Pipeline(app, `${shape}-${tasks}`, { writeFile: false, parameters: { seed: Parameter.string({ default: 'seed' }) } });
  let count = 0;
  const add = (scope: TaskGroup, previous: any) => {
    count++;
    return scope.task(`step-${count}`, step, { inputs: { n: count, ...(previous !== undefined ? { previous } : {}) } });
  };
  if (shape === 'wide') {
    while (count < tasks) add(p, p.param('seed'));
  } else if (shape === 'deep') {
    let prev: any = p.param('seed');
    while (count < tasks) prev = add(p, prev).output();
  } else {
    // Blocks of ~10 tasks: a chain into a loop of 4 chained tasks, fanned in, and a condition.
    let prev: any = p.param('seed');
    let block = 0;
    while (count < tasks) {
      block++;
      const head = add(p, prev);
      if (count >= tasks) break;
      const loop = new ParallelFor(p, `loop-${block}`, { items: [1, 2, 3], parallelism: 2 });
      let inner: any = `${head.output()}-${loop.item}`;
      let last;
      for (let i = 0; i < 4 && count < tasks; i++) {
        last = add(loop, inner);
        inner = last.output();
      }
      if (count >= tasks || !last) break;
      count++;
      const fanIn = p.task(`gather-${block}`, gather, { inputs: { items: Collected.of(last.output()) } });
      if (count >= tasks) break;
      const cond = new If(p, `check-${block}`, Condition.notEqualTo(fanIn.output(), ''));
      let c: any = fanIn.output();
      for (let i = 0; i < 3 && count < tasks; i++) c = add(cond, c).output();
      prev = fanIn.output();
    }
  }
  return p;
}

function rssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

function time<T>(fn: () => T): [T, number] {
  const start = process.hrtime.bigint();
  const result = fn();
  return [result, Number(process.hrtime.bigint() - start) / 1e6];
}

const rows: string[][] = [];
const loadMs = graphvizLoadMs();
let largest = '';
for (const tasks of [10, 100, 1000, 10000]) {
  for (const shape of ['wide', 'deep', 'mixed'] as Shape[]) {
    const app = new App({ outdir: '/tmp/cdk8s-kfp-bench' });
    const [pipeline, buildMs] = time(() => build(app, shape, tasks));
    const [ir, compileMs] = time(() => compilePipeline(pipeline._toDesc(), { kfpVersion: '2.15.2' }));
    const [text, emitMs] = time(() => renderPipelineFile(ir.pipelineSpec, ir.platformSpec));
    const pictures = pictureFigures(ir.pipelineSpec);
    rows.push([
      String(tasks), shape, String(Buffer.byteLength(text)), buildMs.toFixed(0), compileMs.toFixed(0), emitMs.toFixed(0),
      (compileMs + emitMs).toFixed(0), String(pictures.boxes), pictures.mermaidMs.toFixed(0), pictures.svgMs.toFixed(0), rssMb().toFixed(0),
    ]);
    if (tasks === 10000 && shape === 'mixed') {
      const most = pictureFigures(ir.pipelineSpec, 2000);
      largest = `10,000 tasks (mixed) at maxNodes 2000, the largest: ${most.boxes} boxes drawn, Mermaid ${most.mermaidMs.toFixed(0)} ms, SVG ${most.svgMs.toFixed(0)} ms.`;
    }
  }
}

const header = ['tasks', 'shape', 'IR bytes', 'build ms', 'compile ms', 'YAML-emit ms', 'compile+emit ms', 'boxes drawn', 'Mermaid ms', 'SVG ms', 'peak RSS MB'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => '| ' + cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ') + ' |';
console.log(line(header));
console.log('|' + widths.map((w, i) => (i < 2 ? ':' + '-'.repeat(w + 1) : '-'.repeat(w + 1) + ':')).join('|') + '|');
for (const r of rows) console.log(line(r));
console.log('\nbuild = creating the constructs; compile = model to IR (src/compiler/ir); emit = PyYAML-compatible text (src/compiler/yaml).');
console.log(`pictures (src/compiler/dag, default maxNodes): boxes and groups drawn, Mermaid text, SVG laid out by Graphviz; loading Graphviz once took ${loadMs.toFixed(0)} ms.`);
console.log(largest);

// addTask() naming: every task named after the same component (print-op, print-op-2, ...).
// Each call reserves the next free name in constant time, so the time per task stays flat.
console.log('\naddTask() naming, all tasks of one component (ms per 1,000 tasks should stay flat):');
const namingRows: string[] = [];
for (const tasks of [1000, 2500, 5000, 10000]) {
  const app = new App({ outdir: '/tmp/cdk8s-kfp-bench' });
  const p = new Pipeline(app, `naming-${tasks}`, { writeFile: false });
  const [, ms] = time(() => {
    for (let i = 0; i < tasks; i++) p.addTask(gather, { inputs: { items: [] } });
  });
  namingRows.push(`| ${String(tasks).padStart(6)} | ${`${ms.toFixed(0)} ms`.padStart(8)} | ${`${(ms / tasks * 1000).toFixed(0)} ms`.padStart(15)} |`);
}
console.log('|  tasks |    total | per 1,000 tasks |');
console.log('|-------:|---------:|----------------:|');
for (const r of namingRows) console.log(r);
