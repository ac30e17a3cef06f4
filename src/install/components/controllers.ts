/**
 * KFP's controllers: the persistence agent, the ScheduledWorkflow controller, the viewer
 * controller, and the visualization server.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ComponentPort, IKfpComponent } from '../component';
import { InstallContext } from '../context';
import { persistenceAgentRules, scheduledWorkflowRules, selectRules, viewerControllerRules } from '../install-rbac';
import { cfg, env, POD_NAMESPACE, podSecurity, resourcesOf, restricted, rule, scratch, waitFor } from '../internal';
import { createWorkload, roleWithBinding, saSubject } from '../workload';

const SAFE_TO_EVICT = { 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'true' };
const ALL_VERBS = ['create', 'get', 'list', 'watch', 'update', 'patch', 'delete'];

/** A projected token the agents use to call the API server as themselves. */
function apiToken(name: string): { volume: any; mount: any } {
  return {
    volume: { name, projected: { sources: [{ serviceAccountToken: { audience: 'pipelines.kubeflow.org', expirationSeconds: 3600, path: name } }] } },
    mount: { name, mountPath: '/var/run/secrets/kubeflow/tokens' },
  };
}

abstract class Controller extends Construct implements IKfpComponent {
  public abstract readonly componentName: string;
  public abstract readonly deployment: ApiObject;
  public abstract readonly serviceAccount?: ApiObject;
  public abstract readonly podLabels: { [key: string]: string };
  public readonly service?: ApiObject;
  public readonly servicePorts: ComponentPort[] = [];
}

export class PersistenceAgent extends Controller {
  public readonly componentName = 'ml-pipeline-persistenceagent';
  public readonly deployment: ApiObject;
  public readonly serviceAccount: ApiObject;
  public readonly podLabels = { app: 'ml-pipeline-persistenceagent' };

  constructor(scope: Construct, id: string, ctx: InstallContext) {
    super(scope, id);
    const ns = ctx.namespace;
    const name = this.componentName;
    const opts = ctx.options('persistenceAgent');
    const token = apiToken('persistenceagent-sa-token');
    const w = createWorkload(this, {
      name,
      namespace: ns,
      labels: this.podLabels,
      selector: this.podLabels,
      podAnnotations: SAFE_TO_EVICT,
      replicas: opts.replicas,
      serviceAccountName: name,
      podSpec: {
        initContainers: [waitFor('wait-for-ml-pipeline', ctx.images.waitFor, 'ml-pipeline', '8888')],
        containers: [{
          name,
          image: ctx.images.persistenceAgent,
          imagePullPolicy: 'IfNotPresent',
          env: [
            env('NAMESPACE', POD_NAMESPACE),
            env('TTL_SECONDS_AFTER_WORKFLOW_FINISH', String(ctx.workflowTtlSeconds)),
            env('NUM_WORKERS', '2'),
            env('LOG_LEVEL', 'info'),
          ],
          resources: resourcesOf(opts.resources, { requests: { cpu: '120m', memory: '500Mi' }, limits: { cpu: '1', memory: '1Gi' } }),
          // Read-only root: it logs to stderr (--logtostderr=true in its Dockerfile's CMD) and writes no file.
          securityContext: restricted(1000, 0, { readOnlyRootFilesystem: true }),
          volumeMounts: [token.mount],
        }],
        securityContext: podSecurity(),
        volumes: [token.volume],
      },
    });
    this.deployment = w.deployment;
    this.serviceAccount = w.serviceAccount!;
    roleWithBinding(this, {
      role: 'ml-pipeline-persistenceagent-role',
      binding: 'ml-pipeline-persistenceagent-binding',
      namespace: ns,
      subjects: [saSubject(name, ns)],
      rules: selectRules(ctx, 'Role', 'ml-pipeline-persistenceagent-role', () => [
        rule(['argoproj.io'], ['workflows'], ['get', 'list', 'watch']),
        rule(['kubeflow.org'], ['scheduledworkflows'], ['get', 'list', 'watch']),
        rule(['pipelines.kubeflow.org'], ['scheduledworkflows', 'workflows'], ['report']),
        rule(['pipelines.kubeflow.org'], ['runs'], ['reportMetrics', 'readArtifact']),
      ], persistenceAgentRules),
    });
  }
}

export class ScheduledWorkflowController extends Controller {
  public readonly componentName = 'ml-pipeline-scheduledworkflow';
  public readonly deployment: ApiObject;
  public readonly serviceAccount: ApiObject;
  public readonly podLabels = { app: 'ml-pipeline-scheduledworkflow' };

  constructor(scope: Construct, id: string, ctx: InstallContext) {
    super(scope, id);
    const ns = ctx.namespace;
    const name = this.componentName;
    const opts = ctx.options('scheduledWorkflowController');
    const token = apiToken('scheduledworkflow-sa-token');
    const w = createWorkload(this, {
      name,
      namespace: ns,
      labels: this.podLabels,
      selector: this.podLabels,
      podAnnotations: SAFE_TO_EVICT,
      replicas: opts.replicas,
      serviceAccountName: name,
      podSpec: {
        initContainers: [waitFor('wait-for-ml-pipeline', ctx.images.waitFor, 'ml-pipeline', '8888')],
        containers: [{
          name,
          image: ctx.images.scheduledWorkflowController,
          imagePullPolicy: 'IfNotPresent',
          env: [
            env('METRICS_PORT', '9090'),
            env('CLIENT_QPS', '10'),
            env('RESYNC_INTERVAL_SECONDS', '30'),
            env('CLIENT_BURST', '20'),
            env('LOG_LEVEL', 'info'),
            env('NAMESPACE', POD_NAMESPACE),
            env('CRON_SCHEDULE_TIMEZONE', cfg('cronScheduleTimezone')),
          ],
          ports: [{ name: 'http', containerPort: 9090 }],
          resources: resourcesOf(opts.resources, { requests: { cpu: '50m', memory: '100Mi' }, limits: { cpu: '500m', memory: '512Mi' } }),
          // Read-only root: it logs to stderr (--logtostderr=true in its Dockerfile's CMD) and writes no file.
          securityContext: restricted(1000, 0, { readOnlyRootFilesystem: true }),
          volumeMounts: [token.mount],
        }],
        securityContext: podSecurity(),
        volumes: [token.volume],
      },
    });
    this.deployment = w.deployment;
    this.serviceAccount = w.serviceAccount!;
    roleWithBinding(this, {
      role: 'ml-pipeline-scheduledworkflow-role',
      binding: 'ml-pipeline-scheduledworkflow-binding',
      namespace: ns,
      labels: { app: 'ml-pipeline-scheduledworkflow-role' },
      subjects: [saSubject(name, ns)],
      rules: selectRules(ctx, 'Role', 'ml-pipeline-scheduledworkflow-role', () => [
        rule(['argoproj.io'], ['workflows'], ALL_VERBS),
        rule(['kubeflow.org'], ['scheduledworkflows', 'scheduledworkflows/finalizers'], ALL_VERBS),
        rule(['pipelines.kubeflow.org'], ['runs'], ['create']),
        rule([''], ['events'], ['create', 'patch']),
      ], scheduledWorkflowRules),
    });
  }
}

export class ViewerController extends Controller {
  public readonly componentName = 'ml-pipeline-viewer-crd';
  public readonly deployment: ApiObject;
  public readonly serviceAccount: ApiObject;
  public readonly podLabels = { app: 'ml-pipeline-viewer-crd' };

  constructor(scope: Construct, id: string, ctx: InstallContext) {
    super(scope, id);
    const ns = ctx.namespace;
    const sa = 'ml-pipeline-viewer-crd-service-account';
    const opts = ctx.options('viewerController');
    const w = createWorkload(this, {
      name: this.componentName,
      namespace: ns,
      labels: this.podLabels,
      selector: this.podLabels,
      podAnnotations: SAFE_TO_EVICT,
      replicas: opts.replicas,
      serviceAccountName: sa,
      podSpec: {
        containers: [{
          name: this.componentName,
          image: ctx.images.viewerController,
          imagePullPolicy: 'Always',
          env: [env('MAX_NUM_VIEWERS', '50'), env('NAMESPACE', POD_NAMESPACE)],
          resources: resourcesOf(opts.resources, { requests: { cpu: '10m', memory: '64Mi' }, limits: { cpu: '200m', memory: '256Mi' } }),
          // Read-only root: -logtostderr=true (kfp: backend/Dockerfile.viewercontroller CMD); it writes no file.
          securityContext: restricted(1000, 0, { readOnlyRootFilesystem: true }),
        }],
        securityContext: podSecurity(),
      },
    });
    this.deployment = w.deployment;
    this.serviceAccount = w.serviceAccount!;
    roleWithBinding(this, {
      role: 'ml-pipeline-viewer-controller-role',
      binding: 'ml-pipeline-viewer-crd-binding',
      namespace: ns,
      subjects: [saSubject(sa, ns)],
      rules: selectRules(ctx, 'Role', 'ml-pipeline-viewer-controller-role', () => [
        rule(['*'], ['deployments', 'services'], ALL_VERBS),
        rule(['kubeflow.org'], ['viewers', 'viewers/finalizers'], ALL_VERBS),
      ], viewerControllerRules),
    });
  }
}

export class VisualizationServer extends Controller {
  public readonly componentName = 'ml-pipeline-visualizationserver';
  public readonly deployment: ApiObject;
  public readonly service: ApiObject;
  public readonly serviceAccount: ApiObject;
  public readonly podLabels = { app: 'ml-pipeline-visualizationserver' };
  public readonly servicePorts: ComponentPort[] = [{ name: 'http', port: 8888, targetPort: '8888' }];

  constructor(scope: Construct, id: string, ctx: InstallContext) {
    super(scope, id);
    const name = this.componentName;
    const opts = ctx.options('visualizationServer');
    const probe = { httpGet: { path: '/', port: 8888 }, initialDelaySeconds: 3, periodSeconds: 5, timeoutSeconds: 2 };
    // Read-only root: the server (kfp: backend/Dockerfile.visualization, python:3.11-slim run as 1000,
    // /src owned by root) renders each visualization through a Jupyter kernel and nbconvert
    // (kfp: backend/src/apiserver/visualization/exporter.py, KernelManager); as uid 1000 the only
    // place it can write is the world-writable /tmp, now an emptyDir.
    const tmp = scratch('tmp', '/tmp');
    const w = createWorkload(this, {
      name,
      namespace: ctx.namespace,
      labels: this.podLabels,
      selector: this.podLabels,
      podAnnotations: SAFE_TO_EVICT,
      replicas: opts.replicas,
      serviceAccountName: name,
      automountToken: false,
      podSpec: {
        containers: [{
          name,
          image: ctx.images.visualizationServer,
          imagePullPolicy: 'IfNotPresent',
          ports: [{ name: 'http', containerPort: 8888 }],
          livenessProbe: probe,
          readinessProbe: probe,
          resources: resourcesOf(opts.resources, { requests: { cpu: '30m', memory: '500Mi' }, limits: { cpu: '1', memory: '2Gi' } }),
          securityContext: restricted(1000, 0, { readOnlyRootFilesystem: true }),
          volumeMounts: [tmp.mount],
        }],
        securityContext: podSecurity(),
        volumes: [tmp.volume],
      },
      service: { name, ports: [{ name: 'http', port: 8888, protocol: 'TCP', targetPort: 8888 }] },
    });
    this.deployment = w.deployment;
    this.service = w.service!;
    this.serviceAccount = w.serviceAccount!;
  }
}
