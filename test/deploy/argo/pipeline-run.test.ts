import { App, Chart, Testing } from 'cdk8s';
import { compileToArgo } from '../../../src/compiler/argo';
import { PipelineRun, PipelineTemplate } from '../../../src/deploy/argo';
import { CompiledPipeline } from '../../../src/pipeline/source';
import { helloIr, paramsIr } from '../../compiler/argo/fixtures';
import { validateManifests } from '../../util/validate';

function app(): { app: App; chart: Chart } {
  const a = Testing.app();
  return { app: a, chart: new Chart(a, 'argo', { namespace: 'team-a' }) };
}

function synth(a: App): any[] {
  a.synth();
  return a.charts.flatMap((c) => Testing.synth(c));
}

function synthError(a: App): string {
  try {
    a.synth();
    return '';
  } catch (e: any) {
    return e.message;
  }
}

const hello = () => CompiledPipeline.fromObjects(helloIr());
const train = () => CompiledPipeline.fromObjects(paramsIr());

describe('PipelineRun', () => {
  test('a Workflow compiled like the KFP API server compiles a run, with a content-addressed name', async () => {
    const { app: a, chart } = app();
    new PipelineRun(chart, 'run', { pipeline: train(), parameters: { epochs: 5 } });
    const [wf] = synth(a);
    const compiled = compileToArgo(paramsIr(), undefined, { parameterValues: { epochs: 5 } });
    expect(wf.apiVersion).toBe('argoproj.io/v1alpha1');
    expect(wf.kind).toBe('Workflow');
    expect(wf.metadata.namespace).toBe('team-a');
    expect(wf.metadata.name).toMatch(/^train-pipeline-[0-9a-f]{10}$/);
    expect(wf.metadata.generateName).toBeUndefined();
    expect(wf.spec.arguments).toEqual(compiled.spec.arguments);
    expect(wf.spec.serviceAccountName).toBe('pipeline-runner');
    // the API server's istio opt-out on every template
    for (const t of wf.spec.templates) expect(t.metadata.annotations['sidecar.istio.io/inject']).toBe('false');
    expect(wf.metadata.labels?.['pipeline/runid']).toBeUndefined();
    await validateManifests([wf]);
  });

  test('the name is stable for the same content and changes with parameters', () => {
    const names = [{ epochs: 5 }, { epochs: 5 }, { epochs: 6 }].map((parameters) => {
      const { app: a, chart } = app();
      new PipelineRun(chart, 'run', { pipeline: train(), parameters });
      return synth(a)[0].metadata.name;
    });
    expect(names[0]).toBe(names[1]);
    expect(names[2]).not.toBe(names[0]);
  });

  test('explicit name, namespace, service account, labels and compiler options', async () => {
    const { app: a, chart } = app();
    const run = new PipelineRun(chart, 'run', {
      pipeline: hello(),
      name: 'echo-2026-11-22',
      namespace: 'kubeflow-user',
      serviceAccountName: 'default-editor',
      labels: { team: 'ml' },
      disableIstioSidecar: false,
      compileOptions: { pipelineRoot: 's3://artifacts/echo', cacheDisabled: true, serviceAccountName: 'ignored' },
    });
    const [wf] = synth(a);
    expect(run.workflowName).toBe('echo-2026-11-22');
    expect(wf.metadata).toEqual({ name: 'echo-2026-11-22', namespace: 'kubeflow-user', labels: { team: 'ml' } });
    expect(wf.spec.serviceAccountName).toBe('default-editor');
    const rootDriver = wf.spec.templates.find((t: any) => t.name === 'entrypoint').dag.tasks[0];
    expect(rootDriver.arguments.parameters[1].value).toBe('{"gcsOutputDirectory":"s3://artifacts/echo"}');
    const driver = wf.spec.templates.find((t: any) => t.name === 'system-dag-driver');
    expect(driver.container.args).toContain('--cache_disabled=true');
    expect(driver.metadata.annotations['sidecar.istio.io/inject']).toBeUndefined();
    await validateManifests([wf]);
  });

  test('unknown parameters, wrong types and missing required values fail synth with the construct path', () => {
    const { app: a, chart } = app();
    new PipelineRun(chart, 'run', { pipeline: train(), parameters: { epochs: 'many', colour: 'red' } });
    const message = synthError(a);
    expect(message).toContain("PipelineRun argo/run: pipeline parameter 'epochs' is NUMBER_INTEGER, expected an integer, got \"many\"");
    expect(message).toContain("PipelineRun argo/run: unknown pipeline parameter 'colour'; the pipeline's parameters are: epochs, lr, mode, note");

    const b = app();
    new PipelineRun(b.chart, 'run', { pipeline: train() });
    expect(synthError(b.app)).toContain("PipelineRun argo/run: pipeline parameter 'epochs' (NUMBER_INTEGER) is required and has no default value");
  });

  test('a pipeline the backend cannot compile fails synth with the construct path', () => {
    const ir = helloIr();
    ir.root.dag.tasks.echo.artifactIterator = { itemInput: 'x' };
    const { app: a, chart } = app();
    new PipelineRun(chart, 'run', { pipeline: CompiledPipeline.fromObjects(ir) });
    expect(synthError(a)).toContain("PipelineRun argo/run: compileToArgo: pipeline 'echo': DAG 'root': task 'echo' iterates over artifacts");
  });

  test('bad props fail at construction', () => {
    const { chart } = app();
    expect(() => new PipelineRun(chart, 'a', { pipeline: hello(), name: 'Echo_Run' })).toThrow(
      "PipelineRun argo/a: name \"Echo_Run\" is not a valid PipelineRun name (expected lower-case letters, digits, '-' and '.', at most 63 characters)");
    expect(() => new PipelineRun(chart, 'b', { pipeline: {} as any })).toThrow(
      "PipelineRun argo/b: 'pipeline' must be a pipeline (a Pipeline, CompiledPipeline or PublishedPipeline), got {}");
    expect(() => new PipelineRun(chart, 'c', { pipeline: hello(), parameters: [] as any })).toThrow(
      'PipelineRun argo/c: parameters must be an object of values by parameter name, got []');
    expect(() => new PipelineRun(chart, 'd', { pipeline: hello(), serviceAccountName: 'Bad SA' })).toThrow(
      'PipelineRun argo/d: serviceAccountName "Bad SA" is not a valid ServiceAccount name');
    expect(() => new PipelineRun(chart, 'e', { pipeline: hello(), namespace: 'Team_A' })).toThrow(
      'PipelineRun argo/e: namespace "Team_A" is not a valid namespace name');
  });
});

describe('PipelineTemplate', () => {
  test('a WorkflowTemplate named after the pipeline', async () => {
    const { app: a, chart } = app();
    const t = new PipelineTemplate(chart, 'tmpl', { pipeline: train(), parameters: { epochs: 2 } });
    const [wt] = synth(a);
    expect(t.templateName).toBe('train-pipeline');
    expect(wt.kind).toBe('WorkflowTemplate');
    expect(wt.metadata).toEqual({ name: 'train-pipeline', namespace: 'team-a' });
    expect(wt.spec.entrypoint).toBe('entrypoint');
    expect(wt.spec.arguments).toEqual(compileToArgo(paramsIr(), undefined, { parameterValues: { epochs: 2 } }).spec.arguments);
    await validateManifests([wt]);
  });

  test('parameter problems fail synth with the construct path', () => {
    const { app: a, chart } = app();
    new PipelineTemplate(chart, 'tmpl', { pipeline: train(), parameters: { epochs: 2, lr: '0.1' } });
    expect(synthError(a)).toContain("PipelineTemplate argo/tmpl: pipeline parameter 'lr' is NUMBER_DOUBLE, expected a number, got \"0.1\"");
  });
});
