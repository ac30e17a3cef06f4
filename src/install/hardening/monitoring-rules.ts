/**
 * Prometheus alerting rules for a KFP 2.17 install (pure: plain objects in, plain objects out).
 *
 * Metric sources (checked against KFP 2.17.0 and Argo Workflows v4.0.5):
 * - `up{job="ml-pipeline"}`: the API server's `/metrics` on 8888 (ServiceMonitor on Service `ml-pipeline`);
 * - `up{job="ml-pipeline-scheduledworkflow"}`: the ScheduledWorkflow controller's `/metrics` on 9090;
 * - `up{job="workflow-controller"}` and `argo_workflows_*`: Argo's `/metrics` on 9090 (HTTPS,
 *   self-signed: Argo >= 3.6 serves metrics over TLS by default); counters carry no `_total`
 *   suffix (Argo's OpenTelemetry exporter drops it), so workflow completions are
 *   `argo_workflows_total_count{phase}` and workflows by phase `argo_workflows_gauge{phase}`.
 *   The workflow's namespace is `exported_namespace`; `namespace` is the controller's;
 * - `kube_*`: kube-state-metrics (deployment availability, container restarts, CronJob status),
 *   for the parts of KFP that expose no metrics (the persistence agent, ML Metadata, the database);
 * - `probe_success`: the blackbox exporter, when a database probe is configured.
 */

/** Inputs of the rule set. */
export interface KfpRuleInputs {
  /** The KFP namespace. */
  readonly namespace: string;
  /** Fire on a failed/errored share of finished workflows above this (0-1) over an hour. */
  readonly failureRatio: number;
  /** ... when at least this many workflows finished in that hour. */
  readonly failureMinimumRuns: number;
  /** Fire when more workflows than this are Pending ... */
  readonly pendingWorkflows: number;
  /** ... for this long (Prometheus duration, e.g. `15m`). */
  readonly pendingFor: string;
  /** Fire when Argo's workflow queue is deeper than this for 15 minutes. */
  readonly queueDepth: number;
  /** The in-cluster database Deployment, if the install runs one. */
  readonly databaseDeployment?: string;
  /** The `job` label of the blackbox probe of the database, if any. */
  readonly databaseProbeJob?: string;
  /** Fire when the last successful metadata backup is older than this many seconds (0: no backup rule). */
  readonly backupMaxAgeSeconds: number;
  /** The backup CronJob's name. */
  readonly backupCronJob: string;
  /** A base URL for `runbook_url` annotations (the alert name is appended as an anchor). */
  readonly runbookBaseUrl?: string;
}

/** The alert names, in the order the rules define them. */
export const KFP_ALERTS = [
  'KfpApiServerDown',
  'KfpWorkflowControllerDown',
  'KfpScheduledWorkflowControllerDown',
  'KfpPersistenceAgentDown',
  'KfpHighWorkflowFailureRate',
  'KfpPendingWorkflowsBacklog',
  'KfpWorkflowQueueBacklog',
  'KfpMetadataDatabaseUnreachable',
  'KfpMetadataServerDown',
  'KfpMetadataBackupTooOld',
];

/** The `groups` of a PrometheusRule for the install. */
export function kfpRuleGroups(i: KfpRuleInputs): any[] {
  const ns = i.namespace;
  const sel = (job: string, extra = '') => `{job="${job}", namespace="${ns}"${extra}}`;
  const ksm = (metric: string, deployment: string) => `${metric}{namespace="${ns}", deployment="${deployment}"}`;
  const alert = (name: string, expr: string, forDuration: string, severity: string, summary: string, description: string): any => {
    const annotations: any = { summary, description };
    if (i.runbookBaseUrl) annotations.runbook_url = `${i.runbookBaseUrl}#${name.toLowerCase()}`;
    return { alert: name, expr, for: forDuration, labels: { severity, component: 'kubeflow-pipelines' }, annotations };
  };
  const argo = (metric: string, extra = '') => `${metric}${sel('workflow-controller', extra)}`;
  const finished = `sum(increase(${argo('argo_workflows_total_count', ', phase=~"Succeeded|Failed|Error"')}[1h]))`;
  const failed = `sum(increase(${argo('argo_workflows_total_count', ', phase=~"Failed|Error"')}[1h]))`;
  const mlmdRestarts = `increase(kube_pod_container_status_restarts_total{namespace="${ns}", pod=~"metadata-grpc-deployment-.*"}[15m]) > 2`;
  const mlmdDown = `${ksm('kube_deployment_status_replicas_available', 'metadata-grpc-deployment')} < 1`;

  let dbExpr: string;
  let dbDescription: string;
  if (i.databaseProbeJob) {
    dbExpr = `max(probe_success{job="${i.databaseProbeJob}"}) == 0`;
    dbDescription = 'The blackbox probe of the metadata database has failed for 5 minutes: the API server, ML Metadata and the cache server cannot reach it.';
  } else if (i.databaseDeployment) {
    dbExpr = `(${ksm('kube_deployment_status_replicas_available', i.databaseDeployment)} < 1) or (${mlmdRestarts})`;
    dbDescription = `The in-cluster database (Deployment ${i.databaseDeployment}) has no available replica, or ML Metadata keeps restarting because it cannot connect.`;
  } else {
    dbExpr = `${mlmdRestarts}`;
    dbDescription = 'ML Metadata exits when it cannot reach its database and has restarted more than twice in 15 minutes. This is indirect: set monitoring.databaseProbe for a direct TCP check of the database.';
  }

  const groups: any[] = [
    {
      name: 'kubeflow-pipelines.availability',
      rules: [
        alert('KfpApiServerDown', `absent(up${sel('ml-pipeline')} == 1)`, '5m', 'critical',
          'The KFP API server is down',
          `No ml-pipeline pod in ${ns} has answered a metrics scrape for 5 minutes: the UI, the SDK, recurring runs and run reporting are down.`),
        alert('KfpWorkflowControllerDown', `absent(up${sel('workflow-controller')} == 1)`, '5m', 'critical',
          'The Argo workflow controller is down',
          `No workflow-controller pod in ${ns} has answered a metrics scrape for 5 minutes: no pipeline run makes progress.`),
        alert('KfpScheduledWorkflowControllerDown', `absent(up${sel('ml-pipeline-scheduledworkflow')} == 1)`, '10m', 'warning',
          'The KFP ScheduledWorkflow controller is down',
          'Recurring runs are not started while it is down (missed runs are caught up or skipped per recurring run).'),
        alert('KfpPersistenceAgentDown', `${ksm('kube_deployment_status_replicas_available', 'ml-pipeline-persistenceagent')} < 1`, '10m', 'warning',
          'The KFP persistence agent is down',
          'Run states are not reported to the API server: the UI shows stale run status. (The persistence agent exposes no metrics; this reads kube-state-metrics.)'),
      ],
    },
    {
      name: 'kubeflow-pipelines.runs',
      rules: [
        alert('KfpHighWorkflowFailureRate',
          `(${failed} / clamp_min(${finished}, 1) > ${i.failureRatio}) and (${finished} >= ${i.failureMinimumRuns})`, '15m', 'warning',
          'Many pipeline runs fail',
          `More than ${Math.round(i.failureRatio * 100)}% of the pipeline runs that finished in the last hour failed or errored.`),
        alert('KfpPendingWorkflowsBacklog', `sum(${argo('argo_workflows_gauge', ', phase="Pending"')}) > ${i.pendingWorkflows}`, i.pendingFor, 'warning',
          'Pipeline runs are piling up in Pending',
          `More than ${i.pendingWorkflows} workflows have been Pending for ${i.pendingFor}: check quotas, GPU capacity and the workflow controller.`),
        alert('KfpWorkflowQueueBacklog', `max(${argo('argo_workflows_queue_depth_gauge', ', queue_name="workflow_queue"')}) > ${i.queueDepth}`, '15m', 'warning',
          'The Argo workflow controller is not keeping up',
          `Its workflow queue has held more than ${i.queueDepth} items for 15 minutes.`),
      ],
    },
    {
      name: 'kubeflow-pipelines.metadata',
      rules: [
        alert('KfpMetadataDatabaseUnreachable', dbExpr, '5m', 'critical', 'The KFP metadata database is unreachable', dbDescription),
        alert('KfpMetadataServerDown', mlmdDown, '10m', 'critical',
          'ML Metadata is down',
          'metadata-grpc-deployment has no available replica: run pods cannot record executions and artifacts, and the UI shows no lineage.'),
      ],
    },
  ];
  if (i.backupMaxAgeSeconds > 0) {
    groups[2].rules.push(alert('KfpMetadataBackupTooOld',
      `time() - max(kube_cronjob_status_last_successful_time{namespace="${ns}", cronjob="${i.backupCronJob}"}) > ${Math.round(i.backupMaxAgeSeconds)}`, '30m', 'warning',
      'The last metadata database backup is too old',
      `No backup Job of CronJob ${i.backupCronJob} has succeeded in ${Math.round(i.backupMaxAgeSeconds / 3600)} hours. See the restore runbook in docs/production.md.`));
  }
  return groups;
}
