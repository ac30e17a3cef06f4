/**
 * The KFP API server (`ml-pipeline`): REST on 8888, gRPC on 8887, and in Kubernetes-native mode
 * the PipelineVersion admission webhooks on 8443.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ComponentPort, IKfpComponent } from '../component';
import { dbHostKeys, InstallContext, isPostgres } from '../context';
import { apiServerRules, selectRules } from '../install-rbac';
import { cfg, env, POD_NAMESPACE, resourcesOf, restricted, rule, podSecurity, scratch, waitFor } from '../internal';
import { createWorkload, meta, roleWithBinding, saSubject } from '../workload';

export const API_SERVER = 'ml-pipeline';
const WEBHOOK_CERT = 'kfp-api-webhook-cert';
const WEBHOOK_ISSUER = 'kfp-api-webhook-selfsigned-issuer';
const PIPELINE_VERSIONS_WEBHOOK = 'pipelineversions.pipelines.kubeflow.org';

export class ApiServer extends Construct implements IKfpComponent {
  public readonly componentName = API_SERVER;
  public readonly deployment: ApiObject;
  public readonly service: ApiObject;
  public readonly serviceAccount: ApiObject;
  public readonly role: ApiObject;
  public readonly podLabels: { [key: string]: string };
  public readonly servicePorts: ComponentPort[];
  /** The Certificate of the PipelineVersion webhooks (Kubernetes-native store with cert-manager). */
  public readonly webhookCertificate?: ApiObject;

  constructor(scope: Construct, id: string, ctx: InstallContext) {
    super(scope, id);
    const ns = ctx.namespace;
    const opts = ctx.options('apiServer');
    const k8sStore = ctx.kubernetesPipelineStore;
    const store = ctx.objectStore;
    const ep = store._endpoint(ns);

    const dbEnv: any[] = [];
    const hostKeys = dbHostKeys(ctx);
    if (isPostgres(ctx)) {
      dbEnv.push(
        env('DBCONFIG_CONMAXLIFETIME', cfg('ConMaxLifeTime')),
        env('DB_DRIVER_NAME', cfg('dbType')),
        // The API server picks its SQL driver from the viper key DBDriverName; upstream's
        // DB_DRIVER_NAME is read by nothing, so PostgreSQL must be selected here.
        env('DBDRIVERNAME', 'pgx'),
        env('DBCONFIG_POSTGRESQLCONFIG_USER', ctx.dbUser),
        env('DBCONFIG_POSTGRESQLCONFIG_PASSWORD', ctx.dbPassword),
        env('DBCONFIG_POSTGRESQLCONFIG_DBNAME', cfg('pipelineDb')),
        env('DBCONFIG_POSTGRESQLCONFIG_HOST', cfg(hostKeys.host)),
        env('DBCONFIG_POSTGRESQLCONFIG_PORT', cfg(hostKeys.port)),
      );
    } else {
      dbEnv.push(
        env('DBCONFIG_USER', ctx.dbUser),
        env('DBCONFIG_PASSWORD', ctx.dbPassword),
        env('DBCONFIG_DBNAME', cfg('pipelineDb')),
        env('DBCONFIG_HOST', cfg(hostKeys.host)),
        env('DBCONFIG_PORT', cfg(hostKeys.port)),
        env('DBCONFIG_CONMAXLIFETIME', cfg('ConMaxLifeTime')),
        env('DB_DRIVER_NAME', cfg('dbType')),
        env('DBCONFIG_MYSQLCONFIG_USER', ctx.dbUser),
        env('DBCONFIG_MYSQLCONFIG_PASSWORD', ctx.dbPassword),
        env('DBCONFIG_MYSQLCONFIG_DBNAME', cfg('pipelineDb')),
        env('DBCONFIG_MYSQLCONFIG_HOST', cfg(hostKeys.host)),
        env('DBCONFIG_MYSQLCONFIG_PORT', cfg(hostKeys.port)),
      );
    }
    const storeEnv: any[] = [env('OBJECTSTORECONFIG_HOST', ep.host)];
    if (ep.port !== undefined) storeEnv.push(env('OBJECTSTORECONFIG_PORT', String(ep.port)));
    if (!store.inCluster) storeEnv.push(env('OBJECTSTORECONFIG_REGION', store.region));
    const keyEnv: any[] = [];
    if (ctx.storeAccessKey && ctx.storeSecretKey) {
      keyEnv.push(
        env('OBJECTSTORECONFIG_ACCESSKEY', { secret: ctx.storeAccessKey.name, key: ctx.storeAccessKey.key }),
        env('OBJECTSTORECONFIG_SECRETACCESSKEY', { secret: ctx.storeSecretKey.name, key: ctx.storeSecretKey.key }),
      );
    }

    // Read-only root: the image (kfp: backend/Dockerfile, debian:stable-slim, run as 1000) writes
    // only to os.TempDir(): Go's multipart parser spills pipeline uploads above its memory limit
    // there (net/http ParseMultipartForm), so /tmp is an emptyDir.
    const tmp = scratch('tmp', '/tmp');
    const container: any = {
      name: 'ml-pipeline-api-server',
      image: ctx.images.apiServer,
      imagePullPolicy: 'IfNotPresent',
      env: [
        env('PUBLISH_LOGS', 'true'),
        env('LOG_LEVEL', 'info'),
        env('PIPELINE_LOG_LEVEL', '1'),
        env('AUTO_UPDATE_PIPELINE_DEFAULT_VERSION', cfg('autoUpdatePipelineDefaultVersion')),
        env('POD_NAMESPACE', POD_NAMESPACE),
        env('CLUSTER_DOMAIN', 'cluster.local'),
        env('OBJECTSTORECONFIG_SECURE', String(ep.secure)),
        env('OBJECTSTORECONFIG_BUCKETNAME', cfg('bucketName')),
        ...storeEnv,
        ...dbEnv,
        ...keyEnv,
        env('V2_DRIVER_IMAGE', ctx.images.driver),
        env('V2_LAUNCHER_IMAGE', ctx.images.launcher),
        env('COMPILED_PIPELINE_SPEC_PATCH', '{}'),
        env('DEFAULT_SECURITY_CONTEXT_RUN_AS_USER', cfg('defaultSecurityContextRunAsUser', true)),
        env('DEFAULT_SECURITY_CONTEXT_RUN_AS_GROUP', cfg('defaultSecurityContextRunAsGroup', true)),
        env('DEFAULT_SECURITY_CONTEXT_RUN_AS_NON_ROOT', cfg('defaultSecurityContextRunAsNonRoot', true)),
        env('DEFAULT_SECURITY_CONTEXT_HOST_USERS', cfg('defaultSecurityContextHostUsers', true)),
        env('BLOCK_V1_PIPELINES', cfg('BLOCK_V1_PIPELINES', true)),
        env('V1_ALLOWED_NAMESPACES', cfg('V1_ALLOWED_NAMESPACES', true)),
      ],
      ports: [{ name: 'http', containerPort: 8888 }, { name: 'grpc', containerPort: 8887 }],
      livenessProbe: healthz({ initialDelaySeconds: 3, periodSeconds: 5, timeoutSeconds: 2 }),
      readinessProbe: healthz({ initialDelaySeconds: 3, periodSeconds: 5, timeoutSeconds: 2 }),
      startupProbe: healthz({ failureThreshold: 12, periodSeconds: 5, timeoutSeconds: 2 }),
      resources: resourcesOf(opts.resources, { requests: { cpu: '250m', memory: '500Mi' }, limits: { cpu: '2', memory: '2Gi' } }),
      securityContext: restricted(1000, 0, { readOnlyRootFilesystem: true }),
      volumeMounts: [{ name: 'mlflow-tracking-ca', mountPath: '/etc/mlflow-tracking-ca', readOnly: true }, tmp.mount],
    };
    const volumes: any[] = [{ name: 'mlflow-tracking-ca', configMap: { name: 'mlflow-tracking-ca', optional: true } }, tmp.volume];
    const servicePorts: any[] = [
      { name: 'http', port: 8888, protocol: 'TCP', targetPort: 8888 },
      { name: 'grpc', port: 8887, protocol: 'TCP', targetPort: 8887 },
    ];
    const webhookSecret = ctx.apiWebhookTls?.secretName ?? WEBHOOK_CERT;
    if (k8sStore) {
      container.command = ['/bin/apiserver'];
      container.args = [
        '--config=/config',
        '--sampleconfig=/config/sample_config.json',
        '-logtostderr=true',
        '--webhookTLSCertPath=/etc/webhook/certs/tls.crt',
        '--webhookTLSKeyPath=/etc/webhook/certs/tls.key',
        '--pipelinesStoreKubernetes=true',
      ];
      container.ports.push({ name: 'webhook', containerPort: 8443 });
      container.volumeMounts.push({ name: 'webhook-certs', mountPath: '/etc/webhook/certs', readOnly: true });
      volumes.push({ name: 'webhook-certs', secret: { secretName: webhookSecret } });
      // Last, because the UI takes the Service's first port as the API port.
      servicePorts.push({ name: 'webhook', port: 8443, protocol: 'TCP', targetPort: 8443 });
    }

    const hostKeysWait = dbHostKeys(ctx);
    const podSpec: any = {
      initContainers: [
        waitFor('wait-for-database', ctx.images.waitFor, cfg(hostKeysWait.host), cfg(hostKeysWait.port)),
        waitFor('wait-for-metadata-grpc', ctx.images.waitFor, 'metadata-grpc-service', '8080'),
      ],
      containers: [container],
      securityContext: podSecurity(),
      volumes,
    };
    this.podLabels = { app: API_SERVER };
    const w = createWorkload(this, {
      name: API_SERVER,
      namespace: ns,
      labels: { app: API_SERVER },
      selector: this.podLabels,
      podAnnotations: { 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'true' },
      replicas: opts.replicas,
      serviceAccountName: API_SERVER,
      serviceAccountAnnotations: store.serviceAccountAnnotations,
      podSpec,
      service: {
        name: API_SERVER,
        // Not upstream's: lets a ServiceMonitor select this Service (KfpMonitoring).
        labels: { app: API_SERVER },
        annotations: { 'prometheus.io/port': '8888', 'prometheus.io/scheme': 'http', 'prometheus.io/scrape': 'true' },
        ports: servicePorts,
      },
    });
    this.deployment = w.deployment;
    this.service = w.service!;
    this.serviceAccount = w.serviceAccount!;
    this.servicePorts = servicePorts.map((p) => ({ name: p.name, port: p.port, targetPort: String(p.targetPort) }));

    const upstreamRules = () => {
      const rules = [
        rule([''], ['pods', 'pods/log'], ['get', 'list', 'delete']),
        rule(['argoproj.io'], ['workflows'], ['create', 'get', 'list', 'watch', 'update', 'patch', 'delete']),
        rule(['kubeflow.org'], ['scheduledworkflows'], ['create', 'get', 'list', 'update', 'patch', 'delete']),
        rule(['kubeflow.org'], ['scheduledworkflows/finalizers'], ['update']),
        rule(['pipelines.kubeflow.org'], ['pipelines'], ['get', 'list', 'watch']),
        rule(['authorization.k8s.io'], ['subjectaccessreviews'], ['create']),
        rule(['authentication.k8s.io'], ['tokenreviews'], ['create']),
        rule(['mlflow.kubeflow.org'], ['experiments'], ['get', 'list', 'create', 'update']),
        rule([''], ['configmaps'], ['get'], ['kfp-launcher']),
        rule([''], ['secrets'], ['get'], ['kfp-mlflow-credentials']),
      ];
      if (k8sStore) {
        const all = ['create', 'get', 'list', 'watch', 'update', 'patch', 'delete'];
        rules.push(
          rule(['pipelines.kubeflow.org'], ['pipelines', 'pipelines/finalizers'], all),
          rule(['pipelines.kubeflow.org'], ['pipelineversions', 'pipelineversions/status', 'pipelineversions/finalizers'], all),
        );
      }
      return rules;
    };
    const rules = selectRules(ctx, 'Role', API_SERVER, upstreamRules, () => apiServerRules(ctx.rbac));
    this.role = roleWithBinding(this, {
      role: API_SERVER, binding: API_SERVER, namespace: ns, rules, subjects: [saSubject(API_SERVER, ns)], labels: { app: API_SERVER },
    }).role;

    if (k8sStore) {
      if (ctx.certManager && !ctx.apiWebhookTls) {
        new ApiObject(this, 'WebhookIssuer', {
          apiVersion: 'cert-manager.io/v1',
          kind: 'Issuer',
          metadata: meta(WEBHOOK_ISSUER, ns),
          spec: { selfSigned: {} },
        });
        this.webhookCertificate = new ApiObject(this, 'WebhookCertificate', {
          apiVersion: 'cert-manager.io/v1',
          kind: 'Certificate',
          metadata: meta(WEBHOOK_CERT, ns),
          spec: {
            commonName: WEBHOOK_CERT,
            dnsNames: serviceDnsNames(API_SERVER, ns),
            isCA: true,
            issuerRef: { kind: 'Issuer', name: WEBHOOK_ISSUER },
            secretName: WEBHOOK_CERT,
          },
        });
      }
      for (const [kind, path] of [['MutatingWebhookConfiguration', 'mutate'], ['ValidatingWebhookConfiguration', 'validate']]) {
        const clientConfig: any = { service: { name: API_SERVER, namespace: ns, path: `/webhooks/${path}-pipelineversion`, port: 8443 } };
        if (ctx.apiWebhookTls?.caBundle) clientConfig.caBundle = ctx.apiWebhookTls.caBundle;
        new ApiObject(this, kind, {
          apiVersion: 'admissionregistration.k8s.io/v1',
          kind,
          metadata: meta(PIPELINE_VERSIONS_WEBHOOK, undefined, {}, ctx.apiWebhookTls ? undefined : { 'cert-manager.io/inject-ca-from': `${ns}/${WEBHOOK_CERT}` }),
          webhooks: [{
            name: PIPELINE_VERSIONS_WEBHOOK,
            admissionReviewVersions: ['v1'],
            clientConfig,
            failurePolicy: 'Fail',
            sideEffects: 'None',
            rules: [{
              apiGroups: ['pipelines.kubeflow.org'],
              apiVersions: ['v2beta1'],
              operations: ['CREATE', 'UPDATE'],
              resources: ['pipelineversions'],
              scope: 'Namespaced',
            }],
          }],
        });
      }
    }
  }
}

function healthz(extra: any): any {
  return { httpGet: { path: '/apis/v1beta1/healthz', port: 8888 }, ...extra };
}

/** The DNS names a Service answers to inside the cluster. */
export function serviceDnsNames(service: string, ns: string): string[] {
  return [service, `${service}.${ns}`, `${service}.${ns}.svc`, `${service}.${ns}.svc.cluster.local`];
}
