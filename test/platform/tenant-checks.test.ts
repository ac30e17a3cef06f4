/**
 * Synth-time checks of a tenant's pipelines: quota, LimitRange, pipeline root and GPU placement.
 * Pipelines are built as IR (CompiledPipeline), so the checks are the same for pipelines written with
 * this library and for pipelines compiled by the kfp Python SDK.
 */
import * as fs from 'fs';
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { pipelineOf, placed } from './ir';
import { Component, Pipeline } from '../../src/pipeline';
import { CompiledPipeline } from '../../src/pipeline/source';
import {
  CapacityType, ExistingPoolSelector, GpuAccelerator, GpuClusterQueue, GpuNodePool, KarpenterNodeClass, PipelinePriorityClass, TaintEffect,
  Tenant, TenantPipelineRoot, TenantProps,
} from '../../src/platform';
import { describeConformance, ref } from '../conformance/reference';

function setup(extra: Partial<TenantProps> = {}) {
  const c = new Chart(Testing.app(), 'platform');
  const pool = GpuNodePool.karpenter(c, 'gpu-t4', { accelerators: [GpuAccelerator.NVIDIA_T4], nodeClass: KarpenterNodeClass.ec2NodeClass('gpu') });
  const t = new Tenant(c, 'ml-team', {
    quota: { cpu: '32', memory: '128Gi', gpus: 4 },
    pipelineRoot: TenantPipelineRoot.s3({ bucket: 'ml-artifacts', region: 'eu-west-1', credentials: kplus.Secret.fromSecretName(c, 'creds', 'ml-team-s3') }),
    gpuPools: [pool],
    ...extra,
  });
  return { c, pool, t };
}

const errors = (t: Tenant) => t.node.validate();

describe('a well-placed GPU pipeline passes', () => {
  test('CPU data prep and a 1-GPU training task on the pool', () => {
    const { t, pool, c } = setup();
    t.addPipeline(pipelineOf('train', [
      { name: 'prep', cpuRequest: '2', memoryRequest: '4Gi' },
      placed('train', pool.placementFor(1), { cpuRequest: '4', memoryRequest: '16Gi', cpuLimit: '4', memoryLimit: '16Gi' }),
    ]));
    expect(errors(t)).toEqual([]);
    expect(() => Testing.synth(c)).not.toThrow();
  });
});

describe('quota smaller than the largest single request', () => {
  test('memory: the task pod needs its request plus Argo\'s wait container', () => {
    const { t, pool } = setup({ quota: { cpu: '32', memory: '16Gi', gpus: 4 } });
    t.addPipeline(pipelineOf('train', [placed('train', pool.placementFor(1), { cpuRequest: '4', memoryRequest: '16Gi' })]));
    expect(errors(t)).toEqual([
      "platform/ml-team: pipeline 'train' task 'train' needs requests.memory 16.13Gi in one pod, but the ResourceQuota allows 16Gi in the whole namespace; raise the quota to at least 16.13Gi",
    ]);
  });

  test('CPU', () => {
    const { t } = setup({ quota: { cpu: '2', memory: '128Gi' } });
    t.addPipeline(pipelineOf('prep', [{ name: 'prep', cpuRequest: '4' }]));
    expect(errors(t)).toEqual([
      "platform/ml-team: pipeline 'prep' task 'prep' needs requests.cpu 4.1 in one pod, but the ResourceQuota allows 2 in the whole namespace; raise the quota to at least 4.1",
    ]);
  });

  test('GPUs (the quota defaults to 0 GPUs)', () => {
    const { t, pool } = setup({ quota: { cpu: '32', memory: '128Gi' } });
    t.addPipeline(pipelineOf('train', [placed('train', pool.placementFor(1))]));
    expect(errors(t)).toEqual([
      "platform/ml-team: pipeline 'train' task 'train' needs requests.nvidia.com/gpu 1 in one pod, but the ResourceQuota allows 0 in the whole namespace; raise the quota to at least 1",
    ]);
  });

  test('limits, when the quota tracks them', () => {
    const { t } = setup({ quota: { cpu: '32', memory: '128Gi', memoryLimit: '8Gi' } });
    t.addPipeline(pipelineOf('prep', [{ name: 'prep', memoryRequest: '4Gi', memoryLimit: '12Gi' }]));
    expect(errors(t)).toEqual([
      "platform/ml-team: pipeline 'prep' task 'prep' needs limits.memory 13Gi in one pod, but the ResourceQuota allows 8Gi in the whole namespace; raise the quota to at least 13Gi",
    ]);
  });

  test('a quota too small for KFP\'s own driver pods', () => {
    const { t } = setup({ quota: { cpu: '150m', memory: '128Gi' } });
    expect(errors(t)).toEqual([
      'platform/ml-team: a KFP driver pod needs requests.cpu 200m in one pod, but the ResourceQuota allows 150m in the whole namespace; raise the quota to at least 200m',
    ]);
  });
});

describe('LimitRange against tasks and KFP\'s own containers', () => {
  test('a LimitRange max smaller than a task\'s request', () => {
    const { t } = setup({ containerLimits: { maxMemory: '8Gi' } });
    t.addPipeline(pipelineOf('train', [{ name: 'train', memoryRequest: '16Gi', memoryLimit: '16Gi' }]));
    expect(errors(t)).toEqual([
      "platform/ml-team: pipeline 'train' task 'train': the task container has memory limit 16Gi, above the LimitRange max memory 8Gi",
    ]);
  });

  test('a LimitRange max smaller than a task\'s request, when the task sets no limit (the max becomes the default limit)', () => {
    const { t } = setup({ containerLimits: { maxCpu: '2' } });
    t.addPipeline(pipelineOf('train', [{ name: 'train', cpuRequest: '4' }]));
    expect(errors(t)).toEqual([
      "platform/ml-team: pipeline 'train' task 'train': the task container requests cpu 4 but its limit is 2 (the LimitRange default cpu limit, applied because the container sets no cpu limit); Kubernetes rejects a request above the limit",
      "platform/ml-team: pipeline 'train' task 'train': the task container requests cpu 4, above the LimitRange max cpu 2",
    ]);
  });

  test('a request above the default limit, when the quota tracks limits', () => {
    const { t } = setup({ quota: { cpu: '32', memory: '128Gi', memoryLimit: '256Gi' } });
    t.addPipeline(pipelineOf('train', [{ name: 'train', memoryRequest: '16Gi' }]));
    expect(errors(t)).toEqual([
      "platform/ml-team: pipeline 'train' task 'train': the task container requests memory 16Gi but its limit is 1Gi (the LimitRange default memory limit, applied because the container sets no memory limit); Kubernetes rejects a request above the limit",
    ]);
  });

  test('a max below the driver\'s 500m CPU limit blocks every run', () => {
    const { t } = setup({ containerLimits: { maxCpu: '250m' } });
    expect(errors(t)).toEqual([
      'platform/ml-team: a KFP driver pod: the KFP driver container has cpu limit 500m, above the LimitRange max cpu 250m',
    ]);
  });

  test('a min above the driver\'s 64Mi memory request', () => {
    const { t } = setup({ containerLimits: { minMemory: '128Mi' } });
    expect(errors(t)).toEqual([
      'platform/ml-team: a KFP driver pod: the KFP driver container requests memory 64Mi, below the LimitRange min memory 128Mi',
    ]);
  });

  test('a limit/request ratio below the driver\'s 8 (kubeflow/pipelines#11421)', () => {
    const { t } = setup({ containerLimits: { maxLimitRequestRatioMemory: 3, defaultMemoryLimit: '128Mi' } });
    expect(errors(t)).toEqual([
      "platform/ml-team: a KFP driver pod: the KFP driver container has memory limit/request ratio 8 (limit 512Mi, request 64Mi), above the LimitRange maxLimitRequestRatio memory 3 (kubeflow/pipelines#11421: KFP's own containers have fixed resources)",
    ]);
  });

  test('the kfp-launcher init container\'s CPU ratio of 5 is checked on task pods', () => {
    const { t } = setup({ containerLimits: { maxLimitRequestRatioCpu: 4, defaultCpuLimit: '100m' } });
    t.addPipeline(pipelineOf('p', [{ name: 'prep', cpuRequest: '1', cpuLimit: '1' }]));
    expect(errors(t)).toEqual([
      "platform/ml-team: a KFP driver pod: the KFP driver container has cpu limit/request ratio 5 (limit 500m, request 100m), above the LimitRange maxLimitRequestRatio cpu 4 (kubeflow/pipelines#11421: KFP's own containers have fixed resources)",
      "platform/ml-team: pipeline 'p' task 'prep': the kfp-launcher init container has cpu limit/request ratio 5 (limit 500m, request 100m), above the LimitRange maxLimitRequestRatio cpu 4 (kubeflow/pipelines#11421: KFP's own containers have fixed resources)",
    ]);
  });

  test('the default LimitRange gives Argo\'s init and wait containers requests, so a quota admits them (kubeflow/pipelines#7699)', () => {
    const { t } = setup({ containerLimits: { defaultCpuRequest: undefined }, quota: { cpu: '32', memory: '128Gi', cpuLimit: '64', memoryLimit: '256Gi' } });
    t.addPipeline(pipelineOf('p', [{ name: 'prep' }]));
    expect(errors(t)).toEqual([]);
  });
});

describe('pipeline root', () => {
  test('a pipeline that targets a tenant without a pipeline root', () => {
    const { t } = setup({ pipelineRoot: undefined });
    t.addPipeline(pipelineOf('prep', [{ name: 'prep' }]));
    expect(errors(t)).toEqual([
      "platform/ml-team: pipeline 'prep' runs in tenant 'ml-team', which has no pipeline root (expected pipelineRoot: TenantPipelineRoot.s3/minio/gcs(...); KFP 2.17 ignores the IR's defaultPipelineRoot and would fall back to minio://mlpipeline/v2/artifacts with a Secret this namespace doesn't have)",
    ]);
  });
});

describe('GPU placement', () => {
  test('a GPU request in a tenant with no pools', () => {
    const { t } = setup({ gpuPools: [] });
    t.addPipeline(pipelineOf('train', [{ name: 'train', accelerator: { type: 'nvidia.com/gpu', count: '1' } }]));
    expect(errors(t)).toEqual([
      "platform/ml-team: pipeline 'train' task 'train' requests 1 nvidia.com/gpu but tenant 'ml-team' has no GPU pools (expected gpuPools on the tenant, and the task placed with task.runOn(pool, { gpus }))",
    ]);
  });

  test('a GPU request with no node selector', () => {
    const { t } = setup();
    t.addPipeline(pipelineOf('train', [{ name: 'train', accelerator: { type: 'nvidia.com/gpu', count: '1' } }]));
    expect(errors(t)).toEqual([
      "platform/ml-team: pipeline 'train' task 'train' requests 1 nvidia.com/gpu but has no node selector, so it is placed on no GPU pool (pools: 'gpu-t4' {karpenter.sh/nodepool: gpu-t4, karpenter.k8s.aws/instance-gpu-name: t4}); place it with task.runOn(pool, { gpus })",
    ]);
  });

  test('a node selector that matches no pool', () => {
    const { t } = setup();
    t.addPipeline(pipelineOf('train', [{
      name: 'train',
      accelerator: { type: 'nvidia.com/gpu', count: '1' },
      nodeSelector: { 'karpenter.k8s.aws/instance-gpu-name': 'a10g' },
      tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
    }]));
    expect(errors(t)).toEqual([
      "platform/ml-team: pipeline 'train' task 'train' requests 1 nvidia.com/gpu with node selector {karpenter.k8s.aws/instance-gpu-name: a10g}, which matches none of the tenant's GPU pools ('gpu-t4' {karpenter.sh/nodepool: gpu-t4, karpenter.k8s.aws/instance-gpu-name: t4})",
    ]);
  });

  test('more GPUs than the pool\'s node has', () => {
    const { t, pool } = setup();
    t.addPipeline(pipelineOf('train', [placed('train', pool.placementFor(1), { accelerator: { type: 'nvidia.com/gpu', count: '2' } })]));
    expect(errors(t)).toEqual([
      "platform/ml-team: pipeline 'train' task 'train' can't run on any GPU pool its node selector matches: nodes of pool 'gpu-t4' have 1 GPUs, fewer than the 2 requested",
    ]);
  });

  test('a toleration that matches no pool\'s taint', () => {
    const { t, pool } = setup();
    const placement = pool.placementFor(1);
    t.addPipeline(pipelineOf('train', [placed('train', placement, {
      tolerations: [...placement.tolerations, { key: 'example.com/spot', operator: 'Exists', effect: 'NoSchedule' }],
    })]));
    expect(errors(t)).toEqual([
      "platform/ml-team: pipeline 'train' task 'train' tolerates example.com/spot:NoSchedule (Exists), which matches no taint of the tenant's GPU pools (pool taints: nvidia.com/gpu:NoSchedule (pool 'gpu-t4')); place the task with task.runOn(pool) or list the toleration in allowedTolerations",
    ]);
  });

  test('allowedTolerations accepts tolerations for taints outside the GPU pools', () => {
    const { t } = setup({ allowedTolerations: [{ key: 'example.com/spot', operator: 'Exists', effect: 'NoSchedule' }] });
    t.addPipeline(pipelineOf('prep', [{ name: 'prep', tolerations: [{ key: 'example.com/spot', operator: 'Exists', effect: 'NoSchedule' }] }]));
    expect(errors(t)).toEqual([]);
  });

  test('a GPU task that does not tolerate the pool\'s taint', () => {
    const { t, pool } = setup();
    t.addPipeline(pipelineOf('train', [placed('train', pool.placementFor(1), { tolerations: [] })]));
    expect(errors(t)).toEqual([
      "platform/ml-team: pipeline 'train' task 'train' can't run on any GPU pool its node selector matches: it doesn't tolerate taint nvidia.com/gpu:NoSchedule of pool 'gpu-t4'",
    ]);
  });

  test('a Vertex AI accelerator name instead of a Kubernetes resource', () => {
    const { t } = setup();
    t.addPipeline(pipelineOf('train', [{ name: 'train', accelerator: { type: 'NVIDIA_TESLA_T4', count: '1' } }]));
    expect(errors(t)).toEqual([
      "platform/ml-team: pipeline 'train' task 'train' requests accelerator type 'NVIDIA_TESLA_T4', which is not a Kubernetes resource name (expected for example 'nvidia.com/gpu'; 'NVIDIA_TESLA_T4' looks like a Vertex AI accelerator name)",
    ]);
  });

  test('an accelerator resource no pool offers', () => {
    const { t } = setup();
    t.addPipeline(pipelineOf('train', [{ name: 'train', accelerator: { type: 'amd.com/gpu', count: '1' }, nodeSelector: { x: 'y' } }]));
    expect(errors(t)).toEqual([
      "platform/ml-team: pipeline 'train' task 'train' requests amd.com/gpu, but the tenant's GPU pools offer nvidia.com/gpu",
    ]);
  });

  test('runtime-parameter resources and GPU counts are not checked', () => {
    const { t, pool } = setup({ quota: { cpu: '1', memory: '1Gi', gpus: 1 } });
    t.addPipeline(pipelineOf('train', [placed('train', pool.placementFor(1), {
      accelerator: { type: 'nvidia.com/gpu', count: "{{$.inputs.parameters['pipelinechannel--gpus']}}" },
      cpuRequest: "{{$.inputs.parameters['pipelinechannel--cpu']}}",
    })]));
    expect(errors(t)).toEqual([]);
  });

  test('CreatePVC/DeletePVC stubs run no task pod', () => {
    const { t } = setup({ quota: { cpu: '1', memory: '1Gi' } });
    t.addPipeline(pipelineOf('pvc', [{ name: 'createpvc', image: 'argostub/createpvc', cpuRequest: '64' }]));
    expect(errors(t)).toEqual([]);
  });

  test('an invalid quantity in the IR', () => {
    const { t } = setup();
    t.addPipeline(pipelineOf('p', [{ name: 'prep', memoryRequest: 'lots' }]));
    expect(errors(t)).toEqual(["platform/ml-team: pipeline 'p' task 'prep' has an invalid resourceMemoryRequest 'lots' (expected a Kubernetes quantity)"]);
  });
});

describe('placement matches every pool kind', () => {
  const kinds: Array<[string, (c: Chart) => GpuNodePool]> = [
    ['Karpenter, one GPU model', (c) => GpuNodePool.karpenter(c, 'k1', { accelerators: [GpuAccelerator.NVIDIA_A10G], gpusPerNode: 4, nodeClass: KarpenterNodeClass.ec2NodeClass('gpu') })],
    ['Karpenter, two GPU models, spot and on-demand, two taints', (c) => GpuNodePool.karpenter(c, 'k2', {
      accelerators: [GpuAccelerator.NVIDIA_T4, GpuAccelerator.NVIDIA_A10G],
      gpusPerNode: 4,
      nodeClass: KarpenterNodeClass.ec2NodeClass('gpu'),
      capacityTypes: [CapacityType.SPOT, CapacityType.ON_DEMAND],
      taints: [
        { key: 'nvidia.com/gpu', value: 'true', effect: TaintEffect.NO_SCHEDULE },
        { key: 'example.com/spot', effect: TaintEffect.NO_EXECUTE },
        { key: 'example.com/prefer-not', effect: TaintEffect.PREFER_NO_SCHEDULE },
      ],
    })],
    ['GKE accelerator', (c) => GpuNodePool.existing(c, 'gke', { name: 'gke', selector: ExistingPoolSelector.gkeAccelerator(GpuAccelerator.NVIDIA_L4), gpusPerNode: 4 })],
    ['GPU Feature Discovery product', (c) => GpuNodePool.existing(c, 'gfd', {
      name: 'gfd',
      selector: ExistingPoolSelector.nvidiaGpuProduct(GpuAccelerator.NVIDIA_H100_80GB),
      gpusPerNode: 8,
      taints: [{ key: 'dedicated', value: 'gpu', effect: TaintEffect.NO_SCHEDULE }],
    })],
    ['Karpenter GPU name (made elsewhere)', (c) => GpuNodePool.existing(c, 'kn', { name: 'kn', selector: ExistingPoolSelector.karpenterGpuName(GpuAccelerator.NVIDIA_L4), gpusPerNode: 4 })],
    ['EKS node group labels', (c) => GpuNodePool.existing(c, 'eks', {
      name: 'eks',
      selector: ExistingPoolSelector.labels({ 'eks.amazonaws.com/nodegroup': 'gpu' }, GpuAccelerator.NVIDIA_A10G),
      gpusPerNode: 4,
      taints: [{ key: 'nvidia.com/gpu', effect: TaintEffect.NO_EXECUTE }],
    })],
  ];

  test.each(kinds)('%s: accelerator, node selector and tolerations match the pool\'s labels and taints', (_name, make) => {
    const c = new Chart(Testing.app(), 'platform');
    const pool = make(c);
    for (const gpus of [1, pool.gpusPerNode]) {
      const placement = pool.placementFor(gpus);
      expect(placement.acceleratorType).toBe(pool.acceleratorType);
      expect(placement.acceleratorCount).toBe(gpus);
      for (const [k, v] of Object.entries(placement.nodeSelector)) expect(pool.mayHaveLabel(k, v)).toBe(true);
      expect(Object.keys(placement.nodeSelector).length).toBeGreaterThan(0);
      const repelling = pool.taints.filter((tt) => tt.effect !== TaintEffect.PREFER_NO_SCHEDULE);
      expect(placement.tolerations).toHaveLength(repelling.length);
      for (const taint of repelling) {
        expect(placement.tolerations).toContainEqual(taint.value
          ? { key: taint.key, operator: 'Equal', value: taint.value, effect: taint.effect }
          : { key: taint.key, operator: 'Exists', effect: taint.effect });
      }
      // The same placement, written into IR, passes the tenant's checks.
      const t = new Tenant(c, `team-${gpus}`, {
        quota: { cpu: '64', memory: '512Gi', gpus: 8 },
        pipelineRoot: TenantPipelineRoot.s3({ bucket: 'ml-artifacts', region: 'eu-west-1' }),
        gpuPools: [pool],
        pipelines: [pipelineOf(`train-${gpus}`, [placed('train', placement, { cpuRequest: '4', memoryRequest: '16Gi' })])],
      });
      expect(t.node.validate()).toEqual([]);
    }
    expect(() => pool.placementFor(pool.gpusPerNode + 1)).toThrow(`GPUs requested, but nodes of pool '${pool.poolName}' have ${pool.gpusPerNode}`);
  });

  test.each(kinds)('%s: the DSL\'s task.runOn(pool) writes IR that matches the pool and passes the tenant', (_name, make) => {
    const app = Testing.app();
    const c = new Chart(app, 'platform');
    const pool = make(c);
    const trainer = Component.container({ name: 'train', image: 'pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime', command: ['python', '-c', 'print(1)'] });
    const pipeline = new Pipeline(app, 'p', { name: 'train-on-pool' });
    pipeline.task('train', trainer).withCpuRequest('4').withMemoryRequest('16Gi').runOn(pool, { gpus: pool.gpusPerNode });
    const ir = pipeline.toIr();
    const k8s = pipeline.toPlatformSpec().platforms.kubernetes.deploymentSpec.executors['exec-train'];
    expect(ir.deploymentSpec.executors['exec-train'].container.resources.accelerator).toMatchObject({
      resourceType: pool.acceleratorType, resourceCount: String(pool.gpusPerNode),
    });
    expect(k8s.nodeSelector.labels).toEqual(pool.nodeSelector);
    for (const [key, value] of Object.entries<string>(k8s.nodeSelector.labels)) expect(pool.mayHaveLabel(key, value)).toBe(true);
    for (const taint of pool.taints.filter((tt) => tt.effect !== TaintEffect.PREFER_NO_SCHEDULE)) {
      expect((k8s.tolerations ?? []).some((tol: any) => tol.key === taint.key && tol.effect === taint.effect
        && (tol.operator === 'Exists' || tol.value === taint.value))).toBe(true);
    }
    const t = new Tenant(c, 'team', {
      quota: { cpu: '64', memory: '512Gi', gpus: 8 },
      pipelineRoot: TenantPipelineRoot.s3({ bucket: 'ml-artifacts', region: 'eu-west-1' }),
      gpuPools: [pool],
      pipelines: [pipeline],
    });
    expect(t.node.validate()).toEqual([]);
    expect(() => pipeline.task('too-big', trainer).runOn(pool, { gpus: pool.gpusPerNode + 1 })).toThrow(`expected at most ${pool.gpusPerNode}`);
  });
});

describe('Kueue queue labels', () => {
  function queued() {
    const { c, pool, t } = setup();
    const training = PipelinePriorityClass.training(c, 'training', { kueue: true });
    const q = new GpuClusterQueue(c, 'gpu', { flavors: [{ pool, gpus: 2, cpu: '16', memory: '64Gi' }], priorityClass: training });
    return { c, pool, t, q };
  }

  test('a queued pool\'s placement carries the queue label, and passes once the tenant has the LocalQueue', () => {
    const { pool, t, q } = queued();
    t.addQueue(q);
    t.addPipeline(pipelineOf('train', [placed('train', pool.placementFor(1), { cpuRequest: '4', memoryRequest: '16Gi' })]));
    expect(errors(t)).toEqual([]);
  });

  test('a queue label without a LocalQueue in the namespace', () => {
    const { pool, t, c, q } = queued();
    new Tenant(c, 'other', { quota: { cpu: '1', memory: '1Gi' }, queues: [q] });
    t.addPipeline(pipelineOf('train', [placed('train', pool.placementFor(1))]));
    expect(errors(t)).toEqual([
      "platform/ml-team: pipeline 'train' task 'train' is labelled kueue.x-k8s.io/queue-name: gpu, but namespace 'ml-team' has no LocalQueue of that name (LocalQueues: none); Kueue would hold the pod forever. Add the ClusterQueue to the tenant with tenant.addQueue()",
    ]);
  });

  test('a GPU task on a queued pool without the queue label bypasses the queue', () => {
    const { pool, t, q } = queued();
    t.addQueue(q);
    t.addPipeline(pipelineOf('train', [placed('train', pool.placementFor(1), { podLabels: {} })]));
    expect(errors(t)).toEqual([
      "platform/ml-team: pipeline 'train' task 'train' runs on pool 'gpu-t4', which is queued by Kueue, but its pod has no kueue.x-k8s.io/queue-name: gpu label; place it with task.runOn(pool) so the queue can't be bypassed",
    ]);
  });

  test('a task bigger than the queue\'s quota for the pool', () => {
    const { pool, t, q } = queued();
    t.addQueue(q);
    t.addPipeline(pipelineOf('train', [placed('train', pool.placementFor(1), { cpuRequest: '4', memoryRequest: '100Gi' })]));
    expect(errors(t)).toEqual([
      "platform/ml-team: pipeline 'train' task 'train' needs memory 100.13Gi in its pod, more than the 64Gi ClusterQueue 'gpu' has for pool 'gpu-t4'; Kueue would never admit it",
    ]);
  });
});

describeConformance('Python-compiled GPU pipelines (upstream IR)', () => {
  const file = () => ref('kfp-backend', 'compiled-workflows', 'ir', 'gpu-scheduling', 'nvidia_gpu_scheduling_check.yaml');

  test('nvidia_gpu_scheduling_check requests a GPU with a toleration but no node selector: refused with a clear message', () => {
    const { t } = setup();
    t.addPipeline(CompiledPipeline.fromFile(file()));
    expect(errors(t)).toEqual([
      "platform/ml-team: pipeline 'nvidia-gpu-scheduling-check' task 'verify-gpu-scheduled' requests 1 nvidia.com/gpu but has no node selector, so it is placed on no GPU pool (pools: 'gpu-t4' {karpenter.sh/nodepool: gpu-t4, karpenter.k8s.aws/instance-gpu-name: t4}); place it with task.runOn(pool, { gpus })",
    ]);
  });

  test('the same IR with the pool\'s node selector added passes (its Exists toleration without effect tolerates the taint)', () => {
    const { t, pool } = setup();
    const text = fs.readFileSync(file(), 'utf8');
    const source = CompiledPipeline.fromYaml(text);
    const platform = source.toPlatformSpec();
    platform.platforms.kubernetes.deploymentSpec.executors['exec-verify-gpu-scheduled'].nodeSelector = { labels: pool.nodeSelector };
    t.addPipeline(CompiledPipeline.fromObjects(source.toIr(), platform));
    expect(errors(t)).toEqual([]);
  });
});
