// Public API of src/install: the KFP 2.17.0 standalone install.
export { KubeflowPipelines, DEV_CREDENTIALS_SECRET } from './kubeflow-pipelines';
export type { KubeflowPipelinesProps, KfpComponentsOptions, WebhookTls, CacheStaleness } from './kubeflow-pipelines';
export { Database, DatabaseEngine } from './database';
export type { DatabaseNames, DatabaseCredentials, InClusterDatabaseOptions, ExternalDatabaseOptions } from './database';
export { ObjectStore, ObjectStoreKind } from './object-store';
export type { AccessKeyCredentials, InClusterObjectStoreOptions, S3ObjectStoreOptions, GcsObjectStoreOptions } from './object-store';
export { PipelineStore } from './pipeline-store';
export { KfpImages, KFP_VERSION, ARGO_VERSION } from './images';
export type { KfpImageOverrides } from './images';
export type { IKfpComponent, ComponentOptions, ComponentPort } from './component';
export { InstallSyncWave } from './argocd';
export { WorkflowControllerScope } from './workflow-controller-scope';
export { Annotations } from './annotations';
