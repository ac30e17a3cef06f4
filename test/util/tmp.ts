/**
 * Temp dirs for tests: `tempDir()` makes one and removes it after the test file (the cleanup
 * runs from `test/setup/cleanup.ts`, registered with jest's setupFilesAfterEnv).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const created: string[] = [];

/** A new empty directory under the run's temp dir, removed after the current test file. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Removes every directory `tempDir()` made in this test file. */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}
