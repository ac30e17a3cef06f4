import { Testing } from 'cdk8s';
import { buildArgoRunApp } from '../../../examples/argo-run/app';
import { validateManifests } from '../../util/validate';

describe('examples/argo-run', () => {
  test('synthesizes a Workflow, a WorkflowTemplate and a CronWorkflow that pass schema validation', async () => {
    const app = Testing.app();
    const chart = buildArgoRunApp(app);
    app.synth();
    const objects = Testing.synth(chart);
    expect(objects.map((o) => o.kind)).toEqual(['Workflow', 'WorkflowTemplate', 'CronWorkflow']);
    const [run, template, cron] = objects;
    expect(run.metadata.name).toMatch(/^hello-pipeline-[0-9a-f]{10}$/);
    expect(template.metadata.name).toBe('hello-pipeline');
    expect(cron.metadata.name).toBe('hello-pipeline-nightly');
    const runtimeConfig = (wf: any) => wf.templates.find((t: any) => t.name === 'entrypoint').dag.tasks[0].arguments.parameters[1].value;
    expect(runtimeConfig(run.spec)).toBe('{"parameterValues":{"recipient":"GitOps"}}');
    expect(runtimeConfig(template.spec)).toBe('{"parameterValues":{"recipient":"World"}}');
    expect(runtimeConfig(cron.spec.workflowSpec)).toBe('{"parameterValues":{"recipient":"night shift"}}');
    await validateManifests(objects);
  });
});
