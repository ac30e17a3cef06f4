/**
 * The production checklist, checked at synth time across every chart of an app.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App } from 'cdk8s';
import { IConstruct } from 'constructs';
import { PodSecurityAudit, podSpecOf } from './pod-security';
import { RbacAudit } from './rbac-audit';
import { KfpRun } from '../../deploy/kfp-run';
import { PublishedPipeline } from '../../deploy/published-pipeline';
import { RecurringRun } from '../../deploy/recurring-run';
import { DatabaseEngine } from '../../install/database';
import { MetadataBackup } from '../../install/hardening/backup';
import { Credentials, CredentialsSource, ExternalSecret } from '../../install/hardening/credentials';
import { KfpMonitoring } from '../../install/hardening/monitoring';
import { KfpNetworkPolicies } from '../../install/hardening/network-policies';
import { hasDigest } from '../../install/image-lock';
import { KubeflowPipelines } from '../../install/kubeflow-pipelines';
import { ObjectStoreKind } from '../../install/object-store';
import { onProductionInstall } from '../../install/production-mode';
import { afterSynth } from '../../util/after-synth';
import { Annotations } from '../../util/annotations';
import { describeValue } from '../../util/describe';
import { PodSecurityLevel, Tenant } from '../tenant';

/** One item of the checklist. */
export class ChecklistItem {
  /** The metadata database is PostgreSQL or an external MySQL (not the single-pod in-cluster MySQL). */
  public static readonly DATABASE = new ChecklistItem('database', 'Metadata database is PostgreSQL or an external MySQL');
  /** Artifacts are in external S3 or GCS (not the in-cluster SeaweedFS/MinIO). */
  public static readonly ARTIFACT_STORE = new ChecklistItem('artifact-store', 'Artifacts are in external S3 or GCS');
  /** Every namespace runs execute in is a Tenant, with least-privilege RBAC, a ResourceQuota and a LimitRange, connected to the install. */
  public static readonly TENANTS = new ChecklistItem('tenants', 'Tenants have RBAC, a ResourceQuota and a LimitRange');
  /** Published pipeline versions are named by tags and recurring runs pin a version. */
  public static readonly PINNED_VERSIONS = new ChecklistItem('pinned-versions', 'Pipeline versions are pinned to tags');
  /** The install is monitored (KfpMonitoring). */
  public static readonly MONITORING = new ChecklistItem('monitoring', 'Monitoring is on');
  /** The metadata database has a backup schedule (MetadataBackup). */
  public static readonly BACKUP = new ChecklistItem('backup', 'A metadata backup schedule exists');
  /** No Secret is written with literal data, and no container gets a credential as a literal env value. */
  public static readonly CREDENTIALS = new ChecklistItem('credentials', 'No literal credentials');
  /** The KFP namespace is default-deny with precise allows (KfpNetworkPolicies). */
  public static readonly NETWORK_POLICIES = new ChecklistItem('network-policies', 'NetworkPolicies are on');
  /** Every workload with more than one replica has a PodDisruptionBudget. */
  public static readonly DISRUPTION_BUDGETS = new ChecklistItem('disruption-budgets', 'PodDisruptionBudgets where replicas > 1');
  /** Workloads meet Pod Security "restricted" or have a documented exception. */
  public static readonly POD_SECURITY = new ChecklistItem('pod-security', 'Workloads meet Pod Security "restricted"');
  /** Every container has CPU and memory requests and limits. */
  public static readonly RESOURCES = new ChecklistItem('resources', 'Containers have resource requests and limits');
  /**
   * No Role or ClusterRole of the app has a wildcard, `pods/exec`, escalate/bind/impersonate, or
   * reads Secrets without resource names.
   */
  public static readonly LEAST_PRIVILEGE = new ChecklistItem('least-privilege', 'RBAC is least privilege');
  /** Every image the install runs (and compiles into runs) is pinned by digest. */
  public static readonly IMAGE_DIGESTS = new ChecklistItem('image-digests', 'Install images are pinned by digest');

  /** Every item, in checklist order. */
  public static all(): ChecklistItem[] {
    return [
      ChecklistItem.DATABASE, ChecklistItem.ARTIFACT_STORE, ChecklistItem.TENANTS, ChecklistItem.PINNED_VERSIONS,
      ChecklistItem.MONITORING, ChecklistItem.BACKUP, ChecklistItem.CREDENTIALS, ChecklistItem.NETWORK_POLICIES,
      ChecklistItem.DISRUPTION_BUDGETS, ChecklistItem.POD_SECURITY, ChecklistItem.RESOURCES,
      ChecklistItem.LEAST_PRIVILEGE, ChecklistItem.IMAGE_DIGESTS,
    ];
  }

  /** A stable id, e.g. `backup`. */
  public readonly id: string;
  /** The item as the checklist states it. */
  public readonly title: string;

  private constructor(id: string, title: string) {
    this.id = id;
    this.title = title;
  }
}

/** The status of an item or a finding. */
export enum ChecklistStatus {
  /** Satisfied. */
  PASS = 'pass',
  /** Risky but allowed: synth prints a warning. */
  WARNING = 'warning',
  /** Not satisfied: synth fails. */
  FAIL = 'fail',
  /** Not satisfied, but waived with a reason: synth prints a warning. */
  WAIVED = 'waived',
  /** Nothing in the app that the item applies to. */
  NOT_APPLICABLE = 'n/a',
}

/** One observation about one construct. */
export interface ChecklistFinding {
  /** The item's id. */
  readonly item: string;
  /** `pass`, `warning`, `fail` or `waived`. */
  readonly status: ChecklistStatus;
  /** The construct the finding is about. */
  readonly constructPath: string;
  /** What was found and, for a failure, what is expected. */
  readonly message: string;
}

/** The verdict of one item. */
export interface ChecklistResult {
  /** The item. */
  readonly item: ChecklistItem;
  /** The worst status of its findings (`n/a` when nothing applies). */
  readonly status: ChecklistStatus;
  /** Paths of the constructs that satisfy the item. */
  readonly satisfiedBy: string[];
  /** Every finding. */
  readonly findings: ChecklistFinding[];
}

/** The checklist of each app. */
const CHECKLISTS = new WeakMap<App, ProductionChecklist>();
const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod'];
const CREDENTIAL_ENV = /(^|_)(PASSWORD|PASSWD|PWD|SECRET|SECRET_KEY|SECRETKEY|SECRET_ACCESS_KEY|TOKEN|API_KEY|APIKEY|ACCESS_KEY|ACCESSKEY|ACCESS_KEY_ID)$/i;
const ORDER = [ChecklistStatus.NOT_APPLICABLE, ChecklistStatus.PASS, ChecklistStatus.WAIVED, ChecklistStatus.WARNING, ChecklistStatus.FAIL];

/**
 * The production checklist of an app. `ProductionChecklist.of(app)` (or `production: true` on a
 * `KubeflowPipelines`) makes `app.synth()` check, across every chart:
 *
 * | item | fails synth when | warns when |
 * |---|---|---|
 * | database | in-cluster MySQL | in-cluster PostgreSQL |
 * | artifact store | in-cluster SeaweedFS/MinIO | |
 * | tenants | runs execute in a namespace that is no Tenant's; a Tenant not connected to the app's install | no Tenant; a Tenant enforces Pod Security "privileged"; a Tenant in an app without an install |
 * | pinned versions | a published version named by its content hash; a KFP-mode recurring run without a version | a one-off run without a version; a task image without a tag or `:latest` |
 * | monitoring | an install without `KfpMonitoring` | |
 * | backup | an install without `MetadataBackup` | |
 * | credentials | a Secret written with data; a credential-named env var with a literal value | |
 * | network policies | an install without `KfpNetworkPolicies` | |
 * | disruption budgets | a workload with replicas > 1 and no PodDisruptionBudget | |
 * | Pod Security | | a workload fails "restricted" without a documented exception |
 * | resources | | a container without CPU/memory requests and limits |
 * | least privilege | a Role or ClusterRole with a wildcard, `pods/exec`, escalate/bind/impersonate, or a Secret read without resourceNames | |
 * | image digests | | an image of the install pinned by tag only (no `imageLock` entry) |
 *
 * Failures are synth errors naming the construct; warnings print and synth goes on. After a
 * successful synth, `production-checklist.md` is written next to the manifests: each item, its
 * status and the constructs that satisfy it.
 */
export class ProductionChecklist {
  /** The file written next to the manifests. */
  public static readonly FILE_NAME = 'production-checklist.md';

  /** The checklist of an app (created, and registered with the app's synth, on first use). */
  public static of(app: App): ProductionChecklist {
    if (!(app instanceof App)) {
      throw new Error(`ProductionChecklist.of: got ${describeValue(app)}; expected the cdk8s App (the checklist covers every chart of it)`);
    }
    const existing = CHECKLISTS.get(app);
    if (existing) return existing;
    const checklist = new ProductionChecklist(app);
    CHECKLISTS.set(app, checklist);
    return checklist;
  }

  /** The app checked. */
  public readonly app: App;
  private readonly waivers = new Map<string, string>();
  private readonly errorsByConstruct = new Map<string, string[]>();
  private readonly hooked = new Set<IConstruct>();
  private readonly warned = new Set<string>();
  private last?: ChecklistResult[];

  private constructor(app: App) {
    this.app = app;
    // cdk8s validates constructs in pre-order, the app first: this validation runs before every
    // other and attaches each failure to the construct it is about, so synth errors name it.
    app.node.addValidation({ validate: () => this.validateApp() });
    afterSynth(app, 'production-checklist', () => this.writeReport());
  }

  /**
   * Accepts a failed item with a reason, e.g. backups done by the managed database service.
   * Its failures become warnings and the report shows the reason.
   */
  public waive(item: ChecklistItem, reason: string): void {
    if (!(item instanceof ChecklistItem)) throw new Error(`ProductionChecklist.waive: item is ${JSON.stringify(item)}; expected a ChecklistItem such as ChecklistItem.BACKUP`);
    if (typeof reason !== 'string' || reason.trim().length < 10) {
      throw new Error(`ProductionChecklist.waive(${item.id}): reason is ${JSON.stringify(reason)}; expected a sentence saying why the item does not apply (at least 10 characters)`);
    }
    this.waivers.set(item.id, reason.trim());
  }

  /** Checks every item now (synth does this; tests and tools may call it directly). */
  public evaluate(): ChecklistResult[] {
    const ctx = new Context(this.app);
    const results = ChecklistItem.all().map((item) => {
      const findings = CHECKS[item.id](ctx);
      const waiver = this.waivers.get(item.id);
      const final = findings.map((f) => (f.status === ChecklistStatus.FAIL && waiver
        ? { ...f, status: ChecklistStatus.WAIVED, message: `${f.message} (waived: ${waiver})` }
        : f));
      const initial = final.length ? ChecklistStatus.PASS : ChecklistStatus.NOT_APPLICABLE;
      const status = final.reduce((worst, f) => (ORDER.indexOf(f.status) > ORDER.indexOf(worst) ? f.status : worst), initial);
      const satisfiedBy = [...new Set(final.filter((f) => f.status === ChecklistStatus.PASS).map((f) => f.constructPath))];
      return { item, status, satisfiedBy, findings: final };
    });
    this.last = results;
    return results;
  }

  /** The report as Markdown (the content of `production-checklist.md`). */
  public toMarkdown(results: ChecklistResult[] = this.last ?? this.evaluate()): string {
    const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
    const lines = [
      '# Production checklist',
      '',
      'Generated by cdk8s-kfp when the app was synthesized. Every item is checked across all charts of the app:',
      'a failed item fails `cdk8s synth`, a warning is risky but allowed.',
      '',
      '| # | Item | Status | Satisfied by | Details |',
      '|---|---|---|---|---|',
    ];
    results.forEach((r, i) => {
      const by = r.satisfiedBy.length ? r.satisfiedBy.map((p) => `\`${p}\``).join('<br>') : '-';
      const details = r.findings.filter((f) => f.status !== ChecklistStatus.PASS).map((f) => `${f.status}: \`${f.constructPath}\`: ${f.message}`);
      const passes = r.findings.filter((f) => f.status === ChecklistStatus.PASS).map((f) => f.message);
      const text = [...details, ...passes].map(cell).join('<br>') || 'nothing in this app to check';
      lines.push(`| ${i + 1} | ${cell(r.item.title)} | ${r.status} | ${by} | ${text} |`);
    });
    const audit = PodSecurityAudit.ofObjects(new Context(this.app).workloadObjects().map((w) => w.json));
    lines.push('', audit.summary());
    const exceptions = audit.workloads.filter((w) => w.status === 'exception');
    for (const w of exceptions) lines.push(`- ${w.workload}: ${w.exception!.rules.join(', ')}: ${w.exception!.reason}`);
    lines.push('');
    return lines.join('\n');
  }

  private validateApp(): string[] {
    const results = this.evaluate();
    const rootErrors: string[] = [];
    this.errorsByConstruct.clear();
    const byPath = new Map(this.app.node.findAll().map((c) => [c.node.path, c]));
    for (const r of results) {
      for (const f of r.findings) {
        const target = byPath.get(f.constructPath);
        const message = `production checklist: ${r.item.title}: ${f.message}`;
        if (f.status === ChecklistStatus.FAIL) {
          if (!target || target === this.app) {
            rootErrors.push(message);
          } else {
            const list = this.errorsByConstruct.get(target.node.path) ?? [];
            list.push(message);
            this.errorsByConstruct.set(target.node.path, list);
            if (!this.hooked.has(target)) {
              this.hooked.add(target);
              target.node.addValidation({ validate: () => this.errorsByConstruct.get(target.node.path) ?? [] });
            }
          }
        } else if (f.status === ChecklistStatus.WARNING || f.status === ChecklistStatus.WAIVED) {
          const key = `${f.constructPath}\u0000${message}`;
          if (!this.warned.has(key)) {
            this.warned.add(key);
            Annotations.of(target ?? this.app).addWarning(message);
          }
        }
      }
    }
    return rootErrors;
  }

  private writeReport(): void {
    const results = this.last ?? this.evaluate();
    fs.mkdirSync(this.app.outdir, { recursive: true });
    fs.writeFileSync(path.join(this.app.outdir, ProductionChecklist.FILE_NAME), this.toMarkdown(results));
  }
}

/** What the checks read from the app, computed once per evaluation. */
class Context {
  public readonly all: IConstruct[];
  public readonly installs: KubeflowPipelines[];
  public readonly tenants: Tenant[];
  private objects?: Array<{ construct: ApiObject; json: any }>;

  constructor(app: App) {
    this.all = app.node.findAll();
    this.installs = this.all.filter(KubeflowPipelines.isKubeflowPipelines);
    this.tenants = this.all.filter((c) => c instanceof Tenant) as Tenant[];
  }

  /** Workload and Secret objects, as JSON (other kinds are not serialized during validation). */
  public workloadObjects(): Array<{ construct: ApiObject; json: any }> {
    if (!this.objects) {
      this.objects = [];
      for (const c of this.all) {
        if (!(c instanceof ApiObject)) continue;
        if (![...WORKLOAD_KINDS, 'Secret', 'PodDisruptionBudget', 'Role', 'ClusterRole'].includes(c.kind)) continue;
        try {
          this.objects.push({ construct: c, json: c.toJson() });
        } catch {
          // The object's own validation reports why it cannot be rendered.
        }
      }
    }
    return this.objects.filter((o) => WORKLOAD_KINDS.includes(o.json?.kind));
  }

  public objectsOfKind(kind: string): Array<{ construct: ApiObject; json: any }> {
    this.workloadObjects();
    return this.objects!.filter((o) => o.json?.kind === kind);
  }
}

type Check = (ctx: Context) => ChecklistFinding[];

const finding = (item: ChecklistItem, status: ChecklistStatus, construct: IConstruct | string, message: string): ChecklistFinding => ({
  item: item.id,
  status,
  constructPath: typeof construct === 'string' ? construct : construct.node.path,
  message,
});

const CHECKS: { [id: string]: Check } = {
  'database': (ctx) => ctx.installs.map((kfp) => {
    const db = kfp.database;
    const item = ChecklistItem.DATABASE;
    if (!db.inCluster) return finding(item, ChecklistStatus.PASS, kfp, `${db._factory} at ${db.host}:${db.port}`);
    if (db.engine === DatabaseEngine.POSTGRES) {
      return finding(item, ChecklistStatus.WARNING, kfp, 'Database.postgres() runs one PostgreSQL pod on a ReadWriteOnce volume (no replication, no point-in-time recovery); prefer Database.externalPostgres() on a managed service');
    }
    return finding(item, ChecklistStatus.FAIL, kfp, `the database is ${db._factory}, one MySQL pod on a ReadWriteOnce volume with no replication or point-in-time recovery; expected Database.externalPostgres(), Database.externalMysql() or Database.postgres()`);
  }),

  'artifact-store': (ctx) => ctx.installs.map((kfp) => {
    const store = kfp.objectStore;
    const item = ChecklistItem.ARTIFACT_STORE;
    if (store.kind === ObjectStoreKind.S3 || store.kind === ObjectStoreKind.GCS) {
      const how = store.usesWorkloadIdentity ? 'workload identity' : 'access keys';
      return finding(item, ChecklistStatus.PASS, kfp, `${store._factory} bucket ${store.bucket} (${how})`);
    }
    return finding(item, ChecklistStatus.FAIL, kfp, `artifacts are in ${store._factory} inside the cluster (one pod on a ReadWriteOnce volume); expected ObjectStore.s3() or ObjectStore.gcs()`);
  }),

  'tenants': (ctx) => {
    const item = ChecklistItem.TENANTS;
    const out: ChecklistFinding[] = [];
    const tenantNamespaces = new Set(ctx.tenants.map((t) => t.namespaceName));
    const kfpNamespaces = new Set(ctx.installs.map((k) => k.namespace));
    for (const t of ctx.tenants) {
      const missing: string[] = [];
      if (!t.node.tryFindChild('ResourceQuota')) missing.push('ResourceQuota');
      if (!t.node.tryFindChild('LimitRange')) missing.push('LimitRange');
      if (!t.node.tryFindChild('RunnerRole') || !t.node.tryFindChild('RunnerBinding')) missing.push('runner Role and RoleBinding');
      if (missing.length) {
        out.push(finding(item, ChecklistStatus.FAIL, t, `tenant '${t.namespaceName}' has no ${missing.join(', ')}; expected the Tenant's own objects (do not remove them)`));
        continue;
      }
      if (!t.kfp && ctx.installs.length > 0) {
        out.push(finding(item, ChecklistStatus.FAIL, t, `tenant '${t.namespaceName}' is not connected to the install at '${ctx.installs[0].node.path}': its Workflows never start (the Argo workflow controller does not manage the namespace) and it has no artifact repository for logs; expected kfp.addTenant(tenant) or new Tenant(scope, id, { kfp, ... })`));
        continue;
      }
      if (!t.kfp) {
        out.push(finding(item, ChecklistStatus.WARNING, t, `tenant '${t.namespaceName}' is not connected to a KubeflowPipelines install in this app: the install that runs its pipelines must manage the namespace (a cluster-wide Argo workflow controller) and the namespace needs Argo's artifact-repositories ConfigMap`));
      }
      const level = t.namespace.metadata.getLabel('pod-security.kubernetes.io/enforce');
      if (level === PodSecurityLevel.PRIVILEGED) {
        out.push(finding(item, ChecklistStatus.WARNING, t, `tenant '${t.namespaceName}' enforces Pod Security 'privileged': its runs may start privileged pods`));
      } else {
        const connected = t.kfp ? `, runs on the install at '${t.kfp.node.path}'` : '';
        out.push(finding(item, ChecklistStatus.PASS, t, `tenant '${t.namespaceName}': runner Role, ResourceQuota, LimitRange, Pod Security '${level}'${connected}`));
      }
    }
    const runNamespaces: Array<[IConstruct, string, string]> = [];
    for (const c of ctx.all) {
      if (c instanceof PublishedPipeline) runNamespaces.push([c, c.namespace, 'publishes a pipeline in']);
      if (c instanceof RecurringRun && c.cronWorkflow) runNamespaces.push([c, c.cronWorkflow.metadata.namespace ?? 'default', 'runs a CronWorkflow in']);
    }
    for (const [c, ns, what] of runNamespaces) {
      if (!tenantNamespaces.has(ns) && !kfpNamespaces.has(ns)) {
        out.push(finding(item, ChecklistStatus.FAIL, c, `${what} namespace '${ns}', which is neither a Tenant nor the KFP namespace (no ResourceQuota, LimitRange or least-privilege runner); expected a Tenant for '${ns}'`));
      }
    }
    if (ctx.tenants.length === 0 && (ctx.installs.length > 0 || runNamespaces.length > 0)) {
      out.push(finding(item, ChecklistStatus.WARNING, ctx.installs[0] ?? runNamespaces[0][0], 'no Tenant: every run shares the KFP namespace with no ResourceQuota or LimitRange'));
    }
    return out;
  },

  'pinned-versions': (ctx) => {
    const item = ChecklistItem.PINNED_VERSIONS;
    const out: ChecklistFinding[] = [];
    for (const c of ctx.all) {
      if (c instanceof PublishedPipeline) {
        if (c._versionIsHash) {
          out.push(finding(item, ChecklistStatus.FAIL, c, `pipeline '${c.kfpPipelineName}' is published as version '${c.versionName}', named by its content hash; expected a tag (version: 'v1.4.0', e.g. from the git tag in CI)`));
        } else {
          out.push(finding(item, ChecklistStatus.PASS, c, `${c.kfpPipelineName} ${c.versionName}`));
        }
        for (const image of unpinnedImages(c.toIr())) {
          out.push(finding(item, ChecklistStatus.WARNING, c, `pipeline '${c.kfpPipelineName}' runs image '${image}', which is not pinned to a tag or digest`));
        }
      } else if (c instanceof RecurringRun && !c.cronWorkflow) {
        const version = declaredVersion(c);
        if (version === null) continue;
        if (version === undefined) {
          out.push(finding(item, ChecklistStatus.FAIL, c, `recurring run '${c.recurringRunName}' runs whatever version of its pipeline is latest; expected version: published.versionName`));
        } else {
          out.push(finding(item, ChecklistStatus.PASS, c, `${c.recurringRunName} → ${version}`));
        }
      } else if (c instanceof RecurringRun) {
        out.push(finding(item, ChecklistStatus.PASS, c, `${c.recurringRunName} (Argo CronWorkflow compiled from the pipeline in git)`));
      } else if (c instanceof KfpRun) {
        const version = declaredVersion(c);
        if (version === undefined) {
          out.push(finding(item, ChecklistStatus.WARNING, c, `run '${c.runName}' runs the latest version of its pipeline at the time it is created`));
        }
      }
    }
    return out;
  },

  'monitoring': (ctx) => ctx.installs.map((kfp) => {
    const m = ctx.all.find((c) => KfpMonitoring.isKfpMonitoring(c) && c.kfp === kfp) as KfpMonitoring | undefined;
    return m
      ? finding(ChecklistItem.MONITORING, ChecklistStatus.PASS, m, `ServiceMonitor, ${m.podMonitors.length} PodMonitors, ${m.alertNames.length} alerts${m.dashboard ? ', Grafana dashboard' : ''}`)
      : finding(ChecklistItem.MONITORING, ChecklistStatus.FAIL, kfp, `the install at '${kfp.node.path}' is not monitored; expected monitoring: {} on the install (or a KfpMonitoring for it)`);
  }),

  'backup': (ctx) => ctx.installs.map((kfp) => {
    const b = ctx.all.find((c) => MetadataBackup.isMetadataBackup(c) && c.kfp === kfp) as MetadataBackup | undefined;
    return b
      ? finding(ChecklistItem.BACKUP, ChecklistStatus.PASS, b, `CronJob '${b.schedule}' to ${b.destination}, kept ${b.retention.toHumanString()}`)
      : finding(ChecklistItem.BACKUP, ChecklistStatus.FAIL, kfp, `the metadata database of the install at '${kfp.node.path}' has no backup schedule; expected backup: { schedule, retention } on the install (or a MetadataBackup for it), or waive the item if the database service backs it up`);
  }),

  'credentials': (ctx) => {
    const item = ChecklistItem.CREDENTIALS;
    const out: ChecklistFinding[] = [];
    for (const { construct, json } of ctx.objectsOfKind('Secret')) {
      const keys = [...Object.keys(json.data ?? {}), ...Object.keys(json.stringData ?? {})].sort();
      if (keys.length) {
        out.push(finding(item, ChecklistStatus.FAIL, construct, `Secret '${json.metadata?.name}' is written with literal data (${keys.join(', ')}) in the manifests; expected Credentials.fromSecret() or Credentials.fromExternalSecret()`));
      }
    }
    for (const { construct, json } of ctx.workloadObjects()) {
      const spec = podSpecOf(json);
      for (const c of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]) {
        for (const e of c.env ?? []) {
          if (typeof e.value === 'string' && e.value !== '' && !['true', 'false'].includes(e.value) && CREDENTIAL_ENV.test(e.name)) {
            out.push(finding(item, ChecklistStatus.FAIL, construct, `${json.kind} '${json.metadata?.name}' container '${c.name}' sets ${e.name} to a literal value; expected valueFrom.secretKeyRef`));
          }
        }
      }
    }
    for (const kfp of ctx.installs) {
      for (const [what, secret] of kfp._credentialSecrets) {
        const source = Credentials.sourceOf(secret);
        if (source === CredentialsSource.LITERAL) continue; // reported above, on the Secret itself
        const via = ExternalSecret.isExternalSecret(secret) ? `ExternalSecret from ${secret.store.kind} '${secret.store.name}'` : 'an existing Secret';
        out.push(finding(item, ChecklistStatus.PASS, ExternalSecret.isExternalSecret(secret) ? secret : kfp, `${what}: Secret '${secret.name}' (${via})`));
      }
    }
    for (const t of ctx.tenants) {
      const secret = t.pipelineRoot?.credentials;
      if (secret && Credentials.sourceOf(secret) !== CredentialsSource.LITERAL) {
        const via = ExternalSecret.isExternalSecret(secret) ? `ExternalSecret from ${secret.store.kind} '${secret.store.name}'` : 'an existing Secret';
        out.push(finding(item, ChecklistStatus.PASS, ExternalSecret.isExternalSecret(secret) ? secret : t, `tenant '${t.namespaceName}' artifacts: Secret '${secret.name}' (${via})`));
      }
    }
    return out;
  },

  'network-policies': (ctx) => ctx.installs.map((kfp) => {
    const n = ctx.all.find((c) => KfpNetworkPolicies.isKfpNetworkPolicies(c) && c.kfp === kfp) as KfpNetworkPolicies | undefined;
    return n
      ? finding(ChecklistItem.NETWORK_POLICIES, ChecklistStatus.PASS, n, `default-deny plus ${Object.keys(n.policies).length - 1} allow policies in '${kfp.namespace}'`)
      : finding(ChecklistItem.NETWORK_POLICIES, ChecklistStatus.FAIL, kfp, `the KFP namespace '${kfp.namespace}' has no default-deny NetworkPolicies; expected networkPolicies: {} on the install (or a KfpNetworkPolicies for it)`);
  }),

  'disruption-budgets': (ctx) => {
    const item = ChecklistItem.DISRUPTION_BUDGETS;
    const out: ChecklistFinding[] = [];
    const budgets = ctx.objectsOfKind('PodDisruptionBudget');
    for (const { construct, json } of ctx.workloadObjects()) {
      if (!['Deployment', 'StatefulSet', 'ReplicaSet'].includes(json.kind)) continue;
      const replicas = json.spec?.replicas ?? 1;
      if (!(replicas > 1)) continue;
      const podLabels = json.spec?.template?.metadata?.labels ?? {};
      const ns = json.metadata?.namespace;
      const pdb = budgets.find((b) => b.json.metadata?.namespace === ns && selects(b.json.spec?.selector, podLabels));
      if (pdb) {
        out.push(finding(item, ChecklistStatus.PASS, pdb.construct, `${json.kind} '${json.metadata?.name}' (${replicas} replicas): minAvailable ${pdb.json.spec?.minAvailable ?? '-'}${pdb.json.spec?.maxUnavailable !== undefined ? `, maxUnavailable ${pdb.json.spec.maxUnavailable}` : ''}`));
      } else {
        out.push(finding(item, ChecklistStatus.FAIL, construct, `${json.kind} '${json.metadata?.name}' has ${replicas} replicas and no PodDisruptionBudget; expected a PodDisruptionBudget selecting its pods`));
      }
    }
    return out;
  },

  'pod-security': (ctx) => {
    const item = ChecklistItem.POD_SECURITY;
    return ctx.workloadObjects().flatMap(({ construct, json }) => PodSecurityAudit.ofObjects([json]).workloads.map((w) => {
      if (w.status === 'compliant') return finding(item, ChecklistStatus.PASS, construct, `${w.workload}`);
      if (w.status === 'exception') return finding(item, ChecklistStatus.PASS, construct, `${w.workload} (documented exception: ${w.exception!.rules.join(', ')})`);
      return finding(item, ChecklistStatus.WARNING, construct, `${w.workload} fails Pod Security "restricted": ${w.uncovered.map((v) => `${v.container ? `${v.container}: ` : ''}${v.detail}`).join('; ')}`);
    }));
  },

  'resources': (ctx) => {
    const item = ChecklistItem.RESOURCES;
    const out: ChecklistFinding[] = [];
    for (const { construct, json } of ctx.workloadObjects()) {
      const spec = podSpecOf(json);
      const missing: string[] = [];
      for (const c of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]) {
        const r = c.resources ?? {};
        const lacks = [['requests', 'cpu'], ['requests', 'memory'], ['limits', 'cpu'], ['limits', 'memory']].filter(([k, res]) => r[k]?.[res] === undefined).map(([k, res]) => `${k}.${res}`);
        if (lacks.length) missing.push(`${c.name} (${lacks.join(', ')})`);
      }
      if (missing.length) out.push(finding(item, ChecklistStatus.WARNING, construct, `${json.kind} '${json.metadata?.name}' has containers without resources: ${missing.join('; ')}`));
    }
    if (out.length === 0 && ctx.workloadObjects().length) out.push(finding(item, ChecklistStatus.PASS, ctx.installs[0] ?? ctx.workloadObjects()[0].construct, `${ctx.workloadObjects().length} workloads`));
    return out;
  },
};

const CATEGORY_EXPECTED: { [category: string]: string } = {
  'wildcard': 'name each API group, resource and verb',
  'exec': 'no pods/exec or pods/attach (for the install: InstallRbac.leastPrivilege() without terminateRunningSteps)',
  'escalation': 'no escalate, bind or impersonate',
  'secret-read': 'resourceNames on every Secret rule',
};

CHECKS['least-privilege'] = (ctx) => {
  const item = ChecklistItem.LEAST_PRIVILEGE;
  const roles = ctx.objectsOfKind('Role').concat(ctx.objectsOfKind('ClusterRole'));
  const out: ChecklistFinding[] = [];
  for (const { construct, json } of roles) {
    for (const f of RbacAudit.ofObjects([json]).findings) {
      out.push(finding(item, ChecklistStatus.FAIL, construct, `${f.role} grants ${f.rule}: ${f.detail}; expected ${CATEGORY_EXPECTED[f.category]}, or waive the item with the reason`));
    }
  }
  if (out.length === 0 && roles.length) {
    const audit = RbacAudit.ofObjects(roles.map((r) => r.json));
    out.push(finding(item, ChecklistStatus.PASS, ctx.installs[0] ?? roles[0].construct, audit.summary()));
  }
  return out;
};

CHECKS['image-digests'] = (ctx) => ctx.installs.map((kfp) => {
  const item = ChecklistItem.IMAGE_DIGESTS;
  const images = new Set<string>([kfp.images.driver, kfp.images.launcher, kfp.images.argoExecutor, kfp.images.cacheHit]);
  const prefix = `${kfp.node.path}/`;
  for (const { construct, json } of ctx.workloadObjects()) {
    if (!construct.node.path.startsWith(prefix)) continue;
    const spec = podSpecOf(json);
    for (const c of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]) images.add(c.image);
  }
  const unpinned = [...images].filter((i) => typeof i === 'string' && !hasDigest(i)).sort();
  if (unpinned.length) {
    return finding(item, ChecklistStatus.WARNING, kfp, `${unpinned.length} of ${images.size} images of the install are pinned by tag only (${unpinned.join(', ')}); a tag can be moved to other content. Expected imageLock: ImageLock.fromFile('${'images.lock.json'}') with their sha256 digests, written by CI`);
  }
  return finding(item, ChecklistStatus.PASS, kfp, `${images.size} images pinned by digest`);
});

/** Whether a label selector selects pods with these labels. */
function selects(selector: any, labels: { [k: string]: string }): boolean {
  if (!selector) return false;
  const ml = selector.matchLabels ?? {};
  if (!Object.entries(ml).every(([k, v]) => labels[k] === v)) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
    if (e.operator === 'In' && !(has && e.values.includes(labels[e.key]))) return false;
    if (e.operator === 'NotIn' && has && e.values.includes(labels[e.key])) return false;
  }
  return Object.keys(ml).length > 0 || (selector.matchExpressions ?? []).length > 0;
}

/** The version a run declares: the name, `undefined` for "latest", `null` when it cannot be read yet. */
function declaredVersion(run: RecurringRun | KfpRun): string | undefined | null {
  try {
    return run._declaration().version ?? undefined;
  } catch {
    return null;
  }
}

/** Container images in an IR that have no tag or digest, or use `:latest`. */
function unpinnedImages(ir: any): string[] {
  const out = new Set<string>();
  const executors = ir?.deploymentSpec?.executors ?? {};
  for (const e of Object.values<any>(executors)) {
    const image: unknown = e?.container?.image;
    if (typeof image !== 'string' || image.includes('{{')) continue;
    const name = image.split('@')[0];
    const lastSegment = name.slice(name.lastIndexOf('/') + 1);
    if (image.includes('@sha256:')) continue;
    if (!lastSegment.includes(':') || lastSegment.endsWith(':latest')) out.add(image);
  }
  return [...out].sort();
}

// `production: true` on an install checks the checklist of its app (the install can't import
// this module: it sits below it).
onProductionInstall((kfp) => {
  const app = App.of(kfp);
  if (app instanceof App) ProductionChecklist.of(app);
});
