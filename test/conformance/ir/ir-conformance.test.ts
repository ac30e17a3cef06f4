// IR conformance: every upstream golden (34 kfp SDK goldens under cases/valid and 15 kfp-kubernetes
// goldens under cases/kubernetes) written with the public API, compared as parsed YAML
// (structurally) and as bytes. Each case is compiled with the golden's own kfp version, and the
// bytes are counted strictly: identical files apart, the goldens that differ only in their
// version lines (their sdkVersion and kfp== pin disagree) and only in a header dict's key order
// (kfp writes it in protobuf map order) are counted on their own.
import * as fs from 'fs';
import * as path from 'path';
import { describeConformance, printScore, ref } from '../reference';
import { COMPONENT_CASES } from './cases-components';
import { CONTROL_FLOW_CASES } from './cases-control-flow';
import { KUBERNETES_CASES } from './cases-kubernetes';
import { ByteMatch, IrCase, runCase } from './harness';

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

function counts(): Record<ByteMatch, number> {
  return { 'identical': 0, 'version-lines': 0, 'header-dict-order': 0, 'different': 0 };
}

function byteSummary(c: Record<ByteMatch, number>, total: number): string {
  return `${c.identical}/${total} byte-identical, ${c['version-lines']} more differ only in the golden's own kfp version lines, `
    + `${c['header-dict-order']} only in a header dict's key order, ${c.different} different`;
}

describeConformance('IR conformance', () => {
  const sets = [
    { label: 'IR conformance', goldens: goldensIn('valid'), structural: 0, bytes: counts() },
    { label: 'Kubernetes platform conformance', goldens: goldensIn('kubernetes'), structural: 0, bytes: counts() },
  ];
  const failures: string[] = [];

  afterAll(() => {
    for (const s of sets) {
      printScore(`${s.label}: ${s.structural}/${s.goldens.length} structurally equal, ${byteSummary(s.bytes, s.goldens.length)}`);
    }
    const total = sets.reduce((n, s) => n + s.goldens.length, 0);
    const all = counts();
    for (const s of sets) for (const k of Object.keys(all) as ByteMatch[]) all[k] += s.bytes[k];
    printScore(`IR goldens: ${byteSummary(all, total)}`);
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
          set.bytes[result.bytes]++;
          if (!result.structural || result.bytes === 'different') failures.push(`${golden}: ${result.structural ? 'bytes differ' : result.diff}`);
          expect(result.diff ?? '').toBe('');
          // Every golden matches today; a regression in the emitter or compiler must fail.
          expect(result.bytes).not.toBe('different');
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
