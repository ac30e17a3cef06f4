/**
 * The resolved settings every component reads (internal).
 */
import { ComponentOptions } from './component';
import { Database, DatabaseEngine } from './database';
import { KfpImages } from './images';
import { InstallRbacRule, RbacParams } from './install-rbac';
import { EnvSource } from './internal';
import { ObjectStore } from './object-store';
import { SecretRef } from './secret-ref';

export interface WebhookTlsSettings {
  /** Secret with tls.crt/tls.key. */
  secretName: string;
  /** PEM CA bundle, base64-encoded, or undefined when cert-manager injects it. */
  caBundle?: string;
}

export interface InstallContext {
  namespace: string;
  images: KfpImages;
  database: Database;
  objectStore: ObjectStore;
  /** Database user and password for consumers. */
  dbUser: EnvSource;
  dbPassword: EnvSource;
  /** Object store access keys (undefined with IRSA/workload identity). */
  storeAccessKey?: SecretRef;
  storeSecretKey?: SecretRef;
  kubernetesPipelineStore: boolean;
  certManager: boolean;
  apiWebhookTls?: WebhookTlsSettings;
  cacheEnabled: boolean;
  options: (component: string) => ComponentOptions;
  workflowTtlSeconds: number;
  /** What the RBAC rules depend on. */
  rbac: RbacParams;
  /** Registers the rules of a Role or ClusterRole (read by `KubeflowPipelines.rbacRules`). */
  registerRules: (key: string, produce: () => InstallRbacRule[]) => void;
}

export function isPostgres(ctx: InstallContext): boolean {
  return ctx.database.engine === DatabaseEngine.POSTGRES;
}

/** `pipeline-install-config` keys holding the database host and port. */
export function dbHostKeys(ctx: InstallContext): { host: string; port: string } {
  return isPostgres(ctx) ? { host: 'postgresHost', port: 'postgresPort' } : { host: 'mysqlHost', port: 'mysqlPort' };
}
