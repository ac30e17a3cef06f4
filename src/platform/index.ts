// Public API of src/platform. Each concept lives in its own file; export it here.
// Internal modules (quantity, taint-rules, kfp-pods, pipeline-requirements, tenant-checks, tenant-rbac, tenant-workload) are not exported.
export * from './accelerator';
export * from './taint';
export * from './gpu-node-pool';
export * from './nvidia-device-plugin';
export * from './priority-class';
export * from './gpu-cluster-queue';
export * from './tenant-pipeline-root';
export * from './rbac-rule';
export * from './tenant';
export { TenantNetworkPolicies } from './tenant-network-policies';
export type { TenantNetworkPolicyOptions, TenantNetworkPolicyInputs } from './tenant-network-policies';
export * from './hardening';
