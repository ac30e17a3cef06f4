/**
 * KFP's own CRDs: ScheduledWorkflow and Viewer (`kubeflow.org/v1beta1`, always installed) and
 * Pipeline and PipelineVersion (`pipelines.kubeflow.org/v2beta1`, Kubernetes-native pipeline store).
 */
import { CrdFacts } from './definition';
import { arr, mapOf, obj, oneOf, opaqueObject, resourceRoot, str, unknownFields } from './schema';

/** Recurring runs. Spec and status are opaque to the API server; the controller owns them. */
export const SCHEDULED_WORKFLOW: CrdFacts = {
  group: 'kubeflow.org',
  kind: 'ScheduledWorkflow',
  plural: 'scheduledworkflows',
  singular: 'scheduledworkflow',
  shortNames: ['swf'],
  scope: 'Namespaced',
  versions: [{
    name: 'v1beta1',
    schema: resourceRoot({ spec: opaqueObject(), status: opaqueObject() }, ['spec', 'status']),
  }],
};

/** TensorBoard viewers started from the UI. */
export const VIEWER: CrdFacts = {
  group: 'kubeflow.org',
  kind: 'Viewer',
  plural: 'viewers',
  singular: 'viewer',
  shortNames: ['vi'],
  scope: 'Namespaced',
  versions: [{
    name: 'v1beta1',
    schema: resourceRoot({ spec: opaqueObject() }, ['spec']),
  }],
};

const CONTROLLER_GEN = { 'controller-gen.kubebuilder.io/version': 'v0.16.4' };

const tags = () => mapOf(str());

/** A pipeline in the Kubernetes-native pipeline store. */
export const PIPELINE: CrdFacts = {
  group: 'pipelines.kubeflow.org',
  kind: 'Pipeline',
  plural: 'pipelines',
  singular: 'pipeline',
  scope: 'Namespaced',
  annotations: CONTROLLER_GEN,
  versions: [{
    name: 'v2beta1',
    schema: resourceRoot({
      spec: obj({ description: str(), displayName: str(), tags: tags() }),
    }),
  }],
};

/** One version of a pipeline: the compiled IR, immutable once created. */
export const PIPELINE_VERSION: CrdFacts = {
  group: 'pipelines.kubeflow.org',
  kind: 'PipelineVersion',
  plural: 'pipelineversions',
  singular: 'pipelineversion',
  scope: 'Namespaced',
  annotations: CONTROLLER_GEN,
  versions: [{
    name: 'v2beta1',
    subresources: { status: true },
    schema: resourceRoot({
      spec: obj({
        codeSourceURL: str(),
        description: str(),
        displayName: str(),
        pipelineName: str(),
        pipelineSpec: unknownFields(),
        pipelineSpecURI: str(),
        platformSpec: unknownFields(),
        tags: tags(),
        versionName: str({ maxLength: 253, pattern: '^[a-z0-9]([a-z0-9\\.\\-]*[a-z0-9])?$' }),
      }, ['pipelineSpec']),
      status: obj({
        conditions: arr(obj({
          message: str({ maxLength: 32768 }),
          reason: str(),
          status: oneOf('True', 'False', 'Unknown'),
          type: str({
            maxLength: 316,
            pattern: '^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$',
          }),
        }, ['message', 'reason', 'status', 'type'])),
      }),
    }),
  }],
};
