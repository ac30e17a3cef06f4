// The pictures of every example pipeline, and of every upstream IR file (kfp SDK goldens, the
// backend's IR test files and the kfp corpus), show every task, group and dependency of the IR.
import { App } from 'cdk8s';
import { expectComplete, irStructure, readMermaid, readSvg } from './structure';
import { upstreamPipelines } from './upstream';
import { buildArgoRunApp } from '../../examples/argo-run/app';
import { buildGitopsApp } from '../../examples/gitops/app';
import { addGpuTrainingExample } from '../../examples/gpu-training/app';
import { buildProductionApp } from '../../examples/production/app';
import { addQuickstartPipeline } from '../../examples/quickstart/pipeline';
import { Pipeline, PipelineDag } from '../../src';
import { describeConformance, printScore } from '../conformance/reference';

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

describeConformance('pictures of upstream IR', () => {
  test('every kfp-compiled IR file draws with every task, group and dependency', () => {
    let files = 0;
    let tasks = 0;
    let deps = 0;
    let groups = 0;
    for (const { file, ir } of upstreamPipelines({ corpus: true })) {
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
