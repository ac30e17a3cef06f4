// The whole upstream corpus against the real kfp 2.17.0 compiler: every pipeline under
// sdk_compiled_pipelines/valid is either ported to TypeScript (cases-*.ts) and compiled by both
// sides, or listed as not ported with the reason. Byte-identical means the bytes: nothing is
// normalised. The goldens (written by older kfp versions) are compared too, and a golden that
// differs only in its kfp version lines is counted as such, separately.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { CASES_A, NOT_PORTED_A } from './cases-a';
import { CASES_B, NOT_PORTED_B } from './cases-b';
import { CASES_C, NOT_PORTED_C } from './cases-c';
import { CorpusCase, corpusGolden, corpusPaths, corpusPy, NotPorted } from './corpus';
import { irCorpusCases } from './ir-cases';
import { compileWithKfp, describeOracle, OracleResult } from '../../oracle/kfp-oracle';
import { printScore } from '../reference';

const NOT_PORTED: NotPorted[] = [...NOT_PORTED_A, ...NOT_PORTED_B, ...NOT_PORTED_C];

/** The lines kfp writes its own version into. */
function withoutVersionLines(text: string): string {
  return text.replace(/^sdkVersion: kfp-.*$/m, 'sdkVersion: kfp-X').replace(/kfp==[0-9][0-9A-Za-z.+-]*/g, 'kfp==X');
}

/** The `pipelineInfo.name` of a compiled pipeline file. */
function goldenName(text: string): string | undefined {
  return /^pipelineInfo:\n(?:  .*\n)*?  name: (\S+)$/m.exec(text)?.[1];
}

/** The first differing line of two texts, for failure messages. */
function firstLineDiff(ours: string, theirs: string): string {
  const a = ours.split('\n');
  const b = theirs.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `line ${i + 1}: ours ${JSON.stringify(a[i])}, kfp ${JSON.stringify(b[i])}`;
  }
  return 'no difference';
}

describeOracle('Upstream corpus', () => {
  const CASES: CorpusCase[] = [...irCorpusCases(), ...CASES_A, ...CASES_B, ...CASES_C];
  const paths = corpusPaths();
  let dir: string;
  const oracle = new Map<string, OracleResult>();
  const score = { compared: 0, identical: 0, known: 0, goldens: 0, goldenBytes: 0, goldenVersionOnly: 0 };
  const mismatches: string[] = [];

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfp-corpus-'));
    const jobs = CASES.filter((c) => paths.includes(c.path)).map((c, i) => ({
      py: corpusPy(c.path),
      pipelineName: c.pipelineName,
      out: path.join(dir, `${i}.yaml`),
      key: `${c.path}#${c.pipelineName ?? ''}`,
    }));
    const results = compileWithKfp(jobs);
    jobs.forEach((j, i) => oracle.set(j.key, results[i]));
  }, 300_000);

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    const ported = new Set(CASES.map((c) => c.path)).size;
    printScore(`Upstream corpus: ${score.identical}/${score.compared} byte-identical to kfp 2.17.0 `
      + `(${paths.length} files: ${ported} ported, ${NOT_PORTED.length} not ported with reasons; ${score.known} known kfp defects not reproduced)`);
    printScore(`Upstream corpus goldens: ${score.goldenBytes}/${score.goldens} byte-identical, `
      + `${score.goldenVersionOnly} more differ only in the kfp version lines (written by older kfp)`);
    if (mismatches.length) process.stdout.write(`Upstream corpus differences:\n  ${mismatches.join('\n  ')}\n`);
  });

  test('every corpus file is ported or listed with a reason, once', () => {
    const listed = new Map<string, number>();
    for (const p of [...new Set(CASES.map((c) => c.path)), ...NOT_PORTED.map((n) => n.path)]) listed.set(p, (listed.get(p) ?? 0) + 1);
    expect(paths.filter((p) => !listed.has(p))).toEqual([]);
    expect([...listed].filter(([, n]) => n > 1).map(([p]) => p)).toEqual([]);
    expect([...listed.keys()].filter((p) => !paths.includes(p))).toEqual([]);
    for (const n of NOT_PORTED) expect(n.reason.length).toBeGreaterThan(10);
  });

  for (const c of CASES) {
    const key = `${c.path}#${c.pipelineName ?? ''}`;
    test(`${c.path}${c.pipelineName ? ` (${c.pipelineName})` : ''}`, () => {
      const kfp = oracle.get(key);
      if (!kfp?.ok) throw new Error(`kfp 2.17.0 did not compile ${c.path}: ${kfp?.error}`);
      const theirs = fs.readFileSync(kfp.out, 'utf8');
      const app = new App({ outdir: dir });
      const ours = c.build(new Chart(app, 'corpus')).toYaml();
      score.compared++;
      const golden = corpusGolden(c.path);
      const text = golden ? fs.readFileSync(golden, 'utf8') : undefined;
      // A file with several pipelines has a golden of one of them.
      if (text !== undefined && (!c.pipelineName || goldenName(text) === c.pipelineName)) {
        score.goldens++;
        if (text === ours) score.goldenBytes++;
        else if (withoutVersionLines(text) === withoutVersionLines(ours)) score.goldenVersionOnly++;
      }
      if (c.knownDifference) {
        score.known++;
        expect(ours).not.toBe(theirs);
        return;
      }
      if (ours === theirs) score.identical++;
      else mismatches.push(`${c.path}: ${firstLineDiff(ours, theirs)}`);
      expect(firstLineDiff(ours, theirs)).toBe('no difference');
    });
  }
});
