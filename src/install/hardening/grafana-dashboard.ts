/**
 * The Grafana dashboard of a KFP install (pure: returns the dashboard JSON model).
 *
 * Rows: runs by state, step durations, controller queues, API latency. Step durations come from
 * kube-state-metrics (start and completion time of executor pods, whose names contain
 * `system-container-impl`), because neither KFP nor Argo exports per-step durations.
 */

/** Inputs of the dashboard. */
export interface DashboardInputs {
  /** The KFP namespace. */
  readonly namespace: string;
  /** A regular expression of the namespaces runs execute in (the KFP namespace and tenants). */
  readonly runNamespaces: string;
  /** The dashboard uid. */
  readonly uid: string;
  /** The dashboard title. */
  readonly title: string;
}

interface Target {
  expr: string;
  legend: string;
  instant?: boolean;
}

/** The dashboard JSON model. */
export function kfpDashboard(i: DashboardInputs): any {
  const ns = i.namespace;
  const argo = (metric: string, extra = '') => `${metric}{job="workflow-controller", namespace="${ns}"${extra}}`;
  const api = (metric: string, extra = '') => `${metric}{job="ml-pipeline", namespace="${ns}"${extra}}`;
  const stepPods = `namespace=~"${i.runNamespaces}", pod=~".*-system-container-impl-.*"`;
  const stepDuration = `(max by (namespace, pod) (kube_pod_completion_time{${stepPods}}) - max by (namespace, pod) (kube_pod_start_time{${stepPods}}))`;

  const panels: any[] = [];
  let id = 1;
  let y = 0;
  const row = (title: string) => {
    panels.push({ id: id++, type: 'row', title, collapsed: false, gridPos: { h: 1, w: 24, x: 0, y }, panels: [] });
    y += 1;
  };
  const panel = (title: string, type: string, targets: Target[], unit: string, x: number, w: number, extra: any = {}) => {
    panels.push({
      id: id++,
      type,
      title,
      datasource: { type: 'prometheus', uid: '${datasource}' },
      gridPos: { h: 8, w, x, y },
      fieldConfig: { defaults: { unit }, overrides: [] },
      options: type === 'timeseries' ? { legend: { displayMode: 'table', placement: 'right' }, tooltip: { mode: 'multi' } } : {},
      targets: targets.map((t, k) => ({
        refId: String.fromCharCode(65 + k),
        datasource: { type: 'prometheus', uid: '${datasource}' },
        expr: t.expr,
        legendFormat: t.legend,
        ...(t.instant ? { instant: true, range: false, format: 'table' } : {}),
      })),
      ...extra,
    });
  };

  row('Runs by state');
  panel('Workflows in the cluster by phase', 'timeseries', [{ expr: `sum by (phase) (${argo('argo_workflows_gauge')})`, legend: '{{phase}}' }], 'short', 0, 12,
    { description: 'Argo workflows (one per KFP run) currently in the cluster, by phase. Finished workflows leave after the workflow retention.' });
  panel('Runs finished per hour by phase', 'timeseries', [{ expr: `sum by (phase) (increase(${argo('argo_workflows_total_count', ', phase=~"Succeeded|Failed|Error"')}[1h]))`, legend: '{{phase}}' }], 'short', 12, 12);
  y += 8;
  panel('Run pods by phase', 'timeseries', [{ expr: `sum by (phase) (${argo('argo_workflows_pods_gauge')})`, legend: '{{phase}}' }], 'short', 0, 12);
  panel('Runs in the KFP database', 'stat', [{ expr: `max(${api('run_server_run_count')})`, legend: 'runs' }], 'short', 12, 6,
    { description: 'run_server_run_count (only counted while the API server collects metrics).' });
  panel('Recurring-run report delay (p95)', 'stat', [{ expr: `histogram_quantile(0.95, sum by (le) (rate(${api('resource_manager_recurring_run_report_gap_bucket')}[30m])))`, legend: 'p95' }], 's', 18, 6,
    { description: 'Time from a recurring run starting to the persistence agent reporting it: a rising value means the persistence agent is falling behind.' });
  y += 8;

  row('Step durations');
  panel('Step duration p50 / p95 (executor pods)', 'timeseries', [
    { expr: `quantile(0.5, ${stepDuration})`, legend: 'p50' },
    { expr: `quantile(0.95, ${stepDuration})`, legend: 'p95' },
  ], 's', 0, 12, { description: 'From kube-state-metrics pod start and completion times of the executor pods still in the cluster.' });
  panel('Slowest recent steps', 'table', [{ expr: `topk(20, ${stepDuration})`, legend: '{{namespace}}/{{pod}}', instant: true }], 's', 12, 12);
  y += 8;

  row('Controller queues');
  panel('Argo queue depth', 'timeseries', [{ expr: `sum by (queue_name) (${argo('argo_workflows_queue_depth_gauge')})`, legend: '{{queue_name}}' }], 'short', 0, 8);
  panel('ScheduledWorkflow queue size', 'timeseries', [{ expr: `max(scheduled_workflow_queue_size{job="ml-pipeline-scheduledworkflow", namespace="${ns}"})`, legend: 'queue' }], 'short', 8, 8);
  panel('Argo reconciliation duration (p95)', 'timeseries', [{ expr: `histogram_quantile(0.95, sum by (le) (rate(${argo('argo_workflows_operation_duration_seconds_bucket')}[5m])))`, legend: 'p95' }], 's', 16, 8);
  y += 8;

  row('API latency');
  panel('API latency by method (p95)', 'timeseries', [
    { expr: `histogram_quantile(0.95, sum by (le, grpc_method) (rate(${api('grpc_server_handling_seconds_bucket')}[5m])))`, legend: '{{grpc_method}}' },
  ], 's', 0, 12, { description: 'gRPC handling time (REST calls reach the same handlers through the gateway).' });
  panel('API requests by code', 'timeseries', [{ expr: `sum by (grpc_code) (rate(${api('grpc_server_handled_total')}[5m]))`, legend: '{{grpc_code}}' }], 'reqps', 12, 12);
  y += 8;

  return {
    uid: i.uid,
    title: i.title,
    tags: ['kubeflow', 'kubeflow-pipelines'],
    timezone: 'utc',
    editable: false,
    schemaVersion: 39,
    version: 1,
    refresh: '1m',
    time: { from: 'now-6h', to: 'now' },
    templating: {
      list: [{ name: 'datasource', label: 'Prometheus', type: 'datasource', query: 'prometheus', current: {}, hide: 0 }],
    },
    annotations: { list: [] },
    panels,
  };
}
