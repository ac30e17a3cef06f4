/**
 * The upstream corpus (`../shared/oracle/kfp-python/corpus/sdk_compiled_pipelines`): its
 * Python pipelines, their goldens, and the Python sources of their lightweight components,
 * read at test time (nothing of upstream is copied into the repository).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Chart } from 'cdk8s';
import { Component, Pipeline, PythonComponentProps } from '../../../src';
import { CORPUS_DIR } from '../../oracle/kfp-oracle';

/** One upstream pipeline, written with the public API as a user would port it. */
export interface CorpusCase {
  /** The file under `valid/`, without `.py` (e.g. `critical/flip_coin`). */
  readonly path: string;
  /** The pipeline's `pipelineInfo.name`, when the file defines several pipelines. */
  readonly pipelineName?: string;
  /** Builds the pipeline in the given chart. */
  readonly build: (scope: Chart) => Pipeline;
  /**
   * Why our output deliberately differs from kfp's for this file (a kfp defect we don't
   * reproduce, with the evidence). The suite checks that it still differs.
   */
  readonly knownDifference?: string;
}

/** An upstream pipeline that is not ported, with the reason. */
export interface NotPorted {
  readonly path: string;
  readonly reason: string;
}

function corpusDir(): string {
  if (!CORPUS_DIR) throw new Error('the upstream corpus is not available');
  return path.join(CORPUS_DIR, 'valid');
}

/** The Python file of a corpus pipeline. */
export function corpusPy(casePath: string): string {
  return path.join(corpusDir(), `${casePath}.py`);
}

/** The golden compiled YAML of a corpus pipeline (`<name>.yaml`, `<name>_compiled.yaml` or `<name>_pipeline.yaml`), if any. */
export function corpusGolden(casePath: string): string | undefined {
  const base = path.join(corpusDir(), casePath);
  return [`${base}.yaml`, `${base}_compiled.yaml`, `${base}_pipeline.yaml`].find((f) => fs.existsSync(f));
}

/** Every pipeline file under `valid/`, as case paths. */
export function corpusPaths(): string[] {
  const root = corpusDir();
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.py') && e.name !== '__init__.py') out.push(path.relative(root, p).replace(/\.py$/, ''));
    }
  };
  walk(root);
  return out.sort();
}

const sources = new Map<string, string>();

/**
 * The source of a top-level Python function in a corpus file, as a user would paste it into
 * `Component.python({ source })`: from its `def` line (decorators left out) to the last line of
 * its body, with one trailing newline.
 */
export function pySource(casePath: string, fn: string): string {
  const key = `${casePath}:${fn}`;
  const cached = sources.get(key);
  if (cached !== undefined) return cached;
  const lines = fs.readFileSync(corpusPy(casePath), 'utf8').split('\n');
  const start = lines.findIndex((l) => l.startsWith(`def ${fn}(`));
  if (start < 0) throw new Error(`no top-level function '${fn}' in ${casePath}.py`);
  let end = start + 1;
  let last = start;
  // The body runs until the next line that starts at column 0 (blank lines don't end it).
  for (; end < lines.length; end++) {
    const l = lines[end];
    if (l.trim() === '') continue;
    if (/^\S/.test(l) && !/^[)\]}]/.test(l)) break;
    last = end;
  }
  const text = lines.slice(start, last + 1).join('\n') + '\n';
  sources.set(key, text);
  return text;
}

/** A lightweight Python component from a function of a corpus file. */
export function pyComponent(casePath: string, fn: string, props: Partial<PythonComponentProps> = {}): Component {
  return Component.python({ source: pySource(casePath, fn), ...props });
}
