/// <reference lib="dom" />
// The pictures as a person sees them: the SVG opened in headless Chromium and the Mermaid page
// rendered there by the `mermaid` package (from node_modules, no CDN). Each is screenshotted; the
// test checks that every task is labelled in the drawn picture and that the picture isn't blank.
//
// Chromium is Debian's (`apt-get install -y chromium`; .ci/run installs it). Where it is missing
// the suite prints that it skipped, except under CI=true, where it fails.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as url from 'url';
import { App } from 'cdk8s';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { irStructure } from './structure';
import { upstreamPipelines } from './upstream';
import { addQuickstartPipeline } from '../../examples/quickstart/pipeline';
import {
  Component, Condition, ExitHandler, If, Input, Output, ParallelFor, Parameter, Pipeline, PipelineDag,
} from '../../src';
import { describeConformance } from '../conformance/reference';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FOUND = fs.existsSync(CHROMIUM);
const REQUIRED = process.env.CI === 'true';
const MERMAID_JS = require.resolve('mermaid/dist/mermaid.min.js');

if (!FOUND && !REQUIRED) {
  process.stdout.write(`pictures in Chromium: skipped (${CHROMIUM} not found; apt-get install -y chromium, or set CHROMIUM_PATH)\n`);
}

/** A pipeline that uses every part of the notation. */
function everything(): Pipeline {
  const app = new App({ outdir: '/nonexistent' });
  const step = Component.python({
    source: 'def step(previous: str = "") -> str:\n    return previous + "."\n',
    inputs: { previous: Input.string({ default: '' }) },
    outputs: { Output: Output.string() },
  });
  const inner = new Pipeline(app, 'inner', { writeFile: false });
  inner.task('inner-step', step).withCaching(false);
  const p = new Pipeline(app, 'everything', { parameters: { n: Parameter.integer({ default: 3 }) } });
  const exit = p.task('cleanup', Component.python({
    source: 'def cleanup(status: PipelineTaskFinalStatus):\n    print(status.state)\n',
    inputs: { status: Input.taskFinalStatus() },
  }));
  const guard = new ExitHandler(p, 'guard', { exitTask: exit });
  const first = guard.task('first', step);
  const train = guard.task('train', Component.container({ name: 'train', image: 'nvcr.io/nvidia/pytorch:24.01-py3', command: ['train'] }))
    .withAcceleratorType('nvidia.com/gpu').withAcceleratorLimit(1).after(first);
  const small = new If(guard, 'small', Condition.lessThan(p.param('n'), 5));
  small.task('few', step, { inputs: { previous: first.output() } });
  const big = small.elif('big', Condition.greaterThan(p.param('n'), 100));
  big.task('many', step);
  big.otherwise('other').task('some', step);
  new ParallelFor(guard, 'loop', { items: ['a', 'b', 'c'], parallelism: 2 }).task('each', step, { inputs: { previous: first.output() } });
  guard.task('nested', inner.asComponent()).after(train);
  return p;
}

/** Every task and group key of an IR: the words a picture of it must show. */
function keys(ir: any): string[] {
  return [...irStructure(ir).tasks.values()].map((t) => t.key);
}

/** The words drawn, from their text lines: split at spaces and ` · `. */
function tokens(lines: string[]): Set<string> {
  return new Set(lines.flatMap((l) => l.split(/\s+|·/)).filter((w) => w !== ''));
}

(FOUND || REQUIRED ? describe : describe.skip)('pictures in Chromium', () => {
  let dir: string;
  let context: BrowserContext;
  let svgPage: Page;
  let mermaidPage: Page;
  let pixelPage: Page;

  beforeAll(async () => {
    if (!FOUND) throw new Error(`Chromium not found at ${CHROMIUM}; CI=true requires it (apt-get install -y chromium)`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfp-pictures-chromium-'));
    context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    svgPage = await context.newPage();
    pixelPage = await context.newPage();
    mermaidPage = await context.newPage();
    const html = path.join(dir, 'mermaid.html');
    fs.writeFileSync(html, [
      '<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0;background:#fff">',
      '<div id="out" style="display:inline-block;padding:8px"></div>',
      `<script src="${url.pathToFileURL(MERMAID_JS).href}"></script>`,
      "<script>mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });</script>",
      '</body></html>',
    ].join('\n'));
    await mermaidPage.goto(url.pathToFileURL(html).href);
    await mermaidPage.waitForFunction(() => typeof (globalThis as any).mermaid?.render === 'function');
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Pixels of a PNG that are not (nearly) white, counted by the browser. */
  async function inked(png: Buffer): Promise<{ inked: number; total: number }> {
    return pixelPage.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, img.width, img.height).data;
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] < 235 || data[i + 1] < 235 || data[i + 2] < 235) n++;
      return { inked: n, total: img.width * img.height };
    }, png.toString('base64'));
  }

  async function checkSvg(name: string, ir: any): Promise<void> {
    // The SVG file as a page shows it: inline in an HTML document (its XML prolog dropped).
    const file = path.join(dir, `${name}.html`);
    const svg = PipelineDag.toSvg(ir);
    fs.writeFileSync(file, `<!doctype html><html><body style="margin:0;background:#fff">${svg.slice(svg.indexOf('<svg'))}</body></html>`);
    await svgPage.goto(url.pathToFileURL(file).href);
    const drawn = tokens(await svgPage.$$eval('svg text', (els) => els.map((e) => e.textContent ?? '')));
    for (const key of keys(ir)) expect([name, key, drawn.has(key)]).toEqual([name, key, true]);
    const box = await svgPage.evaluate(() => document.querySelector('svg')!.getBoundingClientRect().toJSON());
    expect(box.width).toBeGreaterThan(100);
    // A blank page has no ink; lines and text of even a one-task picture have hundreds of pixels.
    const { inked: n, total } = await inked(await svgPage.screenshot({ fullPage: true }));
    expect(n).toBeGreaterThan(500);
    expect(n / total).toBeLessThan(0.9);
  }

  async function checkMermaid(name: string, ir: any): Promise<void> {
    const text = PipelineDag.toMermaid(ir);
    const result = await mermaidPage.evaluate(async ([id, source]) => {
      const out = document.getElementById('out')!;
      try {
        const { svg } = await (globalThis as any).mermaid.render(id, source);
        out.innerHTML = svg;
      } catch (e: any) {
        return { error: String(e?.message ?? e), lines: [] as string[] };
      }
      const lines = [...out.querySelectorAll('foreignObject')].flatMap((f) => (f.firstElementChild as HTMLElement | null)?.innerText.split('\n') ?? []);
      lines.push(...[...out.querySelectorAll('text')].map((t) => t.textContent ?? ''));
      return { error: undefined, lines };
    }, [`m-${name.replace(/[^a-z0-9]/gi, '')}`, text] as const);
    expect([name, result.error]).toEqual([name, undefined]);
    const drawn = tokens(result.lines);
    expect(drawn.has('Syntax')).toBe(false);
    for (const key of keys(ir)) expect([name, key, drawn.has(key)]).toEqual([name, key, true]);
    const { inked: n } = await inked(await mermaidPage.locator('#out').screenshot());
    expect(n).toBeGreaterThan(500);
  }

  test('the SVG and Mermaid pictures of the quickstart and of a pipeline using every notation', async () => {
    const pipelines = [addQuickstartPipeline(new App({ outdir: '/nonexistent' })), everything()];
    for (const p of pipelines) {
      await checkSvg(p.pipelineName, p.toIr());
      await checkMermaid(p.pipelineName, p.toIr());
    }
  }, 120_000);

  test('a collapsed picture still shows its top level', async () => {
    const ir = everything().toIr();
    const text = PipelineDag.toMermaid(ir, { collapseDepth: 0 });
    const lines = await mermaidPage.evaluate(async (source) => {
      const out = document.getElementById('out')!;
      out.innerHTML = (await (globalThis as any).mermaid.render('collapsed', source)).svg;
      return [...out.querySelectorAll('foreignObject')].flatMap((f) => (f.firstElementChild as HTMLElement | null)?.innerText.split('\n') ?? []);
    }, text);
    expect(lines).toEqual(expect.arrayContaining(['ExitHandler', 'cleanup', 'exit task', '7 tasks inside, not drawn']));
  }, 60_000);

  describeConformance('upstream IR in Chromium', () => {
    test('Mermaid reads the flowchart of every upstream IR file; a sample renders in both forms', async () => {
      const irs = upstreamPipelines({ corpus: false });
      const texts = irs.map((x) => PipelineDag.toMermaid(x.ir));
      const errors = await mermaidPage.evaluate(async (all) => {
        const out: string[] = [];
        for (const [i, t] of all.entries()) {
          try {
            await (globalThis as any).mermaid.parse(t);
          } catch (e: any) {
            out.push(`${i}: ${String(e?.message ?? e).split('\n')[0]}`);
          }
        }
        return out;
      }, texts);
      expect(errors).toEqual([]);
      expect(irs.length).toBeGreaterThan(150);
      for (const name of ['if_elif_else_complex.yaml', 'pipeline_in_pipeline.yaml', 'pipeline_with_task_final_status.yaml', 'pipeline_with_parallelfor_parallelism.yaml']) {
        const found = irs.find((x) => path.basename(x.file) === name)!;
        await checkSvg(name, found.ir);
        await checkMermaid(name, found.ir);
      }
    }, 180_000);
  });
});
