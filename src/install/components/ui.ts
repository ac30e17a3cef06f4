/**
 * The KFP UI (`ml-pipeline-ui`) and the ServiceAccount of the TensorBoard viewer pods it starts.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ComponentPort, IKfpComponent } from '../component';
import { InstallContext } from '../context';
import { selectRules, uiRules } from '../install-rbac';
import { cfg, env, POD_NAMESPACE, podSecurity, resourcesOf, restricted, rule, scratch } from '../internal';
import { ObjectStoreKind } from '../object-store';
import { configMapObject, createWorkload, roleWithBinding, saSubject, serviceAccountObject } from '../workload';

export const UI = 'ml-pipeline-ui';

export class PipelineUi extends Construct implements IKfpComponent {
  public readonly componentName = UI;
  public readonly deployment: ApiObject;
  public readonly service: ApiObject;
  public readonly serviceAccount: ApiObject;
  public readonly podLabels: { [key: string]: string };
  public readonly servicePorts: ComponentPort[];

  constructor(scope: Construct, id: string, ctx: InstallContext) {
    super(scope, id);
    const ns = ctx.namespace;
    const opts = ctx.options('ui');
    const store = ctx.objectStore;

    serviceAccountObject(this, 'ViewerServiceAccount', 'kubeflow-pipelines-viewer', ns);
    configMapObject(this, 'ConfigMap', 'ml-pipeline-ui-configmap', ns, {
      'viewer-pod-template.json': JSON.stringify({ spec: { serviceAccountName: 'kubeflow-pipelines-viewer' } }, undefined, 4),
    });

    const keys = ctx.storeAccessKey && ctx.storeSecretKey ? ctx.storeAccessKey : undefined;
    const storeEnv: any[] = [env('MINIO_NAMESPACE', POD_NAMESPACE)];
    if (store.inCluster) {
      if (store.kind === ObjectStoreKind.MINIO) storeEnv.push(env('MINIO_HOST', 'minio-service'));
      if (keys) {
        storeEnv.push(
          env('MINIO_ACCESS_KEY', { secret: keys.name, key: keys.key }),
          env('MINIO_SECRET_KEY', { secret: ctx.storeSecretKey!.name, key: ctx.storeSecretKey!.key }),
        );
      }
    } else {
      const ep = store._endpoint(ns);
      storeEnv.push(
        env('AWS_REGION', store.region),
        env('AWS_S3_ENDPOINT', ep.port ? `${ep.host}:${ep.port}` : ep.host),
        env('AWS_SSL', String(ep.secure)),
        env('ARGO_ARCHIVE_ARTIFACTORY', store.kind === ObjectStoreKind.GCS ? 'minio' : 's3'),
        env('ARGO_ARCHIVE_BUCKETNAME', store.bucket),
      );
      if (keys) {
        storeEnv.push(
          env('AWS_ACCESS_KEY_ID', { secret: keys.name, key: keys.key }),
          env('AWS_SECRET_ACCESS_KEY', { secret: ctx.storeSecretKey!.name, key: ctx.storeSecretKey!.key }),
        );
      }
    }
    if (store.inCluster && store.bucket !== 'mlpipeline') storeEnv.push(env('ARGO_ARCHIVE_BUCKETNAME', store.bucket));

    // Read-only root: the UI's Node server (kfp: frontend/Dockerfile, node:slim run as 1000) serves
    // /client and writes no file; /tmp stays writable for Node's os.tmpdir() users.
    const tmp = scratch('tmp', '/tmp');
    const probe = { httpGet: { path: '/apis/v1beta1/healthz', port: 3000 }, initialDelaySeconds: 3, periodSeconds: 5, timeoutSeconds: 2 };
    const container = {
      name: UI,
      image: ctx.images.frontend,
      imagePullPolicy: 'IfNotPresent',
      env: [
        env('VIEWER_TENSORBOARD_POD_TEMPLATE_SPEC_PATH', '/etc/config/viewer-pod-template.json'),
        ...storeEnv,
        env('ALLOW_CUSTOM_VISUALIZATIONS', 'true'),
        env('FRONTEND_SERVER_NAMESPACE', POD_NAMESPACE),
        env('ARGO_ARCHIVE_LOGS', 'true'),
        env('DISABLE_GKE_METADATA', 'true'),
        env('ARTIFACT_NAMESPACE_OWNERSHIP_MODE', cfg('ARTIFACT_NAMESPACE_OWNERSHIP_MODE', true)),
        env('ARTIFACT_NAMESPACE_KEY_PREFIX', cfg('ARTIFACT_NAMESPACE_KEY_PREFIX', true)),
        env('CLUSTER_DOMAIN', cfg('CLUSTER_DOMAIN', true)),
        env('ARTIFACTS_SERVICE_PROXY_ENABLED', cfg('ARTIFACTS_PROXY_ENABLED', true)),
      ],
      ports: [{ containerPort: 3000 }],
      livenessProbe: probe,
      readinessProbe: probe,
      resources: resourcesOf(opts.resources, { requests: { cpu: '10m', memory: '70Mi' }, limits: { cpu: '500m', memory: '512Mi' } }),
      securityContext: restricted(1000, 0, { readOnlyRootFilesystem: true }),
      volumeMounts: [{ name: 'config-volume', mountPath: '/etc/config', readOnly: true }, tmp.mount],
    };
    this.podLabels = { app: UI };
    const servicePorts = [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 3000 }];
    const w = createWorkload(this, {
      name: UI,
      namespace: ns,
      labels: { app: UI },
      selector: this.podLabels,
      podAnnotations: { 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'true' },
      replicas: opts.replicas,
      serviceAccountName: UI,
      serviceAccountAnnotations: store.serviceAccountAnnotations,
      podSpec: {
        containers: [container],
        securityContext: podSecurity(),
        volumes: [{ name: 'config-volume', configMap: { name: 'ml-pipeline-ui-configmap' } }, tmp.volume],
      },
      service: { name: UI, labels: { app: UI }, ports: servicePorts },
    });
    this.deployment = w.deployment;
    this.service = w.service!;
    this.serviceAccount = w.serviceAccount!;
    this.servicePorts = servicePorts.map((p) => ({ name: p.name, port: p.port, targetPort: String(p.targetPort) }));

    roleWithBinding(this, {
      role: UI,
      binding: UI,
      namespace: ns,
      labels: { app: UI },
      subjects: [saSubject(UI, ns)],
      rules: selectRules(ctx, 'Role', UI, () => [
        rule([''], ['pods', 'pods/log'], ['get']),
        rule([''], ['events'], ['list']),
        rule([''], ['secrets', 'configmaps'], ['get', 'list']),
        rule(['kubeflow.org'], ['viewers'], ['create', 'get', 'list', 'watch', 'delete']),
        rule(['argoproj.io'], ['workflows'], ['get', 'list']),
      ], () => uiRules(ctx.rbac)),
    });
  }
}
