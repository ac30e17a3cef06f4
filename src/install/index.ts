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
export { ImageLock } from './image-lock';
export { InstallRbac } from './install-rbac';
export type { InstallRbacRule, LeastPrivilegeRbacOptions } from './install-rbac';
export type { IKfpComponent, ComponentOptions, ComponentPort } from './component';
export { InstallSyncWave } from './argocd';
export { WorkflowControllerScope } from './workflow-controller-scope';
export { Annotations } from '../util/annotations';
export type { IKubeflowPipelines, IKfpTenant } from './kubeflow-pipelines-api';
// The install's own hardening: options of KubeflowPipelines, or constructs attached to an install.
export type { TopologySpreadOptions } from './hardening/availability';
export { MetadataBackup } from './hardening/backup';
export type { MetadataBackupOptions, MetadataBackupProps } from './hardening/backup';
export { Credentials, CredentialsSource, ExternalSecret, SecretStoreKind, SecretStoreRef } from './hardening/credentials';
export type { ExternalSecretKey, ExternalSecretProps, SecretStoreRefOptions } from './hardening/credentials';
export { KfpMonitoring } from './hardening/monitoring';
export type { DatabaseProbe, KfpAlertThresholds, KfpMonitoringOptions, KfpMonitoringProps } from './hardening/monitoring';
export { KfpNetworkPolicies, NetworkPeer } from './hardening/network-policies';
export type { ClusterDns, KfpNetworkPoliciesProps, KfpNetworkPolicyOptions, KubeApiServerAccess } from './hardening/network-policies';
