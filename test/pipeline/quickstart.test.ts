// The quickstart example: load -> train -> evaluate -> deploy when accuracy passes the threshold.
import * as fs from 'fs';
import { App } from 'cdk8s';
import { addQuickstartPipeline } from '../../examples/quickstart/pipeline';
import { tempDir } from '../util/tmp';

test('the quickstart pipeline synthesizes its IR file', () => {
  const outdir = tempDir('quickstart-');
  const app = new App({ outdir });
  const p = addQuickstartPipeline(app);
  app.synth();
  expect(fs.readdirSync(outdir).sort()).toEqual(['quickstart.pipeline.md', 'quickstart.pipeline.svg', 'quickstart.pipeline.yaml']);
  fs.rmSync(outdir, { recursive: true, force: true });
  const ir = p.toIr();
  expect(Object.keys(ir.root.dag.tasks).sort()).toEqual(['condition-1', 'evaluate-model', 'load-data', 'train-model']);
  expect(ir.root.dag.tasks['condition-1'].triggerPolicy.condition).toBe(
    "inputs.parameter_values['pipelinechannel--evaluate-model-Output'] >= inputs.parameter_values['pipelinechannel--accuracy_threshold']",
  );
  expect(ir.components['comp-condition-1'].dag.tasks['deploy-model'].retryPolicy.maxRetryCount).toBe(3);
  expect(ir.components['comp-train-model'].outputDefinitions.artifacts.model.artifactType.schemaTitle).toBe('system.Model');
  expect(ir.components['comp-evaluate-model'].outputDefinitions.artifacts.metrics.artifactType.schemaTitle).toBe('system.Metrics');
  expect(ir.deploymentSpec.executors['exec-train-model'].container.resources).toMatchObject({ resourceCpuLimit: '2', resourceMemoryLimit: '4Gi' });
});

test('the quickstart pipeline can be added under another name (other examples reuse it)', () => {
  const app = new App({ outdir: tempDir('quickstart-') });
  expect(addQuickstartPipeline(app, 'qs', { name: 'nightly-quickstart' }).pipelineName).toBe('nightly-quickstart');
});
