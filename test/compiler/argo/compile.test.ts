import { arg, helloIr, paramsIr, task, template } from './fixtures';
import {
  ArgoCompiler, compileToArgo, DEFAULT_DRIVER_IMAGE, DEFAULT_LAUNCHER_IMAGE,
} from '../../../src/compiler/argo';
import { applyStrategicMergePatch } from '../../../src/compiler/argo/spec-patch';
import { validateManifests } from '../../util/validate';

describe('compileToArgo: defaults', () => {
  const wf = compileToArgo(helloIr());

  test('Workflow skeleton', () => {
    expect(wf.apiVersion).toBe('argoproj.io/v1alpha1');
    expect(wf.kind).toBe('Workflow');
    expect(wf.metadata).toEqual({ generateName: 'echo-' });
    expect(wf.spec.entrypoint).toBe('entrypoint');
    expect(wf.spec.serviceAccountName).toBe('pipeline-runner');
    expect(wf.spec.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(wf.spec.templates.map((t: any) => t.name)).toEqual([
      'system-container-driver', 'system-container-executor', 'system-container-impl', 'root', 'system-dag-driver', 'entrypoint',
    ]);
  });

  test('images default to the KFP 2.17.0 driver and launcher', () => {
    expect(DEFAULT_DRIVER_IMAGE).toBe('ghcr.io/kubeflow/kfp-driver:2.17.0');
    expect(DEFAULT_LAUNCHER_IMAGE).toBe('ghcr.io/kubeflow/kfp-launcher:2.17.0');
    expect(template(wf, 'system-dag-driver').container.image).toBe(DEFAULT_DRIVER_IMAGE);
    expect(template(wf, 'system-container-impl').initContainers[0].image).toBe(DEFAULT_LAUNCHER_IMAGE);
  });

  test('component parameters are named by the container hash, root is not hashed', () => {
    expect(wf.spec.arguments.parameters.map((p: any) => p.name)).toEqual([
      'components-fd2b3a3d7effc63b08efb8931fd4ce26f2a7f37c1c384e37958e43cfe244499a',
      'implementations-fd2b3a3d7effc63b08efb8931fd4ce26f2a7f37c1c384e37958e43cfe244499a',
      'components-root',
    ]);
  });

  test('the driver flag tail spells every value out', () => {
    const args: string[] = template(wf, 'system-container-driver').container.args;
    expect(args.slice(args.indexOf('--http_proxy'))).toEqual([
      '--http_proxy', '', '--https_proxy', '', '--no_proxy', '',
      '--ml_pipeline_server_address', 'ml-pipeline.kubeflow.svc.cluster.local', '--ml_pipeline_server_port', '8887',
      '--mlmd_server_address', 'metadata-grpc-service.kubeflow.svc.cluster.local', '--mlmd_server_port', '8080',
      '--cache_disabled=false', '--log_level', '1', '--publish_logs', 'true',
      '--ml_pipeline_tls_enabled=false', '--metadata_tls_enabled=false', '--ca_cert_path', '',
    ]);
  });

  test('the input IR is not modified', () => {
    const ir = paramsIr();
    const before = JSON.stringify(ir);
    compileToArgo(ir, undefined, { parameterValues: { epochs: 3 } });
    expect(JSON.stringify(ir)).toBe(before);
  });

  test('ArgoCompiler.compile is the same function', () => {
    expect(ArgoCompiler.compile(helloIr())).toEqual(wf);
  });
});

describe('compileToArgo: options', () => {
  test('run parameters, IR defaults and optional nulls go into the root runtime config', () => {
    const wf = compileToArgo(paramsIr(), undefined, { parameterValues: { epochs: 3 }, pipelineRoot: 's3://bucket/root' });
    expect(arg(task(wf, 'entrypoint', 'root-driver'), 'runtime-config'))
      .toBe('{"gcsOutputDirectory":"s3://bucket/root","parameterValues":{"epochs":3,"lr":0.1,"mode":"fast","note":null}}');
  });

  test('generateName uses the last segment of the pipeline name; the driver flag keeps the full name', () => {
    const wf = compileToArgo(paramsIr(), undefined, { parameterValues: { epochs: 1 } });
    expect(wf.metadata.generateName).toBe('train-pipeline-');
    const args: string[] = template(wf, 'system-dag-driver').container.args;
    expect(args[args.indexOf('--pipeline_name') + 1]).toBe('team/train-pipeline');
  });

  test('retry policy: retry- executor variant, whole-second durations, Go %v factor', () => {
    const wf = compileToArgo(paramsIr());
    const t = task(wf, 'root', 'train');
    expect(t.template).toBe('retry-system-container-executor');
    expect(t.arguments.parameters.slice(2)).toEqual([
      { name: 'retry-max-count', value: '2' },
      { name: 'retry-backoff-duration', value: '1' },
      { name: 'retry-backoff-factor', value: '1e-05' },
      { name: 'retry-backoff-max-duration', value: '3600' },
    ]);
    const impl = template(wf, 'retry-system-container-impl');
    expect(impl.retryStrategy.limit).toBe('{{inputs.parameters.retry-max-count}}');
    expect(impl.container.env).toContainEqual({ name: 'KFP_RETRY_INDEX', value: '{{retries}}' });
    // the task JSON carries the protojson Duration spelling
    expect(arg(task(wf, 'root', 'train-driver'), 'task')).toContain('"backoffDuration":"1.500s"');
  });

  test('implicit dependencies from task outputs become depends', () => {
    const wf = compileToArgo(paramsIr());
    expect(task(wf, 'root', 'report-driver').depends).toBe('train.Succeeded');
    expect(arg(task(wf, 'root', 'report-driver'), 'task')).toContain('"dependentTasks":["train"]');
  });

  test('cache, TLS, CA bundle, log level, publish logs, service addresses', () => {
    const wf = compileToArgo(helloIr(), undefined, {
      cacheDisabled: true,
      mlPipelineTlsEnabled: true,
      metadataTlsEnabled: true,
      caBundleSecretName: 'corp-ca',
      logLevel: '3',
      publishLogs: 'false',
      kfpNamespace: 'kfp',
      clusterDomain: 'example.internal',
      mlPipelineServiceName: 'api',
      metadataServiceName: 'mlmd',
    });
    const driver = template(wf, 'system-dag-driver');
    const args: string[] = driver.container.args;
    expect(args).toEqual(expect.arrayContaining([
      '--cache_disabled=true', '--ml_pipeline_tls_enabled=true', '--metadata_tls_enabled=true',
      'api.kfp.svc.example.internal', 'mlmd.kfp.svc.example.internal',
    ]));
    expect(args[args.indexOf('--ca_cert_path') + 1]).toBe('/kfp/certs/ca.crt');
    expect(args[args.indexOf('--log_level') + 1]).toBe('3');
    expect(args[args.indexOf('--publish_logs') + 1]).toBe('false');
    expect(driver.volumes).toEqual([{ name: 'custom-ca', secret: { secretName: 'corp-ca', items: [{ key: 'ca.crt', path: 'ca.crt' }] } }]);
    expect(template(wf, 'system-container-impl').container.volumeMounts).toContainEqual({ mountPath: '/kfp/certs', name: 'custom-ca' });
  });

  test('proxy settings: driver env, and the KFP default no_proxy list when only a proxy is set', () => {
    const wf = compileToArgo(helloIr(), undefined, { httpsProxy: 'http://proxy:3128' });
    const env = template(wf, 'system-dag-driver').container.env;
    expect(env.map((e: any) => e.name)).toEqual(['https_proxy', 'HTTPS_PROXY', 'no_proxy', 'NO_PROXY']);
    expect(env[2].value).toBe('localhost,127.0.0.1,.svc.cluster.local,kubernetes.default.svc,minio-service.kubeflow,metadata-grpc-service,metadata-grpc-service.kubeflow,ml-pipeline.kubeflow');
    expect(template(wf, 'system-container-driver').container.env.map((e: any) => e.name)).toEqual([
      'https_proxy', 'HTTPS_PROXY', 'no_proxy', 'NO_PROXY', 'KFP_POD_NAME', 'KFP_POD_UID',
    ]);
  });

  test('admin security defaults: driver flags, user container security context, workflow runAsUser', () => {
    const wf = compileToArgo(helloIr(), undefined, {
      defaultRunAsUser: 1000, defaultRunAsGroup: 100, defaultRunAsNonRoot: true, defaultHostUsers: false, pipelineRunAsUser: 1001,
    });
    const args: string[] = template(wf, 'system-container-driver').container.args;
    expect(args.slice(-8)).toEqual([
      '--default_run_as_user', '1000', '--default_run_as_group', '100', '--default_run_as_non_root', 'true', '--default_host_users', 'false',
    ]);
    expect(template(wf, 'system-container-impl').container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
      runAsUser: 1000,
      runAsGroup: 100,
      runAsNonRoot: true,
    });
    expect(wf.spec.securityContext.runAsUser).toBe(1001);
  });

  test('driver pod labels and annotations; the runtime-role annotation cannot be overridden', () => {
    const wf = compileToArgo(helloIr(), undefined, {
      driverPodLabels: { team: 'ml' },
      driverPodAnnotations: { 'pipelines.kubeflow.org/runtime-role': 'x', 'cost-center': '42' },
    });
    expect(template(wf, 'system-container-driver').metadata).toEqual({
      annotations: { 'pipelines.kubeflow.org/runtime-role': 'driver', 'cost-center': '42' },
      labels: { team: 'ml' },
    });
    expect(template(wf, 'system-container-impl').metadata).toEqual({ annotations: { 'pipelines.kubeflow.org/runtime-role': 'launcher' } });
  });

  test('images, commands, display name and service account', () => {
    const wf = compileToArgo(helloIr(), undefined, {
      driverImage: 'reg/driver:1',
      launcherImage: 'reg/launcher:1',
      driverCommand: ['/bin/driver', '-v'],
      launcherCommand: ['/bin/launcher'],
      displayName: 'nightly',
      serviceAccountName: 'runner',
    });
    const driver = template(wf, 'system-container-driver').container;
    expect(driver.image).toBe('reg/driver:1');
    expect(driver.command).toEqual(['/bin/driver', '-v']);
    expect(driver.args[driver.args.indexOf('--run_display_name') + 1]).toBe('nightly');
    expect(template(wf, 'system-container-impl').initContainers[0]).toMatchObject({ image: 'reg/launcher:1', command: ['/bin/launcher'] });
    expect(wf.spec.serviceAccountName).toBe('runner');
  });

  test('spec patch (COMPILED_PIPELINE_SPEC_PATCH) is a strategic merge patch of spec', () => {
    const wf = compileToArgo(helloIr(), undefined, {
      specPatch: {
        podGC: { strategy: 'OnPodCompletion' },
        podMetadata: { labels: { team: 'ml' } },
        templates: [{ name: 'system-dag-driver', priorityClassName: 'high' }],
      },
    });
    expect(wf.spec.podGC).toEqual({ strategy: 'OnPodCompletion' });
    expect(wf.spec.podMetadata.labels).toEqual({ 'pipelines.kubeflow.org/v2_component': 'true', 'team': 'ml' });
    expect(template(wf, 'system-dag-driver').priorityClassName).toBe('high');
    expect(template(wf, 'system-dag-driver').container.image).toBe(DEFAULT_DRIVER_IMAGE);
    expect(wf.spec.templates).toHaveLength(6);
  });

  test('strategic merge patch: null deletes, $patch replace/delete, lists without merge key are replaced', () => {
    const spec = { a: { b: 1, c: 2 }, tolerations: [{ key: 'x', value: '1' }], list: [1, 2], templates: [{ name: 't', x: 1 }, { name: 'u' }] };
    expect(applyStrategicMergePatch(spec, {
      a: { b: null },
      tolerations: [{ key: 'y' }],
      list: [3],
      templates: [{ name: 'u', $patch: 'delete' }, { name: 't', $patch: 'replace', y: 2 }],
    })).toEqual({ a: { c: 2 }, tolerations: [{ key: 'x', value: '1' }, { key: 'y' }], list: [3], templates: [{ name: 't', y: 2 }] });
  });

  test('workspace: volume claim template from the platform spec and the admin default', () => {
    const platform = { platforms: { kubernetes: { pipelineConfig: { workspace: { size: '1024Mi', kubernetes: { pvcSpecPatch: { storageClassName: 'fast' } } } } } } };
    const wf = compileToArgo(helloIr(), platform, { defaultWorkspace: { accessModes: ['ReadWriteMany'], storageClassName: 'standard' } });
    expect(wf.spec.volumeClaimTemplates).toEqual([{
      metadata: { name: 'kfp-workspace' },
      spec: { accessModes: ['ReadWriteMany'], storageClassName: 'fast', resources: { requests: { storage: '1Gi' } } },
    }]);
  });

  test('TTL and active deadline from the platform pipelineConfig', () => {
    const pipelineConfig = { resourceTtlOnCompletion: 3600, resourceTtlOnFailure: 0, activeDeadlineSeconds: 7200 };
    const platform = { platforms: { kubernetes: { pipelineConfig } } };
    const wf = compileToArgo(helloIr(), platform);
    expect(wf.spec.ttlStrategy).toEqual({ secondsAfterCompletion: 3600 });
    expect(wf.spec.activeDeadlineSeconds).toBe(7200);
  });

  test('pod metadata from the platform spec: metadata- executor variant with key/value parameters', () => {
    const platform = { platforms: { kubernetes: { deploymentSpec: { executors: { 'exec-echo': { podMetadata: { labels: { b: '2', a: '1' }, annotations: { note: 'x' } } } } } } } };
    const wf = compileToArgo(helloIr(), platform);
    const t = task(wf, 'root', 'echo');
    expect(t.template).toBe('metadata-1-2-system-container-executor');
    expect(t.arguments.parameters.slice(2)).toEqual([
      { name: 'pod-metadata-annotation-key', value: 'note' },
      { name: 'pod-metadata-annotation-val', value: 'x' },
      { name: 'pod-metadata-label-key-1', value: 'a' },
      { name: 'pod-metadata-label-val-1', value: '1' },
      { name: 'pod-metadata-label-key-2', value: 'b' },
      { name: 'pod-metadata-label-val-2', value: '2' },
    ]);
    expect(template(wf, 'metadata-1-2-system-container-impl').metadata.labels).toEqual({
      '{{inputs.parameters.pod-metadata-label-key-1}}': '{{inputs.parameters.pod-metadata-label-val-1}}',
      '{{inputs.parameters.pod-metadata-label-key-2}}': '{{inputs.parameters.pod-metadata-label-val-2}}',
    });
    expect(arg(task(wf, 'root', 'echo-driver'), 'kubernetes-config')).toBe('{{workflow.parameters.kubernetes-comp-echo}}');
    expect(wf.spec.arguments.parameters[0].name).toBe('kubernetes-comp-echo');
  });

  test('compiled workflows pass schema validation', async () => {
    const platform = { platforms: { kubernetes: { pipelineConfig: { workspace: { size: '1Gi', kubernetes: { pvcSpecPatch: { accessModes: ['ReadWriteOnce'] } } } } } } };
    await validateManifests([
      compileToArgo(paramsIr(), undefined, { parameterValues: { epochs: 2 }, caBundleConfigMapName: 'ca', httpProxy: 'http://p:1' }),
      compileToArgo(helloIr(), platform, { specPatch: { podGC: { strategy: 'OnWorkflowSuccess' } } }),
    ]);
  });
});

describe('compileToArgo: bad input fails with a clear message', () => {
  test('unknown component reference', () => {
    const ir = helloIr();
    ir.root.dag.tasks.echo.componentRef.name = 'comp-missing';
    expect(() => compileToArgo(ir)).toThrow(
      "compileToArgo: pipeline 'echo': task 'echo' of component 'root' references unknown component 'comp-missing' (components: comp-echo)");
  });

  test('executor missing for a component', () => {
    const ir = helloIr();
    delete ir.deploymentSpec.executors['exec-echo'];
    expect(() => compileToArgo(ir)).toThrow(
      "compileToArgo: pipeline 'echo': component 'comp-echo' has executorLabel 'exec-echo', but deploymentSpec.executors has no executor 'exec-echo' (executors: none)");
  });

  test('unsupported IR schema version', () => {
    const ir = helloIr();
    ir.schemaVersion = '2.0.0';
    expect(() => compileToArgo(ir)).toThrow(
      "compileToArgo: pipeline 'echo': unsupported IR schemaVersion \"2.0.0\": the KFP 2.17 backend only supports '2.1.0'");
  });

  test('platform spec naming an executor the IR does not have', () => {
    const platform = { platforms: { kubernetes: { deploymentSpec: { executors: { 'exec-typo': { nodeSelector: { labels: { a: 'b' } } } } } } } };
    expect(() => compileToArgo(helloIr(), platform)).toThrow(
      "compileToArgo: pipeline 'echo': the platform spec configures executor 'exec-typo', but the IR has no such executor (IR executors: exec-echo)");
  });

  test('not a PipelineSpec, no pipeline name', () => {
    expect(() => compileToArgo(undefined)).toThrow('compileToArgo: the IR must be a PipelineSpec object, got undefined');
    const ir = helloIr();
    delete ir.pipelineInfo;
    expect(() => compileToArgo(ir)).toThrow('compileToArgo: the IR has no pipelineInfo.name (expected a non-empty string)');
  });

  test('artifact iterator (not implemented by the backend)', () => {
    const ir = helloIr();
    ir.root.dag.tasks.echo.artifactIterator = { itemInput: 'x', items: { inputArtifact: 'y' } };
    expect(() => compileToArgo(ir)).toThrow(
      "compileToArgo: pipeline 'echo': DAG 'root': task 'echo' iterates over artifacts (artifactIterator), which the KFP backend does not implement");
  });

  test('condition on an importer task', () => {
    const ir = helloIr();
    ir.deploymentSpec.executors['exec-echo'] = { importer: { artifactUri: { constant: 'gs://b/o' }, typeSchema: { schemaTitle: 'system.Dataset' } } };
    ir.root.dag.tasks.echo.triggerPolicy = { condition: "inputs.parameter_values['x'] == 'y'" };
    expect(() => compileToArgo(ir)).toThrow(
      "compileToArgo: pipeline 'echo': task 'echo': a condition (triggerPolicy.condition) on an importer task is not supported by the KFP backend");
  });

  test('consumer of an unknown producer task', () => {
    const ir = paramsIr();
    ir.root.dag.tasks.report.inputs.parameters.msg.taskOutputParameter.producerTask = 'ghost';
    expect(() => compileToArgo(ir)).toThrow(
      "compileToArgo: pipeline 'team/train-pipeline': DAG 'root': task 'report' consumes an output of unknown producer task 'ghost' (not in the same DAG)");
  });

  test('runAsUser 0 while runAsNonRoot is in effect', () => {
    const platform = { platforms: { kubernetes: { deploymentSpec: { executors: { 'exec-echo': { securityContext: { runAsUser: 0 } } } } } } };
    expect(() => compileToArgo(helloIr(), platform)).toThrow(
      "compileToArgo: pipeline 'echo': runAsUser=0 (root) is not allowed for component 'comp-echo': runAsNonRoot is true; use a non-root UID instead");
    expect(() => compileToArgo(helloIr(), platform, { defaultRunAsUser: 1000 })).not.toThrow();
  });

  test('run parameters: unknown names and wrong types', () => {
    expect(() => compileToArgo(paramsIr(), undefined, { parameterValues: { epoch: 3 } })).toThrow(
      "compileToArgo: pipeline 'team/train-pipeline': unknown pipeline parameter 'epoch'; the pipeline's parameters are: epochs, lr, mode, note");
    expect(() => compileToArgo(paramsIr(), undefined, { parameterValues: { epochs: 'three' } })).toThrow(
      "pipeline parameter 'epochs' is NUMBER_INTEGER, expected an integer, got \"three\"");
    expect(() => compileToArgo(paramsIr(), undefined, { parameterValues: { epochs: 1, mode: 'turbo' } })).toThrow(
      "pipeline parameter 'mode' must be one of \"fast\", \"slow\", got \"turbo\"");
  });

  test('workspace without access modes or size', () => {
    const noModes = { platforms: { kubernetes: { pipelineConfig: { workspace: { size: '1Gi', kubernetes: {} } } } } };
    expect(() => compileToArgo(helloIr(), noModes)).toThrow("compileToArgo: pipeline 'echo': workspace PVC spec must specify accessModes");
    const noSize = { platforms: { kubernetes: { pipelineConfig: { workspace: { kubernetes: {} } } } } };
    expect(() => compileToArgo(helloIr(), noSize)).toThrow("compileToArgo: pipeline 'echo': workspace size is required but not specified");
    const badPatch = { platforms: { kubernetes: { pipelineConfig: { workspace: { size: '1Gi', kubernetes: { pvcSpecPatch: { volumeMode: 'Block' } } } } } } };
    expect(() => compileToArgo(helloIr(), badPatch)).toThrow('unknown fields in workspace PVC spec patch: [volumeMode] (allowed: accessModes, storageClassName)');
  });

  test('bad options', () => {
    expect(() => compileToArgo(helloIr(), undefined, { driverImage: '' })).toThrow("compileToArgo: option 'driverImage' must be a non-empty string, got \"\"");
    expect(() => compileToArgo(helloIr(), undefined, { defaultRunAsUser: 1.5 })).toThrow("compileToArgo: option 'defaultRunAsUser' must be an integer, got 1.5");
    expect(() => compileToArgo(helloIr(), undefined, { driverCommand: [] })).toThrow("compileToArgo: option 'driverCommand' must be a non-empty list of non-empty strings, got []");
    expect(() => compileToArgo(helloIr(), undefined, { specPatch: [] as any })).toThrow("compileToArgo: option 'specPatch' must be an object");
  });
});
