/**
 * Prometheus Operator monitors, alerts and a Grafana dashboard for a KFP install.
 */
import { ApiObject, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { kfpDashboard } from './grafana-dashboard';
import { kfpRuleGroups } from './monitoring-rules';
import { Annotations } from '../../util/annotations';
import { Marker } from '../../util/marker';
import { IKubeflowPipelines } from '../kubeflow-pipelines-api';

/** A blackbox-exporter TCP probe of the metadata database (a Prometheus Operator `Probe`). */
export interface DatabaseProbe {
  /** The blackbox exporter's address, e.g. `blackbox-exporter.monitoring.svc:9115`. */
  readonly proberUrl: string;
  /**
   * The blackbox module that opens a TCP connection.
   * @default tcp_connect
   */
  readonly module?: string;
}

/** Alert thresholds. */
export interface KfpAlertThresholds {
  /**
   * Alert when more than this share (0-1) of the runs finished in the last hour failed.
   * @default 0.25
   */
  readonly workflowFailureRatio?: number;
  /**
   * ... and at least this many runs finished in that hour.
   * @default 5
   */
  readonly workflowFailureMinimumRuns?: number;
  /**
   * Alert when more workflows than this are Pending ...
   * @default 20
   */
  readonly pendingWorkflows?: number;
  /**
   * ... for this long.
   * @default 15 minutes
   */
  readonly pendingFor?: Duration;
  /**
   * Alert when Argo's workflow queue is deeper than this for 15 minutes.
   * @default 100
   */
  readonly workflowQueueDepth?: number;
  /**
   * Alert when the last successful metadata backup is older than this (only with a backup).
   * @default 26 hours
   */
  readonly backupMaxAge?: Duration;
}

/** Options of the monitoring. */
export interface KfpMonitoringOptions {
  /**
   * Labels on the ServiceMonitor, PodMonitors, Probe and PrometheusRule, for your Prometheus's
   * selectors, e.g. `{ release: 'kube-prometheus-stack' }`.
   * @default none
   */
  readonly prometheusLabels?: { [key: string]: string };
  /**
   * Scrape interval.
   * @default 30 seconds
   */
  readonly scrapeInterval?: Duration;
  /** Alert thresholds. @default see each threshold */
  readonly alerts?: KfpAlertThresholds;
  /**
   * A direct TCP probe of the metadata database through the blackbox exporter.
   * @default none: the database alert reads indirect signals (ML Metadata restarts, the in-cluster database's availability)
   */
  readonly databaseProbe?: DatabaseProbe;
  /**
   * Write the Grafana dashboard ConfigMap.
   * @default true
   */
  readonly grafanaDashboard?: boolean;
  /**
   * The namespace of the dashboard ConfigMap (where your Grafana sidecar looks).
   * @default the KFP namespace
   */
  readonly dashboardNamespace?: string;
  /**
   * Labels the Grafana sidecar selects dashboards by.
   * @default { grafana_dashboard: '1' }
   */
  readonly dashboardLabels?: { [key: string]: string };
  /**
   * The Grafana folder (the `grafana_folder` annotation the sidecar reads).
   * @default Kubeflow Pipelines
   */
  readonly dashboardFolder?: string;
  /**
   * Namespaces runs execute in besides the KFP namespace (tenants), for the step-duration panels.
   * @default the namespaces of the app's `Tenant`s are not known here: only the KFP namespace
   */
  readonly runNamespaces?: string[];
  /**
   * A base URL for the alerts' `runbook_url` annotations (the alert name, lowercased, is the anchor).
   * @default no runbook_url
   */
  readonly runbookBaseUrl?: string;
}

/** Props of `KfpMonitoring`. */
export interface KfpMonitoringProps extends KfpMonitoringOptions {
  /** The install to monitor. */
  readonly kfp: IKubeflowPipelines;
  /**
   * The name of the backup CronJob, for the backup-age alert.
   * @default no backup alert
   */
  readonly backupCronJobName?: string;
}

const MONITORING = new Marker('cdk8s-kfp.KfpMonitoring');
const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;

/**
 * Monitoring of a KFP install with the Prometheus Operator:
 * - a ServiceMonitor for the API server (`/metrics` on 8888: gRPC latency and request counts,
 *   run and pipeline counters);
 * - PodMonitors for the ScheduledWorkflow controller (9090) and the Argo workflow controller
 *   (9090, HTTPS with Argo's self-signed certificate);
 * - a PrometheusRule: API server down, workflow controller down, ScheduledWorkflow controller
 *   down, persistence agent down, high workflow failure rate, pending workflows backlog, Argo
 *   queue backlog, metadata database unreachable, ML Metadata down, backup too old;
 * - optionally a blackbox `Probe` of the database;
 * - a Grafana dashboard ConfigMap labelled for the Grafana sidecar.
 *
 * The persistence agent of KFP 2.17 serves no metrics endpoint, so it has no monitor: its
 * availability is alerted on from kube-state-metrics and its lag shows on the dashboard through
 * the API server's recurring-run report delay.
 */
export class KfpMonitoring extends Construct {
  /** Whether `x` is a `KfpMonitoring`. */
  public static isKfpMonitoring(x: any): x is KfpMonitoring {
    return MONITORING.has(x);
  }

  /** The install monitored. */
  public readonly kfp: IKubeflowPipelines;
  /** The ServiceMonitor of the API server. */
  public readonly apiServerMonitor: ApiObject;
  /** The PodMonitors (ScheduledWorkflow controller, workflow controller). */
  public readonly podMonitors: ApiObject[];
  /** The PrometheusRule. */
  public readonly rules: ApiObject;
  /** The alert names the PrometheusRule defines. */
  public readonly alertNames: string[];
  /** The Grafana dashboard ConfigMap, if written. */
  public readonly dashboard?: ApiObject;
  /** The database Probe, if configured. */
  public readonly databaseProbe?: ApiObject;

  constructor(scope: Construct, id: string, props: KfpMonitoringProps) {
    super(scope, id);
    MONITORING.mark(this);
    const where = `KfpMonitoring at '${this.node.path}'`;
    const kfp = props?.kfp;
    if (!kfp || typeof kfp.component !== 'function') {
      throw new Error(`${where}: kfp is ${String(kfp)}; expected the KubeflowPipelines install to monitor`);
    }
    this.kfp = kfp;
    const ns = kfp.namespace;
    const a = props.alerts ?? {};
    const ratio = a.workflowFailureRatio ?? 0.25;
    if (typeof ratio !== 'number' || !(ratio > 0 && ratio < 1)) {
      throw new Error(`${where}: alerts.workflowFailureRatio is ${ratio}; expected a share between 0 and 1, such as 0.25`);
    }
    const counts: Array<[string, number | undefined]> = [['alerts.workflowFailureMinimumRuns', a.workflowFailureMinimumRuns], ['alerts.pendingWorkflows', a.pendingWorkflows], ['alerts.workflowQueueDepth', a.workflowQueueDepth]];
    for (const [field, value] of counts) {
      if (value !== undefined && (!Number.isInteger(value) || value < 1)) throw new Error(`${where}: ${field} is ${value}; expected a whole number of at least 1`);
    }
    const labels = props.prometheusLabels ?? {};
    for (const [k, v] of Object.entries(labels)) {
      if (!LABEL_KEY.test(k) || typeof v !== 'string' || !LABEL_VALUE.test(v)) throw new Error(`${where}: prometheusLabels has '${k}: ${v}'; expected a valid label key and value`);
    }
    const interval = promDuration(props.scrapeInterval ?? Duration.seconds(30), where, 'scrapeInterval');
    const pendingFor = promDuration(a.pendingFor ?? Duration.minutes(15), where, 'alerts.pendingFor');
    const backupMaxAge = props.backupCronJobName ? (a.backupMaxAge ?? Duration.hours(26)).toSeconds({ integral: false }) : 0;
    if (props.backupCronJobName && !(backupMaxAge > 0)) throw new Error(`${where}: alerts.backupMaxAge is 0; expected a positive Duration such as 26 hours`);
    const meta = (name: string, namespace = ns) => ({ name, namespace, labels: { ...labels, 'app.kubernetes.io/part-of': 'kubeflow-pipelines' } });

    // The API server's Service carries `app: ml-pipeline` (added by the install for this selector).
    if (!kfp.apiServer.service) throw new Error(`${where}: the install's API server has no Service to monitor`);
    const apiServiceLabels = { app: kfp.apiServer.componentName };
    this.apiServerMonitor = new ApiObject(this, 'ApiServerMonitor', {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: meta('kfp-api-server'),
      spec: {
        selector: { matchLabels: apiServiceLabels },
        namespaceSelector: { matchNames: [ns] },
        endpoints: [{ port: 'http', path: '/metrics', interval }],
      },
    });

    const swf = kfp.scheduledWorkflowController;
    const wfc = kfp.workflowController;
    this.podMonitors = [
      new ApiObject(this, 'ScheduledWorkflowMonitor', {
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'PodMonitor',
        metadata: meta('kfp-scheduledworkflow'),
        spec: {
          jobLabel: 'app',
          selector: { matchLabels: { ...swf.podLabels } },
          namespaceSelector: { matchNames: [ns] },
          podMetricsEndpoints: [{ port: 'http', path: '/metrics', interval }],
        },
      }),
      new ApiObject(this, 'WorkflowControllerMonitor', {
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'PodMonitor',
        metadata: meta('kfp-workflow-controller'),
        spec: {
          jobLabel: 'app',
          selector: { matchLabels: { ...wfc.podLabels } },
          namespaceSelector: { matchNames: [ns] },
          // Argo >= 3.6 serves metrics over TLS with a self-signed certificate by default.
          podMetricsEndpoints: [{ port: 'metrics', path: '/metrics', scheme: 'https', tlsConfig: { insecureSkipVerify: true }, interval }],
        },
      }),
    ];

    let probeJob: string | undefined;
    if (props.databaseProbe) {
      const p = props.databaseProbe;
      if (typeof p.proberUrl !== 'string' || !/^[A-Za-z0-9.-]+(:[0-9]{1,5})?$/.test(p.proberUrl)) {
        throw new Error(`${where}: databaseProbe.proberUrl is ${JSON.stringify(p.proberUrl)}; expected the blackbox exporter's host:port, such as 'blackbox-exporter.monitoring.svc:9115'`);
      }
      const db = kfp.database;
      const host = db.inCluster ? `${db.host}.${ns}.svc` : db.host;
      probeJob = 'kfp-metadata-db';
      this.databaseProbe = new ApiObject(this, 'DatabaseProbe', {
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'Probe',
        metadata: meta('kfp-metadata-db'),
        spec: {
          jobName: probeJob,
          interval,
          module: p.module ?? 'tcp_connect',
          prober: { url: p.proberUrl },
          targets: { staticConfig: { static: [`${host}:${db.port}`], labels: { database: db.engine } } },
        },
      });
    }

    const groups = kfpRuleGroups({
      namespace: ns,
      failureRatio: ratio,
      failureMinimumRuns: a.workflowFailureMinimumRuns ?? 5,
      pendingWorkflows: a.pendingWorkflows ?? 20,
      pendingFor,
      queueDepth: a.workflowQueueDepth ?? 100,
      databaseDeployment: kfp.databaseServer?.componentName,
      databaseProbeJob: probeJob,
      backupMaxAgeSeconds: backupMaxAge,
      backupCronJob: props.backupCronJobName ?? '',
      runbookBaseUrl: props.runbookBaseUrl,
    });
    this.alertNames = groups.flatMap((g) => g.rules.map((r: any) => r.alert));
    this.rules = new ApiObject(this, 'Rules', {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: meta('kfp-alerts'),
      spec: { groups },
    });

    if (props.grafanaDashboard ?? true) {
      const dashNs = props.dashboardNamespace ?? ns;
      const runNamespaces = [ns, ...(props.runNamespaces ?? [])].map(escapeRegex).join('|');
      const dashboard = kfpDashboard({ namespace: ns, runNamespaces, uid: `kfp-${ns}`.slice(0, 40), title: `Kubeflow Pipelines (${ns})` });
      this.dashboard = new ApiObject(this, 'Dashboard', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: 'kfp-grafana-dashboard',
          namespace: dashNs,
          labels: { ...(props.dashboardLabels ?? { grafana_dashboard: '1' }), 'app.kubernetes.io/part-of': 'kubeflow-pipelines' },
          annotations: { grafana_folder: props.dashboardFolder ?? 'Kubeflow Pipelines' },
        },
        data: { 'kubeflow-pipelines.json': JSON.stringify(dashboard, undefined, 2) },
      });
    }
    kfp._annotateForArgoCd(this);
    if (!props.databaseProbe && !kfp.database.inCluster) {
      Annotations.of(this).addInfo('The metadata database alert reads indirect signals (ML Metadata restarts); set databaseProbe for a direct TCP check of the external database.');
    }
  }
}

function promDuration(d: Duration, where: string, field: string): string {
  const s = d.toSeconds({ integral: false });
  if (!(s >= 1) || !Number.isInteger(s)) throw new Error(`${where}: ${field} is ${s} seconds; expected a whole number of seconds of at least 1`);
  if (s % 3600 === 0) return `${s / 3600}h`;
  if (s % 60 === 0) return `${s / 60}m`;
  return `${s}s`;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
