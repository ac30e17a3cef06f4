import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { appAndChart, productionProps, synthError } from './helpers';
import {
  Annotations, Component, Database, KfpReconciler, KfpRun, KubeflowPipelines, KubeflowPipelinesProps, ObjectStore, Pipeline, PublishedPipeline,
  RecurringRun, RecurringRunMode, Schedule, Tenant, TenantPipelineRoot, VersionLock,
  ChecklistItem, ChecklistStatus, ProductionChecklist,
} from '../../../src';

/** A production app that passes every item; `change` adjusts the install props or adds to the chart. */
interface Change {
  readonly props?: (chart: Chart) => Partial<KubeflowPipelinesProps>;
  readonly add?: (chart: Chart, kfp: KubeflowPipelines, app: App) => void;
}

function productionApp(change: Change = {}) {
  const { app, chart, outdir } = appAndChart();
  const kfp = new KubeflowPipelines(chart, 'kfp', { ...productionProps(chart), ...(change.props?.(chart) ?? {}) });
  new Tenant(chart, 'team-a', { quota: { cpu: '8', memory: '32Gi' }, kfp, pipelineRoot: TEAM_ROOT });
  change.add?.(chart, kfp, app);
  return { app, chart, kfp, outdir, checklist: ProductionChecklist.of(app) };
}

/** The team's bucket, reached through the runner's cloud identity. */
const TEAM_ROOT = TenantPipelineRoot.s3({ bucket: 'team-a-artifacts', region: 'eu-west-1' });

function pipeline(scope: Chart, name = 'report'): Pipeline {
  const p = new Pipeline(scope, `${name}-pipeline`, { name });
  p.task('step', Component.container({ name: 'step', image: 'alpine:3.20', command: ['true'] }));
  return p;
}

function lock(outdir: string): VersionLock {
  return VersionLock.fromFile(path.join(outdir, 'lock.json'), { frozen: false });
}

const status = (checklist: ProductionChecklist, item: ChecklistItem) => checklist.evaluate().find((r) => r.item === item)!;

describe('ProductionChecklist: an app that passes', () => {
  test('synth passes, every item is green, and production-checklist.md is written next to the manifests', () => {
    const { app, outdir, checklist } = productionApp();
    expect(synthError(app)).toBeUndefined();
    const results = checklist.evaluate();
    expect(results.map((r) => [r.item.id, r.status])).toEqual([
      ['database', 'pass'], ['artifact-store', 'pass'], ['tenants', 'pass'], ['pinned-versions', 'n/a'], ['monitoring', 'pass'], ['backup', 'pass'],
      ['credentials', 'pass'], ['network-policies', 'pass'], ['disruption-budgets', 'n/a'], ['pod-security', 'pass'], ['resources', 'pass'],
      ['least-privilege', 'pass'], ['image-digests', 'pass'],
    ]);
    const md = fs.readFileSync(path.join(outdir, ProductionChecklist.FILE_NAME), 'utf8');
    expect(fs.readdirSync(outdir).sort()).toEqual(['prod.k8s.yaml', 'production-checklist.md']);
    expect(md).toContain('| # | Item | Status | Satisfied by | Details |');
    expect(md).toContain('| 5 | Monitoring is on | pass | `prod/kfp/Monitoring` | ServiceMonitor, 2 PodMonitors, 10 alerts, Grafana dashboard |');
    expect(md).toContain('| 6 | A metadata backup schedule exists | pass | `prod/kfp/Backup` | CronJob \'0 2 * * *\' to s3://acme-kfp/backups/metadata/, kept 30 days |');
    expect(md).toMatch(/Pod Security restricted: 11\/11 workloads compliant, 0 documented exceptions/);
  });

  test('`production: true` registers the checklist of the app once; ProductionChecklist.of works without it', () => {
    const { app, chart } = appAndChart();
    new KubeflowPipelines(chart, 'kfp', productionProps(chart));
    expect(ProductionChecklist.of(app)).toBe(ProductionChecklist.of(app));
    const other = appAndChart();
    new KubeflowPipelines(other.chart, 'kfp');
    expect(synthError(other.app)).toBeUndefined();
    expect(fs.existsSync(path.join(other.outdir, ProductionChecklist.FILE_NAME))).toBe(false);
    ProductionChecklist.of(other.app);
    expect(synthError(other.app)).toContain('[prod/kfp] production checklist: Metadata database is PostgreSQL or an external MySQL');
  });

  test('the report is written only after the whole app validated', () => {
    const { app, outdir } = productionApp({ props: () => ({ monitoring: undefined }) });
    expect(synthError(app)).toBeDefined();
    expect(fs.existsSync(path.join(outdir, ProductionChecklist.FILE_NAME))).toBe(false);
  });

  test('synth twice reports each failure once', () => {
    const { app } = productionApp({ props: () => ({ monitoring: undefined }) });
    synthError(app);
    expect(synthError(app)!.match(/Monitoring is on/g)).toHaveLength(1);
  });
});

describe('ProductionChecklist: each item fails synth (or warns) with the construct path', () => {
  test('database: in-cluster MySQL fails; in-cluster PostgreSQL warns', () => {
    const mysql = productionApp({ props: (c) => ({ database: Database.mysql({ credentials: kplus.Secret.fromSecretName(c, 'mysql', 'kfp-mysql') }) }) });
    expect(synthError(mysql.app)).toContain('[prod/kfp] production checklist: Metadata database is PostgreSQL or an external MySQL: the database is Database.mysql(), one MySQL pod on a ReadWriteOnce volume with no replication or point-in-time recovery; expected Database.externalPostgres(), Database.externalMysql() or Database.postgres()');
    const pg = productionApp({ props: (c) => ({ database: Database.postgres({ credentials: kplus.Secret.fromSecretName(c, 'pg', 'kfp-pg') }) }) });
    expect(synthError(pg.app)).toBeUndefined();
    expect(status(pg.checklist, ChecklistItem.DATABASE).status).toBe(ChecklistStatus.WARNING);
    expect(Annotations.warningsOf(pg.app).join('\n')).toContain('prod/kfp: production checklist: Metadata database is PostgreSQL or an external MySQL: Database.postgres() runs one PostgreSQL pod');
  });

  test('artifact store: in-cluster SeaweedFS fails', () => {
    const { app } = productionApp({ props: (c) => ({ objectStore: ObjectStore.seaweedfs({ credentials: kplus.Secret.fromSecretName(c, 's3', 'kfp-s3') }) }) });
    expect(synthError(app)).toContain('[prod/kfp] production checklist: Artifacts are in external S3 or GCS: artifacts are in ObjectStore.seaweedfs() inside the cluster (one pod on a ReadWriteOnce volume); expected ObjectStore.s3() or ObjectStore.gcs()');
  });

  test('tenants: runs in a namespace that is no Tenant fail; a Tenant without its quota fails; no Tenant at all warns', () => {
    const stray = productionApp({
      add: (chart) => new RecurringRun(chart, 'nightly', {
        pipeline: pipeline(chart), schedule: Schedule.cron('0 2 * * *'), mode: RecurringRunMode.argoCronWorkflow({ namespace: 'team-x' }),
      }),
    });
    expect(synthError(stray.app)).toContain("[prod/nightly] production checklist: Tenants have RBAC, a ResourceQuota and a LimitRange: runs a CronWorkflow in namespace 'team-x', which is neither a Tenant nor the KFP namespace (no ResourceQuota, LimitRange or least-privilege runner); expected a Tenant for 'team-x'");

    const gutted = productionApp({ add: (chart) => (chart.node.findChild('team-a').node.tryRemoveChild('ResourceQuota')) });
    expect(synthError(gutted.app)).toContain("[prod/team-a] production checklist: Tenants have RBAC, a ResourceQuota and a LimitRange: tenant 'team-a' has no ResourceQuota; expected the Tenant's own objects (do not remove them)");

    const { app, chart } = appAndChart();
    new KubeflowPipelines(chart, 'kfp', productionProps(chart));
    expect(synthError(app)).toBeUndefined();
    expect(status(ProductionChecklist.of(app), ChecklistItem.TENANTS).status).toBe(ChecklistStatus.WARNING);
  });

  test('tenants: a Tenant not connected to the install fails; in an app without an install it warns', () => {
    const loose = productionApp({ add: (chart) => new Tenant(chart, 'team-b', { quota: { cpu: '8', memory: '32Gi' }, pipelineRoot: TEAM_ROOT }) });
    expect(synthError(loose.app)).toContain("[prod/team-b] production checklist: Tenants have RBAC, a ResourceQuota and a LimitRange: tenant 'team-b' is not connected to the install at 'prod/kfp': " +
      'its Workflows never start (the Argo workflow controller does not manage the namespace) and it has no artifact repository for logs; ' +
      'expected kfp.addTenant(tenant) or new Tenant(scope, id, { kfp, ... })');

    const connectedLater = productionApp({ add: (chart, kfp) => kfp.addTenant(new Tenant(chart, 'team-b', { quota: { cpu: '8', memory: '32Gi' }, pipelineRoot: TEAM_ROOT })) });
    expect(synthError(connectedLater.app)).toBeUndefined();
    expect(status(connectedLater.checklist, ChecklistItem.TENANTS).findings.map((f) => f.message)).toEqual([
      "tenant 'team-a': runner Role, ResourceQuota, LimitRange, Pod Security 'baseline', runs on the install at 'prod/kfp'",
      "tenant 'team-b': runner Role, ResourceQuota, LimitRange, Pod Security 'baseline', runs on the install at 'prod/kfp'",
    ]);

    const { app, chart } = appAndChart();
    new Tenant(chart, 'team-c', { quota: { cpu: '8', memory: '32Gi' } });
    const checklist = ProductionChecklist.of(app);
    expect(synthError(app)).toBeUndefined();
    const r = status(checklist, ChecklistItem.TENANTS);
    expect(r.status).toBe(ChecklistStatus.WARNING);
    expect(Annotations.warningsOf(app).join('\n')).toContain("prod/team-c: production checklist: Tenants have RBAC, a ResourceQuota and a LimitRange: tenant 'team-c' is not connected to a KubeflowPipelines install in this app: " +
      "the install that runs its pipelines must manage the namespace (a cluster-wide Argo workflow controller) and the namespace needs Argo's artifact-repositories ConfigMap");
  });

  test('pinned versions: a content-hash version and a recurring run of "latest" fail; an untagged task image warns', () => {
    const { app, outdir } = appAndChart();
    const chart = app.node.findChild('prod') as Chart;
    const kfp = new KubeflowPipelines(chart, 'kfp', productionProps(chart));
    new Tenant(chart, 'team-a', { quota: { cpu: '8', memory: '32Gi' }, kfp, pipelineRoot: TEAM_ROOT });
    const p = new Pipeline(chart, 'p', { name: 'report' });
    p.task('step', Component.container({ name: 'step', image: 'alpine', command: ['true'] }));
    const published = new PublishedPipeline(chart, 'published', { pipeline: p, versionLock: lock(outdir) });
    new RecurringRun(chart, 'nightly', { pipeline: published, schedule: Schedule.cron('0 2 * * *'), reconciler: new KfpReconciler(chart, 'reconciler', {}) });
    const error = synthError(app)!;
    expect(error).toContain(`[prod/published] production checklist: Pipeline versions are pinned to tags: pipeline 'report' is published as version '${published.versionName}', named by its content hash; expected a tag (version: 'v1.4.0', e.g. from the git tag in CI)`);
    expect(error).toContain("[prod/nightly] production checklist: Pipeline versions are pinned to tags: recurring run 'nightly' runs whatever version of its pipeline is latest; expected version: published.versionName");
    expect(Annotations.warningsOf(app).join('\n')).toContain("prod/published: production checklist: Pipeline versions are pinned to tags: pipeline 'report' runs image 'alpine', which is not pinned to a tag or digest");
  });

  test('pinned versions: a tag and a pinned recurring run pass; a one-off run of "latest" warns', () => {
    const { app, chart, checklist, outdir } = productionApp();
    const published = new PublishedPipeline(chart, 'published', { pipeline: pipeline(chart), version: 'v1.2.0', versionLock: lock(outdir) });
    const reconciler = new KfpReconciler(chart, 'reconciler', {});
    new RecurringRun(chart, 'nightly', { pipeline: published, version: published.versionName, schedule: Schedule.cron('0 2 * * *'), reconciler });
    new KfpRun(chart, 'once', { pipeline: published, reconciler });
    expect(synthError(app)).toBeUndefined();
    const r = status(checklist, ChecklistItem.PINNED_VERSIONS);
    expect(r.status).toBe(ChecklistStatus.WARNING);
    expect(r.findings.map((f) => [f.constructPath, f.status])).toEqual([['prod/published', 'pass'], ['prod/nightly', 'pass'], ['prod/once', 'warning']]);
  });

  test('monitoring: an install without it fails', () => {
    const { app } = productionApp({ props: () => ({ monitoring: undefined }) });
    expect(synthError(app)).toContain("[prod/kfp] production checklist: Monitoring is on: the install at 'prod/kfp' is not monitored; expected monitoring: {} on the install (or a KfpMonitoring for it)");
  });

  test('backup: an install without a schedule fails, unless the item is waived with a reason', () => {
    const { app, outdir, checklist } = productionApp({ props: () => ({ backup: undefined }) });
    expect(synthError(app)).toContain("[prod/kfp] production checklist: A metadata backup schedule exists: the metadata database of the install at 'prod/kfp' has no backup schedule; expected backup: { schedule, retention } on the install (or a MetadataBackup for it), or waive the item if the database service backs it up");
    checklist.waive(ChecklistItem.BACKUP, 'RDS automated backups with 35 days of point-in-time recovery');
    expect(synthError(app)).toBeUndefined();
    expect(fs.readFileSync(path.join(outdir, ProductionChecklist.FILE_NAME), 'utf8')).toContain('| 6 | A metadata backup schedule exists | waived | - | waived: `prod/kfp`:');
    expect(() => checklist.waive(ChecklistItem.BACKUP, 'no')).toThrow('ProductionChecklist.waive(backup): reason is "no"; expected a sentence saying why the item does not apply (at least 10 characters)');
  });

  test('credentials: a Secret with literal data anywhere in the app fails, and so does a literal credential env value', () => {
    const { app } = productionApp({
      add: (chart, _kfp, a) => {
        const other = new Chart(a, 'apps');
        new kplus.Secret(other, 'api-token', { metadata: { name: 'api-token' }, stringData: { token: 'abc' } });
        new ApiObject(chart, 'raw', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'raw', namespace: 'kubeflow' }, data: { key: 'c2VjcmV0' } });
        new kplus.Deployment(other, 'web', {
          replicas: 1,
          containers: [{ image: 'nginx:1.27', envVariables: { DB_PASSWORD: kplus.EnvValue.fromValue('hunter2'), LOG_LEVEL: kplus.EnvValue.fromValue('info') } }],
        });
      },
    });
    const error = synthError(app)!;
    expect(error).toContain("[apps/api-token/Resource] production checklist: No literal credentials: Secret 'api-token' is written with literal data (token) in the manifests; expected Credentials.fromSecret() or Credentials.fromExternalSecret()");
    expect(error).toContain("[prod/raw] production checklist: No literal credentials: Secret 'raw' is written with literal data (key) in the manifests");
    expect(error).toMatch(/\[apps\/web\/Resource\] production checklist: No literal credentials: Deployment 'apps-web-c8[0-9a-f]+' container 'main' sets DB_PASSWORD to a literal value; expected valueFrom\.secretKeyRef/);
    expect(error).not.toContain('LOG_LEVEL');
  });

  test("credentials: the install's dev credentials fail", () => {
    const { app, chart } = appAndChart();
    new KubeflowPipelines(chart, 'kfp', { monitoring: {}, backup: {}, networkPolicies: {} });
    ProductionChecklist.of(app);
    expect(synthError(app)).toContain("[prod/kfp/DevCredentials] production checklist: No literal credentials: Secret 'kfp-dev-credentials' is written with literal data (accesskey, password, secretkey, username) in the manifests");
  });

  test('network policies: an install without them fails', () => {
    const { app } = productionApp({ props: () => ({ networkPolicies: undefined }) });
    expect(synthError(app)).toContain("[prod/kfp] production checklist: NetworkPolicies are on: the KFP namespace 'kubeflow' has no default-deny NetworkPolicies; expected networkPolicies: {} on the install (or a KfpNetworkPolicies for it)");
  });

  test('disruption budgets: any workload with replicas > 1 and no PodDisruptionBudget fails; the install makes its own', () => {
    const { app, checklist } = productionApp({
      props: () => ({ components: { apiServer: { replicas: 2 } } }),
      add: (_c, _k, a) => new kplus.Deployment(new Chart(a, 'apps'), 'web', { replicas: 3, containers: [{ image: 'nginx:1.27' }] }),
    });
    expect(synthError(app)).toMatch(/\[apps\/web\/Resource\] production checklist: PodDisruptionBudgets where replicas > 1: Deployment 'apps-web-c8[0-9a-f]+' has 3 replicas and no PodDisruptionBudget; expected a PodDisruptionBudget selecting its pods/);
    const r = status(checklist, ChecklistItem.DISRUPTION_BUDGETS);
    expect(r.findings.find((f) => f.status === ChecklistStatus.PASS)).toMatchObject({ constructPath: 'prod/kfp/ApiServer/PodDisruptionBudget', message: "Deployment 'ml-pipeline' (2 replicas): minAvailable 1" });
  });

  test('Pod Security and resources: a privileged workload without limits is risky but allowed (warnings)', () => {
    const { app, checklist } = productionApp({
      add: (_c, _k, a) => new ApiObject(new Chart(a, 'apps'), 'agent', {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: { name: 'agent', namespace: 'ops' },
        spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'agent:1', securityContext: { privileged: true } }] } } },
      }),
    });
    expect(synthError(app)).toBeUndefined();
    expect(status(checklist, ChecklistItem.POD_SECURITY).status).toBe(ChecklistStatus.WARNING);
    expect(status(checklist, ChecklistItem.RESOURCES).status).toBe(ChecklistStatus.WARNING);
    const warnings = Annotations.warningsOf(app).join('\n');
    expect(warnings).toContain('apps/agent: production checklist: Workloads meet Pod Security "restricted": DaemonSet ops/agent fails Pod Security "restricted": agent: privileged: true;');
    expect(warnings).toContain("apps/agent: production checklist: Containers have resource requests and limits: DaemonSet 'agent' has containers without resources: agent (requests.cpu, requests.memory, limits.cpu, limits.memory)");
  });

  test('bad input: the checklist needs the App; waive needs an item', () => {
    const { chart, checklist } = productionApp();
    expect(() => ProductionChecklist.of(chart as any)).toThrow("ProductionChecklist.of: got 'prod'; expected the cdk8s App (the checklist covers every chart of it)");
    expect(() => checklist.waive('backup' as any, 'managed elsewhere by the DBA team')).toThrow('ProductionChecklist.waive: item is "backup"; expected a ChecklistItem such as ChecklistItem.BACKUP');
  });
});
