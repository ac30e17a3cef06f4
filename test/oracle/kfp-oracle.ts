/**
 * The real kfp 2.17.0 compiler (`../shared/oracle/kfp-python`), driven from the tests.
 *
 * `compileWithKfp()` compiles many Python pipeline files in one python3 process (start-up is
 * about 1 s, so batching matters). Use `describeOracle()` around suites that need it: they skip
 * with one printed line when the oracle is missing, and fail under KFP_CONFORMANCE=required.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CONFORMANCE_REQUIRED } from '../conformance/reference';

function find(): string | undefined {
  const candidates = [
    process.env.KFP_ORACLE_DIR,
    path.resolve(__dirname, '..', '..', '..', 'shared', 'oracle', 'kfp-python'),
  ].filter((x): x is string => !!x);
  return candidates.find((c) => fs.existsSync(path.join(c, 'site', 'kfp')));
}

/** The oracle's directory, if present. */
export const ORACLE_DIR: string | undefined = find();
/** The upstream `sdk_compiled_pipelines` corpus beside the oracle. */
export const CORPUS_DIR: string | undefined = ORACLE_DIR && path.join(ORACLE_DIR, 'corpus', 'sdk_compiled_pipelines');

const PYTHON = '/usr/bin/python3';

/** Whether the oracle can run here (its files and Debian's python3 with its packages). */
export function oracleUsable(): { ok: boolean; why?: string } {
  if (!ORACLE_DIR) return { ok: false, why: '../shared/oracle/kfp-python not found (set KFP_ORACLE_DIR)' };
  if (!fs.existsSync(PYTHON)) return { ok: false, why: `${PYTHON} not found (run ../shared/oracle/kfp-python/deps.sh)` };
  const r = spawnSync(PYTHON, ['-c', 'import kfp.compiler, kfp.kubernetes'], { env: oracleEnv(), encoding: 'utf8' });
  if (r.status !== 0) return { ok: false, why: `kfp does not import: ${(r.stderr || '').trim().split('\n').pop()} (run ../shared/oracle/kfp-python/deps.sh)` };
  return { ok: true };
}

function oracleEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PYTHONPATH: `${path.join(ORACLE_DIR!, 'site')}:/usr/lib/python3/dist-packages`,
    PYTHONDONTWRITEBYTECODE: '1',
    // protobuf's C++ maps iterate in an order seeded per process, so the C++ backend makes kfp
    // write the keys of dict defaults in the file header (`# loop_parameter: list [Default: ...]`)
    // in a different order on each run; the pure-Python backend keeps them in the order written,
    // and changes nothing else in the upstream corpus's output.
    PROTOCOL_BUFFERS_PYTHON_IMPLEMENTATION: 'python',
    KFP_ORACLE_CORPUS: CORPUS_DIR ?? '',
  };
}

/** One file for the oracle to compile. */
export interface OracleJob {
  /** The Python file. */
  readonly py: string;
  /** The pipeline (or component) to compile. @default the one the file's `__main__` compiles */
  readonly func?: string;
  /** Pick the pipeline with this name (`pipelineInfo.name`) when the file defines several. */
  readonly pipelineName?: string;
  /** Where to write the compiled YAML. */
  readonly out: string;
}

/** What the oracle did with one job. */
export interface OracleResult {
  readonly out: string;
  readonly ok?: boolean;
  readonly error?: string;
  readonly trace?: string;
}

/** Compiles every job with kfp 2.17.0 in one python3 process. */
export function compileWithKfp(jobs: OracleJob[]): OracleResult[] {
  if (!ORACLE_DIR) throw new Error('the kfp oracle is not available');
  if (jobs.length === 0) return [];
  const r = spawnSync(PYTHON, [path.join(__dirname, 'compile.py')], {
    env: oracleEnv(),
    input: JSON.stringify(jobs),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`the kfp oracle failed (exit ${r.status}): ${r.stderr}`);
  return r.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

/**
 * `describe` for suites that need the oracle: skips with one printed line when it is missing
 * or can't run, and fails under KFP_CONFORMANCE=required.
 */
export function describeOracle(name: string, body: () => void): void {
  const usable = oracleUsable();
  if (usable.ok) {
    describe(name, body);
    return;
  }
  if (CONFORMANCE_REQUIRED) {
    describe(name, () => {
      test('the kfp oracle is usable', () => {
        throw new Error(`KFP_CONFORMANCE=required but the kfp oracle can't run: ${usable.why}`);
      });
    });
    return;
  }
  process.stdout.write(`${name}: skipped (${usable.why})\n`);
  describe(name, () => {
    test.skip('the kfp oracle is not usable', () => undefined);
  });
}
