import { ISecret } from 'cdk8s-plus-28';
import { stringify } from 'yaml';
import { ObjectStore, ObjectStoreKind } from '../install/object-store';

/** Options shared by every object store. */
export interface PipelineRootLocation {
  /** The bucket. */
  readonly bucket: string;
  /**
   * The key prefix of the team's artifacts. `{namespace}` is replaced by the tenant namespace.
   * @default 'private-artifacts/{namespace}/v2/artifacts' (the layout of KFP's multi-user mode)
   */
  readonly prefix?: string;
}

/** An S3 (or S3-compatible) pipeline root. */
export interface S3PipelineRootOptions extends PipelineRootLocation {
  /** The region, for example `eu-west-1`. */
  readonly region: string;
  /**
   * The endpoint as `host[:port]` (no scheme).
   * @default 's3.amazonaws.com'
   */
  readonly endpoint?: string;
  /**
   * The Secret (in the tenant namespace) with the access key pair.
   * @default - no Secret: the AWS default credential chain in the pod (IRSA or EKS Pod Identity on the runner service account)
   */
  readonly credentials?: ISecret;
  /**
   * The key of the access key id in `credentials`.
   * @default 'AWS_ACCESS_KEY_ID'
   */
  readonly accessKeyKey?: string;
  /**
   * The key of the secret access key in `credentials`.
   * @default 'AWS_SECRET_ACCESS_KEY'
   */
  readonly secretKeyKey?: string;
  /**
   * Use plain HTTP.
   * @default false
   */
  readonly disableSsl?: boolean;
  /**
   * Path-style addressing (`endpoint/bucket/key`).
   * @default true
   */
  readonly forcePathStyle?: boolean;
}

/** A MinIO-protocol pipeline root (`minio://`), such as the SeaweedFS that KFP 2.17 installs. */
export interface MinioPipelineRootOptions extends PipelineRootLocation {
  /** The Secret (in the tenant namespace) with the access key pair. */
  readonly credentials: ISecret;
  /**
   * The endpoint as `host[:port]`.
   * @default 'seaweedfs.kubeflow:9000'
   */
  readonly endpoint?: string;
  /**
   * The region.
   * @default 'minio'
   */
  readonly region?: string;
  /**
   * The key of the access key in `credentials`.
   * @default 'accesskey'
   */
  readonly accessKeyKey?: string;
  /**
   * The key of the secret key in `credentials`.
   * @default 'secretkey'
   */
  readonly secretKeyKey?: string;
  /**
   * Use plain HTTP (in-cluster SeaweedFS/MinIO).
   * @default true
   */
  readonly disableSsl?: boolean;
}

/** A Google Cloud Storage pipeline root (`gs://`). */
export interface GcsPipelineRootOptions extends PipelineRootLocation {
  /**
   * The Secret (in the tenant namespace) with a service-account key.
   * @default - no Secret: the pod's Workload Identity
   */
  readonly credentials?: ISecret;
  /**
   * The key of the service-account JSON in `credentials`.
   * @default 'service_account.json'
   */
  readonly tokenKey?: string;
}

/** Options for a tenant pipeline root in the install's object store. */
export interface ObjectStorePipelineRootOptions {
  /**
   * The key prefix of the team's artifacts. `{namespace}` is replaced by the tenant namespace.
   * @default 'private-artifacts/{namespace}/v2/artifacts'
   */
  readonly prefix?: string;
  /**
   * The team's own credentials: a Secret in the tenant namespace (S3/MinIO access keys, or a GCS
   * service-account JSON key). Give each team keys limited to its prefix.
   * @default - S3 and GCS: the pod's cloud identity (IRSA, EKS Pod Identity, Workload Identity); in-cluster stores require a Secret
   */
  readonly credentials?: ISecret;
  /**
   * The key of the access key (or of the JSON key for GCS) in `credentials`.
   * @default 'accesskey' ('service_account.json' for GCS)
   */
  readonly accessKeyKey?: string;
  /**
   * The key of the secret key in `credentials`.
   * @default 'secretkey'
   */
  readonly secretKeyKey?: string;
  /**
   * The namespace of the KFP install (where in-cluster SeaweedFS/MinIO run).
   * @default 'kubeflow'
   */
  readonly kfpNamespace?: string;
}

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const ENDPOINT = /^[A-Za-z0-9.-]+(:[0-9]{1,5})?$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

/**
 * Where a tenant's pipelines keep their artifacts: the `defaultPipelineRoot` and the object-store
 * `providers` of the namespace's `kfp-launcher` ConfigMap, which KFP's drivers and launchers read.
 * Credentials are referenced by Secret, never inlined.
 */
export class TenantPipelineRoot {
  /** An S3 bucket path (`s3://bucket/prefix`). */
  public static s3(options: S3PipelineRootOptions): TenantPipelineRoot {
    return new TenantPipelineRoot('s3', options, {
      endpoint: options?.endpoint ?? 's3.amazonaws.com',
      region: options?.region,
      disableSsl: options?.disableSsl ?? false,
      forcePathStyle: options?.forcePathStyle ?? true,
      accessKeyKey: options?.accessKeyKey ?? 'AWS_ACCESS_KEY_ID',
      secretKeyKey: options?.secretKeyKey ?? 'AWS_SECRET_ACCESS_KEY',
    });
  }

  /** A MinIO-protocol bucket path (`minio://bucket/prefix`), for SeaweedFS or MinIO. */
  public static minio(options: MinioPipelineRootOptions): TenantPipelineRoot {
    return new TenantPipelineRoot('minio', options, {
      endpoint: options?.endpoint ?? 'seaweedfs.kubeflow:9000',
      region: options?.region ?? 'minio',
      disableSsl: options?.disableSsl ?? true,
      forcePathStyle: true,
      accessKeyKey: options?.accessKeyKey ?? 'accesskey',
      secretKeyKey: options?.secretKeyKey ?? 'secretkey',
    });
  }

  /** A Google Cloud Storage bucket path (`gs://bucket/prefix`). */
  public static gcs(options: GcsPipelineRootOptions): TenantPipelineRoot {
    return new TenantPipelineRoot('gs', options, { tokenKey: options?.tokenKey ?? 'service_account.json' });
  }

  /**
   * A path in the object store of the KFP install (`ObjectStore.seaweedfs()`, `.minio()`, `.s3()`,
   * `.gcs()`): same bucket, endpoint and region, a per-team prefix and the team's own credentials.
   */
  public static fromObjectStore(store: ObjectStore, options: ObjectStorePipelineRootOptions = {}): TenantPipelineRoot {
    if (!(store instanceof ObjectStore)) {
      throw new Error(`TenantPipelineRoot.fromObjectStore: store is ${JSON.stringify(store)} (expected an ObjectStore from the install)`);
    }
    const location = { bucket: store.bucket, prefix: options.prefix, credentials: options.credentials };
    if (store.kind === ObjectStoreKind.GCS) {
      return new TenantPipelineRoot('gs', location, { tokenKey: options.accessKeyKey ?? 'service_account.json' });
    }
    const ep = store._endpoint(options.kfpNamespace ?? 'kubeflow');
    const settings = {
      endpoint: ep.port ? `${ep.host}:${ep.port}` : ep.host,
      region: store.region,
      disableSsl: !ep.secure,
      forcePathStyle: store.inCluster ? true : store._options?.endpoint !== undefined,
      accessKeyKey: options.accessKeyKey ?? 'accesskey',
      secretKeyKey: options.secretKeyKey ?? 'secretkey',
    };
    return new TenantPipelineRoot(store.inCluster ? 'minio' : 's3', location, settings);
  }

  /** The URI scheme: `s3`, `minio` or `gs`. */
  public readonly scheme: string;
  /** The bucket. */
  public readonly bucket: string;
  /** The Secret with the credentials, if any. */
  public readonly credentials?: ISecret;

  private readonly prefixTemplate: string;
  private readonly settings: any;

  private constructor(scheme: string, location: PipelineRootLocation, settings: any) {
    this.scheme = scheme;
    this.bucket = location?.bucket;
    this.prefixTemplate = location?.prefix ?? 'private-artifacts/{namespace}/v2/artifacts';
    this.credentials = (location as { readonly credentials?: ISecret } | undefined)?.credentials;
    this.settings = settings;
  }

  /** The name of the credentials Secret, if any. */
  public get credentialsSecretName(): string | undefined {
    return this.credentials?.name;
  }

  /** The pipeline root URI for a namespace, for example `s3://ml-artifacts/private-artifacts/ml-team/v2/artifacts`. */
  public uriFor(namespace: string): string {
    const prefix = this.prefixTemplate.split('{namespace}').join(namespace).replace(/^\/+|\/+$/g, '');
    return `${this.scheme}://${this.bucket}${prefix ? `/${prefix}` : ''}`;
  }

  /**
   * The `kfp-launcher` ConfigMap data for a namespace. Validates the options, naming `path` in errors.
   */
  public launcherConfigFor(path: string, namespace: string): { [key: string]: string } {
    this.validate(path);
    const s = this.settings;
    let provider: any;
    if (this.scheme === 'gs') {
      provider = {
        default: {
          credentials: this.credentials
            ? { fromEnv: false, secretRef: { secretName: this.credentials.name, tokenKey: s.tokenKey } }
            : { fromEnv: true },
        },
      };
    } else {
      provider = {
        default: {
          endpoint: s.endpoint,
          region: s.region,
          disableSSL: s.disableSsl,
          forcePathStyle: s.forcePathStyle,
          credentials: this.credentials
            ? { fromEnv: false, secretRef: { secretName: this.credentials.name, accessKeyKey: s.accessKeyKey, secretKeyKey: s.secretKeyKey } }
            : { fromEnv: true },
        },
      };
    }
    return {
      defaultPipelineRoot: this.uriFor(namespace),
      providers: stringify({ [this.scheme]: provider }),
    };
  }

  /**
   * Argo's artifact repository for the namespace (the `artifact-repositories` ConfigMap entry):
   * where the workflow controller archives the logs of the team's pods, with the same bucket,
   * endpoint and credentials as the pipeline root. Logs go next to the artifacts:
   * `<prefix without /v2/artifacts>/<workflow>/<Y>/<m>/<d>/<pod>` (KFP multi-user's layout for
   * the default prefix). @internal
   */
  public _argoArtifactRepository(path: string, namespace: string): any {
    this.validate(path);
    const prefix = this.prefixTemplate.split('{namespace}').join(namespace).replace(/^\/+|\/+$/g, '');
    const base = prefix.replace(/(^|\/)v2\/artifacts$/, '');
    const keyFormat = [base, '{{workflow.name}}', '{{workflow.creationTimestamp.Y}}', '{{workflow.creationTimestamp.m}}',
      '{{workflow.creationTimestamp.d}}', '{{pod.name}}'].filter((p) => p !== '').join('/');
    const s = this.settings;
    if (this.scheme === 'gs') {
      const gcs: any = { bucket: this.bucket, keyFormat };
      if (this.credentials) gcs.serviceAccountKeySecret = { name: this.credentials.name, key: s.tokenKey };
      return { archiveLogs: true, gcs };
    }
    const s3: any = { endpoint: s.endpoint, bucket: this.bucket, region: s.region, keyFormat, insecure: s.disableSsl };
    if (this.credentials) {
      s3.accessKeySecret = { name: this.credentials.name, key: s.accessKeyKey };
      s3.secretKeySecret = { name: this.credentials.name, key: s.secretKeyKey };
    } else {
      s3.useSDKCreds = true;
    }
    return { archiveLogs: true, s3 };
  }

  /** Host, port and TLS of the object store the team's pods reach. @internal */
  public _endpoint(): { host: string; port: number; secure: boolean } {
    if (this.scheme === 'gs') return { host: 'storage.googleapis.com', port: 443, secure: true };
    const [host, port] = String(this.settings.endpoint).split(':');
    const secure = !this.settings.disableSsl;
    return { host, port: port ? Number(port) : (secure ? 443 : 80), secure };
  }

  private validate(path: string): void {
    const where = `${path}: pipelineRoot`;
    if (typeof this.bucket !== 'string' || !BUCKET.test(this.bucket) || this.bucket.includes('..')) {
      throw new Error(`${where} bucket is ${JSON.stringify(this.bucket)} (expected a bucket name: 3-63 lowercase letters, digits, '.' and '-')`);
    }
    if (typeof this.prefixTemplate !== 'string' || /[?#\s]/.test(this.prefixTemplate) || this.prefixTemplate.includes('..')) {
      throw new Error(`${where} prefix is ${JSON.stringify(this.prefixTemplate)} (expected a key prefix without '?', '#', spaces or '..')`);
    }
    const s = this.settings;
    if (this.scheme !== 'gs') {
      if (typeof s.endpoint !== 'string' || !ENDPOINT.test(s.endpoint)) {
        throw new Error(`${where} endpoint is ${JSON.stringify(s.endpoint)} (expected host[:port] without a scheme, for example 's3.eu-west-1.amazonaws.com')`);
      }
      if (typeof s.region !== 'string' || s.region === '') {
        throw new Error(`${where} region is ${JSON.stringify(s.region)} (expected a region such as 'eu-west-1')`);
      }
      for (const key of ['accessKeyKey', 'secretKeyKey']) {
        if (typeof s[key] !== 'string' || !SECRET_KEY.test(s[key])) throw new Error(`${where} ${key} is ${JSON.stringify(s[key])} (expected a Secret key name)`);
      }
    } else if (typeof s.tokenKey !== 'string' || !SECRET_KEY.test(s.tokenKey)) {
      throw new Error(`${where} tokenKey is ${JSON.stringify(s.tokenKey)} (expected a Secret key name)`);
    }
    if (this.scheme === 'minio' && !this.credentials) {
      throw new Error(`${where} has no credentials (expected an ISecret with the MinIO/SeaweedFS access keys; minio:// has no ambient credentials)`);
    }
    if (this.credentials !== undefined && (typeof this.credentials.name !== 'string' || this.credentials.name === '')) {
      throw new Error(`${where} credentials has no name (expected a Secret, for example Secret.fromSecretName(scope, 'creds', 'ml-team-s3'))`);
    }
  }
}
