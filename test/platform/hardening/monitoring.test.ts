import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { appAndChart, find, install } from './helpers';
import { Database, KubeflowPipelines, KfpMonitoring } from '../../../src';
import { CERT_MANAGER_CRDS } from '../../install/helpers';
import { validateManifests } from '../../util/validate';

function containerPorts(deployment: any): Array<{ name?: string; containerPort: number }> {
  return deployment.spec.template.spec.containers.flatMap((c: any) => c.ports ?? []);
}

function matches(selector: any, labels: { [k: string]: string }): boolean {
  return Object.entries(selector.matchLabels).every(([k, v]) => labels[k] === v);
}

describe('KfpMonitoring', () => {
  const { objects, kfp } = install({ monitoring: { prometheusLabels: { release: 'kube-prometheus-stack' } }, backup: {} });
  const rule = find(objects, 'PrometheusRule', 'kfp-alerts');
  const alerts = rule.spec.groups.flatMap((g: any) => g.rules);
  const alert = (name: string) => alerts.find((a: any) => a.alert === name);

  test('a ServiceMonitor selects the API server Service and scrapes its named port that serves /metrics (8888)', () => {
    const sm = find(objects, 'ServiceMonitor', 'kfp-api-server');
    const svc = find(objects, 'Service', 'ml-pipeline');
    expect(matches(sm.spec.selector, svc.metadata.labels)).toBe(true);
    expect(objects.filter((o) => o.kind === 'Service' && matches(sm.spec.selector, o.metadata.labels ?? {})).map((o) => o.metadata.name)).toEqual(['ml-pipeline']);
    expect(sm.spec.namespaceSelector).toEqual({ matchNames: ['kubeflow'] });
    expect(sm.spec.endpoints).toEqual([{ port: 'http', path: '/metrics', interval: '30s' }]);
    expect(svc.spec.ports.find((p: any) => p.name === 'http')).toMatchObject({ port: 8888, targetPort: 8888 });
    expect(sm.metadata.labels.release).toBe('kube-prometheus-stack');
  });

  test('PodMonitors scrape the ScheduledWorkflow controller (9090) and the Argo workflow controller (9090, HTTPS)', () => {
    const swf = find(objects, 'PodMonitor', 'kfp-scheduledworkflow');
    const swfDeployment = find(objects, 'Deployment', 'ml-pipeline-scheduledworkflow');
    expect(matches(swf.spec.selector, swfDeployment.spec.template.metadata.labels)).toBe(true);
    expect(containerPorts(swfDeployment)).toContainEqual({ name: 'http', containerPort: 9090 });
    expect(swf.spec.podMetricsEndpoints).toEqual([{ port: 'http', path: '/metrics', interval: '30s' }]);
    expect(swf.spec.jobLabel).toBe('app');

    const wfc = find(objects, 'PodMonitor', 'kfp-workflow-controller');
    const wfcDeployment = find(objects, 'Deployment', 'workflow-controller');
    expect(matches(wfc.spec.selector, wfcDeployment.spec.template.metadata.labels)).toBe(true);
    expect(containerPorts(wfcDeployment)).toContainEqual({ name: 'metrics', containerPort: 9090 });
    expect(wfc.spec.podMetricsEndpoints).toEqual([{ port: 'metrics', path: '/metrics', scheme: 'https', tlsConfig: { insecureSkipVerify: true }, interval: '30s' }]);
  });

  test('the persistence agent serves no metrics in KFP 2.17, so it has no monitor; an alert reads kube-state-metrics instead', () => {
    expect(containerPorts(find(objects, 'Deployment', 'ml-pipeline-persistenceagent'))).toEqual([]);
    expect(objects.filter((o) => ['ServiceMonitor', 'PodMonitor'].includes(o.kind)).map((o) => o.metadata.name)).toEqual(['kfp-api-server', 'kfp-scheduledworkflow', 'kfp-workflow-controller']);
    expect(alert('KfpPersistenceAgentDown').expr).toBe('kube_deployment_status_replicas_available{namespace="kubeflow", deployment="ml-pipeline-persistenceagent"} < 1');
  });

  test('alerts: API server down, workflow controller down, high failure rate, pending backlog, metadata DB unreachable', () => {
    expect(kfp.monitoring!.alertNames).toEqual([
      'KfpApiServerDown', 'KfpWorkflowControllerDown', 'KfpScheduledWorkflowControllerDown', 'KfpPersistenceAgentDown',
      'KfpHighWorkflowFailureRate', 'KfpPendingWorkflowsBacklog', 'KfpWorkflowQueueBacklog',
      'KfpMetadataDatabaseUnreachable', 'KfpMetadataServerDown', 'KfpMetadataBackupTooOld',
    ]);
    expect(alert('KfpApiServerDown')).toMatchObject({ expr: 'absent(up{job="ml-pipeline", namespace="kubeflow"} == 1)', for: '5m', labels: { severity: 'critical' } });
    expect(alert('KfpWorkflowControllerDown').expr).toBe('absent(up{job="workflow-controller", namespace="kubeflow"} == 1)');
    expect(alert('KfpHighWorkflowFailureRate').expr).toBe(
      '(sum(increase(argo_workflows_total_count{job="workflow-controller", namespace="kubeflow", phase=~"Failed|Error"}[1h])) / '
      + 'clamp_min(sum(increase(argo_workflows_total_count{job="workflow-controller", namespace="kubeflow", phase=~"Succeeded|Failed|Error"}[1h])), 1) > 0.25) '
      + 'and (sum(increase(argo_workflows_total_count{job="workflow-controller", namespace="kubeflow", phase=~"Succeeded|Failed|Error"}[1h])) >= 5)');
    expect(alert('KfpPendingWorkflowsBacklog')).toMatchObject({ expr: 'sum(argo_workflows_gauge{job="workflow-controller", namespace="kubeflow", phase="Pending"}) > 20', for: '15m' });
    // In-cluster MySQL and no probe: its Deployment, or ML Metadata crash-looping on the connection.
    expect(alert('KfpMetadataDatabaseUnreachable').expr).toBe(
      '(kube_deployment_status_replicas_available{namespace="kubeflow", deployment="mysql"} < 1) or '
      + '(increase(kube_pod_container_status_restarts_total{namespace="kubeflow", pod=~"metadata-grpc-deployment-.*"}[15m]) > 2)');
    expect(alert('KfpMetadataBackupTooOld').expr).toBe('time() - max(kube_cronjob_status_last_successful_time{namespace="kubeflow", cronjob="kfp-metadata-backup"}) > 93600');
    for (const a of alerts) {
      expect(a.annotations.summary).toBeTruthy();
      expect(a.annotations.description).toBeTruthy();
      expect(a.labels.component).toBe('kubeflow-pipelines');
    }
  });

  test('a Grafana dashboard ConfigMap for the sidecar: runs by state, step durations, controller queue depth, API latency', () => {
    const cm = find(objects, 'ConfigMap', 'kfp-grafana-dashboard');
    expect(cm.metadata.labels.grafana_dashboard).toBe('1');
    expect(cm.metadata.annotations.grafana_folder).toBe('Kubeflow Pipelines');
    const dashboard = JSON.parse(cm.data['kubeflow-pipelines.json']);
    expect(dashboard.uid).toBe('kfp-kubeflow');
    const rows = dashboard.panels.filter((p: any) => p.type === 'row').map((p: any) => p.title);
    expect(rows).toEqual(['Runs by state', 'Step durations', 'Controller queues', 'API latency']);
    const exprs = dashboard.panels.flatMap((p: any) => (p.targets ?? []).map((t: any) => t.expr)).join('\n');
    expect(exprs).toContain('sum by (phase) (argo_workflows_gauge{job="workflow-controller", namespace="kubeflow"})');
    expect(exprs).toContain('kube_pod_completion_time{namespace=~"kubeflow", pod=~".*-system-container-impl-.*"}');
    expect(exprs).toContain('sum by (queue_name) (argo_workflows_queue_depth_gauge{job="workflow-controller", namespace="kubeflow"})');
    expect(exprs).toContain('scheduled_workflow_queue_size{job="ml-pipeline-scheduledworkflow", namespace="kubeflow"}');
    expect(exprs).toContain('histogram_quantile(0.95, sum by (le, grpc_method) (rate(grpc_server_handling_seconds_bucket{job="ml-pipeline", namespace="kubeflow"}[5m])))');
    // Panels do not overlap.
    const cells = new Set<string>();
    for (const p of dashboard.panels) {
      for (let x = p.gridPos.x; x < p.gridPos.x + p.gridPos.w; x++) {
        for (let y = p.gridPos.y; y < p.gridPos.y + p.gridPos.h; y++) {
          const key = `${x},${y}`;
          expect(cells.has(key)).toBe(false);
          cells.add(key);
        }
      }
    }
  });

  test('monitors, rules and the dashboard are schema-valid (prometheus-operator models) and sync with the controllers', async () => {
    await validateManifests(objects, { crds: CERT_MANAGER_CRDS });
    for (const kind of ['ServiceMonitor', 'PodMonitor', 'PrometheusRule']) {
      for (const o of objects.filter((x) => x.kind === kind)) {
        expect(o.apiVersion).toBe('monitoring.coreos.com/v1');
        expect(o.metadata.annotations['argocd.argoproj.io/sync-options']).toBe('SkipDryRunOnMissingResource=true');
      }
    }
  });
});

describe('KfpMonitoring: options', () => {
  test('an external database with a blackbox probe: a Probe and a direct alert', async () => {
    const { objects } = install(undefined, (chart) => ({
      database: Database.externalPostgres({ host: 'kfp.db.example.com', credentials: kplus.Secret.fromSecretName(chart, 'db', 'kfp-db') }),
      monitoring: {
        databaseProbe: { proberUrl: 'blackbox-exporter.monitoring.svc:9115' },
        alerts: { workflowFailureRatio: 0.1, pendingWorkflows: 50, pendingFor: Duration.minutes(30) },
        scrapeInterval: Duration.minutes(1),
        dashboardNamespace: 'monitoring',
        runNamespaces: ['team-a', 'team-b'],
        runbookBaseUrl: 'https://runbooks.example.com/kfp',
      },
    }));
    const probe = find(objects, 'Probe', 'kfp-metadata-db');
    expect(probe.spec).toMatchObject({ jobName: 'kfp-metadata-db', module: 'tcp_connect', prober: { url: 'blackbox-exporter.monitoring.svc:9115' }, targets: { staticConfig: { static: ['kfp.db.example.com:5432'] } } });
    const alerts = find(objects, 'PrometheusRule', 'kfp-alerts').spec.groups.flatMap((g: any) => g.rules);
    expect(alerts.find((a: any) => a.alert === 'KfpMetadataDatabaseUnreachable').expr).toBe('max(probe_success{job="kfp-metadata-db"}) == 0');
    expect(alerts.find((a: any) => a.alert === 'KfpHighWorkflowFailureRate').expr).toContain('> 0.1)');
    expect(alerts.find((a: any) => a.alert === 'KfpPendingWorkflowsBacklog')).toMatchObject({ for: '30m' });
    expect(alerts.find((a: any) => a.alert === 'KfpApiServerDown').annotations.runbook_url).toBe('https://runbooks.example.com/kfp#kfpapiserverdown');
    expect(alerts.map((a: any) => a.alert)).not.toContain('KfpMetadataBackupTooOld');
    expect(find(objects, 'ServiceMonitor', 'kfp-api-server').spec.endpoints[0].interval).toBe('1m');
    const cm = find(objects, 'ConfigMap', 'kfp-grafana-dashboard');
    expect(cm.metadata.namespace).toBe('monitoring');
    expect(cm.data['kubeflow-pipelines.json']).toContain('namespace=~\\"kubeflow|team-a|team-b\\"');
    await validateManifests(objects, { crds: CERT_MANAGER_CRDS });
  });

  test('an external database without a probe: the indirect alert, and a note saying so', () => {
    const { objects } = install(undefined, (chart) => ({
      database: Database.externalMysql({ host: 'mysql.example.com', credentials: kplus.Secret.fromSecretName(chart, 'db', 'kfp-db') }),
      monitoring: { grafanaDashboard: false },
    }));
    const alerts = find(objects, 'PrometheusRule', 'kfp-alerts').spec.groups.flatMap((g: any) => g.rules);
    expect(alerts.find((a: any) => a.alert === 'KfpMetadataDatabaseUnreachable').expr).toBe(
      'increase(kube_pod_container_status_restarts_total{namespace="kubeflow", pod=~"metadata-grpc-deployment-.*"}[15m]) > 2');
    expect(objects.filter((o) => o.kind === 'ConfigMap' && o.metadata.name === 'kfp-grafana-dashboard')).toEqual([]);
  });

  test('bad input: thresholds, labels, prober address, no install', () => {
    const { chart } = appAndChart();
    const kfp = new KubeflowPipelines(chart, 'kfp');
    expect(() => new KfpMonitoring(chart, 'm1', { kfp, alerts: { workflowFailureRatio: 1.5 } })).toThrow(
      "KfpMonitoring at 'prod/m1': alerts.workflowFailureRatio is 1.5; expected a share between 0 and 1, such as 0.25");
    expect(() => new KfpMonitoring(chart, 'm2', { kfp, alerts: { pendingWorkflows: 0 } })).toThrow(
      "KfpMonitoring at 'prod/m2': alerts.pendingWorkflows is 0; expected a whole number of at least 1");
    expect(() => new KfpMonitoring(chart, 'm3', { kfp, prometheusLabels: { 'bad key!': 'x' } })).toThrow(
      "KfpMonitoring at 'prod/m3': prometheusLabels has 'bad key!: x'; expected a valid label key and value");
    expect(() => new KfpMonitoring(chart, 'm4', { kfp, databaseProbe: { proberUrl: 'http://blackbox:9115/probe' } })).toThrow(
      "KfpMonitoring at 'prod/m4': databaseProbe.proberUrl is \"http://blackbox:9115/probe\"; expected the blackbox exporter's host:port");
    expect(() => new KfpMonitoring(chart, 'm5', { kfp, scrapeInterval: Duration.millis(500) })).toThrow(
      "KfpMonitoring at 'prod/m5': scrapeInterval is 0.5 seconds; expected a whole number of seconds of at least 1");
    expect(() => new KfpMonitoring(chart, 'm6', {} as any)).toThrow("KfpMonitoring at 'prod/m6': kfp is undefined; expected the KubeflowPipelines install to monitor");
  });
});
