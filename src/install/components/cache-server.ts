/**
 * The v1 cache server: a pod-mutating admission webhook. Its TLS certificate comes from
 * cert-manager and its MutatingWebhookConfiguration is declared here, instead of upstream's
 * cache deployer creating both at run time.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ComponentPort, IKfpComponent } from '../component';
import { dbHostKeys, InstallContext, isPostgres } from '../context';
import { cacheServerRules, selectRules } from '../install-rbac';
import { cfg, env, POD_NAMESPACE, podSecurity, resourcesOf, restricted, rule, scratch } from '../internal';
import { createWorkload, meta, roleWithBinding, saSubject } from '../workload';

const ISSUER = 'kfp-cache-selfsigned-issuer';
const CERT = 'kfp-cache-cert';
const TLS_SECRET = 'webhook-server-tls';

export class CacheServer extends Construct implements IKfpComponent {
  public readonly componentName = 'cache-server';
  public readonly deployment: ApiObject;
  public readonly service: ApiObject;
  public readonly serviceAccount: ApiObject;
  public readonly podLabels = { app: 'cache-server' };
  public readonly servicePorts: ComponentPort[] = [{ port: 443, targetPort: 'webhook-api' }];
  public readonly certificate: ApiObject;
  public readonly webhook: ApiObject;

  constructor(scope: Construct, id: string, ctx: InstallContext) {
    super(scope, id);
    const ns = ctx.namespace;
    const sa = 'kubeflow-pipelines-cache';
    const opts = ctx.options('cacheServer');
    const keys = dbHostKeys(ctx);
    // Read-only root: the cache server logs with glog and gets no -logtostderr
    // (kfp: backend/Dockerfile.cacheserver ENTRYPOINT), so glog writes its log files to
    // os.TempDir(): /tmp is an emptyDir.
    const tmp = scratch('tmp', '/tmp');
    const w = createWorkload(this, {
      name: this.componentName,
      namespace: ns,
      labels: this.podLabels,
      selector: this.podLabels,
      replicas: opts.replicas ?? 1,
      serviceAccountName: sa,
      podSpec: {
        containers: [{
          name: 'server',
          image: ctx.images.cacheServer,
          imagePullPolicy: 'Always',
          args: [
            '--db_driver=$(DBCONFIG_DRIVER)',
            '--db_host=$(DBCONFIG_HOST_NAME)',
            '--db_port=$(DBCONFIG_PORT)',
            '--db_name=$(DBCONFIG_DB_NAME)',
            '--db_user=$(DBCONFIG_USER)',
            '--db_password=$(DBCONFIG_PASSWORD)',
            '--namespace_to_watch=$(NAMESPACE_TO_WATCH)',
            '--listen_port=$(WEBHOOK_PORT)',
            '--tls_cert_filename=tls.crt',
            '--tls_key_filename=tls.key',
          ],
          env: [
            env('DEFAULT_CACHE_STALENESS', cfg('DEFAULT_CACHE_STALENESS')),
            env('MAXIMUM_CACHE_STALENESS', cfg('MAXIMUM_CACHE_STALENESS')),
            env('CACHE_IMAGE', cfg('cacheImage')),
            env('CACHE_NODE_RESTRICTIONS', cfg('cacheNodeRestrictions')),
            env('DBCONFIG_DRIVER', isPostgres(ctx) ? 'pgx' : 'mysql'),
            env('DBCONFIG_DB_NAME', cfg('cacheDb')),
            env('DBCONFIG_HOST_NAME', cfg(keys.host)),
            env('DBCONFIG_PORT', cfg(keys.port)),
            env('DBCONFIG_USER', ctx.dbUser),
            env('DBCONFIG_PASSWORD', ctx.dbPassword),
            env('NAMESPACE_TO_WATCH', POD_NAMESPACE),
            env('WEBHOOK_PORT', '8443'),
          ],
          ports: [{ name: 'webhook-api', containerPort: 8443 }],
          resources: resourcesOf(opts.resources, { requests: { cpu: '10m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } }),
          securityContext: restricted(1000, 0, { readOnlyRootFilesystem: true }),
          volumeMounts: [{ name: 'webhook-tls-certs', mountPath: '/etc/webhook/certs', readOnly: true }, tmp.mount],
        }],
        securityContext: podSecurity(),
        volumes: [{ name: 'webhook-tls-certs', secret: { secretName: TLS_SECRET } }, tmp.volume],
      },
      service: { name: 'cache-server', labels: { app: 'cache-server' }, ports: [{ port: 443, targetPort: 'webhook-api' }] },
    });
    this.deployment = w.deployment;
    this.service = w.service!;
    this.serviceAccount = w.serviceAccount!;
    roleWithBinding(this, {
      role: 'kubeflow-pipelines-cache-role',
      binding: 'kubeflow-pipelines-cache-binding',
      namespace: ns,
      labels: { app: 'cache-server' },
      subjects: [saSubject(sa, ns)],
      rules: selectRules(ctx, 'Role', 'kubeflow-pipelines-cache-role', () => [
        rule([''], ['pods'], ['get', 'list', 'watch', 'update', 'patch']),
        rule([''], ['configmaps'], ['get']),
        rule(['argoproj.io'], ['workflows'], ['get', 'list', 'watch', 'update', 'patch']),
      ], cacheServerRules),
    });

    const certLabels = { app: 'cache-server-cert-manager' };
    new ApiObject(this, 'Issuer', {
      apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: meta(ISSUER, ns, certLabels), spec: { selfSigned: {} },
    });
    this.certificate = new ApiObject(this, 'Certificate', {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: meta(CERT, ns, certLabels),
      spec: {
        commonName: CERT,
        dnsNames: ['cache-server', `cache-server.${ns}`, `cache-server.${ns}.svc`],
        isCA: true,
        issuerRef: { kind: 'Issuer', name: ISSUER },
        secretName: TLS_SECRET,
      },
    });
    this.webhook = new ApiObject(this, 'Webhook', {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'MutatingWebhookConfiguration',
      metadata: meta(`cache-webhook-${ns}`, undefined, certLabels, { 'cert-manager.io/inject-ca-from': `${ns}/${CERT}` }),
      webhooks: [{
        name: `cache-server.${ns}.svc`,
        admissionReviewVersions: ['v1beta1'],
        clientConfig: { service: { name: 'cache-server', namespace: ns, path: '/mutate' } },
        failurePolicy: 'Ignore',
        objectSelector: { matchLabels: { 'pipelines.kubeflow.org/cache_enabled': 'true' } },
        rules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'] }],
        sideEffects: 'None',
        timeoutSeconds: 5,
      }],
    });
  }
}
