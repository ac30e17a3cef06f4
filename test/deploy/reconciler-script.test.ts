/**
 * The reconciler's runtime functions against an in-process fake of the KFP v2beta1 API.
 */
import { FakeKfp } from './fake-kfp';
import {
  createKfpClient,
  DeclaredRecurringRun,
  DeclaredRun,
  kfpManagedDescription,
  kfpParseManagedMarker,
  kfpReconcile,
  ReconcilerConfig,
} from '../../src/deploy/reconciler/script';

let fake: FakeKfp;
let url: string;
const logs: string[] = [];
const log = (line: string) => { logs.push(line); };

beforeEach(async () => {
  fake = new FakeKfp();
  url = await fake.start();
  logs.length = 0;
});
afterEach(async () => {
  await fake.stop();
});

function client(extra: any = {}) {
  return createKfpClient({ apiUrl: url, retryDelayMs: 1, log, ...extra });
}

function nightly(overrides: Partial<DeclaredRecurringRun> = {}): DeclaredRecurringRun {
  return {
    name: 'quickstart-nightly',
    description: 'Nightly quickstart',
    pipelineName: 'quickstart',
    pipelineNamespace: 'kubeflow',
    experiment: 'nightly',
    parameters: { message: 'hello', epochs: 3 },
    pipelineRoot: 's3://bucket/root',
    serviceAccount: 'pipeline-runner',
    trigger: { cron_schedule: { cron: '0 0 2 * * *' } },
    maxConcurrency: 1,
    noCatchup: true,
    enabled: true,
    specHash: 'aaaa1111',
    ...overrides,
  };
}

function config(recurringRuns: DeclaredRecurringRun[], runs: DeclaredRun[] = [], overrides: Partial<ReconcilerConfig> = {}): ReconcilerConfig {
  return { owner: 'kubeflow/kfp-reconciler', namespace: 'kubeflow', prune: true, recurringRuns, runs, ...overrides };
}

async function reconcile(cfg: ReconcilerConfig, options: any = {}) {
  return kfpReconcile(cfg, client(options.client), { log, retryDelayMs: 1, notFoundAttempts: 3, ...options });
}

describe('reconciler against the fake KFP API', () => {
  test('create: makes the experiment and the recurring run with every declared field', async () => {
    const pipeline = fake.addPipeline('quickstart', ['v1']);
    const summary = await reconcile(config([nightly()]));
    expect(summary.errors).toEqual([]);
    expect(summary.created).toEqual(['quickstart-nightly']);
    expect(fake.experiments).toHaveLength(1);
    // Single-user KFP stores experiments without a namespace.
    expect(fake.experiments[0]).toMatchObject({ display_name: 'nightly', namespace: '' });
    expect(fake.recurringRuns).toHaveLength(1);
    const run = fake.recurringRuns[0];
    expect(run).toMatchObject({
      display_name: 'quickstart-nightly',
      pipeline_version_reference: { pipeline_id: pipeline.pipeline_id },
      runtime_config: { parameters: { message: 'hello', epochs: 3 }, pipeline_root: 's3://bucket/root' },
      service_account: 'pipeline-runner',
      max_concurrency: '1',
      trigger: { cron_schedule: { cron: '0 0 2 * * *' } },
      mode: 'ENABLE',
      no_catchup: true,
      namespace: 'kubeflow',
      experiment_id: fake.experiments[0].experiment_id,
    });
    // Latest version: no version id in the reference.
    expect(run.pipeline_version_reference.pipeline_version_id).toBeUndefined();
    expect(kfpParseManagedMarker(run.description)).toEqual({ owner: 'kubeflow/kfp-reconciler', specHash: 'aaaa1111' });
    expect(run.description.startsWith('Nightly quickstart\n\n')).toBe(true);
  });

  test('multi-user KFP: experiments and recurring runs live in the profile namespace; other namespaces are not touched', async () => {
    fake.multiUser = true;
    fake.addPipeline('quickstart', ['v1'], 'team-a');
    fake.addPipeline('quickstart', ['v1'], 'team-b');
    const teamA = config([nightly({ pipelineNamespace: 'team-a' })], [], { namespace: 'team-a', owner: 'team-a/kfp-reconciler' });
    const teamB = config([nightly({ pipelineNamespace: 'team-b' })], [], { namespace: 'team-b', owner: 'team-b/kfp-reconciler' });
    expect((await reconcile(teamA)).errors).toEqual([]);
    expect((await reconcile(teamB)).errors).toEqual([]);
    expect(fake.experiments.map((e) => `${e.namespace}/${e.display_name}`).sort()).toEqual(['team-a/nightly', 'team-b/nightly']);
    expect(fake.recurringRuns.map((r) => r.namespace).sort()).toEqual(['team-a', 'team-b']);
    const a = fake.recurringRuns.find((r) => r.namespace === 'team-a');
    expect(a.experiment_id).toBe(fake.experiments.find((e) => e.namespace === 'team-a').experiment_id);
    // Team A stops declaring its run: only team A's is pruned.
    const summary = await reconcile(config([], [], { namespace: 'team-a', owner: 'team-a/kfp-reconciler' }));
    expect(summary.pruned).toEqual(['quickstart-nightly']);
    expect(fake.recurringRuns.map((r) => r.namespace)).toEqual(['team-b']);
  });

  test('no-op: a second pass with the same declaration changes nothing', async () => {
    fake.addPipeline('quickstart', ['v1']);
    await reconcile(config([nightly()]));
    const before = fake.mutations().length;
    const summary = await reconcile(config([nightly()]));
    expect(summary.errors).toEqual([]);
    expect(summary.unchanged).toEqual(['quickstart-nightly']);
    expect(summary.created).toEqual([]);
    expect(fake.mutations().length).toBe(before);
    expect(fake.recurringRuns).toHaveLength(1);
  });

  test('update: a changed spec hash creates the new recurring run, then deletes the old one', async () => {
    fake.addPipeline('quickstart', ['v1']);
    await reconcile(config([nightly()]));
    const oldId = fake.recurringRuns[0].recurring_run_id;
    const mark = fake.requests.length;
    const summary = await reconcile(config([nightly({ specHash: 'bbbb2222', trigger: { cron_schedule: { cron: '0 30 3 * * *' } } })]));
    expect(summary.errors).toEqual([]);
    expect(summary.replaced).toEqual(['quickstart-nightly']);
    expect(fake.recurringRuns).toHaveLength(1);
    expect(fake.recurringRuns[0].recurring_run_id).not.toBe(oldId);
    expect(fake.recurringRuns[0].trigger.cron_schedule.cron).toBe('0 30 3 * * *');
    expect(kfpParseManagedMarker(fake.recurringRuns[0].description).specHash).toBe('bbbb2222');
    const order = fake.requests.slice(mark).filter((r) => r.method !== 'GET').map((r) => r.method);
    expect(order).toEqual(['POST', 'DELETE']);
  });

  test('disable and enable: toggles the existing recurring run without re-creating it', async () => {
    fake.addPipeline('quickstart', ['v1']);
    await reconcile(config([nightly()]));
    const id = fake.recurringRuns[0].recurring_run_id;
    let summary = await reconcile(config([nightly({ enabled: false })]));
    expect(summary.disabled).toEqual(['quickstart-nightly']);
    expect(fake.recurringRuns).toHaveLength(1);
    expect(fake.recurringRuns[0]).toMatchObject({ recurring_run_id: id, status: 'DISABLED' });
    expect(fake.mutations()).toContain(`POST /apis/v2beta1/recurringruns/${id}:disable`);
    summary = await reconcile(config([nightly({ enabled: false })]));
    expect(summary.unchanged).toEqual(['quickstart-nightly']);
    summary = await reconcile(config([nightly({ enabled: true })]));
    expect(summary.enabled).toEqual(['quickstart-nightly']);
    expect(fake.recurringRuns[0]).toMatchObject({ recurring_run_id: id, status: 'ENABLED' });
  });

  test('create disabled: a run declared disabled is created with mode DISABLE', async () => {
    fake.addPipeline('quickstart');
    await reconcile(config([nightly({ enabled: false })]));
    expect(fake.recurringRuns[0]).toMatchObject({ mode: 'DISABLE', status: 'DISABLED' });
  });

  test('prune: deletes owned runs git no longer declares, never runs it does not own', async () => {
    const pipeline = fake.addPipeline('quickstart', ['v1']);
    await reconcile(config([nightly(), nightly({ name: 'quickstart-hourly', specHash: 'cccc' })]));
    expect(fake.recurringRuns).toHaveLength(2);
    // Someone else's runs: one without a marker, one with another reconciler's marker.
    const experimentId = fake.experiments[0].experiment_id;
    const foreign = (name: string, description: string) => ({
      recurring_run_id: `foreign-${name}`,
      display_name: name,
      description,
      namespace: 'kubeflow',
      experiment_id: experimentId,
      pipeline_version_reference: { pipeline_id: pipeline.pipeline_id },
      status: 'ENABLED',
      mode: 'ENABLE',
    });
    fake.recurringRuns.push(foreign('by-hand', 'made in the UI'));
    fake.recurringRuns.push(foreign('quickstart-hourly', kfpManagedDescription('x', 'team-b/kfp-reconciler', 'cccc')));
    // The owner string of this reconciler is a prefix of another owner: must not match either.
    fake.recurringRuns.push(foreign('prefix', kfpManagedDescription('x', 'kubeflow/kfp-reconciler-2', 'dddd')));

    const summary = await reconcile(config([nightly()]));
    expect(summary.errors).toEqual([]);
    expect(summary.pruned).toEqual(['quickstart-hourly']);
    expect(fake.recurringRuns.map((r) => r.recurring_run_id).sort()).toEqual([
      'foreign-by-hand', 'foreign-prefix', 'foreign-quickstart-hourly', expect.any(String),
    ].sort());
    expect(fake.recurringRuns.filter((r) => kfpParseManagedMarker(r.description)?.owner === 'kubeflow/kfp-reconciler')
      .map((r) => r.display_name)).toEqual(['quickstart-nightly']);
  });

  test('prune: false keeps undeclared runs', async () => {
    fake.addPipeline('quickstart');
    await reconcile(config([nightly()]));
    const summary = await reconcile(config([], [], { prune: false }));
    expect(summary.pruned).toEqual([]);
    expect(fake.recurringRuns).toHaveLength(1);
  });

  test('a pinned version resolves to its id; a changed id (pipeline re-created) re-creates the run', async () => {
    const pipeline = fake.addPipeline('quickstart', ['v1', 'v2']);
    await reconcile(config([nightly({ version: 'v1' })]));
    expect(fake.recurringRuns[0].pipeline_version_reference).toEqual({
      pipeline_id: pipeline.pipeline_id, pipeline_version_id: pipeline.versions[0].pipeline_version_id,
    });
    // The pipeline is deleted and published again: same names, new ids.
    fake.pipelines.length = 0;
    const again = fake.addPipeline('quickstart', ['v1']);
    const summary = await reconcile(config([nightly({ version: 'v1' })]));
    expect(summary.replaced).toEqual(['quickstart-nightly']);
    expect(fake.recurringRuns).toHaveLength(1);
    expect(fake.recurringRuns[0].pipeline_version_reference.pipeline_id).toBe(again.pipeline_id);
  });

  test('a missing pipeline or version is an error for that run only; others still converge', async () => {
    fake.addPipeline('quickstart', ['v1']);
    const summary = await reconcile(config([
      nightly({ name: 'missing-version', version: 'v9' }),
      nightly({ name: 'missing-pipeline', pipelineName: 'nope' }),
      nightly(),
    ]));
    expect(summary.created).toEqual(['quickstart-nightly']);
    expect(summary.errors).toEqual([
      'recurring run "missing-version": pipeline "quickstart" has no version "v9"',
      'recurring run "missing-pipeline": pipeline "nope" in namespace kubeflow was not found in KFP',
    ]);
  });

  test('a pipeline that appears while the reconciler waits (Argo CD just applied it) is picked up', async () => {
    let calls = 0;
    const slowFetch = async (input: any, init: any) => {
      if (String(input).includes('/pipelines/names/quickstart') && ++calls === 2) fake.addPipeline('quickstart');
      return fetch(input, init);
    };
    const summary = await kfpReconcile(config([nightly()]), client({ fetch: slowFetch }), { log, retryDelayMs: 1, notFoundAttempts: 5 });
    expect(summary.errors).toEqual([]);
    expect(summary.created).toEqual(['quickstart-nightly']);
    expect(calls).toBe(2);
  });

  test('an archived experiment is unarchived and reused', async () => {
    fake.addPipeline('quickstart');
    fake.experiments.push({ experiment_id: 'e1', display_name: 'nightly', namespace: 'kubeflow', storage_state: 'ARCHIVED' });
    await reconcile(config([nightly()]));
    expect(fake.experiments).toHaveLength(1);
    expect(fake.experiments[0].storage_state).toBe('AVAILABLE');
    expect(fake.recurringRuns[0].experiment_id).toBe('e1');
  });

  test('duplicates left by concurrent passes are collapsed to one', async () => {
    fake.addPipeline('quickstart');
    await reconcile(config([nightly()]));
    fake.recurringRuns.push({ ...fake.recurringRuns[0], recurring_run_id: 'dup' });
    const summary = await reconcile(config([nightly()]));
    expect(summary.unchanged).toEqual(['quickstart-nightly']);
    expect(fake.recurringRuns).toHaveLength(1);
  });

  test('lists every page (more than 100 owned recurring runs)', async () => {
    fake.addPipeline('quickstart');
    const many = Array.from({ length: 130 }, (_, i) => nightly({ name: `run-${i}`, specHash: `h${i}` }));
    await reconcile(config(many));
    expect(fake.recurringRuns).toHaveLength(130);
    const summary = await reconcile(config(many.slice(0, 120)));
    expect(summary.unchanged).toHaveLength(120);
    expect(summary.pruned).toHaveLength(10);
    expect(fake.recurringRuns).toHaveLength(120);
    expect(fake.requests.some((r) => r.path === '/apis/v2beta1/recurringruns' && r.query.page_token)).toBe(true);
  });

  test('retries HTTP 503 and network-level failures, fails fast on 4xx', async () => {
    fake.addPipeline('quickstart');
    fake.failNext('POST', /^\/apis\/v2beta1\/recurringruns$/, 503, 2);
    let summary = await reconcile(config([nightly()]));
    expect(summary.errors).toEqual([]);
    expect(fake.recurringRuns).toHaveLength(1);

    fake.failNext('POST', /^\/apis\/v2beta1\/recurringruns$/, 400, 1);
    summary = await reconcile(config([nightly({ specHash: 'new' })]));
    expect(summary.errors).toEqual(['recurring run "quickstart-nightly": POST /apis/v2beta1/recurringruns returned HTTP 400: injected failure']);
    // The failed create did not remove the old schedule.
    expect(fake.recurringRuns).toHaveLength(1);
    expect(kfpParseManagedMarker(fake.recurringRuns[0].description).specHash).toBe('aaaa1111');
  });

  test('KFP rejects what the library would reject (max_concurrency out of range)', async () => {
    fake.addPipeline('quickstart');
    const summary = await reconcile(config([nightly({ maxConcurrency: 11 })]));
    expect(summary.errors[0]).toContain('max concurrency of the recurring run should be in the range of [1,10]');
  });

  test('a listing failure aborts before anything is changed or pruned', async () => {
    fake.addPipeline('quickstart');
    await reconcile(config([nightly()]));
    fake.failNext('GET', /^\/apis\/v2beta1\/recurringruns$/, 403, 1);
    const before = fake.mutations().length;
    await expect(reconcile(config([]))).rejects.toThrow('GET /apis/v2beta1/recurringruns returned HTTP 403');
    expect(fake.mutations().length).toBe(before);
  });

  test('sends the bearer token (multi-user KFP)', async () => {
    fake.addPipeline('quickstart');
    fake.requiredToken = 'sa-token';
    const denied = await kfpReconcile(config([nightly()]), client(), { log, retryDelayMs: 1 }).catch((e) => e);
    expect(String(denied)).toContain('HTTP 401');
    const summary = await kfpReconcile(config([nightly()]), client({ token: 'sa-token' }), { log, retryDelayMs: 1 });
    expect(summary.errors).toEqual([]);
    expect(fake.requests.every((r) => r.authorization === undefined || r.authorization === 'Bearer sa-token')).toBe(true);
  });

  test('dry run changes nothing and reports the plan', async () => {
    fake.addPipeline('quickstart');
    const summary = await reconcile(config([nightly()], [{ name: 'once', pipelineName: 'quickstart', experiment: 'adhoc', specHash: 'r1' }]), { dryRun: true });
    expect(summary.created).toEqual(['quickstart-nightly']);
    expect(summary.runsCreated).toEqual(['once']);
    expect(fake.mutations()).toEqual([]);
  });

  test('names with + and % (which KFP unescapes twice in filters) still match on the next pass', async () => {
    fake.addPipeline('quickstart');
    const cfg = config([nightly({ name: 'a+b 100%', experiment: 'team+ml %' })], [{ name: 'run+1 %20', pipelineName: 'quickstart', experiment: 'team+ml %', specHash: 'r1' }]);
    let summary = await reconcile(cfg);
    expect(summary.errors).toEqual([]);
    summary = await reconcile(cfg);
    expect(summary).toMatchObject({ unchanged: ['a+b 100%'], runsUnchanged: ['run+1 %20'], created: [], runsCreated: [] });
    expect(fake.experiments.map((e) => e.display_name)).toEqual(['team+ml %']);
    expect(fake.recurringRuns).toHaveLength(1);
    expect(fake.runs).toHaveLength(1);
  });

  test('one-off runs: created once per spec hash, never deleted', async () => {
    const pipeline = fake.addPipeline('quickstart', ['v1']);
    const run: DeclaredRun = {
      name: 'backfill-2026-01',
      pipelineName: 'quickstart',
      pipelineNamespace: 'kubeflow',
      version: 'v1',
      experiment: 'backfills',
      parameters: { month: '2026-01' },
      serviceAccount: 'pipeline-runner',
      pipelineRoot: 's3://b/r',
      specHash: 'r1',
    };
    let summary = await reconcile(config([], [run]));
    expect(summary.runsCreated).toEqual(['backfill-2026-01']);
    expect(fake.runs).toHaveLength(1);
    expect(fake.runs[0]).toMatchObject({
      display_name: 'backfill-2026-01',
      pipeline_version_reference: { pipeline_id: pipeline.pipeline_id, pipeline_version_id: pipeline.versions[0].pipeline_version_id },
      runtime_config: { parameters: { month: '2026-01' }, pipeline_root: 's3://b/r' },
      service_account: 'pipeline-runner',
      experiment_id: fake.experiments[0].experiment_id,
    });
    summary = await reconcile(config([], [run]));
    expect(summary.runsUnchanged).toEqual(['backfill-2026-01']);
    expect(fake.runs).toHaveLength(1);
    summary = await reconcile(config([], [{ ...run, parameters: { month: '2026-02' }, specHash: 'r2' }]));
    expect(summary.runsCreated).toEqual(['backfill-2026-01']);
    expect(fake.runs).toHaveLength(2);
    summary = await reconcile(config([], []));
    expect(fake.runs).toHaveLength(2);
  });
});
