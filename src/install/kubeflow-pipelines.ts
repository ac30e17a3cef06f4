/**
 * `KubeflowPipelines`: the KFP 2.17.0 standalone install, one construct per component.
 */
import { ApiObject, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Annotations } from './annotations';
import { isCustomResource, waveOf } from './argocd';
import { ComponentOptions, IKfpComponent } from './component';
import { ApiServer } from './components/api-server';
import { CacheServer } from './components/cache-server';
import { PersistenceAgent, ScheduledWorkflowController, ViewerController, VisualizationServer } from './components/controllers';
import { MinioServer, MysqlServer, PostgresServer, SeaweedFs } from './components/data-stores';
import { InstallConfig, namespaceObject, PipelineRunner } from './components/install-config';
import { MetadataEnvoy, MetadataGrpcServer, MetadataWriter } from './components/metadata';
import { PipelineUi } from './components/ui';
import { WorkflowController } from './components/workflow-controller';
import { InstallContext } from './context';
import { ARGO_CRDS, KFP_CRDS, PIPELINE_STORE_CRDS } from './crds';
import { crdName, toCrdManifest } from './crds/definition';
import { Database, DatabaseEngine } from './database';
import { isImageReference, isRegistry } from './image-ref';
import { KfpImageOverrides, KfpImages } from './images';
import { EnvSource, isDnsLabel, isoDuration } from './internal';
import { ObjectStore, ObjectStoreKind } from './object-store';
import { PipelineStore } from './pipeline-store';
import { SecretRef } from './secret-ref';

/** The name of the Secret holding the default install's dev-only credentials. */
export const DEV_CREDENTIALS_SECRET = 'kfp-dev-credentials';

/** Options of each component. */
export interface KfpComponentsOptions {
  /** The API server (`ml-pipeline`). @default 1 replica, requests 250m/500Mi */
  readonly apiServer?: ComponentOptions;
  /** The UI (`ml-pipeline-ui`). @default 1 replica, requests 10m/70Mi */
  readonly ui?: ComponentOptions;
  /** @default 1 replica, requests 120m/500Mi */
  readonly persistenceAgent?: ComponentOptions;
  /** @default 1 replica, requests 50m/100Mi */
  readonly scheduledWorkflowController?: ComponentOptions;
  /** @default 1 replica, requests 10m/64Mi */
  readonly viewerController?: ComponentOptions;
  /** @default 1 replica, requests 30m/500Mi */
  readonly visualizationServer?: ComponentOptions;
  /** The ML Metadata gRPC server. @default 1 replica, requests 50m/128Mi */
  readonly metadataGrpcServer?: ComponentOptions;
  /** The ML Metadata Envoy proxy. @default 1 replica, requests 10m/32Mi */
  readonly metadataEnvoy?: ComponentOptions;
  /** @default 1 replica, requests 10m/64Mi */
  readonly metadataWriter?: ComponentOptions;
  /** @default 1 replica, requests 10m/64Mi */
  readonly cacheServer?: ComponentOptions;
  /** The Argo workflow controller. @default 1 replica, requests 100m/500Mi */
  readonly workflowController?: ComponentOptions;
}

/** TLS for the API server's PipelineVersion webhooks when cert-manager is not used. */
export interface WebhookTls {
  /** A `kubernetes.io/tls` Secret in the KFP namespace valid for `ml-pipeline.<namespace>.svc`. */
  readonly secret: kplus.ISecret;
  /** The base64-encoded PEM CA bundle that signed the certificate. */
  readonly caBundle: string;
}

/** Cache staleness of the v1 cache server. */
export interface CacheStaleness {
  /** Staleness used when a task sets none. @default unlimited */
  readonly default?: Duration;
  /** The largest staleness any task may use. @default unlimited */
  readonly maximum?: Duration;
}

export interface KubeflowPipelinesProps {
  /** The namespace of the install. @default kubeflow */
  readonly namespace?: string;
  /** Create the Namespace object. @default true */
  readonly createNamespace?: boolean;
  /** The database. @default Database.mysql() */
  readonly database?: Database;
  /** The object store. @default ObjectStore.seaweedfs() */
  readonly objectStore?: ObjectStore;
  /** Where pipelines and pipeline versions are stored. @default PipelineStore.DATABASE */
  readonly pipelineStore?: PipelineStore;
  /**
   * Use cert-manager for webhook certificates (cache server, and the PipelineVersion webhooks in
   * Kubernetes-native mode). Declared Certificates replace upstream's cache deployer, which
   * creates a Secret and a MutatingWebhookConfiguration at run time.
   * @default true
   */
  readonly certManager?: boolean;
  /** TLS for the PipelineVersion webhooks without cert-manager. @default cert-manager issues it */
  readonly webhookTls?: WebhookTls;
  /**
   * Ship the CRDs (Argo's, ScheduledWorkflow, Viewer, and Pipeline/PipelineVersion in
   * Kubernetes-native mode). Set `false` on clusters that already run Argo Workflows.
   * @default true
   */
  readonly crds?: boolean;
  /**
   * A registry mirror for every image, e.g. `registry.example.com/mirror`
   * (`ghcr.io/kubeflow/kfp-api-server:2.17.0` → `registry.example.com/mirror/kubeflow/kfp-api-server:2.17.0`).
   * @default upstream registries
   */
  readonly imageRegistry?: string;
  /** Per-image overrides (used as written, not mirrored). @default upstream 2.17.0 images */
  readonly images?: KfpImageOverrides;
  /** Replicas and resources per component. @default upstream's */
  readonly components?: KfpComponentsOptions;
  /** Run the v1 cache server (pod-mutating webhook). v2 caching does not need it. @default true when certManager is true */
  readonly cacheServer?: boolean;
  /** Time zone of recurring-run cron schedules (IANA name). @default UTC */
  readonly cronScheduleTimezone?: string;
  /** v1 cache staleness. @default unlimited */
  readonly cacheStaleness?: CacheStaleness;
  /** How long artifacts are kept (written as ARTIFACT_RETENTION_DAYS). @default forever */
  readonly artifactRetention?: Duration;
  /**
   * How long finished runs' Argo Workflow objects stay in the cluster (Argo's TTL and the
   * persistence agent's). Run records in the database are kept.
   * @default 1 hour (Argo) and 1 day (persistence agent), as upstream
   */
  readonly workflowRetention?: Duration;
  /** Add Argo CD sync-wave and sync-option annotations. @default true */
  readonly argoCd?: boolean;
  /**
   * Production mode: every credential must be an `ISecret` reference to a Secret that this app
   * does not write with literal data; synth fails otherwise.
   * @default false
   */
  readonly production?: boolean;
}

const COMPONENT_KEYS = [
  'apiServer', 'ui', 'persistenceAgent', 'scheduledWorkflowController', 'viewerController', 'visualizationServer',
  'metadataGrpcServer', 'metadataEnvoy', 'metadataWriter', 'cacheServer', 'workflowController',
];

/**
 * The KFP 2.17.0 standalone install: the same working install as upstream's
 * `platform-agnostic` env plus `cluster-scoped-resources`, typed and configurable.
 */
export class KubeflowPipelines extends Construct {
  public readonly namespace: string;
  public readonly database: Database;
  public readonly objectStore: ObjectStore;
  public readonly pipelineStore: PipelineStore;
  public readonly images: KfpImages;
  /** The API server's in-cluster host (`ml-pipeline.<namespace>.svc.cluster.local`). */
  public readonly apiServerHost: string;
  /** The API server's REST port. */
  public readonly apiServerHttpPort: number;
  /** The API server's gRPC port. */
  public readonly apiServerGrpcPort: number;
  /** The default pipeline root (also `objectStore.pipelineRoot`). */
  public readonly pipelineRoot: string;
  /** The `kfp-launcher` ConfigMap data (defaultPipelineRoot and providers) to copy into run namespaces. */
  public readonly launcherConfig: { [key: string]: string };
  /** The ServiceAccount pipeline pods run as. */
  public readonly pipelineRunnerServiceAccount: string;
  /** The Secret holding dev-only credentials, if the install uses any. */
  public readonly devCredentials?: kplus.ISecret;

  public readonly apiServer: IKfpComponent;
  public readonly ui: IKfpComponent;
  public readonly persistenceAgent: IKfpComponent;
  public readonly scheduledWorkflowController: IKfpComponent;
  public readonly viewerController: IKfpComponent;
  public readonly visualizationServer: IKfpComponent;
  public readonly metadataGrpcServer: IKfpComponent;
  public readonly metadataEnvoy: IKfpComponent;
  public readonly metadataWriter: IKfpComponent;
  public readonly workflowController: IKfpComponent;
  /** The v1 cache server, if installed. */
  public readonly cacheServer?: IKfpComponent;
  /** The in-cluster database server, if any. */
  public readonly databaseServer?: IKfpComponent;
  /** The in-cluster object store server, if any. */
  public readonly objectStoreServer?: IKfpComponent;
  /** Every component, in the order they were created. */
  public readonly components: IKfpComponent[];

  constructor(scope: Construct, id: string, props: KubeflowPipelinesProps = {}) {
    super(scope, id);
    const path = this.node.path;
    this.namespace = props.namespace ?? 'kubeflow';
    this.database = props.database ?? Database.mysql();
    this.objectStore = props.objectStore ?? ObjectStore.seaweedfs();
    this.pipelineStore = props.pipelineStore ?? PipelineStore.DATABASE;
    const certManager = props.certManager ?? true;
    const cacheEnabled = props.cacheServer ?? certManager;
    const production = props.production ?? false;

    const problems = [
      ...this.database._problems(),
      ...this.objectStore._problems(),
    ];
    if (!isDnsLabel(this.namespace)) {
      problems.push(`namespace is '${this.namespace}'; expected a DNS label (at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit)`);
    }
    if (props.imageRegistry !== undefined && !isRegistry(props.imageRegistry)) {
      problems.push(`imageRegistry is '${props.imageRegistry}'; expected a registry host with an optional path, such as 'registry.example.com/mirror' (no scheme, no trailing '/')`);
    }
    this.images = KfpImages._resolve(props.imageRegistry, props.images ?? {});
    for (const [key, ref] of this.images._entries()) {
      if (!isImageReference(ref)) {
        problems.push(`images.${key} is '${ref}'; expected an image reference such as 'registry.example.com/kubeflow/kfp-api-server:2.17.0'`);
      }
    }
    const components: any = props.components ?? {};
    for (const key of Object.keys(components)) {
      if (!COMPONENT_KEYS.includes(key)) problems.push(`components.${key} is not a component; expected one of ${COMPONENT_KEYS.join(', ')}`);
      const replicas = components[key]?.replicas;
      if (replicas !== undefined && (!Number.isInteger(replicas) || replicas < 1)) {
        problems.push(`components.${key}.replicas is ${replicas}; expected an integer of at least 1 (the component is required)`);
      }
    }
    if (this.pipelineStore === PipelineStore.KUBERNETES) {
      if (!certManager && !props.webhookTls) {
        problems.push('pipelineStore is KUBERNETES but certManager is false and no webhookTls is given; expected cert-manager (certManager: true) or webhookTls with a TLS Secret and its CA bundle for the PipelineVersion webhooks');
      }
      if (props.webhookTls && !(typeof props.webhookTls.caBundle === 'string' && props.webhookTls.caBundle.trim())) {
        problems.push('webhookTls.caBundle is empty; expected the base64-encoded PEM CA bundle of the webhook certificate');
      }
    } else if (props.webhookTls) {
      problems.push('webhookTls is set but pipelineStore is DATABASE; expected webhookTls only with PipelineStore.KUBERNETES');
    }
    if (props.cacheServer === true && !certManager) {
      problems.push('cacheServer is true but certManager is false; expected cert-manager for the cache webhook certificate (or cacheServer: false)');
    }
    const tz = props.cronScheduleTimezone ?? 'UTC';
    if (!/^(UTC|Local|[A-Za-z][A-Za-z_+-]*(\/[A-Za-z0-9_+-]+)+|Etc\/[A-Za-z0-9+-]+|[A-Z]{3,5}[0-9]?[A-Z]{0,4})$/.test(tz)) {
      problems.push(`cronScheduleTimezone is '${tz}'; expected an IANA time zone name such as 'UTC' or 'Europe/Paris'`);
    }
    if (props.workflowRetention !== undefined && props.workflowRetention.toSeconds() < 1) {
      problems.push('workflowRetention is under 1 second; expected a positive Duration');
    }

    // Credentials: your Secrets, or one dev-only Secret.
    const needsDevDb = !this.database.credentials;
    const needsDevStore = this.objectStore.inCluster && !this.objectStore.credentials;
    if (production) {
      if (needsDevDb) problems.push(`production is true but ${this.database._factory} has no credentials; expected an ISecret reference`);
      if (needsDevStore) problems.push(`production is true but ${this.objectStore._factory} has no credentials; expected an ISecret reference`);
      for (const [where, secret] of this.secretsInUse(props)) {
        const literal = literalSecretData(secret);
        if (literal) problems.push(`production is true but ${where} is the Secret '${secret.name}' whose ${literal} is written in this app; expected a reference to a Secret managed outside the manifests (Secret.fromSecretName, ExternalSecrets...)`);
      }
    }
    if (problems.length > 0) {
      throw new Error(`KubeflowPipelines at '${path}': ${problems.length === 1 ? problems[0] : `${problems.length} problems:\n  - ${problems.join('\n  - ')}`}`);
    }

    const ns = this.namespace;
    if (props.createNamespace ?? true) namespaceObject(this, ns);
    if (props.crds ?? true) {
      const crds = [...ARGO_CRDS, ...KFP_CRDS, ...(this.pipelineStore === PipelineStore.KUBERNETES ? PIPELINE_STORE_CRDS : [])];
      const crdScope = new Construct(this, 'Crds');
      for (const facts of crds) new ApiObject(crdScope, crdName(facts), toCrdManifest(facts));
    }

    let devSecret: kplus.ISecret | undefined;
    if (needsDevDb || needsDevStore) {
      const data: { [k: string]: string } = {};
      if (needsDevStore) Object.assign(data, { accesskey: 'minio', secretkey: 'minio123' });
      if (needsDevDb) {
        Object.assign(data, this.database.engine === DatabaseEngine.POSTGRES
          ? { username: 'kfp', password: 'kfp-dev-only' }
          : { username: 'root', password: '' });
      }
      new ApiObject(this, 'DevCredentials', {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: {
          name: DEV_CREDENTIALS_SECRET,
          namespace: ns,
          labels: { 'application-crd-id': 'kubeflow-pipelines' },
          annotations: { 'kfp.cdk8s.io/dev-only': 'Well-known dev credentials. Do not use in production: pass your own ISecret and set production: true.' },
        },
        type: 'Opaque',
        stringData: data,
      });
      devSecret = kplus.Secret.fromSecretName(this, 'DevCredentialsRef', DEV_CREDENTIALS_SECRET);
      this.devCredentials = devSecret;
      Annotations.of(this).addWarning(`The install uses dev-only credentials (Secret '${DEV_CREDENTIALS_SECRET}': ${[needsDevDb ? 'database' : '', needsDevStore ? 'object store' : ''].filter(Boolean).join(' and ')}). Pass your own ISecret and set production: true for a real cluster.`);
    }
    if (this.database.engine === DatabaseEngine.POSTGRES) {
      Annotations.of(this).addWarning('KFP 2.17.0 does not treat its PostgreSQL support as production-ready (kubeflow/pipelines#14353, #13822): test upgrades and backups before relying on it.');
    }

    const dbSecret = this.database.credentials?.name ?? DEV_CREDENTIALS_SECRET;
    const dbUser: EnvSource = { secret: dbSecret, key: this.database.credentials ? this.database.usernameKey : 'username' };
    const dbPassword: EnvSource = { secret: dbSecret, key: this.database.credentials ? this.database.passwordKey : 'password' };
    let storeAccessKey: SecretRef | undefined;
    let storeSecretKey: SecretRef | undefined;
    if (this.objectStore.credentials) {
      storeAccessKey = { name: this.objectStore.credentials.name, key: this.objectStore.accessKeyKey };
      storeSecretKey = { name: this.objectStore.credentials.name, key: this.objectStore.secretKeyKey };
    } else if (needsDevStore) {
      storeAccessKey = { name: DEV_CREDENTIALS_SECRET, key: 'accesskey' };
      storeSecretKey = { name: DEV_CREDENTIALS_SECRET, key: 'secretkey' };
    }
    const retention = props.workflowRetention?.toSeconds();
    const ctx: InstallContext = {
      namespace: ns,
      images: this.images,
      database: this.database,
      objectStore: this.objectStore,
      dbUser,
      dbPassword,
      storeAccessKey,
      storeSecretKey,
      kubernetesPipelineStore: this.pipelineStore === PipelineStore.KUBERNETES,
      certManager,
      apiWebhookTls: props.webhookTls ? { secretName: props.webhookTls.secret.name, caBundle: props.webhookTls.caBundle } : undefined,
      cacheEnabled,
      options: (c) => components[c] ?? {},
      workflowTtlSeconds: retention ?? 3600,
    };

    const config = new InstallConfig(this, 'Config', ctx, {
      cronScheduleTimezone: tz,
      defaultCacheStaleness: (props.cacheStaleness?.default ? isoDuration(props.cacheStaleness.default.toSeconds()) : ''),
      maximumCacheStaleness: (props.cacheStaleness?.maximum ? isoDuration(props.cacheStaleness.maximum.toSeconds()) : ''),
      artifactRetentionDays: props.artifactRetention ? Math.max(1, Math.round(props.artifactRetention.toDays({ integral: false }))) : -1,
      logLevel: 'info',
      blockV1Pipelines: false,
      autoUpdatePipelineDefaultVersion: true,
    });
    this.launcherConfig = config.launcherData;
    new PipelineRunner(this, 'PipelineRunner', ctx);
    this.pipelineRunnerServiceAccount = 'pipeline-runner';

    const dataComponents: IKfpComponent[] = [];
    if (this.database.inCluster) {
      this.databaseServer = this.database.engine === DatabaseEngine.POSTGRES ? new PostgresServer(this, 'Postgres', ctx) : new MysqlServer(this, 'Mysql', ctx);
      dataComponents.push(this.databaseServer);
    }
    if (this.objectStore.kind === ObjectStoreKind.SEAWEEDFS) this.objectStoreServer = new SeaweedFs(this, 'SeaweedFs', ctx);
    if (this.objectStore.kind === ObjectStoreKind.MINIO) this.objectStoreServer = new MinioServer(this, 'Minio', ctx);
    if (this.objectStoreServer) dataComponents.push(this.objectStoreServer);

    this.workflowController = new WorkflowController(this, 'WorkflowController', { ...ctx, workflowTtlSeconds: retention ?? 3600 });
    this.metadataGrpcServer = new MetadataGrpcServer(this, 'MetadataGrpcServer', ctx);
    this.metadataEnvoy = new MetadataEnvoy(this, 'MetadataEnvoy', ctx);
    this.metadataWriter = new MetadataWriter(this, 'MetadataWriter', ctx);
    this.apiServer = new ApiServer(this, 'ApiServer', ctx);
    this.persistenceAgent = new PersistenceAgent(this, 'PersistenceAgent', { ...ctx, workflowTtlSeconds: retention ?? 86400 });
    this.scheduledWorkflowController = new ScheduledWorkflowController(this, 'ScheduledWorkflowController', ctx);
    this.viewerController = new ViewerController(this, 'ViewerController', ctx);
    this.visualizationServer = new VisualizationServer(this, 'VisualizationServer', ctx);
    if (cacheEnabled) this.cacheServer = new CacheServer(this, 'CacheServer', ctx);
    else Annotations.of(this).addInfo('The v1 cache server is not installed (cert-manager is off); v2 pipelines cache through the API server and are unaffected.');
    this.ui = new PipelineUi(this, 'Ui', ctx);

    this.components = [
      ...dataComponents,
      this.workflowController, this.metadataGrpcServer, this.metadataEnvoy, this.metadataWriter, this.apiServer,
      this.persistenceAgent, this.scheduledWorkflowController, this.viewerController, this.visualizationServer,
      ...(this.cacheServer ? [this.cacheServer] : []),
      this.ui,
    ];
    this.apiServerHost = `ml-pipeline.${ns}.svc.cluster.local`;
    this.apiServerHttpPort = 8888;
    this.apiServerGrpcPort = 8887;
    this.pipelineRoot = this.objectStore.pipelineRoot;

    if (props.argoCd ?? true) this.annotateForArgoCd(dataComponents);
  }

  /** The component with this workload name (`ml-pipeline`, `mysql`...), if installed. */
  public component(componentName: string): IKfpComponent | undefined {
    return this.components.find((c) => c.componentName === componentName);
  }

  private annotateForArgoCd(dataComponents: IKfpComponent[]): void {
    const roleOf = new Map<Construct, 'data' | 'controller' | 'ui'>();
    for (const c of dataComponents) roleOf.set(c as unknown as Construct, 'data');
    roleOf.set(this.ui as unknown as Construct, 'ui');
    for (const child of this.node.findAll()) {
      if (!(child instanceof ApiObject)) continue;
      let role: 'data' | 'controller' | 'ui' = 'controller';
      for (let s: Construct | undefined = child.node.scope as Construct | undefined; s && s !== this; s = s.node.scope as Construct | undefined) {
        const r = roleOf.get(s);
        if (r) { role = r; break; }
      }
      child.metadata.addAnnotation('argocd.argoproj.io/sync-wave', String(waveOf(child, role)));
      if (isCustomResource(child)) child.metadata.addAnnotation('argocd.argoproj.io/sync-options', 'SkipDryRunOnMissingResource=true');
    }
  }

  private secretsInUse(props: KubeflowPipelinesProps): Array<[string, kplus.ISecret]> {
    const out: Array<[string, kplus.ISecret]> = [];
    if (this.database.credentials) out.push([`${this.database._factory} credentials`, this.database.credentials]);
    if (this.objectStore.credentials) out.push([`${this.objectStore._factory} credentials`, this.objectStore.credentials]);
    const sak = this.objectStore._options?.serviceAccountKey;
    if (sak) out.push([`${this.objectStore._factory} serviceAccountKey`, sak]);
    if (props.webhookTls?.secret) out.push(['webhookTls.secret', props.webhookTls.secret]);
    return out;
  }
}

/** Describes literal data a Secret construct writes into the manifests, or `undefined`. */
function literalSecretData(secret: kplus.ISecret): string | undefined {
  if (!(secret instanceof kplus.Secret)) return undefined;
  const obj = secret.node.children.find((c) => c instanceof ApiObject) as ApiObject | undefined;
  const json = obj?.toJson() ?? {};
  const keys = [...Object.keys(json.data ?? {}), ...Object.keys(json.stringData ?? {})];
  return keys.length ? `data (${keys.join(', ')})` : undefined;
}
