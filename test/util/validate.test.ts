import { manifestErrors, validateManifests } from './validate';

const deployment = (container: any) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'kubeflow' },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [container] } },
  },
});

const workflow = (templates: any[]) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Workflow',
  metadata: { generateName: 'hello-' },
  spec: { entrypoint: 'main', templates },
});

const crd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    names: { kind: 'Widget', plural: 'widgets', singular: 'widget', listKind: 'WidgetList' },
    scope: 'Namespaced',
    versions: [{
      name: 'v1',
      served: true,
      storage: true,
      schema: {
        openAPIV3Schema: {
          type: 'object',
          properties: {
            spec: {
              type: 'object',
              required: ['size'],
              properties: { size: { type: 'integer' }, port: { 'x-kubernetes-int-or-string': true } },
            },
          },
        },
      },
    }],
  },
};

describe('validateManifests', () => {
  test('accepts a valid Deployment', async () => {
    await expect(validateManifests([deployment({ name: 'web', image: 'nginx:1.27' })])).resolves.toBeUndefined();
  });

  test('rejects an invalid Deployment, naming the object and the failing field', async () => {
    const errors = await manifestErrors([deployment({ name: 'web', image: 42 })]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('apps/v1 Deployment kubeflow/web');
    expect(errors[0]).toContain('/spec/template/spec/containers/0/image must be string');
  });

  test('accepts a valid Argo Workflow without container names (Argo does not require them)', async () => {
    await expect(validateManifests([workflow([{ name: 'main', container: { image: 'alpine:3' } }])])).resolves.toBeUndefined();
  });

  test('rejects an invalid Argo Workflow, naming the object and the failing field', async () => {
    const errors = await manifestErrors([workflow([{ name: 'main', container: { image: 'alpine:3' }, retryStrategy: { limit: [] } }])]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('argoproj.io/v1alpha1 Workflow hello-');
    expect(errors[0]).toContain('/spec/templates/0/retryStrategy/limit');
  });

  test('rejects a kind with no known schema', async () => {
    const errors = await manifestErrors([{ apiVersion: 'example.com/v9', kind: 'Gadget', metadata: { name: 'g' } }]);
    expect(errors).toEqual([
      "example.com/v9 Gadget g: no schema is known for example.com/v9 Gadget; ship its CRD or list it in 'unvalidated'",
    ]);
    await expect(validateManifests([{ apiVersion: 'example.com/v9', kind: 'Gadget', metadata: { name: 'g' } }]))
      .rejects.toThrow(/1 invalid manifest\(s\):\n {2}example.com\/v9 Gadget g: no schema is known/);
  });

  test('a kind named as unvalidated on purpose passes', async () => {
    await expect(validateManifests(
      [{ apiVersion: 'example.com/v9', kind: 'Gadget', metadata: { name: 'g' } }],
      { unvalidated: ['example.com/Gadget'] },
    )).resolves.toBeUndefined();
  });

  test('validates custom resources against a CRD schema', async () => {
    const good = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 3, port: 'http' } };
    const bad = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'v' }, spec: { size: 'big' } };
    expect(await manifestErrors([crd, good])).toEqual([]);
    const errors = await manifestErrors([bad], { crds: [crd] });
    expect(errors).toEqual(['example.com/v1 Widget v: /spec/size must be integer']);
  });

  test('requires metadata.name', async () => {
    const errors = await manifestErrors([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: {} }]);
    expect(errors[0]).toContain('metadata.name (or metadata.generateName) is required');
  });
});

describe('validateManifests: Argo schema compatibility', () => {
  test('a workflow with volumeClaimTemplates lacking apiVersion/kind is valid, as in Argo', async () => {
    const wf = workflow([{ name: 'main', container: { image: 'alpine:3' } }]);
    (wf.spec as any).volumeClaimTemplates = [{ metadata: { name: 'kfp-workspace' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }];
    await expect(validateManifests([wf])).resolves.toBeUndefined();
    expect((wf.spec as any).volumeClaimTemplates[0].kind).toBeUndefined();
  });
});
