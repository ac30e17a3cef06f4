/**
 * Graphviz's `dot` layout, in WebAssembly, called synchronously.
 *
 * `@viz-js/viz` is Graphviz compiled with Emscripten; its CommonJS file carries the WebAssembly
 * binary. Its loader is asynchronous only: it awaits `WebAssembly.instantiate`. Pipeline files
 * are written in a synchronous `app.synth()` hook, so the loader runs where its awaits settle
 * before control returns: a `vm` context with `microtaskMode: 'afterEvaluate'` (the context's
 * promise jobs run before `runInContext` returns) whose `WebAssembly.instantiate` compiles and
 * instantiates with the synchronous `WebAssembly.Module` and `WebAssembly.Instance` constructors,
 * which Node allows for a binary of any size. The instance is kept for the process, and a render
 * is an ordinary synchronous call into it.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';

interface VizResult {
  readonly status: string;
  readonly output?: string;
  readonly errors: ReadonlyArray<{ readonly level?: string; readonly message: string }>;
}

interface Viz {
  render(source: string, options: { format: string; engine: string }): VizResult;
}

/** `WebAssembly` inside the context: `instantiate` settles in promise jobs alone. */
const SYNC_WEBASSEMBLY = `
  const RealWebAssembly = WebAssembly;
  globalThis.WebAssembly = Object.assign(Object.create(RealWebAssembly), {
    instantiate(bytes, imports) {
      const module = new RealWebAssembly.Module(bytes);
      return Promise.resolve({ module, instance: new RealWebAssembly.Instance(module, imports) });
    },
  });
`;

let loaded: Viz | undefined;

function load(): Viz {
  const file = require.resolve('@viz-js/viz');
  const context = vm.createContext({ console, URL, TextDecoder, TextEncoder, crypto: globalThis.crypto, performance }, { microtaskMode: 'afterEvaluate' });
  vm.runInContext(SYNC_WEBASSEMBLY, context);
  const module: { exports: unknown } = { exports: {} };
  const define = vm.runInContext(`(function (exports, require, module, __filename, __dirname) {${fs.readFileSync(file, 'utf8')}\n})`, context, { filename: file });
  define(module.exports, require, module, file, path.dirname(file));
  const box: { viz?: Viz; error?: unknown } = {};
  context.viz = module.exports;
  context.box = box;
  vm.runInContext('viz.instance().then((v) => { box.viz = v; }, (e) => { box.error = e; })', context);
  if (!box.viz) {
    throw new Error(`PipelineDag: Graphviz (${file}) did not load: ${box.error ?? 'its loader did not finish synchronously'}`);
  }
  return box.viz;
}

/** Lays out a DOT graph with `dot` and returns the SVG text. */
export function renderSvg(dot: string): string {
  const viz = loaded ?? (loaded = load());
  let result: VizResult;
  try {
    result = viz.render(dot, { format: 'svg', engine: 'dot' });
  } catch (e: any) {
    // A trap (such as running out of stack) leaves the instance unusable: load a fresh one next time.
    loaded = undefined;
    throw new Error(`PipelineDag: Graphviz failed: ${e?.message ?? e}`);
  }
  if (result.status !== 'success' || typeof result.output !== 'string') {
    const messages = result.errors.map((e) => `${e.level ? `${e.level}: ` : ''}${e.message}`).join('; ');
    throw new Error(`PipelineDag: Graphviz failed: ${messages || result.status}`);
  }
  return result.output;
}
