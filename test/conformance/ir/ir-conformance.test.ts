// IR conformance: every upstream golden (34 kfp SDK goldens under cases/valid and 15 kfp-kubernetes
// goldens under cases/kubernetes) written with the public API, compared as parsed YAML
// (structurally) and as bytes. Only the SDK version (sdkVersion and the `kfp==` pin) is normalised:
// each case is compiled with the golden's own kfp version.
import * as fs from 'fs';
import * as path from 'path';
import { describeConformance, printScore, ref } from '../reference';
import { COMPONENT_CASES } from './cases-components';
import { CONTROL_FLOW_CASES } from './cases-control-flow';
import { KUBERNETES_CASES } from './cases-kubernetes';
import { IrCase, runCase } from './harness';

const CASES: IrCase[] = [...COMPONENT_CASES, ...CONTROL_FLOW_CASES, ...KUBERNETES_CASES];

/** Golden ids (`<set>/<path without .yaml>`) under one case set. */
function goldensIn(set: 'valid' | 'kubernetes'): string[] {
  const root = ref('kfp-ir', 'cases', set);
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.yaml')) out.push(path.relative(root, p).replace(/\.yaml$/, ''));
    }
  };
  walk(root);
  // Cases name kfp-kubernetes goldens as `kubernetes/<name>` and SDK goldens by their path.
  return out.sort().map((g) => (set === 'kubernetes' ? `kubernetes/${g}` : g));
}

describeConformance('IR conformance', () => {
  const sets = [
    { label: 'IR conformance', goldens: goldensIn('valid'), structural: 0, bytes: 0 },
    { label: 'Kubernetes platform conformance', goldens: goldensIn('kubernetes'), structural: 0, bytes: 0 },
  ];
  const failures: string[] = [];

  afterAll(() => {
    for (const s of sets) {
      printScore(`${s.label}: ${s.structural}/${s.goldens.length} structurally equal, ${s.bytes}/${s.goldens.length} byte-identical`);
    }
    const total = sets.reduce((n, s) => n + s.goldens.length, 0);
    printScore(`IR byte-identical: ${sets.reduce((n, s) => n + s.bytes, 0)}/${total}`);
    if (failures.length) process.stdout.write(`IR conformance differences:\n  ${failures.join('\n  ')}\n`);
  });

  for (const set of sets) {
    describe(set.label, () => {
      for (const golden of set.goldens) {
        test(golden, () => {
          const c = CASES.find((x) => x.golden === golden);
          if (!c) {
            failures.push(`${golden}: no TypeScript case`);
            throw new Error(`no TypeScript case for ${golden}`);
          }
          const result = runCase(c);
          if (result.structural) set.structural++;
          if (result.bytes) set.bytes++;
          if (!result.structural || !result.bytes) failures.push(`${golden}: ${result.structural ? 'bytes differ' : result.diff}`);
          expect(result.diff ?? '').toBe('');
          // Every golden is byte-identical today; a regression in the emitter or compiler must fail.
          expect(result.bytes).toBe(true);
        });
      }
    });
  }

  test('every TypeScript case names an existing golden, and no golden is left without one', () => {
    const all = sets.flatMap((s) => s.goldens);
    expect(CASES.map((c) => c.golden).filter((g) => !all.includes(g))).toEqual([]);
    expect(all.filter((g) => !CASES.some((c) => c.golden === g))).toEqual([]);
  });
});
