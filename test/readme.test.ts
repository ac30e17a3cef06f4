// The README's first TypeScript example must keep compiling and synthesizing against the real API.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

const root = path.resolve(__dirname, '..');

function readmeExample(): string {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const match = readme.match(/```ts\n([\s\S]*?)```/);
  if (!match) throw new Error('README.md has no ```ts example');
  return match[1];
}

describe('README example', () => {
  test('synthesizes and writes the pipeline file it promises', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-'));
    const file = path.join(root, 'test', '.readme-example.tmp.ts');
    const code = readmeExample().replace("from 'cdk8s-kfp'", `from ${JSON.stringify(path.join(root, 'src'))}`);
    fs.writeFileSync(file, code);
    try {
      execFileSync(path.join(root, 'node_modules', '.bin', 'ts-node'), ['--project', path.join(root, 'test', 'tsconfig.json'), file], {
        cwd: root,
        env: { ...process.env, CDK8S_OUTDIR: dir },
        stdio: 'pipe',
      });
    } finally {
      fs.rmSync(file, { force: true });
    }
    const text = fs.readFileSync(path.join(dir, 'train.pipeline.yaml'), 'utf8');
    fs.rmSync(dir, { recursive: true, force: true });
    expect(text.startsWith('# PIPELINE DEFINITION\n# Name: train\n')).toBe(true);
    const ir = parseAllDocuments(text)[0].toJSON();
    expect(ir.root.dag.tasks['condition-1'].triggerPolicy.condition).toBe(
      "inputs.parameter_values['pipelinechannel--train-model-Output'] >= inputs.parameter_values['pipelinechannel--threshold']");
    expect(ir.root.dag.tasks['train-model'].inputs.parameters.epochs.runtimeValue.constant).toBe(20);
  });
});
