/**
 * Schemas of the Argo Workflows v4.0.5 kinds that the "minimal" CRD set types fully
 * (WorkflowTaskSet, WorkflowTaskResult, WorkflowArtifactGCTask, WorkflowEventBinding).
 *
 * Each named type is defined once and reused; they follow the Kubernetes core and Argo type
 * names. Field descriptions are left out (the schemas validate the same objects; `kubectl
 * explain` shows less text).
 */
/* eslint-disable quote-props */
import {
  anyObject, arr, atomic, atomicList, bool, int32, int64, intOrString, mapList, mapOf, num, obj, oneOf,
  quantity, str, strDefaultEmpty, unknownFields, withExtra,
} from './schema';

/** The storage backends an artifact can name; at most one per artifact. */
export const ARTIFACT_LOCATIONS = ['s3', 'git', 'http', 'artifactory', 'hdfs', 'raw', 'oss', 'gcs', 'azure', 'plugin'];

export const SelectorRequirement = obj({
  key: str(),
  operator: str(),
  values: atomicList(str()),
}, ['key', 'operator']);
export const NodeSelectorTerm = atomic(obj({
  matchExpressions: atomicList(SelectorRequirement),
  matchFields: atomicList(SelectorRequirement),
}));
export const PreferredSchedulingTerm = obj({
  preference: NodeSelectorTerm,
  weight: int32(),
}, ['preference', 'weight']);
export const NodeSelector = atomic(obj({
  nodeSelectorTerms: atomicList(NodeSelectorTerm),
}, ['nodeSelectorTerms']));
export const NodeAffinity = obj({
  preferredDuringSchedulingIgnoredDuringExecution: atomicList(PreferredSchedulingTerm),
  requiredDuringSchedulingIgnoredDuringExecution: NodeSelector,
});
export const LabelSelector = atomic(obj({
  matchExpressions: atomicList(SelectorRequirement),
  matchLabels: mapOf(str()),
}));
export const PodAffinityTerm = obj({
  labelSelector: LabelSelector,
  matchLabelKeys: atomicList(str()),
  mismatchLabelKeys: atomicList(str()),
  namespaceSelector: LabelSelector,
  namespaces: atomicList(str()),
  topologyKey: str(),
}, ['topologyKey']);
export const WeightedPodAffinityTerm = obj({
  podAffinityTerm: PodAffinityTerm,
  weight: int32(),
}, ['podAffinityTerm', 'weight']);
export const PodAffinity = obj({
  preferredDuringSchedulingIgnoredDuringExecution: atomicList(WeightedPodAffinityTerm),
  requiredDuringSchedulingIgnoredDuringExecution: atomicList(PodAffinityTerm),
});
export const Affinity = obj({
  nodeAffinity: NodeAffinity,
  podAffinity: PodAffinity,
  podAntiAffinity: PodAffinity,
});
export const KeySelector = atomic(obj({
  key: str(),
  name: strDefaultEmpty(),
  optional: bool(),
}, ['key']));
export const ArtifactoryArtifact = obj({
  passwordSecret: KeySelector,
  url: str(),
  usernameSecret: KeySelector,
}, ['url']);
export const AzureArtifact = obj({
  accountKeySecret: KeySelector,
  blob: str(),
  container: str(),
  endpoint: str(),
  useSDKCreds: bool(),
}, ['blob', 'container', 'endpoint']);
export const GCSArtifact = obj({
  bucket: str(),
  key: str(),
  serviceAccountKeySecret: KeySelector,
}, ['key']);
export const GitArtifact = obj({
  branch: str(),
  depth: int64(),
  disableSubmodules: bool(),
  fetch: arr(str()),
  insecureIgnoreHostKey: bool(),
  insecureSkipTLS: bool(),
  passwordSecret: KeySelector,
  repo: str(),
  revision: str(),
  singleBranch: bool(),
  sshPrivateKeySecret: KeySelector,
  usernameSecret: KeySelector,
}, ['repo']);
export const HDFSArtifact = obj({
  addresses: arr(str()),
  dataTransferProtection: str(),
  force: bool(),
  hdfsUser: str(),
  krbCCacheSecret: KeySelector,
  krbConfigConfigMap: KeySelector,
  krbKeytabSecret: KeySelector,
  krbRealm: str(),
  krbServicePrincipalName: str(),
  krbUsername: str(),
  path: str(),
}, ['path']);
export const BasicAuth = obj({
  passwordSecret: KeySelector,
  usernameSecret: KeySelector,
});
export const ClientCertAuth = obj({
  clientCertSecret: KeySelector,
  clientKeySecret: KeySelector,
});
export const EndpointParam = obj({
  key: str(),
  value: str(),
}, ['key']);
export const OAuth2Auth = obj({
  clientIDSecret: KeySelector,
  clientSecretSecret: KeySelector,
  endpointParams: arr(EndpointParam),
  scopes: arr(str()),
  tokenURLSecret: KeySelector,
});
export const HTTPAuth = obj({
  basicAuth: BasicAuth,
  clientCert: ClientCertAuth,
  oauth2: OAuth2Auth,
});
export const Header = obj({
  name: str(),
  value: str(),
}, ['name', 'value']);
export const HTTPArtifact = obj({
  auth: HTTPAuth,
  headers: arr(Header),
  url: str(),
}, ['url']);
export const OSSLifecycleRule = obj({
  markDeletionAfterDays: int32(),
  markInfrequentAccessAfterDays: int32(),
});
export const OSSArtifact = obj({
  accessKeySecret: KeySelector,
  bucket: str(),
  createBucketIfNotPresent: bool(),
  endpoint: str(),
  key: str(),
  lifecycleRule: OSSLifecycleRule,
  secretKeySecret: KeySelector,
  securityToken: str(),
  useSDKCreds: bool(),
}, ['key']);
export const PluginArtifact = obj({
  configuration: str(),
  connectionTimeoutSeconds: int32(),
  key: str(),
  name: str(),
}, ['key']);
export const S3EncryptionOptions = obj({
  enableEncryption: bool(),
  kmsEncryptionContext: str(),
  kmsKeyId: str(),
  serverSideCustomerKeySecret: KeySelector,
});
export const S3Artifact = obj({
  accessKeySecret: KeySelector,
  bucket: str(),
  caSecret: KeySelector,
  createBucketIfNotPresent: obj({
    objectLocking: bool(),
  }),
  encryptionOptions: S3EncryptionOptions,
  endpoint: str(),
  insecure: bool(),
  key: str(),
  region: str(),
  roleARN: str(),
  secretKeySecret: KeySelector,
  sessionTokenSecret: KeySelector,
  useSDKCreds: bool(),
});
export const ArtifactLocation = obj({
  archiveLogs: bool(),
  artifactory: ArtifactoryArtifact,
  azure: AzureArtifact,
  gcs: GCSArtifact,
  git: GitArtifact,
  hdfs: HDFSArtifact,
  http: HTTPArtifact,
  oss: OSSArtifact,
  plugin: PluginArtifact,
  raw: obj({
    data: str(),
  }, ['data']),
  s3: S3Artifact,
});
export const ObjectFieldSelector = atomic(obj({
  apiVersion: str(),
  fieldPath: str(),
}, ['fieldPath']));
export const ResourceFieldSelector = atomic(obj({
  containerName: str(),
  divisor: quantity(),
  resource: str(),
}, ['resource']));
export const EnvVarSource = obj({
  configMapKeyRef: KeySelector,
  fieldRef: ObjectFieldSelector,
  resourceFieldRef: ResourceFieldSelector,
  secretKeyRef: KeySelector,
});
export const EnvVar = obj({
  name: str(),
  value: str(),
  valueFrom: EnvVarSource,
}, ['name']);
export const EnvFromReference = atomic(obj({
  name: strDefaultEmpty(),
  optional: bool(),
}));
export const EnvFromSource = obj({
  configMapRef: EnvFromReference,
  prefix: str(),
  secretRef: EnvFromReference,
});
export const ExecAction = obj({
  command: atomicList(str()),
});
export const HTTPGetAction = obj({
  host: str(),
  httpHeaders: atomicList(Header),
  path: str(),
  port: intOrString(),
  scheme: str(),
}, ['port']);
export const SleepAction = obj({
  seconds: int64(),
}, ['seconds']);
export const TCPSocketAction = obj({
  host: str(),
  port: intOrString(),
}, ['port']);
export const LifecycleHandler = obj({
  exec: ExecAction,
  httpGet: HTTPGetAction,
  sleep: SleepAction,
  tcpSocket: TCPSocketAction,
});
export const Lifecycle = obj({
  postStart: LifecycleHandler,
  preStop: LifecycleHandler,
  stopSignal: str(),
});
export const GRPCAction = obj({
  port: int32(),
  service: strDefaultEmpty(),
}, ['port']);
export const Probe = obj({
  exec: ExecAction,
  failureThreshold: int32(),
  grpc: GRPCAction,
  httpGet: HTTPGetAction,
  initialDelaySeconds: int32(),
  periodSeconds: int32(),
  successThreshold: int32(),
  tcpSocket: TCPSocketAction,
  terminationGracePeriodSeconds: int64(),
  timeoutSeconds: int32(),
});
export const ContainerPort = obj({
  containerPort: int32(),
  hostIP: str(),
  hostPort: int32(),
  name: str(),
  protocol: str({ default: 'TCP' }),
}, ['containerPort']);
export const ContainerResizePolicy = obj({
  resourceName: str(),
  restartPolicy: str(),
}, ['resourceName', 'restartPolicy']);
export const ResourceClaim = obj({
  name: str(),
  request: str(),
}, ['name']);
export const ResourceRequirements = obj({
  claims: mapList(ResourceClaim, ['name']),
  limits: mapOf(quantity()),
  requests: mapOf(quantity()),
});
export const AppArmorProfile = obj({
  localhostProfile: str(),
  type: str(),
}, ['type']);
export const Capabilities = obj({
  add: atomicList(str()),
  drop: atomicList(str()),
});
export const SeLinuxOptions = obj({
  level: str(),
  role: str(),
  type: str(),
  user: str(),
});
export const WindowsSecurityContextOptions = obj({
  gmsaCredentialSpec: str(),
  gmsaCredentialSpecName: str(),
  hostProcess: bool(),
  runAsUserName: str(),
});
export const SecurityContext = obj({
  allowPrivilegeEscalation: bool(),
  appArmorProfile: AppArmorProfile,
  capabilities: Capabilities,
  privileged: bool(),
  procMount: str(),
  readOnlyRootFilesystem: bool(),
  runAsGroup: int64(),
  runAsNonRoot: bool(),
  runAsUser: int64(),
  seLinuxOptions: SeLinuxOptions,
  seccompProfile: AppArmorProfile,
  windowsOptions: WindowsSecurityContextOptions,
});
export const VolumeDevice = obj({
  devicePath: str(),
  name: str(),
}, ['devicePath', 'name']);
export const VolumeMount = obj({
  mountPath: str(),
  mountPropagation: str(),
  name: str(),
  readOnly: bool(),
  recursiveReadOnly: str(),
  subPath: str(),
  subPathExpr: str(),
}, ['mountPath', 'name']);
const CONTAINER_FIELDS = {
  args: atomicList(str()),
  command: atomicList(str()),
  env: mapList(EnvVar, ['name']),
  envFrom: atomicList(EnvFromSource),
  image: str(),
  imagePullPolicy: str(),
  lifecycle: Lifecycle,
  livenessProbe: Probe,
  name: str(),
  ports: mapList(ContainerPort, ['containerPort', 'protocol']),
  readinessProbe: Probe,
  resizePolicy: atomicList(ContainerResizePolicy),
  resources: ResourceRequirements,
  restartPolicy: str(),
  securityContext: SecurityContext,
  startupProbe: Probe,
  stdin: bool(),
  stdinOnce: bool(),
  terminationMessagePath: str(),
  terminationMessagePolicy: str(),
  tty: bool(),
  volumeDevices: mapList(VolumeDevice, ['devicePath']),
  volumeMounts: mapList(VolumeMount, ['mountPath']),
  workingDir: str(),
};
export const Container = obj(CONTAINER_FIELDS, ['name']);
export const ContainerNode = obj({ ...CONTAINER_FIELDS, dependencies: arr(str()) }, ['name']);
export const ContainerSetTemplate = obj({
  containers: arr(ContainerNode),
  retryStrategy: obj({
    duration: str(),
    retries: intOrString(),
  }, ['retries']),
  volumeMounts: arr(VolumeMount),
}, ['containers']);
export const TarStrategy = obj({
  compressionLevel: int32(),
});
export const ArchiveStrategy = obj({
  none: anyObject(),
  tar: TarStrategy,
  zip: anyObject(),
});
export const PodMetadata = obj({
  annotations: mapOf(str()),
  labels: mapOf(str()),
});
export const ArtifactGC = obj({
  podMetadata: PodMetadata,
  serviceAccountName: str(),
  strategy: oneOf('', 'OnWorkflowCompletion', 'OnWorkflowDeletion', 'Never'),
});
export const Artifact = obj({
  archive: ArchiveStrategy,
  archiveLogs: bool(),
  artifactGC: ArtifactGC,
  artifactory: ArtifactoryArtifact,
  azure: AzureArtifact,
  deleted: bool(),
  from: str(),
  fromExpression: str(),
  gcs: GCSArtifact,
  git: GitArtifact,
  globalName: str(),
  hdfs: HDFSArtifact,
  http: HTTPArtifact,
  mode: int32({ maximum: 511, minimum: 0 }),
  name: str({ pattern: '^[-a-zA-Z0-9_{}.]+$' }),
  optional: bool(),
  oss: OSSArtifact,
  path: str(),
  plugin: PluginArtifact,
  raw: obj({
    data: str(),
  }, ['data']),
  recurseMode: bool(),
  s3: S3Artifact,
  subPath: str(),
}, ['name']);
export const ParameterValueFrom = obj({
  configMapKeyRef: KeySelector,
  default: str(),
  event: str(),
  expression: str(),
  jqFilter: str(),
  jsonPath: str(),
  parameter: str(),
  path: str(),
  supplied: anyObject(),
});
export const Parameter = obj({
  default: str(),
  description: str(),
  enum: arr(str(), { minItems: 1 }),
  globalName: str(),
  name: str({ pattern: '^[-a-zA-Z0-9_]+$' }),
  value: str(),
  valueFrom: ParameterValueFrom,
}, ['name']);
export const Arguments = obj({
  artifacts: arr(Artifact),
  parameters: arr(Parameter),
});
export const ContinueOn = obj({
  error: bool(),
  failed: bool(),
});
export const TemplateRef = obj({
  clusterScope: bool(),
  name: str(),
  template: str(),
});
export const LifecycleHook = obj({
  arguments: Arguments,
  expression: str(),
  template: str(),
  templateRef: TemplateRef,
});
export const Sequence = obj({
  count: intOrString(),
  end: intOrString(),
  format: str(),
  start: intOrString(),
});
export const DAGTask = obj({
  arguments: Arguments,
  continueOn: ContinueOn,
  dependencies: arr(str()),
  depends: str(),
  hooks: mapOf(LifecycleHook),
  inline: unknownFields(),
  name: str({ maxLength: 128, pattern: '^[a-zA-Z0-9][-a-zA-Z0-9]*$' }),
  onExit: str(),
  template: str(),
  templateRef: TemplateRef,
  when: str(),
  withItems: unknownFields(),
  withParam: str(),
  withSequence: Sequence,
}, ['name']);
export const DAGTemplate = obj({
  failFast: bool(),
  target: str(),
  tasks: arr(DAGTask, { maxItems: 200, minItems: 1 }),
}, ['tasks']);
export const DataSource = obj({
  artifactPaths: Artifact,
});
export const Data = obj({
  source: DataSource,
  transformation: arr(obj({
    expression: str(),
  }, ['expression'])),
}, ['source', 'transformation']);
export const HTTPHeader = obj({
  name: str(),
  value: str(),
  valueFrom: obj({
    secretKeyRef: KeySelector,
  }),
}, ['name']);
export const HTTPTemplate = obj({
  body: str(),
  bodyFrom: obj({
    bytes: str({ format: 'byte' }),
  }),
  headers: arr(HTTPHeader),
  insecureSkipVerify: bool(),
  method: str(),
  successCondition: str(),
  timeoutSeconds: int64(),
  url: str(),
}, ['url']);
export const UserContainer = obj({ ...CONTAINER_FIELDS, mirrorVolumeMounts: bool() }, ['name']);
export const Inputs = obj({
  artifacts: arr(Artifact),
  parameters: arr(Parameter, { maxItems: 500 }),
});
export const LocalObjectReference = atomic(obj({
  name: strDefaultEmpty(),
}));
export const Memoize = obj({
  cache: obj({
    configMap: LocalObjectReference,
  }, ['configMap']),
  key: str(),
  maxAge: str(),
}, ['cache', 'key', 'maxAge']);
export const Prometheus = obj({
  counter: obj({
    value: str({ minLength: 1 }),
  }, ['value']),
  gauge: obj({
    operation: oneOf('Set', 'Add', 'Sub'),
    realtime: bool(),
    value: str({ maxLength: 256, minLength: 1 }),
  }, ['realtime', 'value']),
  help: str({ minLength: 1 }),
  histogram: obj({
    buckets: arr(num()),
    value: str({ minLength: 1 }),
  }, ['buckets', 'value']),
  labels: arr(obj({
    key: str({ pattern: '^[a-zA-Z_][a-zA-Z0-9_]*$' }),
    value: str(),
  }, ['key', 'value'])),
  name: str({ pattern: '^[a-zA-Z_][a-zA-Z0-9_]*$' }),
  when: str(),
}, ['help', 'name']);
export const Metrics = obj({
  prometheus: arr(Prometheus, { maxItems: 100 }),
}, ['prometheus']);
export const Outputs = obj({
  artifacts: arr(Artifact),
  exitCode: str(),
  parameters: arr(Parameter),
  result: str(),
});
export const ManifestFrom = obj({
  artifact: Artifact,
}, ['artifact']);
export const ResourceTemplate = obj({
  action: oneOf('get', 'create', 'apply', 'delete', 'replace', 'patch'),
  failureCondition: str(),
  flags: arr(str()),
  manifest: str(),
  manifestFrom: ManifestFrom,
  mergeStrategy: oneOf('strategic', 'merge', 'json'),
  setOwnerReference: bool(),
  successCondition: str(),
}, ['action']);
export const RetryStrategy = obj({
  affinity: obj({
    nodeAntiAffinity: anyObject(),
  }),
  backoff: obj({
    cap: str(),
    duration: str(),
    factor: intOrString(),
    maxDuration: str(),
  }),
  expression: str(),
  limit: intOrString(),
  retryPolicy: oneOf('Always', 'OnFailure', 'OnError', 'OnTransientError'),
});
export const ScriptTemplate = obj({ ...CONTAINER_FIELDS, source: str() }, ['name']);
export const PodSecurityContext = obj({
  appArmorProfile: AppArmorProfile,
  fsGroup: int64(),
  fsGroupChangePolicy: str(),
  runAsGroup: int64(),
  runAsNonRoot: bool(),
  runAsUser: int64(),
  seLinuxChangePolicy: str(),
  seLinuxOptions: SeLinuxOptions,
  seccompProfile: AppArmorProfile,
  supplementalGroups: atomicList(int64()),
  supplementalGroupsPolicy: str(),
  sysctls: atomicList(Header),
  windowsOptions: WindowsSecurityContextOptions,
});
export const WorkflowStep = obj({
  arguments: Arguments,
  continueOn: ContinueOn,
  hooks: mapOf(LifecycleHook),
  inline: unknownFields(),
  name: str({ maxLength: 128, pattern: '^[a-zA-Z0-9][-a-zA-Z0-9]*$' }),
  onExit: str(),
  template: str(),
  templateRef: TemplateRef,
  when: str(),
  withItems: unknownFields(),
  withParam: str(),
  withSequence: Sequence,
});
export const ParallelSteps = obj({
  steps: arr(WorkflowStep),
}, ['steps']);
export const SemaphoreRef = obj({
  configMapKeyRef: KeySelector,
  database: obj({
    key: str(),
  }, ['key']),
  namespace: str(),
});
export const Synchronization = obj({
  mutexes: arr(obj({
    database: bool(),
    name: str(),
    namespace: str(),
  })),
  semaphores: arr(SemaphoreRef),
});
export const AzureDiskVolumeSource = obj({
  cachingMode: str(),
  diskName: str(),
  diskURI: str(),
  fsType: str({ default: 'ext4' }),
  kind: str(),
  readOnly: bool({ default: false }),
}, ['diskName', 'diskURI']);
export const CephFSVolumeSource = obj({
  monitors: atomicList(str()),
  path: str(),
  readOnly: bool(),
  secretFile: str(),
  secretRef: LocalObjectReference,
  user: str(),
}, ['monitors']);
export const CinderVolumeSource = obj({
  fsType: str(),
  readOnly: bool(),
  secretRef: LocalObjectReference,
  volumeID: str(),
}, ['volumeID']);
export const KeyToPath = obj({
  key: str(),
  mode: int32(),
  path: str(),
}, ['key', 'path']);
export const ConfigMapVolumeSource = atomic(obj({
  defaultMode: int32(),
  items: atomicList(KeyToPath),
  name: strDefaultEmpty(),
  optional: bool(),
}));
export const CSIVolumeSource = obj({
  driver: str(),
  fsType: str(),
  nodePublishSecretRef: LocalObjectReference,
  readOnly: bool(),
  volumeAttributes: mapOf(str()),
}, ['driver']);
export const DownwardAPIVolumeFile = obj({
  fieldRef: ObjectFieldSelector,
  mode: int32(),
  path: str(),
  resourceFieldRef: ResourceFieldSelector,
}, ['path']);
export const DownwardAPIVolumeSource = obj({
  defaultMode: int32(),
  items: atomicList(DownwardAPIVolumeFile),
});
export const EmptyDirVolumeSource = obj({
  medium: str(),
  sizeLimit: quantity(),
});
export const ObjectMeta = obj({
  annotations: mapOf(str()),
  finalizers: arr(str()),
  generateName: str(),
  labels: mapOf(str()),
  name: str(),
  namespace: str(),
});
export const VolumeResourceRequirements = obj({
  limits: mapOf(quantity()),
  requests: mapOf(quantity()),
});
export const PersistentVolumeClaimSpec = obj({
  accessModes: atomicList(str()),
  dataSource: atomic(obj({
    apiGroup: str(),
    kind: str(),
    name: str(),
  }, ['kind', 'name'])),
  dataSourceRef: obj({
    apiGroup: str(),
    kind: str(),
    name: str(),
    namespace: str(),
  }, ['kind', 'name']),
  resources: VolumeResourceRequirements,
  selector: LabelSelector,
  storageClassName: str(),
  volumeAttributesClassName: str(),
  volumeMode: str(),
  volumeName: str(),
});
export const PersistentVolumeClaimTemplate = obj({
  metadata: ObjectMeta,
  spec: PersistentVolumeClaimSpec,
}, ['spec']);
export const EphemeralVolumeSource = obj({
  volumeClaimTemplate: PersistentVolumeClaimTemplate,
});
export const FCVolumeSource = obj({
  fsType: str(),
  lun: int32(),
  readOnly: bool(),
  targetWWNs: atomicList(str()),
  wwids: atomicList(str()),
});
export const FlexVolumeSource = obj({
  driver: str(),
  fsType: str(),
  options: mapOf(str()),
  readOnly: bool(),
  secretRef: LocalObjectReference,
}, ['driver']);
export const ISCSIVolumeSource = obj({
  chapAuthDiscovery: bool(),
  chapAuthSession: bool(),
  fsType: str(),
  initiatorName: str(),
  iqn: str(),
  iscsiInterface: str({ default: 'default' }),
  lun: int32(),
  portals: atomicList(str()),
  readOnly: bool(),
  secretRef: LocalObjectReference,
  targetPortal: str(),
}, ['iqn', 'lun', 'targetPortal']);
export const ClusterTrustBundleProjection = obj({
  labelSelector: LabelSelector,
  name: str(),
  optional: bool(),
  path: str(),
  signerName: str(),
}, ['path']);
export const ConfigMapProjection = atomic(obj({
  items: atomicList(KeyToPath),
  name: strDefaultEmpty(),
  optional: bool(),
}));
export const DownwardAPIProjection = obj({
  items: atomicList(DownwardAPIVolumeFile),
});
export const VolumeProjection = obj({
  clusterTrustBundle: ClusterTrustBundleProjection,
  configMap: ConfigMapProjection,
  downwardAPI: DownwardAPIProjection,
  secret: ConfigMapProjection,
  serviceAccountToken: obj({
    audience: str(),
    expirationSeconds: int64(),
    path: str(),
  }, ['path']),
});
export const ProjectedVolumeSource = obj({
  defaultMode: int32(),
  sources: atomicList(VolumeProjection),
});
export const QuobyteVolumeSource = obj({
  group: str(),
  readOnly: bool(),
  registry: str(),
  tenant: str(),
  user: str(),
  volume: str(),
}, ['registry', 'volume']);
export const RBDVolumeSource = obj({
  fsType: str(),
  image: str(),
  keyring: str({ default: '/etc/ceph/keyring' }),
  monitors: atomicList(str()),
  pool: str({ default: 'rbd' }),
  readOnly: bool(),
  secretRef: LocalObjectReference,
  user: str({ default: 'admin' }),
}, ['image', 'monitors']);
export const ScaleIOVolumeSource = obj({
  fsType: str({ default: 'xfs' }),
  gateway: str(),
  protectionDomain: str(),
  readOnly: bool(),
  secretRef: LocalObjectReference,
  sslEnabled: bool(),
  storageMode: str({ default: 'ThinProvisioned' }),
  storagePool: str(),
  system: str(),
  volumeName: str(),
}, ['gateway', 'secretRef', 'system']);
export const SecretVolumeSource = obj({
  defaultMode: int32(),
  items: atomicList(KeyToPath),
  optional: bool(),
  secretName: str(),
});
export const StorageOSVolumeSource = obj({
  fsType: str(),
  readOnly: bool(),
  secretRef: LocalObjectReference,
  volumeName: str(),
  volumeNamespace: str(),
});
export const Volume = obj({
  awsElasticBlockStore: obj({
    fsType: str(),
    partition: int32(),
    readOnly: bool(),
    volumeID: str(),
  }, ['volumeID']),
  azureDisk: AzureDiskVolumeSource,
  azureFile: obj({
    readOnly: bool(),
    secretName: str(),
    shareName: str(),
  }, ['secretName', 'shareName']),
  cephfs: CephFSVolumeSource,
  cinder: CinderVolumeSource,
  configMap: ConfigMapVolumeSource,
  csi: CSIVolumeSource,
  downwardAPI: DownwardAPIVolumeSource,
  emptyDir: EmptyDirVolumeSource,
  ephemeral: EphemeralVolumeSource,
  fc: FCVolumeSource,
  flexVolume: FlexVolumeSource,
  flocker: obj({
    datasetName: str(),
    datasetUUID: str(),
  }),
  gcePersistentDisk: obj({
    fsType: str(),
    partition: int32(),
    pdName: str(),
    readOnly: bool(),
  }, ['pdName']),
  gitRepo: obj({
    directory: str(),
    repository: str(),
    revision: str(),
  }, ['repository']),
  glusterfs: obj({
    endpoints: str(),
    path: str(),
    readOnly: bool(),
  }, ['endpoints', 'path']),
  hostPath: obj({
    path: str(),
    type: str(),
  }, ['path']),
  image: obj({
    pullPolicy: str(),
    reference: str(),
  }),
  iscsi: ISCSIVolumeSource,
  name: str(),
  nfs: obj({
    path: str(),
    readOnly: bool(),
    server: str(),
  }, ['path', 'server']),
  persistentVolumeClaim: obj({
    claimName: str(),
    readOnly: bool(),
  }, ['claimName']),
  photonPersistentDisk: obj({
    fsType: str(),
    pdID: str(),
  }, ['pdID']),
  portworxVolume: obj({
    fsType: str(),
    readOnly: bool(),
    volumeID: str(),
  }, ['volumeID']),
  projected: ProjectedVolumeSource,
  quobyte: QuobyteVolumeSource,
  rbd: RBDVolumeSource,
  scaleIO: ScaleIOVolumeSource,
  secret: SecretVolumeSource,
  storageos: StorageOSVolumeSource,
  vsphereVolume: obj({
    fsType: str(),
    storagePolicyID: str(),
    storagePolicyName: str(),
    volumePath: str(),
  }, ['volumePath']),
}, ['name']);
export const Template = obj({
  activeDeadlineSeconds: intOrString(),
  affinity: Affinity,
  annotations: mapOf(str()),
  archiveLocation: ArtifactLocation,
  automountServiceAccountToken: bool(),
  container: Container,
  containerSet: ContainerSetTemplate,
  daemon: bool(),
  dag: DAGTemplate,
  data: Data,
  executor: obj({
    serviceAccountName: str(),
  }),
  failFast: bool(),
  hostAliases: arr(obj({
    hostnames: atomicList(str()),
    ip: str(),
  }, ['ip'])),
  http: HTTPTemplate,
  initContainers: arr(UserContainer),
  inputs: Inputs,
  memoize: Memoize,
  metadata: PodMetadata,
  metrics: Metrics,
  name: str({ maxLength: 128, pattern: '^[a-zA-Z0-9][-a-zA-Z0-9]*$' }),
  nodeSelector: mapOf(str()),
  outputs: Outputs,
  parallelism: int64({ minimum: 1 }),
  plugin: anyObject({ 'x-kubernetes-preserve-unknown-fields': true }),
  podSpecPatch: str(),
  priorityClassName: str(),
  resource: ResourceTemplate,
  retryStrategy: RetryStrategy,
  schedulerName: str(),
  script: ScriptTemplate,
  securityContext: PodSecurityContext,
  serviceAccountName: str(),
  sidecars: arr(UserContainer),
  steps: arr(ParallelSteps, { minItems: 1 }),
  suspend: obj({
    duration: str(),
  }),
  synchronization: Synchronization,
  timeout: str(),
  tolerations: arr(obj({
    effect: str(),
    key: str(),
    operator: str(),
    tolerationSeconds: int64(),
    value: str(),
  })),
  volumes: arr(Volume),
});
export const WorkflowTaskSetSpec = obj({
  tasks: mapOf(Template),
});
export const NodeResult = obj({
  message: str(),
  outputs: Outputs,
  phase: str(),
  progress: str(),
});
export const WorkflowTaskSetStatus = obj({
  nodes: mapOf(NodeResult),
});
export const ValidatedArtifact = withExtra(Artifact, {
  'x-kubernetes-validations': [{
    message: 'at most one artifact location can be specified',
    rule: ARTIFACT_LOCATIONS.map((l) => `(has(self.${l}) ? 1 : 0)`).join(' + ') + ' <= 1',
  }],
});
export const TaskResultOutputs = obj({
  artifacts: arr(ValidatedArtifact),
  exitCode: str(),
  parameters: arr(Parameter),
  result: str(),
});
export const ArtifactNodeSpec = obj({
  archiveLocation: ArtifactLocation,
  artifacts: mapOf(Artifact),
});
export const ArtifactGCSpec = obj({
  artifactsByNode: mapOf(ArtifactNodeSpec),
});
export const ArtifactGCStatus = obj({
  artifactResultsByNode: mapOf(obj({
    artifactResults: mapOf(obj({
      error: str(),
      name: str(),
      success: bool(),
    }, ['name'])),
  })),
});
export const SubmitArguments = obj({
  artifacts: arr(ValidatedArtifact),
  parameters: arr(Parameter),
});
export const Submit = obj({
  arguments: SubmitArguments,
  metadata: ObjectMeta,
  workflowTemplateRef: obj({
    clusterScope: bool(),
    name: str(),
  }),
}, ['workflowTemplateRef']);
export const WorkflowEventBindingSpec = obj({
  event: obj({
    selector: str(),
  }, ['selector']),
  submit: Submit,
}, ['event']);
