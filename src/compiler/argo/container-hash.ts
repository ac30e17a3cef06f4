/**
 * The executor container spec as the backend sees it, and the SHA-256 that names its
 * `components-<hash>` / `implementations-<hash>` workflow parameters.
 *
 * The backend re-reads `deploymentSpec` into the `PipelineDeploymentConfig` proto, dropping unknown
 * fields, so `implementations-<hash>` holds only the fields that proto knows (in protojson form:
 * camelCase names, int64 as strings, default values left out). The hash, however, is taken over
 * Go's `encoding/json` of the generated Go struct: fields in declaration order, snake_case names
 * from the struct tags, `omitempty`, and int64 as a JSON number.
 */
import { createHash } from 'crypto';
import { goNumber, goString } from './go-json';

function field(obj: any, camel: string, snake: string): any {
  if (obj == null || typeof obj !== 'object') return undefined;
  return obj[camel] !== undefined ? obj[camel] : obj[snake];
}

function str(v: any, where: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new Error(`${where}: expected a string, got ${JSON.stringify(v)}`);
  return v === '' ? undefined : v;
}

function strList(v: any, where: string): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw new Error(`${where}: expected a list of strings, got ${JSON.stringify(v)}`);
  const out = v.map((x, i) => {
    if (typeof x !== 'string') throw new Error(`${where}[${i}]: expected a string, got ${JSON.stringify(x)}`);
    return x;
  });
  return out.length === 0 ? undefined : out;
}

function dbl(v: any, where: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || Number.isNaN(n)) throw new Error(`${where}: expected a number, got ${JSON.stringify(v)}`);
  return n === 0 ? undefined : n;
}

function int64(v: any, where: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  const s = typeof v === 'number' ? String(v) : v;
  if (typeof s !== 'string' || !/^-?\d+$/.test(s)) throw new Error(`${where}: expected an integer, got ${JSON.stringify(v)}`);
  const canonical = BigInt(s).toString();
  return canonical === '0' ? undefined : canonical;
}

function message(v: any, where: string): any {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw new Error(`${where}: expected an object, got ${JSON.stringify(v)}`);
  return v;
}

function compact(o: { [k: string]: any }): any {
  const out: any = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}

/**
 * `PipelineContainerSpec` in protojson form (camelCase, only known fields, defaults dropped),
 * as the backend re-reads it from `deploymentSpec.executors.<label>.container`.
 */
export function normalizeContainerSpec(raw: any, where: string): any {
  const c = message(raw, where) ?? {};
  const out: any = {
    image: str(c.image, `${where}.image`),
    command: strList(c.command, `${where}.command`),
    args: strList(c.args, `${where}.args`),
  };
  const lc = message(c.lifecycle, `${where}.lifecycle`);
  if (lc) {
    const pre = message(field(lc, 'preCacheCheck', 'pre_cache_check'), `${where}.lifecycle.preCacheCheck`);
    out.lifecycle = compact({
      preCacheCheck: pre ? compact({
        command: strList(pre.command, `${where}.lifecycle.preCacheCheck.command`),
        args: strList(pre.args, `${where}.lifecycle.preCacheCheck.args`),
      }) : undefined,
    });
  }
  const r = message(c.resources, `${where}.resources`);
  if (r) {
    const w = `${where}.resources`;
    const acc = message(r.accelerator, `${w}.accelerator`);
    out.resources = compact({
      cpuLimit: dbl(field(r, 'cpuLimit', 'cpu_limit'), `${w}.cpuLimit`),
      memoryLimit: dbl(field(r, 'memoryLimit', 'memory_limit'), `${w}.memoryLimit`),
      cpuRequest: dbl(field(r, 'cpuRequest', 'cpu_request'), `${w}.cpuRequest`),
      memoryRequest: dbl(field(r, 'memoryRequest', 'memory_request'), `${w}.memoryRequest`),
      resourceCpuLimit: str(field(r, 'resourceCpuLimit', 'resource_cpu_limit'), `${w}.resourceCpuLimit`),
      resourceMemoryLimit: str(field(r, 'resourceMemoryLimit', 'resource_memory_limit'), `${w}.resourceMemoryLimit`),
      resourceCpuRequest: str(field(r, 'resourceCpuRequest', 'resource_cpu_request'), `${w}.resourceCpuRequest`),
      resourceMemoryRequest: str(field(r, 'resourceMemoryRequest', 'resource_memory_request'), `${w}.resourceMemoryRequest`),
      accelerator: acc ? compact({
        type: str(acc.type, `${w}.accelerator.type`),
        count: int64(acc.count, `${w}.accelerator.count`),
        resourceType: str(field(acc, 'resourceType', 'resource_type'), `${w}.accelerator.resourceType`),
        resourceCount: str(field(acc, 'resourceCount', 'resource_count'), `${w}.accelerator.resourceCount`),
      }) : undefined,
    });
  }
  if (c.env !== undefined && c.env !== null) {
    if (!Array.isArray(c.env)) throw new Error(`${where}.env: expected a list, got ${JSON.stringify(c.env)}`);
    const env = c.env.map((e: any, i: number) => {
      const m = message(e, `${where}.env[${i}]`) ?? {};
      return compact({ name: str(m.name, `${where}.env[${i}].name`), value: str(m.value, `${where}.env[${i}].value`) });
    });
    if (env.length > 0) out.env = env;
  }
  return compact(out);
}

/** Go's encoding/json of the generated `PipelineContainerSpec` struct (field order, snake_case tags). */
export function containerStructJson(c: any): string {
  const parts: string[] = [];
  const add = (name: string, json: string | undefined) => {
    if (json !== undefined) parts.push(goString(name) + ':' + json);
  };
  const strs = (l: string[] | undefined) => (l ? '[' + l.map(goString).join(',') + ']' : undefined);
  const obj = (fields: Array<[string, string | undefined]>) =>
    '{' + fields.filter(([, v]) => v !== undefined).map(([k, v]) => goString(k) + ':' + v).join(',') + '}';
  const s = (v: string | undefined) => (v === undefined ? undefined : goString(v));
  const n = (v: number | undefined) => (v === undefined ? undefined : goNumber(v));

  add('image', s(c.image));
  add('command', strs(c.command));
  add('args', strs(c.args));
  if (c.lifecycle) {
    const pre = c.lifecycle.preCacheCheck;
    add('lifecycle', obj([['pre_cache_check', pre ? obj([['command', strs(pre.command)], ['args', strs(pre.args)]]) : undefined]]));
  }
  if (c.resources) {
    const r = c.resources;
    const a = r.accelerator;
    add('resources', obj([
      ['cpu_limit', n(r.cpuLimit)],
      ['memory_limit', n(r.memoryLimit)],
      ['cpu_request', n(r.cpuRequest)],
      ['memory_request', n(r.memoryRequest)],
      ['resource_cpu_limit', s(r.resourceCpuLimit)],
      ['resource_memory_limit', s(r.resourceMemoryLimit)],
      ['resource_cpu_request', s(r.resourceCpuRequest)],
      ['resource_memory_request', s(r.resourceMemoryRequest)],
      ['accelerator', a ? obj([
        ['type', s(a.type)],
        ['count', a.count],
        ['resource_type', s(a.resourceType)],
        ['resource_count', s(a.resourceCount)],
      ]) : undefined],
    ]));
  }
  if (c.env) add('env', '[' + c.env.map((e: any) => obj([['name', s(e.name)], ['value', s(e.value)]])).join(',') + ']');
  return '{' + parts.join(',') + '}';
}

/** Lowercase hex SHA-256 of the container, as in the names `components-<hash>`. */
export function hashContainer(normalized: any): string {
  return createHash('sha256').update(containerStructJson(normalized), 'utf8').digest('hex');
}
