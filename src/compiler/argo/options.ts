/**
 * Options of the IR → Argo compiler. They mirror the KFP API server's compiler options and the
 * environment variables its Deployment sets (`V2_DRIVER_IMAGE`, `PIPELINE_LOG_LEVEL`, ...).
 */

/** The KFP release whose backend this compiler reproduces. */
export const KFP_VERSION = '2.17.0';

/** Default driver image of the KFP 2.17.0 manifests. */
export const DEFAULT_DRIVER_IMAGE = `ghcr.io/kubeflow/kfp-driver:${KFP_VERSION}`;

/** Default launcher image of the KFP 2.17.0 manifests. */
export const DEFAULT_LAUNCHER_IMAGE = `ghcr.io/kubeflow/kfp-launcher:${KFP_VERSION}`;

/** Options of `compileToArgo` / `ArgoCompiler.compile`. All are optional. */
export interface ArgoCompileOptions {
  /**
   * Launcher image (API server env `V2_LAUNCHER_IMAGE`).
   * @default 'ghcr.io/kubeflow/kfp-launcher:2.17.0'
   */
  readonly launcherImage?: string;

  /**
   * Driver image (API server env `V2_DRIVER_IMAGE`).
   * @default 'ghcr.io/kubeflow/kfp-driver:2.17.0'
   */
  readonly driverImage?: string;

  /**
   * Launcher command (env `V2_LAUNCHER_COMMAND`).
   * @default ['launcher-v2']
   */
  readonly launcherCommand?: string[];

  /**
   * Driver command (env `V2_DRIVER_COMMAND`).
   * @default ['driver']
   */
  readonly driverCommand?: string[];

  /**
   * Pipeline root for this run (the run's `runtime_config.pipeline_root`), written into the root
   * driver's runtime config as `gcsOutputDirectory`.
   * @default - none: the root driver uses the `kfp-launcher` ConfigMap's `defaultPipelineRoot`
   */
  readonly pipelineRoot?: string;

  /**
   * Run parameter values (`runtime_config.parameter_values`) by root input name. Missing inputs
   * take their IR default, or `null` when optional.
   * @default - the IR defaults
   */
  readonly parameterValues?: { [name: string]: any };

  /**
   * Run display name, passed to drivers as `--run_display_name`.
   * @default ''
   */
  readonly displayName?: string;

  /**
   * Disable caching for every task (API server config `CacheEnabled=false`).
   * @default false
   */
  readonly cacheDisabled?: boolean;

  /**
   * Admin default PersistentVolumeClaim spec for `dsl.WorkspaceConfig` workspaces
   * (API server config `Workspace.VolumeClaimTemplateSpec`).
   * @default - none
   */
  readonly defaultWorkspace?: any;

  /**
   * The ml-pipeline API server serves over TLS.
   * @default false
   */
  readonly mlPipelineTlsEnabled?: boolean;

  /**
   * The metadata (MLMD) server serves over TLS (env `METADATA_TLS_ENABLED`).
   * @default false
   */
  readonly metadataTlsEnabled?: boolean;

  /**
   * Secret holding a custom CA bundle (env `CABUNDLE_SECRET_NAME`); wins over
   * `caBundleConfigMapName`.
   * @default - none
   */
  readonly caBundleSecretName?: string;

  /**
   * ConfigMap holding a custom CA bundle (env `CABUNDLE_CONFIGMAP_NAME`).
   * @default - none
   */
  readonly caBundleConfigMapName?: string;

  /**
   * Key of the CA bundle in that Secret or ConfigMap (env `CABUNDLE_KEY_NAME`).
   * @default 'ca.crt'
   */
  readonly caBundleKey?: string;

  /**
   * Admin default `runAsUser` for user containers (`DEFAULT_SECURITY_CONTEXT_RUN_AS_USER`).
   * @default - not set
   */
  readonly defaultRunAsUser?: number;

  /**
   * Admin default `runAsGroup` for user containers (`DEFAULT_SECURITY_CONTEXT_RUN_AS_GROUP`).
   * @default - not set
   */
  readonly defaultRunAsGroup?: number;

  /**
   * Admin default `runAsNonRoot` for user containers (`DEFAULT_SECURITY_CONTEXT_RUN_AS_NON_ROOT`).
   * @default - not set
   */
  readonly defaultRunAsNonRoot?: boolean;

  /**
   * Admin default `hostUsers` for user pods (`DEFAULT_SECURITY_CONTEXT_HOST_USERS`).
   * @default - not set
   */
  readonly defaultHostUsers?: boolean;

  /**
   * Workflow-level pod `runAsUser` (env `PIPELINE_RUN_AS_USER`).
   * @default - not set
   */
  readonly pipelineRunAsUser?: number;

  /**
   * Extra labels on driver pods (env `DRIVER_POD_LABELS`); keys the compiler sets win.
   * @default - none
   */
  readonly driverPodLabels?: { [key: string]: string };

  /**
   * Extra annotations on driver pods (env `DRIVER_POD_ANNOTATIONS`); keys the compiler sets win.
   * @default - none
   */
  readonly driverPodAnnotations?: { [key: string]: string };

  /**
   * Namespace of the KFP install (env `POD_NAMESPACE` of the API server).
   * @default 'kubeflow'
   */
  readonly kfpNamespace?: string;

  /**
   * Cluster DNS domain (env `CLUSTER_DOMAIN`).
   * @default 'cluster.local'
   */
  readonly clusterDomain?: string;

  /**
   * Service name of the ml-pipeline API server (env `ML_PIPELINE_SERVICE_NAME`).
   * @default 'ml-pipeline'
   */
  readonly mlPipelineServiceName?: string;

  /**
   * Service name of the metadata gRPC server (env `METADATA_SERVICE_NAME`).
   * @default 'metadata-grpc-service'
   */
  readonly metadataServiceName?: string;

  /**
   * HTTP proxy for drivers (env `HTTP_PROXY`).
   * @default - none
   */
  readonly httpProxy?: string;

  /**
   * HTTPS proxy for drivers (env `HTTPS_PROXY`).
   * @default - none
   */
  readonly httpsProxy?: string;

  /**
   * No-proxy list for drivers (env `NO_PROXY`).
   * @default - KFP's default list when a proxy is set, else none
   */
  readonly noProxy?: string;

  /**
   * Driver and importer log level (env `PIPELINE_LOG_LEVEL`).
   * @default '1'
   */
  readonly logLevel?: string;

  /**
   * Whether launchers upload executor logs to the pipeline root (env `PUBLISH_LOGS`).
   * @default 'true'
   */
  readonly publishLogs?: string;

  /**
   * Service account of the workflow pods (`DEFAULTPIPELINERUNNERSERVICEACCOUNT`).
   * @default 'pipeline-runner'
   */
  readonly serviceAccountName?: string;

  /**
   * Strategic merge patch applied to `spec` of the compiled Workflow
   * (env `COMPILED_PIPELINE_SPEC_PATCH`), for example `{ podGC: { strategy: 'OnPodCompletion' } }`.
   * @default - none
   */
  readonly specPatch?: { [key: string]: any };
}

/** Options with every default filled in. */
export interface ResolvedOptions {
  launcherImage: string;
  driverImage: string;
  launcherCommand: string[];
  driverCommand: string[];
  pipelineRoot: string;
  parameterValues: { [name: string]: any };
  displayName: string;
  cacheDisabled: boolean;
  defaultWorkspace: any;
  mlPipelineTlsEnabled: boolean;
  metadataTlsEnabled: boolean;
  caBundleSecretName: string;
  caBundleConfigMapName: string;
  caBundleKey: string;
  defaultRunAsUser?: number;
  defaultRunAsGroup?: number;
  defaultRunAsNonRoot?: boolean;
  defaultHostUsers?: boolean;
  pipelineRunAsUser?: number;
  driverPodLabels: { [key: string]: string };
  driverPodAnnotations: { [key: string]: string };
  mlPipelineAddress: string;
  metadataAddress: string;
  httpProxy: string;
  httpsProxy: string;
  noProxy: string;
  logLevel: string;
  publishLogs: string;
  serviceAccountName: string;
  specPatch?: { [key: string]: any };
}

function checkString(name: string, v: unknown, allowEmpty = false): void {
  if (v === undefined) return;
  if (typeof v !== 'string' || (!allowEmpty && v.length === 0)) {
    throw new Error(`compileToArgo: option '${name}' must be a ${allowEmpty ? '' : 'non-empty '}string, got ${JSON.stringify(v)}`);
  }
}

function checkInt(name: string, v: unknown): void {
  if (v === undefined) return;
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
    throw new Error(`compileToArgo: option '${name}' must be an integer, got ${JSON.stringify(v)}`);
  }
}

function checkCommand(name: string, v: unknown): void {
  if (v === undefined) return;
  if (!Array.isArray(v) || v.length === 0 || v.some((x) => typeof x !== 'string' || x.length === 0)) {
    throw new Error(`compileToArgo: option '${name}' must be a non-empty list of non-empty strings, got ${JSON.stringify(v)}`);
  }
}

function checkMap(name: string, v: unknown): void {
  if (v === undefined) return;
  if (v === null || typeof v !== 'object' || Array.isArray(v) || Object.values(v).some((x) => typeof x !== 'string')) {
    throw new Error(`compileToArgo: option '${name}' must be a map of strings, got ${JSON.stringify(v)}`);
  }
}

/** Validates options and fills in defaults. */
export function resolveOptions(o: ArgoCompileOptions = {}): ResolvedOptions {
  for (const k of ['launcherImage', 'driverImage', 'kfpNamespace', 'clusterDomain', 'mlPipelineServiceName',
    'metadataServiceName', 'logLevel', 'publishLogs', 'serviceAccountName', 'caBundleSecretName',
    'caBundleConfigMapName', 'caBundleKey'] as const) {
    checkString(k, o[k]);
  }
  for (const k of ['pipelineRoot', 'displayName', 'httpProxy', 'httpsProxy', 'noProxy'] as const) {
    checkString(k, o[k], true);
  }
  for (const k of ['defaultRunAsUser', 'defaultRunAsGroup', 'pipelineRunAsUser'] as const) checkInt(k, o[k]);
  checkCommand('launcherCommand', o.launcherCommand);
  checkCommand('driverCommand', o.driverCommand);
  checkMap('driverPodLabels', o.driverPodLabels);
  checkMap('driverPodAnnotations', o.driverPodAnnotations);
  if (o.parameterValues !== undefined && (o.parameterValues === null || typeof o.parameterValues !== 'object' || Array.isArray(o.parameterValues))) {
    throw new Error(`compileToArgo: option 'parameterValues' must be a map from input name to value, got ${JSON.stringify(o.parameterValues)}`);
  }
  if (o.specPatch !== undefined && (o.specPatch === null || typeof o.specPatch !== 'object' || Array.isArray(o.specPatch))) {
    throw new Error(`compileToArgo: option 'specPatch' must be an object (a strategic merge patch of the Workflow spec), got ${JSON.stringify(o.specPatch)}`);
  }

  const ns = o.kfpNamespace ?? 'kubeflow';
  const domain = o.clusterDomain ?? 'cluster.local';
  const httpProxy = o.httpProxy ?? '';
  const httpsProxy = o.httpsProxy ?? '';
  let noProxy = o.noProxy ?? '';
  if ((o.httpProxy !== undefined || o.httpsProxy !== undefined) && o.noProxy === undefined) {
    noProxy = `localhost,127.0.0.1,.svc.${domain},kubernetes.default.svc,minio-service.kubeflow,metadata-grpc-service,metadata-grpc-service.kubeflow,ml-pipeline.kubeflow`;
  }
  return {
    launcherImage: o.launcherImage ?? DEFAULT_LAUNCHER_IMAGE,
    driverImage: o.driverImage ?? DEFAULT_DRIVER_IMAGE,
    launcherCommand: o.launcherCommand ? [...o.launcherCommand] : ['launcher-v2'],
    driverCommand: o.driverCommand ? [...o.driverCommand] : ['driver'],
    pipelineRoot: o.pipelineRoot ?? '',
    parameterValues: o.parameterValues ?? {},
    displayName: o.displayName ?? '',
    cacheDisabled: o.cacheDisabled ?? false,
    defaultWorkspace: o.defaultWorkspace,
    mlPipelineTlsEnabled: o.mlPipelineTlsEnabled ?? false,
    metadataTlsEnabled: o.metadataTlsEnabled ?? false,
    caBundleSecretName: o.caBundleSecretName ?? '',
    caBundleConfigMapName: o.caBundleConfigMapName ?? '',
    caBundleKey: o.caBundleKey ?? 'ca.crt',
    defaultRunAsUser: o.defaultRunAsUser,
    defaultRunAsGroup: o.defaultRunAsGroup,
    defaultRunAsNonRoot: o.defaultRunAsNonRoot,
    defaultHostUsers: o.defaultHostUsers,
    pipelineRunAsUser: o.pipelineRunAsUser,
    driverPodLabels: o.driverPodLabels ?? {},
    driverPodAnnotations: o.driverPodAnnotations ?? {},
    mlPipelineAddress: `${o.mlPipelineServiceName ?? 'ml-pipeline'}.${ns}.svc.${domain}`,
    metadataAddress: `${o.metadataServiceName ?? 'metadata-grpc-service'}.${ns}.svc.${domain}`,
    httpProxy,
    httpsProxy,
    noProxy,
    logLevel: o.logLevel ?? '1',
    publishLogs: o.publishLogs ?? 'true',
    serviceAccountName: o.serviceAccountName ?? 'pipeline-runner',
    specPatch: o.specPatch,
  };
}
