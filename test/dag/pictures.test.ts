// The pictures of every example pipeline, and of every upstream IR file (kfp SDK goldens, the
// backend's IR test files and the kfp corpus), show every task, group and dependency of the IR.
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { expectComplete, irStructure, readMermaid, readSvg } from './structure';
import { buildArgoRunApp } from '../../examples/argo-run/app';
import { buildGitopsApp } from '../../examples/gitops/app';
import { addGpuTrainingExample } from '../../examples/gpu-training/app';
import { buildProductionApp } from '../../examples/production/app';
import { addQuickstartPipeline } from '../../examples/quickstart/pipeline';
import { Pipeline, PipelineDag } from '../../src';
import { readIrFile } from '../compiler/argo/ir-files';
import { describeConformance, printScore, ref } from '../conformance/reference';
import { CORPUS_DIR } from '../oracle/kfp-oracle';

/** Every Pipeline construct the example apps build. */
function examplePipelines(): Pipeline[] {
  const app = new App({ outdir: '/nonexistent' });
  addQuickstartPipeline(app, 'qs');
  buildArgoRunApp(app);
  buildGitopsApp(app);
  addGpuTrainingExample(app);
  buildProductionApp(app);
  return app.node.findAll().filter((c): c is Pipeline => c instanceof Pipeline);
}

function checkPictures(ir: any, where: string): { tasks: number; deps: number } {
  const s = irStructure(ir);
  expectComplete(readMermaid(PipelineDag.toMermaid(ir), s), s, `${where} (Mermaid)`);
  expectComplete(readSvg(PipelineDag.toSvg(ir)), s, `${where} (SVG)`);
  return { tasks: s.tasks.size, deps: s.deps.size };
}

test('the pictures of every example pipeline show every task and dependency', () => {
  const pipelines = examplePipelines();
  expect(pipelines.map((p) => p.pipelineName).sort()).toEqual(expect.arrayContaining(['gpu-training', 'quickstart']));
  expect(pipelines.length).toBeGreaterThanOrEqual(4);
  for (const p of pipelines) checkPictures(p.toIr(), p.node.path);
});

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? yamlFiles(path.join(dir, e.name)) : e.name.endsWith('.yaml') ? [path.join(dir, e.name)] : []))
    .sort();
}

describeConformance('pictures of upstream IR', () => {
  test('every kfp-compiled IR file draws with every task, group and dependency', () => {
    const dirs = [ref('kfp-ir', 'cases'), ref('kfp-backend', 'compiled-workflows', 'ir')];
    if (CORPUS_DIR) dirs.push(path.join(CORPUS_DIR, 'valid'));
    else process.stdout.write('pictures of upstream IR: the kfp corpus (../shared/oracle) is missing; drawing the reference only\n');
    let files = 0;
    let tasks = 0;
    let deps = 0;
    let groups = 0;
    for (const file of dirs.flatMap(yamlFiles)) {
      const { ir } = readIrFile(file);
      if (!ir?.root?.dag) continue;
      const n = checkPictures(ir, file);
      files++;
      tasks += n.tasks;
      deps += n.deps;
      groups += [...irStructure(ir).tasks.values()].filter((t) => t.dag).length;
    }
    printScore(`pipeline pictures: ${files}/${files} upstream IR files drawn with every task (${tasks}, ${groups} of them groups) and dependency (${deps}), in Mermaid and SVG`);
    expect(files).toBeGreaterThan(250);
    expect(groups).toBeGreaterThan(100);
  });
});
