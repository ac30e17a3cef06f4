import { App, Chart } from 'cdk8s';
import { addQuickstartPipeline } from '../../examples/quickstart/pipeline';
import { compileToArgo } from '../../src';
import { validateManifests } from '../util/validate';

describe('Pipeline.toArgoWorkflow', () => {
  test('is the Argo compile of the pipeline\'s own IR and PlatformSpec', async () => {
    const pipeline = addQuickstartPipeline(new Chart(new App(), 'c'));
    const wf = pipeline.toArgoWorkflow({ pipelineRoot: 's3://bucket/root' });
    expect(wf).toEqual(compileToArgo(pipeline.toIr(), pipeline.toPlatformSpec(), { pipelineRoot: 's3://bucket/root' }));
    expect(wf.kind).toBe('Workflow');
    expect(wf.metadata.generateName).toBe('quickstart-');
    expect(wf.spec.templates.map((t: any) => t.name)).toContain('comp-condition-1');
    await validateManifests([wf]);
  });

  test('checks run parameters against the pipeline\'s inputs', () => {
    const pipeline = addQuickstartPipeline(new Chart(new App(), 'c'));
    expect(() => pipeline.toArgoWorkflow({ parameterValues: { no_such_param: 1 } })).toThrow(/no_such_param/);
  });
});
