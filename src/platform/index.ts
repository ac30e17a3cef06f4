// Public API of src/platform. Each concept lives in its own file; export it here.
// Internal modules (quantity, taint-rules, kfp-pods, pipeline-requirements, tenant-checks, tenant-rbac) are not exported.
export * from './accelerator';
export * from './taint';
export * from './gpu-node-pool';
export * from './nvidia-device-plugin';
export * from './priority-class';
export * from './gpu-cluster-queue';
export * from './tenant-pipeline-root';
export * from './rbac-rule';
export * from './tenant';
// The task-placement contract (IGpuPool, AcceleratorPlacement, PodToleration, RunOnOptions) that GpuNodePool
// implements. src/pipeline/index.ts does not export it at the moment; jsii needs it in the public API.
export * from '../pipeline/placement';
