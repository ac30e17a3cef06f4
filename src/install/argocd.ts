/**
 * Argo CD sync waves of the install, so that one sync brings it up without retries.
 */
import { ApiObject } from 'cdk8s';

/**
 * The Argo CD sync waves the install uses. They are negative so that objects without a wave
 * (wave 0), such as pipelines and runs in the same application, sync after the install is healthy.
 */
export class InstallSyncWave {
  /** The Namespace, CRDs and PriorityClass. */
  public static readonly FOUNDATION = -5;
  /** ServiceAccounts, RBAC, ConfigMaps, Secrets and cert-manager certificates. */
  public static readonly CONFIG = -4;
  /** The database and the object store. */
  public static readonly DATA = -3;
  /** The controllers, the API server, the metadata store and the admission webhooks. */
  public static readonly CONTROLLERS = -2;
  /** The UI. */
  public static readonly UI = -1;
  /** The first wave after the install: pipelines, versions and runs. */
  public static readonly AFTER_INSTALL = 0;

  private constructor() {}
}

const FOUNDATION_KINDS = ['Namespace', 'CustomResourceDefinition', 'PriorityClass'];
const CONFIG_KINDS = ['ServiceAccount', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding', 'ConfigMap', 'Secret', 'Issuer', 'Certificate', 'NetworkPolicy'];

/** The wave of one object of the install. @internal */
export function waveOf(obj: ApiObject, role: 'data' | 'controller' | 'ui'): number {
  if (FOUNDATION_KINDS.includes(obj.kind)) return InstallSyncWave.FOUNDATION;
  if (CONFIG_KINDS.includes(obj.kind)) return InstallSyncWave.CONFIG;
  if (obj.kind === 'PersistentVolumeClaim') return InstallSyncWave.DATA;
  if (role === 'data') return InstallSyncWave.DATA;
  if (role === 'ui') return InstallSyncWave.UI;
  return InstallSyncWave.CONTROLLERS;
}

/** API groups whose kinds are custom resources that may be missing at dry-run time. @internal */
export function isCustomResource(obj: ApiObject): boolean {
  const group = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : '';
  return group !== '' && !group.endsWith('.k8s.io') && !['apps', 'batch', 'policy', 'autoscaling'].includes(group);
}
