/**
 * Install parity with upstream KFP 2.17.0 (`release-2.17.0/`): the default install against
 * `platform-agnostic.yaml` + `cluster-scoped-resources.yaml`, and the PostgreSQL and
 * Kubernetes-native variants against their renderings. Every difference is listed here with its
 * reason; anything else fails the suite.
 */
import { Chart, Testing } from 'cdk8s';
import { compareInstall, Deliberate, GlobalDeliberate } from './parity';
import { upstream } from './upstream';
import { Database, InstallRbac, KubeflowPipelines, KubeflowPipelinesProps, PipelineStore, WorkflowControllerScope } from '../../../src';
import { CERT_MANAGER_CRDS } from '../../install/helpers';
import { validateManifests } from '../../util/validate';
import { describeConformance, printScore } from '../reference';

const D = (key: string, reason: string): Deliberate => ({ key, reason });

const CLUSTER_ARGO = 'workflowControllerScope CLUSTER (set, or implied by connecting a Tenant): the Argo workflow controller manages tenant namespaces, with the RBAC of KFP multi-user (argo-cluster-role; argo-role keeps only leases and Secrets of the KFP namespace)';
const CERT_MANAGER_NOT_DEPLOYER = 'no cache-deployer: cert-manager issues the cache webhook certificate and the webhook configuration is declared, so nothing is created at run time';
const NO_V1_CACHE_REASON = 'v1 cache server left out by default: it is a pod-mutating webhook for v1 pipelines only (v2 pipelines cache through the driver) and needs a certificate that upstream creates at run time; certManager: true adds it with a cert-manager Certificate';
const DEV_SECRET = "dev credentials live in one clearly named Secret 'kfp-dev-credentials' (production: true requires your own ISecrets)";

const LP = 'least-privilege RBAC (InstallRbac.leastPrivilege(), the default; InstallRbac.UPSTREAM restores upstream\'s rules): ';
/** The install's Roles, narrowed to what each component calls (src/install/install-rbac.ts gives each rule its reason and source). */
const LEAST_PRIVILEGE: Deliberate[] = [
  D('rules Role/kubeflow/pipeline-runner', `${LP}kfp-launcher by name, object-store Secrets by name, its own pod, its Workflow, task results and MLflow; no pods/exec, services, deployments, jobs, kubeflow.org/*, seldondeployments, PVs, volumesnapshots or namespace-wide Secret read (PVCs with volumeManagement)`),
  D('rules Role/kubeflow/ml-pipeline', `${LP}pods: delete only (retry), pods/log: get (podLogs); the rest is upstream's`),
  D('rules Role/kubeflow/ml-pipeline-ui', `${LP}Secrets only by name (object-store keys), ConfigMaps only artifact-repositories, viewers create/get/delete, workflows get`),
  D('rules Role/kubeflow/ml-pipeline-viewer-controller-role', `${LP}apps deployments and core services (upstream: apiGroups '*'), create but no update/patch/delete (owned objects are garbage-collected)`),
  D('rules Role/kubeflow/ml-pipeline-scheduledworkflow-role', `${LP}workflows create/get/list/watch, scheduledworkflows get/list/watch/update, finalizers update`),
  D('rules Role/kubeflow/kubeflow-pipelines-metadata-writer-role', `${LP}pods list/watch/patch only (upstream also configmaps and workflows, which the writer never reads)`),
];
const ARGO_LP = D('rules Role/kubeflow/argo-role', `${LP}Argo's namespaced grants without pods/exec (terminateRunningSteps adds it) and with the agent CA Secret by name instead of every Secret`);
const CACHE_LP = D('rules Role/kubeflow/kubeflow-pipelines-cache-role', `${LP}pods watch/patch only (the cache watcher); upstream also configmaps and workflows`);

/** Differences every variant shares. */
const COMMON: Deliberate[] = [
  ...LEAST_PRIVILEGE,
  D('missing CustomResourceDefinition//applications.app.k8s.io', 'no controller reads app.k8s.io Applications in a standalone install'),
  D('missing ConfigMap/kubeflow/kfp-cluster-scoped-params', 'kustomize-only parameter (the namespace is a prop)'),
  D('missing Secret/kubeflow/mlpipeline-minio-artifact', DEV_SECRET),
  D('extra Secret/kubeflow/kfp-dev-credentials', DEV_SECRET),
  D('env Deployment/kubeflow/seaweedfs seaweedfs', 'SeaweedFS reads its two keys with env secretKeyRefs instead of envFrom, so any credentials Secret and key names work'),
  D('configData ConfigMap/kubeflow/pipeline-install-config warning', 'our note says the ConfigMap is generated from the construct'),
  D('configData ConfigMap/kubeflow/pipeline-install-config defaultPipelineRoot', 'the pipeline root is written out (minio://mlpipeline/v2/artifacts) instead of left to the driver default'),
  D('configData ConfigMap/kubeflow/kfp-launcher defaultPipelineRoot', 'the pipeline root is written out, wired from the object store'),
  D('configData ConfigMap/kubeflow/workflow-controller-configmap artifactRepository', `the artifact repository reads the object store keys from the credentials Secret; ${DEV_SECRET}`),
  D('configData ConfigMap/kubeflow/kfp-launcher providers', "providers added: the driver's built-in minio default hard-codes seaweedfs.kubeflow:9000 and mlpipeline-minio-artifact"),
];

const GLOBALS: GlobalDeliberate[] = [
  {
    name: 'sync-wave annotations added',
    reason: 'Argo CD applies the install in one sync: namespace and CRDs, then RBAC and config, then data stores, then controllers, then the UI',
    violations: (ours) => ours.filter((o) => !o.metadata?.annotations?.['argocd.argoproj.io/sync-wave']).map((o) => `${o.kind}/${o.metadata.name}`),
  },
  {
    name: 'SkipDryRunOnMissingResource on custom resources',
    reason: 'cert-manager resources may be applied in the same sync as the CRDs that define them',
    violations: (ours) => ours
      .filter((o) => String(o.apiVersion).startsWith('cert-manager.io/'))
      .filter((o) => o.metadata?.annotations?.['argocd.argoproj.io/sync-options'] !== 'SkipDryRunOnMissingResource=true')
      .map((o) => `${o.kind}/${o.metadata.name}`),
  },
  {
    name: 'resource requests on every container',
    reason: 'upstream leaves requests off seven containers (cache server, MLMD, Envoy, writer, SWF and viewer controllers)',
    violations: (ours) => ours.filter((o) => o.kind === 'Deployment').flatMap((d) => [
      ...(d.spec.template.spec.initContainers ?? []), ...d.spec.template.spec.containers,
    ].filter((c: any) => !c.resources?.requests?.cpu || !c.resources?.requests?.memory).map((c: any) => `${d.metadata.name}/${c.name}`)),
  },
  {
    name: 'resource limits on every container',
    reason: 'upstream sets no CPU or memory limit on any container; every container gets both (generous defaults, raised to any larger request), so one runaway component cannot starve the node',
    violations: (ours) => ours.filter((o) => o.kind === 'Deployment').flatMap((d) => [
      ...(d.spec.template.spec.initContainers ?? []), ...d.spec.template.spec.containers,
    ].filter((c: any) => !c.resources?.limits?.cpu || !c.resources?.limits?.memory).map((c: any) => `${d.metadata.name}/${c.name}`)),
  },
  {
    name: 'read-only root filesystem on every container',
    reason: 'upstream sets readOnlyRootFilesystem only on the Argo controller; every container we own gets it, with an emptyDir for each path its image writes (MinIO is the documented exception, docs/production.md)',
    violations: (ours) => ours.filter((o) => o.kind === 'Deployment' && o.metadata.name !== 'minio').flatMap((d) => [
      ...(d.spec.template.spec.initContainers ?? []), ...d.spec.template.spec.containers,
    ].filter((c: any) => c.securityContext?.readOnlyRootFilesystem !== true).map((c: any) => `${d.metadata.name}/${c.name}`)),
  },
  {
    name: 'Pod Security restricted for every container',
    reason: 'runAsNonRoot, seccomp RuntimeDefault, drop ALL, no privilege escalation on every pod and container we own',
    violations: (ours) => ours.filter((o) => o.kind === 'Deployment').flatMap((d) => {
      const pod = d.spec.template.spec;
      const podOk = pod.securityContext?.runAsNonRoot === true && pod.securityContext?.seccompProfile?.type === 'RuntimeDefault';
      const bad = [...(pod.initContainers ?? []), ...pod.containers].filter((c: any) =>
        c.securityContext?.allowPrivilegeEscalation !== false || !c.securityContext?.capabilities?.drop?.includes('ALL'));
      return [...(podOk ? [] : [`${d.metadata.name} (pod)`]), ...bad.map((c: any) => `${d.metadata.name}/${c.name}`)];
    }),
  },
];

/** The v1 cache server with cert-manager (certManager: true, and Kubernetes-native mode). */
const CERT_MANAGER: Deliberate[] = [
  D('missing ServiceAccount/kubeflow/kubeflow-pipelines-cache-deployer-sa', CERT_MANAGER_NOT_DEPLOYER),
  D('missing ClusterRole//kubeflow-pipelines-cache-deployer-clusterrole', CERT_MANAGER_NOT_DEPLOYER),
  D('missing ClusterRoleBinding//kubeflow-pipelines-cache-deployer-clusterrolebinding', CERT_MANAGER_NOT_DEPLOYER),
  D('missing Role/kubeflow/kubeflow-pipelines-cache-deployer-role', CERT_MANAGER_NOT_DEPLOYER),
  D('missing RoleBinding/kubeflow/kubeflow-pipelines-cache-deployer-rolebinding', CERT_MANAGER_NOT_DEPLOYER),
  D('missing Deployment/kubeflow/cache-deployer-deployment', CERT_MANAGER_NOT_DEPLOYER),
  D('extra Issuer/kubeflow/kfp-cache-selfsigned-issuer', CERT_MANAGER_NOT_DEPLOYER),
  D('extra Certificate/kubeflow/kfp-cache-cert', CERT_MANAGER_NOT_DEPLOYER),
  D('extra MutatingWebhookConfiguration//cache-webhook-kubeflow', CERT_MANAGER_NOT_DEPLOYER),
  CACHE_LP,
];

/** The default: no v1 cache webhook, so nothing needs a certificate and the install runs on any cluster. */
const NO_V1_CACHE: Deliberate[] = [
  D('missing ServiceAccount/kubeflow/kubeflow-pipelines-cache-deployer-sa', NO_V1_CACHE_REASON),
  D('missing ClusterRole//kubeflow-pipelines-cache-deployer-clusterrole', NO_V1_CACHE_REASON),
  D('missing ClusterRoleBinding//kubeflow-pipelines-cache-deployer-clusterrolebinding', NO_V1_CACHE_REASON),
  D('missing Role/kubeflow/kubeflow-pipelines-cache-deployer-role', NO_V1_CACHE_REASON),
  D('missing RoleBinding/kubeflow/kubeflow-pipelines-cache-deployer-rolebinding', NO_V1_CACHE_REASON),
  D('missing Deployment/kubeflow/cache-deployer-deployment', NO_V1_CACHE_REASON),
  D('missing Deployment/kubeflow/cache-server', NO_V1_CACHE_REASON),
  D('missing Service/kubeflow/cache-server', NO_V1_CACHE_REASON),
  D('missing ServiceAccount/kubeflow/kubeflow-pipelines-cache', NO_V1_CACHE_REASON),
  D('missing Role/kubeflow/kubeflow-pipelines-cache-role', NO_V1_CACHE_REASON),
  D('missing RoleBinding/kubeflow/kubeflow-pipelines-cache-binding', NO_V1_CACHE_REASON),
];

interface Variant {
  readonly name: string;
  readonly files: string[];
  readonly props: KubeflowPipelinesProps;
  readonly deliberate: Deliberate[];
}

const VARIANTS: Variant[] = [
  {
    name: 'Install parity',
    files: ['platform-agnostic.yaml', 'cluster-scoped-resources.yaml'],
    props: {},
    deliberate: [
      ...COMMON,
      ...NO_V1_CACHE,
      ARGO_LP,
      D('missing Secret/kubeflow/mysql-secret', DEV_SECRET),
    ],
  },
  {
    name: 'Install parity (upstream RBAC)',
    files: ['platform-agnostic.yaml', 'cluster-scoped-resources.yaml'],
    props: { rbac: InstallRbac.UPSTREAM },
    deliberate: [
      ...COMMON.filter((d) => !LEAST_PRIVILEGE.includes(d)),
      ...NO_V1_CACHE,
      D('missing Secret/kubeflow/mysql-secret', DEV_SECRET),
    ],
  },
  {
    name: 'Install parity (cert-manager)',
    files: ['platform-agnostic.yaml', 'cluster-scoped-resources.yaml'],
    props: { certManager: true },
    deliberate: [
      ...COMMON,
      ...CERT_MANAGER,
      ARGO_LP,
      D('missing Secret/kubeflow/mysql-secret', DEV_SECRET),
    ],
  },
  {
    name: 'Install parity (postgresql)',
    files: ['platform-agnostic-postgresql.yaml', 'cluster-scoped-resources.yaml'],
    props: { database: Database.postgres() },
    deliberate: [
      ...COMMON,
      ...NO_V1_CACHE,
      ARGO_LP,
      D('missing Secret/kubeflow/postgres-secret', `upstream bug: data.root_password holds the literal 'password', which is not base64, so Postgres gets garbage bytes; ${DEV_SECRET}`),
      D('missing Secret/kubeflow/postgres-secret-extended', DEV_SECRET),
      D('missing Deployment/kubeflow/metadata-postgres-db', 'ML Metadata uses database metadb on the same PostgreSQL server instead of a second server'),
      D('missing Service/kubeflow/metadata-postgres-db', 'one PostgreSQL server'),
      D('missing PersistentVolumeClaim/kubeflow/metadata-postgres', 'one PostgreSQL server'),
      D('missing Secret/kubeflow/metadata-postgres-db-secrets', 'one PostgreSQL server; credentials come from the database credentials'),
      D('missing ConfigMap/kubeflow/metadata-postgres-db-parameters', 'one PostgreSQL server; its database and port come from pipeline-install-config'),
      D('extra ConfigMap/kubeflow/postgres-init-databases', 'creates the mlpipeline, cachedb and metadb databases on first start'),
      D('configData ConfigMap/kubeflow/pipeline-install-config postgresHost', "upstream bug: postgresHost is 'postgres' but the Service is 'postgres-service'"),
      D('configData ConfigMap/kubeflow/pipeline-install-config appVersion', "upstream's postgres overlay writes a stale appVersion 2.0.0"),
      D('configData ConfigMap/kubeflow/pipeline-install-config ARTIFACT_RETENTION_DAYS', "upstream's postgres overlay drops the key; we keep -1 (keep forever) as in every other env"),
      D('configData ConfigMap/kubeflow/pipeline-install-config defaultSecurityContextHostUsers', "upstream's postgres overlay sets 'false'; we keep the other envs' '' (compiler default)"),
      D('env Deployment/kubeflow/ml-pipeline ml-pipeline-api-server', 'upstream bug: its $patch: replace env loses OBJECTSTORECONFIG_HOST/PORT (API server fails to start), V2_DRIVER_IMAGE/V2_LAUNCHER_IMAGE (runs use :latest), logging, CLUSTER_DOMAIN and DEFAULT_SECURITY_CONTEXT_*; and DB_DRIVER_NAME is read by nothing, so we add DBDRIVERNAME=pgx'),
      D('env Deployment/kubeflow/metadata-grpc-deployment container', 'MLMD reads host, port, database and credentials from pipeline-install-config and the database credentials instead of a second server\'s ConfigMap and Secret'),
    ],
  },
  {
    name: 'Install parity (k8s-native)',
    files: ['cert-manager-platform-agnostic-k8s-native.yaml', 'cluster-scoped-resources.yaml'],
    props: { pipelineStore: PipelineStore.KUBERNETES },
    deliberate: [
      ...COMMON,
      ...CERT_MANAGER,
      ARGO_LP,
      D('missing Secret/kubeflow/mysql-secret', DEV_SECRET),
    ],
  },
  {
    name: 'Install parity (cluster-wide workflow controller)',
    files: ['platform-agnostic.yaml', 'cluster-scoped-resources.yaml'],
    props: { workflowControllerScope: WorkflowControllerScope.CLUSTER },
    deliberate: [
      ...COMMON,
      ...NO_V1_CACHE,
      D('missing Secret/kubeflow/mysql-secret', DEV_SECRET),
      D('rules Role/kubeflow/argo-role', CLUSTER_ARGO),
      D('extra ClusterRole//argo-cluster-role', CLUSTER_ARGO),
      D('extra ClusterRoleBinding//argo-binding', CLUSTER_ARGO),
    ],
  },
  {
    name: 'Install parity (hardened)',
    files: ['platform-agnostic.yaml', 'cluster-scoped-resources.yaml'],
    props: {
      monitoring: {},
      backup: {},
      networkPolicies: {},
      components: { apiServer: { replicas: 2 }, ui: { replicas: 2 }, workflowController: { replicas: 2 } },
    },
    deliberate: [
      ...COMMON,
      ...NO_V1_CACHE,
      ARGO_LP,
      D('missing Secret/kubeflow/mysql-secret', DEV_SECRET),
      D('missing NetworkPolicy/kubeflow/seaweedfs', "upstream's SeaweedFS policy admits any pod of the namespace and all of istio-system; kfp-seaweedfs replaces it with precise rules"),
      ...['ml-pipeline', 'ml-pipeline-ui', 'workflow-controller'].map((n) => D(`extra PodDisruptionBudget/kubeflow/${n}`, 'every component with more than one replica gets a PodDisruptionBudget (minAvailable: replicas - 1)')),
      D('extra ServiceMonitor/kubeflow/kfp-api-server', "monitoring: the API server's /metrics on 8888 (upstream ships no monitors)"),
      D('extra PodMonitor/kubeflow/kfp-scheduledworkflow', "monitoring: the ScheduledWorkflow controller's /metrics on 9090"),
      D('extra PodMonitor/kubeflow/kfp-workflow-controller', "monitoring: Argo's /metrics on 9090 (HTTPS)"),
      D('extra PrometheusRule/kubeflow/kfp-alerts', 'monitoring: availability, run failure, backlog, metadata database and backup alerts'),
      D('extra ConfigMap/kubeflow/kfp-grafana-dashboard', 'monitoring: the Grafana dashboard, for the Grafana sidecar'),
      D('extra ServiceAccount/kubeflow/kfp-metadata-backup', 'backups: the backup Job runs as its own ServiceAccount (IRSA/workload identity for the bucket)'),
      D('extra CronJob/kubeflow/kfp-metadata-backup', 'backups: mysqldump/pg_dump to the object store on a schedule, with retention'),
      ...['default-deny', 'allow-dns', 'ml-pipeline', 'ml-pipeline-ui', 'metadata-envoy-deployment', 'metadata-grpc-deployment', 'metadata-writer',
        'ml-pipeline-persistenceagent', 'ml-pipeline-scheduledworkflow', 'ml-pipeline-viewer-crd', 'ml-pipeline-visualizationserver', 'tensorboard-viewers',
        'workflow-controller', 'mysql', 'seaweedfs', 'run-pods', 'metadata-backup', 'reconciler']
        .map((n) => D(`extra NetworkPolicy/kubeflow/kfp-${n}`, 'NetworkPolicies: default-deny in the KFP namespace plus one precise allow policy per component (upstream has only the SeaweedFS policy)')),
    ],
  },
];

function synth(props: KubeflowPipelinesProps): any[] {
  const app = Testing.app();
  const chart = new Chart(app, 'kfp-standalone');
  new KubeflowPipelines(chart, 'kfp', props);
  return chart.toJson();
}

describeConformance('the cluster-wide workflow controller has exactly the Argo RBAC of KFP 2.17.0 multi-user', () => {
  const ours = synth({ workflowControllerScope: WorkflowControllerScope.CLUSTER, rbac: InstallRbac.UPSTREAM });
  const theirs = upstream('platform-agnostic-multi-user.yaml');
  const rules = (o: any) => JSON.stringify(compareRules(o.rules));
  const pick = (objects: any[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
  const workflowController = ours.find((o) => o.kind === 'Deployment' && o.metadata.name === 'workflow-controller');
  const upstreamController = theirs.find((o) => o.kind === 'Deployment' && o.metadata.name === 'workflow-controller');

  test('argo-cluster-role, argo-role and both argo-binding bindings match upstream multi-user', () => {
    let equal = 0;
    for (const [kind, name] of [['ClusterRole', 'argo-cluster-role'], ['Role', 'argo-role']]) {
      expect(rules(pick(ours, kind, name))).toBe(rules(pick(theirs, kind, name)));
      equal++;
    }
    for (const kind of ['ClusterRoleBinding', 'RoleBinding']) {
      const a = pick(ours, kind, 'argo-binding');
      const b = pick(theirs, kind, 'argo-binding');
      expect([a.roleRef, a.subjects]).toEqual([b.roleRef, b.subjects]);
      equal++;
    }
    printScore(`Cluster-wide Argo RBAC: ${equal}/4 objects equal to KFP 2.17.0 multi-user`);
  });

  test('least privilege (the default): the same rules without pods/exec, and argo-role reads only the agent CA Secret', () => {
    const narrow = synth({ workflowControllerScope: WorkflowControllerScope.CLUSTER });
    const withoutExec = (o: any) => o.rules.map((r: any) => ({ ...r, resources: r.resources.filter((x: string) => x !== 'pods/exec') }));
    expect(compareRules(pick(narrow, 'ClusterRole', 'argo-cluster-role').rules)).toEqual(compareRules(withoutExec(pick(theirs, 'ClusterRole', 'argo-cluster-role'))));
    expect(pick(narrow, 'Role', 'argo-role').rules).toEqual([
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create', 'get', 'update'] },
      { apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['argo-workflows-agent-ca-certificates'] },
    ]);
  });

  test('the controller runs without --namespaced, as in multi-user', () => {
    const args = workflowController.spec.template.spec.containers[0].args;
    expect(args).not.toContain('--namespaced');
    expect(upstreamController.spec.template.spec.containers[0].args).not.toContain('--namespaced');
    expect(synth({}).find((o) => o.kind === 'Deployment' && o.metadata.name === 'workflow-controller').spec.template.spec.containers[0].args).toContain('--namespaced');
  });
});

/** Rules in a canonical order. */
function compareRules(rules: any[] = []): string[] {
  return rules.map((r) => JSON.stringify({
    apiGroups: [...(r.apiGroups ?? [])].sort(),
    resources: [...(r.resources ?? [])].sort(),
    resourceNames: [...(r.resourceNames ?? [])].sort(),
    verbs: [...(r.verbs ?? [])].sort(),
  })).sort();
}

describeConformance('install parity with upstream KFP 2.17.0', () => {
  for (const variant of VARIANTS) {
    describe(variant.name, () => {
      const ours = synth(variant.props);
      const theirs = variant.files.flatMap((f) => upstream(f));
      const result = compareInstall(theirs, ours, variant.deliberate, GLOBALS);

      test('every difference is deliberate and every listed difference is real', () => {
        printScore(`${variant.name}: ${result.matched}/${result.upstreamObjects} upstream objects matched, ${result.deliberate.length} deliberate differences, ${result.unexplained.length} unexplained`);
        expect(result.unexplained).toEqual([]);
        expect(result.stale).toEqual([]);
      });

      test('every object passes schema validation', async () => {
        await validateManifests(ours, { crds: CERT_MANAGER_CRDS });
      });
    });
  }
});
