/**
 * Runs in a tenant namespace: PipelineRun, PipelineTemplate and Argo-mode RecurringRun target a
 * Tenant (prop or namespace), run as its runner with the connected install's settings, and the
 * tenant checks their pipelines at synth. KFP-mode recurring runs can't name a tenant.
 */
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import {
  KubeflowPipelines, PipelineRun, PipelineTemplate, PublishedPipeline, RecurringRun, RecurringRunMode, Schedule, Tenant, TenantPipelineRoot,
  TenantProps, VersionLock,
} from '../../../src';
import { CERT_MANAGER_CRDS } from '../../install/helpers';
import { pipelineOf } from '../../platform/ir';
import { validateManifests } from '../../util/validate';
import { synthError, tmpDir } from '../helpers';

const ROOT = TenantPipelineRoot.s3({ bucket: 'ml-artifacts', region: 'eu-west-1' });

function platform(tenantProps: Partial<TenantProps> = {}, connect = true) {
  const app = Testing.app();
  const chart = new Chart(app, 'platform');
  const kfp = new KubeflowPipelines(chart, 'kfp', { namespace: 'kfp-system', imageRegistry: 'registry.example.com/mirror' });
  const tenant = new Tenant(chart, 'ml-team', { quota: { cpu: '8', memory: '32Gi' }, pipelineRoot: ROOT, serviceAccountName: 'ml-runner', ...(connect ? { kfp } : {}), ...tenantProps });
  const runs = new Chart(app, 'runs');
  return { app, chart, kfp, tenant, runs };
}

const small = () => pipelineOf('prep', [{ name: 'prep', cpuRequest: '1', memoryRequest: '2Gi' }]);
const huge = () => pipelineOf('train', [{ name: 'train', cpuRequest: '16', memoryRequest: '2Gi' }]);

describe('runs in a tenant namespace', () => {
  test('PipelineRun with tenant: its namespace, its runner, the connected install\'s KFP namespace and images', async () => {
    const { app, chart, runs, tenant } = platform();
    new PipelineRun(runs, 'run', { pipeline: small(), tenant });
    app.synth();
    const [wf] = Testing.synth(runs);
    expect(wf.metadata.namespace).toBe('ml-team');
    expect(wf.spec.serviceAccountName).toBe('ml-runner');
    const text = JSON.stringify(wf);
    expect(text).toContain('registry.example.com/mirror/kubeflow/kfp-driver:2.17.0');
    expect(text).toContain('registry.example.com/mirror/kubeflow/kfp-launcher:2.17.0');
    expect(text).toContain('ml-pipeline.kfp-system');
    await validateManifests([wf, ...Testing.synth(chart)], { crds: CERT_MANAGER_CRDS });
  });

  test('PipelineTemplate naming the tenant\'s namespace gets the same defaults; explicit options win', () => {
    const { app, runs } = platform();
    new PipelineTemplate(runs, 'tpl', { pipeline: small(), namespace: 'ml-team', serviceAccountName: 'other', compileOptions: { kfpNamespace: 'kubeflow' } });
    app.synth();
    const [tpl] = Testing.synth(runs);
    expect(tpl.metadata.namespace).toBe('ml-team');
    expect(tpl.spec.serviceAccountName).toBe('other');
    expect(JSON.stringify(tpl)).toContain('ml-pipeline.kubeflow');
  });

  test('the tenant checks a pipeline run there against its quota, with or without the tenant prop', () => {
    const quota = "platform/ml-team: pipeline 'train' task 'train' needs requests.cpu 16.1 in one pod, but the ResourceQuota allows 8 in the whole namespace; raise the quota to at least 16.1";
    const a = platform();
    new PipelineRun(a.runs, 'run', { pipeline: huge(), tenant: a.tenant });
    expect(synthError(a.app)).toContain(quota);
    const b = platform();
    new PipelineTemplate(b.runs, 'tpl', { pipeline: huge(), namespace: 'ml-team' });
    expect(synthError(b.app)).toContain(quota);
    const c = platform();
    new PipelineRun(new Chart(c.app, 'ns', { namespace: 'ml-team' }), 'run', { pipeline: huge() });
    expect(synthError(c.app)).toContain(quota);
    const elsewhere = platform();
    new PipelineRun(elsewhere.runs, 'run', { pipeline: huge(), namespace: 'kfp-system' });
    expect(synthError(elsewhere.app)).toBe('');
  });

  test('a run in a tenant that is not connected to the app\'s install fails synth', () => {
    const { app, runs, tenant } = platform({}, false);
    new PipelineRun(runs, 'run', { pipeline: small(), tenant });
    expect(synthError(app)).toContain(
      "runs/run: PipelineRun runs in tenant namespace 'ml-team', but tenant platform/ml-team is not connected to the install at 'platform/kfp', whose Argo workflow controller would never start it " +
      '(expected kfp.addTenant(tenant) or new Tenant(scope, id, { kfp, ... }))');
  });

  test('tenant and a different namespace, or something that is not a tenant, fail at once', () => {
    const { runs, tenant } = platform();
    expect(() => new PipelineRun(runs, 'run', { pipeline: small(), tenant, namespace: 'other' })).toThrow(
      "PipelineRun runs/run: namespace 'other' is not the namespace of tenant platform/ml-team ('ml-team'); expected no namespace, or 'ml-team'");
    expect(() => new PipelineTemplate(runs, 'tpl', { pipeline: small(), tenant: {} as any })).toThrow(
      'PipelineTemplate runs/tpl: tenant is {} (expected a Tenant)');
  });
});

describe('recurring runs in a tenant namespace', () => {
  function publish(chart: Chart, pipeline = small()): PublishedPipeline {
    return new PublishedPipeline(chart, 'published', {
      pipeline, version: 'v1', namespace: 'kfp-system', versionLock: VersionLock.fromFile(path.join(tmpDir(), 'lock.json'), { frozen: false }),
    });
  }

  test('Argo mode with tenant: the CronWorkflow in the tenant namespace, as its runner; the tenant checks the pipeline', () => {
    const { app, runs, tenant } = platform();
    const pipeline = small();
    publish(runs, pipeline);
    new RecurringRun(runs, 'nightly', { pipeline, tenant, schedule: Schedule.cron('0 3 * * *'), mode: RecurringRunMode.argoCronWorkflow() });
    app.synth();
    const cron = Testing.synth(runs).find((o) => o.kind === 'CronWorkflow');
    expect(cron.metadata.namespace).toBe('ml-team');
    expect(cron.spec.workflowSpec.serviceAccountName).toBe('ml-runner');
    expect(JSON.stringify(cron)).toContain('ml-pipeline.kfp-system');

    const over = platform();
    const big = huge();
    publish(over.runs, big);
    new RecurringRun(over.runs, 'nightly', { pipeline: big, schedule: Schedule.cron('0 3 * * *'), mode: RecurringRunMode.argoCronWorkflow({ namespace: 'ml-team' }) });
    expect(synthError(over.app)).toContain("platform/ml-team: pipeline 'train' task 'train' needs requests.cpu 16.1 in one pod");
  });

  test('KFP mode can\'t name a tenant; Argo mode can\'t name another namespace', () => {
    const { runs, tenant } = platform();
    const pipeline = small();
    publish(runs, pipeline);
    expect(() => new RecurringRun(runs, 'kfp-mode', { pipeline, tenant, schedule: Schedule.cron('0 3 * * *') })).toThrow(
      "RecurringRun 'runs/kfp-mode': tenant 'ml-team' (platform/ml-team) can't run a KFP-mode recurring run: the standalone (single-user) KFP API server starts every run in its own namespace, " +
      "never in a tenant namespace (multi-user KFP is not supported); expected mode: RecurringRunMode.argoCronWorkflow(), which runs it as an Argo CronWorkflow in 'ml-team', or no tenant");
    expect(() => new RecurringRun(runs, 'argo', { pipeline, tenant, schedule: Schedule.cron('0 3 * * *'), mode: RecurringRunMode.argoCronWorkflow({ namespace: 'kfp-system' }) })).toThrow(
      "RecurringRun 'runs/argo': argoCronWorkflow namespace 'kfp-system' is not the namespace of tenant platform/ml-team ('ml-team'); expected no argoCronWorkflow namespace, or 'ml-team'");
  });
});
