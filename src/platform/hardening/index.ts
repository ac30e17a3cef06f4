// Public API of src/platform/hardening: monitoring, metadata backups, credentials by reference,
// NetworkPolicies, availability, Pod Security and the production checklist.
export { PodSecurityAudit } from './pod-security';
export type { PodSecurityException, PodSecurityViolation, WorkloadPodSecurity } from './pod-security';
export { RbacAudit } from './rbac-audit';
export type { RbacFinding } from './rbac-audit';
export { ChecklistItem, ChecklistStatus, ProductionChecklist } from './production-checklist';
export type { ChecklistFinding, ChecklistResult } from './production-checklist';
