/**
 * The RBAC of the install's own workloads: least privilege by default, each rule derived from the
 * calls the component makes (KFP 2.17.0 and Argo Workflows v4.0.5, the release KFP 2.17.0 ships),
 * or upstream's broader grants on request.
 *
 * Source references name files of kubeflow/pipelines at tag 2.17.0 (`kfp:`) and of
 * argoproj/argo-workflows at tag v4.0.5 (`argo:`).
 */

/** Options of the least-privilege RBAC. */
export interface LeastPrivilegeRbacOptions {
  /**
   * Pipelines run in the KFP namespace use kfp-kubernetes `CreatePVC`/`DeletePVC`: the driver
   * creates, reads and deletes those PVCs itself, so `pipeline-runner` may create, get and delete
   * PersistentVolumeClaims. Pipeline workspaces don't need this: Argo's controller creates them.
   * @default false
   */
  readonly volumeManagement?: boolean;
  /**
   * Let Argo's controller stop steps that are still running when a run is terminated or passes
   * its deadline: it signals their containers through `pods/exec` (argo: workflow/signal/signal.go).
   * Without it the run is marked failed at once and no new step starts, but a step already
   * running finishes on its own.
   * @default false
   */
  readonly terminateRunningSteps?: boolean;
  /**
   * The UI's and the API server's log view read the logs of live pods (`pods/log` get). Without
   * it, logs are shown from Argo's log archive once a step has finished.
   * @default true
   */
  readonly podLogs?: boolean;
}

/** Which RBAC the install's own workloads get. */
export class InstallRbac {
  /**
   * Upstream KFP 2.17.0's Roles as they are: `pipeline-runner` with `*` on pods, `pods/exec`,
   * deployments, jobs and every Secret of the namespace, the UI reading every Secret, Argo with
   * `pods/exec`, the viewer controller on `apiGroups: ['*']`. Only for parity with upstream:
   * the production checklist fails on these grants unless waived.
   */
  public static readonly UPSTREAM = new InstallRbac(true, {});

  /**
   * Least privilege: each Role holds only what its component calls, Secrets only by name, no
   * wildcard and no `pods/exec` unless `terminateRunningSteps` asks for it. The default.
   */
  public static leastPrivilege(options: LeastPrivilegeRbacOptions = {}): InstallRbac {
    return new InstallRbac(false, options);
  }

  /** Whether these are upstream's grants. */
  public readonly upstream: boolean;
  /** `pipeline-runner` may create, get and delete PVCs. */
  public readonly volumeManagement: boolean;
  /** Argo may signal running containers through `pods/exec`. */
  public readonly terminateRunningSteps: boolean;
  /** The UI and the API server may read live pod logs. */
  public readonly podLogs: boolean;

  private constructor(upstream: boolean, options: LeastPrivilegeRbacOptions) {
    this.upstream = upstream;
    this.volumeManagement = upstream || (options.volumeManagement ?? false);
    this.terminateRunningSteps = upstream || (options.terminateRunningSteps ?? false);
    this.podLogs = upstream || (options.podLogs ?? true);
  }

  /** A short description, e.g. `leastPrivilege({ volumeManagement: true })`. @internal */
  public _describe(): string {
    if (this.upstream) return 'InstallRbac.UPSTREAM';
    const on: string[] = [];
    if (this.volumeManagement) on.push('volumeManagement: true');
    if (this.terminateRunningSteps) on.push('terminateRunningSteps: true');
    if (!this.podLogs) on.push('podLogs: false');
    return `InstallRbac.leastPrivilege(${on.length ? `{ ${on.join(', ')} }` : ''})`;
  }
}

/** One rule of a Role or ClusterRole of the install, with why it is granted. */
export interface InstallRbacRule {
  /** `Role` or `ClusterRole`. */
  readonly roleKind: string;
  /** The name of the Role or ClusterRole. */
  readonly roleName: string;
  /** API groups (`''` is the core group). */
  readonly apiGroups: string[];
  /** Resources. */
  readonly resources: string[];
  /** Verbs. */
  readonly verbs: string[];
  /**
   * The only objects the rule applies to.
   * @default - all objects of the resources
   */
  readonly resourceNames?: string[];
  /** Why the component needs it. */
  readonly reason: string;
  /** Where in the upstream source the call is made (`upstream` for upstream's own grants). */
  readonly source: string;
}

/** What the rules depend on (internal). */
export interface RbacParams {
  readonly rbac: InstallRbac;
  /** Secrets that pipeline pods and the UI read by name (object-store keys, GCS key). */
  readonly credentialSecrets: string[];
  /** Kubernetes-native pipeline store. */
  readonly kubernetesPipelineStore: boolean;
}

/** The agent CA Secret Argo's controller checks for when it starts an agent pod. */
export const ARGO_AGENT_CA_SECRET = 'argo-workflows-agent-ca-certificates';

type Spec = [apiGroups: string[], resources: string[], verbs: string[], resourceNames: string[] | undefined, reason: string, source: string];

function rules(roleKind: string, roleName: string, specs: Spec[]): InstallRbacRule[] {
  return specs.map(([apiGroups, resources, verbs, resourceNames, reason, source]) => ({
    roleKind, roleName, apiGroups, resources, verbs, ...(resourceNames ? { resourceNames } : {}), reason, source,
  }));
}

/** `pipeline-runner`: what drivers, launchers and Argo's executor do with the run's service account. */
export function pipelineRunnerRules(p: RbacParams): InstallRbacRule[] {
  const specs: Spec[] = [
    [[''], ['configmaps'], ['get'], ['kfp-launcher'],
      'Drivers and launchers read the pipeline root and object-store providers from the kfp-launcher ConfigMap.',
      'kfp: backend/src/v2/config/env.go (FromConfigMap), backend/src/v2/driver/root_dag.go, backend/src/v2/component/importer_launcher.go'],
  ];
  if (p.credentialSecrets.length) {
    specs.push([[''], ['secrets'], ['get'], [...p.credentialSecrets],
      "Launchers read the object-store keys that kfp-launcher's providers name, and Argo's wait container reads the artifact repository's keys to archive logs; only those Secrets.",
      'kfp: backend/src/v2/objectstore/object_store.go (Secrets.Get); argo: workflow/artifacts/artifacts.go (GetSecret)']);
  }
  specs.push(
    [[''], ['pods'], ['get'], undefined,
      "The launcher reads its own pod (retry index from Argo's node-name annotation) and the driver reads its own pod when it publishes a CreatePVC/DeletePVC execution. Pod names are generated, so no resourceNames.",
      'kfp: backend/src/v2/component/launcher_v2.go (retryIndexFromPodAnnotation), backend/src/v2/driver/k8s.go (publishDriverExecution)'],
    [['argoproj.io'], ['workflowtaskresults'], ['create', 'patch'], undefined,
      "Argo's wait container reports each pod's outputs and exit code as a WorkflowTaskResult.",
      'argo: workflow/executor/taskresult.go'],
    [['argoproj.io'], ['workflows'], ['get'], undefined,
      "Drivers read their run's Workflow labels to resolve the schedule time of recurring runs.",
      'kfp: backend/src/v2/cmd/driver/main.go (getCurrentWorkflowMetadata)'],
    [['mlflow.kubeflow.org'], ['experiments'], ['get', 'list', 'create', 'update'], undefined,
      "KFP 2.17.0's MLflow plugin (on in the API server's default config): drivers and launchers log runs to MLflow with the run's token, which MLflow's Kubernetes auth checks against this virtual resource.",
      'kfp: backend/src/v2/common/plugins/mlflow/handler.go, backend/src/common/plugins/mlflow/client.go'],
  );
  if (p.rbac.volumeManagement) {
    specs.push([[''], ['persistentvolumeclaims'], ['create', 'get', 'delete'], undefined,
      'volumeManagement: kfp-kubernetes CreatePVC/DeletePVC tasks; the driver creates, checks and deletes the PVC itself.',
      'kfp: backend/src/v2/driver/k8s.go (createPVC, deletePVC)']);
  }
  return rules('Role', 'pipeline-runner', specs);
}

/** `ml-pipeline`: the API server. */
export function apiServerRules(p: RbacParams): InstallRbacRule[] {
  const specs: Spec[] = [
    [[''], ['pods'], ['delete'], undefined,
      'Retrying a run deletes the pods of its failed steps.',
      'kfp: backend/src/apiserver/resource/resource_manager_util.go'],
  ];
  if (p.rbac.podLogs) {
    specs.push([[''], ['pods/log'], ['get'], undefined,
      'podLogs: the run log endpoint reads the logs of a live pod (archived logs need no grant).',
      'kfp: backend/src/apiserver/resource/resource_manager.go (ReadLog, GetLogs)']);
  }
  const all = ['create', 'get', 'list', 'watch', 'update', 'patch', 'delete'];
  specs.push(
    [['argoproj.io'], ['workflows'], all, undefined,
      'Runs are Argo Workflows: created on run, read and listed for status, patched to terminate (activeDeadlineSeconds: 0) or retry, deleted with the run.',
      'kfp: backend/src/apiserver/resource/resource_manager.go, backend/src/common/util/execution_spec.go (GetTerminatePatch)'],
    [['kubeflow.org'], ['scheduledworkflows'], ['create', 'get', 'list', 'update', 'patch', 'delete'], undefined,
      'Recurring runs are ScheduledWorkflows: created, enabled/disabled and deleted through the API.',
      'kfp: backend/src/apiserver/resource/resource_manager.go, backend/src/apiserver/client/swf.go'],
    [['kubeflow.org'], ['scheduledworkflows/finalizers'], ['update'], undefined,
      'Objects the API server creates for a ScheduledWorkflow carry an owner reference that blocks deletion, which needs update on the owner\'s finalizers.',
      'kfp: backend/src/apiserver/resource/resource_manager.go'],
    [['pipelines.kubeflow.org'], ['pipelines'], ['get', 'list', 'watch'], undefined,
      'Reads Pipeline objects (the Kubernetes-native store and its webhooks).',
      'kfp: backend/src/apiserver/storage (pipeline store)'],
    [['authorization.k8s.io'], ['subjectaccessreviews'], ['create'], undefined,
      'Authorizes each API request with a SubjectAccessReview on the pipelines.kubeflow.org virtual resources.',
      'kfp: backend/src/apiserver/client/subject_access_review.go'],
    [['authentication.k8s.io'], ['tokenreviews'], ['create'], undefined,
      'Authenticates service-account tokens (persistence agent, ScheduledWorkflow controller) with a TokenReview.',
      'kfp: backend/src/apiserver/auth/authenticator_token_review.go'],
    [['mlflow.kubeflow.org'], ['experiments'], ['get', 'list', 'create', 'update'], undefined,
      'The MLflow plugin creates and updates the MLflow experiment of a run (Kubernetes auth).',
      'kfp: backend/src/apiserver/plugins/mlflow/config.go'],
    [[''], ['configmaps'], ['get'], ['kfp-launcher'],
      "The MLflow plugin reads the namespace's MLflow settings from kfp-launcher.",
      'kfp: backend/src/apiserver/plugins/mlflow/config.go (GetLauncherNamespaceMLflowConfig)'],
    [[''], ['secrets'], ['get'], ['kfp-mlflow-credentials'],
      'The MLflow plugin reads its bearer or basic-auth credentials from this one Secret.',
      'kfp: backend/src/apiserver/plugins/mlflow/config.go (getMLflowCredentialSecret)'],
  );
  if (p.kubernetesPipelineStore) {
    specs.push(
      [['pipelines.kubeflow.org'], ['pipelines', 'pipelines/finalizers'], all, undefined,
        'PipelineStore.KUBERNETES: pipelines are Pipeline objects the API server writes.',
        'kfp: backend/src/apiserver/storage (Kubernetes pipeline store)'],
      [['pipelines.kubeflow.org'], ['pipelineversions', 'pipelineversions/status', 'pipelineversions/finalizers'], all, undefined,
        'PipelineStore.KUBERNETES: pipeline versions are PipelineVersion objects the API server writes and whose status it sets.',
        'kfp: backend/src/apiserver/storage (Kubernetes pipeline store)'],
    );
  }
  return rules('Role', 'ml-pipeline', specs);
}

/** `ml-pipeline-ui`: the UI's Node server. */
export function uiRules(p: RbacParams): InstallRbacRule[] {
  const specs: Spec[] = [
    [[''], ['pods'], ['get'], undefined,
      'The run details page shows a step\'s pod.',
      'kfp: frontend/server/k8s-helper.ts (readNamespacedPod)'],
  ];
  if (p.rbac.podLogs) {
    specs.push([[''], ['pods/log'], ['get'], undefined,
      'podLogs: the log view reads the logs of a live pod.',
      'kfp: frontend/server/k8s-helper.ts (readNamespacedPodLog)']);
  }
  specs.push(
    [[''], ['events'], ['list'], undefined,
      'The run details page lists the events of a step\'s pod.',
      'kfp: frontend/server/k8s-helper.ts (listNamespacedEvent)'],
    [[''], ['configmaps'], ['get'], ['artifact-repositories'],
      "Archived logs: the key format of Argo's artifact repository.",
      'kfp: frontend/server/workflow-helper.ts (getKeyFormatFromArtifactRepositories)'],
  );
  if (p.credentialSecrets.length) {
    specs.push([[''], ['secrets'], ['get'], [...p.credentialSecrets],
      "Artifact previews and archived logs: the object-store keys named by kfp-launcher's providers and the artifact repository; only those Secrets.",
      'kfp: frontend/server/minio-helper.ts, frontend/server/workflow-helper.ts (getK8sSecret)']);
  }
  specs.push(
    [['kubeflow.org'], ['viewers'], ['create', 'get', 'delete'], undefined,
      'Opens, looks up and closes TensorBoard viewers.',
      'kfp: frontend/server/k8s-helper.ts (createNamespacedCustomObject, getNamespacedCustomObject, deleteNamespacedCustomObject)'],
    [['argoproj.io'], ['workflows'], ['get'], undefined,
      'Reads a run\'s Workflow to find its archived logs and artifacts.',
      'kfp: frontend/server/k8s-helper.ts (getArgoWorkflow)'],
  );
  return rules('Role', 'ml-pipeline-ui', specs);
}

/** `ml-pipeline-persistenceagent-role`. */
export function persistenceAgentRules(): InstallRbacRule[] {
  return rules('Role', 'ml-pipeline-persistenceagent-role', [
    [['argoproj.io'], ['workflows'], ['get', 'list', 'watch'], undefined,
      'Watches Workflows to report run status to the API server.',
      'kfp: backend/src/agent/persistence (workflow informer)'],
    [['kubeflow.org'], ['scheduledworkflows'], ['get', 'list', 'watch'], undefined,
      'Watches ScheduledWorkflows to report recurring runs to the API server.',
      'kfp: backend/src/agent/persistence (ScheduledWorkflow informer)'],
    [['pipelines.kubeflow.org'], ['scheduledworkflows', 'workflows'], ['report'], undefined,
      'The API server authorizes its report calls on these virtual resources.',
      'kfp: backend/src/apiserver/common/const.go'],
    [['pipelines.kubeflow.org'], ['runs'], ['reportMetrics', 'readArtifact'], undefined,
      'The API server authorizes its metric reports and artifact reads on this virtual resource.',
      'kfp: backend/src/apiserver/common/const.go'],
  ]);
}

/** `ml-pipeline-scheduledworkflow-role`. */
export function scheduledWorkflowRules(): InstallRbacRule[] {
  return rules('Role', 'ml-pipeline-scheduledworkflow-role', [
    [['argoproj.io'], ['workflows'], ['create', 'get', 'list', 'watch'], undefined,
      'Watches the Workflows of each schedule and starts v1 pipeline runs as Workflows.',
      'kfp: backend/src/crd/controller/scheduledworkflow/client/workflow_client.go'],
    [['kubeflow.org'], ['scheduledworkflows'], ['get', 'list', 'watch', 'update'], undefined,
      'Watches ScheduledWorkflows and writes their status (last and next run).',
      'kfp: backend/src/crd/controller/scheduledworkflow/client/swf_client.go'],
    [['kubeflow.org'], ['scheduledworkflows/finalizers'], ['update'], undefined,
      'The Workflows it starts are owned by their ScheduledWorkflow with blockOwnerDeletion.',
      'kfp: backend/src/crd/controller/scheduledworkflow/controller.go'],
    [['pipelines.kubeflow.org'], ['runs'], ['create'], undefined,
      'v2 recurring runs are started through the API server, which authorizes this virtual resource.',
      'kfp: backend/src/crd/controller/scheduledworkflow/controller.go'],
    [[''], ['events'], ['create', 'patch'], undefined,
      'Records sync successes and failures as events on the ScheduledWorkflow.',
      'kfp: backend/src/crd/controller/scheduledworkflow/controller.go (event recorder)'],
  ]);
}

/** `ml-pipeline-viewer-controller-role`. */
export function viewerControllerRules(): InstallRbacRule[] {
  return rules('Role', 'ml-pipeline-viewer-controller-role', [
    [['apps'], ['deployments'], ['get', 'list', 'watch', 'create'], undefined,
      'Each Viewer runs as a Deployment it creates and owns (deleted with the Viewer by garbage collection).',
      'kfp: backend/src/crd/controller/viewer/reconciler/reconciler.go, backend/src/crd/controller/viewer/main.go (Owns)'],
    [[''], ['services'], ['get', 'list', 'watch', 'create'], undefined,
      'Each Viewer gets a Service it creates and owns.',
      'kfp: backend/src/crd/controller/viewer/reconciler/reconciler.go'],
    [['kubeflow.org'], ['viewers'], ['get', 'list', 'watch', 'delete'], undefined,
      'Reconciles Viewers and deletes the oldest one above MAX_NUM_VIEWERS.',
      'kfp: backend/src/crd/controller/viewer/reconciler/reconciler.go (maybeDeleteOldestViewer)'],
    [['kubeflow.org'], ['viewers/finalizers'], ['update'], undefined,
      'Its Deployments and Services are owned by the Viewer with blockOwnerDeletion.',
      'kfp: backend/src/crd/controller/viewer/reconciler/reconciler.go (SetControllerReference)'],
  ]);
}

/** `kubeflow-pipelines-cache-role`: the v1 cache server's pod watcher. */
export function cacheServerRules(): InstallRbacRule[] {
  return rules('Role', 'kubeflow-pipelines-cache-role', [
    [[''], ['pods'], ['watch', 'patch'], undefined,
      'Watches cache-enabled pods and labels them once their result is cached.',
      'kfp: backend/src/cache/server/watcher.go'],
  ]);
}

/** `kubeflow-pipelines-metadata-writer-role`. */
export function metadataWriterRules(): InstallRbacRule[] {
  return rules('Role', 'kubeflow-pipelines-metadata-writer-role', [
    [[''], ['pods'], ['list', 'watch', 'patch'], undefined,
      'Watches run pods and labels each one once its execution is recorded in ML Metadata.',
      'kfp: backend/metadata_writer/src/metadata_writer.py (list_namespaced_pod, patch_namespaced_pod)'],
  ]);
}

const ARGO_ALL = ['get', 'list', 'watch', 'update', 'patch', 'delete', 'create'];

/** What Argo's controller does in the namespaces of its Workflows (Role when namespaced, ClusterRole when cluster-wide). */
function argoWorkloadSpecs(p: RbacParams, cluster: boolean): Spec[] {
  const specs: Spec[] = [
    [[''], ['pods'], ['create', 'get', 'list', 'watch', 'update', 'patch', 'delete'], undefined,
      'Creates each step\'s pod, watches it, labels finished pods and deletes them (pod GC, pending pods of a stopped run).',
      'argo: workflow/controller/workflowpod.go, workflow/controller/pod/queue.go'],
  ];
  if (p.rbac.terminateRunningSteps) {
    specs.push([[''], ['pods/exec'], ['create'], undefined,
      'terminateRunningSteps: signals the containers of steps still running when a run is terminated or passes its deadline.',
      'argo: workflow/signal/signal.go, workflow/controller/exec_control.go']);
  }
  specs.push(
    [[''], cluster ? ['configmaps', 'namespaces'] : ['configmaps'], ['get', 'watch', 'list'], undefined,
      cluster ? 'Reads its ConfigMap, each namespace\'s artifact-repositories ConfigMap, and the namespaces it manages.' : 'Reads its ConfigMap and the artifact-repositories ConfigMap.',
      'argo: workflow/controller/controller.go, workflow/artifactrepositories/artifactrepositories.go'],
    [[''], ['persistentvolumeclaims', 'persistentvolumeclaims/finalizers'], ['create', 'update', 'delete', 'get'], undefined,
      'Creates and deletes the PVCs of volumeClaimTemplates (KFP pipeline workspaces).',
      'argo: workflow/controller/operator.go (createPVCs, deletePVCs)'],
    [['argoproj.io'], ['workflows', 'workflows/finalizers', 'workflowtasksets', 'workflowtasksets/finalizers', 'workflowartifactgctasks'], ARGO_ALL, undefined,
      'Reconciles Workflows and their task sets and artifact GC tasks.',
      'argo: workflow/controller/operator.go'],
    [['argoproj.io'], cluster ? ['workflowtemplates', 'workflowtemplates/finalizers', 'clusterworkflowtemplates', 'clusterworkflowtemplates/finalizers'] : ['workflowtemplates', 'workflowtemplates/finalizers'], ['get', 'list', 'watch'], undefined,
      'Resolves templates a Workflow refers to.',
      'argo: workflow/controller/controller.go (template informers)'],
    [['argoproj.io'], ['workflowtaskresults'], ['list', 'watch', 'deletecollection'], undefined,
      'Reads the outputs the wait containers report and deletes them with the Workflow.',
      'argo: workflow/controller/taskresult.go'],
    [[''], ['serviceaccounts'], ['get', 'list'], undefined,
      "Reads a Workflow's service account (token automount, image pull secrets).",
      'argo: workflow/controller/operator.go'],
    [['argoproj.io'], ['cronworkflows', 'cronworkflows/finalizers'], ['get', 'list', 'watch', 'update', 'patch', 'delete'], undefined,
      'Runs CronWorkflows (RecurringRunMode.argoCronWorkflow()).',
      'argo: workflow/cron/controller.go'],
    [[''], ['events'], ['create', 'patch'], undefined,
      'Records Workflow events.',
      'argo: workflow/events'],
    [['policy'], ['poddisruptionbudgets'], ['create', 'get', 'delete'], undefined,
      'Creates the PodDisruptionBudget of a Workflow that asks for one.',
      'argo: workflow/controller/operator.go (createPDBResource)'],
    [[''], ['secrets'], ['get'], [ARGO_AGENT_CA_SECRET],
      'Checks for the agent CA Secret when it starts an agent pod (HTTP and plugin templates); no other Secret: artifact credentials are read by the wait container.',
      'argo: workflow/controller/agent.go (secretExists)'],
  );
  return specs;
}

const LEASES: Spec = [['coordination.k8s.io'], ['leases'], ['create', 'get', 'update'], undefined,
  'Leader election between controller replicas.',
  'argo: cmd/workflow-controller/main.go (LeaseLock)'];

/** `argo-role`: the namespaced controller's Role, or the cluster-wide controller's Role in the KFP namespace. */
export function argoRoleRules(p: RbacParams, clusterScope: boolean): InstallRbacRule[] {
  if (clusterScope) {
    return rules('Role', 'argo-role', [
      LEASES,
      [[''], ['secrets'], ['get'], [ARGO_AGENT_CA_SECRET],
        'Checks for the agent CA Secret in the KFP namespace (see argo-cluster-role).',
        'argo: workflow/controller/agent.go (secretExists)'],
    ]);
  }
  return rules('Role', 'argo-role', [LEASES, ...argoWorkloadSpecs(p, false)]);
}

/** `argo-cluster-role`: the cluster-wide controller. */
export function argoClusterRoleRules(p: RbacParams): InstallRbacRule[] {
  return rules('ClusterRole', 'argo-cluster-role', argoWorkloadSpecs(p, true));
}

/** `kubeflow-pipelines-public`. */
export function publicConfigRules(): InstallRbacRule[] {
  return rules('Role', 'kubeflow-pipelines-public', [
    [[''], ['configmaps'], ['get', 'list', 'watch'], ['kubeflow-pipelines-public'],
      'Every authenticated user may read the installed KFP version.',
      'upstream'],
  ]);
}

/** A rule as Kubernetes writes it. */
export function k8sRule(r: { apiGroups: string[]; resources: string[]; verbs: string[]; resourceNames?: string[] }): any {
  const out: any = { apiGroups: [...r.apiGroups], resources: [...r.resources], verbs: [...r.verbs] };
  if (r.resourceNames) out.resourceNames = [...r.resourceNames];
  return out;
}

/** Upstream rules as InstallRbacRules (their reason is upstream's grant). */
export function upstreamRules(roleKind: string, roleName: string, k8sRules: any[]): InstallRbacRule[] {
  return k8sRules.map((r) => ({
    roleKind,
    roleName,
    apiGroups: r.apiGroups,
    resources: r.resources,
    verbs: r.verbs,
    ...(r.resourceNames ? { resourceNames: r.resourceNames } : {}),
    reason: "Upstream KFP 2.17.0's grant (InstallRbac.UPSTREAM).",
    source: 'upstream',
  }));
}

/** What `selectRules` needs from the install context. */
export interface RuleContext {
  readonly rbac: RbacParams;
  readonly registerRules: (key: string, produce: () => InstallRbacRule[]) => void;
}

/**
 * The rules of one Role: upstream's with `InstallRbac.UPSTREAM`, else the least-privilege ones.
 * Registers them with their reasons for `KubeflowPipelines.rbacRules`.
 */
export function selectRules(ctx: RuleContext, roleKind: string, roleName: string, upstream: () => any[], least: () => InstallRbacRule[]): any[] {
  const produce = () => (ctx.rbac.rbac.upstream ? upstreamRules(roleKind, roleName, upstream()) : least());
  ctx.registerRules(`${roleKind}/${roleName}`, produce);
  return produce().map(k8sRule);
}
