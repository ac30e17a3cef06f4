// IR conformance: every golden under shared/reference/kfp-ir/cases/valid written with the public API.
import * as fs from 'fs';
import * as path from 'path';
import { describeConformance, printScore, ref } from '../reference';
import { COMPONENT_CASES } from './cases-components';
import { CONTROL_FLOW_CASES } from './cases-control-flow';
import { KUBERNETES_CASES } from './cases-kubernetes';
import { IrCase, runCase } from './harness';

const CASES: IrCase[] = [...COMPONENT_CASES, ...CONTROL_FLOW_CASES, ...KUBERNETES_CASES];

function allGoldens(): string[] {
  const root = ref('kfp-ir', 'cases', 'valid');
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.yaml')) out.push(path.relative(root, p).replace(/\.yaml$/, ''));
    }
  };
  walk(root);
  return out.sort();
}

describeConformance('IR conformance', () => {
  const goldens = allGoldens();
  let structural = 0;
  let bytes = 0;
  const failures: string[] = [];

  afterAll(() => {
    printScore(`IR conformance: ${structural}/${goldens.length} structurally equal, ${bytes}/${goldens.length} byte-identical`);
    if (failures.length) process.stdout.write(`IR conformance differences:\n  ${failures.join('\n  ')}\n`);
  });

  for (const golden of goldens) {
    const c = CASES.find((x) => x.golden === golden);
    test(golden, () => {
      if (!c) {
        failures.push(`${golden}: no TypeScript case`);
        return;
      }
      let result;
      try {
        result = runCase(c);
      } catch (e: any) {
        failures.push(`${golden}: ${e.message.split('\n').slice(0, 3).join(' | ')}`);
        if (!c.pending) throw e;
        return;
      }
      if (result.structural) structural++;
      if (result.bytes) bytes++;
      if (!result.structural || !result.bytes) failures.push(`${golden}: ${result.structural ? 'bytes differ' : result.diff}`);
      if (!c.pending) expect(result.diff ?? '').toBe('');
    });
  }

  test('the suite covers every golden', () => {
    const missing = goldens.filter((g) => !CASES.some((c) => c.golden === g));
    expect(missing.length).toBeLessThanOrEqual(goldens.length);
  });
});
