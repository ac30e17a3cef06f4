/**
 * Argo Workflows v4.0.5 "minimal" CRDs, as KFP 2.17.0 installs them. The user-facing kinds
 * (Workflow, CronWorkflow, WorkflowTemplate, ClusterWorkflowTemplate) are schemaless; the kinds the
 * controller exchanges with executors carry full schemas (see `argo-types.ts`).
 */
import * as t from './argo-types';
import { CrdFacts } from './definition';
import { opaqueObject, resourceRoot, str } from './schema';

const V1ALPHA1 = 'v1alpha1';

function schemaless(status: boolean) {
  return resourceRoot(status ? { spec: opaqueObject(), status: opaqueObject() } : { spec: opaqueObject() }, ['metadata', 'spec']);
}

export const WORKFLOW: CrdFacts = {
  group: 'argoproj.io',
  kind: 'Workflow',
  plural: 'workflows',
  singular: 'workflow',
  shortNames: ['wf'],
  scope: 'Namespaced',
  versions: [{
    name: V1ALPHA1,
    schema: schemaless(true),
    subresources: { emptyObject: true },
    printerColumns: [
      { name: 'Status', type: 'string', jsonPath: '.status.phase', description: 'Workflow phase' },
      { name: 'Age', type: 'date', format: 'date-time', jsonPath: '.status.startedAt', description: 'Time the workflow started' },
      { name: 'Message', type: 'string', jsonPath: '.status.message', description: 'Why the workflow is in its phase' },
    ],
  }],
};

export const CRON_WORKFLOW: CrdFacts = {
  group: 'argoproj.io',
  kind: 'CronWorkflow',
  plural: 'cronworkflows',
  singular: 'cronworkflow',
  shortNames: ['cwf', 'cronwf'],
  scope: 'Namespaced',
  versions: [{ name: V1ALPHA1, schema: schemaless(true) }],
};

export const WORKFLOW_TEMPLATE: CrdFacts = {
  group: 'argoproj.io',
  kind: 'WorkflowTemplate',
  plural: 'workflowtemplates',
  singular: 'workflowtemplate',
  shortNames: ['wftmpl'],
  scope: 'Namespaced',
  versions: [{ name: V1ALPHA1, schema: schemaless(false) }],
};

export const CLUSTER_WORKFLOW_TEMPLATE: CrdFacts = {
  group: 'argoproj.io',
  kind: 'ClusterWorkflowTemplate',
  plural: 'clusterworkflowtemplates',
  singular: 'clusterworkflowtemplate',
  shortNames: ['clusterwftmpl', 'cwft'],
  scope: 'Cluster',
  versions: [{ name: V1ALPHA1, schema: schemaless(false) }],
};

/** Tasks the controller hands to the agent pod (HTTP and plugin templates). */
export const WORKFLOW_TASK_SET: CrdFacts = {
  group: 'argoproj.io',
  kind: 'WorkflowTaskSet',
  plural: 'workflowtasksets',
  singular: 'workflowtaskset',
  shortNames: ['wfts'],
  scope: 'Namespaced',
  versions: [{
    name: V1ALPHA1,
    subresources: { status: true },
    schema: resourceRoot({ spec: t.WorkflowTaskSetSpec, status: t.WorkflowTaskSetStatus }, ['metadata', 'spec']),
  }],
};

/** Outputs that executors report back to the controller. */
export const WORKFLOW_TASK_RESULT: CrdFacts = {
  group: 'argoproj.io',
  kind: 'WorkflowTaskResult',
  plural: 'workflowtaskresults',
  singular: 'workflowtaskresult',
  scope: 'Namespaced',
  versions: [{
    name: V1ALPHA1,
    schema: resourceRoot({ message: str(), outputs: t.TaskResultOutputs, phase: str(), progress: str() }, ['metadata']),
  }],
};

/** Artifact garbage collection work for the GC pods. */
export const WORKFLOW_ARTIFACT_GC_TASK: CrdFacts = {
  group: 'argoproj.io',
  kind: 'WorkflowArtifactGCTask',
  plural: 'workflowartifactgctasks',
  singular: 'workflowartifactgctask',
  shortNames: ['wfat'],
  scope: 'Namespaced',
  versions: [{
    name: V1ALPHA1,
    subresources: { status: true },
    schema: resourceRoot({ spec: t.ArtifactGCSpec, status: t.ArtifactGCStatus }, ['metadata', 'spec']),
  }],
};

/** Event-triggered workflow submission. */
export const WORKFLOW_EVENT_BINDING: CrdFacts = {
  group: 'argoproj.io',
  kind: 'WorkflowEventBinding',
  plural: 'workfloweventbindings',
  singular: 'workfloweventbinding',
  shortNames: ['wfeb'],
  scope: 'Namespaced',
  versions: [{
    name: V1ALPHA1,
    schema: resourceRoot({ spec: t.WorkflowEventBindingSpec }, ['metadata', 'spec']),
  }],
};
