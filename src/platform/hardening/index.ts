// Public API of src/platform/hardening: monitoring, metadata backups, credentials by reference,
// NetworkPolicies, availability, Pod Security and the production checklist.
export type { TopologySpreadOptions } from './availability';
export { MetadataBackup } from './backup';
export type { MetadataBackupOptions, MetadataBackupProps } from './backup';
export { Credentials, CredentialsSource, ExternalSecret, SecretStoreKind, SecretStoreRef } from './credentials';
export type { ExternalSecretKey, ExternalSecretProps, SecretStoreRefOptions } from './credentials';
export { KfpMonitoring } from './monitoring';
export type { DatabaseProbe, KfpAlertThresholds, KfpMonitoringOptions, KfpMonitoringProps } from './monitoring';
export { KfpNetworkPolicies, NetworkPeer } from './network-policies';
export type { ClusterDns, KfpNetworkPoliciesProps, KfpNetworkPolicyOptions, KubeApiServerAccess } from './network-policies';
export { PodSecurityAudit } from './pod-security';
export type { PodSecurityException, PodSecurityViolation, WorkloadPodSecurity } from './pod-security';
export { ChecklistItem, ChecklistStatus, ProductionChecklist } from './production-checklist';
export type { ChecklistFinding, ChecklistResult } from './production-checklist';
