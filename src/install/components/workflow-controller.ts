/**
 * The Argo Workflows controller, namespaced to the KFP namespace as upstream's standalone install
 * runs it, or cluster-wide (the RBAC of Argo's cluster install) once tenants are connected, and its
 * ConfigMap (artifact repository, executor security context, workflow defaults).
 */
import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { ComponentPort, IKfpComponent } from '../component';
import { InstallContext } from '../context';
import { argoClusterRoleRules, argoRoleRules, RuleContext, selectRules } from '../install-rbac';
import { env, podSecurity, resourcesOf, restricted, rule } from '../internal';
import { configMapObject, createWorkload, meta, roleWithBinding, saSubject } from '../workload';

const ALL = ['get', 'list', 'watch', 'update', 'patch', 'delete', 'create'];

export class WorkflowController extends Construct implements IKfpComponent {
  public readonly componentName = 'workflow-controller';
  public readonly deployment: ApiObject;
  public readonly service = undefined;
  public readonly serviceAccount: ApiObject;
  public readonly configMap: ApiObject;
  public readonly podLabels = { app: 'workflow-controller' };
  public readonly servicePorts: ComponentPort[] = [];
  private clusterScope = false;
  private readonly namespace: string;
  private readonly rbac: RuleContext;

  constructor(scope: Construct, id: string, ctx: InstallContext) {
    super(scope, id);
    this.namespace = ctx.namespace;
    this.rbac = ctx;
    const ns = ctx.namespace;
    const opts = ctx.options('workflowController');
    const ttl = ctx.workflowTtlSeconds;
    this.configMap = configMapObject(this, 'ConfigMap', 'workflow-controller-configmap', ns, {
      artifactRepository: stringify(ctx.objectStore._argoArtifactRepository(ns, ctx.storeAccessKey, ctx.storeSecretKey)),
      executor: stringify({
        imagePullPolicy: 'IfNotPresent',
        securityContext: restricted(65532),
      }),
      workflowDefaults: stringify({
        spec: {
          ttlStrategy: { secondsAfterCompletion: ttl, secondsAfterSuccess: ttl, secondsAfterFailure: ttl },
          templateDefaults: { retryStrategy: { limit: '2', retryPolicy: 'OnError' } },
        },
      }),
    });
    new ApiObject(this, 'PriorityClass', {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: meta('workflow-controller', undefined),
      value: 1000000,
    });
    const w = createWorkload(this, {
      name: this.componentName,
      namespace: ns,
      labels: {},
      selector: this.podLabels,
      replicas: opts.replicas,
      serviceAccountName: 'argo',
      podSpec: {
        containers: [{
          name: 'workflow-controller',
          image: ctx.images.workflowController,
          command: ['workflow-controller'],
          // Lazy: connecting a tenant after construction makes the controller cluster-wide.
          args: Lazy.any({
            produce: () => ['--configmap', 'workflow-controller-configmap', '--executor-image', ctx.images.argoExecutor, ...(this.clusterScope ? [] : ['--namespaced'])],
          }),
          env: [
            env('TRANSIENT_ERROR_PATTERN', '(?i)(imminent node shutdown|node is shutting down|preempt|evict|spot|pod deleted)'),
            env('LEADER_ELECTION_IDENTITY', { field: 'metadata.name', apiVersion: 'v1' }),
          ],
          livenessProbe: { httpGet: { path: '/healthz', port: 6060 }, failureThreshold: 3, initialDelaySeconds: 90, periodSeconds: 60, timeoutSeconds: 30 },
          ports: [{ name: 'metrics', containerPort: 9090 }, { containerPort: 6060 }],
          resources: resourcesOf(opts.resources, { requests: { cpu: '100m', memory: '500Mi' }, limits: { cpu: '2', memory: '2Gi' } }),
          securityContext: restricted(undefined, undefined, { readOnlyRootFilesystem: true }),
        }],
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        priorityClassName: 'workflow-controller',
        securityContext: podSecurity(),
      },
    });
    this.deployment = w.deployment;
    this.serviceAccount = w.serviceAccount!;
    roleWithBinding(this, {
      role: 'argo-role',
      binding: 'argo-binding',
      namespace: ns,
      subjects: [saSubject('argo', ns)],
      // Lazy: cluster-wide, the namespaced Role keeps only what Argo's cluster install keeps there.
      rules: Lazy.any({
        produce: () => selectRules(ctx, 'Role', 'argo-role', () => (this.clusterScope ? CLUSTER_INSTALL_ROLE_RULES : NAMESPACED_RULES),
          () => argoRoleRules(ctx.rbac, this.clusterScope)),
      }),
    });
    // Registered now (the produce function reads the scope when called), so KubeflowPipelines.rbacRules lists it before synth.
    selectRules(ctx, 'Role', 'argo-role', () => (this.clusterScope ? CLUSTER_INSTALL_ROLE_RULES : NAMESPACED_RULES), () => argoRoleRules(ctx.rbac, this.clusterScope));
  }

  /** Whether the controller manages every namespace. */
  public get isClusterScoped(): boolean {
    return this.clusterScope;
  }

  /**
   * Drops `--namespaced` and adds the ClusterRole `argo-cluster-role` and its ClusterRoleBinding,
   * as Argo's cluster install (and KFP multi-user) has them. Returns the objects it created.
   */
  public enableClusterScope(): ApiObject[] {
    if (this.clusterScope) return [];
    this.clusterScope = true;
    const clusterRole = new ApiObject(this, 'ClusterRole', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: meta('argo-cluster-role', undefined),
      rules: Lazy.any({ produce: () => selectRules(this.rbac, 'ClusterRole', 'argo-cluster-role', () => CLUSTER_RULES, () => argoClusterRoleRules(this.rbac.rbac)) }),
    });
    // Registered now, so KubeflowPipelines.rbacRules lists it before synth too.
    selectRules(this.rbac, 'ClusterRole', 'argo-cluster-role', () => CLUSTER_RULES, () => argoClusterRoleRules(this.rbac.rbac));
    const binding = new ApiObject(this, 'ClusterRoleBinding', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: meta('argo-binding', undefined),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'argo-cluster-role' },
      subjects: [saSubject('argo', this.namespace)],
    });
    return [clusterRole, binding];
  }
}

/** The Role of the namespaced controller (upstream standalone). */
const NAMESPACED_RULES = [
  rule(['coordination.k8s.io'], ['leases'], ['create', 'get', 'update']),
  rule([''], ['pods', 'pods/exec'], ['create', 'get', 'list', 'watch', 'update', 'patch', 'delete']),
  rule([''], ['configmaps'], ['get', 'watch', 'list']),
  rule([''], ['persistentvolumeclaims', 'persistentvolumeclaims/finalizers'], ['create', 'update', 'delete', 'get']),
  rule(['argoproj.io'], ['workflows', 'workflows/finalizers', 'workflowtasksets', 'workflowtasksets/finalizers', 'workflowartifactgctasks'], ALL),
  rule(['argoproj.io'], ['workflowtemplates', 'workflowtemplates/finalizers'], ['get', 'list', 'watch']),
  rule(['argoproj.io'], ['workflowtaskresults'], ['list', 'watch', 'deletecollection']),
  rule([''], ['serviceaccounts'], ['get', 'list']),
  rule([''], ['secrets'], ['get']),
  rule(['argoproj.io'], ['cronworkflows', 'cronworkflows/finalizers'], ['get', 'list', 'watch', 'update', 'patch', 'delete']),
  rule([''], ['events'], ['create', 'patch']),
  rule(['policy'], ['poddisruptionbudgets'], ['create', 'get', 'delete']),
];

/** The namespaced Role of the cluster-wide controller: leader election and Secrets of its own namespace. */
const CLUSTER_INSTALL_ROLE_RULES = [
  rule(['coordination.k8s.io'], ['leases'], ['create', 'get', 'update']),
  rule([''], ['secrets'], ['get']),
];

/**
 * `argo-cluster-role`, as in Argo's cluster install and KFP 2.17.0 multi-user: what the
 * controller's informers and reconcilers do in the namespaces of the Workflows (pods, PVCs,
 * PodDisruptionBudgets, events, task results, templates, cron workflows), namespaces to list,
 * and only the agent CA Secret by name. No Secret of other namespaces is read: Argo mounts the
 * artifact-repository Secret into the pod it creates.
 */
const CLUSTER_RULES = [
  rule([''], ['pods', 'pods/exec'], ['create', 'get', 'list', 'watch', 'update', 'patch', 'delete']),
  rule([''], ['configmaps', 'namespaces'], ['get', 'watch', 'list']),
  rule([''], ['persistentvolumeclaims', 'persistentvolumeclaims/finalizers'], ['create', 'update', 'delete', 'get']),
  rule(['argoproj.io'], ['workflows', 'workflows/finalizers', 'workflowtasksets', 'workflowtasksets/finalizers', 'workflowartifactgctasks'], ALL),
  rule(['argoproj.io'], ['workflowtemplates', 'workflowtemplates/finalizers', 'clusterworkflowtemplates', 'clusterworkflowtemplates/finalizers'], ['get', 'list', 'watch']),
  rule(['argoproj.io'], ['workflowtaskresults'], ['list', 'watch', 'deletecollection']),
  rule([''], ['serviceaccounts'], ['get', 'list']),
  rule(['argoproj.io'], ['cronworkflows', 'cronworkflows/finalizers'], ['get', 'list', 'watch', 'update', 'patch', 'delete']),
  rule([''], ['events'], ['create', 'patch']),
  rule(['policy'], ['poddisruptionbudgets'], ['create', 'get', 'delete']),
  rule([''], ['secrets'], ['get'], ['argo-workflows-agent-ca-certificates']),
];
