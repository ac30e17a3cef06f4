// Kueue has no @kubernetes-models package: its objects are validated against the compact CRD-facts
// schemas in ./kueue-crds.ts (written from Kueue's v1beta1/v1beta2 API types), passed as `crds`.
import { Chart, Testing } from 'cdk8s';
import { KUEUE_CRDS } from './kueue-crds';
import {
  GpuAccelerator, GpuClusterQueue, GpuNodePool, KarpenterNodeClass, KueueApiVersion, PipelinePriorityClass,
  PreemptionPolicy, QueuePreemptionPolicy, QueueingStrategy, Tenant,
} from '../../src/platform';
import { manifestErrors, validateManifests } from '../util/validate';

function setup(apiVersion?: KueueApiVersion) {
  const c = new Chart(Testing.app(), 'platform');
  const pool = GpuNodePool.karpenter(c, 'gpu-t4', { accelerators: [GpuAccelerator.NVIDIA_T4], nodeClass: KarpenterNodeClass.ec2NodeClass('gpu') });
  const a100 = GpuNodePool.karpenter(c, 'gpu-a100', { accelerators: [GpuAccelerator.NVIDIA_A100_40GB], gpusPerNode: 8, nodeClass: KarpenterNodeClass.ec2NodeClass('gpu') });
  return { c, pool, a100, apiVersion };
}

describe('GpuClusterQueue', () => {
  test('one ResourceFlavor per pool, a ClusterQueue with each pool\'s quota, a LocalQueue per tenant (v1beta2)', async () => {
    const { c, pool, a100 } = setup();
    const queue = new GpuClusterQueue(c, 'gpu', {
      flavors: [
        { pool, gpus: 8, cpu: '64', memory: '256Gi' },
        { pool: a100, gpus: 16, cpu: '192', memory: '2Ti', gpuBorrowingLimit: 8 },
      ],
      cohort: 'ml',
      queueingStrategy: QueueingStrategy.STRICT_FIFO,
      preemption: { withinClusterQueue: QueuePreemptionPolicy.LOWER_PRIORITY, reclaimWithinCohort: QueuePreemptionPolicy.ANY },
    });
    new Tenant(c, 'team-a', { quota: { cpu: '8', memory: '32Gi' }, queues: [queue] });
    new Tenant(c, 'team-b', { quota: { cpu: '8', memory: '32Gi' }, queues: [queue] });
    const objects = Testing.synth(c);
    await validateManifests(objects, { crds: KUEUE_CRDS });

    const flavors = objects.filter((o) => o.kind === 'ResourceFlavor');
    expect(flavors.map((f) => f.apiVersion)).toEqual(['kueue.x-k8s.io/v1beta2', 'kueue.x-k8s.io/v1beta2']);
    expect(flavors[0]).toEqual({
      apiVersion: 'kueue.x-k8s.io/v1beta2',
      kind: 'ResourceFlavor',
      metadata: { name: 'gpu-t4' },
      spec: {
        nodeLabels: { 'karpenter.sh/nodepool': 'gpu-t4', 'karpenter.k8s.aws/instance-gpu-name': 't4' },
        nodeTaints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }],
      },
    });
    const cq = objects.find((o) => o.kind === 'ClusterQueue');
    expect(cq.spec).toEqual({
      cohortName: 'ml',
      namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['team-a', 'team-b'] }] },
      queueingStrategy: 'StrictFIFO',
      preemption: { withinClusterQueue: 'LowerPriority', reclaimWithinCohort: 'Any' },
      resourceGroups: [{
        coveredResources: ['cpu', 'memory', 'nvidia.com/gpu'],
        flavors: [
          { name: 'gpu-t4', resources: [{ name: 'cpu', nominalQuota: '64' }, { name: 'memory', nominalQuota: '256Gi' }, { name: 'nvidia.com/gpu', nominalQuota: '8' }] },
          { name: 'gpu-a100', resources: [{ name: 'cpu', nominalQuota: '192' }, { name: 'memory', nominalQuota: '2Ti' }, { name: 'nvidia.com/gpu', nominalQuota: '16', borrowingLimit: '8' }] },
        ],
      }],
    });
    const local = objects.filter((o) => o.kind === 'LocalQueue');
    expect(local.map((l) => [l.metadata.namespace, l.metadata.name, l.spec.clusterQueue])).toEqual([
      ['team-a', 'gpu', 'gpu'],
      ['team-b', 'gpu', 'gpu'],
    ]);
  });

  test('v1beta1 writes `cohort`, v1beta2 `cohortName`; the schema rejects the wrong one', async () => {
    for (const [version, field] of [[KueueApiVersion.V1BETA1, 'cohort'], [KueueApiVersion.V1BETA2, 'cohortName']] as const) {
      const { c, pool } = setup();
      const q = new GpuClusterQueue(c, 'gpu', { flavors: [{ pool, gpus: 1, cpu: '8', memory: '32Gi' }], cohort: 'ml', apiVersion: version });
      new Tenant(c, 'team', { quota: { cpu: '8', memory: '32Gi' }, queues: [q] });
      const objects = Testing.synth(c);
      await validateManifests(objects, { crds: KUEUE_CRDS });
      const cq = objects.find((o) => o.kind === 'ClusterQueue');
      expect(cq.apiVersion).toBe(version);
      expect(cq.spec[field]).toBe('ml');
      expect(objects.filter((o) => String(o.apiVersion).startsWith('kueue')).every((o) => o.apiVersion === version)).toBe(true);
    }
    const wrong = { apiVersion: 'kueue.x-k8s.io/v1beta2', kind: 'ClusterQueue', metadata: { name: 'x' }, spec: { cohort: 'ml' } };
    expect(await manifestErrors([wrong], { crds: KUEUE_CRDS })).toEqual([
      'kueue.x-k8s.io/v1beta2 ClusterQueue x: /spec must NOT have additional properties',
    ]);
  });

  test('queued pools label GPU task pods with the LocalQueue and the Kueue priority class', () => {
    const { c, pool } = setup();
    const training = PipelinePriorityClass.training(c, 'training', { kueue: true });
    new GpuClusterQueue(c, 'gpu', { flavors: [{ pool, gpus: 4, cpu: '32', memory: '128Gi' }], localQueueName: 'gpu-jobs', priorityClass: training });
    expect(pool.placementFor(1).podLabels).toEqual({ 'kueue.x-k8s.io/queue-name': 'gpu-jobs', 'kueue.x-k8s.io/priority-class': 'kfp-training' });
    expect(pool.localQueueName).toBe('gpu-jobs');
  });

  test('bad input fails with the path', () => {
    const { c, pool } = setup();
    expect(() => new GpuClusterQueue(c, 'q1', { flavors: [] })).toThrow('platform/q1: flavors is [] (expected at least one { pool, gpus, cpu, memory })');
    expect(() => new GpuClusterQueue(c, 'q2', { flavors: [{ pool, gpus: -1, cpu: '1', memory: '1Gi' }] }))
      .toThrow('platform/q2: flavors[0].gpus is -1 (expected a whole number of 0 or more)');
    expect(() => new GpuClusterQueue(c, 'q3', { flavors: [{ pool, gpus: 1, cpu: 'x', memory: '1Gi' }] }))
      .toThrow("platform/q3: flavors[0].cpu 'x' is not a valid quantity");
    expect(() => new GpuClusterQueue(c, 'q4', { flavors: [{ pool, gpus: 1, cpu: '1', memory: '1Gi', gpuBorrowingLimit: 2 }] }))
      .toThrow('platform/q4: flavors[0].gpuBorrowingLimit is set but the queue has no cohort (expected a cohort to borrow from)');
    expect(() => new GpuClusterQueue(c, 'Q5', { flavors: [{ pool, gpus: 1, cpu: '1', memory: '1Gi' }] }))
      .toThrow("platform/Q5: name 'Q5' is not a valid ClusterQueue name (expected a lowercase DNS subdomain)");
    expect(() => new GpuClusterQueue(c, 'q6', { flavors: [{ pool, gpus: 1, cpu: '1', memory: '1Gi' }], preemption: { withinClusterQueue: QueuePreemptionPolicy.ANY } }))
      .toThrow("platform/q6: preemption.withinClusterQueue is 'Any' (expected Never, LowerPriority or LowerOrNewerEqualPriority)");
    const plain = new PipelinePriorityClass(c, 'plain', { value: 10 });
    expect(() => new GpuClusterQueue(c, 'q7', { flavors: [{ pool, gpus: 1, cpu: '1', memory: '1Gi' }], priorityClass: plain }))
      .toThrow("platform/q7: priorityClass 'plain' has no Kueue WorkloadPriorityClass (expected a PipelinePriorityClass with kueue: true)");
  });

  test('a pool can be in one ClusterQueue only', () => {
    const { c, pool } = setup();
    const q1 = new GpuClusterQueue(c, 'q1', { flavors: [{ pool, gpus: 1, cpu: '1', memory: '1Gi' }] });
    void q1;
    expect(() => new GpuClusterQueue(c, 'q2', { flavors: [{ pool, gpus: 1, cpu: '1', memory: '1Gi' }] }))
      .toThrow("platform/q2: pool 'gpu-t4' (platform/gpu-t4) is already queued by platform/q1 (expected each pool in one ClusterQueue)");
  });

  test('a ClusterQueue no tenant uses fails synth', () => {
    const { c, pool } = setup();
    new GpuClusterQueue(c, 'gpu', { flavors: [{ pool, gpus: 1, cpu: '1', memory: '1Gi' }] });
    expect(() => Testing.synth(c)).toThrow("platform/gpu: ClusterQueue 'gpu' is used by no tenant");
  });

  test('two ClusterQueues with the same LocalQueue name in one tenant', () => {
    const { c, pool, a100 } = setup();
    const q1 = new GpuClusterQueue(c, 'q1', { flavors: [{ pool, gpus: 1, cpu: '1', memory: '1Gi' }], localQueueName: 'gpu' });
    const q2 = new GpuClusterQueue(c, 'q2', { flavors: [{ pool: a100, gpus: 8, cpu: '1', memory: '1Gi' }], localQueueName: 'gpu' });
    expect(() => new Tenant(c, 'team', { quota: { cpu: '1', memory: '1Gi' }, queues: [q1, q2] }))
      .toThrow("platform/team: ClusterQueues 'q1' and 'q2' both use LocalQueue name 'gpu' (expected distinct localQueueName values)");
  });
});

describe('PipelinePriorityClass', () => {
  test('training and serving presets, mirrored as Kueue WorkloadPriorityClasses', async () => {
    const c = new Chart(Testing.app(), 'platform');
    PipelinePriorityClass.training(c, 'training', { kueue: true });
    PipelinePriorityClass.serving(c, 'serving', { kueue: true, kueueApiVersion: KueueApiVersion.V1BETA1 });
    const objects = Testing.synth(c);
    await validateManifests(objects, { crds: KUEUE_CRDS });
    const pcs = objects.filter((o) => o.kind === 'PriorityClass');
    expect(pcs.map((p) => [p.metadata.name, p.value, p.preemptionPolicy, p.globalDefault])).toEqual([
      ['kfp-training', 1000, 'Never', false],
      ['kfp-serving', 100000, 'PreemptLowerPriority', false],
    ]);
    const wpcs = objects.filter((o) => o.kind === 'WorkloadPriorityClass');
    expect(wpcs.map((p) => [p.apiVersion, p.metadata.name, p.value])).toEqual([
      ['kueue.x-k8s.io/v1beta2', 'kfp-training', 1000],
      ['kueue.x-k8s.io/v1beta1', 'kfp-serving', 100000],
    ]);
  });

  test('custom class with preemption disabled', async () => {
    const c = new Chart(Testing.app(), 'platform');
    const p = new PipelinePriorityClass(c, 'batch-low', { value: 10, preemptionPolicy: PreemptionPolicy.NEVER, description: 'Low-priority batch' });
    expect(p.priorityClassName).toBe('batch-low');
    const objects = Testing.synth(c);
    await validateManifests(objects);
    expect(objects[0]).toMatchObject({ value: 10, preemptionPolicy: 'Never', description: 'Low-priority batch' });
  });

  test('bad input', () => {
    const c = new Chart(Testing.app(), 'platform');
    expect(() => new PipelinePriorityClass(c, 'system-high', { value: 10 }))
      .toThrow("platform/system-high: name 'system-high' starts with 'system-', which Kubernetes reserves (expected another name)");
    expect(() => new PipelinePriorityClass(c, 'huge', { value: 2000000000 }))
      .toThrow('platform/huge: value is 2000000000 (expected a whole number up to 1000000000)');
    expect(() => new PipelinePriorityClass(c, 'x', { value: 1, preemptionPolicy: 'Sometimes' as PreemptionPolicy }))
      .toThrow("platform/x: preemptionPolicy is 'Sometimes' (expected PreemptLowerPriority or Never)");
  });
});
