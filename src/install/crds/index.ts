/**
 * The CustomResourceDefinitions the install ships, written as schema facts in this project.
 * Each entry is a plain `apiextensions.k8s.io/v1` CustomResourceDefinition object.
 */
import * as argo from './argo';
import { CrdFacts, toCrdManifest } from './definition';
import * as kubeflow from './kubeflow';

/** Argo Workflows' CRDs (the "minimal" set KFP 2.17.0 ships). */
export const ARGO_CRDS: CrdFacts[] = [
  argo.CLUSTER_WORKFLOW_TEMPLATE,
  argo.CRON_WORKFLOW,
  argo.WORKFLOW,
  argo.WORKFLOW_TEMPLATE,
  argo.WORKFLOW_ARTIFACT_GC_TASK,
  argo.WORKFLOW_EVENT_BINDING,
  argo.WORKFLOW_TASK_RESULT,
  argo.WORKFLOW_TASK_SET,
];

/** KFP's controllers' CRDs, installed in every mode. */
export const KFP_CRDS: CrdFacts[] = [kubeflow.SCHEDULED_WORKFLOW, kubeflow.VIEWER];

/** The Kubernetes-native pipeline store's CRDs. */
export const PIPELINE_STORE_CRDS: CrdFacts[] = [kubeflow.PIPELINE, kubeflow.PIPELINE_VERSION];

/** @internal */
export function crdManifests(): any[] {
  return [...ARGO_CRDS, ...KFP_CRDS, ...PIPELINE_STORE_CRDS].map(toCrdManifest);
}
