/**
 * Where KFP keeps artifacts, logs and uploaded pipelines. One setting wires every consumer: the
 * API server, the UI, the Argo artifact repository and the `kfp-launcher` pipeline root and
 * providers.
 */
import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import type { SecretRef } from './secret-ref';

/** The kind of object store. */
export enum ObjectStoreKind {
  /** SeaweedFS run in the cluster (upstream 2.17's default), served through its S3 API. */
  SEAWEEDFS = 'seaweedfs',
  /** MinIO run in the cluster (upstream's default up to 2.14). */
  MINIO = 'minio',
  /** Amazon S3 or any S3-compatible service. */
  S3 = 's3',
  /** Google Cloud Storage. */
  GCS = 'gcs',
}

/** S3-style access keys held in a Secret you manage. */
export interface AccessKeyCredentials {
  /** The Secret (in the KFP namespace) holding the access key and secret key. */
  readonly credentials?: kplus.ISecret;
  /** The key of the access key ID in `credentials`. @default accesskey */
  readonly accessKeyKey?: string;
  /** The key of the secret access key in `credentials`. @default secretkey */
  readonly secretKeyKey?: string;
}

/** Options for an object store run in the cluster. */
export interface InClusterObjectStoreOptions extends AccessKeyCredentials {
  /** The bucket KFP uses. @default mlpipeline */
  readonly bucket?: string;
  /** Size of the data volume. @default 20Gi */
  readonly storage?: Size;
  /** StorageClass of the data volume. @default the cluster's default StorageClass */
  readonly storageClassName?: string;
  /** Container resources. @default requests only */
  readonly resources?: kplus.ContainerResources;
}

/** Options for Amazon S3 or an S3-compatible service. */
export interface S3ObjectStoreOptions extends AccessKeyCredentials {
  /** The bucket. It must exist (KFP only tries to create it). */
  readonly bucket: string;
  /** The bucket's region, e.g. `eu-west-1`. */
  readonly region: string;
  /**
   * The S3 endpoint, `host[:port]` with an optional `http://` or `https://` scheme.
   * @default s3.<region>.amazonaws.com over HTTPS
   */
  readonly endpoint?: string;
  /**
   * Annotations for the ServiceAccounts that reach the bucket (API server, UI and pipeline
   * runner), for IRSA or workload identity, e.g. `{ 'eks.amazonaws.com/role-arn': arn }`.
   * Used instead of `credentials`.
   * @default none
   */
  readonly serviceAccountAnnotations?: { [key: string]: string };
  /** Key prefix of the default pipeline root. @default v2/artifacts */
  readonly pipelineRootPrefix?: string;
}

/** Options for Google Cloud Storage. */
export interface GcsObjectStoreOptions {
  /** The bucket. */
  readonly bucket: string;
  /**
   * HMAC keys for the bucket (the API server and the UI reach GCS through its S3-compatible
   * XML API).
   */
  readonly hmacCredentials?: kplus.ISecret;
  /** @default accesskey */
  readonly accessKeyKey?: string;
  /** @default secretkey */
  readonly secretKeyKey?: string;
  /**
   * A Secret with a service-account JSON key for pipeline pods and Argo. Without it, pipeline
   * pods use workload identity (set `serviceAccountAnnotations`).
   * @default workload identity
   */
  readonly serviceAccountKey?: kplus.ISecret;
  /** The key of the JSON key in `serviceAccountKey`. @default service_account.json */
  readonly serviceAccountKeyKey?: string;
  /**
   * Annotations for the ServiceAccounts that reach the bucket, e.g.
   * `{ 'iam.gke.io/gcp-service-account': 'kfp@project.iam.gserviceaccount.com' }`.
   * @default none
   */
  readonly serviceAccountAnnotations?: { [key: string]: string };
  /** Key prefix of the default pipeline root. @default v2/artifacts */
  readonly pipelineRootPrefix?: string;
}

/**
 * The object store of a KFP install. Use one of the static factories.
 */
export class ObjectStore {
  /** SeaweedFS in the cluster (Deployment, Service and PVC `seaweedfs`), as upstream 2.17 installs it. */
  public static seaweedfs(options: InClusterObjectStoreOptions = {}): ObjectStore {
    return new ObjectStore('ObjectStore.seaweedfs()', ObjectStoreKind.SEAWEEDFS, options, { bucket: options.bucket ?? 'mlpipeline' });
  }

  /** MinIO in the cluster (Deployment `minio`, Service `minio-service`, PVC `minio-pvc`). */
  public static minio(options: InClusterObjectStoreOptions = {}): ObjectStore {
    return new ObjectStore('ObjectStore.minio()', ObjectStoreKind.MINIO, options, { bucket: options.bucket ?? 'mlpipeline' });
  }

  /** Amazon S3 or an S3-compatible service, with access keys or IRSA. */
  public static s3(options: S3ObjectStoreOptions): ObjectStore {
    return new ObjectStore('ObjectStore.s3()', ObjectStoreKind.S3, options ?? {}, { bucket: options?.bucket });
  }

  /** Google Cloud Storage. */
  public static gcs(options: GcsObjectStoreOptions): ObjectStore {
    const o: any = options ?? {};
    return new ObjectStore('ObjectStore.gcs()', ObjectStoreKind.GCS, { ...o, credentials: o.hmacCredentials }, { bucket: o.bucket });
  }

  public readonly kind: ObjectStoreKind;
  /** The bucket KFP uses. */
  public readonly bucket: string;
  /** The Secret with access keys, or `undefined` (dev credentials, IRSA or workload identity). */
  public readonly credentials?: kplus.ISecret;
  public readonly accessKeyKey: string;
  public readonly secretKeyKey: string;
  /** Annotations added to the ServiceAccounts that reach the store. */
  public readonly serviceAccountAnnotations: { [key: string]: string };
  /** The S3 region (S3 only; `minio` for in-cluster stores). */
  public readonly region: string;
  /**
   * The default pipeline root (`kfp-launcher` `defaultPipelineRoot`), e.g.
   * `minio://mlpipeline/v2/artifacts` or `s3://my-bucket/v2/artifacts`.
   */
  public readonly pipelineRoot: string;
  /** @internal */
  public readonly _factory: string;
  /** @internal */
  public readonly _options: any;
  private readonly endpointParts: { host: string; port?: number; secure: boolean } | undefined;

  private constructor(factory: string, kind: ObjectStoreKind, options: any, fixed: { bucket: string }) {
    this._factory = factory;
    this._options = options;
    this.kind = kind;
    this.bucket = fixed.bucket;
    this.credentials = options.credentials;
    this.accessKeyKey = options.accessKeyKey ?? 'accesskey';
    this.secretKeyKey = options.secretKeyKey ?? 'secretkey';
    this.serviceAccountAnnotations = { ...(options.serviceAccountAnnotations ?? {}) };
    const prefix = String(options.pipelineRootPrefix ?? 'v2/artifacts').replace(/^\/+|\/+$/g, '');
    switch (kind) {
      case ObjectStoreKind.S3:
        this.region = options.region;
        this.pipelineRoot = `s3://${this.bucket}/${prefix}`;
        this.endpointParts = parseEndpoint(options.endpoint ?? `https://s3.${options.region}.amazonaws.com`);
        break;
      case ObjectStoreKind.GCS:
        this.region = 'auto';
        this.pipelineRoot = `gs://${this.bucket}/${prefix}`;
        this.endpointParts = { host: 'storage.googleapis.com', secure: true };
        break;
      default:
        this.region = 'minio';
        this.pipelineRoot = `minio://${this.bucket}/v2/artifacts`;
        this.endpointParts = undefined;
    }
  }

  /** Whether the install runs the store itself. */
  public get inCluster(): boolean {
    return this.kind === ObjectStoreKind.SEAWEEDFS || this.kind === ObjectStoreKind.MINIO;
  }

  /** Whether pods reach the store with their ServiceAccount's cloud identity instead of keys. */
  public get usesWorkloadIdentity(): boolean {
    return !this.credentials && !this.inCluster && Object.keys(this.serviceAccountAnnotations).length > 0;
  }

  /** Problems with the options, each a complete sentence. @internal */
  public _problems(): string[] {
    const out: string[] = [];
    const f = this._factory;
    const o = this._options;
    if (typeof this.bucket !== 'string' || !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(this.bucket)) {
      out.push(`${f}: bucket is ${JSON.stringify(this.bucket)}; expected a bucket name (3-63 lowercase letters, digits, '.' and '-')`);
    }
    if (this.kind === ObjectStoreKind.S3) {
      if (typeof o.region !== 'string' || !/^[a-z0-9-]+$/.test(o.region)) {
        out.push(`${f}: region is ${JSON.stringify(o.region)}; expected a region name such as 'eu-west-1'`);
      }
      if (o.endpoint !== undefined && !this.endpointParts) {
        out.push(`${f}: endpoint '${o.endpoint}' is not of the form [http(s)://]host[:port]`);
      }
      if (!this.credentials && Object.keys(this.serviceAccountAnnotations).length === 0) {
        out.push(`${f}: neither credentials nor serviceAccountAnnotations is set; expected an ISecret with access keys, or IRSA/workload identity annotations such as { 'eks.amazonaws.com/role-arn': '<role ARN>' }`);
      }
      if (this.credentials && Object.keys(this.serviceAccountAnnotations).length > 0) {
        out.push(`${f}: both credentials and serviceAccountAnnotations are set; expected one way to reach the bucket`);
      }
    }
    if (this.kind === ObjectStoreKind.GCS) {
      if (!this.credentials) {
        out.push(`${f}: hmacCredentials is missing; expected an ISecret with HMAC keys (the API server reaches GCS through its S3-compatible API)`);
      }
      if (!o.serviceAccountKey && Object.keys(this.serviceAccountAnnotations).length === 0) {
        out.push(`${f}: neither serviceAccountKey nor serviceAccountAnnotations is set; expected a JSON-key Secret or workload identity annotations for pipeline pods`);
      }
    }
    return out;
  }

  /** The S3 endpoint the API server and Argo use: host, port, TLS. @internal */
  public _endpoint(namespace: string): { host: string; port?: number; secure: boolean } {
    if (this.kind === ObjectStoreKind.SEAWEEDFS) return { host: `seaweedfs.${namespace}`, port: 9000, secure: false };
    if (this.kind === ObjectStoreKind.MINIO) return { host: `minio-service.${namespace}`, port: 9000, secure: false };
    return this.endpointParts!;
  }

  /** The `providers` section of `kfp-launcher`. @internal */
  public _launcherProviders(namespace: string, keys: SecretRef | undefined, secretKey: SecretRef | undefined): any {
    const ep = this._endpoint(namespace);
    const endpoint = ep.port ? `${ep.host}:${ep.port}` : ep.host;
    const credentials = keys && secretKey
      ? { fromEnv: false, secretRef: { secretName: keys.name, accessKeyKey: keys.key, secretKeyKey: secretKey.key } }
      : { fromEnv: true };
    switch (this.kind) {
      case ObjectStoreKind.GCS: {
        const o = this._options;
        const gcsCredentials = o.serviceAccountKey
          ? { fromEnv: false, secretRef: { secretName: o.serviceAccountKey.name, tokenKey: o.serviceAccountKeyKey ?? 'service_account.json' } }
          : { fromEnv: true };
        return { gs: { default: { credentials: gcsCredentials } } };
      }
      case ObjectStoreKind.S3:
        return {
          s3: {
            default: {
              endpoint,
              region: this.region,
              disableSSL: !ep.secure,
              forcePathStyle: this._options.endpoint !== undefined,
              credentials,
            },
          },
        };
      default:
        return { minio: { default: { endpoint, region: 'minio', disableSSL: true, forcePathStyle: true, credentials } } };
    }
  }

  /** Argo's `artifactRepository`. @internal */
  public _argoArtifactRepository(namespace: string, keys: SecretRef | undefined, secretKey: SecretRef | undefined): any {
    const keyFormat = 'private-artifacts/{{workflow.namespace}}/{{workflow.name}}/{{workflow.creationTimestamp.Y}}/{{workflow.creationTimestamp.m}}/{{workflow.creationTimestamp.d}}/{{pod.name}}';
    if (this.kind === ObjectStoreKind.GCS) {
      const o = this._options;
      const gcs: any = { bucket: this.bucket, keyFormat };
      if (o.serviceAccountKey) gcs.serviceAccountKeySecret = { name: o.serviceAccountKey.name, key: o.serviceAccountKeyKey ?? 'service_account.json' };
      return { archiveLogs: true, gcs };
    }
    const ep = this._endpoint(namespace);
    const s3: any = {
      endpoint: this.inCluster ? `${ep.host}.svc:${ep.port}` : (ep.port ? `${ep.host}:${ep.port}` : ep.host),
      bucket: this.bucket,
    };
    if (this.kind === ObjectStoreKind.S3) s3.region = this.region;
    s3.keyFormat = keyFormat;
    s3.insecure = !ep.secure;
    if (keys && secretKey) {
      s3.accessKeySecret = { name: keys.name, key: keys.key };
      s3.secretKeySecret = { name: secretKey.name, key: secretKey.key };
    } else {
      s3.useSDKCreds = true;
    }
    return { archiveLogs: true, s3 };
  }
}

function parseEndpoint(endpoint: string): { host: string; port?: number; secure: boolean } | undefined {
  if (typeof endpoint !== 'string') return undefined;
  const m = /^(?:(https?):\/\/)?([A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)(?::([0-9]{1,5}))?\/?$/.exec(endpoint);
  if (!m) return undefined;
  return { host: m[2], port: m[4] ? Number(m[4]) : undefined, secure: m[1] !== 'http' };
}
