/**
 * Finds the upstream reference material (`../shared/reference`) for conformance suites.
 *
 * - Found: suites run against it.
 * - Missing and KFP_CONFORMANCE is not `required`: suites skip and print one line saying so.
 * - Missing and KFP_CONFORMANCE=required (CI): suites fail.
 */
import * as fs from 'fs';
import * as path from 'path';
import { SCORES } from '../setup/global-setup';

function find(): string | undefined {
  const candidates = [
    process.env.KFP_REFERENCE_DIR,
    path.resolve(__dirname, '..', '..', '..', 'shared', 'reference'),
  ].filter((x): x is string => !!x);
  return candidates.find((c) => fs.existsSync(c));
}

export const REFERENCE_DIR: string | undefined = find();
export const CONFORMANCE_REQUIRED = process.env.KFP_CONFORMANCE === 'required';

/** Path inside the reference directory. Only call inside a conformance suite. */
export function ref(...parts: string[]): string {
  if (!REFERENCE_DIR) throw new Error('reference material not found');
  return path.join(REFERENCE_DIR, ...parts);
}

/** Prints a conformance score line and records it for the CI summary (the file starts afresh with each run). */
export function printScore(line: string): void {
  process.stdout.write(`\n${line}\n`);
  fs.mkdirSync(path.dirname(SCORES), { recursive: true });
  fs.appendFileSync(SCORES, `${line}\n`);
}

/** Where the reference is and whether it is required (the environment, unless a test says otherwise). */
export interface ConformanceEnv {
  readonly referenceDir?: string;
  readonly required: boolean;
}

const ENV: ConformanceEnv = { referenceDir: REFERENCE_DIR, required: CONFORMANCE_REQUIRED };

/**
 * `describe` for a conformance suite: skips (with one printed line) when the reference is
 * missing, or fails when conformance is required.
 */
export function describeConformance(name: string, body: () => void, env: ConformanceEnv = ENV): void {
  if (env.referenceDir) {
    describe(name, body);
    return;
  }
  if (env.required) {
    describe(name, () => {
      test('reference material is present', () => {
        throw new Error('KFP_CONFORMANCE=required but ../shared/reference was not found (set KFP_REFERENCE_DIR)');
      });
    });
    return;
  }
  process.stdout.write(`${name}: skipped (../shared/reference not found; set KFP_REFERENCE_DIR or KFP_CONFORMANCE=required)\n`);
  // Don't run `body`: jest runs the bodies of skipped describes to collect their tests, and
  // conformance suites read the reference while collecting.
  describe(name, () => {
    test.skip('reference material not found', () => undefined);
  });
}
