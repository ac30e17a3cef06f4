// The oracle driver compiles a Python pipeline with the real kfp compiler and reports failures as data.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compileWithKfp, describeOracle } from './kfp-oracle';

describeOracle('kfp oracle driver', () => {
  let dir: string;
  beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfp-oracle-test-')); });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('compiles the pipeline named in the __main__ block, and reports a broken file', () => {
    const good = path.join(dir, 'good.py');
    fs.writeFileSync(good, [
      'from kfp import dsl',
      '@dsl.component',
      'def hello(name: str) -> str:',
      '    return name',
      '@dsl.pipeline(name="p-unused")',
      'def unused():',
      '    hello(name="x")',
      '@dsl.pipeline(name="hello-pipeline")',
      'def main_pipeline(name: str = "world"):',
      '    hello(name=name)',
      'if __name__ == "__main__":',
      '    from kfp import compiler',
      '    compiler.Compiler().compile(pipeline_func=main_pipeline, package_path="x.yaml")',
      '',
    ].join('\n'));
    const bad = path.join(dir, 'bad.py');
    fs.writeFileSync(bad, 'raise RuntimeError("boom")\n');
    const [ok, failed] = compileWithKfp([
      { py: good, out: path.join(dir, 'good.yaml') },
      { py: bad, out: path.join(dir, 'bad.yaml') },
    ]);
    expect(ok.ok).toBe(true);
    const text = fs.readFileSync(path.join(dir, 'good.yaml'), 'utf8');
    expect(text).toContain('name: hello-pipeline');
    expect(text).toContain('sdkVersion: kfp-2.17.0');
    expect(failed.error).toBe('RuntimeError: boom');
  });
});
