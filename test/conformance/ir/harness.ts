/** Shared helpers of the IR conformance suite: load goldens, compare, score. */
import * as fs from 'fs';
import { App, Chart } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { Component, KfpSdk, Pipeline, PythonComponentProps } from '../../../src';
import { ref } from '../reference';
import { PY_SOURCES } from './py-sources';

/** One golden and the TypeScript that should produce it. */
export interface IrCase {
  /** Path under cases/valid (or `kubernetes/<name>` for cases/kubernetes), without `.yaml`. */
  readonly golden: string;
  /** Builds the pipeline in the given chart. */
  readonly build: (scope: Chart) => Pipeline;
}

/** `kubernetes/x` is under cases/kubernetes; anything else under cases/valid. */
export function goldenPath(golden: string): string {
  if (golden.startsWith('kubernetes/')) return ref('kfp-ir', 'cases', `${golden}.yaml`);
  return ref('kfp-ir', 'cases', 'valid', `${golden}.yaml`);
}

export function loadGolden(golden: string): { text: string; docs: any[] } {
  const text = fs.readFileSync(goldenPath(golden), 'utf8');
  const docs = parseAllDocuments(text).map((d: any) => d.toJSON()).filter((d: any) => d !== null && d !== undefined);
  return { text, docs };
}

/** Replaces the sdkVersion and the `kfp==` pin (the two allowed normalisations). */
export function normalizeVersions(value: any): any {
  if (typeof value === 'string') return value.replace(/kfp==[0-9][0-9A-Za-z.+-]*/g, 'kfp==X');
  if (Array.isArray(value)) return value.map(normalizeVersions);
  if (value && typeof value === 'object') {
    const out: any = {};
    for (const [k, v] of Object.entries(value)) out[k] = k === 'sdkVersion' ? 'kfp-X' : normalizeVersions(v);
    return out;
  }
  return value;
}

function normalizeText(text: string): string {
  return text.replace(/^sdkVersion: kfp-.*$/m, 'sdkVersion: kfp-X').replace(/kfp==[0-9][0-9A-Za-z.+-]*/g, 'kfp==X');
}

/** Python literal (repr of str/float/bool/list/dict) to a JSON-comparable value. */
function pyLiteral(text: string): any {
  const json = text
    .replace(/'((?:[^'\\]|\\.)*)'/g, (_, s) => JSON.stringify(s))
    .replace(/\bTrue\b/g, 'true').replace(/\bFalse\b/g, 'false').replace(/\bNone\b/g, 'null');
  return JSON.parse(json);
}

function sortKeys(v: any): any {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
}

/**
 * How our bytes compare with a golden's, strictest first:
 * - `identical`: the same bytes;
 * - `version-lines`: the same once the kfp version is taken out of `sdkVersion` and the `kfp==`
 *   pin (goldens whose sdkVersion and pin disagree: upstream edited one and not the other);
 * - `header-dict-order`: also the same but for the key order of a dict default in the header
 *   comment, which kfp writes in protobuf map order (random with the C++ backend);
 * - `different`.
 */
export type ByteMatch = 'identical' | 'version-lines' | 'header-dict-order' | 'different';

export function compareBytes(ours: string, golden: string): ByteMatch {
  if (ours === golden) return 'identical';
  if (normalizeText(ours) === normalizeText(golden)) return 'version-lines';
  return sameBytesUpToHeaderDictOrder(ours, golden) ? 'header-dict-order' : 'different';
}

/** Byte comparison with the header `[Default: {...}]` dict-order leniency (and version lines). */
function sameBytesUpToHeaderDictOrder(ours: string, golden: string): boolean {
  const a = normalizeText(ours).split('\n');
  const b = normalizeText(golden).split('\n');
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    const ma = /^(#    \S+: \S+ \[Default: )(.*)\]$/.exec(a[i]);
    const mb = /^(#    \S+: \S+ \[Default: )(.*)\]$/.exec(b[i]);
    if (!ma || !mb || ma[1] !== mb[1]) return false;
    try {
      if (JSON.stringify(sortKeys(pyLiteral(ma[2]))) !== JSON.stringify(sortKeys(pyLiteral(mb[2])))) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** The first difference between two values, as a path and both sides (for failure messages). */
export function firstDiff(a: any, b: any, path = ''): string | undefined {
  if (deepEqual(a, b)) return undefined;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of [...keys].sort()) {
      if (!(k in a)) return `${path}.${k}: missing in ours; golden has ${JSON.stringify(b[k])?.slice(0, 300)}`;
      if (!(k in b)) return `${path}.${k}: extra in ours: ${JSON.stringify(a[k])?.slice(0, 300)}`;
      const d = firstDiff(a[k], b[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  return `${path}: ours ${JSON.stringify(a)?.slice(0, 400)} != golden ${JSON.stringify(b)?.slice(0, 400)}`;
}

/** Deep equality regardless of key order. */
export function deepEqual(a: any, b: any): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

export interface CaseResult {
  readonly structural: boolean;
  readonly bytes: ByteMatch;
  readonly diff?: string;
}

/** Builds a case with the golden's kfp version and compares. */
export function runCase(c: IrCase): CaseResult {
  const { text, docs } = loadGolden(c.golden);
  const version = String(docs[0].sdkVersion).replace(/^kfp-/, '');
  const previous = KfpSdk.version();
  KfpSdk.useVersion(version);
  try {
    const app = new App({ outdir: '/tmp/ir-conformance-unused' });
    const chart = new Chart(app, 'conformance');
    const pipeline = c.build(chart);
    const ir = pipeline.toIr();
    const platform = pipeline.toPlatformSpec();
    const ours = platform ? [ir, platform] : [ir];
    const structural = deepEqual(normalizeVersions(ours), normalizeVersions(docs));
    let diff: string | undefined;
    if (!structural) diff = firstDiff(normalizeVersions(ours), normalizeVersions(docs));
    let bytes: ByteMatch = 'different';
    try {
      bytes = compareBytes(pipeline.toYaml(), text);
    } catch (e: any) {
      diff = (diff ? diff + '; ' : '') + `render failed: ${e.message}`;
    }
    return { structural, bytes, diff };
  } finally {
    KfpSdk.useVersion(previous);
  }
}

/** A Python component from a golden's embedded source. */
export function py(golden: string, fn: string, props: Partial<PythonComponentProps> = {}): Component {
  const source = PY_SOURCES[`${golden}:${fn}`];
  if (source === undefined) throw new Error(`no Python source for ${golden}:${fn}`);
  return Component.python({ source, ...props });
}
