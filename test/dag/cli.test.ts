// `cdk8s-kfp-dag <pipeline.yaml> [-o out.svg|.md]`: draws any KFP IR file.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { addQuickstartPipeline } from '../../examples/quickstart/pipeline';
import { PipelineDag } from '../../src';
import { runDagCli, USAGE } from '../../src/bin/dag-cli';

let dir: string;
let file: string;
let ir: any;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfp-dag-cli-'));
  const p = addQuickstartPipeline(Testing.app());
  ir = p.toIr();
  file = path.join(dir, 'quickstart.pipeline.yaml');
  fs.writeFileSync(file, p.toYaml());
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runDagCli(args, { out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err };
}

describe('cdk8s-kfp-dag', () => {
  test('prints the Mermaid flowchart without -o', () => {
    expect(run(file)).toEqual({ code: 0, out: PipelineDag.toMermaid(ir), err: '' });
  });

  test('-o chooses the format by extension; --format overrides it; options pass through', () => {
    const cases: Array<[string[], string, string]> = [
      [['-o', path.join(dir, 'q.svg')], 'q.svg', PipelineDag.toSvg(ir)],
      [['--output', path.join(dir, 'q.md')], 'q.md', PipelineDag.toMarkdown(ir)],
      [[`--output=${path.join(dir, 'q.mmd')}`], 'q.mmd', PipelineDag.toMermaid(ir)],
      [['-o', path.join(dir, 'q.gv')], 'q.gv', PipelineDag.toDot(ir)],
      [['-o', path.join(dir, 'q.txt'), '-f', 'md'], 'q.txt', PipelineDag.toMarkdown(ir)],
      [['-o', path.join(dir, 'small.md'), '--max-nodes', '2', '--collapse-depth=0'], 'small.md', PipelineDag.toMarkdown(ir, { maxNodes: 2, collapseDepth: 0 })],
    ];
    for (const [args, name, expected] of cases) {
      expect(run(file, ...args)).toEqual({ code: 0, out: '', err: '' });
      expect(fs.readFileSync(path.join(dir, name), 'utf8')).toBe(expected);
    }
    expect(run('--format', 'dot', file).out).toBe(PipelineDag.toDot(ir));
  });

  test('--help', () => {
    expect(run('--help')).toEqual({ code: 0, out: USAGE, err: '' });
    expect(run(file, '-h').out).toContain('Usage: cdk8s-kfp-dag <pipeline.yaml>');
  });

  test('usage errors exit 2 with what was wrong', () => {
    const cases: Array<[string[], string]> = [
      [[], 'expected a pipeline file (see --help)'],
      [['a.yaml', 'b.yaml'], 'got 2 pipeline files (a.yaml, b.yaml); expected one'],
      [[file, '--colour'], "unknown option '--colour'"],
      [[file, '-o'], "option '-o' needs a value"],
      [[file, '--format', 'png'], "unknown format 'png'; expected svg, md, mermaid, dot"],
      [[file, '-o', 'picture.png'], "cannot tell the format of 'picture.png' from its extension; expected .svg, .md, .mmd or .dot (or --format)"],
      [[file, '--max-nodes', 'many'], "--max-nodes got 'many'; expected a whole number"],
      [[file, '--collapse-depth', '-1'], "--collapse-depth got '-1'; expected a whole number"],
    ];
    for (const [args, message] of cases) expect(run(...args)).toEqual({ code: 2, out: '', err: `cdk8s-kfp-dag: ${message}\n` });
  });

  test('bad input exits 1 with the reason', () => {
    const missing = path.join(dir, 'missing.yaml');
    expect(run(missing).err).toMatch(new RegExp(`^cdk8s-kfp-dag: CompiledPipeline.fromFile: cannot read '${missing}': ENOENT`));
    const workflow = path.join(dir, 'workflow.yaml');
    fs.writeFileSync(workflow, 'apiVersion: argoproj.io/v1alpha1\nkind: Workflow\n');
    expect(run(workflow)).toEqual({ code: 1, out: '', err: `cdk8s-kfp-dag: CompiledPipeline: ${workflow} has no PipelineSpec document (expected a document with 'pipelineInfo' and 'root')\n` });
    expect(run(file, '--max-nodes', '0')).toEqual({ code: 1, out: '', err: 'cdk8s-kfp-dag: PipelineDag: maxNodes is 0; expected an integer from 1 to 2000\n' });
    const unwritable = path.join(dir, 'no-such-dir', 'q.svg');
    expect(run(file, '-o', unwritable)).toMatchObject({ code: 1, err: expect.stringMatching(new RegExp(`^cdk8s-kfp-dag: cannot write '${unwritable}': ENOENT`)) });
  });
});

// The command as installed: the compiled lib/, run by node (CI builds lib/ before the tests).
const BIN = path.resolve(__dirname, '..', '..', 'lib', 'bin', 'cdk8s-kfp-dag.js');
const built = fs.existsSync(BIN);
if (!built && process.env.CI !== 'true') process.stdout.write(`cdk8s-kfp-dag from lib/: skipped (${BIN} not built; run npx projen compile)\n`);

(built || process.env.CI === 'true' ? test : test.skip)('the built bin draws a pipeline file from lib/', () => {
  expect(fs.existsSync(BIN)).toBe(true);
  expect(fs.readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  const out = path.join(dir, 'from-lib.svg');
  const r = spawnSync(process.execPath, [BIN, file, '-o', out], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(fs.readFileSync(out, 'utf8')).toContain('<g id="task:train&#45;model" class="node task">');
  const bad = spawnSync(process.execPath, [BIN], { encoding: 'utf8' });
  expect([bad.status, bad.stderr]).toEqual([2, 'cdk8s-kfp-dag: expected a pipeline file (see --help)\n']);
});
