// app.synth() writes each pipeline's pictures beside its file, unless turned off.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { CompiledPipeline, Component, Pipeline, PipelineDag } from '../../src';

const hello = Component.container({ name: 'hello', image: 'alpine:3.20', command: ['echo', 'hello'] });

function synth(build: (app: App) => void): { files: string[]; read: (f: string) => string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kfp-pictures-'));
  const app = new App({ outdir: dir });
  build(app);
  app.synth();
  const files = fs.readdirSync(dir).sort();
  const texts = new Map(files.map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
  fs.rmSync(dir, { recursive: true, force: true });
  return { files, read: (f) => texts.get(f)! };
}

test('app.synth() writes <name>.pipeline.md (a Mermaid page) and <name>.pipeline.svg beside <name>.pipeline.yaml', () => {
  let p!: Pipeline;
  const out = synth((app) => {
    p = new Pipeline(app, 'hello-pipeline', { description: 'Says hello.' });
    p.task('hello', hello).after(p.task('first', hello));
  });
  expect(out.files).toEqual(['hello-pipeline.pipeline.md', 'hello-pipeline.pipeline.svg', 'hello-pipeline.pipeline.yaml']);
  const md = out.read('hello-pipeline.pipeline.md');
  expect(md).toBe(PipelineDag.toMarkdown(p.toIr()));
  expect(md).toContain('# hello-pipeline\n\nSays hello.\n\n```mermaid\nflowchart TB\n');
  expect(md).toContain('t1 -.->|"after"| t2');
  expect(out.read('hello-pipeline.pipeline.svg')).toBe(p.toSvg());
  expect(p.toMermaid()).toBe(PipelineDag.toMermaid(p.toIr()));
  // The pictures are drawn from the file that was written: a CompiledPipeline of it draws the same.
  const compiled = CompiledPipeline.fromYaml(out.read('hello-pipeline.pipeline.yaml'));
  expect(compiled.toSvg()).toBe(out.read('hello-pipeline.pipeline.svg'));
  expect(PipelineDag.toMarkdown(compiled.toIr())).toBe(md);
});

test('writePictures: false writes the pipeline file alone; writeFile: false writes nothing', () => {
  const out = synth((app) => {
    new Pipeline(app, 'plain', { writePictures: false }).task('hello', hello);
    new Pipeline(app, 'sub', { writeFile: false }).task('hello', hello);
  });
  expect(out.files).toEqual(['plain.pipeline.yaml']);
});

test('pictures take options', () => {
  const app = new App({ outdir: '/nonexistent' });
  const p = new Pipeline(app, 'many', { writeFile: false });
  for (let i = 0; i < 5; i++) p.task(`t${i}`, hello);
  expect(p.toMermaid({ maxNodes: 3 })).toContain('… 3 more tasks');
  expect(p.toSvg({ maxNodes: 3 })).toContain('… 3 more tasks');
  const compiled = CompiledPipeline.fromObjects(p.toIr());
  expect(compiled.toMermaid({ maxNodes: 3 })).toBe(p.toMermaid({ maxNodes: 3 }));
  expect(compiled.toSvg({ maxNodes: 3 })).toBe(p.toSvg({ maxNodes: 3 }));
});
