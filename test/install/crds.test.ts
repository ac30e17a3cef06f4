import { crdManifests } from '../../src/install/crds';
import { validateManifests } from '../util/validate';

describe('crdManifests', () => {
  const crds = crdManifests();

  test('ships the Argo, KFP controller and pipeline-store CRDs, each once', () => {
    const names = crds.map((c) => c.metadata.name).sort();
    expect(names).toEqual([
      'clusterworkflowtemplates.argoproj.io',
      'cronworkflows.argoproj.io',
      'pipelines.pipelines.kubeflow.org',
      'pipelineversions.pipelines.kubeflow.org',
      'scheduledworkflows.kubeflow.org',
      'viewers.kubeflow.org',
      'workflowartifactgctasks.argoproj.io',
      'workfloweventbindings.argoproj.io',
      'workflows.argoproj.io',
      'workflowtaskresults.argoproj.io',
      'workflowtasksets.argoproj.io',
      'workflowtemplates.argoproj.io',
    ]);
  });

  test('every CRD is a valid apiextensions.k8s.io/v1 object', async () => {
    await validateManifests(crds);
  });

  test('custom resources validate against the generated schemas', async () => {
    const pv = {
      apiVersion: 'pipelines.kubeflow.org/v2beta1',
      kind: 'PipelineVersion',
      metadata: { name: 'echo-v1', namespace: 'kubeflow' },
      spec: { pipelineName: 'echo', versionName: 'v1', pipelineSpec: { pipelineInfo: { name: 'echo' } } },
    };
    await validateManifests([pv]);
    await expect(validateManifests([{ ...pv, spec: { pipelineName: 'echo' } }])).rejects.toThrow(/pipelineSpec/);
    await expect(validateManifests([{ ...pv, spec: { ...pv.spec, versionName: 'Not_Valid' } }])).rejects.toThrow(/pattern/);
  });

  test('each call returns fresh objects', () => {
    const a = crdManifests();
    a[0].spec.group = 'changed';
    expect(crdManifests()[0].spec.group).not.toBe('changed');
  });
});
