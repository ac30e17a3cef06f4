/**
 * The KFP reconciler's runtime: plain functions that upsert declared recurring runs and one-off
 * runs through the KFP v2beta1 REST API.
 *
 * These functions are shipped to the cluster as JavaScript text (`Function.prototype.toString()`)
 * inside a ConfigMap and run with a pinned `node` image. So they must stay **self-contained**:
 * no imports, no module-level values, only globals that Node 20 has (`fetch`, `URLSearchParams`,
 * `AbortSignal`, `setTimeout`, `console`), and calls to each other by name. Each one is a plain
 * `function` declaration so that its text is valid JavaScript on its own. `reconcilerScript()` in
 * `./shipped.ts` lists them and builds the entry script.
 *
 * The same functions are tested in jest against an in-process fake of the KFP API.
 */

/** What every declared run (one-off or recurring) carries, as the reconciler ConfigMap holds it. */
export interface DeclaredRunBase {
  /** Display name; unique within one reconciler. */
  readonly name: string;
  readonly description?: string;
  readonly pipelineName: string;
  readonly pipelineNamespace?: string;
  /** Pipeline version name; absent = always the latest version. */
  readonly version?: string;
  readonly experiment: string;
  readonly experimentDescription?: string;
  readonly parameters?: Record<string, any>;
  readonly pipelineRoot?: string;
  readonly serviceAccount?: string;
}

/** One declared recurring run. */
export interface DeclaredRecurringRun extends DeclaredRunBase {
  /** KFP v2beta1 `Trigger` (snake_case JSON). */
  readonly trigger: any;
  readonly maxConcurrency: number;
  readonly noCatchup: boolean;
  readonly enabled: boolean;
  /** Hash of everything above except `enabled`; a change re-creates the recurring run. */
  readonly specHash: string;
}

/** One declared one-off run. */
export interface DeclaredRun extends DeclaredRunBase {
  /** A run is created once per distinct spec hash. */
  readonly specHash: string;
}

/** The reconciler's whole input. */
export interface ReconcilerConfig {
  /** Ownership marker: the reconciler only changes and prunes runs that carry it. */
  readonly owner: string;
  /** KFP namespace of experiments, recurring runs and runs (multi-user: the profile namespace). */
  readonly namespace: string;
  /** Delete managed recurring runs that are no longer declared. */
  readonly prune: boolean;
  readonly recurringRuns: DeclaredRecurringRun[];
  readonly runs: DeclaredRun[];
}

/** How the reconciler reaches KFP. */
export interface KfpClientOptions {
  /** Base URL of the KFP API server, e.g. `http://ml-pipeline.kubeflow.svc.cluster.local:8888`. */
  readonly apiUrl: string;
  /** Bearer token (multi-user KFP). */
  readonly token?: string;
  /** Attempts per request for network errors, HTTP 429 and 5xx (>= 1). */
  readonly attempts?: number;
  /** First retry delay; doubles on every retry. */
  readonly retryDelayMs?: number;
  /** Per-request timeout. */
  readonly timeoutMs?: number;
  /** `fetch` to use (default: the global one). */
  readonly fetch?: any;
  readonly log?: (line: string) => void;
}

/** What one reconcile pass did. */
export interface ReconcileSummary {
  created: string[];
  replaced: string[];
  pruned: string[];
  enabled: string[];
  disabled: string[];
  unchanged: string[];
  runsCreated: string[];
  runsUnchanged: string[];
  errors: string[];
}

/** Waits `ms` milliseconds. */
export function kfpSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * A small KFP REST client: `request(method, path, {query, body})` returns the parsed JSON body,
 * retries network errors, 429 and 5xx, and throws an Error with `status` and KFP's message otherwise.
 */
export function createKfpClient(options: KfpClientOptions): any {
  const base = String(options.apiUrl).replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const attempts = Math.max(1, options.attempts ?? 4);
  const retryDelayMs = options.retryDelayMs ?? 1000;
  const timeoutMs = options.timeoutMs ?? 30000;
  const log = options.log ?? ((line: string) => console.log(line));

  async function request(method: string, path: string, init: any = {}): Promise<any> {
    let url = base + path;
    if (init.query) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(init.query)) {
        if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
      }
      const qs = params.toString();
      if (qs) url += '?' + qs;
    }
    const headers: any = { accept: 'application/json' };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = 'Bearer ' + options.token;
    let lastError: any;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      let response: any;
      try {
        response = await doFetch(url, {
          method,
          headers,
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (e: any) {
        lastError = new Error(method + ' ' + path + ' failed: ' + (e && e.message ? e.message : String(e)));
        lastError.status = 0;
      }
      if (response) {
        const text = await response.text();
        let body: any = {};
        if (text) {
          try {
            body = JSON.parse(text);
          } catch (e) {
            body = { message: text };
          }
        }
        if (response.ok) return body;
        const message = body && (body.message || body.error) ? String(body.message || body.error) : text;
        lastError = new Error(method + ' ' + path + ' returned HTTP ' + response.status + ': ' + message);
        lastError.status = response.status;
        if (response.status !== 429 && response.status < 500) throw lastError;
      }
      if (attempt < attempts) {
        const delay = retryDelayMs * Math.pow(2, attempt - 1);
        log('retrying in ' + delay + ' ms: ' + lastError.message);
        await kfpSleep(delay);
      }
    }
    throw lastError;
  }
  return { request };
}

/** The marker the reconciler appends to descriptions of the runs it owns. */
export function kfpManagedMarker(owner: string, specHash: string): string {
  return '[managed-by cdk8s-kfp owner=' + owner + ' spec=' + specHash + ']';
}

/** Reads the marker back: `{ owner, specHash }`, or `undefined` when the description has none. */
export function kfpParseManagedMarker(description: any): any {
  if (typeof description !== 'string') return undefined;
  const m = /\[managed-by cdk8s-kfp owner=(\S+) spec=(\S+)\]\s*$/.exec(description);
  return m ? { owner: m[1], specHash: m[2] } : undefined;
}

/** The description stored in KFP: the declared one, then the ownership marker on its own line. */
export function kfpManagedDescription(description: any, owner: string, specHash: string): string {
  const marker = kfpManagedMarker(owner, specHash);
  return description ? String(description) + '\n\n' + marker : marker;
}

/**
 * A KFP list `filter` query value: every predicate is `{key, operation, string_value}`. KFP
 * URL-unescapes the filter once more after the HTTP layer did, which turns `+` into a space and
 * reads `%` as an escape; for values with those characters no filter is sent (an empty string),
 * and callers keep filtering the results themselves.
 */
export function kfpFilter(predicates: any[]): string {
  if (predicates.some((p: any) => /[%+]/.test(String(p.value)))) return '';
  return JSON.stringify({
    predicates: predicates.map((p: any) => ({ key: p.key, operation: p.operation, string_value: p.value })),
  });
}

/** Follows `next_page_token` until the list is complete and returns every item. */
export async function kfpListAll(client: any, path: string, query: any, field: string): Promise<any[]> {
  const items: any[] = [];
  let pageToken = '';
  for (let page = 0; page < 10000; page++) {
    const body = await client.request('GET', path, { query: { ...query, page_size: 100, page_token: pageToken } });
    const list = body[field] ?? body[field.replace(/[A-Z]/g, (c: string) => '_' + c.toLowerCase())] ?? [];
    items.push(...list);
    pageToken = body.next_page_token || body.nextPageToken || '';
    if (!pageToken) return items;
  }
  throw new Error('GET ' + path + ': more than 10000 pages; giving up');
}

/** Finds the experiment by display name in the namespace, creating (or unarchiving) it when needed. */
export async function kfpEnsureExperiment(
  client: any, namespace: string, name: string, description: any, dryRun: boolean, log: any,
): Promise<string> {
  const found = (await kfpListAll(client, '/apis/v2beta1/experiments', {
    namespace,
    filter: kfpFilter([{ key: 'display_name', operation: 'EQUALS', value: name }]),
  }, 'experiments')).filter((e: any) => e.display_name === name);
  if (found.length > 0) {
    const experiment = found.find((e: any) => e.storage_state !== 'ARCHIVED') ?? found[0];
    if (experiment.storage_state === 'ARCHIVED') {
      log('experiment "' + name + '" is archived; unarchiving it');
      if (!dryRun) await client.request('POST', '/apis/v2beta1/experiments/' + encodeURIComponent(experiment.experiment_id) + ':unarchive');
    }
    return experiment.experiment_id;
  }
  log('creating experiment "' + name + '"');
  if (dryRun) return 'dry-run-experiment-' + name;
  const created = await client.request('POST', '/apis/v2beta1/experiments', {
    body: { display_name: name, description: description ?? '', namespace },
  });
  return created.experiment_id;
}

/**
 * Resolves a pipeline name (and optional version name) to KFP IDs. Right after an Argo CD sync the
 * API server may not see a new Pipeline yet, so "not found" is retried `notFoundAttempts` times.
 */
export async function kfpResolvePipeline(
  client: any, name: string, namespace: any, version: any, notFoundAttempts: number, retryDelayMs: number, log: any,
): Promise<any> {
  for (let attempt = 1; ; attempt++) {
    try {
      let pipeline: any;
      try {
        pipeline = await client.request('GET', '/apis/v2beta1/pipelines/names/' + encodeURIComponent(name), { query: { namespace } });
      } catch (e: any) {
        if (e.status === 404) {
          const err: any = new Error('pipeline "' + name + '"' + (namespace ? ' in namespace ' + namespace : '') + ' was not found in KFP');
          err.notFound = true;
          throw err;
        }
        throw e;
      }
      if (!version) return { pipelineId: pipeline.pipeline_id, versionId: '' };
      const versions = await kfpListAll(client, '/apis/v2beta1/pipelines/' + encodeURIComponent(pipeline.pipeline_id) + '/versions', {
        filter: kfpFilter([{ key: 'name', operation: 'EQUALS', value: version }]),
      }, 'pipeline_versions');
      const match = versions.find((v: any) => v.name === version);
      if (!match) {
        const err: any = new Error('pipeline "' + name + '" has no version "' + version + '"');
        err.notFound = true;
        throw err;
      }
      return { pipelineId: pipeline.pipeline_id, versionId: match.pipeline_version_id };
    } catch (e: any) {
      if (!e.notFound || attempt >= notFoundAttempts) throw e;
      const delay = retryDelayMs * Math.pow(2, attempt - 1);
      log(e.message + '; retrying in ' + delay + ' ms');
      await kfpSleep(delay);
    }
  }
}

/** The fields a KFP `Run` and `RecurringRun` create body share, for a declared run. */
export function kfpRunBody(declared: DeclaredRun, owner: string, ids: any): any {
  const runtimeConfig: any = { parameters: declared.parameters ?? {} };
  if (declared.pipelineRoot) runtimeConfig.pipeline_root = declared.pipelineRoot;
  const reference: any = { pipeline_id: ids.pipelineId };
  if (ids.versionId) reference.pipeline_version_id = ids.versionId;
  const body: any = {
    display_name: declared.name,
    description: kfpManagedDescription(declared.description, owner, declared.specHash),
    pipeline_version_reference: reference,
    runtime_config: runtimeConfig,
    // No `namespace`: KFP takes it from the experiment, and in single-user mode, where experiments
    // have no namespace, a namespace here would be rejected as a mismatch.
    experiment_id: ids.experimentId,
  };
  if (declared.serviceAccount) body.service_account = declared.serviceAccount;
  return body;
}

/** The KFP `RecurringRun` create body for a declared recurring run. */
export function kfpRecurringRunBody(declared: DeclaredRecurringRun, owner: string, ids: any): any {
  return {
    ...kfpRunBody(declared, owner, ids),
    max_concurrency: String(declared.maxConcurrency),
    trigger: declared.trigger,
    mode: declared.enabled ? 'ENABLE' : 'DISABLE',
    no_catchup: declared.noCatchup,
  };
}

/** Whether an existing recurring run already is what `declared` asks for (ignoring enabled/disabled). */
export function kfpRecurringRunMatches(existing: any, declared: DeclaredRecurringRun, ids: any): boolean {
  const marker = kfpParseManagedMarker(existing.description);
  const ref = existing.pipeline_version_reference ?? {};
  return !!marker
    && marker.specHash === declared.specHash
    && existing.experiment_id === ids.experimentId
    && ref.pipeline_id === ids.pipelineId
    && (ref.pipeline_version_id ?? '') === (ids.versionId ?? '');
}

/** Whether KFP reports the recurring run as enabled. */
export function kfpIsEnabled(existing: any): boolean {
  if (existing.status) return existing.status === 'ENABLED';
  return existing.mode === 'ENABLE';
}

/** Makes KFP match the declaration: see the module comment and docs/gitops.md. */
export async function kfpReconcile(config: ReconcilerConfig, client: any, options: any = {}): Promise<ReconcileSummary> {
  const log = options.log ?? ((line: string) => console.log(line));
  const dryRun = !!options.dryRun;
  const notFoundAttempts = options.notFoundAttempts ?? 6;
  const retryDelayMs = options.retryDelayMs ?? 1000;
  const summary: ReconcileSummary = {
    created: [], replaced: [], pruned: [], enabled: [], disabled: [], unchanged: [], runsCreated: [], runsUnchanged: [], errors: [],
  };
  const ns = config.namespace;
  const owner = config.owner;
  const experiments = new Map<string, Promise<string>>();
  const pipelines = new Map<string, Promise<any>>();

  function experimentId(d: any): Promise<string> {
    if (!experiments.has(d.experiment)) {
      experiments.set(d.experiment, kfpEnsureExperiment(client, ns, d.experiment, d.experimentDescription, dryRun, log));
    }
    return experiments.get(d.experiment)!;
  }
  function pipelineIds(d: any): Promise<any> {
    const key = JSON.stringify([d.pipelineName, d.pipelineNamespace ?? '', d.version ?? '']);
    if (!pipelines.has(key)) {
      pipelines.set(key, kfpResolvePipeline(client, d.pipelineName, d.pipelineNamespace ?? ns, d.version, notFoundAttempts, retryDelayMs, log));
    }
    return pipelines.get(key)!;
  }
  async function resolveIds(d: any): Promise<any> {
    // The pipeline first: a run whose pipeline is missing creates no experiment.
    const ids = await pipelineIds(d);
    const experiment = await experimentId(d);
    return { experimentId: experiment, pipelineId: ids.pipelineId, versionId: ids.versionId };
  }
  async function remove(run: any, why: string): Promise<void> {
    log(why + ': deleting recurring run "' + run.display_name + '" (' + run.recurring_run_id + ')');
    if (!dryRun) await client.request('DELETE', '/apis/v2beta1/recurringruns/' + encodeURIComponent(run.recurring_run_id));
  }

  // 1. Every recurring run this reconciler owns, grouped by name.
  const listed = await kfpListAll(client, '/apis/v2beta1/recurringruns', {
    namespace: ns,
    filter: kfpFilter([{ key: 'description', operation: 'IS_SUBSTRING', value: 'owner=' + owner + ' ' }]),
  }, 'recurringRuns');
  const owned = new Map<string, any[]>();
  for (const run of listed) {
    const marker = kfpParseManagedMarker(run.description);
    if (!marker || marker.owner !== owner) continue;
    const group = owned.get(run.display_name) ?? [];
    group.push(run);
    owned.set(run.display_name, group);
  }

  // 2. Upsert each declared recurring run.
  for (const declared of config.recurringRuns) {
    try {
      const ids = await resolveIds(declared);
      const current = owned.get(declared.name) ?? [];
      const keep = current.find((r: any) => kfpRecurringRunMatches(r, declared, ids));
      if (keep) {
        const enabled = kfpIsEnabled(keep);
        if (enabled !== declared.enabled) {
          const action = declared.enabled ? 'enable' : 'disable';
          log(action + ' recurring run "' + declared.name + '"');
          if (!dryRun) await client.request('POST', '/apis/v2beta1/recurringruns/' + encodeURIComponent(keep.recurring_run_id) + ':' + action);
          (declared.enabled ? summary.enabled : summary.disabled).push(declared.name);
        } else {
          summary.unchanged.push(declared.name);
        }
      } else {
        // KFP has no update API: create the new recurring run first, then delete the old one, so a
        // failed create never leaves the schedule missing.
        log((current.length ? 'replacing' : 'creating') + ' recurring run "' + declared.name + '" (spec ' + declared.specHash + ')');
        if (!dryRun) await client.request('POST', '/apis/v2beta1/recurringruns', { body: kfpRecurringRunBody(declared, owner, ids) });
        (current.length ? summary.replaced : summary.created).push(declared.name);
      }
      for (const run of current) {
        if (run !== keep) await remove(run, keep ? 'duplicate' : 'outdated spec');
      }
    } catch (e: any) {
      summary.errors.push('recurring run "' + declared.name + '": ' + (e && e.message ? e.message : String(e)));
    }
  }

  // 3. Prune owned recurring runs that git no longer declares.
  if (config.prune) {
    const declaredNames = new Set(config.recurringRuns.map((d) => d.name));
    for (const [name, runs] of owned) {
      if (declaredNames.has(name)) continue;
      for (const run of runs) {
        try {
          await remove(run, 'no longer declared');
          summary.pruned.push(name);
        } catch (e: any) {
          summary.errors.push('pruning recurring run "' + name + '": ' + (e && e.message ? e.message : String(e)));
        }
      }
    }
  }

  // 4. One-off runs: created once per spec hash, never deleted (runs are history).
  for (const declared of config.runs ?? []) {
    try {
      const ids = await resolveIds(declared);
      const existing = dryRun && String(ids.experimentId).startsWith('dry-run-') ? [] : await kfpListAll(client, '/apis/v2beta1/runs', {
        namespace: ns,
        experiment_id: ids.experimentId,
        filter: kfpFilter([{ key: 'display_name', operation: 'EQUALS', value: declared.name }]),
      }, 'runs');
      const done = existing.find((r: any) => {
        const marker = kfpParseManagedMarker(r.description);
        return r.display_name === declared.name && marker && marker.owner === owner && marker.specHash === declared.specHash;
      });
      if (done) {
        summary.runsUnchanged.push(declared.name);
        continue;
      }
      log('creating run "' + declared.name + '" (spec ' + declared.specHash + ')');
      const body = kfpRunBody(declared, owner, ids);
      if (!dryRun) await client.request('POST', '/apis/v2beta1/runs', { body });
      summary.runsCreated.push(declared.name);
    } catch (e: any) {
      summary.errors.push('run "' + declared.name + '": ' + (e && e.message ? e.message : String(e)));
    }
  }
  return summary;
}

/**
 * The container's entry point: reads the configuration file and the environment, reconciles, logs
 * a summary and returns the process exit code (0 = everything converged).
 *
 * Environment: `KFP_API_URL`, `KFP_RECONCILER_CONFIG` (path of the JSON config), `KFP_TOKEN_FILE`
 * (optional bearer token), `KFP_RECONCILER_DRY_RUN`, `KFP_RETRY_DELAY_MS`, `KFP_REQUEST_ATTEMPTS`,
 * `KFP_NOT_FOUND_ATTEMPTS`, `KFP_REQUEST_TIMEOUT_MS`, `KFP_QUIT_SIDECAR_URL` (POSTed at the end,
 * e.g. Istio's `http://127.0.0.1:15020/quitquitquit`).
 */
export async function kfpReconcilerMain(env: any, readFile: (path: string) => string, log: (line: string) => void): Promise<number> {
  const startedAt = Date.now();
  let code = 0;
  try {
    const configPath = env.KFP_RECONCILER_CONFIG || '/etc/kfp-reconciler/config.json';
    const config = JSON.parse(readFile(configPath));
    const apiUrl = env.KFP_API_URL || 'http://ml-pipeline.kubeflow.svc.cluster.local:8888';
    const token = env.KFP_TOKEN_FILE ? readFile(env.KFP_TOKEN_FILE).trim() : undefined;
    const retryDelayMs = env.KFP_RETRY_DELAY_MS ? Number(env.KFP_RETRY_DELAY_MS) : 1000;
    const dryRun = env.KFP_RECONCILER_DRY_RUN === 'true';
    const client = createKfpClient({
      apiUrl,
      token,
      attempts: env.KFP_REQUEST_ATTEMPTS ? Number(env.KFP_REQUEST_ATTEMPTS) : 4,
      retryDelayMs,
      timeoutMs: env.KFP_REQUEST_TIMEOUT_MS ? Number(env.KFP_REQUEST_TIMEOUT_MS) : 30000,
      log,
    });
    log('cdk8s-kfp reconciler: owner=' + config.owner + ' namespace=' + config.namespace + ' api=' + apiUrl
      + ' recurringRuns=' + config.recurringRuns.length + ' runs=' + (config.runs ?? []).length + (dryRun ? ' (dry run)' : ''));
    const summary = await kfpReconcile(config, client, {
      log,
      dryRun,
      retryDelayMs,
      notFoundAttempts: env.KFP_NOT_FOUND_ATTEMPTS ? Number(env.KFP_NOT_FOUND_ATTEMPTS) : 6,
    });
    log('summary: ' + JSON.stringify(summary));
    for (const error of summary.errors) log('ERROR ' + error);
    code = summary.errors.length > 0 ? 1 : 0;
  } catch (e: any) {
    log('ERROR ' + (e && e.message ? e.message : String(e)));
    code = 1;
  }
  if (env.KFP_QUIT_SIDECAR_URL) {
    try {
      await fetch(env.KFP_QUIT_SIDECAR_URL, { method: 'POST', signal: AbortSignal.timeout(5000) });
    } catch (e) {
      log('could not stop the sidecar at ' + env.KFP_QUIT_SIDECAR_URL);
    }
  }
  log('done in ' + (Date.now() - startedAt) + ' ms, exit code ' + code);
  return code;
}
