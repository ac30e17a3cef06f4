// The production example: KFP 2.17.0 on EKS, passing every item of the production checklist.
// - an external PostgreSQL (RDS) whose credentials External Secrets Operator reads from Vault;
// - artifacts in S3 through IRSA (no keys anywhere);
// - monitoring (ServiceMonitor, PodMonitors, alerts, Grafana dashboard), nightly metadata backups
//   to a separate bucket, default-deny NetworkPolicies, and several replicas with
//   PodDisruptionBudgets and zone spreading for every stateless component;
// - two teams with GPU quotas on a Karpenter pool, one reaching its own bucket with keys from Vault,
//   both connected to the install (their pipelines run in their namespaces) and default-deny;
// - a data-quality pipeline published as version v1.5.0 and scheduled nightly, pinned to that version.
// `cdk8s synth` writes kfp-production.k8s.yaml, nightly-data-quality.pipeline.yaml and
// production-checklist.md: every item green but image digests, which warns until CI commits an
// images.lock.json and passes it as imageLock: ImageLock.fromFile(...) (docs/production.md).
// The install's Roles are least privilege (no wildcard, no pods/exec, Secrets by name), every
// container has a read-only root, and the namespace enforces Pod Security "restricted".
import * as path from 'path';
import { App, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  Credentials, Database, GpuAccelerator, GpuNodePool, KarpenterNodeClass, KfpReconciler, KubeflowPipelines, NetworkPeer, ObjectStore,
  PipelineStore, ProductionChecklist, PublishedPipeline, RecurringRun, Schedule, SecretStoreRef, Tenant, TenantPipelineRoot, VersionLock,
} from '../../src';
import { addDataQualityPipeline } from './pipeline';

/** Options of the example (tests use their own lock file). */
export interface ProductionOptions {
  /** @default the kfp-versions.lock.json committed next to this file */
  readonly versionLock?: VersionLock;
}

/** What the example builds, for tests. */
export interface ProductionExample {
  readonly chart: Chart;
  readonly kfp: KubeflowPipelines;
  readonly tenants: Tenant[];
  readonly checklist: ProductionChecklist;
}

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';

/** Adds the example's chart to an app. */
export function buildProductionApp(app: App, options: ProductionOptions = {}): ProductionExample {
  const chart = new Chart(app, 'kfp-production');

  // Every credential comes from Vault through External Secrets Operator.
  const vault = SecretStoreRef.vault('vault-backend', { clusterWide: true });
  const dbCredentials = Credentials.fromExternalSecret(chart, 'kfp-db-credentials', {
    store: vault,
    namespace: 'kubeflow',
    secretName: 'kfp-postgres-credentials',
    data: [
      { secretKey: 'username', remoteKey: 'ml-platform/kfp/postgres', property: 'username' },
      { secretKey: 'password', remoteKey: 'ml-platform/kfp/postgres', property: 'password' },
    ],
  });

  const kfp = new KubeflowPipelines(chart, 'kfp', {
    production: true,
    database: Database.externalPostgres({ host: 'kfp.cluster-abc123.eu-west-1.rds.amazonaws.com', credentials: dbCredentials.secret }),
    objectStore: ObjectStore.s3({
      bucket: 'acme-kfp-artifacts',
      region: REGION,
      serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': `arn:aws:iam::${ACCOUNT}:role/kfp-artifacts` },
    }),
    // PublishedPipeline writes Pipeline/PipelineVersion objects: KFP's Kubernetes-native store.
    pipelineStore: PipelineStore.KUBERNETES,
    components: {
      apiServer: { replicas: 3 },
      ui: { replicas: 2 },
      metadataGrpcServer: { replicas: 2 },
      metadataEnvoy: { replicas: 2 },
      visualizationServer: { replicas: 2 },
      cacheServer: { replicas: 2 },
      workflowController: { replicas: 2 }, // leader election: one active, one hot standby
    },
    topologySpread: { requireDistinctNodes: true },
    monitoring: {
      prometheusLabels: { release: 'kube-prometheus-stack' },
      databaseProbe: { proberUrl: 'prometheus-blackbox-exporter.monitoring.svc:9115' },
      dashboardNamespace: 'monitoring',
      runNamespaces: ['team-vision', 'team-nlp'],
    },
    backup: {
      schedule: '30 1 * * *',
      timeZone: 'Europe/Paris',
      retention: Duration.days(35),
      bucket: 'acme-kfp-backups',
    },
    networkPolicies: {
      uiIngressFrom: [NetworkPeer.namespace('ingress-nginx')],
      kubeApiServer: { cidrs: ['10.0.0.0/16'], ports: [443] },
      databaseCidrs: ['10.0.32.0/20'],
    },
    workflowRetention: Duration.hours(6),
  });

  // GPU nodes for the teams (Bottlerocket NVIDIA AMIs run the device plugin themselves).
  const a10g = GpuNodePool.karpenter(chart, 'gpu-a10g', {
    name: 'gpu-a10g',
    accelerators: [GpuAccelerator.NVIDIA_A10G],
    gpusPerNode: 1,
    nodeClass: KarpenterNodeClass.ec2NodeClass('bottlerocket-nvidia'),
    limits: { gpus: 16 },
  });

  // Team vision: artifacts under its prefix of the install's bucket, through its own IAM role.
  // `kfp` connects each tenant: the workflow controller becomes cluster-wide and manages the
  // namespace, Argo archives the team's logs in the team's bucket (artifact-repositories), and the
  // install's NetworkPolicies admit the team's run pods; `networkPolicies` makes the team's
  // namespace default-deny too.
  const vision = new Tenant(chart, 'team-vision', {
    kfp,
    networkPolicies: {},
    quota: { cpu: '64', memory: '256Gi', cpuLimit: '128', memoryLimit: '512Gi', gpus: 8, pods: 200 },
    gpuPools: [a10g],
    pipelineRoot: TenantPipelineRoot.fromObjectStore(kfp.objectStore, { kfpNamespace: kfp.namespace }),
    serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': `arn:aws:iam::${ACCOUNT}:role/team-vision-pipelines` },
  });
  vision.grantEdit(kplus.Group.fromName(chart, 'vision-engineers', 'team-vision'));

  // Team NLP: its own bucket, with access keys that External Secrets reads from Vault into its namespace.
  const nlpKeys = Credentials.fromExternalSecret(chart, 'team-nlp-s3', {
    store: vault,
    namespace: 'team-nlp',
    secretName: 'team-nlp-s3',
    data: [
      { secretKey: 'AWS_ACCESS_KEY_ID', remoteKey: 'ml-platform/teams/nlp/s3', property: 'access_key_id' },
      { secretKey: 'AWS_SECRET_ACCESS_KEY', remoteKey: 'ml-platform/teams/nlp/s3', property: 'secret_access_key' },
    ],
  });
  const nlp = new Tenant(chart, 'team-nlp', {
    kfp,
    networkPolicies: {},
    quota: { cpu: '32', memory: '128Gi', cpuLimit: '64', memoryLimit: '256Gi', gpus: 4, pods: 100 },
    gpuPools: [a10g],
    pipelineRoot: TenantPipelineRoot.s3({ bucket: 'acme-nlp-artifacts', region: REGION, endpoint: `s3.${REGION}.amazonaws.com`, credentials: nlpKeys.secret }),
  });
  nlp.grantEdit(kplus.Group.fromName(chart, 'nlp-engineers', 'team-nlp'));

  // A pipeline published under a git tag and a nightly recurring run pinned to that version.
  const dataQuality = addDataQualityPipeline(chart, 'data-quality');
  const published = new PublishedPipeline(chart, 'published', {
    pipeline: dataQuality,
    namespace: kfp.namespace,
    version: 'v1.5.0',
    codeSourceUrl: 'https://git.example.com/ml-platform/pipelines/tree/v1.5.0/data-quality',
    versionLock: options.versionLock ?? VersionLock.fromFile(path.join(__dirname, 'kfp-versions.lock.json')),
  });
  const reconciler = new KfpReconciler(chart, 'reconciler', {
    namespace: kfp.namespace,
    name: 'production-reconciler',
    apiUrl: `http://${kfp.apiServerHost}:${kfp.apiServerHttpPort}`,
  });
  new RecurringRun(chart, 'nightly', {
    pipeline: published,
    version: published.versionName,
    recurringRunName: 'data-quality-nightly',
    schedule: Schedule.cron('0 3 * * *'),
    experiment: 'data-quality',
    reconciler,
  });

  return { chart, kfp, tenants: [vision, nlp], checklist: ProductionChecklist.of(app) };
}
