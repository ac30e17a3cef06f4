/**
 * The system templates the KFP backend adds to every compiled Workflow: the DAG and container
 * drivers, the container executor/impl pair (with retry and pod-metadata variants) and the
 * importer. Pure builders: options in, plain Argo template objects out.
 */
import { ResolvedOptions } from './options';

export const ROLE_ANNOTATION = 'pipelines.kubeflow.org/runtime-role';
const CUSTOM_CA_CERT_PATH = '/kfp/certs/ca.crt';
const CUSTOM_CA_DIR = '/kfp/certs';

/** Requests and limits of driver and importer containers (KFP's empirical values). */
export function driverResources(): any {
  return { limits: { cpu: '500m', memory: '512Mi' }, requests: { cpu: '100m', memory: '64Mi' } };
}

function launcherResources(): any {
  return { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m' } };
}

/** Full restricted container security context (drivers, importer, launcher init container). */
export function restrictedContainerSecurityContext(): any {
  return {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    runAsNonRoot: true,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

function restrictedPodSecurityContext(): any {
  return { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
}

/** `KFP_POD_NAME` / `KFP_POD_UID` from the downward API. */
function podEnv(): any[] {
  return [
    { name: 'KFP_POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    { name: 'KFP_POD_UID', valueFrom: { fieldRef: { fieldPath: 'metadata.uid' } } },
  ];
}

function proxyEnv(o: ResolvedOptions): any[] {
  const env: any[] = [];
  if (o.httpProxy) env.push({ name: 'http_proxy', value: o.httpProxy }, { name: 'HTTP_PROXY', value: o.httpProxy });
  if (o.httpsProxy) env.push({ name: 'https_proxy', value: o.httpsProxy }, { name: 'HTTPS_PROXY', value: o.httpsProxy });
  if (o.noProxy) env.push({ name: 'no_proxy', value: o.noProxy }, { name: 'NO_PROXY', value: o.noProxy });
  return env;
}

function metadataEnvFrom(): any[] {
  return [{ configMapRef: { name: 'metadata-grpc-configmap', optional: true } }];
}

function hasCaBundle(o: ResolvedOptions): boolean {
  return o.caBundleSecretName !== '' || o.caBundleConfigMapName !== '';
}

/** Adds the custom CA bundle volume and its mount at /kfp/certs. */
function addCaBundle(o: ResolvedOptions, t: any): void {
  const items = [{ key: o.caBundleKey, path: 'ca.crt' }];
  const volume = o.caBundleSecretName
    ? { name: 'custom-ca', secret: { secretName: o.caBundleSecretName, items } }
    : { name: 'custom-ca', configMap: { name: o.caBundleConfigMapName, items } };
  t.volumes = [...(t.volumes ?? []), volume];
  t.container.volumeMounts = [...(t.container.volumeMounts ?? []), { mountPath: CUSTOM_CA_DIR, name: 'custom-ca' }];
}

/** The flags every driver takes after its own ones. */
function commonDriverTail(o: ResolvedOptions): string[] {
  return [
    '--http_proxy', o.httpProxy,
    '--https_proxy', o.httpsProxy,
    '--no_proxy', o.noProxy,
    '--ml_pipeline_server_address', o.mlPipelineAddress,
    '--ml_pipeline_server_port', '8887',
    '--mlmd_server_address', o.metadataAddress,
    '--mlmd_server_port', '8080',
    `--cache_disabled=${o.cacheDisabled}`,
    '--log_level', o.logLevel,
    '--publish_logs', o.publishLogs,
    `--ml_pipeline_tls_enabled=${o.mlPipelineTlsEnabled}`,
    `--metadata_tls_enabled=${o.metadataTlsEnabled}`,
    '--ca_cert_path', hasCaBundle(o) ? CUSTOM_CA_CERT_PATH : '',
  ];
}

function driverMetadata(o: ResolvedOptions): any {
  const annotations: any = { [ROLE_ANNOTATION]: 'driver' };
  for (const [k, v] of Object.entries(o.driverPodAnnotations)) if (!(k in annotations)) annotations[k] = v;
  const metadata: any = { annotations };
  if (Object.keys(o.driverPodLabels).length > 0) metadata.labels = { ...o.driverPodLabels };
  return metadata;
}

function finishDriver(o: ResolvedOptions, t: any): any {
  if (hasCaBundle(o)) addCaBundle(o, t);
  return t;
}

/** The run and task flags every driver gets, right after `--type` (order as the backend writes it). */
function driverRunArgs(o: ResolvedOptions, pipelineName: string): string[] {
  return [
    '--pipeline_name', pipelineName,
    '--run_id', '{{workflow.uid}}',
    '--run_name', '{{workflow.name}}',
    '--run_display_name', o.displayName,
    '--pipeline_job_create_time_utc', '{{workflow.creationTimestamp}}',
    '--dag_execution_id', '{{inputs.parameters.parent-dag-id}}',
    '--component', '{{inputs.parameters.component}}',
    '--task', '{{inputs.parameters.task}}',
    '--task_name', '{{inputs.parameters.task-name}}',
  ];
}

/** `system-dag-driver`: creates DAG executions, evaluates conditions, counts iterations. */
export function dagDriverTemplate(o: ResolvedOptions, pipelineName: string): any {
  const args = [
    '--type', '{{inputs.parameters.driver-type}}',
    ...driverRunArgs(o, pipelineName),
    '--runtime_config', '{{inputs.parameters.runtime-config}}',
    '--iteration_index', '{{inputs.parameters.iteration-index}}',
    '--execution_id_path', '{{outputs.parameters.execution-id.path}}',
    '--iteration_count_path', '{{outputs.parameters.iteration-count.path}}',
    '--condition_path', '{{outputs.parameters.condition.path}}',
    ...commonDriverTail(o),
  ];
  const env = proxyEnv(o);
  const container: any = {
    image: o.driverImage,
    command: [...o.driverCommand],
    args,
    resources: driverResources(),
    securityContext: restrictedContainerSecurityContext(),
  };
  if (env.length > 0) container.env = env;
  return finishDriver(o, {
    name: 'system-dag-driver',
    inputs: {
      parameters: [
        { name: 'component' },
        { name: 'runtime-config', default: '' },
        { name: 'task', default: '' },
        { name: 'task-name', default: '' },
        { name: 'parent-dag-id', default: '0' },
        { name: 'iteration-index', default: '-1' },
        { name: 'driver-type', default: 'DAG' },
      ],
    },
    outputs: {
      parameters: [
        { name: 'execution-id', valueFrom: { path: '/tmp/outputs/execution-id' } },
        { name: 'iteration-count', valueFrom: { default: '0', path: '/tmp/outputs/iteration-count' } },
        { name: 'condition', valueFrom: { default: 'true', path: '/tmp/outputs/condition' } },
      ],
    },
    metadata: driverMetadata(o),
    container,
    securityContext: restrictedPodSecurityContext(),
  });
}

/** `system-container-driver`: resolves inputs, checks the cache, writes the pod spec patch. */
export function containerDriverTemplate(o: ResolvedOptions, pipelineName: string): any {
  const args = [
    '--type', 'CONTAINER',
    ...driverRunArgs(o, pipelineName),
    '--container', '{{inputs.parameters.container}}',
    '--iteration_index', '{{inputs.parameters.iteration-index}}',
    '--cached_decision_path', '{{outputs.parameters.cached-decision.path}}',
    '--pod_spec_patch_path', '{{outputs.parameters.pod-spec-patch.path}}',
    '--condition_path', '{{outputs.parameters.condition.path}}',
    '--kubernetes_config', '{{inputs.parameters.kubernetes-config}}',
    ...commonDriverTail(o),
  ];
  if (o.defaultRunAsUser !== undefined) args.push('--default_run_as_user', String(o.defaultRunAsUser));
  if (o.defaultRunAsGroup !== undefined) args.push('--default_run_as_group', String(o.defaultRunAsGroup));
  if (o.defaultRunAsNonRoot !== undefined) args.push('--default_run_as_non_root', String(o.defaultRunAsNonRoot));
  if (o.defaultHostUsers !== undefined) args.push('--default_host_users', String(o.defaultHostUsers));
  return finishDriver(o, {
    name: 'system-container-driver',
    inputs: {
      parameters: [
        { name: 'component' },
        { name: 'task' },
        { name: 'container' },
        { name: 'task-name' },
        { name: 'parent-dag-id' },
        { name: 'iteration-index', default: '-1' },
        { name: 'kubernetes-config', default: '' },
      ],
    },
    outputs: {
      parameters: [
        { name: 'pod-spec-patch', valueFrom: { default: '', path: '/tmp/outputs/pod-spec-patch' } },
        { name: 'cached-decision', default: 'false', valueFrom: { default: 'false', path: '/tmp/outputs/cached-decision' } },
        { name: 'condition', valueFrom: { default: 'true', path: '/tmp/outputs/condition' } },
      ],
    },
    metadata: driverMetadata(o),
    container: {
      image: o.driverImage,
      command: [...o.driverCommand],
      args,
      resources: driverResources(),
      env: [...proxyEnv(o), ...podEnv()],
      securityContext: restrictedContainerSecurityContext(),
    },
    securityContext: restrictedPodSecurityContext(),
  });
}

const SCRATCH: Array<[string, string]> = [
  ['kfp-launcher', '/kfp-launcher'],
  ['gcs-scratch', '/gcs'],
  ['s3-scratch', '/s3'],
  ['minio-scratch', '/minio'],
  ['dot-local-scratch', '/.local'],
  ['dot-cache-scratch', '/.cache'],
  ['dot-config-scratch', '/.config'],
];

/** Inputs describing a container executor variant. */
export interface ExecutorVariant {
  /** Names of the pod metadata parameters (`pod-metadata-annotation-key[-i]`, ...), in order. */
  readonly podMetadataParams: string[];
  /** Number of labels and annotations, when the task sets pod metadata. */
  readonly podMetadata?: { annotations: number; labels: number };
  /** The task has a retry policy. */
  readonly retry: boolean;
}

const RETRY_PARAMS = ['retry-max-count', 'retry-backoff-duration', 'retry-backoff-factor', 'retry-backoff-max-duration'];

/** Template names of a variant: `[metadata-<a>-<l>-][retry-]system-container-executor/impl`. */
export function executorNames(v: ExecutorVariant): { executor: string; impl: string } {
  let executor = 'system-container-executor';
  let impl = 'system-container-impl';
  if (v.retry) {
    executor = `retry-${executor}`;
    impl = `retry-${impl}`;
  }
  if (v.podMetadata) {
    const prefix = `metadata-${v.podMetadata.annotations}-${v.podMetadata.labels}-`;
    executor = prefix + executor;
    impl = prefix + impl;
  }
  return { executor, impl };
}

/** The executor DAG template and the impl pod template of one variant. */
export function executorTemplates(o: ResolvedOptions, v: ExecutorVariant): any[] {
  const names = executorNames(v);
  const retryParams = v.retry ? RETRY_PARAMS : [];
  const executor = {
    name: names.executor,
    inputs: {
      parameters: [
        { name: 'pod-spec-patch' },
        { name: 'cached-decision', default: 'false' },
        ...v.podMetadataParams.map((name) => ({ name })),
        ...retryParams.map((name) => ({ name, default: '0' })),
      ],
    },
    dag: {
      tasks: [{
        name: 'executor',
        template: names.impl,
        arguments: {
          parameters: [
            { name: 'pod-spec-patch', value: '{{inputs.parameters.pod-spec-patch}}' },
            ...[...v.podMetadataParams, ...retryParams].map((name) => ({ name, value: `{{inputs.parameters.${name}}}` })),
          ],
        },
        when: '{{inputs.parameters.cached-decision}} != true',
      }],
    },
  };

  const env = podEnv();
  if (v.retry) env.push({ name: 'KFP_RETRY_INDEX', value: '{{retries}}' });
  const userSecurityContext: any = {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
  if (o.defaultRunAsUser !== undefined) userSecurityContext.runAsUser = o.defaultRunAsUser;
  if (o.defaultRunAsGroup !== undefined) userSecurityContext.runAsGroup = o.defaultRunAsGroup;
  if (o.defaultRunAsNonRoot !== undefined) userSecurityContext.runAsNonRoot = o.defaultRunAsNonRoot;

  const metadata: any = { annotations: { [ROLE_ANNOTATION]: 'launcher' } };
  if (v.podMetadata) {
    const pairs = (kind: 'annotation' | 'label', n: number) => {
      const out: any = {};
      for (let i = 1; i <= n; i++) {
        const suffix = n > 1 ? `-${i}` : '';
        out[`{{inputs.parameters.pod-metadata-${kind}-key${suffix}}}`] = `{{inputs.parameters.pod-metadata-${kind}-val${suffix}}}`;
      }
      return out;
    };
    if (v.podMetadata.labels > 0) metadata.labels = pairs('label', v.podMetadata.labels);
    if (v.podMetadata.annotations > 0) metadata.annotations = { ...pairs('annotation', v.podMetadata.annotations), ...metadata.annotations };
  }

  const impl: any = {
    name: names.impl,
    inputs: {
      parameters: [
        { name: 'pod-spec-patch' },
        ...v.podMetadataParams.map((name) => ({ name })),
        ...retryParams.map((name) => ({ name })),
      ],
    },
    metadata,
    podSpecPatch: '{{inputs.parameters.pod-spec-patch}}',
    volumes: SCRATCH.map(([name]) => ({ name, emptyDir: {} })),
    initContainers: [{
      name: 'kfp-launcher',
      image: o.launcherImage,
      command: [...o.launcherCommand],
      args: ['--copy', '/kfp-launcher/launch'],
      volumeMounts: [{ mountPath: '/kfp-launcher', name: 'kfp-launcher' }],
      resources: launcherResources(),
      securityContext: restrictedContainerSecurityContext(),
    }],
    container: {
      // The driver's pod spec patch replaces image and command at run time; these placeholders
      // only satisfy Argo's validation and point at an image that never exists.
      image: 'gcr.io/ml-pipeline/should-be-overridden-during-runtime',
      command: ['should-be-overridden-during-runtime'],
      volumeMounts: SCRATCH.map(([name, mountPath]) => ({ mountPath, name })),
      envFrom: metadataEnvFrom(),
      env,
      securityContext: userSecurityContext,
    },
    securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
  };
  if (hasCaBundle(o)) addCaBundle(o, impl);
  if (v.retry) {
    impl.retryStrategy = {
      limit: '{{inputs.parameters.retry-max-count}}',
      backoff: {
        duration: '{{inputs.parameters.retry-backoff-duration}}',
        factor: '{{inputs.parameters.retry-backoff-factor}}',
        maxDuration: '{{inputs.parameters.retry-backoff-max-duration}}',
      },
    };
  }
  return [executor, impl];
}

/** `system-importer[-workspace]`: one launcher pod that imports an artifact into MLMD. */
export function importerTemplate(o: ResolvedOptions, pipelineName: string, downloadToWorkspace: boolean): any {
  const args = [
    '--executor_type', 'importer',
    '--task_spec', '{{inputs.parameters.task}}',
    '--component_spec', '{{inputs.parameters.component}}',
    '--importer_spec', '{{inputs.parameters.importer}}',
    '--pipeline_name', pipelineName,
    '--run_id', '{{workflow.uid}}',
    '--parent_dag_id', '{{inputs.parameters.parent-dag-id}}',
    '--pod_name', '$(KFP_POD_NAME)',
    '--pod_uid', '$(KFP_POD_UID)',
    '--mlmd_server_address', o.metadataAddress,
    '--mlmd_server_port', '8080',
    `--cache_disabled=${o.cacheDisabled}`,
    `--ml_pipeline_tls_enabled=${o.mlPipelineTlsEnabled}`,
    `--metadata_tls_enabled=${o.metadataTlsEnabled}`,
    '--ca_cert_path', hasCaBundle(o) ? CUSTOM_CA_CERT_PATH : '',
    '--log_level', o.logLevel,
    '--publish_logs', o.publishLogs,
  ];
  const container: any = {
    image: o.launcherImage,
    command: [...o.launcherCommand],
    args,
    envFrom: metadataEnvFrom(),
    env: podEnv(),
    resources: driverResources(),
    securityContext: restrictedContainerSecurityContext(),
  };
  const t: any = {
    name: downloadToWorkspace ? 'system-importer-workspace' : 'system-importer',
    inputs: {
      parameters: [{ name: 'task' }, { name: 'component' }, { name: 'importer' }, { name: 'parent-dag-id' }],
    },
    metadata: { annotations: { [ROLE_ANNOTATION]: 'launcher' } },
    container,
    securityContext: restrictedPodSecurityContext(),
  };
  if (downloadToWorkspace) {
    container.volumeMounts = [{ mountPath: '/kfp-workspace', name: 'kfp-workspace' }];
    t.volumes = [{ name: 'kfp-workspace', persistentVolumeClaim: { claimName: '{{workflow.name}}-kfp-workspace' } }];
  }
  if (hasCaBundle(o)) addCaBundle(o, t);
  return t;
}
