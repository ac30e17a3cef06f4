import { ApiObject, Chart, Cron, Duration, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { sha256Hex } from '../hash';
import { IReconciledRecurringRun, IReconciledRun } from './declarations';
import { ReconcilerConfig } from './script';
import { reconcilerScript } from './shipped';
import { markApiClient } from '../../util/api-clients';
import { Marker } from '../../util/marker';

const RECONCILER = new Marker('cdk8s-kfp.KfpReconciler');
const isReconciler = (c: unknown): c is KfpReconciler => RECONCILER.has(c);
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const OWNER = /^[a-z0-9][a-z0-9./_-]*$/;
const CONFIG_DIR = '/etc/kfp-reconciler';
const TOKEN_DIR = '/var/run/secrets/kfp';


/** Options for {@link KfpApiAuth.serviceAccountToken}. */
export interface KfpTokenAuthOptions {
  /**
   * Audience of the projected token; must match the audience the KFP API server reviews tokens
   * for (its `TOKEN_REVIEW_AUDIENCE` setting).
   *
   * @default 'pipelines.kubeflow.org'
   */
  readonly audience?: string;

  /**
   * Lifetime of the projected token (the kubelet refreshes it).
   *
   * @default Duration.hours(1)
   */
  readonly expiration?: Duration;

  /**
   * Namespaces other than the reconciler's whose pipelines the recurring runs use (for example
   * the KFP namespace for shared pipelines). The service account gets read access to pipelines
   * there.
   *
   * @default - only the reconciler's namespace
   */
  readonly pipelineNamespaces?: string[];
}

/**
 * How the reconciler authenticates to the KFP API server.
 */
export class KfpApiAuth {
  /**
   * No authentication: single-user (standalone) KFP, where the API server does no authorization.
   * The pod gets no Kubernetes credentials at all.
   */
  public static none(): KfpApiAuth {
    return new KfpApiAuth(false, undefined, undefined, []);
  }

  /**
   * Multi-user KFP: the pod presents a projected service account token (audience
   * `pipelines.kubeflow.org`) as a bearer token. KFP reviews the token and authorizes each call
   * with a SubjectAccessReview on `pipelines.kubeflow.org` resources, so the reconciler creates a
   * Role and RoleBinding granting exactly the verbs it uses: experiments (get, list, create,
   * unarchive), jobs = recurring runs (get, list, create, delete, enable, disable), runs (get,
   * list, create) and pipelines (get, list).
   */
  public static serviceAccountToken(options: KfpTokenAuthOptions = {}): KfpApiAuth {
    return new KfpApiAuth(true, options.audience ?? 'pipelines.kubeflow.org', options.expiration ?? Duration.hours(1), [...(options.pipelineNamespaces ?? [])]);
  }

  /** Whether a service account token is sent. */
  public readonly usesToken: boolean;
  /** The token audience, when a token is sent. */
  public readonly audience?: string;
  /** The token lifetime, when a token is sent. */
  public readonly expiration?: Duration;
  /** Extra namespaces whose pipelines may be read. */
  public readonly pipelineNamespaces: string[];

  private constructor(usesToken: boolean, audience: string | undefined, expiration: Duration | undefined, pipelineNamespaces: string[]) {
    this.usesToken = usesToken;
    this.audience = audience;
    this.expiration = expiration;
    this.pipelineNamespaces = pipelineNamespaces;
  }
}

/** Props for {@link KfpReconciler}. */
export interface KfpReconcilerProps {
  /**
   * Namespace of the reconciler's objects, and the KFP namespace its experiments, recurring runs
   * and runs belong to (in multi-user KFP: the profile namespace).
   *
   * @default 'kubeflow'
   */
  readonly namespace?: string;

  /**
   * Base name of the reconciler's objects (ServiceAccount, ConfigMap, Job, CronJob): a DNS label
   * of at most 52 characters.
   *
   * @default 'kfp-reconciler'
   */
  readonly name?: string;

  /**
   * The ownership marker written into the description of every run this reconciler creates. It
   * only ever changes or deletes runs that carry its own marker, so reconcilers with different
   * owners never touch each other's runs, nor runs made by hand. Changing it orphans existing runs.
   *
   * @default '<namespace>/<name>'
   */
  readonly owner?: string;

  /**
   * Base URL of the KFP API server (HTTP port 8888 of the `ml-pipeline` Service).
   *
   * @default 'http://ml-pipeline.kubeflow.svc.cluster.local:8888'
   */
  readonly apiUrl?: string;

  /**
   * How to authenticate to the KFP API server.
   *
   * @default KfpApiAuth.none()
   */
  readonly auth?: KfpApiAuth;

  /**
   * Container image with Node.js 20 or later (the script uses the global `fetch`).
   *
   * @default 'node:20.18.1-alpine3.20'
   */
  readonly image?: string;

  /**
   * Delete recurring runs this reconciler created that git no longer declares.
   *
   * @default true
   */
  readonly prune?: boolean;

  /**
   * Also run the reconciler on a schedule (a CronJob), to repair drift: recurring runs deleted,
   * disabled or changed in the KFP UI are put back.
   *
   * @default true
   */
  readonly driftRepair?: boolean;

  /**
   * When the drift-repair CronJob runs.
   *
   * @default - every 30 minutes
   */
  readonly driftRepairSchedule?: Cron;

  /**
   * Run the sync Job as an Argo CD `PostSync` hook (re-created on every sync, after the Pipeline
   * and PipelineVersion objects are applied). Without Argo CD it is an ordinary Job, named after a
   * hash of its input so that a changed declaration creates a new Job.
   *
   * @default true
   */
  readonly argoCdHook?: boolean;

  /**
   * How long one reconcile may take before Kubernetes stops it (`activeDeadlineSeconds`).
   *
   * @default Duration.minutes(10)
   */
  readonly timeout?: Duration;

  /**
   * Retries of a failed reconcile pod (`backoffLimit`).
   *
   * @default 3
   */
  readonly retries?: number;

  /**
   * How long finished sync Jobs are kept (`ttlSecondsAfterFinished`).
   *
   * @default Duration.days(1)
   */
  readonly ttlAfterFinished?: Duration;

  /**
   * Container resources.
   *
   * @default - cpu 50m request / 500m limit, memory 64Mi request / 128Mi limit
   */
  readonly resources?: kplus.ContainerResources;

  /**
   * Extra labels on the reconciler pods (for NetworkPolicies, for example).
   *
   * @default - none
   */
  readonly podLabels?: { [key: string]: string };

  /**
   * Extra annotations on the reconciler pods.
   *
   * @default - none
   */
  readonly podAnnotations?: { [key: string]: string };

  /**
   * The pod runs with an Istio sidecar (multi-user Kubeflow with sidecar injection): the script
   * asks the sidecar to quit when it is done, so the Job can complete.
   *
   * @default false
   */
  readonly istioSidecar?: boolean;
}

/**
 * Keeps KFP's recurring runs (and one-off runs) in line with what the app declares, through the
 * KFP v2beta1 REST API, so they are visible and managed in the KFP UI.
 *
 * It synthesizes a ConfigMap with the declaration and the reconciler script, a Job that runs it
 * after every Argo CD sync (a `PostSync` hook), a CronJob that repairs drift, and a
 * ServiceAccount (plus, with token authentication, the Role and RoleBinding KFP checks). Pods
 * run on a pinned `node` image under the `restricted` Pod Security profile.
 *
 * Each pass: creates missing experiments; finds each declared recurring run by name among the
 * runs it owns; compares the spec hash stored in the run's description and re-creates the run
 * when it differs (KFP has no update API); enables or disables it as declared; and deletes the
 * runs it owns that git no longer declares.
 */
export class KfpReconciler extends Construct {
  /** The `node` image the reconciler runs on by default (pinned; override with `image`). */
  public static readonly DEFAULT_IMAGE = 'node:20.18.1-alpine3.20';

  /**
   * The reconciler of the chart that contains `scope`: the only `KfpReconciler` in that chart,
   * or a new one with default props when there is none.
   */
  public static of(scope: IConstruct): KfpReconciler {
    const chart = Chart.of(scope);
    const found = chart.node.findAll().filter(isReconciler);
    if (found.length === 1) return found[0];
    if (found.length > 1) {
      throw new Error(`${scope.node.path}: chart '${chart.node.path}' has ${found.length} KfpReconcilers ` +
        `(${found.map((r) => r.node.path).join(', ')}); set 'reconciler' to choose one`);
    }
    return new KfpReconciler(chart, 'kfp-reconciler');
  }

  /** Namespace of the reconciler and of the KFP objects it manages. */
  public readonly namespace: string;
  /** Base name of its objects. */
  public readonly name: string;
  /** Its ownership marker. */
  public readonly owner: string;
  /** The KFP API URL it calls. */
  public readonly apiUrl: string;
  /** The ConfigMap holding the script and the declaration. */
  public readonly configMap: ApiObject;
  /** The sync Job. */
  public readonly job: ApiObject;
  /** The drift-repair CronJob, if enabled. */
  public readonly cronJob?: ApiObject;
  /** The ServiceAccount its pods run as. */
  public readonly serviceAccount: ApiObject;

  private readonly recurring: IReconciledRecurringRun[] = [];
  private readonly oneOff: IReconciledRun[] = [];
  private readonly prune: boolean;
  private readonly auth: KfpApiAuth;

  public constructor(scope: Construct, id: string, props: KfpReconcilerProps = {}) {
    super(scope, id);
    RECONCILER.mark(this);
    const where = `KfpReconciler '${this.node.path}'`;
    this.namespace = props.namespace ?? 'kubeflow';
    markApiClient(this, this.namespace);
    this.name = props.name ?? 'kfp-reconciler';
    this.owner = props.owner ?? `${this.namespace}/${this.name}`;
    this.apiUrl = props.apiUrl ?? 'http://ml-pipeline.kubeflow.svc.cluster.local:8888';
    this.prune = props.prune ?? true;
    this.auth = props.auth ?? KfpApiAuth.none();
    if (!DNS_LABEL.test(this.namespace) || this.namespace.length > 63) {
      throw new Error(`${where}: namespace '${this.namespace}' is not a valid namespace name; expected a DNS label (lowercase letters, digits and '-', at most 63 characters)`);
    }
    if (!DNS_LABEL.test(this.name) || this.name.length > 52) {
      throw new Error(`${where}: name '${this.name}' is not valid; expected a DNS label of at most 52 characters (the CronJob limit)`);
    }
    if (!OWNER.test(this.owner) || this.owner.length > 200) {
      throw new Error(`${where}: owner '${this.owner}' is not valid; expected lowercase letters, digits, '.', '/', '_' and '-' (no spaces), at most 200 characters`);
    }
    if (!/^https?:\/\/[^\s/]+(\/\S*)?$/.test(this.apiUrl)) {
      throw new Error(`${where}: apiUrl '${this.apiUrl}' is not an http(s) URL; expected for example 'http://ml-pipeline.kubeflow.svc.cluster.local:8888'`);
    }
    const retries = props.retries ?? 3;
    if (!Number.isInteger(retries) || retries < 0) throw new Error(`${where}: retries is ${retries}; expected a non-negative integer`);
    const timeoutSeconds = (props.timeout ?? Duration.minutes(10)).toSeconds();
    if (timeoutSeconds < 1) throw new Error(`${where}: timeout is ${timeoutSeconds} s; expected at least 1 second`);
    const ttlSeconds = (props.ttlAfterFinished ?? Duration.days(1)).toSeconds();
    for (const ns of this.auth.pipelineNamespaces) {
      if (!DNS_LABEL.test(ns)) throw new Error(`${where}: pipelineNamespaces entry '${ns}' is not a valid namespace name`);
    }
    const image = props.image ?? KfpReconciler.DEFAULT_IMAGE;
    if (typeof image !== 'string' || image.trim() === '' || /\s/.test(image)) {
      throw new Error(`${where}: image '${image}' is not a valid image reference`);
    }

    const labels = { 'app.kubernetes.io/name': 'kfp-reconciler', 'app.kubernetes.io/instance': this.name, 'app.kubernetes.io/managed-by': 'cdk8s-kfp' };
    const script = reconcilerScript();
    const configText = Lazy.any({ produce: () => this.configText() });

    this.serviceAccount = new ApiObject(this, 'ServiceAccount', {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: this.name, namespace: this.namespace, labels },
      automountServiceAccountToken: false,
    });

    this.configMap = new ApiObject(this, 'ConfigMap', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: this.name, namespace: this.namespace, labels },
      data: { 'reconcile.js': script, 'config.json': configText },
    });

    const env: any[] = [
      { name: 'KFP_API_URL', value: this.apiUrl },
      { name: 'KFP_RECONCILER_CONFIG', value: `${CONFIG_DIR}/config.json` },
    ];
    const volumes: any[] = [{ name: 'config', configMap: { name: this.name, defaultMode: 0o444 } }];
    const mounts: any[] = [{ name: 'config', mountPath: CONFIG_DIR, readOnly: true }];
    if (this.auth.usesToken) {
      env.push({ name: 'KFP_TOKEN_FILE', value: `${TOKEN_DIR}/token` });
      volumes.push({
        name: 'kfp-token',
        projected: {
          defaultMode: 0o444,
          sources: [{ serviceAccountToken: { audience: this.auth.audience, expirationSeconds: this.auth.expiration!.toSeconds(), path: 'token' } }],
        },
      });
      mounts.push({ name: 'kfp-token', mountPath: TOKEN_DIR, readOnly: true });
    }
    if (props.istioSidecar) env.push({ name: 'KFP_QUIT_SIDECAR_URL', value: 'http://127.0.0.1:15020/quitquitquit' });

    const podTemplate = {
      metadata: {
        labels: { ...labels, ...(props.podLabels ?? {}) },
        annotations: props.podAnnotations && Object.keys(props.podAnnotations).length ? { ...props.podAnnotations } : undefined,
      },
      spec: {
        serviceAccountName: this.name,
        automountServiceAccountToken: false,
        restartPolicy: 'Never',
        securityContext: {
          runAsNonRoot: true,
          runAsUser: 1000,
          runAsGroup: 1000,
          seccompProfile: { type: 'RuntimeDefault' },
        },
        containers: [{
          name: 'reconcile',
          image,
          imagePullPolicy: 'IfNotPresent',
          command: ['node', `${CONFIG_DIR}/reconcile.js`],
          env,
          resources: toResources(props.resources),
          securityContext: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            runAsNonRoot: true,
            capabilities: { drop: ['ALL'] },
          },
          volumeMounts: mounts,
        }],
        volumes,
      },
    };
    const jobSpec = {
      backoffLimit: retries,
      activeDeadlineSeconds: timeoutSeconds,
      template: podTemplate,
    };

    const hookAnnotations = (props.argoCdHook ?? true)
      ? { 'argocd.argoproj.io/hook': 'PostSync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' }
      : undefined;
    this.job = new HashNamedJob(this, 'SyncJob', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: this.name, namespace: this.namespace, labels, annotations: hookAnnotations },
      spec: { ...jobSpec, ttlSecondsAfterFinished: ttlSeconds },
    }, () => [script, this.configText(), jobSpec]);

    if (props.driftRepair ?? true) {
      const schedule = props.driftRepairSchedule ?? Cron.schedule({ minute: '*/30' });
      this.cronJob = new ApiObject(this, 'DriftRepair', {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: this.name, namespace: this.namespace, labels },
        spec: {
          schedule: schedule.expressionString,
          concurrencyPolicy: 'Forbid',
          startingDeadlineSeconds: 300,
          successfulJobsHistoryLimit: 1,
          failedJobsHistoryLimit: 3,
          jobTemplate: { metadata: { labels }, spec: jobSpec },
        },
      });
    }

    if (this.auth.usesToken) {
      this.addKfpRbac(labels);
    }

    this.node.addValidation({ validate: () => this.validateDeclarations() });
  }

  /**
   * Adds a recurring run to this reconciler (`RecurringRun` calls this).
   * @internal
   */
  public _addRecurringRun(run: IReconciledRecurringRun): void {
    this.recurring.push(run);
  }

  /**
   * Adds a one-off run to this reconciler (`KfpRun` calls this).
   * @internal
   */
  public _addRun(run: IReconciledRun): void {
    this.oneOff.push(run);
  }

  /**
   * The declaration the reconciler ships (`config.json`).
   * @internal
   */
  public _config(): ReconcilerConfig {
    const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    return {
      owner: this.owner,
      namespace: this.namespace,
      prune: this.prune,
      recurringRuns: this.recurring.map((r) => r._declaration()).sort(byName),
      runs: this.oneOff.map((r) => r._declaration()).sort(byName),
    };
  }

  private configText(): string {
    return JSON.stringify(this._config(), null, 2) + '\n';
  }

  private addKfpRbac(labels: Record<string, string>): void {
    const rules = [
      { apiGroups: ['pipelines.kubeflow.org'], resources: ['experiments'], verbs: ['get', 'list', 'create', 'unarchive'] },
      { apiGroups: ['pipelines.kubeflow.org'], resources: ['jobs'], verbs: ['get', 'list', 'create', 'delete', 'enable', 'disable'] },
      { apiGroups: ['pipelines.kubeflow.org'], resources: ['runs'], verbs: ['get', 'list', 'create'] },
      { apiGroups: ['pipelines.kubeflow.org'], resources: ['pipelines'], verbs: ['get', 'list'] },
    ];
    this.roleAndBinding('KfpAccess', this.namespace, rules, labels);
    for (const ns of [...new Set(this.auth.pipelineNamespaces)].filter((n) => n !== this.namespace).sort()) {
      this.roleAndBinding(`PipelineRead-${ns}`, ns, [rules[3]], labels);
    }
  }

  private roleAndBinding(id: string, namespace: string, rules: any[], labels: Record<string, string>): void {
    const roleName = namespace === this.namespace ? `${this.name}-kfp` : `${this.name}-${this.namespace}-pipelines`.slice(0, 253);
    new ApiObject(this, `${id}Role`, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: roleName, namespace, labels },
      rules,
    });
    new ApiObject(this, `${id}Binding`, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: roleName, namespace, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: roleName },
      subjects: [{ kind: 'ServiceAccount', name: this.name, namespace: this.namespace }],
    });
  }

  private validateDeclarations(): string[] {
    const problems: string[] = [];
    const dup = (kind: string, names: string[]) => {
      const seen = new Set<string>();
      for (const n of names) {
        if (seen.has(n)) problems.push(`two ${kind} are named '${n}'; names identify them in KFP, so each must be unique per reconciler`);
        seen.add(n);
      }
    };
    let config: ReconcilerConfig;
    try {
      config = this._config();
    } catch (e: any) {
      // A declaration that cannot be built reports its own problem at its own path.
      return [];
    }
    dup('recurring runs', config.recurringRuns.map((r) => r.name));
    dup('runs', config.runs.map((r) => r.name));
    if (this.auth.usesToken) {
      const readable = new Set([this.namespace, ...this.auth.pipelineNamespaces]);
      for (const d of [...config.recurringRuns, ...config.runs]) {
        if (d.pipelineNamespace && !readable.has(d.pipelineNamespace)) {
          problems.push(`'${d.name}' runs pipeline '${d.pipelineName}' from namespace '${d.pipelineNamespace}', which the reconciler's service account may not read; ` +
            `add '${d.pipelineNamespace}' to KfpApiAuth.serviceAccountToken({ pipelineNamespaces })`);
        }
      }
    }
    const others = this.node.root.node.findAll().filter(isReconciler).filter((c) => c !== this);
    for (const other of others) {
      if (other.namespace === this.namespace && other.name === this.name) {
        problems.push(`${other.node.path} uses the same name '${this.name}' in namespace '${this.namespace}'; set a different 'name'`);
      } else if (other.owner === this.owner) {
        problems.push(`${other.node.path} uses the same owner '${this.owner}'; each reconciler would prune the other's runs; set a different 'owner'`);
      }
    }
    return problems;
  }
}

/** A Job whose name ends with a hash of its input, so that a changed input creates a new Job. */
class HashNamedJob extends ApiObject {
  private readonly hashInput: () => any;

  public constructor(scope: Construct, id: string, props: any, hashInput: () => any) {
    super(scope, id, props);
    this.hashInput = hashInput;
  }

  public toJson(): any {
    const json = super.toJson();
    json.metadata.name = `${json.metadata.name}-${sha256Hex(this.hashInput()).slice(0, 8)}`;
    return json;
  }
}

function toResources(resources: kplus.ContainerResources | undefined): any {
  const cpu = resources?.cpu ?? { request: kplus.Cpu.millis(50), limit: kplus.Cpu.millis(500) };
  const memory = resources?.memory ?? {};
  const requests: any = {};
  const limits: any = {};
  if (cpu.request) requests.cpu = cpu.request.amount;
  if (cpu.limit) limits.cpu = cpu.limit.amount;
  requests.memory = memory.request ? `${memory.request.toMebibytes()}Mi` : '64Mi';
  limits.memory = memory.limit ? `${memory.limit.toMebibytes()}Mi` : '128Mi';
  if (resources?.ephemeralStorage?.request) requests['ephemeral-storage'] = `${resources.ephemeralStorage.request.toMebibytes()}Mi`;
  if (resources?.ephemeralStorage?.limit) limits['ephemeral-storage'] = `${resources.ephemeralStorage.limit.toMebibytes()}Mi`;
  return { requests, limits };
}
