/**
 * Runs once after the test run: fails the run if the tests left files in the run's temp dir,
 * then removes it (so the machine's temp dir gets nothing from a run). The `cdk8s.outdir.*`
 * directories are cdk8s's: `Testing.app()` makes one for every app, and a test that synthesizes
 * such an app writes into it; they are removed with the run's dir without complaint.
 */
import * as fs from 'fs';
import * as path from 'path';
import { RUN_TMP_ENV } from './global-setup';

export default function globalTeardown(): void {
  const dir = process.env[RUN_TMP_ENV];
  if (!dir || !fs.existsSync(dir)) return;
  const left: string[] = [];
  for (const entry of fs.readdirSync(dir)) {
    const p = path.join(dir, entry);
    const cdk8sOutdir = entry.startsWith('cdk8s.outdir.') && fs.statSync(p).isDirectory();
    if (!cdk8sOutdir) left.push(entry);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  if (left.length > 0) {
    throw new Error(`the tests left ${left.length} entries in their temp dir (remove what a test creates, e.g. in afterAll): ${left.sort().slice(0, 20).join(', ')}${left.length > 20 ? ', ...' : ''}`);
  }
}
