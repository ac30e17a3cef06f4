// Public API of src/deploy.
export * from './argo';
export * from './schedule';
export * from './version-lock';
export * from './published-pipeline';
export * from './reconciler/kfp-reconciler';
export * from './recurring-run';
export * from './kfp-run';
export type { IRunNamespace } from './workloads';
