/**
 * Runs once before the test run: starts the score file afresh and gives the run a temp dir of
 * its own (workers and the processes tests start inherit TMPDIR), so the teardown can check
 * that the tests left nothing behind.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const SCORES = path.resolve(__dirname, '..', '..', 'test-reports', 'scores.txt');
export const RUN_TMP_ENV = 'CDK8S_KFP_TEST_TMPDIR';

export default function globalSetup(): void {
  fs.rmSync(SCORES, { force: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-kfp-test-'));
  process.env[RUN_TMP_ENV] = dir;
  process.env.TMPDIR = dir;
  // ts-node (which the examples' `cdk8s synth` runs) keeps a compile cache in the temp dir;
  // point it at node_modules/.cache, where jest's cache lives too, so it is neither a leftover
  // of the run nor lost with it.
  process.env.V8_COMPILE_CACHE_CACHE_DIR = path.resolve(__dirname, '..', '..', 'node_modules', '.cache', 'v8-compile-cache');
}
