import { Chart, Duration, Testing } from 'cdk8s';
import {
  CapacityType, ConsolidationPolicy, DisruptionReason, ExistingPoolSelector, GpuAccelerator, GpuNodePool,
  KarpenterNodeClass, NvidiaDevicePlugin, TaintEffect,
} from '../../src/platform';
import { validateManifests } from '../util/validate';

function chart(): Chart {
  return new Chart(Testing.app(), 'platform');
}

function t4Pool(c: Chart, extra: any = {}): GpuNodePool {
  return GpuNodePool.karpenter(c, 'gpu-t4', {
    accelerators: [GpuAccelerator.NVIDIA_T4],
    nodeClass: KarpenterNodeClass.ec2NodeClass('gpu'),
    ...extra,
  });
}

describe('GpuNodePool.karpenter', () => {
  test('synthesizes a karpenter.sh/v1 NodePool that passes the Karpenter schema', async () => {
    const c = chart();
    GpuNodePool.karpenter(c, 'training', {
      name: 'gpu-training',
      accelerators: [GpuAccelerator.NVIDIA_T4, GpuAccelerator.NVIDIA_A10G],
      gpusPerNode: 4,
      nodeClass: KarpenterNodeClass.ec2NodeClass('gpu-al2023'),
      capacityTypes: [CapacityType.ON_DEMAND, CapacityType.SPOT],
      labels: { 'example.com/team': 'ml' },
      instanceTypes: ['g4dn.12xlarge', 'g5.12xlarge'],
      limits: { cpu: '256', memory: '1Ti', gpus: 16 },
      consolidationPolicy: ConsolidationPolicy.WHEN_EMPTY,
      consolidateAfter: Duration.minutes(15),
      budgets: [
        { nodes: '10%' },
        { nodes: '0', schedule: '0 9 * * mon-fri', duration: Duration.hours(8), reasons: [DisruptionReason.DRIFTED] },
      ],
      expireAfter: Duration.hours(336),
      terminationGracePeriod: Duration.hours(2),
      weight: 10,
    });
    const objects = Testing.synth(c);
    await validateManifests(objects);
    expect(objects).toHaveLength(1);
    const pool = objects[0];
    expect(pool.apiVersion).toBe('karpenter.sh/v1');
    expect(pool.kind).toBe('NodePool');
    expect(pool.metadata.name).toBe('gpu-training');
    const spec = pool.spec.template.spec;
    expect(spec.nodeClassRef).toEqual({ group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'gpu-al2023' });
    expect(spec.requirements).toEqual([
      { key: 'karpenter.k8s.aws/instance-gpu-name', operator: 'In', values: ['t4', 'a10g'] },
      { key: 'karpenter.k8s.aws/instance-gpu-count', operator: 'In', values: ['4'] },
      { key: 'karpenter.k8s.aws/instance-gpu-manufacturer', operator: 'In', values: ['nvidia'] },
      { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['on-demand', 'spot'] },
      { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] },
      { key: 'kubernetes.io/os', operator: 'In', values: ['linux'] },
      { key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['g4dn.12xlarge', 'g5.12xlarge'] },
    ]);
    expect(spec.taints).toEqual([{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }]);
    expect(spec.expireAfter).toBe('336h');
    expect(spec.terminationGracePeriod).toBe('2h');
    expect(pool.spec.template.metadata).toEqual({ labels: { 'example.com/team': 'ml' } });
    expect(pool.spec.disruption).toEqual({
      consolidationPolicy: 'WhenEmpty',
      consolidateAfter: '15m',
      budgets: [{ nodes: '10%' }, { nodes: '0', schedule: '0 9 * * mon-fri', duration: '8h', reasons: ['Drifted'] }],
    });
    expect(pool.spec.limits).toEqual({ 'cpu': '256', 'memory': '1Ti', 'nvidia.com/gpu': '16' });
    expect(pool.spec.weight).toBe(10);
  });

  test('defaults: one GPU per node, on-demand, nvidia.com/gpu NoSchedule taint, WhenEmpty after 10m, 720h expiry', async () => {
    const c = chart();
    const pool = t4Pool(c);
    const [np] = Testing.synth(c);
    await validateManifests([np]);
    expect(pool.poolName).toBe('gpu-t4');
    expect(pool.gpusPerNode).toBe(1);
    expect(pool.acceleratorType).toBe('nvidia.com/gpu');
    expect(np.spec.disruption).toEqual({ consolidationPolicy: 'WhenEmpty', consolidateAfter: '10m' });
    expect(np.spec.template.spec.expireAfter).toBe('720h');
    expect(np.spec.template.metadata).toBeUndefined();
    expect(pool.nodeLabels).toEqual({
      'karpenter.sh/nodepool': 'gpu-t4',
      'karpenter.sh/capacity-type': 'on-demand',
      'kubernetes.io/arch': 'amd64',
      'karpenter.k8s.aws/instance-gpu-count': '1',
      'karpenter.k8s.aws/instance-gpu-name': 't4',
    });
  });

  test('placementFor: accelerator, node selector from the pool, tolerations for its taints', () => {
    const pool = t4Pool(chart());
    expect(pool.placementFor(1)).toEqual({
      acceleratorType: 'nvidia.com/gpu',
      acceleratorCount: 1,
      nodeSelector: { 'karpenter.sh/nodepool': 'gpu-t4', 'karpenter.k8s.aws/instance-gpu-name': 't4' },
      tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
    });
  });

  test('placementFor on a pool of several GPU models selects the pool, and the pool may have either model', () => {
    const pool = GpuNodePool.karpenter(chart(), 'mixed', {
      accelerators: [GpuAccelerator.NVIDIA_T4, GpuAccelerator.NVIDIA_A10G],
      nodeClass: KarpenterNodeClass.ec2NodeClass('gpu'),
    });
    expect(pool.placementFor(1).nodeSelector).toEqual({ 'karpenter.sh/nodepool': 'mixed' });
    expect(pool.mayHaveLabel('karpenter.k8s.aws/instance-gpu-name', 'a10g')).toBe(true);
    expect(pool.mayHaveLabel('karpenter.k8s.aws/instance-gpu-name', 'h100')).toBe(false);
  });

  test('tolerations cover NoSchedule and NoExecute taints, with Equal for valued taints, and skip PreferNoSchedule', () => {
    const pool = t4Pool(chart(), {
      taints: [
        { key: 'nvidia.com/gpu', value: 'true', effect: TaintEffect.NO_SCHEDULE },
        { key: 'example.com/maintenance', effect: TaintEffect.NO_EXECUTE },
        { key: 'example.com/prefer-not', effect: TaintEffect.PREFER_NO_SCHEDULE },
      ],
    });
    expect(pool.placementFor(1).tolerations).toEqual([
      { key: 'nvidia.com/gpu', operator: 'Equal', value: 'true', effect: 'NoSchedule' },
      { key: 'example.com/maintenance', operator: 'Exists', effect: 'NoExecute' },
    ]);
  });

  test('a non-AWS node class needs instance types or requirements', async () => {
    const c = chart();
    expect(() => GpuNodePool.karpenter(c, 'azure', {
      accelerators: [GpuAccelerator.NVIDIA_T4],
      nodeClass: KarpenterNodeClass.of('karpenter.azure.com', 'AKSNodeClass', 'default'),
    })).toThrow("platform/azure: node class karpenter.azure.com/AKSNodeClass is not AWS, so the pool can't select GPU models by label (expected instanceTypes or requirements that pick GPU instances)");
    const pool = GpuNodePool.karpenter(c, 'azure2', {
      accelerators: [GpuAccelerator.NVIDIA_T4],
      nodeClass: KarpenterNodeClass.of('karpenter.azure.com', 'AKSNodeClass', 'default'),
      requirements: [{ key: 'karpenter.azure.com/sku-gpu-name', operator: 'In', values: ['T4'] }],
    });
    expect(pool.placementFor(1).nodeSelector).toEqual({ 'karpenter.sh/nodepool': 'azure2' });
    await validateManifests(Testing.synth(c));
  });
});

describe('GpuNodePool.existing', () => {
  test('GKE preset: gke-accelerator label and GKE\'s automatic nvidia.com/gpu=present taint', () => {
    const c = chart();
    const pool = GpuNodePool.existing(c, 'gke', {
      name: 'gke-t4',
      selector: ExistingPoolSelector.gkeAccelerator(GpuAccelerator.NVIDIA_T4, 'gpu-pool-1'),
      gpusPerNode: 2,
    });
    expect(Testing.synth(c)).toEqual([]);
    expect(pool.placementFor(2)).toEqual({
      acceleratorType: 'nvidia.com/gpu',
      acceleratorCount: 2,
      nodeSelector: { 'cloud.google.com/gke-nodepool': 'gpu-pool-1', 'cloud.google.com/gke-accelerator': 'nvidia-tesla-t4' },
      tolerations: [{ key: 'nvidia.com/gpu', operator: 'Equal', value: 'present', effect: 'NoSchedule' }],
    });
    expect(pool.managedByKarpenter).toBe(false);
  });

  test('GPU Feature Discovery preset: nvidia.com/gpu.product, no taints unless given', () => {
    const pool = GpuNodePool.existing(chart(), 'gfd', {
      name: 'onprem-a100',
      selector: ExistingPoolSelector.nvidiaGpuProduct(GpuAccelerator.NVIDIA_A100_80GB),
      gpusPerNode: 8,
    });
    expect(pool.placementFor(8)).toEqual({
      acceleratorType: 'nvidia.com/gpu',
      acceleratorCount: 8,
      nodeSelector: { 'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-80GB' },
      tolerations: [],
    });
  });

  test('Karpenter GPU name preset and EKS node group labels with taints', () => {
    const c = chart();
    const karp = GpuNodePool.existing(c, 'k', {
      name: 'shared-l4',
      selector: ExistingPoolSelector.karpenterGpuName(GpuAccelerator.NVIDIA_L4),
      taints: [{ key: 'nvidia.com/gpu', effect: TaintEffect.NO_SCHEDULE }],
    });
    expect(karp.placementFor(1).nodeSelector).toEqual({ 'karpenter.k8s.aws/instance-gpu-name': 'l4' });
    const eks = GpuNodePool.existing(c, 'eks', {
      name: 'eks-g5',
      selector: ExistingPoolSelector.labels({ 'eks.amazonaws.com/nodegroup': 'g5-workers' }, GpuAccelerator.NVIDIA_A10G),
      taints: [{ key: 'nvidia.com/gpu', value: 'true', effect: TaintEffect.NO_SCHEDULE }],
    });
    expect(eks.placementFor(1)).toEqual({
      acceleratorType: 'nvidia.com/gpu',
      acceleratorCount: 1,
      nodeSelector: { 'eks.amazonaws.com/nodegroup': 'g5-workers' },
      tolerations: [{ key: 'nvidia.com/gpu', operator: 'Equal', value: 'true', effect: 'NoSchedule' }],
    });
  });

  test('a preset for a GPU the platform does not offer fails with the path', () => {
    expect(() => GpuNodePool.existing(chart(), 'gke', {
      name: 'gke-a10g',
      selector: ExistingPoolSelector.gkeAccelerator(GpuAccelerator.NVIDIA_A10G),
    })).toThrow('platform/gke: accelerator NVIDIA A10G has no value for label cloud.google.com/gke-accelerator (expected a GPU model that platform offers, or GpuAccelerator.custom() with that value)');
  });
});

describe('GpuNodePool bad input', () => {
  test('a taint with an invalid effect', () => {
    expect(() => t4Pool(chart(), { taints: [{ key: 'nvidia.com/gpu', effect: 'NoWay' as TaintEffect }] }))
      .toThrow("platform/gpu-t4: taints[0] (key 'nvidia.com/gpu') has effect 'NoWay' (expected one of NoSchedule, PreferNoSchedule, NoExecute)");
    expect(() => GpuNodePool.existing(chart(), 'e', {
      name: 'e',
      selector: ExistingPoolSelector.nvidiaGpuProduct(GpuAccelerator.NVIDIA_T4),
      taints: [{ key: 'gpu', effect: 'noschedule' as TaintEffect }],
    })).toThrow("platform/e: taints[0] (key 'gpu') has effect 'noschedule' (expected one of NoSchedule, PreferNoSchedule, NoExecute)");
  });

  test('a taint with an invalid key', () => {
    expect(() => t4Pool(chart(), { taints: [{ key: 'bad key!', effect: TaintEffect.NO_SCHEDULE }] }))
      .toThrow("platform/gpu-t4: taints[0] has key 'bad key!', which is not a valid taint key: its name 'bad key!' must be 1-63 characters of [A-Za-z0-9-_.], starting and ending with a letter or digit");
  });

  test('a duplicated taint', () => {
    expect(() => t4Pool(chart(), {
      taints: [{ key: 'a', effect: TaintEffect.NO_SCHEDULE }, { key: 'a', value: 'x', effect: TaintEffect.NO_SCHEDULE }],
    })).toThrow("platform/gpu-t4: taint 'a' with effect NoSchedule is listed twice (expected one taint per key and effect)");
  });

  test.each([0, -1, 1.5])('a GPU count of %p per node', (n) => {
    expect(() => t4Pool(chart(), { gpusPerNode: n })).toThrow(`platform/gpu-t4: gpusPerNode is ${n} (expected a whole number of 1 or more)`);
  });

  test.each([0, -2, 0.5])('placementFor(%p) is refused', (n) => {
    const pool = t4Pool(chart());
    expect(() => pool.placementFor(n)).toThrow(`platform/gpu-t4: GPU count ${n} is not valid for pool 'gpu-t4' (expected a whole number of 1 or more)`);
  });

  test('more GPUs than the pool\'s node has', () => {
    const pool = t4Pool(chart(), { gpusPerNode: 4 });
    expect(() => pool.placementFor(8)).toThrow("platform/gpu-t4: 8 GPUs requested, but nodes of pool 'gpu-t4' have 4 (expected at most 4, or a pool with bigger nodes)");
  });

  test('two pools with the same name', () => {
    const c = chart();
    t4Pool(c);
    expect(() => GpuNodePool.existing(c, 'other', { name: 'gpu-t4', selector: ExistingPoolSelector.nvidiaGpuProduct(GpuAccelerator.NVIDIA_T4) }))
      .toThrow("platform/other: pool name 'gpu-t4' is already used by platform/gpu-t4 (expected pool names to be unique in the app)");
  });

  test('two pools with the same name in different charts of one app', () => {
    const app = Testing.app();
    t4Pool(new Chart(app, 'a'));
    expect(() => t4Pool(new Chart(app, 'b'))).toThrow("b/gpu-t4: pool name 'gpu-t4' is already used by a/gpu-t4 (expected pool names to be unique in the app)");
  });

  test('an id that is not a valid name, without a name', () => {
    expect(() => GpuNodePool.karpenter(chart(), 'GpuPool', { accelerators: [GpuAccelerator.NVIDIA_T4], nodeClass: KarpenterNodeClass.ec2NodeClass('gpu') }))
      .toThrow("platform/GpuPool: the construct id 'GpuPool' (used as the name) is not a valid pool name (expected a lowercase DNS subdomain such as 'gpu-t4'; set name)");
  });

  test('no accelerators', () => {
    expect(() => t4Pool(chart(), { accelerators: [] })).toThrow('platform/gpu-t4: accelerators is [] (expected at least one GpuAccelerator, for example GpuAccelerator.NVIDIA_T4)');
  });

  test('an accelerator Karpenter on AWS can\'t select', () => {
    const tpuish = GpuAccelerator.custom({ displayName: 'Custom GPU', gkeAccelerator: 'custom' });
    expect(() => t4Pool(chart(), { accelerators: [tpuish] })).toThrow('platform/gpu-t4: accelerator Custom GPU has no karpenter.k8s.aws/instance-gpu-name value (expected an AWS GPU, or GpuAccelerator.custom({ karpenterGpuName }))');
  });

  test('accelerators with different resources in one pool', () => {
    const amd = GpuAccelerator.custom({ displayName: 'AMD MI300X', resourceName: 'amd.com/gpu', karpenterGpuName: 'mi300x' });
    expect(() => t4Pool(chart(), { accelerators: [GpuAccelerator.NVIDIA_T4, amd] }))
      .toThrow('platform/gpu-t4: the accelerators use different resources (nvidia.com/gpu, amd.com/gpu); expected one resource per pool');
  });

  test('labels in Karpenter\'s restricted domain', () => {
    expect(() => t4Pool(chart(), { labels: { 'karpenter.sh/team': 'ml' } }))
      .toThrow("platform/gpu-t4: label 'karpenter.sh/team' is restricted by Karpenter (expected a label outside the karpenter.sh domain, not kubernetes.io/hostname)");
  });

  test('an invalid label value', () => {
    expect(() => t4Pool(chart(), { labels: { team: 'machine learning' } }))
      .toThrow("platform/gpu-t4: labels 'team' has value 'machine learning', which is not a valid label value");
  });

  test('a GPU limit below one node', () => {
    expect(() => t4Pool(chart(), { gpusPerNode: 4, limits: { gpus: 2 } }))
      .toThrow('platform/gpu-t4: limits.gpus is 2, less than one node\'s 4 GPUs (expected at least 4, or the pool can never launch a node)');
  });

  test('a negative or unparsable limit', () => {
    expect(() => t4Pool(chart(), { limits: { memory: '-1Gi' } })).toThrow("platform/gpu-t4: limits.memory '-1Gi' is negative (expected a quantity of 0 or more)");
    expect(() => t4Pool(chart(), { limits: { cpu: 'many' } })).toThrow("platform/gpu-t4: limits.cpu 'many' is not a valid quantity");
  });

  test('bad disruption budgets', () => {
    expect(() => t4Pool(chart(), { budgets: [{ nodes: '150%' }] }))
      .toThrow("platform/gpu-t4: budgets[0].nodes is \"150%\" (expected a count such as '0' or '2', or a percentage such as '10%')");
    expect(() => t4Pool(chart(), { budgets: [{ nodes: '0', schedule: '@daily' }] }))
      .toThrow('platform/gpu-t4: budgets[0] sets schedule without duration (expected both or neither)');
  });

  test('bad requirement operator and restricted requirement key', () => {
    expect(() => t4Pool(chart(), { requirements: [{ key: 'x', operator: 'Gte', values: ['1'] }] }))
      .toThrow("platform/gpu-t4: requirements[0] (key 'x') has operator 'Gte' (expected one of In, NotIn, Exists, DoesNotExist, Gt, Lt)");
    expect(() => t4Pool(chart(), { requirements: [{ key: 'karpenter.sh/nodepool', operator: 'In', values: ['x'] }] }))
      .toThrow("platform/gpu-t4: requirements[0] uses restricted label 'karpenter.sh/nodepool' (expected another label)");
  });

  test('weight out of range', () => {
    expect(() => t4Pool(chart(), { weight: 101 })).toThrow('platform/gpu-t4: weight is 101 (expected a whole number from 1 to 100)');
  });

  test('an existing pool needs a name', () => {
    expect(() => GpuNodePool.existing(chart(), 'x', { selector: ExistingPoolSelector.nvidiaGpuProduct(GpuAccelerator.NVIDIA_T4) } as any))
      .toThrow("platform/x: name is required (expected a pool name such as 'gke-t4')");
  });
});

describe('NvidiaDevicePlugin', () => {
  test('a DaemonSet on the pools\' nodes that tolerates their taints, valid against the Kubernetes schema', async () => {
    const c = chart();
    const a = t4Pool(c);
    const b = GpuNodePool.existing(c, 'eks', {
      name: 'eks-g5',
      selector: ExistingPoolSelector.labels({ 'eks.amazonaws.com/nodegroup': 'g5' }, GpuAccelerator.NVIDIA_A10G),
      taints: [{ key: 'nvidia.com/gpu', value: 'true', effect: TaintEffect.NO_SCHEDULE }],
    });
    new NvidiaDevicePlugin(c, 'plugin', { pools: [a, b] });
    const objects = Testing.synth(c);
    await validateManifests(objects);
    const ds = objects.find((o) => o.kind === 'DaemonSet');
    expect(ds.metadata.namespace).toBe('kube-system');
    const pod = ds.spec.template.spec;
    expect(pod.tolerations).toEqual([
      { key: 'CriticalAddonsOnly', operator: 'Exists' },
      { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'nvidia.com/gpu', operator: 'Equal', value: 'true', effect: 'NoSchedule' },
    ]);
    expect(pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([
      {
        matchExpressions: [
          { key: 'karpenter.k8s.aws/instance-gpu-name', operator: 'In', values: ['t4'] },
          { key: 'karpenter.sh/nodepool', operator: 'In', values: ['gpu-t4'] },
        ],
      },
      { matchExpressions: [{ key: 'eks.amazonaws.com/nodegroup', operator: 'In', values: ['g5'] }] },
    ]);
    expect(pod.containers[0].resources.requests).toEqual({ cpu: '10m', memory: '64Mi' });
    expect(pod.containers[0].securityContext).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } });
  });

  test('refuses GKE pools, which run GKE\'s own plugin', () => {
    const c = chart();
    const gke = GpuNodePool.existing(c, 'gke', { name: 'gke-t4', selector: ExistingPoolSelector.gkeAccelerator(GpuAccelerator.NVIDIA_T4) });
    expect(() => new NvidiaDevicePlugin(c, 'plugin', { pools: [gke] }))
      .toThrow("platform/plugin: pool 'gke-t4' is a GKE GPU pool; GKE installs its own NVIDIA device plugin (expected no GKE pools here)");
  });

  test('needs at least one pool', () => {
    expect(() => new NvidiaDevicePlugin(chart(), 'plugin', { pools: [] })).toThrow('platform/plugin: pools is [] (expected at least one GpuNodePool)');
  });
});
