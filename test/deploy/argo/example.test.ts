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
    expect(run.metadata.name).toMatch(/^quickstart-[0-9a-f]{10}$/);
    expect(template.metadata.name).toBe('quickstart');
    expect(cron.metadata.name).toBe('quickstart-nightly');
    // The run-time config the root driver gets: declared defaults overridden by the run's values.
    const runtimeConfig = (wf: any) => JSON.parse(wf.templates.find((t: any) => t.name === 'entrypoint').dag.tasks[0].arguments.parameters[1].value);
    expect(runtimeConfig(run.spec).parameterValues).toMatchObject({ n_estimators: 300, accuracy_threshold: 0.9, label_column: 'species' });
    expect(runtimeConfig(template.spec).parameterValues).toMatchObject({ n_estimators: 200, accuracy_threshold: 0.9 });
    expect(runtimeConfig(cron.spec.workflowSpec).parameterValues).toMatchObject({ n_estimators: 200, accuracy_threshold: 0.95 });
    // The pipeline's tasks are all there: load, train, evaluate, and the deploy condition.
    const dag = run.spec.templates.find((t: any) => t.name === 'root').dag.tasks.map((t: any) => t.name);
    expect(dag).toEqual(expect.arrayContaining(['load-data', 'train-model', 'evaluate-model', 'condition-1']));
    await validateManifests(objects);
  });
});
