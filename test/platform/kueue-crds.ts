/**
 * Compact CRD-facts schemas for the Kueue kinds the platform layer writes (Kueue has no
 * `@kubernetes-models` package). Written for these tests from Kueue's API types
 * (`apis/kueue/v1beta1` and `v1beta2`): field names, enums, required fields, list bounds and name
 * patterns. Stricter than the real CRDs on purpose: unknown fields are errors here (the API server
 * would silently prune them, so a misspelled or wrong-version field would be lost).
 *
 * Differences between the versions that matter here: a ClusterQueue's cohort is `cohort` in
 * v1beta1 and `cohortName` in v1beta2.
 */

const NAME = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
const QUANTITY = { anyOf: [{ type: 'integer' }, { type: 'string', pattern: '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$' }] };
const strict = (properties: any, required: string[] = []) => ({ type: 'object', additionalProperties: false, properties, ...(required.length ? { required } : {}) });
const metadata = { type: 'object' };

const taint = strict({
  key: { type: 'string' },
  value: { type: 'string' },
  effect: { type: 'string', enum: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] },
  timeAdded: { type: 'string' },
}, ['key', 'effect']);

const toleration = strict({
  key: { type: 'string' },
  operator: { type: 'string', enum: ['Equal', 'Exists'] },
  value: { type: 'string' },
  effect: { type: 'string', enum: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] },
  tolerationSeconds: { type: 'integer' },
});

const labelSelector = strict({
  matchLabels: { type: 'object', additionalProperties: { type: 'string' } },
  matchExpressions: {
    type: 'array',
    items: strict({
      key: { type: 'string' },
      operator: { type: 'string', enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'] },
      values: { type: 'array', items: { type: 'string' } },
    }, ['key', 'operator']),
  },
});

const preemptionPolicy = (values: string[]) => ({ type: 'string', enum: values });

function resourceFlavorSpec(): any {
  return strict({
    nodeLabels: { type: 'object', maxProperties: 8, additionalProperties: { type: 'string' } },
    nodeTaints: { type: 'array', maxItems: 8, items: taint },
    tolerations: { type: 'array', maxItems: 8, items: toleration },
    topologyName: { type: 'string' },
  });
}

function clusterQueueSpec(version: 'v1beta1' | 'v1beta2'): any {
  const cohortField = version === 'v1beta1' ? 'cohort' : 'cohortName';
  return strict({
    resourceGroups: {
      type: 'array',
      maxItems: 16,
      items: strict({
        coveredResources: { type: 'array', minItems: 1, maxItems: 64, items: { type: 'string' } },
        flavors: {
          type: 'array',
          minItems: 1,
          maxItems: 64,
          items: strict({
            name: { type: 'string', maxLength: 253, pattern: NAME },
            resources: {
              type: 'array',
              minItems: 1,
              maxItems: 64,
              items: strict({
                name: { type: 'string' },
                nominalQuota: QUANTITY,
                borrowingLimit: QUANTITY,
                lendingLimit: QUANTITY,
              }, ['name', 'nominalQuota']),
            },
          }, ['name', 'resources']),
        },
      }, ['coveredResources', 'flavors']),
    },
    [cohortField]: { type: 'string', maxLength: 253, pattern: NAME },
    queueingStrategy: { type: 'string', enum: ['StrictFIFO', 'BestEffortFIFO'] },
    namespaceSelector: labelSelector,
    flavorFungibility: strict({
      whenCanBorrow: { type: 'string', enum: version === 'v1beta1' ? ['Borrow', 'TryNextFlavor', 'MayStopSearch'] : ['MayStopSearch', 'TryNextFlavor'] },
      whenCanPreempt: { type: 'string', enum: version === 'v1beta1' ? ['Preempt', 'TryNextFlavor', 'MayStopSearch'] : ['MayStopSearch', 'TryNextFlavor'] },
    }),
    preemption: strict({
      reclaimWithinCohort: preemptionPolicy(['Never', 'LowerPriority', 'Any']),
      withinClusterQueue: preemptionPolicy(['Never', 'LowerPriority', 'LowerOrNewerEqualPriority']),
      borrowWithinCohort: strict({
        policy: { type: 'string', enum: ['Never', 'LowerPriority'] },
        maxPriorityThreshold: { type: 'integer' },
      }),
    }),
    stopPolicy: { type: 'string', enum: ['None', 'Hold', 'HoldAndDrain'] },
  });
}

function localQueueSpec(): any {
  return strict({
    clusterQueue: { type: 'string', maxLength: 253, pattern: NAME },
    stopPolicy: { type: 'string', enum: ['None', 'Hold', 'HoldAndDrain'] },
  }, ['clusterQueue']);
}

function crd(kind: string, plural: string, scope: 'Cluster' | 'Namespaced', schemaFor: (v: 'v1beta1' | 'v1beta2') => any): any {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.kueue.x-k8s.io` },
    spec: {
      group: 'kueue.x-k8s.io',
      names: { kind, plural, singular: kind.toLowerCase(), listKind: `${kind}List` },
      scope,
      versions: (['v1beta1', 'v1beta2'] as const).map((v) => ({
        name: v,
        served: true,
        storage: v === 'v1beta2',
        schema: { openAPIV3Schema: schemaFor(v) },
      })),
    },
  };
}

const object = (spec: any, required: string[] = ['spec']) => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata, spec },
});

/** The Kueue CRD facts, to pass as `validateManifests(objects, { crds: KUEUE_CRDS })`. */
export const KUEUE_CRDS: any[] = [
  crd('ResourceFlavor', 'resourceflavors', 'Cluster', () => object(resourceFlavorSpec(), [])),
  crd('ClusterQueue', 'clusterqueues', 'Cluster', (v) => object(clusterQueueSpec(v), [])),
  crd('LocalQueue', 'localqueues', 'Namespaced', () => object(localQueueSpec())),
  crd('WorkloadPriorityClass', 'workloadpriorityclasses', 'Cluster', () => ({
    type: 'object',
    additionalProperties: false,
    required: ['value'],
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata,
      value: { type: 'integer', minimum: -2147483648, maximum: 2147483647 },
      description: { type: 'string', maxLength: 2048 },
    },
  })),
];
