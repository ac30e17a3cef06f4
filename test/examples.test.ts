// Every example app, synthesized the way `npm run examples` does: every object must pass schema
// validation and every pipeline file must be a stable kfp pipeline file.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { CompiledPipeline, PipelineDag, renderPipelineFile } from '../src';
import { expectComplete, irStructure, readMermaid, readSvg } from './dag/structure';
import { CERT_MANAGER_CRDS } from './install/helpers';
import { KUEUE_CRDS } from './platform/kueue-crds';
import { validateManifests } from './util/validate';

const root = path.resolve(__dirname, '..');
const apps = fs.readdirSync(path.join(root, 'examples'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(root, 'examples', d.name, 'main.ts')))
  .map((d) => d.name)
  .sort();

describe('examples', () => {
  let out: string;
  let files: string[];

  beforeAll(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'examples-'));
    execFileSync(process.execPath, [path.join(root, 'scripts', 'synth-examples.js')], {
      cwd: root,
      env: { ...process.env, EXAMPLES_OUT: out },
      stdio: 'pipe',
    });
    files = fs.readdirSync(out).sort();
  }, 600_000);

  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  test('every app writes its chart manifests', () => {
    expect(apps.length).toBeGreaterThanOrEqual(7);
    for (const app of ['quickstart', 'argo-run', 'gitops', 'kfp-standalone', 'kfp-external', 'gpu-training', 'production']) {
      expect(apps).toContain(app);
    }
    expect(files.filter((f) => f.endsWith('.k8s.yaml')).length).toBeGreaterThanOrEqual(6);
    expect(files).toContain('quickstart.pipeline.yaml');
    expect(files).toContain('kfp-standalone.k8s.yaml');
  });

  test('every synthesized object passes schema validation', async () => {
    const objects = files.filter((f) => f.endsWith('.k8s.yaml')).flatMap((f) =>
      parseAllDocuments(fs.readFileSync(path.join(out, f), 'utf8')).map((d) => d.toJSON()).filter((o) => o !== null));
    expect(objects.length).toBeGreaterThan(100);
    // cert-manager and Kueue publish no schema package: their CRD facts live with the tests.
    await validateManifests(objects, { crds: [...CERT_MANAGER_CRDS, ...KUEUE_CRDS] });
  });

  test('every pipeline file is a kfp pipeline file that re-renders byte for byte', () => {
    const pipelines = files.filter((f) => f.endsWith('.pipeline.yaml'));
    expect(pipelines.length).toBeGreaterThanOrEqual(2);
    for (const f of pipelines) {
      const text = fs.readFileSync(path.join(out, f), 'utf8');
      const p = CompiledPipeline.fromYaml(text, f);
      expect(`${p.pipelineName}.pipeline.yaml`).toBe(f);
      expect(renderPipelineFile(p.toIr(), p.toPlatformSpec())).toBe(text);
    }
  });

  test('every pipeline file has its pictures beside it, showing every task and dependency', () => {
    const pipelines = files.filter((f) => f.endsWith('.pipeline.yaml'));
    for (const f of pipelines) {
      const base = f.slice(0, -'.yaml'.length);
      expect(files).toEqual(expect.arrayContaining([`${base}.md`, `${base}.svg`]));
      const ir = CompiledPipeline.fromYaml(fs.readFileSync(path.join(out, f), 'utf8'), f).toIr();
      const md = fs.readFileSync(path.join(out, `${base}.md`), 'utf8');
      const svg = fs.readFileSync(path.join(out, `${base}.svg`), 'utf8');
      expect(md).toBe(PipelineDag.toMarkdown(ir));
      expect(svg).toBe(PipelineDag.toSvg(ir));
      const s = irStructure(ir);
      expectComplete(readMermaid(/```mermaid\n([\s\S]*?)```/.exec(md)![1], s), s, `${base}.md`);
      expectComplete(readSvg(svg), s, `${base}.svg`);
    }
  });
});
