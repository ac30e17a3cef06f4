// kfp-kubernetes conformance: every golden under shared/reference/kfp-ir/cases/kubernetes.
import * as fs from 'fs';
import { describeConformance, printScore, ref } from '../reference';
import { KUBERNETES_CASES } from './cases-kubernetes';
import { runCase } from './harness';

describeConformance('IR kubernetes conformance', () => {
  const goldens = fs.readdirSync(ref('kfp-ir', 'cases', 'kubernetes')).filter((f) => f.endsWith('.yaml')).map((f) => `kubernetes/${f.replace(/\.yaml$/, '')}`).sort();
  let structural = 0;
  let bytes = 0;
  const failures: string[] = [];

  afterAll(() => {
    printScore(`IR kubernetes conformance: ${structural}/${goldens.length} structurally equal, ${bytes}/${goldens.length} byte-identical`);
    if (failures.length) process.stdout.write(`IR kubernetes conformance differences:\n  ${failures.join('\n  ')}\n`);
  });

  for (const golden of goldens) {
    test(golden, () => {
      const c = KUBERNETES_CASES.find((x) => x.golden === golden);
      if (!c) {
        failures.push(`${golden}: no TypeScript case`);
        throw new Error(`no TypeScript case for ${golden}`);
      }
      const result = runCase(c);
      if (result.structural) structural++;
      if (result.bytes) bytes++;
      if (!result.structural || !result.bytes) failures.push(`${golden}: ${result.structural ? 'bytes differ' : result.diff}`);
      expect(result.diff ?? '').toBe('');
    });
  }
});
