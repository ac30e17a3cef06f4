// The architecture in docs/architecture.md, checked on the imports: no import circle between
// files, and every import points down the layers. Type-only imports count: they tie files too.
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const SRC = path.resolve(__dirname, '..', 'src');

/** What each folder of src/ may import from (besides itself). */
const LAYERS: { [layer: string]: string[] } = {
  'util': [],
  'compiler': ['util'],
  'pipeline': ['compiler', 'util'],
  'deploy': ['pipeline', 'compiler', 'util'],
  'install': ['util'],
  'platform': ['install', 'deploy', 'pipeline', 'compiler', 'util'],
  'bin': ['pipeline', 'compiler', 'util'],
  'imports': [],
  'index.ts': ['pipeline', 'compiler', 'install', 'deploy', 'platform'],
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

function resolve(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), spec);
  return [`${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
}

/** file -> the files it imports (relative imports and re-exports, type-only ones included). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    const targets = info.importedFiles.map((i) => resolve(file, i.fileName)).filter((f): f is string => !!f);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function circles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) {
        low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.map((f) => path.relative(SRC, f)).sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

function layerOf(file: string): string {
  return path.relative(SRC, file).split(path.sep)[0];
}

describe('architecture', () => {
  const graph = importGraph();

  test('the import graph is read (sanity)', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get(path.join(SRC, 'index.ts'))!.length).toBe(5);
  });

  test('no import circle between files', () => {
    expect(circles(graph)).toEqual([]);
  });

  test('imports point down the layers', () => {
    const wrong: string[] = [];
    for (const [file, targets] of graph) {
      const from = layerOf(file);
      for (const t of targets) {
        const to = layerOf(t);
        if (to !== from && !(LAYERS[from] ?? []).includes(to)) wrong.push(`${path.relative(SRC, file)} -> ${path.relative(SRC, t)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  test('the circle finder finds a circle (it can fail)', () => {
    const g = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]);
    expect(circles(g).map((c) => c.length)).toEqual([3]);
  });

  test('the compilers import no cdk8s or constructs', () => {
    const offenders = sourceFiles(path.join(SRC, 'compiler')).filter((f) =>
      ts.preProcessFile(fs.readFileSync(f, 'utf8'), true, true).importedFiles.some((i) => /^(cdk8s|cdk8s-plus-28|constructs)$/.test(i.fileName)));
    expect(offenders.map((f) => path.relative(SRC, f))).toEqual([]);
  });

  test('no `as any` in the library: objects are read through internal interfaces, brands through Marker', () => {
    const offenders = sourceFiles(SRC)
      .filter((f) => !f.startsWith(path.join(SRC, 'imports') + path.sep))
      .flatMap((f) => fs.readFileSync(f, 'utf8').split('\n').map((line, i) => ({ f, line, i })))
      .filter(({ line }) => /\bas any\b/.test(line) && !/^\s*(\/\/|\*)/.test(line))
      .map(({ f, i }) => `${path.relative(SRC, f)}:${i + 1}`);
    expect(offenders).toEqual([]);
  });
});
