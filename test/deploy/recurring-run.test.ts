import * as path from 'path';
import { Chart, Cron, Duration, Size, Testing } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-28';
import { appAndChart, sumPipeline, synthApp, synthError, tmpDir, typedPipeline } from './helpers';
import { KfpRun } from '../../src/deploy/kfp-run';
import { PublishedPipeline } from '../../src/deploy/published-pipeline';
import { KfpApiAuth, KfpReconciler } from '../../src/deploy/reconciler/kfp-reconciler';
import { RecurringRun, RecurringRunMode } from '../../src/deploy/recurring-run';
import { Schedule } from '../../src/deploy/schedule';
import { VersionLock } from '../../src/deploy/version-lock';
import { IPipelineSource } from '../../src/pipeline/source';
import { validateManifests } from '../util/validate';

const nightly = () => Schedule.cron('0 2 * * *');

function publish(chart: Chart, pipeline: IPipelineSource = typedPipeline(), extra: any = {}): PublishedPipeline {
  return new PublishedPipeline(chart, 'published', {
    pipeline, version: 'v1', versionLock: VersionLock.fromFile(path.join(tmpDir(), 'lock.json'), { frozen: false }), ...extra,
  });
}

function config(objects: any[]): any {
  return JSON.parse(objects.find((o) => o.kind === 'ConfigMap').data['config.json']);
}

describe('RecurringRun (KFP mode)', () => {
  test('declares the recurring run to a reconciler; every object is schema-valid', async () => {
    const { app, chart } = appAndChart('gitops');
    const published = publish(chart);
    new RecurringRun(chart, 'nightly', {
      pipeline: published,
      schedule: Schedule.cron('0 2 * * *', { startTime: new Date('2026-01-01T00:00:00Z') }),
      experiment: 'nightly',
      experimentDescription: 'Nightly runs',
      parameters: { message: 'hi', epochs: 5, rate: 0.5, dry_run: true, items: [1, 2], config: { a: 1 } },
      description: 'The nightly run',
      maxConcurrency: 2,
      noCatchup: false,
      serviceAccount: 'pipeline-runner',
      pipelineRoot: 's3://bucket/root',
    });
    const objects = synthApp(app);
    expect(objects.map((o) => o.kind)).toEqual(['Pipeline', 'PipelineVersion', 'ServiceAccount', 'ConfigMap', 'Job', 'CronJob']);
    await validateManifests(objects);
    expect(config(objects)).toEqual({
      owner: 'kubeflow/kfp-reconciler',
      namespace: 'kubeflow',
      prune: true,
      recurringRuns: [{
        name: 'nightly',
        description: 'The nightly run',
        pipelineName: 'typed-pipeline',
        pipelineNamespace: 'kubeflow',
        experiment: 'nightly',
        experimentDescription: 'Nightly runs',
        parameters: { message: 'hi', epochs: 5, rate: 0.5, dry_run: true, items: [1, 2], config: { a: 1 } },
        pipelineRoot: 's3://bucket/root',
        serviceAccount: 'pipeline-runner',
        trigger: { cron_schedule: { cron: '0 0 2 * * *', start_time: '2026-01-01T00:00:00Z' } },
        maxConcurrency: 2,
        noCatchup: false,
        enabled: true,
        specHash: expect.stringMatching(/^[0-9a-f]{16}$/),
      }],
      runs: [],
    });
  });

  test('finds the pipeline published by another chart, by source or by name, or declared by an import', () => {
    const { app, chart } = appAndChart('pipelines');
    const schedules = new Chart(app, 'schedules');
    const pipeline = typedPipeline();
    publish(chart, pipeline, { namespace: 'team-a', name: 'typed' });
    new RecurringRun(schedules, 'by-source', { pipeline, schedule: nightly(), parameters: { message: 'a' } });
    new RecurringRun(schedules, 'by-name', { pipelineName: 'typed', schedule: nightly(), parameters: { message: 'b' } });
    PublishedPipeline.fromPipelineName(schedules, 'uploaded', 'uploaded-by-hand', { namespace: 'team-a' });
    new RecurringRun(schedules, 'imported', { pipelineName: 'uploaded-by-hand', schedule: nightly(), parameters: { anything: 1 } });
    const objects = synthApp(app);
    const runs = config(objects).recurringRuns;
    expect(runs.map((r: any) => [r.name, r.pipelineName, r.pipelineNamespace])).toEqual([
      ['by-name', 'typed', 'team-a'], ['by-source', 'typed', 'team-a'], ['imported', 'uploaded-by-hand', 'team-a'],
    ]);
  });

  test('version: latest by default, or pinned', () => {
    const { app, chart } = appAndChart();
    const published = publish(chart);
    new RecurringRun(chart, 'latest', { pipeline: published, schedule: nightly(), parameters: { message: 'x' } });
    new RecurringRun(chart, 'pinned', { pipeline: published, version: published.versionName, schedule: nightly(), parameters: { message: 'x' } });
    // An older version: its IR is not in the app, so its parameters cannot be checked.
    new RecurringRun(chart, 'older', { pipeline: published, version: 'v0', schedule: nightly(), parameters: { whatever: 1 } });
    const runs = config(synthApp(app)).recurringRuns;
    expect(runs.map((r: any) => [r.name, r.version])).toEqual([['latest', undefined], ['older', 'v0'], ['pinned', 'v1']]);
  });

  test('the spec hash follows the spec but not enabled', () => {
    const hash = (extra: any) => {
      const { app, chart } = appAndChart();
      const published = publish(chart);
      new RecurringRun(chart, 'r', { pipeline: published, schedule: nightly(), parameters: { message: 'x' }, ...extra });
      return config(synthApp(app)).recurringRuns[0].specHash;
    };
    const base = hash({});
    expect(hash({})).toBe(base);
    expect(hash({ enabled: false })).toBe(base);
    expect(hash({ experimentDescription: 'only used on create' })).toBe(base);
    expect(hash({ schedule: Schedule.cron('0 3 * * *') })).not.toBe(base);
    expect(hash({ parameters: { message: 'y' } })).not.toBe(base);
    expect(hash({ maxConcurrency: 3 })).not.toBe(base);
    expect(hash({ noCatchup: false })).not.toBe(base);
    expect(hash({ serviceAccount: 'sa' })).not.toBe(base);
  });

  test('recurringRunName, interval schedules and disabled runs', () => {
    const { app, chart } = appAndChart();
    const published = publish(chart);
    new RecurringRun(chart, 'r', {
      pipeline: published,
      recurringRunName: 'Typed every 6h',
      schedule: Schedule.interval(Duration.hours(6)),
      enabled: false,
      parameters: { message: 'x' },
    });
    const [run] = config(synthApp(app)).recurringRuns;
    expect(run).toMatchObject({ name: 'Typed every 6h', trigger: { periodic_schedule: { interval_second: '21600' } }, enabled: false, experiment: 'Default' });
  });
});

describe('RecurringRun bad input', () => {
  const make = (props: any, setup?: (chart: Chart) => void) => {
    const { app, chart } = appAndChart();
    const published = publish(chart);
    setup?.(chart);
    new RecurringRun(chart, 'nightly', { pipeline: published, schedule: nightly(), parameters: { message: 'x' }, ...props });
    return app;
  };

  test('a bad cron', () => {
    expect(() => make({ schedule: Schedule.cron('0 25 * * *') })).toThrow(
      "RecurringRun 'test/nightly': cron expression '0 25 * * *' is invalid: hour field '25': 25 is above the maximum 23; expected 0-23");
  });
  test('an interval under 1 s', () => {
    expect(() => make({ schedule: Schedule.interval(Duration.millis(10)) })).toThrow(
      "RecurringRun 'test/nightly': interval 0.01 s is under 1 s; KFP needs an interval of at least 1 second");
  });
  test('an end time before its start time', () => {
    expect(() => make({ schedule: Schedule.cron('0 2 * * *', { startTime: new Date('2026-06-01T00:00:00Z'), endTime: new Date('2026-01-01T00:00:00Z') }) }))
      .toThrow("RecurringRun 'test/nightly': endTime 2026-01-01T00:00:00Z is not after startTime 2026-06-01T00:00:00Z; expected the end time to be later than the start time");
  });
  test('a missing schedule', () => {
    expect(() => make({ schedule: undefined })).toThrow("RecurringRun 'test/nightly': 'schedule' is required; expected Schedule.cron(...) or Schedule.interval(...)");
  });
  test.each([0, -1, 11, 1.5])('maxConcurrency %p', (n) => {
    expect(() => make({ maxConcurrency: n })).toThrow(`RecurringRun 'test/nightly': maxConcurrency is ${n}; expected an integer from 1 to 10 (KFP's limits)`);
  });
  test('a parameter the pipeline does not declare', () => {
    expect(synthError(make({ parameters: { message: 'x', mesage: 'typo' } }))).toContain(
      "[test/nightly] pipeline 'typed-pipeline': unknown pipeline parameter 'mesage'; the pipeline's parameters are: config, dry_run, epochs, items, message, rate");
  });
  test('a parameter of the wrong type', () => {
    const error = synthError(make({ parameters: { message: 'x', epochs: '5', rate: 'fast', dry_run: 'yes', items: {}, config: [] } }));
    expect(error).toContain("[test/nightly] pipeline 'typed-pipeline': pipeline parameter 'epochs' is NUMBER_INTEGER, expected an integer, got \"5\"");
    expect(error).toContain("pipeline parameter 'rate' is NUMBER_DOUBLE, expected a number, got \"fast\"");
    expect(error).toContain("pipeline parameter 'dry_run' is BOOLEAN, expected a boolean, got \"yes\"");
    expect(error).toContain("pipeline parameter 'items' is LIST, expected a list, got {}");
    expect(error).toContain("pipeline parameter 'config' is STRUCT, expected an object, got []");
    expect(synthError(make({ parameters: { message: 'x', epochs: 2.5 } }))).toContain("pipeline parameter 'epochs' is NUMBER_INTEGER, expected an integer, got 2.5");
  });
  test('a required parameter without a value', () => {
    expect(synthError(make({ parameters: {} }))).toContain(
      "[test/nightly] pipeline 'typed-pipeline': pipeline parameter 'message' (STRING) is required and has no default value");
  });
  test('a non-finite or non-JSON parameter value', () => {
    expect(() => make({ parameters: { message: 'x', rate: NaN } })).toThrow("RecurringRun 'test/nightly': parameter 'rate' is NaN; expected a finite number (KFP parameters are JSON)");
    expect(() => make({ parameters: { message: () => 'x' } })).toThrow("RecurringRun 'test/nightly': parameter 'message' is a function; expected a JSON value");
  });
  test('a pipeline no chart publishes and no import declares', () => {
    const { app, chart } = appAndChart();
    new RecurringRun(chart, 'orphan', { pipeline: typedPipeline('unpublished'), schedule: nightly(), parameters: { message: 'x' } });
    new RecurringRun(chart, 'orphan-by-name', { pipelineName: 'nowhere', schedule: nightly() });
    const error = synthError(app);
    expect(error).toContain("[test/orphan] pipeline 'unpublished' is not published by any chart in this app and no import declares it; " +
      "publish it with new PublishedPipeline(...) or declare it with PublishedPipeline.fromPipelineName(scope, id, 'unpublished')");
    expect(error).toContain("[test/orphan-by-name] pipeline 'nowhere' is not published by any chart in this app and no import declares it");
  });
  test('a pipeline published in several namespaces needs pipelineNamespace', () => {
    const { app, chart } = appAndChart();
    const pipeline = typedPipeline();
    const lock = VersionLock.fromFile(path.join(tmpDir(), 'l.json'), { frozen: false });
    new PublishedPipeline(chart, 'a', { pipeline, namespace: 'team-a', versionLock: lock });
    new PublishedPipeline(chart, 'b', { pipeline, namespace: 'team-b', versionLock: lock });
    new RecurringRun(chart, 'r', { pipeline, schedule: nightly(), parameters: { message: 'x' } });
    expect(synthError(app)).toContain("[test/r] pipeline 'typed-pipeline' is published in several places (team-a/typed-pipeline, team-b/typed-pipeline); " +
      "set 'pipelineNamespace' (or 'pipeline' to the PublishedPipeline) to choose one");
    const ok = appAndChart();
    new PublishedPipeline(ok.chart, 'a', { pipeline, namespace: 'team-a', versionLock: lock });
    new PublishedPipeline(ok.chart, 'b', { pipeline, namespace: 'team-b', versionLock: lock });
    new RecurringRun(ok.chart, 'r', { pipeline, pipelineNamespace: 'team-b', schedule: nightly(), parameters: { message: 'x' } });
    expect(config(synthApp(ok.app)).recurringRuns[0].pipelineNamespace).toBe('team-b');
  });
  test('both or neither of pipeline and pipelineName', () => {
    expect(() => make({ pipelineName: 'typed-pipeline' })).toThrow(
      "RecurringRun 'test/nightly': set exactly one of 'pipeline' (a Pipeline, CompiledPipeline or PublishedPipeline) and 'pipelineName' (the name of a pipeline published in KFP); got both");
    expect(() => make({ pipeline: undefined })).toThrow('got neither');
  });
  test('an invalid version or name', () => {
    expect(() => make({ version: 'V1' })).toThrow("RecurringRun 'test/nightly': version \"V1\" is not a valid KFP version name; expected lowercase letters, digits, '.' and '-' (omit it to run the latest version)");
    expect(() => make({ recurringRunName: ' ' })).toThrow("RecurringRun 'test/nightly': recurringRunName \" \" is not valid; expected a non-empty name of at most 128 characters");
    expect(() => make({ experiment: '' })).toThrow("RecurringRun 'test/nightly': experiment \"\" is empty; expected an experiment name");
  });
  test('two recurring runs with one name in one reconciler', () => {
    const app = make({ recurringRunName: 'dup' }, (chart) => {
      new RecurringRun(chart, 'other', { pipelineName: 'typed-pipeline', recurringRunName: 'dup', schedule: nightly(), parameters: { message: 'x' } });
    });
    expect(synthError(app)).toContain("[test/kfp-reconciler] two recurring runs are named 'dup'; names identify them in KFP, so each must be unique per reconciler");
  });
});

describe('RecurringRun (Argo mode)', () => {
  test('an Argo CronWorkflow that runs the compiled pipeline; schema-valid', async () => {
    const { app, chart } = appAndChart();
    const pipeline = sumPipeline();
    publish(chart, pipeline);
    new RecurringRun(chart, 'Nightly Sum', {
      pipeline,
      schedule: Schedule.cron('30 1 * * *', { startTime: new Date('2026-01-01T00:00:00Z'), endTime: new Date('2027-01-01T00:00:00Z') }),
      parameters: { a: 1, b: 2 },
      enabled: false,
      serviceAccount: 'runner',
      pipelineRoot: 's3://b/p',
      mode: RecurringRunMode.argoCronWorkflow({ namespace: 'ml', timezone: 'Europe/Berlin', compileOptions: { driverImage: 'registry.example.com/kfp-driver:2.17.0' } }),
    });
    const objects = synthApp(app);
    // No reconciler in Argo mode.
    expect(objects.map((o) => o.kind)).toEqual(['Pipeline', 'PipelineVersion', 'CronWorkflow']);
    const cron = objects[2];
    expect(cron.metadata).toEqual({ name: 'nightly-sum', namespace: 'ml' });
    expect(cron.spec).toMatchObject({
      schedules: ['30 1 * * *'],
      timezone: 'Europe/Berlin',
      concurrencyPolicy: 'Forbid',
      suspend: true,
      when: "{{= now() >= date('2026-01-01T00:00:00Z') && now() < date('2027-01-01T00:00:00Z') }}",
    });
    expect(cron.spec.workflowSpec.serviceAccountName).toBe('runner');
    expect(JSON.stringify(cron.spec.workflowSpec)).toContain('s3://b/p');
    expect(JSON.stringify(cron.spec.workflowSpec)).toContain('registry.example.com/kfp-driver:2.17.0');
    expect(cron.spec.workflowSpec.templates.every((t: any) => t.metadata?.annotations?.['sidecar.istio.io/inject'] === 'false')).toBe(true);
    await validateManifests(objects);
  });

  test('an interval becomes @every; Argo mode rejects what Argo cannot do', () => {
    const { app, chart } = appAndChart();
    const pipeline = typedPipeline();
    publish(chart, pipeline);
    new RecurringRun(chart, 'r', { pipeline, schedule: Schedule.interval(Duration.minutes(90)), parameters: { message: 'x' }, mode: RecurringRunMode.argoCronWorkflow() });
    expect(synthApp(app)[2].spec.schedules).toEqual(['@every 5400s']);
    const bad = appAndChart();
    expect(() => new RecurringRun(bad.chart, 'r', { pipeline, schedule: nightly(), maxConcurrency: 2, mode: RecurringRunMode.argoCronWorkflow() }))
      .toThrow("RecurringRun 'test/r': maxConcurrency is 2, but an Argo CronWorkflow can only forbid overlapping runs (maxConcurrency 1) or allow unbounded overlap; use maxConcurrency 1 or RecurringRunMode.kfp()");
    expect(() => new RecurringRun(bad.chart, 's', { pipeline, schedule: Schedule.cron('15 0 2 * * *'), mode: RecurringRunMode.argoCronWorkflow() }))
      .toThrow("RecurringRun 'test/s': cron '15 0 2 * * *' cannot run as an Argo CronWorkflow: seconds field '15' cannot be expressed in an Argo CronWorkflow, which schedules by the minute; expected seconds '0'");
    expect(() => new RecurringRun(bad.chart, 't', { pipeline, schedule: nightly(), reconciler: new KfpReconciler(bad.chart, 'rec'), mode: RecurringRunMode.argoCronWorkflow() }))
      .toThrow("RecurringRun 'test/t': 'reconciler' does not apply in Argo mode (RecurringRunMode.argoCronWorkflow)");
  });

  test('an imported pipeline without IR cannot be compiled to Argo', () => {
    const { app, chart } = appAndChart();
    PublishedPipeline.fromPipelineName(chart, 'imp', 'elsewhere');
    new RecurringRun(chart, 'r', { pipelineName: 'elsewhere', schedule: nightly(), mode: RecurringRunMode.argoCronWorkflow() });
    expect(synthError(app)).toContain("[test/r] RecurringRun 'test/r': Argo mode needs the pipeline's IR, but pipeline 'elsewhere' is an import without one; pass 'pipeline' (or the import's 'pipeline' option)");
  });
});

describe('KfpRun', () => {
  test('declares a one-off run next to the recurring runs', () => {
    const { app, chart } = appAndChart();
    const published = publish(chart);
    new KfpRun(chart, 'backfill', { pipeline: published, experiment: 'backfills', parameters: { message: 'jan' }, runName: 'backfill-2026-01', version: 'v1' });
    const cfg = config(synthApp(app));
    expect(cfg.runs).toEqual([{
      name: 'backfill-2026-01',
      pipelineName: 'typed-pipeline',
      pipelineNamespace: 'kubeflow',
      version: 'v1',
      experiment: 'backfills',
      parameters: { message: 'jan' },
      specHash: expect.stringMatching(/^[0-9a-f]{16}$/),
    }]);
  });
  test('bad input: unknown parameter, unpublished pipeline, empty name', () => {
    const { app, chart } = appAndChart();
    const published = publish(chart);
    new KfpRun(chart, 'a', { pipeline: published, parameters: { message: 'x', nope: 1 } });
    new KfpRun(chart, 'b', { pipelineName: 'missing' });
    const error = synthError(app);
    expect(error).toContain("[test/a] pipeline 'typed-pipeline': unknown pipeline parameter 'nope'");
    expect(error).toContain("[test/b] pipeline 'missing' is not published by any chart in this app and no import declares it");
    expect(() => new KfpRun(chart, 'c', { pipeline: published, runName: '' })).toThrow("KfpRun 'test/c': runName \"\" is not valid");
  });
});

describe('KfpReconciler', () => {
  test('Job, CronJob and pods: PostSync hook, restricted Pod Security, resources, no Kubernetes credentials', async () => {
    const { app, chart } = appAndChart();
    const published = publish(chart);
    new RecurringRun(chart, 'r', { pipeline: published, schedule: nightly(), parameters: { message: 'x' } });
    const objects = synthApp(app);
    const job = objects.find((o) => o.kind === 'Job');
    const cronJob = objects.find((o) => o.kind === 'CronJob');
    const sa = objects.find((o) => o.kind === 'ServiceAccount');
    expect(sa.automountServiceAccountToken).toBe(false);
    expect(job.metadata.name).toMatch(/^kfp-reconciler-[0-9a-f]{8}$/);
    expect(job.metadata.annotations).toEqual({ 'argocd.argoproj.io/hook': 'PostSync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' });
    expect(job.spec).toMatchObject({ backoffLimit: 3, activeDeadlineSeconds: 600, ttlSecondsAfterFinished: 86400 });
    expect(cronJob.spec).toMatchObject({ schedule: '*/30 * * * *', concurrencyPolicy: 'Forbid' });
    expect(cronJob.spec.jobTemplate.spec.template).toEqual(job.spec.template);
    const pod = job.spec.template.spec;
    expect(pod).toMatchObject({
      serviceAccountName: 'kfp-reconciler',
      automountServiceAccountToken: false,
      restartPolicy: 'Never',
      securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } },
    });
    const [container] = pod.containers;
    expect(container).toMatchObject({
      image: 'node:20.18.1-alpine3.20',
      command: ['node', '/etc/kfp-reconciler/reconcile.js'],
      resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } },
      securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
    });
    expect(container.env).toEqual([
      { name: 'KFP_API_URL', value: 'http://ml-pipeline.kubeflow.svc.cluster.local:8888' },
      { name: 'KFP_RECONCILER_CONFIG', value: '/etc/kfp-reconciler/config.json' },
    ]);
    // Single-user KFP: no RBAC at all.
    expect(objects.filter((o) => o.kind === 'Role' || o.kind === 'RoleBinding')).toEqual([]);
    await validateManifests(objects);
  });

  test('the sync Job is renamed when the declaration changes, so plain kubectl apply re-runs it', () => {
    const jobName = (cron: string) => {
      const { app, chart } = appAndChart();
      const published = publish(chart);
      new RecurringRun(chart, 'r', { pipeline: published, schedule: Schedule.cron(cron), parameters: { message: 'x' } });
      return synthApp(app).find((o) => o.kind === 'Job').metadata.name;
    };
    expect(jobName('0 2 * * *')).toBe(jobName('0 2 * * *'));
    expect(jobName('0 2 * * *')).not.toBe(jobName('0 3 * * *'));
  });

  test('token authentication: projected token, Role with the KFP verbs it uses, pipeline namespaces', async () => {
    const { app, chart } = appAndChart();
    const published = publish(chart, typedPipeline(), { namespace: 'kubeflow' });
    const reconciler = new KfpReconciler(chart, 'rec', {
      namespace: 'team-a',
      name: 'team-a-runs',
      auth: KfpApiAuth.serviceAccountToken({ pipelineNamespaces: ['kubeflow'] }),
      istioSidecar: true,
      driftRepair: false,
      argoCdHook: false,
      podLabels: { 'access-ml-pipeline': 'true' },
    });
    new RecurringRun(chart, 'r', { pipeline: published, schedule: nightly(), parameters: { message: 'x' }, reconciler });
    const objects = synthApp(app);
    expect(objects.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      'Pipeline/kubeflow/typed-pipeline', 'PipelineVersion/kubeflow/typed-pipeline-v1',
      'ServiceAccount/team-a/team-a-runs', 'ConfigMap/team-a/team-a-runs', expect.stringMatching(/^Job\/team-a\/team-a-runs-[0-9a-f]{8}$/),
      'Role/team-a/team-a-runs-kfp', 'RoleBinding/team-a/team-a-runs-kfp',
      'Role/kubeflow/team-a-runs-team-a-pipelines', 'RoleBinding/kubeflow/team-a-runs-team-a-pipelines',
    ]);
    const role = objects.find((o) => o.kind === 'Role');
    expect(role.rules).toEqual([
      { apiGroups: ['pipelines.kubeflow.org'], resources: ['experiments'], verbs: ['get', 'list', 'create', 'unarchive'] },
      { apiGroups: ['pipelines.kubeflow.org'], resources: ['jobs'], verbs: ['get', 'list', 'create', 'delete', 'enable', 'disable'] },
      { apiGroups: ['pipelines.kubeflow.org'], resources: ['runs'], verbs: ['get', 'list', 'create'] },
      { apiGroups: ['pipelines.kubeflow.org'], resources: ['pipelines'], verbs: ['get', 'list'] },
    ]);
    const job = objects.find((o) => o.kind === 'Job');
    expect(job.metadata.annotations).toBeUndefined();
    const pod = job.spec.template;
    expect(pod.metadata.labels['access-ml-pipeline']).toBe('true');
    expect(pod.spec.volumes[1]).toEqual({
      name: 'kfp-token',
      projected: { defaultMode: 0o444, sources: [{ serviceAccountToken: { audience: 'pipelines.kubeflow.org', expirationSeconds: 3600, path: 'token' } }] },
    });
    expect(pod.spec.containers[0].env).toEqual(expect.arrayContaining([
      { name: 'KFP_TOKEN_FILE', value: '/var/run/secrets/kfp/token' },
      { name: 'KFP_QUIT_SIDECAR_URL', value: 'http://127.0.0.1:15020/quitquitquit' },
    ]));
    expect(config(objects)).toMatchObject({ owner: 'team-a/team-a-runs', namespace: 'team-a' });
    await validateManifests(objects);
  });

  test('token authentication: a pipeline in a namespace the service account may not read', () => {
    const { app, chart } = appAndChart();
    const published = publish(chart, typedPipeline(), { namespace: 'shared' });
    const reconciler = new KfpReconciler(chart, 'rec', { namespace: 'team-a', auth: KfpApiAuth.serviceAccountToken() });
    new RecurringRun(chart, 'r', { pipeline: published, schedule: nightly(), parameters: { message: 'x' }, reconciler });
    expect(synthError(app)).toContain("[test/rec] 'r' runs pipeline 'typed-pipeline' from namespace 'shared', which the reconciler's service account may not read; " +
      "add 'shared' to KfpApiAuth.serviceAccountToken({ pipelineNamespaces })");
  });

  test('options: image, resources, schedule, timeout, retries, prune, owner', () => {
    const { app, chart } = appAndChart();
    const published = publish(chart);
    const reconciler = new KfpReconciler(chart, 'rec', {
      image: 'registry.example.com/node:20',
      resources: { cpu: { request: Cpu.millis(100) }, memory: { request: Size.mebibytes(32), limit: Size.mebibytes(96) } },
      driftRepairSchedule: Cron.schedule({ minute: '5', hour: '*' }),
      timeout: Duration.minutes(2),
      retries: 0,
      prune: false,
      owner: 'platform/nightly',
      apiUrl: 'https://kfp.example.com/pipeline',
    });
    new RecurringRun(chart, 'r', { pipeline: published, schedule: nightly(), parameters: { message: 'x' }, reconciler });
    const objects = synthApp(app);
    const job = objects.find((o) => o.kind === 'Job');
    expect(job.spec).toMatchObject({ backoffLimit: 0, activeDeadlineSeconds: 120 });
    expect(job.spec.template.spec.containers[0]).toMatchObject({
      image: 'registry.example.com/node:20', resources: { requests: { cpu: '100m', memory: '32Mi' }, limits: { memory: '96Mi' } },
    });
    expect(objects.find((o) => o.kind === 'CronJob').spec.schedule).toBe('5 * * * *');
    expect(config(objects)).toMatchObject({ owner: 'platform/nightly', prune: false });
  });

  test('bad input', () => {
    const { chart } = appAndChart();
    expect(() => new KfpReconciler(chart, 'a', { name: 'x'.repeat(53) })).toThrow("KfpReconciler 'test/a': name 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' is not valid; expected a DNS label of at most 52 characters (the CronJob limit)");
    expect(() => new KfpReconciler(chart, 'b', { namespace: 'Kubeflow' })).toThrow("KfpReconciler 'test/b': namespace 'Kubeflow' is not a valid namespace name");
    expect(() => new KfpReconciler(chart, 'c', { owner: 'has space' })).toThrow("KfpReconciler 'test/c': owner 'has space' is not valid");
    expect(() => new KfpReconciler(chart, 'd', { apiUrl: 'ml-pipeline:8888' })).toThrow("KfpReconciler 'test/d': apiUrl 'ml-pipeline:8888' is not an http(s) URL");
    expect(() => new KfpReconciler(chart, 'e', { retries: -1 })).toThrow("KfpReconciler 'test/e': retries is -1; expected a non-negative integer");
    expect(() => new KfpReconciler(chart, 'f', { image: 'node 20' })).toThrow("KfpReconciler 'test/f': image 'node 20' is not a valid image reference");
  });

  test('two reconcilers with one owner, or one name in one namespace; several reconcilers in a chart need an explicit choice', () => {
    const { app, chart } = appAndChart();
    const other = new Chart(app, 'other');
    new KfpReconciler(chart, 'a', { name: 'r1', owner: 'same' });
    new KfpReconciler(other, 'b', { name: 'r2', owner: 'same' });
    new KfpReconciler(other, 'c', { name: 'r1' });
    const error = synthError(app);
    expect(error).toContain("[test/a] other/b uses the same owner 'same'; each reconciler would prune the other's runs; set a different 'owner'");
    expect(error).toContain("[test/a] other/c uses the same name 'r1' in namespace 'kubeflow'; set a different 'name'");
    expect(() => KfpReconciler.of(other)).toThrow("other: chart 'other' has 2 KfpReconcilers (other/b, other/c); set 'reconciler' to choose one");
  });

  test('KfpReconciler.of creates one reconciler per chart and reuses it', () => {
    const { chart } = appAndChart();
    const a = KfpReconciler.of(chart);
    expect(KfpReconciler.of(chart)).toBe(a);
    expect(a.node.path).toBe('test/kfp-reconciler');
    expect(Testing.synth(chart).map((o: any) => o.kind)).toEqual(['ServiceAccount', 'ConfigMap', 'Job', 'CronJob']);
  });
});
