/**
 * An in-process fake of the KFP 2.17 v2beta1 REST API: pipelines (read-only, seeded by tests),
 * pipeline versions, experiments, recurring runs and runs. It follows the real server where the
 * reconciler depends on it: JSON field names (`recurringRuns` is camelCase in list responses,
 * everything else snake_case), `page_size`/`page_token` pagination, `filter` (EQUALS and
 * IS_SUBSTRING), grpc-gateway error bodies, and create-time validation (mode, max_concurrency
 * 1..10, trigger, references). Every request is recorded.
 */
import { randomUUID } from 'crypto';
import * as http from 'http';
import { AddressInfo } from 'net';

export interface FakeRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly body?: any;
  readonly authorization?: string;
}

interface Injected {
  method: string;
  path: RegExp;
  status: number;
  times: number;
}

export class FakeKfp {
  public readonly pipelines: any[] = [];
  public readonly experiments: any[] = [];
  public readonly recurringRuns: any[] = [];
  public readonly runs: any[] = [];
  public readonly requests: FakeRequest[] = [];
  /** When set, every request must carry `authorization: Bearer <token>`. */
  public requiredToken?: string;
  /**
   * Multi-user mode. In single-user mode (the default), like KFP, namespaces in requests are
   * replaced by '' (experiments are stored without one; lists ignore it) and recurring runs get
   * the API server's own namespace.
   */
  public multiUser = false;
  public readonly podNamespace = 'kubeflow';
  private readonly injected: Injected[] = [];
  private server?: http.Server;
  private clock = Date.parse('2026-01-01T00:00:00Z');

  /** Adds a pipeline (as a Pipeline CR would) with the given version names, oldest first. */
  public addPipeline(name: string, versions: string[] = [], namespace = 'kubeflow'): any {
    const pipeline = { pipeline_id: randomUUID(), name, display_name: name, namespace, versions: [] as any[] };
    for (const v of versions) this.addVersion(pipeline, v);
    this.pipelines.push(pipeline);
    return pipeline;
  }

  public addVersion(pipeline: any, name: string): any {
    const version = { pipeline_id: pipeline.pipeline_id, pipeline_version_id: randomUUID(), name, display_name: name, created_at: this.now() };
    pipeline.versions.push(version);
    return version;
  }

  /** Makes the next `times` requests matching method and path fail with `status`. */
  public failNext(method: string, path: RegExp, status: number, times = 1): void {
    this.injected.push({ method, path, status, times });
  }

  /** Requests that changed something (everything but GET). */
  public mutations(): string[] {
    return this.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
  }

  public async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      let data = '';
      req.on('data', (c) => { data += c; });
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://fake');
        const query = Object.fromEntries(url.searchParams.entries());
        let body: any;
        try {
          body = data ? JSON.parse(data) : undefined;
        } catch {
          return this.send(res, 400, this.error(400, 'invalid JSON body'));
        }
        const request: FakeRequest = { method: req.method ?? 'GET', path: url.pathname, query, body, authorization: req.headers.authorization };
        this.requests.push(request);
        const [status, payload] = this.handle(request);
        this.send(res, status, payload);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const port = (this.server.address() as AddressInfo).port;
    return `http://127.0.0.1:${port}`;
  }

  public async stop(): Promise<void> {
    if (!this.server) return;
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private send(res: http.ServerResponse, status: number, payload: any): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(payload));
  }

  private now(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString();
  }

  private error(status: number, message: string): any {
    const code = { 400: 3, 401: 16, 403: 7, 404: 5, 409: 6, 500: 13, 503: 14 }[status] ?? 2;
    return { error: message, code, message, details: [] };
  }

  private handle(r: FakeRequest): [number, any] {
    const injected = this.injected.find((i) => i.times > 0 && i.method === r.method && i.path.test(r.path));
    if (injected) {
      injected.times--;
      return [injected.status, this.error(injected.status, 'injected failure')];
    }
    if (this.requiredToken && r.authorization !== `Bearer ${this.requiredToken}`) {
      return [401, this.error(401, 'Request header error: there is no user identity header.')];
    }
    const p = r.path;
    let m: RegExpExecArray | null;
    if (r.method === 'GET' && (m = /^\/apis\/v2beta1\/pipelines\/names\/([^/]+)$/.exec(p))) {
      const name = decodeURIComponent(m[1]);
      const ns = this.multiUser ? r.query.namespace : this.podNamespace;
      const pipeline = this.pipelines.find((x) => x.name === name && (!ns || x.namespace === ns));
      if (!pipeline) return [404, this.error(404, `Failed to get a pipeline with name ${name}: ResourceNotFoundError`)];
      return [200, this.apiPipeline(pipeline)];
    }
    if (r.method === 'GET' && (m = /^\/apis\/v2beta1\/pipelines\/([^/]+)\/versions$/.exec(p))) {
      const pipeline = this.pipelines.find((x) => x.pipeline_id === decodeURIComponent(m![1]));
      if (!pipeline) return [404, this.error(404, 'pipeline not found')];
      return this.list(pipeline.versions, r, 'pipeline_versions');
    }
    if (p === '/apis/v2beta1/experiments') {
      if (r.method === 'GET') {
        const ns = this.ns(r.query.namespace);
        return this.list(this.experiments.filter((e) => !ns || e.namespace === ns), r, 'experiments');
      }
      if (r.method === 'POST') {
        if (!r.body?.display_name) return [400, this.error(400, 'Experiment name is empty. Please specify a valid experiment name')];
        const ns = this.ns(r.body.namespace);
        if (this.multiUser && !ns) return [400, this.error(400, 'Invalid input error: Namespace cannot be empty')];
        if (this.experiments.some((e) => e.display_name === r.body.display_name && e.namespace === ns)) {
          return [409, this.error(409, `Failed to create a new experiment: The name ${r.body.display_name} already exist. Please specify a new name`)];
        }
        const experiment = {
          experiment_id: randomUUID(),
          display_name: r.body.display_name,
          description: r.body.description ?? '',
          namespace: ns,
          storage_state: 'AVAILABLE',
          created_at: this.now(),
        };
        this.experiments.push(experiment);
        return [200, experiment];
      }
    }
    if (r.method === 'POST' && (m = /^\/apis\/v2beta1\/experiments\/([^/:]+):unarchive$/.exec(p))) {
      const e = this.experiments.find((x) => x.experiment_id === decodeURIComponent(m![1]));
      if (!e) return [404, this.error(404, 'experiment not found')];
      e.storage_state = 'AVAILABLE';
      return [200, {}];
    }
    if (p === '/apis/v2beta1/recurringruns') {
      if (r.method === 'GET') {
        const ns = this.ns(r.query.namespace);
        if (this.multiUser && !ns) return [400, this.error(400, 'Invalid input error: namespace is required in multi-user mode')];
        const items = this.recurringRuns.filter((x) => !ns || x.namespace === ns);
        return this.list(items, r, 'recurringRuns');
      }
      if (r.method === 'POST') return this.createRecurringRun(r.body);
    }
    if ((m = /^\/apis\/v2beta1\/recurringruns\/([^/:]+)(?::(enable|disable))?$/.exec(p))) {
      const id = decodeURIComponent(m[1]);
      const run = this.recurringRuns.find((x) => x.recurring_run_id === id);
      if (!run) return [404, this.error(404, `Job ${id} not found`)];
      if (r.method === 'GET' && !m[2]) return [200, run];
      if (r.method === 'DELETE' && !m[2]) {
        this.recurringRuns.splice(this.recurringRuns.indexOf(run), 1);
        return [200, {}];
      }
      if (r.method === 'POST' && m[2]) {
        run.status = m[2] === 'enable' ? 'ENABLED' : 'DISABLED';
        run.mode = m[2] === 'enable' ? 'ENABLE' : 'DISABLE';
        run.updated_at = this.now();
        return [200, {}];
      }
    }
    if (p === '/apis/v2beta1/runs') {
      if (r.method === 'GET') {
        const items = this.runs.filter((x) => (!r.query.experiment_id || x.experiment_id === r.query.experiment_id));
        return this.list(items, r, 'runs');
      }
      if (r.method === 'POST') {
        const problem = this.checkReferences(r.body);
        if (problem) return [400, this.error(400, problem)];
        const run = { ...r.body, namespace: this.experimentNamespace(r.body), run_id: randomUUID(), state: 'PENDING', created_at: this.now() };
        this.runs.push(run);
        return [200, run];
      }
    }
    return [404, this.error(404, `Not Found: ${r.method} ${p}`)];
  }

  private apiPipeline(p: any): any {
    return { pipeline_id: p.pipeline_id, name: p.name, display_name: p.display_name, namespace: p.namespace, created_at: '2026-01-01T00:00:00Z' };
  }

  private ns(namespace: string | undefined): string {
    return this.multiUser ? namespace ?? '' : '';
  }

  /** KFP's GetValidExperimentNamespacePair: the namespace comes from the experiment. */
  private experimentNamespace(body: any): string {
    const experiment = this.experiments.find((e) => e.experiment_id === body.experiment_id);
    return experiment.namespace || this.podNamespace;
  }

  private checkReferences(body: any): string | undefined {
    if (!body?.display_name) return 'Invalid input error: The display name cannot be empty';
    const experiment = this.experiments.find((e) => e.experiment_id === body.experiment_id);
    if (experiment && body.namespace && body.namespace !== experiment.namespace) {
      return `Invalid input error: Experiment ${experiment.experiment_id} belongs to namespace '${experiment.namespace}' instead of '${body.namespace}'`;
    }
    const ref = body.pipeline_version_reference;
    const pipeline = this.pipelines.find((x) => x.pipeline_id === ref?.pipeline_id);
    if (!pipeline) return `Failed to fetch pipeline ${ref?.pipeline_id}: ResourceNotFoundError`;
    if (ref.pipeline_version_id && !pipeline.versions.some((v: any) => v.pipeline_version_id === ref.pipeline_version_id)) {
      return `Failed to fetch pipeline version ${ref.pipeline_version_id}: ResourceNotFoundError`;
    }
    if (!this.experiments.some((e) => e.experiment_id === body.experiment_id)) return `Experiment ${body.experiment_id} not found`;
    return undefined;
  }

  private createRecurringRun(body: any): [number, any] {
    const problem = this.checkReferences(body);
    if (problem) return [400, this.error(400, problem)];
    if (body.mode !== 'ENABLE' && body.mode !== 'DISABLE') {
      return [400, this.error(400, 'Invalid input error: Recurring run mode must be ENABLE or DISABLE')];
    }
    const maxConcurrency = Number(body.max_concurrency ?? '1');
    if (!Number.isInteger(maxConcurrency) || maxConcurrency < 1 || maxConcurrency > 10) {
      return [400, this.error(400, `Invalid input error: max concurrency of the recurring run should be in the range of [1,10]. Received ${body.max_concurrency}`)];
    }
    const cron = body.trigger?.cron_schedule?.cron;
    const interval = body.trigger?.periodic_schedule?.interval_second;
    if (cron !== undefined) {
      if (!(cron.startsWith('@') || cron.trim().split(/\s+/).length === 6)) {
        return [400, this.error(400, `fake KFP: expected a 6-field cron or a descriptor, got '${cron}'`)];
      }
    } else if (interval !== undefined) {
      if (!(Number(interval) >= 1)) return [400, this.error(400, 'Invalid input error: The interval for a periodic schedule should be larger than 0')];
    } else {
      return [400, this.error(400, 'fake KFP: a trigger is required')];
    }
    const run = {
      ...body,
      namespace: this.experimentNamespace(body),
      recurring_run_id: randomUUID(),
      max_concurrency: String(maxConcurrency),
      status: body.mode === 'ENABLE' ? 'ENABLED' : 'DISABLED',
      created_at: this.now(),
      updated_at: this.now(),
    };
    this.recurringRuns.push(run);
    return [200, run];
  }

  private list(items: any[], r: FakeRequest, field: string): [number, any] {
    let selected = items;
    if (r.query.filter) {
      let filter: any;
      try {
        // Like KFP (parseAPIFilter): one more url.QueryUnescape after the HTTP layer's.
        filter = JSON.parse(decodeURIComponent(r.query.filter.replace(/\+/g, ' ')));
      } catch {
        return [400, this.error(400, 'Invalid input error: failed to parse filter')];
      }
      for (const pred of filter.predicates ?? []) {
        const value = pred.string_value ?? pred.stringValue;
        const key = pred.key === 'name' && field !== 'pipeline_versions' ? 'display_name' : pred.key;
        if (pred.operation === 'EQUALS') selected = selected.filter((x) => x[key] === value);
        else if (pred.operation === 'IS_SUBSTRING') selected = selected.filter((x) => String(x[key] ?? '').includes(value));
        else return [400, this.error(400, `fake KFP: unsupported operation ${pred.operation}`)];
      }
    }
    const pageSize = Math.min(Number(r.query.page_size ?? 20) || 20, 200);
    const offset = r.query.page_token ? Number(Buffer.from(r.query.page_token, 'base64').toString()) : 0;
    const page = selected.slice(offset, offset + pageSize);
    const next = offset + pageSize < selected.length ? Buffer.from(String(offset + pageSize)).toString('base64') : '';
    const out: any = { [field]: page, total_size: selected.length };
    if (next) out.next_page_token = next;
    return [200, out];
  }
}
