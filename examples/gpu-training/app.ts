// The GPU training platform: a Karpenter NVIDIA pool (T4 or A10G), Kueue queueing, the KFP install,
// and the `ml-team` tenant that runs the gpu-training pipeline in its own namespace under a quota,
// with least-privilege RBAC.
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  GpuAccelerator, GpuClusterQueue, GpuNodePool, KarpenterNodeClass, KubeflowPipelines, NvidiaDevicePlugin, ObjectStore, PipelinePriorityClass, Pipeline,
  PipelineTemplate, Tenant, TenantPipelineRoot,
} from '../../src';
import { addGpuTrainingPipeline } from './pipeline';

/** What the example builds, for tests. */
export interface GpuTrainingExample {
  readonly chart: Chart;
  readonly pool: GpuNodePool;
  readonly queue: GpuClusterQueue;
  readonly tenant: Tenant;
  readonly pipeline: Pipeline;
  readonly kfp: KubeflowPipelines;
  readonly template: PipelineTemplate;
}

/** Adds the example to an app: charts `gpu-training` and `gpu-training-kfp`, and pipeline `gpu-training`. */
export function addGpuTrainingExample(app: App): GpuTrainingExample {
  const chart = new Chart(app, 'gpu-training');

  // The KFP install (its own chart, so it can be its own Argo CD application). Connecting the
  // tenant below makes its Argo workflow controller cluster-wide, so it runs Workflows in ml-team.
  const kfp = new KubeflowPipelines(new Chart(app, 'gpu-training-kfp'), 'kfp', {
    objectStore: ObjectStore.s3({
      bucket: 'ml-platform-kfp',
      region: 'eu-west-1',
      serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/kfp' },
    }),
  });

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

  // The team's namespace: quota, LimitRange, runner account, kfp-launcher, LocalQueue and RBAC;
  // `kfp` connects it to the install (Argo manages the namespace and archives its logs in the
  // team's bucket, through the artifact-repositories ConfigMap written here).
  const tenant = new Tenant(chart, 'ml-team', {
    kfp,
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

  // The training pipeline as an Argo WorkflowTemplate in ml-team, run as ml-team's pipeline-runner
  // under its quota: `argo submit -n ml-team --from workflowtemplate/gpu-training`. (The KFP UI's
  // runs go through the standalone API server, which starts them in the KFP namespace only.)
  const template = new PipelineTemplate(chart, 'training-template', { pipeline, tenant });

  return { chart, pool, queue, tenant, pipeline, kfp, template };
}
