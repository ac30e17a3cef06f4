/**
 * `KubeflowPipelines`: the KFP 2.17.0 standalone install, one construct per component.
 */
import { ApiObject, Duration, SizeRoundingBehavior } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { isCustomResource, waveOf } from './argocd';
import { ComponentOptions, IKfpComponent } from './component';
import { Annotations } from '../util/annotations';
import { describeValue } from '../util/describe';
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
import { addAvailability, availabilityProblems, TopologySpreadOptions } from './hardening/availability';
import { MetadataBackup, MetadataBackupOptions, BACKUP_CRONJOB } from './hardening/backup';
import { Credentials, CredentialsSource, literalKeys } from './hardening/credentials';
import { KfpMonitoring, KfpMonitoringOptions } from './hardening/monitoring';
import { KfpNetworkPolicies, KfpNetworkPolicyOptions } from './hardening/network-policies';
import { ImageLock } from './image-lock';
import { isImageReference, isRegistry } from './image-ref';
import { KfpImageOverrides, KfpImages } from './images';
import { InstallRbac, InstallRbacRule, RbacParams } from './install-rbac';
import { EnvSource, isDnsLabel, isoDuration, quantityValue } from './internal';
import { DatabaseSecretRef, IKfpTenant, IKubeflowPipelines, isKfpTenant, ObjectStoreKeysRef } from './kubeflow-pipelines-api';
import { ObjectStore, ObjectStoreKind } from './object-store';
import { PipelineStore } from './pipeline-store';
import { runProductionHooks } from './production-mode';
import { SecretRef } from './secret-ref';
import { WorkflowControllerScope } from './workflow-controller-scope';
import { Marker } from '../util/marker';

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
   * Use cert-manager for webhook certificates (the v1 cache server, and the PipelineVersion
   * webhooks in Kubernetes-native mode). Declared Certificates replace upstream's cache deployer,
   * which creates a Secret and a MutatingWebhookConfiguration at run time, so nothing is ever
   * created outside git.
   *
   * Off by default so that the default install works on any cluster: the only webhook it would
   * serve is the v1 cache server, which v2 pipelines don't use (they cache through the driver).
   * @default - true with `PipelineStore.KUBERNETES` (its webhooks need certificates), else false
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
  /**
   * Digests of the install's images (`ImageLock.fromFile('images.lock.json')`): each locked image
   * is written as `repository@sha256:…`, looked up by the reference the install would use
   * (after `imageRegistry` and `images`). In production mode the checklist warns about every
   * image of the install that is pinned by tag only.
   * @default images pinned by tag
   */
  readonly imageLock?: ImageLock;
  /**
   * The RBAC of the install's own workloads. Least privilege by default: every rule is derived
   * from what the component calls (`kfp.rbacRules` lists each with its reason), Secrets only by
   * name, no wildcard, no `pods/exec`. `InstallRbac.UPSTREAM` keeps upstream's broader grants
   * (the production checklist then fails unless the item is waived).
   * @default InstallRbac.leastPrivilege()
   */
  readonly rbac?: InstallRbac;
  /** Replicas and resources per component. @default upstream's */
  readonly components?: KfpComponentsOptions;
  /**
   * Run the v1 cache server (a pod-mutating webhook for v1 pipelines). v2 caching does not need it.
   * @default true when certManager is true
   */
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
   * does not write with literal data, and the app's `ProductionChecklist` is checked at synth
   * (database, artifact store, tenants, pinned versions, monitoring, backups, credentials,
   * NetworkPolicies, PodDisruptionBudgets...): failures fail synth, and
   * `production-checklist.md` is written next to the manifests.
   * @default false
   */
  readonly production?: boolean;
  /**
   * Prometheus Operator monitoring: a ServiceMonitor, PodMonitors, alerts and a Grafana
   * dashboard (`KfpMonitoring`). `{}` turns it on with defaults.
   * @default no monitoring
   */
  readonly monitoring?: KfpMonitoringOptions;
  /**
   * Scheduled backups of the metadata database to the object store (`MetadataBackup`).
   * `{}` turns them on with defaults (daily at 02:00 UTC, kept 30 days).
   * @default no backups
   */
  readonly backup?: MetadataBackupOptions;
  /**
   * Default-deny NetworkPolicies in the KFP namespace with precise allows
   * (`KfpNetworkPolicies`). `{}` turns them on with defaults.
   * @default no NetworkPolicies beyond upstream's SeaweedFS policy
   */
  readonly networkPolicies?: KfpNetworkPolicyOptions;
  /**
   * How replicas of components with more than one replica are spread over zones and nodes.
   * @default prefer distinct zones and nodes
   */
  readonly topologySpread?: TopologySpreadOptions;
  /**
   * Which namespaces the Argo workflow controller manages. `NAMESPACED` is upstream's standalone
   * install (the KFP namespace only); `CLUSTER` drops `--namespaced` and gives it Argo's cluster
   * RBAC, which tenants (`addTenant()`, or `Tenant`'s `kfp` prop) need to run pipelines.
   * @default NAMESPACED, and CLUSTER as soon as a tenant is connected
   */
  readonly workflowControllerScope?: WorkflowControllerScope;
}

const KFP_MARKER = new Marker('cdk8s-kfp.KubeflowPipelines');

/** Components that must run one replica: they have no leader election in KFP 2.17. */
const SINGLETONS: { [key: string]: string } = {
  scheduledWorkflowController: 'the ScheduledWorkflow controller has no leader election in KFP 2.17: every replica would start each scheduled run',
};
/** Components that work with several replicas but gain nothing from them. */
const DUPLICATING: { [key: string]: string } = {
  persistenceAgent: 'every persistence agent replica reports every workflow (no leader election)',
  viewerController: 'every viewer controller replica reconciles every Viewer (no leader election)',
  metadataWriter: 'every metadata writer replica records every pod (no leader election)',
};

const COMPONENT_KEYS = [
  'apiServer', 'ui', 'persistenceAgent', 'scheduledWorkflowController', 'viewerController', 'visualizationServer',
  'metadataGrpcServer', 'metadataEnvoy', 'metadataWriter', 'cacheServer', 'workflowController',
];

/**
 * The KFP 2.17.0 standalone install: the same working install as upstream's
 * `platform-agnostic` env plus `cluster-scoped-resources`, typed and configurable.
 */
export class KubeflowPipelines extends Construct implements IKubeflowPipelines {
  /** Whether `x` is a `KubeflowPipelines` install. */
  public static isKubeflowPipelines(x: any): x is KubeflowPipelines {
    return KFP_MARKER.has(x);
  }

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
  /** The monitoring, when `monitoring` is set. */
  public readonly monitoring?: KfpMonitoring;
  /** The metadata backup, when `backup` is set. */
  public readonly backup?: MetadataBackup;
  /** The NetworkPolicies, when `networkPolicies` is set. */
  public readonly networkPolicies?: KfpNetworkPolicies;
  /** The PodDisruptionBudgets of components with more than one replica. */
  public readonly disruptionBudgets: ApiObject[];
  /** Whether the install is in production mode. */
  public readonly production: boolean;
  /** The RBAC of the install's own workloads. */
  public readonly rbac: InstallRbac;
  /** The image digests, if the install uses a lock. */
  public readonly imageLock?: ImageLock;
  /** The Secret and keys of the database credentials. @internal */
  public readonly _databaseSecret: DatabaseSecretRef;
  /** The Secret and keys of the object store access keys, if any. @internal */
  public readonly _objectStoreKeys?: ObjectStoreKeysRef;
  /** Every credential Secret the install reads, with what it is for. @internal */
  public readonly _credentialSecrets: Array<[string, kplus.ISecret]>;
  private readonly argoCdWaves: boolean;
  private readonly rulesByRole = new Map<string, () => InstallRbacRule[]>();
  private readonly dataComponents: IKfpComponent[] = [];
  private readonly connectedTenants: IKfpTenant[] = [];
  private readonly wfController: WorkflowController;
  private readonly requestedScope?: WorkflowControllerScope;
  private readonly shipsCrds: boolean;
  private warnedSecondArgo = false;

  constructor(scope: Construct, id: string, props: KubeflowPipelinesProps = {}) {
    super(scope, id);
    KFP_MARKER.mark(this);
    const path = this.node.path;
    this.namespace = props.namespace ?? 'kubeflow';
    this.database = props.database ?? Database.mysql();
    this.objectStore = props.objectStore ?? ObjectStore.seaweedfs();
    this.pipelineStore = props.pipelineStore ?? PipelineStore.DATABASE;
    const certManager = props.certManager ?? (props.pipelineStore === PipelineStore.KUBERNETES);
    const cacheEnabled = props.cacheServer ?? certManager;
    const production = props.production ?? false;
    this.production = production;
    this.argoCdWaves = props.argoCd ?? true;

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
    if (props.imageLock !== undefined && !(props.imageLock instanceof ImageLock)) {
      problems.push(`imageLock is ${describeValue(props.imageLock)}; expected an ImageLock (ImageLock.fromFile('images.lock.json'))`);
    }
    if (props.rbac !== undefined && !(props.rbac instanceof InstallRbac)) {
      problems.push(`rbac is ${describeValue(props.rbac)}; expected InstallRbac.leastPrivilege() or InstallRbac.UPSTREAM`);
    }
    this.imageLock = props.imageLock instanceof ImageLock ? props.imageLock : undefined;
    this.rbac = props.rbac instanceof InstallRbac ? props.rbac : InstallRbac.leastPrivilege();
    this.images = KfpImages._resolve(props.imageRegistry, props.images ?? {}, this.imageLock);
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
      } else if (replicas > 1 && SINGLETONS[key]) {
        problems.push(`components.${key}.replicas is ${replicas}; expected 1, because ${SINGLETONS[key]}`);
      }
      const r = components[key]?.resources;
      for (const [name, request, limit] of [['cpu', r?.cpu?.request?.amount, r?.cpu?.limit?.amount], ['memory', r?.memory?.request, r?.memory?.limit]] as Array<[string, any, any]>) {
        if (request === undefined || limit === undefined) continue;
        const req = name === 'cpu' ? quantityValue(String(request)) : request.toMebibytes({ rounding: SizeRoundingBehavior.NONE });
        const lim = name === 'cpu' ? quantityValue(String(limit)) : limit.toMebibytes({ rounding: SizeRoundingBehavior.NONE });
        if (req !== undefined && lim !== undefined && req > lim) {
          problems.push(`components.${key}.resources: the ${name} request is above the ${name} limit; expected a request at most the limit`);
        }
      }
    }
    problems.push(...availabilityProblems(Object.keys(components).map((key) => ({
      key, replicas: components[key]?.replicas, minAvailable: components[key]?.minAvailable,
    }))));
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
    const scopes = Object.values(WorkflowControllerScope) as string[];
    if (props.workflowControllerScope !== undefined && !scopes.includes(props.workflowControllerScope)) {
      problems.push(`workflowControllerScope is ${JSON.stringify(props.workflowControllerScope)}; expected WorkflowControllerScope.NAMESPACED or WorkflowControllerScope.CLUSTER`);
    }
    this.requestedScope = props.workflowControllerScope;

    // Credentials: your Secrets, or one dev-only Secret.
    const needsDevDb = !this.database.credentials;
    const needsDevStore = this.objectStore.inCluster && !this.objectStore.credentials;
    if (production) {
      if (needsDevDb) problems.push(`production is true but ${this.database._factory} has no credentials; expected an ISecret reference`);
      if (needsDevStore) problems.push(`production is true but ${this.objectStore._factory} has no credentials; expected an ISecret reference`);
      for (const [where, secret] of this.secretsInUse(props)) {
        const keys = literalKeys(secret);
        if (keys.length || Credentials.sourceOf(secret) === CredentialsSource.LITERAL) {
          problems.push(`production is true but ${where} is the Secret '${secret.name}' whose data${keys.length ? ` (${keys.join(', ')})` : ''} is written in this app; expected a reference to a Secret managed outside the manifests (Credentials.fromSecret, Credentials.fromExternalSecret)`);
        }
      }
    }
    if (problems.length > 0) {
      throw new Error(`KubeflowPipelines at '${path}': ${problems.length === 1 ? problems[0] : `${problems.length} problems:\n  - ${problems.join('\n  - ')}`}`);
    }

    const ns = this.namespace;
    if (props.createNamespace ?? true) namespaceObject(this, ns, production);
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
      devSecret = Credentials._devLiteral(this, 'DevCredentials', {
        name: DEV_CREDENTIALS_SECRET,
        namespace: ns,
        labels: { 'application-crd-id': 'kubeflow-pipelines' },
        annotations: { 'kfp.cdk8s.io/dev-only': 'Well-known dev credentials. Do not use in production: pass your own ISecret and set production: true.' },
        stringData: data,
      }).secret;
      this.devCredentials = devSecret;
      Annotations.of(this).addWarning(`The install uses dev-only credentials (Secret '${DEV_CREDENTIALS_SECRET}': ${[needsDevDb ? 'database' : '', needsDevStore ? 'object store' : ''].filter(Boolean).join(' and ')}). Pass your own ISecret and set production: true for a real cluster.`);
    }
    if (this.database.engine === DatabaseEngine.POSTGRES) {
      Annotations.of(this).addWarning('KFP 2.17.0 does not treat its PostgreSQL support as production-ready (kubeflow/pipelines#14353, #13822): test upgrades and backups before relying on it.');
    }

    const dbSecret = this.database.credentials?.name ?? DEV_CREDENTIALS_SECRET;
    this._databaseSecret = {
      name: dbSecret,
      usernameKey: this.database.credentials ? this.database.usernameKey : 'username',
      passwordKey: this.database.credentials ? this.database.passwordKey : 'password',
    };
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
    if (storeAccessKey && storeSecretKey) {
      this._objectStoreKeys = { name: storeAccessKey.name, accessKeyKey: storeAccessKey.key, secretKeyKey: storeSecretKey.key };
    }
    this._credentialSecrets = this.secretsInUse(props);
    if (devSecret) {
      const what = [needsDevDb ? 'database credentials' : '', needsDevStore ? 'object store credentials' : ''].filter(Boolean).join(' and ');
      this._credentialSecrets.push([`${what} (dev)`, devSecret]);
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
      rbac: this.rbacParams(),
      registerRules: (key, produce) => { this.rulesByRole.set(key, produce); },
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

    const dataComponents = this.dataComponents;
    if (this.database.inCluster) {
      this.databaseServer = this.database.engine === DatabaseEngine.POSTGRES ? new PostgresServer(this, 'Postgres', ctx) : new MysqlServer(this, 'Mysql', ctx);
      dataComponents.push(this.databaseServer);
    }
    if (this.objectStore.kind === ObjectStoreKind.SEAWEEDFS) this.objectStoreServer = new SeaweedFs(this, 'SeaweedFs', ctx);
    if (this.objectStore.kind === ObjectStoreKind.MINIO) this.objectStoreServer = new MinioServer(this, 'Minio', ctx);
    if (this.objectStoreServer) dataComponents.push(this.objectStoreServer);

    const workflowController = new WorkflowController(this, 'WorkflowController', { ...ctx, workflowTtlSeconds: retention ?? 3600 });
    this.workflowController = workflowController;
    this.wfController = workflowController;
    this.shipsCrds = props.crds ?? true;
    if (props.workflowControllerScope === WorkflowControllerScope.CLUSTER) {
      workflowController.enableClusterScope();
      this.warnIfSecondClusterArgo();
    }
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

    // Production hardening: availability, then the optional monitoring, backups and NetworkPolicies.
    for (const key of Object.keys(components)) {
      if ((components[key]?.replicas ?? 1) > 1 && DUPLICATING[key]) {
        Annotations.of(this).addWarning(`components.${key}.replicas is ${components[key].replicas}: ${DUPLICATING[key]}; one replica is enough, and Kubernetes restarts it`);
      }
    }
    const byKey: { [key: string]: IKfpComponent | undefined } = {
      apiServer: this.apiServer,
      ui: this.ui,
      persistenceAgent: this.persistenceAgent,
      scheduledWorkflowController: this.scheduledWorkflowController,
      viewerController: this.viewerController,
      visualizationServer: this.visualizationServer,
      metadataGrpcServer: this.metadataGrpcServer,
      metadataEnvoy: this.metadataEnvoy,
      metadataWriter: this.metadataWriter,
      cacheServer: this.cacheServer,
      workflowController: this.workflowController,
    };
    this.disruptionBudgets = addAvailability(Object.keys(components)
      .filter((key) => byKey[key] && (components[key]?.replicas ?? 1) > 1)
      .map((key) => ({ key, component: byKey[key]!, replicas: components[key].replicas, minAvailable: components[key].minAvailable })),
    props.topologySpread);
    if (props.backup) this.backup = new MetadataBackup(this, 'Backup', { ...props.backup, kfp: this });
    if (props.monitoring) {
      this.monitoring = new KfpMonitoring(this, 'Monitoring', { ...props.monitoring, kfp: this, backupCronJobName: this.backup ? BACKUP_CRONJOB : undefined });
    }
    if (props.networkPolicies) this.networkPolicies = new KfpNetworkPolicies(this, 'NetworkPolicies', { ...props.networkPolicies, kfp: this });

    if (this.argoCdWaves) this.annotateForArgoCd(this);
    if (production) runProductionHooks(this);
  }

  /**
   * Every rule of the install's Roles and ClusterRoles, with why it is granted and where the
   * upstream source makes the call.
   */
  public get rbacRules(): InstallRbacRule[] {
    return [...this.rulesByRole.values()].flatMap((produce) => produce());
  }

  /** The Secrets that pipeline pods and the UI read by name: the object-store keys and the GCS key. */
  private rbacParams(): RbacParams {
    const names = new Set<string>();
    if (this._objectStoreKeys) names.add(this._objectStoreKeys.name);
    const sak = this.objectStore._options?.serviceAccountKey;
    if (sak) names.add(sak.name);
    return { rbac: this.rbac, credentialSecrets: [...names].sort(), kubernetesPipelineStore: this.pipelineStore === PipelineStore.KUBERNETES };
  }

  /** Which namespaces the Argo workflow controller manages now. */
  public get workflowControllerScope(): WorkflowControllerScope {
    return this.wfController.isClusterScoped ? WorkflowControllerScope.CLUSTER : WorkflowControllerScope.NAMESPACED;
  }

  /** The tenants connected to this install, whose namespaces its workflow controller manages. */
  public get tenants(): IKfpTenant[] {
    return [...this.connectedTenants];
  }

  /**
   * Connects a tenant: the workflow controller manages its namespace (it becomes cluster-wide
   * unless `workflowControllerScope` is `NAMESPACED`, which fails), the tenant gets Argo's
   * `artifact-repositories` ConfigMap for log archiving and, when it asks for them, its
   * NetworkPolicies, and this install's NetworkPolicies admit its run pods. The tenant may be in
   * another chart of the app. Same as `new Tenant(scope, id, { kfp, ... })`.
   */
  public addTenant(tenant: IKfpTenant): void {
    const path = this.node.path;
    if (!isKfpTenant(tenant)) {
      throw new Error(`KubeflowPipelines at '${path}': addTenant got ${describeValue(tenant)}; expected a Tenant`);
    }
    if (this.connectedTenants.includes(tenant)) return;
    const where = `KubeflowPipelines at '${path}': cannot serve tenant '${tenant.namespaceName}' (${tenant.node.path})`;
    if (this.requestedScope === WorkflowControllerScope.NAMESPACED) {
      throw new Error(`${where}: workflowControllerScope is NAMESPACED, so the Argo workflow controller runs with --namespaced and only starts Workflows in '${this.namespace}'; ` +
        'expected workflowControllerScope: WorkflowControllerScope.CLUSTER (or unset) to run pipelines in tenant namespaces');
    }
    if (tenant.namespaceName === this.namespace) {
      throw new Error(`${where}: the tenant's namespace is the KFP namespace '${this.namespace}'; expected a namespace of its own for the team`);
    }
    const clash = this.connectedTenants.find((t) => t.namespaceName === tenant.namespaceName);
    if (clash) throw new Error(`${where}: tenant ${clash.node.path} already uses namespace '${tenant.namespaceName}'; expected one tenant per namespace`);
    tenant._connect(this);
    this.connectedTenants.push(tenant);
    const created = this.wfController.enableClusterScope();
    if (created.length && this.argoCdWaves) this.annotateForArgoCd(this.wfController);
    this.warnIfSecondClusterArgo();
  }

  /**
   * `crds: false` says the cluster already runs Argo Workflows. If that Argo watches the whole
   * cluster too, two controllers would start every Workflow (KFP's compiled Workflows carry no
   * controller instance ID), so say so once.
   */
  private warnIfSecondClusterArgo(): void {
    if (this.shipsCrds || this.warnedSecondArgo) return;
    this.warnedSecondArgo = true;
    Annotations.of(this).addWarning('The workflow controller is cluster-wide and crds is false (an existing Argo Workflows install): '
      + 'if that Argo also watches every namespace, both controllers act on every Workflow. Run only one cluster-wide controller, '
      + 'or keep this one namespaced (workflowControllerScope: NAMESPACED) and run tenant pipelines on the existing Argo.');
  }

  /** The component with this workload name (`ml-pipeline`, `mysql`...), if installed. */
  public component(componentName: string): IKfpComponent | undefined {
    return this.components.find((c) => c.componentName === componentName);
  }

  /**
   * Adds the install's Argo CD sync waves to the objects under `scope` (hardening constructs
   * created outside the install call this), when the install uses them.
   * @internal
   */
  public _annotateForArgoCd(scope: IConstruct): void {
    if (this.argoCdWaves) this.annotateForArgoCd(scope);
  }

  private annotateForArgoCd(scope: IConstruct): void {
    const roleOf = new Map<IConstruct, 'data' | 'controller' | 'ui'>();
    for (const c of this.dataComponents) roleOf.set(c, 'data');
    roleOf.set(this.ui, 'ui');
    for (const child of scope.node.findAll()) {
      if (!(child instanceof ApiObject)) continue;
      let role: 'data' | 'controller' | 'ui' = 'controller';
      const stop = (s: IConstruct) => s === this || s === scope.node.scope;
      for (let s: IConstruct | undefined = child.node.scope; s && !stop(s); s = s.node.scope) {
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
