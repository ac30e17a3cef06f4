/**
 * ML Metadata: the gRPC store server, the Envoy gRPC-web proxy the UI talks to, and the
 * metadata writer that records pod executions.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { ComponentPort, IKfpComponent } from '../component';
import { dbHostKeys, InstallContext, isPostgres } from '../context';
import { metadataWriterRules, selectRules } from '../install-rbac';
import { cfg, env, POD_NAMESPACE, podSecurity, resourcesOf, restricted, rule, scratch, waitFor } from '../internal';
import { configMapObject, createWorkload, roleWithBinding, saSubject } from '../workload';

export const METADATA_GRPC_SERVICE = 'metadata-grpc-service';
const GRPC_CHANNEL_ARGS = '--grpc_channel_arguments=grpc.max_metadata_size=16384,grpc.max_receive_message_length=104857600,grpc.max_send_message_length=104857600';

export class MetadataGrpcServer extends Construct implements IKfpComponent {
  public readonly componentName = 'metadata-grpc-deployment';
  public readonly deployment: ApiObject;
  public readonly service: ApiObject;
  public readonly serviceAccount: ApiObject;
  public readonly podLabels = { component: 'metadata-grpc-server' };
  public readonly servicePorts: ComponentPort[] = [{ name: 'grpc-api', port: 8080, targetPort: '8080' }];

  constructor(scope: Construct, id: string, ctx: InstallContext) {
    super(scope, id);
    const ns = ctx.namespace;
    const opts = ctx.options('metadataGrpcServer');
    configMapObject(this, 'ConfigMap', 'metadata-grpc-configmap', ns, {
      METADATA_GRPC_SERVICE_HOST: METADATA_GRPC_SERVICE,
      METADATA_GRPC_SERVICE_PORT: '8080',
    }, { component: 'metadata-grpc-server' });

    const keys = dbHostKeys(ctx);
    const args = isPostgres(ctx)
      ? [
        '--grpc_port=8080',
        '--metadata_source_config_type=postgresql',
        '--postgres_config_host=$(DB_HOST)',
        '--postgres_config_port=$(DB_PORT)',
        '--postgres_config_dbname=$(DB_NAME)',
        '--postgres_config_user=$(DBCONFIG_USER)',
        '--postgres_config_password=$(DBCONFIG_PASSWORD)',
        '--enable_database_upgrade=true',
        GRPC_CHANNEL_ARGS,
      ]
      : [
        '--grpc_port=8080',
        '--mysql_config_database=$(MYSQL_DATABASE)',
        '--mysql_config_host=$(MYSQL_HOST)',
        '--mysql_config_port=$(MYSQL_PORT)',
        '--mysql_config_user=$(DBCONFIG_USER)',
        '--mysql_config_password=$(DBCONFIG_PASSWORD)',
        '--enable_database_upgrade=true',
        GRPC_CHANNEL_ARGS,
      ];
    const dbEnv = isPostgres(ctx)
      ? [env('DB_NAME', cfg('mlmdDb')), env('DB_HOST', cfg(keys.host)), env('DB_PORT', cfg(keys.port))]
      : [env('MYSQL_DATABASE', cfg('mlmdDb')), env('MYSQL_HOST', cfg(keys.host)), env('MYSQL_PORT', cfg(keys.port))];
    const probe = { tcpSocket: { port: 'grpc-api' }, initialDelaySeconds: 3, periodSeconds: 5, timeoutSeconds: 2 };
    // Read-only root: the MLMD server keeps its state in the database; it logs with glog, whose
    // log files default to /tmp, so /tmp is an emptyDir.
    const tmp = scratch('tmp', '/tmp');
    const w = createWorkload(this, {
      name: this.componentName,
      namespace: ns,
      labels: this.podLabels,
      selector: this.podLabels,
      replicas: opts.replicas ?? 1,
      serviceAccountName: 'metadata-grpc-server',
      automountToken: false,
      podSpec: {
        initContainers: [waitFor('wait-for-database', ctx.images.waitFor, cfg(keys.host), cfg(keys.port))],
        containers: [{
          name: 'container',
          image: ctx.images.metadataServer,
          command: ['/bin/metadata_store_server'],
          args,
          env: [env('DBCONFIG_USER', ctx.dbUser), env('DBCONFIG_PASSWORD', ctx.dbPassword), ...dbEnv],
          ports: [{ name: 'grpc-api', containerPort: 8080 }],
          livenessProbe: probe,
          readinessProbe: probe,
          resources: resourcesOf(opts.resources, { requests: { cpu: '50m', memory: '128Mi' }, limits: { cpu: '1', memory: '1Gi' } }),
          securityContext: restricted(1000, 0, { readOnlyRootFilesystem: true }),
          volumeMounts: [tmp.mount],
        }],
        securityContext: podSecurity(),
        volumes: [tmp.volume],
      },
      service: {
        name: METADATA_GRPC_SERVICE,
        labels: { app: 'metadata' },
        ports: [{ name: 'grpc-api', port: 8080, protocol: 'TCP' }],
        type: 'ClusterIP',
      },
    });
    this.deployment = w.deployment;
    this.service = w.service!;
    this.serviceAccount = w.serviceAccount!;
  }
}

/** Envoy configuration: gRPC-web and CORS on 9090, proxied to the MLMD gRPC Service. */
function envoyConfig(): string {
  const typed = (type: string, extra: any = {}) => ({ '@type': `type.googleapis.com/${type}`, ...extra });
  return stringify({
    admin: {
      access_log: { name: 'admin_access', typed_config: typed('envoy.extensions.access_loggers.file.v3.FileAccessLog', { path: '/tmp/admin_access.log' }) },
      address: { socket_address: { address: '0.0.0.0', port_value: 9901 } },
    },
    static_resources: {
      listeners: [{
        name: 'listener_0',
        address: { socket_address: { address: '0.0.0.0', port_value: 9090 } },
        filter_chains: [{
          filters: [{
            name: 'envoy.filters.network.http_connection_manager',
            typed_config: typed('envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager', {
              codec_type: 'auto',
              stat_prefix: 'ingress_http',
              route_config: {
                name: 'local_route',
                virtual_hosts: [{
                  name: 'local_service',
                  domains: ['*'],
                  routes: [{
                    match: { prefix: '/' },
                    route: { cluster: 'metadata-cluster', max_stream_duration: { grpc_timeout_header_max: '0s' } },
                    typed_per_filter_config: {
                      'envoy.filter.http.cors': typed('envoy.extensions.filters.http.cors.v3.CorsPolicy', {
                        allow_origin_string_match: [{ safe_regex: { regex: '.*' } }],
                        allow_methods: 'GET, PUT, DELETE, POST, OPTIONS',
                        allow_headers: 'keep-alive,user-agent,cache-control,content-type,content-transfer-encoding,custom-header-1,x-accept-content-transfer-encoding,x-accept-response-streaming,x-user-agent,x-grpc-web,grpc-timeout',
                        max_age: '1728000',
                        expose_headers: 'custom-header-1,grpc-status,grpc-message',
                      }),
                    },
                  }],
                }],
              },
              http_filters: [
                { name: 'envoy.filters.http.grpc_web', typed_config: typed('envoy.extensions.filters.http.grpc_web.v3.GrpcWeb') },
                { name: 'envoy.filters.http.cors', typed_config: typed('envoy.extensions.filters.http.cors.v3.Cors') },
                { name: 'envoy.filters.http.router', typed_config: typed('envoy.extensions.filters.http.router.v3.Router') },
              ],
            }),
          }],
        }],
      }],
      clusters: [{
        name: 'metadata-cluster',
        connect_timeout: '30.0s',
        type: 'logical_dns',
        typed_extension_protocol_options: {
          'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': typed('envoy.extensions.upstreams.http.v3.HttpProtocolOptions', {
            explicit_http_config: { http2_protocol_options: {} },
          }),
        },
        lb_policy: 'round_robin',
        load_assignment: {
          cluster_name: 'metadata-grpc',
          endpoints: [{ lb_endpoints: [{ endpoint: { address: { socket_address: { address: METADATA_GRPC_SERVICE, port_value: 8080 } } } }] }],
        },
      }],
    },
  });
}

export class MetadataEnvoy extends Construct implements IKfpComponent {
  public readonly componentName = 'metadata-envoy-deployment';
  public readonly deployment: ApiObject;
  public readonly service: ApiObject;
  public readonly serviceAccount = undefined;
  public readonly podLabels = { component: 'metadata-envoy' };
  public readonly servicePorts: ComponentPort[] = [{ name: 'md-envoy', port: 9090, targetPort: '9090' }];

  constructor(scope: Construct, id: string, ctx: InstallContext) {
    super(scope, id);
    const ns = ctx.namespace;
    const opts = ctx.options('metadataEnvoy');
    configMapObject(this, 'ConfigMap', 'metadata-envoy-configmap', ns, { 'envoy-config.yaml': envoyConfig() });
    // Read-only root: Envoy (kfp: third_party/metadata_envoy/Dockerfile) writes the admin access log
    // to /tmp/admin_access.log (envoyConfig above); /tmp is an emptyDir.
    const tmp = scratch('tmp', '/tmp');
    const w = createWorkload(this, {
      name: this.componentName,
      namespace: ns,
      labels: this.podLabels,
      selector: this.podLabels,
      podLabelsExtra: { 'sidecar.istio.io/inject': 'false' },
      replicas: opts.replicas ?? 1,
      automountToken: false,
      podSpec: {
        containers: [{
          name: 'container',
          image: ctx.images.metadataEnvoy,
          args: ['/etc/envoy/envoy-config.yaml'],
          ports: [{ name: 'md-envoy', containerPort: 9090 }, { name: 'envoy-admin', containerPort: 9901 }],
          resources: resourcesOf(opts.resources, { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '500m', memory: '256Mi' } }),
          securityContext: restricted(1000, 0, { readOnlyRootFilesystem: true }),
          volumeMounts: [{ name: 'envoy-config', mountPath: '/etc/envoy' }, tmp.mount],
        }],
        securityContext: podSecurity(),
        volumes: [{ name: 'envoy-config', configMap: { name: 'metadata-envoy-configmap' } }, tmp.volume],
      },
      service: {
        name: 'metadata-envoy-service',
        labels: { app: 'metadata-envoy' },
        ports: [{ name: 'md-envoy', port: 9090, protocol: 'TCP' }],
        type: 'ClusterIP',
      },
    });
    this.deployment = w.deployment;
    this.service = w.service!;
  }
}

export class MetadataWriter extends Construct implements IKfpComponent {
  public readonly componentName = 'metadata-writer';
  public readonly deployment: ApiObject;
  public readonly service = undefined;
  public readonly serviceAccount: ApiObject;
  public readonly podLabels = { app: 'metadata-writer' };
  public readonly servicePorts: ComponentPort[] = [];

  constructor(scope: Construct, id: string, ctx: InstallContext) {
    super(scope, id);
    const ns = ctx.namespace;
    const sa = 'kubeflow-pipelines-metadata-writer';
    const opts = ctx.options('metadataWriter');
    // Read-only root: the writer (kfp: backend/metadata_writer/Dockerfile, python:3.11-slim run as
    // 1000) only talks to the Kubernetes API and MLMD; /tmp, the one path uid 1000 could write in
    // the image, stays writable as an emptyDir for Python's tempfile.
    const tmp = scratch('tmp', '/tmp');
    const w = createWorkload(this, {
      name: this.componentName,
      namespace: ns,
      labels: this.podLabels,
      selector: this.podLabels,
      replicas: opts.replicas ?? 1,
      serviceAccountName: sa,
      podSpec: {
        initContainers: [waitFor('wait-for-metadata-grpc', ctx.images.waitFor, METADATA_GRPC_SERVICE, '8080')],
        containers: [{
          name: 'main',
          image: ctx.images.metadataWriter,
          env: [env('NAMESPACE_TO_WATCH', POD_NAMESPACE)],
          resources: resourcesOf(opts.resources, { requests: { cpu: '10m', memory: '64Mi' }, limits: { cpu: '500m', memory: '512Mi' } }),
          securityContext: restricted(1000, 0, { readOnlyRootFilesystem: true }),
          volumeMounts: [tmp.mount],
        }],
        securityContext: podSecurity(),
        volumes: [tmp.volume],
      },
    });
    this.deployment = w.deployment;
    this.serviceAccount = w.serviceAccount!;
    roleWithBinding(this, {
      role: 'kubeflow-pipelines-metadata-writer-role',
      binding: 'kubeflow-pipelines-metadata-writer-binding',
      namespace: ns,
      labels: { app: 'kubeflow-pipelines-metadata-writer-role' },
      subjects: [saSubject(sa, ns)],
      rules: selectRules(ctx, 'Role', 'kubeflow-pipelines-metadata-writer-role', () => [
        rule([''], ['pods'], ['get', 'list', 'watch', 'update', 'patch']),
        rule([''], ['configmaps'], ['get']),
        rule(['argoproj.io'], ['workflows'], ['get', 'list', 'watch', 'update', 'patch']),
      ], metadataWriterRules),
    });
  }
}
