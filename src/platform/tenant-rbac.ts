/**
 * The RBAC rules of a tenant namespace, each with the reason it exists. Least privilege: no
 * wildcard verbs, resources or API groups, and resource names wherever the object is known.
 *
 * Facts (KFP 2.17.0, Argo Workflows 4 emissary executor):
 * - drivers and launchers read the `kfp-launcher` ConfigMap and the object-store Secret it names,
 *   with the run's service account (backend/src/v2/config, backend/src/v2/objectstore);
 * - the launcher reads its own pod (retry index fallback), the driver reads its pod when it
 *   publishes a CreatePVC/DeletePVC execution, creates/gets/deletes PVCs for kfp-kubernetes
 *   CreatePVC/DeletePVC, and reads its Workflow for schedule-time placeholders;
 * - Argo's wait container reports outputs as WorkflowTaskResults (create, patch);
 * - the KFP API server authorizes users with SubjectAccessReviews on the virtual resources of
 *   `pipelines.kubeflow.org` (backend/src/apiserver/common/const.go).
 */
import { TenantRbacRule } from './rbac-rule';

/** Options for the runner rules. */
export interface RunnerRuleOptions {
  readonly credentialSecrets: string[];
  readonly volumeManagement: boolean;
}

/** The rules of the Role bound to the pipeline runner service account. */
export function pipelineRunnerRules(options: RunnerRuleOptions): TenantRbacRule[] {
  const rules: TenantRbacRule[] = [
    {
      apiGroups: [''],
      resources: ['configmaps'],
      resourceNames: ['kfp-launcher'],
      verbs: ['get'],
      reason: 'KFP drivers and launchers read the pipeline root and object-store providers from the kfp-launcher ConfigMap of the run namespace.',
    },
  ];
  if (options.credentialSecrets.length > 0) {
    rules.push({
      apiGroups: [''],
      resources: ['secrets'],
      resourceNames: [...options.credentialSecrets],
      verbs: ['get'],
      reason: 'KFP launchers read the object-store credentials that kfp-launcher names (providers secretRef), and only those.',
    });
  }
  rules.push(
    {
      apiGroups: [''],
      resources: ['pods'],
      verbs: ['get'],
      reason: 'The launcher reads its own pod (retry index from the Argo node-name annotation); drivers read theirs when they publish CreatePVC/DeletePVC executions. Pod names are generated, so no resourceNames.',
    },
    {
      apiGroups: ['argoproj.io'],
      resources: ['workflowtaskresults'],
      verbs: ['create', 'patch'],
      reason: "Argo's wait container reports each pod's outputs and exit code as a WorkflowTaskResult.",
    },
    {
      apiGroups: ['argoproj.io'],
      resources: ['workflows'],
      verbs: ['get'],
      reason: "KFP drivers read their run's Workflow labels to resolve the schedule time of recurring runs.",
    },
  );
  if (options.volumeManagement) {
    rules.push({
      apiGroups: [''],
      resources: ['persistentvolumeclaims'],
      verbs: ['create', 'get', 'delete'],
      reason: 'kfp-kubernetes CreatePVC/DeletePVC tasks: the driver creates, checks and deletes the PVC itself.',
    });
  }
  return rules;
}

const READ = ['get', 'list', 'watch'];

function commonReadRules(queues: boolean): TenantRbacRule[] {
  const rules: TenantRbacRule[] = [
    {
      apiGroups: ['kubeflow.org'],
      resources: ['scheduledworkflows'],
      verbs: READ,
      reason: 'See the ScheduledWorkflows behind recurring runs (the KFP API server creates and changes them).',
    },
    {
      apiGroups: ['argoproj.io'],
      resources: ['workflows'],
      verbs: READ,
      reason: 'Inspect the Argo Workflow of a run (runs are created, retried and deleted through the KFP API).',
    },
    {
      apiGroups: [''],
      resources: ['pods'],
      verbs: READ,
      reason: 'See the driver and task pods of a run.',
    },
    {
      apiGroups: [''],
      resources: ['pods/log'],
      verbs: ['get'],
      reason: 'Read task logs to debug runs.',
    },
    {
      apiGroups: [''],
      resources: ['events'],
      verbs: READ,
      reason: 'See why a task pod is pending or rejected (quota, LimitRange, taints, Kueue admission).',
    },
  ];
  if (queues) {
    rules.push({
      apiGroups: ['kueue.x-k8s.io'],
      resources: ['localqueues', 'workloads'],
      verbs: READ,
      reason: "See the team's Kueue queues and where a GPU task waits in them.",
    });
  }
  return rules;
}

/** The rules of the Role granted by `tenant.grantEdit()`: run and manage pipelines through KFP. */
export function editRules(queues: boolean): TenantRbacRule[] {
  return [
    {
      apiGroups: ['pipelines.kubeflow.org'],
      resources: ['pipelines', 'pipelineversions'],
      verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
      reason: 'Upload, version and delete pipelines (KFP API authorization; Pipeline/PipelineVersion objects in Kubernetes-native mode).',
    },
    {
      apiGroups: ['pipelines.kubeflow.org'],
      resources: ['experiments'],
      verbs: ['get', 'list', 'create', 'delete', 'archive', 'unarchive'],
      reason: 'Create, archive and delete experiments.',
    },
    {
      apiGroups: ['pipelines.kubeflow.org'],
      resources: ['runs'],
      verbs: ['get', 'list', 'create', 'delete', 'archive', 'unarchive', 'retry', 'terminate', 'readArtifact'],
      reason: 'Start, retry, terminate, archive and delete runs, and read their artifacts. Not reportMetrics: only the persistence agent reports metrics.',
    },
    {
      apiGroups: ['pipelines.kubeflow.org'],
      resources: ['jobs'],
      verbs: ['get', 'list', 'create', 'delete', 'enable', 'disable'],
      reason: 'Create, pause, resume and delete recurring runs.',
    },
    {
      apiGroups: ['pipelines.kubeflow.org'],
      resources: ['visualizations'],
      verbs: ['create'],
      reason: 'Render visualizations in the KFP UI.',
    },
    {
      apiGroups: ['kubeflow.org'],
      resources: ['viewers'],
      verbs: ['get', 'create', 'delete'],
      reason: 'Open and close TensorBoard viewers from the KFP UI.',
    },
    ...commonReadRules(queues),
  ];
}

/** The rules of the Role granted by `tenant.grantView()`: read-only access to the team's pipelines and runs. */
export function viewRules(queues: boolean): TenantRbacRule[] {
  return [
    {
      apiGroups: ['pipelines.kubeflow.org'],
      resources: ['pipelines', 'pipelineversions'],
      verbs: READ,
      reason: 'See pipelines and their versions.',
    },
    {
      apiGroups: ['pipelines.kubeflow.org'],
      resources: ['experiments', 'jobs'],
      verbs: ['get', 'list'],
      reason: 'See experiments and recurring runs.',
    },
    {
      apiGroups: ['pipelines.kubeflow.org'],
      resources: ['runs'],
      verbs: ['get', 'list', 'readArtifact'],
      reason: 'See runs and read their artifacts.',
    },
    {
      apiGroups: ['pipelines.kubeflow.org'],
      resources: ['visualizations'],
      verbs: ['create'],
      reason: 'Render visualizations in the KFP UI (read-only: computed from existing artifacts).',
    },
    {
      apiGroups: ['kubeflow.org'],
      resources: ['viewers'],
      verbs: ['get', 'create', 'delete'],
      reason: 'Open and close TensorBoard viewers from the KFP UI.',
    },
    ...commonReadRules(queues),
  ];
}

/** Rules with a wildcard anywhere (there must be none). */
export function wildcardRules(rules: TenantRbacRule[]): TenantRbacRule[] {
  return rules.filter((r) => [...r.apiGroups, ...r.resources, ...r.verbs, ...(r.resourceNames ?? [])].some((x) => x.includes('*')));
}
