/**
 * The Argo Workflows controller, namespaced to the KFP namespace as upstream's standalone install
 * runs it, and its ConfigMap (artifact repository, executor security context, workflow defaults).
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { ComponentPort, IKfpComponent } from '../component';
import { InstallContext } from '../context';
import { env, podSecurity, resourcesOf, restricted, rule } from '../internal';
import { configMapObject, createWorkload, meta, roleWithBinding, saSubject } from '../workload';

const ALL = ['get', 'list', 'watch', 'update', 'patch', 'delete', 'create'];

export class WorkflowController extends Construct implements IKfpComponent {
  public readonly componentName = 'workflow-controller';
  public readonly deployment: ApiObject;
  public readonly service = undefined;
  public readonly serviceAccount: ApiObject;
  public readonly configMap: ApiObject;
  public readonly podLabels = { app: 'workflow-controller' };
  public readonly servicePorts: ComponentPort[] = [];

  constructor(scope: Construct, id: string, ctx: InstallContext) {
    super(scope, id);
    const ns = ctx.namespace;
    const opts = ctx.options('workflowController');
    const ttl = ctx.workflowTtlSeconds;
    this.configMap = configMapObject(this, 'ConfigMap', 'workflow-controller-configmap', ns, {
      artifactRepository: stringify(ctx.objectStore._argoArtifactRepository(ns, ctx.storeAccessKey, ctx.storeSecretKey)),
      executor: stringify({
        imagePullPolicy: 'IfNotPresent',
        securityContext: restricted(65532),
      }),
      workflowDefaults: stringify({
        spec: {
          ttlStrategy: { secondsAfterCompletion: ttl, secondsAfterSuccess: ttl, secondsAfterFailure: ttl },
          templateDefaults: { retryStrategy: { limit: '2', retryPolicy: 'OnError' } },
        },
      }),
    });
    new ApiObject(this, 'PriorityClass', {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: meta('workflow-controller', undefined),
      value: 1000000,
    });
    const w = createWorkload(this, {
      name: this.componentName,
      namespace: ns,
      labels: {},
      selector: this.podLabels,
      replicas: opts.replicas,
      serviceAccountName: 'argo',
      podSpec: {
        containers: [{
          name: 'workflow-controller',
          image: ctx.images.workflowController,
          command: ['workflow-controller'],
          args: ['--configmap', 'workflow-controller-configmap', '--executor-image', ctx.images.argoExecutor, '--namespaced'],
          env: [
            env('TRANSIENT_ERROR_PATTERN', '(?i)(imminent node shutdown|node is shutting down|preempt|evict|spot|pod deleted)'),
            env('LEADER_ELECTION_IDENTITY', { field: 'metadata.name', apiVersion: 'v1' }),
          ],
          livenessProbe: { httpGet: { path: '/healthz', port: 6060 }, failureThreshold: 3, initialDelaySeconds: 90, periodSeconds: 60, timeoutSeconds: 30 },
          ports: [{ name: 'metrics', containerPort: 9090 }, { containerPort: 6060 }],
          resources: resourcesOf(opts.resources, { requests: { cpu: '100m', memory: '500Mi' }, limits: { cpu: '2', memory: '2Gi' } }),
          securityContext: restricted(undefined, undefined, { readOnlyRootFilesystem: true }),
        }],
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        priorityClassName: 'workflow-controller',
        securityContext: podSecurity(),
      },
    });
    this.deployment = w.deployment;
    this.serviceAccount = w.serviceAccount!;
    roleWithBinding(this, {
      role: 'argo-role',
      binding: 'argo-binding',
      namespace: ns,
      subjects: [saSubject('argo', ns)],
      rules: [
        rule(['coordination.k8s.io'], ['leases'], ['create', 'get', 'update']),
        rule([''], ['pods', 'pods/exec'], ['create', 'get', 'list', 'watch', 'update', 'patch', 'delete']),
        rule([''], ['configmaps'], ['get', 'watch', 'list']),
        rule([''], ['persistentvolumeclaims', 'persistentvolumeclaims/finalizers'], ['create', 'update', 'delete', 'get']),
        rule(['argoproj.io'], ['workflows', 'workflows/finalizers', 'workflowtasksets', 'workflowtasksets/finalizers', 'workflowartifactgctasks'], ALL),
        rule(['argoproj.io'], ['workflowtemplates', 'workflowtemplates/finalizers'], ['get', 'list', 'watch']),
        rule(['argoproj.io'], ['workflowtaskresults'], ['list', 'watch', 'deletecollection']),
        rule([''], ['serviceaccounts'], ['get', 'list']),
        rule([''], ['secrets'], ['get']),
        rule(['argoproj.io'], ['cronworkflows', 'cronworkflows/finalizers'], ['get', 'list', 'watch', 'update', 'patch', 'delete']),
        rule([''], ['events'], ['create', 'patch']),
        rule(['policy'], ['poddisruptionbudgets'], ['create', 'get', 'delete']),
      ],
    });
  }
}
