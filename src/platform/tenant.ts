import { ApiObject, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { GpuClusterQueue } from './gpu-cluster-queue';
import { GpuNodePool } from './gpu-node-pool';
import { Amounts, LimitRangeModel } from './kfp-pods';
import { readPipelineRequirements } from './pipeline-requirements';
import { parseQuantity, requireCount, requireQuantity } from './quantity';
import { TenantRbacRule } from './rbac-rule';
import { isDnsSubdomain, labelValueProblem, qualifiedNameProblem } from './taint-rules';
import { PoolView, QueueView, TenantView, checkExecutor, checkSystemPods } from './tenant-checks';
import { TenantNetworkPolicies, TenantNetworkPolicyOptions } from './tenant-network-policies';
import { TenantPipelineRoot } from './tenant-pipeline-root';
import { editRules, pipelineRunnerRules, viewRules, wildcardRules } from './tenant-rbac';
import { ArgoCompileOptions } from '../compiler/argo/options';
import { IRunNamespace, markRunNamespace, workloadsOf } from '../deploy/workloads';
import { KubeflowPipelines } from '../install/kubeflow-pipelines';
import { IKfpTenant, IKubeflowPipelines } from '../install/kubeflow-pipelines-api';
import { PodToleration } from '../pipeline/placement';
import { IPipelineSource } from '../pipeline/source';
import { describeValue } from '../util/describe';

/** The team's total resources in the namespace (a ResourceQuota). */
export interface TenantQuota {
  /** Total CPU requests (`requests.cpu`), a Kubernetes quantity such as `'32'`. */
  readonly cpu: string;
  /** Total memory requests (`requests.memory`), such as `'128Gi'`. */
  readonly memory: string;
  /**
   * Total CPU limits (`limits.cpu`). When set, every container needs a CPU limit, so the LimitRange gets a default one.
   * @default - CPU limits are not tracked
   */
  readonly cpuLimit?: string;
  /**
   * Total memory limits (`limits.memory`). When set, every container needs a memory limit, so the LimitRange gets a default one.
   * @default - memory limits are not tracked
   */
  readonly memoryLimit?: string;
  /**
   * Total GPUs (`requests.<accelerator>` for each accelerator resource of the tenant's pools).
   * @default 0
   */
  readonly gpus?: number;
  /**
   * Pods that are not finished (KFP runs one driver pod per task and DAG, plus the task pods).
   * @default 100
   */
  readonly pods?: number;
  /**
   * PersistentVolumeClaims.
   * @default 10
   */
  readonly persistentVolumeClaims?: number;
  /**
   * Total storage requested by PVCs (`requests.storage`).
   * @default - not tracked
   */
  readonly storage?: string;
}

/** Per-container defaults and bounds in the namespace (a LimitRange). */
export interface TenantContainerLimits {
  /**
   * CPU request of containers that set none: Argo's `init`/`wait` containers and tasks without requests.
   * @default '100m'
   */
  readonly defaultCpuRequest?: string;
  /**
   * Memory request of containers that set none.
   * @default '128Mi'
   */
  readonly defaultMemoryRequest?: string;
  /**
   * CPU limit of containers that set none.
   * @default - none, or '1' when the quota tracks `cpuLimit`
   */
  readonly defaultCpuLimit?: string;
  /**
   * Memory limit of containers that set none.
   * @default - none, or '1Gi' when the quota tracks `memoryLimit`
   */
  readonly defaultMemoryLimit?: string;
  /**
   * Smallest CPU request a container may have. KFP's drivers request 100m.
   * @default - no minimum
   */
  readonly minCpu?: string;
  /**
   * Smallest memory request a container may have. KFP's drivers request 64Mi.
   * @default - no minimum
   */
  readonly minMemory?: string;
  /**
   * Largest CPU a container may use. KFP's drivers have a 500m limit.
   * @default - no maximum
   */
  readonly maxCpu?: string;
  /**
   * Largest memory a container may use. KFP's drivers have a 512Mi limit.
   * @default - no maximum
   */
  readonly maxMemory?: string;
  /**
   * Largest CPU limit/request ratio. KFP's drivers and launcher have 5.
   * @default - no bound
   */
  readonly maxLimitRequestRatioCpu?: number;
  /**
   * Largest memory limit/request ratio. KFP's drivers have 8.
   * @default - no bound
   */
  readonly maxLimitRequestRatioMemory?: number;
}

/** Pod Security Standards levels for the namespace. */
export enum PodSecurityLevel {
  /** Privileged: no restrictions. */
  PRIVILEGED = 'privileged',
  /** Baseline: blocks known privilege escalations. */
  BASELINE = 'baseline',
  /** Restricted: hardened (needs every task image to run as non-root). */
  RESTRICTED = 'restricted',
}

/** Props for `Tenant`. */
export interface TenantProps {
  /**
   * The namespace name (a DNS-1123 label).
   * @default - the construct id
   */
  readonly namespace?: string;
  /**
   * Extra namespace labels.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /** The team's total resources. */
  readonly quota: TenantQuota;
  /**
   * Per-container defaults and bounds.
   * @default - requests of 100m CPU and 128Mi memory for containers that set none
   */
  readonly containerLimits?: TenantContainerLimits;
  /**
   * Where the team's pipelines keep artifacts (the `kfp-launcher` ConfigMap). Required as soon as
   * the tenant has pipelines: without it, runs fall back to `minio://mlpipeline/v2/artifacts` and a
   * Secret that does not exist in the namespace.
   * @default - no kfp-launcher ConfigMap
   */
  readonly pipelineRoot?: TenantPipelineRoot;
  /**
   * GPU pools the team may use.
   * @default - none
   */
  readonly gpuPools?: GpuNodePool[];
  /**
   * Kueue ClusterQueues the team submits GPU tasks to (each gets a LocalQueue).
   * @default - none
   */
  readonly queues?: GpuClusterQueue[];
  /**
   * Pipelines that run in the namespace: checked against the quota, LimitRange and pools.
   * @default - none
   */
  readonly pipelines?: IPipelineSource[];
  /**
   * Tolerations tasks may carry for taints outside the tenant's GPU pools (for example a spot CPU pool).
   * @default - none
   */
  readonly allowedTolerations?: PodToleration[];
  /**
   * The service account runs use (the KFP API server's `DEFAULTPIPELINERUNNERSERVICEACCOUNT`, or a run's `service_account`).
   * @default 'pipeline-runner'
   */
  readonly serviceAccountName?: string;
  /**
   * Annotations of the runner service account, for cloud identity of the team's pods, e.g.
   * `{ 'eks.amazonaws.com/role-arn': '<team role>' }` or `{ 'iam.gke.io/gcp-service-account': '<team GSA>' }`.
   * @default - none
   */
  readonly serviceAccountAnnotations?: { [key: string]: string };
  /**
   * Let runs create and delete PVCs (kfp-kubernetes CreatePVC/DeletePVC).
   * @default true
   */
  readonly volumeManagement?: boolean;
  /**
   * The Pod Security Standards level enforced on the namespace. Warnings and audit always use `restricted`.
   * @default PodSecurityLevel.BASELINE (KFP 2.17 task pods don't set runAsNonRoot)
   */
  readonly podSecurity?: PodSecurityLevel;
  /**
   * The KFP install whose workflow controller runs the team's pipelines (same as
   * `kfp.addTenant(tenant)`; the install may be in another chart of the app). Connecting makes the
   * controller cluster-wide, writes Argo's `artifact-repositories` ConfigMap for log archiving, and
   * lets the install's NetworkPolicies admit the namespace's run pods.
   * @default - not connected: Workflows in the namespace never start unless some Argo controller manages it
   */
  readonly kfp?: KubeflowPipelines;
  /**
   * Default-deny NetworkPolicies in the namespace, with egress for run pods to the KFP API server,
   * ML Metadata, the object store, the Kubernetes API and DNS. `{}` turns them on. Needs the
   * tenant to be connected to an install.
   * @default - no NetworkPolicies in the namespace
   */
  readonly networkPolicies?: TenantNetworkPolicyOptions;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const TENANT_MARKER = Symbol.for('cdk8s-kfp.Tenant');
/** The ConfigMap Argo reads a namespace's default artifact repository from, and its key. */
const ARTIFACT_REPOSITORIES = 'artifact-repositories';
const ARTIFACT_REPOSITORY_KEY = 'default-namespaced';
const SUBJECT_KINDS = ['User', 'Group', 'ServiceAccount'];

/**
 * A team's pipeline namespace: the Namespace, a ResourceQuota (CPU, memory, GPUs, pods, PVCs), a
 * LimitRange whose defaults let KFP's drivers, launcher and Argo's init/wait containers run under the
 * quota, the `pipeline-runner` ServiceAccount with a least-privilege Role, the `kfp-launcher`
 * ConfigMap (pipeline root and object-store credentials), Kueue LocalQueues, and Roles that
 * `grantEdit()`/`grantView()` bind to users, groups or service accounts.
 *
 * At synth time it checks every pipeline added to it: each pod must fit the LimitRange and the quota,
 * and each GPU task's accelerator, node selector and tolerations must match a pool the team may use.
 */
export class Tenant extends Construct implements IKfpTenant, IRunNamespace {
  /** Whether `x` is a `Tenant`. */
  public static isTenant(x: any): x is Tenant {
    return x !== null && typeof x === 'object' && x[TENANT_MARKER] === true;
  }

  /** The tenant of the app that owns a namespace, if any. @internal */
  public static _ofNamespace(scope: Construct, namespace: string | undefined): Tenant | undefined {
    if (namespace === undefined) return undefined;
    return scope.node.root.node.findAll().find((c): c is Tenant => Tenant.isTenant(c) && c.namespaceName === namespace);
  }

  /** The namespace name. */
  public readonly namespaceName: string;
  /** The Namespace. */
  public readonly namespace: kplus.Namespace;
  /** The service account runs use. */
  public readonly serviceAccount: kplus.ServiceAccount;
  /** The runner's Role. */
  public readonly runnerRole: kplus.Role;
  /** The ResourceQuota. */
  public readonly resourceQuota: ApiObject;
  /** The LimitRange. */
  public readonly limitRange: ApiObject;
  /** The `kfp-launcher` ConfigMap, when a pipeline root is set. */
  public readonly launcherConfig?: kplus.ConfigMap;
  /** The pipeline root of the team's runs, when set. */
  public readonly pipelineRoot?: TenantPipelineRoot;
  /** The name of the service account runs use. */
  public readonly serviceAccountName: string;

  private readonly props: TenantProps;
  private readonly pools: GpuNodePool[] = [];
  private readonly queues: GpuClusterQueue[] = [];
  private readonly pipelines: IPipelineSource[] = [];
  private readonly quotaHard: { [key: string]: number } = {};
  private readonly limitModel: LimitRangeModel;
  private readonly limitStrings: { [bucket: string]: { [resource: string]: string } } = {};
  private readonly gpuQuota: number;
  private editRole?: kplus.Role;
  private viewRole?: kplus.Role;
  private editBinding?: kplus.RoleBinding;
  private viewBinding?: kplus.RoleBinding;
  private readonly granted = new Set<string>();
  private readonly appliedRules = new Map<kplus.Role, Set<string>>();
  private connectedTo?: KubeflowPipelines;
  private artifactRepositoriesObject?: kplus.ConfigMap;
  private networkPolicyConstruct?: TenantNetworkPolicies;

  constructor(scope: Construct, id: string, props: TenantProps) {
    super(scope, id);
    Object.defineProperty(this, TENANT_MARKER, { value: true });
    markRunNamespace(this);
    const path = this.node.path;
    if (!props || typeof props !== 'object') throw new Error(`${path}: props are required (expected at least { quota })`);
    this.props = props;
    const name = props.namespace ?? id;
    if (typeof name !== 'string' || name.length > 63 || !DNS_LABEL.test(name)) {
      throw new Error(`${path}: namespace '${name}' is not a valid namespace name (expected a DNS-1123 label: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit)`);
    }
    if (name === 'default' || name.startsWith('kube-')) {
      throw new Error(`${path}: namespace '${name}' is reserved by Kubernetes (expected a team namespace, not 'default' or 'kube-*')`);
    }
    for (const other of this.node.root.node.findAll()) {
      if (other !== this && Tenant.isTenant(other) && other.namespaceName === name) {
        throw new Error(`${path}: namespace '${name}' is already used by tenant ${other.node.path} (expected one tenant per namespace)`);
      }
    }
    this.namespaceName = name;
    for (const [key, value] of Object.entries(props.labels ?? {})) {
      const problem = qualifiedNameProblem(key) ?? labelValueProblem(value);
      if (problem) throw new Error(`${path}: label '${key}: ${value}' is not valid: ${problem}`);
    }
    const level = props.podSecurity ?? PodSecurityLevel.BASELINE;
    if (!(Object.values(PodSecurityLevel) as string[]).includes(level)) {
      throw new Error(`${path}: podSecurity is '${level}' (expected ${Object.values(PodSecurityLevel).join(', ')})`);
    }
    const serviceAccountName = props.serviceAccountName ?? 'pipeline-runner';
    if (!isDnsSubdomain(serviceAccountName)) {
      throw new Error(`${path}: serviceAccountName '${serviceAccountName}' is not a valid name (expected a lowercase DNS subdomain such as 'pipeline-runner')`);
    }
    this.serviceAccountName = serviceAccountName;
    if (props.kfp !== undefined && !KubeflowPipelines.isKubeflowPipelines(props.kfp)) {
      throw new Error(`${path}: kfp is ${describeValue(props.kfp)} (expected the KubeflowPipelines install that runs the team's pipelines)`);
    }
    if (props.networkPolicies !== undefined && (props.networkPolicies === null || typeof props.networkPolicies !== 'object')) {
      throw new Error(`${path}: networkPolicies is ${JSON.stringify(props.networkPolicies)} (expected an object such as {})`);
    }

    this.namespace = new kplus.Namespace(this, 'Namespace', {
      metadata: {
        name,
        labels: {
          ...(props.labels ?? {}),
          'app.kubernetes.io/part-of': 'kubeflow-pipelines',
          'pod-security.kubernetes.io/enforce': level,
          'pod-security.kubernetes.io/warn': PodSecurityLevel.RESTRICTED,
          'pod-security.kubernetes.io/audit': PodSecurityLevel.RESTRICTED,
        },
      },
    });

    for (const pool of props.gpuPools ?? []) this.addGpuPool(pool);

    // Quota and LimitRange.
    const quota = props.quota;
    if (!quota || typeof quota !== 'object') throw new Error(`${path}: quota is required (expected { cpu, memory, gpus?, pods?, persistentVolumeClaims? })`);
    this.quotaHard['requests.cpu'] = requireQuantity(path, 'quota.cpu', quota.cpu);
    this.quotaHard['requests.memory'] = requireQuantity(path, 'quota.memory', quota.memory);
    if (quota.cpuLimit !== undefined) this.quotaHard['limits.cpu'] = requireQuantity(path, 'quota.cpuLimit', quota.cpuLimit);
    if (quota.memoryLimit !== undefined) this.quotaHard['limits.memory'] = requireQuantity(path, 'quota.memoryLimit', quota.memoryLimit);
    const gpus = requireCount(path, 'quota.gpus', quota.gpus ?? 0, 0);
    const pods = requireCount(path, 'quota.pods', quota.pods ?? 100, 1);
    const pvcs = requireCount(path, 'quota.persistentVolumeClaims', quota.persistentVolumeClaims ?? 10, 0);
    if (quota.storage !== undefined) requireQuantity(path, 'quota.storage', quota.storage);
    this.gpuQuota = gpus;
    this.resourceQuota = new ApiObject(this, 'ResourceQuota', {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'kfp-tenant-quota', namespace: name },
      // Lazy: the GPU resources come from the pools, which can be added after construction.
      spec: Lazy.any({
        produce: () => {
          const hard: { [key: string]: string } = { 'requests.cpu': quota.cpu, 'requests.memory': quota.memory };
          if (quota.cpuLimit !== undefined) hard['limits.cpu'] = quota.cpuLimit;
          if (quota.memoryLimit !== undefined) hard['limits.memory'] = quota.memoryLimit;
          for (const resource of this.gpuResourceNames()) hard[`requests.${resource}`] = String(gpus);
          hard.pods = String(pods);
          hard.persistentvolumeclaims = String(pvcs);
          if (quota.storage !== undefined) hard['requests.storage'] = quota.storage;
          return { hard };
        },
      }),
    });

    this.limitModel = this.buildLimitRange(path, quota);
    this.limitRange = new ApiObject(this, 'LimitRange', {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'kfp-tenant-limits', namespace: name },
      spec: { limits: [limitRangeItem(this.limitStrings)] },
    });

    // Runner service account, Role and binding.
    for (const [key, value] of Object.entries(props.serviceAccountAnnotations ?? {})) {
      const problem = qualifiedNameProblem(key);
      if (problem || typeof value !== 'string') {
        throw new Error(`${path}: serviceAccountAnnotations has '${key}: ${JSON.stringify(value)}' (expected a valid annotation key and a string value${problem ? `; ${problem}` : ''})`);
      }
    }
    this.serviceAccount = new kplus.ServiceAccount(this, 'Runner', {
      metadata: {
        name: serviceAccountName,
        namespace: name,
        ...(props.serviceAccountAnnotations ? { annotations: { ...props.serviceAccountAnnotations } } : {}),
      },
      // Drivers, launchers and Argo's wait container call the Kubernetes API with this account.
      automountToken: true,
    });

    if (props.pipelineRoot !== undefined) {
      if (!(props.pipelineRoot instanceof TenantPipelineRoot)) {
        throw new Error(`${path}: pipelineRoot is ${JSON.stringify(props.pipelineRoot)} (expected TenantPipelineRoot.s3(), .minio() or .gcs())`);
      }
      this.pipelineRoot = props.pipelineRoot;
      const data = props.pipelineRoot.launcherConfigFor(path, name);
      const secret: any = props.pipelineRoot.credentials;
      const secretNamespace = secret?.metadata?.namespace;
      if (secretNamespace !== undefined && secretNamespace !== name) {
        throw new Error(`${path}: pipelineRoot credentials Secret '${secret.name}' is in namespace '${secretNamespace}' (expected namespace '${name}': KFP launchers read it from the run's namespace)`);
      }
      this.launcherConfig = new kplus.ConfigMap(this, 'LauncherConfig', {
        metadata: { name: 'kfp-launcher', namespace: name },
        data,
      });
    }

    this.runnerRole = this.role('RunnerRole', `${serviceAccountName}`, this.runnerRules);
    const binding = new kplus.RoleBinding(this, 'RunnerBinding', {
      metadata: { name: `${serviceAccountName}-binding`, namespace: name },
      role: this.runnerRole,
    });
    binding.addSubjects(this.serviceAccount);

    for (const queue of props.queues ?? []) this.addQueue(queue);
    for (const pipeline of props.pipelines ?? []) this.addPipeline(pipeline);

    this.node.addValidation({ validate: () => this.validateTenant() });
    if (props.kfp) props.kfp.addTenant(this);
  }

  /** The install this tenant is connected to (`kfp.addTenant()` or the `kfp` prop), if any. */
  public get kfp(): KubeflowPipelines | undefined {
    return this.connectedTo;
  }

  /** Compiler options of the connected install: its KFP namespace and driver/launcher images. */
  public get compileDefaults(): ArgoCompileOptions | undefined {
    const kfp = this.connectedTo;
    return kfp && { kfpNamespace: kfp.namespace, driverImage: kfp.images.driver, launcherImage: kfp.images.launcher };
  }

  /** Argo's `artifact-repositories` ConfigMap (log archiving), once connected with a pipeline root. */
  public get artifactRepositories(): kplus.ConfigMap | undefined {
    return this.artifactRepositoriesObject;
  }

  /** The namespace's NetworkPolicies, once connected with `networkPolicies` set. */
  public get networkPolicies(): TenantNetworkPolicies | undefined {
    return this.networkPolicyConstruct;
  }

  /**
   * Called by `KubeflowPipelines.addTenant()`: writes what the install's runs need in the namespace.
   * @internal
   */
  public _connect(install: IKubeflowPipelines): void {
    const path = this.node.path;
    if (!KubeflowPipelines.isKubeflowPipelines(install)) {
      throw new Error(`${path}: got install ${describeValue(install)} (expected a KubeflowPipelines install)`);
    }
    const kfp = install;
    if (this.connectedTo === kfp) return;
    if (this.connectedTo) {
      throw new Error(`${path}: tenant '${this.namespaceName}' is already connected to the install at '${this.connectedTo.node.path}' ` +
        `(expected one install per tenant: two workflow controllers would both run its Workflows), got '${kfp.node.path}'`);
    }
    this.connectedTo = kfp;
    if (this.pipelineRoot) {
      // Argo reads the default artifact repository of a Workflow from this ConfigMap in the
      // Workflow's namespace, before the controller's own: logs go to the team's bucket with the
      // team's credentials, which are mounted from this namespace.
      this.artifactRepositoriesObject = new kplus.ConfigMap(this, 'ArtifactRepositories', {
        metadata: {
          name: ARTIFACT_REPOSITORIES,
          namespace: this.namespaceName,
          annotations: { 'workflows.argoproj.io/default-artifact-repository': ARTIFACT_REPOSITORY_KEY },
        },
        data: { [ARTIFACT_REPOSITORY_KEY]: stringify(this.pipelineRoot._argoArtifactRepository(path, this.namespaceName)) },
      });
    }
    if (this.props.networkPolicies) {
      this.networkPolicyConstruct = new TenantNetworkPolicies(this, 'NetworkPolicies', {
        namespace: this.namespaceName,
        kfp,
        pipelineRoot: this.pipelineRoot,
        options: this.props.networkPolicies,
      });
    }
  }

  /** Lets the team use a GPU pool. */
  public addGpuPool(pool: GpuNodePool): void {
    if (!GpuNodePool.isGpuNodePool(pool)) {
      throw new Error(`${this.node.path}: gpuPools has ${JSON.stringify(pool)} (expected a GpuNodePool)`);
    }
    if (!this.pools.includes(pool)) this.pools.push(pool);
  }

  /** Submits the team's GPU tasks to a Kueue ClusterQueue: adds a LocalQueue in the namespace. */
  public addQueue(queue: GpuClusterQueue): void {
    if (!GpuClusterQueue.isGpuClusterQueue(queue)) {
      throw new Error(`${this.node.path}: queues has ${JSON.stringify(queue)} (expected a GpuClusterQueue)`);
    }
    if (this.queues.includes(queue)) return;
    const clash = this.queues.find((q) => q.localQueueName === queue.localQueueName);
    if (clash) {
      throw new Error(`${this.node.path}: ClusterQueues '${clash.clusterQueueName}' and '${queue.clusterQueueName}' both use LocalQueue name '${queue.localQueueName}' (expected distinct localQueueName values)`);
    }
    this.queues.push(queue);
    if (this.editRole) this.allowRules(this.editRole, 'kfp-pipelines-edit', this.editRules);
    if (this.viewRole) this.allowRules(this.viewRole, 'kfp-pipelines-view', this.viewRules);
    queue._addNamespace(this.namespaceName);
    for (const flavor of queue.flavors) this.addGpuPool(flavor.pool);
    new ApiObject(this, `LocalQueue-${queue.localQueueName}`, {
      apiVersion: queue.apiVersion,
      kind: 'LocalQueue',
      metadata: { name: queue.localQueueName, namespace: this.namespaceName },
      spec: { clusterQueue: queue.clusterQueueName },
    });
  }

  /** Runs a pipeline in this namespace: its tasks are checked against the quota, LimitRange and pools. */
  public addPipeline(pipeline: IPipelineSource): void {
    if (!pipeline || typeof pipeline.toIr !== 'function' || typeof pipeline.pipelineName !== 'string') {
      throw new Error(`${this.node.path}: pipelines has ${JSON.stringify(pipeline)} (expected an IPipelineSource such as a Pipeline or CompiledPipeline)`);
    }
    if (!this.pipelines.includes(pipeline)) this.pipelines.push(pipeline);
  }

  /** Lets a user, group or service account run and manage pipelines in the namespace. */
  public grantEdit(subject: kplus.ISubject): void {
    this.editRole ??= this.role('EditRole', 'kfp-pipelines-edit', this.editRules);
    this.editBinding ??= new kplus.RoleBinding(this, 'EditBinding', {
      metadata: { name: 'kfp-pipelines-edit', namespace: this.namespaceName },
      role: this.editRole,
    });
    this.grant('grantEdit', this.editBinding, subject);
  }

  /** Lets a user, group or service account see the namespace's pipelines, runs and logs. */
  public grantView(subject: kplus.ISubject): void {
    this.viewRole ??= this.role('ViewRole', 'kfp-pipelines-view', this.viewRules);
    this.viewBinding ??= new kplus.RoleBinding(this, 'ViewBinding', {
      metadata: { name: 'kfp-pipelines-view', namespace: this.namespaceName },
      role: this.viewRole,
    });
    this.grant('grantView', this.viewBinding, subject);
  }

  /** The runner Role's rules, each with its reason. */
  public get runnerRules(): TenantRbacRule[] {
    const secret = this.pipelineRoot?.credentialsSecretName;
    return pipelineRunnerRules({ credentialSecrets: secret ? [secret] : [], volumeManagement: this.props.volumeManagement ?? true });
  }

  /** The rules `grantEdit()` grants, each with its reason. */
  public get editRules(): TenantRbacRule[] {
    return editRules(this.queues.length > 0 || (this.props.queues ?? []).length > 0);
  }

  /** The rules `grantView()` grants, each with its reason. */
  public get viewRules(): TenantRbacRule[] {
    return viewRules(this.queues.length > 0 || (this.props.queues ?? []).length > 0);
  }

  /** The GPU pools the team may use. */
  public get gpuPools(): GpuNodePool[] {
    return [...this.pools];
  }

  private grant(method: string, binding: kplus.RoleBinding, subject: kplus.ISubject): void {
    const path = this.node.path;
    let config: kplus.SubjectConfiguration;
    try {
      config = subject.toSubjectConfiguration();
    } catch (e: any) {
      throw new Error(`${path}: ${method} got ${JSON.stringify(subject)} (expected a User, Group or ServiceAccount subject): ${e?.message ?? e}`);
    }
    if (!SUBJECT_KINDS.includes(config?.kind)) {
      throw new Error(`${path}: ${method} got a subject of kind '${config?.kind}' (expected one of ${SUBJECT_KINDS.join(', ')}, which RBAC knows)`);
    }
    if (typeof config.name !== 'string' || config.name.trim() === '') {
      throw new Error(`${path}: ${method} got a ${config.kind} with name ${JSON.stringify(config.name)} (expected a non-empty name)`);
    }
    if (config.kind === 'ServiceAccount' && !config.namespace) {
      throw new Error(`${path}: ${method} got ServiceAccount '${config.name}' without a namespace (expected a namespaced service account)`);
    }
    const key = `${config.kind}/${config.namespace ?? ''}/${config.name}`;
    if (this.granted.has(`${method}:${key}`)) return;
    this.granted.add(`${method}:${key}`);
    binding.addSubjects(subject);
  }

  private role(id: string, roleName: string, rules: TenantRbacRule[]): kplus.Role {
    const role = new kplus.Role(this, id, { metadata: { name: roleName, namespace: this.namespaceName } });
    this.appliedRules.set(role, new Set());
    this.allowRules(role, roleName, rules);
    return role;
  }

  /** Adds the rules a role doesn't have yet (rules can grow, e.g. Kueue access once a queue is added). */
  private allowRules(role: kplus.Role, roleName: string, rules: TenantRbacRule[]): void {
    const wild = wildcardRules(rules);
    if (wild.length > 0) throw new Error(`${this.node.path}: role '${roleName}' has wildcard rules (expected none): ${JSON.stringify(wild)}`);
    const applied = this.appliedRules.get(role)!;
    for (const rule of rules) {
      const key = JSON.stringify([rule.apiGroups, rule.resources, rule.resourceNames ?? [], rule.verbs]);
      if (applied.has(key)) continue;
      applied.add(key);
      for (const apiGroup of rule.apiGroups) {
        const resources: kplus.IApiResource[] = [];
        for (const resourceType of rule.resources) {
          if (rule.resourceNames?.length) {
            for (const resourceName of rule.resourceNames) resources.push({ apiGroup, resourceType, resourceName });
          } else {
            resources.push({ apiGroup, resourceType });
          }
        }
        role.allow([...rule.verbs], ...resources);
      }
    }
  }

  private gpuResourceNames(): string[] {
    const names = new Set<string>(this.pools.map((p) => p.acceleratorType));
    if (names.size === 0) names.add('nvidia.com/gpu');
    return [...names].sort();
  }

  private buildLimitRange(path: string, quota: TenantQuota): LimitRangeModel {
    const c = this.props.containerLimits ?? {};
    const model: { [k: string]: Amounts } = { defaultRequest: {}, default: {}, min: {}, max: {}, maxLimitRequestRatio: {} };
    const set = (bucket: string, resource: string, field: string, value: string | undefined) => {
      if (value === undefined) return;
      model[bucket][resource] = requireQuantity(path, `containerLimits.${field}`, value);
      (this.limitStrings[bucket] ??= {})[resource] = value;
    };
    set('defaultRequest', 'cpu', 'defaultCpuRequest', c.defaultCpuRequest ?? '100m');
    set('defaultRequest', 'memory', 'defaultMemoryRequest', c.defaultMemoryRequest ?? '128Mi');
    set('default', 'cpu', 'defaultCpuLimit', c.defaultCpuLimit ?? (quota.cpuLimit !== undefined ? '1' : undefined));
    set('default', 'memory', 'defaultMemoryLimit', c.defaultMemoryLimit ?? (quota.memoryLimit !== undefined ? '1Gi' : undefined));
    set('min', 'cpu', 'minCpu', c.minCpu);
    set('min', 'memory', 'minMemory', c.minMemory);
    set('max', 'cpu', 'maxCpu', c.maxCpu);
    set('max', 'memory', 'maxMemory', c.maxMemory);
    for (const [field, resource] of [['maxLimitRequestRatioCpu', 'cpu'], ['maxLimitRequestRatioMemory', 'memory']] as const) {
      const v = c[field];
      if (v === undefined) continue;
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 1) {
        throw new Error(`${path}: containerLimits.${field} is ${JSON.stringify(v)} (expected a number of 1 or more)`);
      }
      model.maxLimitRequestRatio[resource] = v;
      (this.limitStrings.maxLimitRequestRatio ??= {})[resource] = String(v);
    }
    for (const resource of ['cpu', 'memory']) {
      const { min, max } = model;
      if (min[resource] !== undefined && max[resource] !== undefined && min[resource] > max[resource]) {
        throw new Error(`${path}: containerLimits min ${resource} is above max ${resource} (expected min <= max)`);
      }
      const dr = model.defaultRequest[resource];
      const dl = model.default[resource];
      if (dr !== undefined && dl !== undefined && dr > dl) {
        throw new Error(`${path}: containerLimits default ${resource} request is above the default ${resource} limit (expected request <= limit)`);
      }
    }
    return model as unknown as LimitRangeModel;
  }

  private view(): TenantView {
    const queues: QueueView[] = this.queues.map((q) => ({
      localQueueName: q.localQueueName,
      clusterQueueName: q.clusterQueueName,
      flavors: Object.fromEntries(q.flavors.map((f) => [f.pool.poolName, {
        gpus: f.gpus,
        cpu: parseQuantity(f.cpu) ?? 0,
        memory: parseQuantity(f.memory) ?? 0,
        borrowing: f.gpuBorrowingLimit !== undefined,
      }])),
    }));
    const pools: PoolView[] = this.pools.map((p) => ({
      name: p.poolName,
      path: p.node.path,
      resourceName: p.acceleratorType,
      gpusPerNode: p.gpusPerNode,
      maxGpus: p.maxGpus,
      taints: p.taints,
      nodeSelector: p.nodeSelector,
      mayHaveLabel: (k, v) => p.mayHaveLabel(k, v),
      localQueueName: p.localQueueName,
    }));
    const quota = { ...this.quotaHard };
    for (const resource of this.gpuResourceNames()) quota[`requests.${resource}`] = this.gpuQuota;
    return {
      path: this.node.path,
      namespace: this.namespaceName,
      limitRange: this.limitModel,
      quota,
      pools,
      queues,
      allowedTolerations: this.props.allowedTolerations ?? [],
    };
  }

  private validateTenant(): string[] {
    const view = this.view();
    const errors = checkSystemPods(view);
    const path = this.node.path;
    const installs = this.node.root.node.findAll().filter((c) => KubeflowPipelines.isKubeflowPipelines(c));
    if (this.props.networkPolicies && !this.connectedTo) {
      errors.push(`${path}: networkPolicies is set but tenant '${this.namespaceName}' is not connected to a KFP install (expected kfp.addTenant(tenant) or the kfp prop: the policies allow egress to that install's API server, ML Metadata and object store)`);
    }
    if (this.connectedTo && !this.pipelineRoot) {
      errors.push(`${path}: tenant '${this.namespaceName}' is connected to the install at '${this.connectedTo.node.path}' but has no pipeline root ` +
        '(expected pipelineRoot: TenantPipelineRoot.s3/minio/gcs/fromObjectStore(...); runs read kfp-launcher from their namespace, and Argo archives their logs with the artifact repository written from it)');
    }
    const pipelines = [...this.pipelines];
    for (const { construct, workload } of workloadsOf(this)) {
      if (workload.namespace !== this.namespaceName) continue;
      if (!this.connectedTo && installs.length > 0) {
        errors.push(`${construct.node.path}: ${workload.kind} runs in tenant namespace '${this.namespaceName}', but tenant ${path} is not connected to the install at '${installs[0].node.path}', ` +
          'whose Argo workflow controller would never start it (expected kfp.addTenant(tenant) or new Tenant(scope, id, { kfp, ... }))');
      }
      // The same pipeline declared in `pipelines` and run here is checked once.
      if (workload.pipeline && !pipelines.some((p) => p === workload.pipeline || p.pipelineName === workload.pipeline!.pipelineName)) {
        pipelines.push(workload.pipeline);
      }
    }
    for (const pipeline of pipelines) {
      if (!this.pipelineRoot) {
        errors.push(`${this.node.path}: pipeline '${pipeline.pipelineName}' runs in tenant '${this.namespaceName}', which has no pipeline root (expected pipelineRoot: TenantPipelineRoot.s3/minio/gcs(...); KFP 2.17 ignores the IR's defaultPipelineRoot and would fall back to minio://mlpipeline/v2/artifacts with a Secret this namespace doesn't have)`);
      }
      let executors;
      try {
        executors = readPipelineRequirements(pipeline);
      } catch (e: any) {
        errors.push(`${this.node.path}: pipeline '${pipeline.pipelineName}' could not be read: ${e?.message ?? e}`);
        continue;
      }
      for (const executor of executors) errors.push(...checkExecutor(view, executor));
    }
    return [...new Set(errors)];
  }
}

function limitRangeItem(strings: { [bucket: string]: { [resource: string]: string } }): any {
  const item: any = { type: 'Container' };
  for (const bucket of ['default', 'defaultRequest', 'min', 'max', 'maxLimitRequestRatio']) {
    if (strings[bucket] && Object.keys(strings[bucket]).length) item[bucket] = { ...strings[bucket] };
  }
  return item;
}
