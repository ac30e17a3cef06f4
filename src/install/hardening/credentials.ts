/**
 * Credentials by reference: a Secret that already exists, a Secret that External Secrets
 * Operator writes from Vault, AWS Secrets Manager or GCP Secret Manager, or (for dev installs
 * only) a Secret written with literal data. Every construct that needs credentials takes the
 * `ISecret` a `Credentials` gives, so nothing needs a literal password.
 */
import { ApiObject, ApiObjectMetadataDefinition, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { Marker } from '../../util/marker';
import { InstallSyncWave } from '../argocd';

/** Where a credential comes from. */
export enum CredentialsSource {
  /** A Secret managed outside this app (created by hand, by a controller, by another tool). */
  EXISTING_SECRET = 'existing-secret',
  /** A Secret written by External Secrets Operator from an `ExternalSecret` this app declares. */
  EXTERNAL_SECRET = 'external-secret',
  /** A Secret whose data is written in this app: dev installs only. */
  LITERAL = 'literal',
}

/** The kind of External Secrets store an `ExternalSecret` reads from. */
export enum SecretStoreKind {
  /** A namespaced `SecretStore` (in the ExternalSecret's namespace). */
  SECRET_STORE = 'SecretStore',
  /** A cluster-wide `ClusterSecretStore`. */
  CLUSTER_SECRET_STORE = 'ClusterSecretStore',
}

/** Options of a store reference. */
export interface SecretStoreRefOptions {
  /**
   * The store is a `ClusterSecretStore` (shared by every namespace) rather than a namespaced
   * `SecretStore`.
   * @default false
   */
  readonly clusterWide?: boolean;
}

/**
 * A named External Secrets store (`SecretStore` or `ClusterSecretStore`) to read credentials
 * from. The store itself (its provider, endpoint and authentication) is set up by the platform
 * team; this only names it.
 */
export class SecretStoreRef {
  /** A HashiCorp Vault store: remote keys are KV paths such as `kfp/metadata-db`, properties are fields. */
  public static vault(name: string, options: SecretStoreRefOptions = {}): SecretStoreRef {
    return new SecretStoreRef(name, kindOf(options), 'vault');
  }

  /** An AWS Secrets Manager store: remote keys are secret names, properties are JSON keys. */
  public static awsSecretsManager(name: string, options: SecretStoreRefOptions = {}): SecretStoreRef {
    return new SecretStoreRef(name, kindOf(options), 'aws-secrets-manager');
  }

  /** A GCP Secret Manager store: remote keys are secret names, `version` picks a version. */
  public static gcpSecretManager(name: string, options: SecretStoreRefOptions = {}): SecretStoreRef {
    return new SecretStoreRef(name, kindOf(options), 'gcp-secret-manager');
  }

  /** Any namespaced `SecretStore`. */
  public static secretStore(name: string): SecretStoreRef {
    return new SecretStoreRef(name, SecretStoreKind.SECRET_STORE, 'other');
  }

  /** Any `ClusterSecretStore`. */
  public static clusterSecretStore(name: string): SecretStoreRef {
    return new SecretStoreRef(name, SecretStoreKind.CLUSTER_SECRET_STORE, 'other');
  }

  /** The store's name. */
  public readonly name: string;
  /** `SecretStore` or `ClusterSecretStore`. */
  public readonly kind: SecretStoreKind;
  /** The provider family (`vault`, `aws-secrets-manager`, `gcp-secret-manager` or `other`), for documentation. */
  public readonly provider: string;

  private constructor(name: string, kind: SecretStoreKind, provider: string) {
    this.name = name;
    this.kind = kind;
    this.provider = provider;
  }
}

function kindOf(options: SecretStoreRefOptions | undefined): SecretStoreKind {
  return options?.clusterWide ? SecretStoreKind.CLUSTER_SECRET_STORE : SecretStoreKind.SECRET_STORE;
}

/** One key of the Secret, read from one remote secret. */
export interface ExternalSecretKey {
  /** The key in the Kubernetes Secret, e.g. `password`. */
  readonly secretKey: string;
  /** The remote secret: a Vault path, an AWS or GCP secret name. */
  readonly remoteKey: string;
  /**
   * The field of the remote secret (a Vault KV field, a JSON key).
   * @default the whole remote value
   */
  readonly property?: string;
  /**
   * The version of the remote secret (AWS version stage or id, GCP version number).
   * @default the latest version
   */
  readonly version?: string;
}

/** Props of an `ExternalSecret`. */
export interface ExternalSecretProps {
  /** The store to read from. */
  readonly store: SecretStoreRef;
  /** The namespace of the ExternalSecret and of the Secret it writes (the consumers' namespace). */
  readonly namespace: string;
  /**
   * The name of the Secret External Secrets Operator writes.
   * @default the ExternalSecret's name
   */
  readonly secretName?: string;
  /**
   * The name of the ExternalSecret object.
   * @default `secretName`, else the construct path below the chart joined with '-'
   */
  readonly name?: string;
  /**
   * Keys read one by one.
   * @default none (then `extract` is required)
   */
  readonly data?: ExternalSecretKey[];
  /**
   * A remote secret whose every property becomes a key of the Secret (ESO `dataFrom.extract`),
   * e.g. a Vault path holding `username` and `password`.
   * @default none (then `data` is required)
   */
  readonly extract?: string;
  /**
   * How often ESO re-reads the store (rotations reach the Secret within this time).
   * @default 1 hour
   */
  readonly refreshInterval?: Duration;
  /**
   * The Secret's `type`.
   * @default Opaque
   */
  readonly secretType?: string;
  /**
   * The Argo CD sync wave of the ExternalSecret. Argo CD waits for an ExternalSecret to be
   * healthy (its Secret written) before the next wave, so the default puts it with the install's
   * configuration, before any workload that reads the Secret.
   * @default -4 (InstallSyncWave.CONFIG)
   */
  readonly syncWave?: number;
}

const EXTERNAL_SECRET = new Marker('cdk8s-kfp.ExternalSecret');
const LITERAL = new Marker('cdk8s-kfp.Credentials.literal');
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

/** The External Secrets API version this library writes (the issue's target, served by ESO up to 0.16). */
export const EXTERNAL_SECRETS_API_VERSION = 'external-secrets.io/v1beta1';

/**
 * An `external-secrets.io/v1beta1` `ExternalSecret`, and the `Secret` External Secrets Operator
 * writes from it. It is an `ISecret`: pass it wherever a construct takes credentials
 * (`Database.externalPostgres({ credentials })`, `TenantPipelineRoot.s3({ credentials })`...).
 */
export class ExternalSecret extends Construct implements kplus.ISecret {
  /** Whether `x` is an `ExternalSecret` construct. */
  public static isExternalSecret(x: any): x is ExternalSecret {
    return EXTERNAL_SECRET.has(x);
  }

  /** The `ExternalSecret` object. */
  public readonly apiObject: ApiObject;
  /** The store it reads from. */
  public readonly store: SecretStoreRef;
  /** The name of the Secret ESO writes. */
  public readonly name: string;
  public readonly apiVersion = 'v1';
  public readonly apiGroup = '';
  public readonly kind = 'Secret';
  public readonly resourceType = 'secrets';
  /** The keys the Secret will hold (`undefined` with `extract`, whose keys are the remote properties). */
  public readonly keys?: string[];

  constructor(scope: Construct, id: string, props: ExternalSecretProps) {
    super(scope, id);
    EXTERNAL_SECRET.mark(this);
    const where = `ExternalSecret at '${this.node.path}'`;
    const store: any = props?.store;
    if (!(store instanceof SecretStoreRef)) {
      throw new Error(`${where}: store is ${JSON.stringify(store)}; expected a named store such as SecretStoreRef.vault('vault-backend'), `
        + "SecretStoreRef.awsSecretsManager('aws', { clusterWide: true }) or SecretStoreRef.gcpSecretManager('gcp')");
    }
    if (typeof store.name !== 'string' || !DNS_SUBDOMAIN.test(store.name)) {
      throw new Error(`${where}: store name is ${JSON.stringify(store.name)}; expected the name of a ${store.kind} (a DNS subdomain such as 'vault-backend')`);
    }
    if (typeof props.namespace !== 'string' || !DNS_LABEL.test(props.namespace) || props.namespace.length > 63) {
      throw new Error(`${where}: namespace is ${JSON.stringify(props.namespace)}; expected the namespace of the pods that read the Secret (a DNS label)`);
    }
    const derived = this.node.path.split('/').slice(1).join('-').toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 253);
    const objectName = props.name ?? props.secretName ?? derived;
    const secretName = props.secretName ?? objectName;
    for (const [field, value] of [['name', objectName], ['secretName', secretName]]) {
      if (!value || value.length > 253 || !DNS_SUBDOMAIN.test(value)) {
        throw new Error(`${where}: ${field} is ${JSON.stringify(value)}; expected a Kubernetes object name (lowercase letters, digits, '-' and '.')`);
      }
    }
    const data = props.data ?? [];
    if (!Array.isArray(data)) throw new Error(`${where}: data is ${JSON.stringify(data)}; expected a list of { secretKey, remoteKey }`);
    if (data.length === 0 && props.extract === undefined) {
      throw new Error(`${where}: neither data nor extract is set; expected the keys to read ({ secretKey: 'password', remoteKey: 'kfp/db', property: 'password' }) or a remote secret to extract`);
    }
    const seen = new Set<string>();
    for (const [i, d] of data.entries()) {
      if (typeof d?.secretKey !== 'string' || !SECRET_KEY.test(d.secretKey)) {
        throw new Error(`${where}: data[${i}].secretKey is ${JSON.stringify(d?.secretKey)}; expected a Secret key (letters, digits, '-', '_' and '.')`);
      }
      if (seen.has(d.secretKey)) throw new Error(`${where}: data has the key '${d.secretKey}' twice; expected each key once`);
      seen.add(d.secretKey);
      if (typeof d.remoteKey !== 'string' || d.remoteKey.trim() === '') {
        throw new Error(`${where}: data[${i}].remoteKey is ${JSON.stringify(d.remoteKey)}; expected the remote secret (a Vault path or a secret name)`);
      }
    }
    if (props.extract !== undefined && (typeof props.extract !== 'string' || props.extract.trim() === '')) {
      throw new Error(`${where}: extract is ${JSON.stringify(props.extract)}; expected the remote secret whose properties become the Secret's keys`);
    }
    const wave = props.syncWave ?? InstallSyncWave.CONFIG;
    if (!Number.isInteger(wave)) throw new Error(`${where}: syncWave is ${wave}; expected an integer`);
    const refresh = props.refreshInterval ?? Duration.hours(1);
    const refreshSeconds = Math.round(refresh.toSeconds({ integral: false }));
    if (!(refreshSeconds >= 0)) throw new Error(`${where}: refreshInterval is negative; expected a Duration of 0 (read once) or more`);

    this.store = store;
    this.name = secretName;
    this.keys = props.extract === undefined ? data.map((d) => d.secretKey) : undefined;
    const target: any = { name: secretName, creationPolicy: 'Owner' };
    if (props.secretType) target.template = { type: props.secretType };
    const spec: any = {
      refreshInterval: goDuration(refreshSeconds),
      secretStoreRef: { name: store.name, kind: store.kind },
      target,
    };
    if (data.length) {
      spec.data = data.map((d) => {
        const remoteRef: any = { key: d.remoteKey };
        if (d.property !== undefined) remoteRef.property = d.property;
        if (d.version !== undefined) remoteRef.version = d.version;
        return { secretKey: d.secretKey, remoteRef };
      });
    }
    if (props.extract !== undefined) spec.dataFrom = [{ extract: { key: props.extract } }];
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: EXTERNAL_SECRETS_API_VERSION,
      kind: 'ExternalSecret',
      metadata: {
        name: objectName,
        namespace: props.namespace,
        annotations: {
          'argocd.argoproj.io/sync-wave': String(wave),
          'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true',
        },
      },
      spec,
    });
  }

  /** The ExternalSecret's metadata (its namespace is the Secret's). */
  public get metadata(): ApiObjectMetadataDefinition {
    return this.apiObject.metadata;
  }

  /** The namespace of the Secret. */
  public get namespace(): string {
    return this.apiObject.metadata.namespace!;
  }

  /** The ExternalSecret object's name. */
  public get resourceName(): string | undefined {
    return this.name;
  }

  /** An env value read from a key of the Secret. */
  public envValue(key: string, options?: kplus.EnvValueFromSecretOptions): kplus.EnvValue {
    return kplus.EnvValue.fromSecretValue({ secret: this, key }, options);
  }

  /** The Secret as an RBAC resource. */
  public asApiResource(): kplus.IApiResource | undefined {
    return this;
  }

  /** Secrets are not non-API resources. */
  public asNonApiResource(): string | undefined {
    return undefined;
  }
}

/**
 * Credentials for a database, an object store or a tenant: an `ISecret` plus where its data
 * comes from. The three forms cover every credential of the install and the tenants:
 *
 * - `Credentials.fromSecret(secret)`: a Secret that exists (or that another tool writes);
 * - `Credentials.fromExternalSecret(scope, id, { store, namespace, data })`: an `ExternalSecret`
 *   against a named Vault, AWS Secrets Manager or GCP Secret Manager store;
 * - literal data, which only the install's dev defaults use and production mode refuses.
 *
 * Pass `credentials.secret` wherever a construct takes an `ISecret`.
 */
export class Credentials {
  /** Credentials in an existing Secret (in the namespace of the pods that read it). */
  public static fromSecret(secret: kplus.ISecret): Credentials {
    if (!secret || typeof secret.name !== 'string' || secret.name === '') {
      throw new Error(`Credentials.fromSecret: secret is ${describe(secret)}; expected an ISecret such as Secret.fromSecretName(scope, 'db', 'kfp-db')`);
    }
    return new Credentials(secret, Credentials.sourceOf(secret));
  }

  /** Credentials in the existing Secret `secretName`. */
  public static fromSecretName(scope: Construct, id: string, secretName: string): Credentials {
    if (typeof secretName !== 'string' || !DNS_SUBDOMAIN.test(secretName)) {
      throw new Error(`Credentials.fromSecretName at '${scope.node.path}/${id}': secretName is ${JSON.stringify(secretName)}; expected a Secret name`);
    }
    return new Credentials(kplus.Secret.fromSecretName(scope, id, secretName), CredentialsSource.EXISTING_SECRET);
  }

  /** Credentials that External Secrets Operator writes from a named store (creates the `ExternalSecret`). */
  public static fromExternalSecret(scope: Construct, id: string, options: ExternalSecretProps): Credentials {
    return new Credentials(new ExternalSecret(scope, id, options), CredentialsSource.EXTERNAL_SECRET);
  }

  /**
   * Where an `ISecret` gets its data: an `ExternalSecret`, a Secret written with data in this app
   * (a `kplus.Secret` with data, or one created by the install's dev defaults), or a reference.
   */
  public static sourceOf(secret: kplus.ISecret): CredentialsSource {
    if (ExternalSecret.isExternalSecret(secret)) return CredentialsSource.EXTERNAL_SECRET;
    if (LITERAL.has(secret)) return CredentialsSource.LITERAL;
    if (literalKeys(secret).length > 0) return CredentialsSource.LITERAL;
    return CredentialsSource.EXISTING_SECRET;
  }

  /**
   * A Secret written with literal data, for dev installs only: production mode and the
   * production checklist refuse it.
   * @internal
   */
  public static _devLiteral(scope: Construct, id: string, props: {
    name: string; namespace: string; labels?: { [k: string]: string }; annotations?: { [k: string]: string }; stringData: { [k: string]: string };
  }): Credentials {
    new ApiObject(scope, id, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: props.name, namespace: props.namespace, labels: props.labels, annotations: props.annotations },
      type: 'Opaque',
      stringData: props.stringData,
    });
    const ref = kplus.Secret.fromSecretName(scope, `${id}Ref`, props.name);
    LITERAL.mark(ref);
    return new Credentials(ref, CredentialsSource.LITERAL);
  }

  /** The Secret to pass to constructs. */
  public readonly secret: kplus.ISecret;
  /** Where the data comes from. */
  public readonly source: CredentialsSource;

  private constructor(secret: kplus.ISecret, source: CredentialsSource) {
    this.secret = secret;
    this.source = source;
  }

  /** The Secret's name. */
  public get secretName(): string {
    return this.secret.name;
  }

  /** The `ExternalSecret`, for `fromExternalSecret` credentials. */
  public get externalSecret(): ExternalSecret | undefined {
    return ExternalSecret.isExternalSecret(this.secret) ? this.secret : undefined;
  }
}

/** The keys a `kplus.Secret` (or a Secret ApiObject in a construct) writes with literal data. */
export function literalKeys(secret: kplus.ISecret | IConstruct | undefined): string[] {
  if (!secret || !('node' in secret)) return [];
  const objects: ApiObject[] = [];
  if (secret instanceof ApiObject) objects.push(secret);
  else if (secret instanceof kplus.Secret) objects.push(...(secret.node.children.filter((c) => c instanceof ApiObject) as ApiObject[]));
  const keys: string[] = [];
  for (const obj of objects) {
    if (obj.kind !== 'Secret') continue;
    const json = obj.toJson() ?? {};
    keys.push(...Object.keys(json.data ?? {}), ...Object.keys(json.stringData ?? {}));
  }
  return [...new Set(keys)].sort();
}

function describe(x: any): string {
  if (x === undefined || x === null) return String(x);
  try {
    return JSON.stringify(x);
  } catch {
    return String(x);
  }
}

/** A Go duration string (`1h`, `15m`, `30s`, `1h30m`) for ESO's refreshInterval. */
function goDuration(totalSeconds: number): string {
  let s = Math.round(totalSeconds);
  if (s === 0) return '0s';
  const h = Math.floor(s / 3600); s -= h * 3600;
  const m = Math.floor(s / 60); s -= m * 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
}
