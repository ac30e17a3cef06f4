/**
 * The gpu-training example: every object passes its schema, and in the pipeline's IR the GPU task's
 * accelerator, node selector, tolerations and queue label match the pool, the queue and the tenant.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { KUEUE_CRDS } from './kueue-crds';
import { addGpuTrainingExample } from '../../examples/gpu-training/app';
import { TaintEffect } from '../../src/platform';
import { CERT_MANAGER_CRDS } from '../install/helpers';
import { validateManifests } from '../util/validate';

function build() {
  const app = Testing.app();
  const example = addGpuTrainingExample(app);
  return { app, ...example };
}

describe('examples/gpu-training', () => {
  test('every synthesized object passes validateManifests (Karpenter, Kubernetes, Kueue CRD facts)', async () => {
    const { chart } = build();
    const objects = Testing.synth(chart);
    await validateManifests(objects, { crds: KUEUE_CRDS });
    const kinds = objects.map((o) => o.kind).sort();
    expect(kinds).toEqual([
      'ClusterQueue', 'ConfigMap', 'ConfigMap', 'DaemonSet', 'LimitRange', 'LocalQueue', 'Namespace', 'NodePool', 'PriorityClass', 'PriorityClass',
      'ResourceFlavor', 'ResourceQuota', 'Role', 'Role', 'Role', 'RoleBinding', 'RoleBinding', 'RoleBinding', 'ServiceAccount',
      'WorkflowTemplate', 'WorkloadPriorityClass', 'WorkloadPriorityClass',
    ]);
    const nodePool = objects.find((o) => o.kind === 'NodePool');
    expect(nodePool.spec.template.spec.requirements[0]).toEqual({ key: 'karpenter.k8s.aws/instance-gpu-name', operator: 'In', values: ['t4', 'a10g'] });
  });

  test('the GPU task\'s accelerator, node selector, tolerations and queue label match the pool', () => {
    const { pool, pipeline, tenant, queue } = build();
    const ir = pipeline.toIr();
    const platform = pipeline.toPlatformSpec();
    const train = ir.deploymentSpec.executors['exec-train-deep-model'].container;
    expect(train.resources).toMatchObject({
      accelerator: { resourceType: 'nvidia.com/gpu', resourceCount: '1' },
      resourceCpuRequest: '4',
      resourceMemoryRequest: '16Gi',
    });
    expect(train.resources.accelerator.resourceType).toBe(pool.acceleratorType);

    const k8s = platform.platforms.kubernetes.deploymentSpec.executors['exec-train-deep-model'];
    expect(k8s.nodeSelector.labels).toEqual(pool.nodeSelector);
    for (const [key, value] of Object.entries<string>(k8s.nodeSelector.labels)) expect(pool.mayHaveLabel(key, value)).toBe(true);
    const repelling = pool.taints.filter((t) => t.effect !== TaintEffect.PREFER_NO_SCHEDULE);
    expect(repelling.length).toBeGreaterThan(0);
    for (const taint of repelling) {
      expect(k8s.tolerations).toContainEqual({ key: taint.key, operator: 'Exists', effect: taint.effect });
    }
    expect(k8s.podMetadata.labels['kueue.x-k8s.io/queue-name']).toBe(queue.localQueueName);

    // The data-prep task stays on CPU nodes: no accelerator, no GPU placement.
    expect(ir.deploymentSpec.executors['exec-prepare-data'].container.resources.accelerator).toBeUndefined();
    expect(platform.platforms.kubernetes.deploymentSpec.executors['exec-prepare-data']).toBeUndefined();

    // The tenant's own check agrees: quota, LimitRange, placement and queue all fit.
    expect(tenant.node.validate()).toEqual([]);
  });

  test('the LocalQueue the GPU task names exists in the ml-team namespace', () => {
    const { chart, queue } = build();
    const objects = Testing.synth(chart);
    const local = objects.find((o) => o.kind === 'LocalQueue');
    expect(local.metadata).toEqual({ name: queue.localQueueName, namespace: 'ml-team' });
    expect(objects.find((o) => o.kind === 'ClusterQueue').spec.namespaceSelector.matchExpressions[0].values).toEqual(['ml-team']);
  });

  test('the training pipeline runs in ml-team: a WorkflowTemplate as its runner, on the install\'s cluster-wide controller', async () => {
    const { app, chart, kfp, tenant } = build();
    app.synth();
    const objects = Testing.synth(chart);
    const template = objects.find((o) => o.kind === 'WorkflowTemplate');
    expect(template.metadata).toMatchObject({ name: 'gpu-training', namespace: 'ml-team' });
    expect(template.spec.serviceAccountName).toBe('pipeline-runner');
    expect(kfp.tenants).toEqual([tenant]);
    const install = Testing.synth(kfp.node.scope as any);
    const controller = install.find((o) => o.kind === 'Deployment' && o.metadata.name === 'workflow-controller');
    expect(controller.spec.template.spec.containers[0].args).not.toContain('--namespaced');
    const repositories = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'artifact-repositories');
    expect(repositories.metadata.namespace).toBe('ml-team');
    expect(repositories.data['default-namespaced']).toContain('name: ml-team-s3');
    await validateManifests([...objects, ...install], { crds: [...KUEUE_CRDS, ...CERT_MANAGER_CRDS] });
  });

  test('app.synth() writes the manifests and the pipeline file', () => {
    const { app } = build();
    app.synth();
    const files = fs.readdirSync(app.outdir).sort();
    expect(files).toEqual(['gpu-training-kfp.k8s.yaml', 'gpu-training.k8s.yaml', 'gpu-training.pipeline.md', 'gpu-training.pipeline.svg', 'gpu-training.pipeline.yaml']);
    const docs = parseAllDocuments(fs.readFileSync(path.join(app.outdir, 'gpu-training.pipeline.yaml'), 'utf8')).map((d) => d.toJSON());
    expect(docs[1].platforms.kubernetes.deploymentSpec.executors['exec-train-deep-model'].nodeSelector.labels).toEqual({ 'karpenter.sh/nodepool': 'gpu-training' });
  });
});
