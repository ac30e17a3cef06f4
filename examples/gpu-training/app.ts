// The GPU training platform: a Karpenter NVIDIA pool (T4 or A10G), Kueue queueing, and the `ml-team`
// tenant that runs the gpu-training pipeline under a quota, with least-privilege RBAC.
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  GpuAccelerator, GpuClusterQueue, GpuNodePool, KarpenterNodeClass, NvidiaDevicePlugin, PipelinePriorityClass, Pipeline, Tenant,
  TenantPipelineRoot,
} from '../../src';
import { addGpuTrainingPipeline } from './pipeline';

/** What the example builds, for tests. */
export interface GpuTrainingExample {
  readonly chart: Chart;
  readonly pool: GpuNodePool;
  readonly queue: GpuClusterQueue;
  readonly tenant: Tenant;
  readonly pipeline: Pipeline;
}

/** Adds the example to an app: chart `gpu-training` and pipeline `gpu-training`. */
export function addGpuTrainingExample(app: App): GpuTrainingExample {
  const chart = new Chart(app, 'gpu-training');

  // GPU nodes, described once. Karpenter launches g4dn (T4) or g5 (A10G) instances with one GPU.
  const pool = GpuNodePool.karpenter(chart, 'pool', {
    name: 'gpu-training',
    accelerators: [GpuAccelerator.NVIDIA_T4, GpuAccelerator.NVIDIA_A10G],
    gpusPerNode: 1,
    nodeClass: KarpenterNodeClass.ec2NodeClass('gpu'),
    limits: { gpus: 8 },
  });
  // The EKS-optimized accelerated AMIs need the device plugin; skip it on Bottlerocket or with the GPU Operator.
  new NvidiaDevicePlugin(chart, 'device-plugin', { pools: [pool] });

  // Queueing: training waits for GPU quota instead of failing, and never evicts serving.
  const training = PipelinePriorityClass.training(chart, 'training-priority', { kueue: true });
  PipelinePriorityClass.serving(chart, 'serving-priority', { kueue: true });
  const queue = new GpuClusterQueue(chart, 'queue', {
    name: 'gpu-training',
    flavors: [{ pool, gpus: 8, cpu: '64', memory: '256Gi' }],
    priorityClass: training,
  });

  const pipeline = addGpuTrainingPipeline(app, pool);

  // The team's namespace: quota, LimitRange, runner account, kfp-launcher, LocalQueue and RBAC.
  const tenant = new Tenant(chart, 'ml-team', {
    quota: { cpu: '32', memory: '128Gi', gpus: 2, pods: 100, persistentVolumeClaims: 10 },
    pipelineRoot: TenantPipelineRoot.s3({
      bucket: 'ml-artifacts',
      region: 'eu-west-1',
      // Created by the team's secret manager (for example External Secrets), never written here.
      credentials: kplus.Secret.fromSecretName(chart, 'artifact-credentials', 'ml-team-s3'),
    }),
    gpuPools: [pool],
    queues: [queue],
    pipelines: [pipeline],
  });
  tenant.grantEdit(kplus.Group.fromName(chart, 'ml-engineers', 'ml-team'));
  tenant.grantView(kplus.Group.fromName(chart, 'ml-observers', 'ml-observers'));
  tenant.grantEdit(kplus.ServiceAccount.fromServiceAccountName(chart, 'ci', 'pipeline-ci', { namespaceName: 'ci' }));

  return { chart, pool, queue, tenant, pipeline };
}
