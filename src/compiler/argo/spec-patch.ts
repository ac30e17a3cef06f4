/**
 * A Kubernetes strategic merge patch of an Argo `WorkflowSpec`, as the backend applies
 * `COMPILED_PIPELINE_SPEC_PATCH`: maps merge recursively, `null` deletes a key, lists of
 * objects with a merge key (templates and parameters by `name`, tolerations by `key`, ...) merge
 * element by element, other lists are replaced. `$patch: replace` / `$patch: delete` and
 * `$retainKeys` are honoured on maps.
 */

/** Merge keys of the WorkflowSpec lists (patchMergeKey tags of the Argo and core types). */
const MERGE_KEYS: { [field: string]: string } = {
  templates: 'name',
  parameters: 'name',
  artifacts: 'name',
  volumes: 'name',
  imagePullSecrets: 'name',
  initContainers: 'name',
  sidecars: 'name',
  env: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  tolerations: 'key',
  hostAliases: 'ip',
  ports: 'containerPort',
};

function isMap(v: unknown): v is { [k: string]: any } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function clone<T>(v: T): T {
  return v === undefined ? v : JSON.parse(JSON.stringify(v));
}

function stripDirectives(v: any): any {
  if (Array.isArray(v)) return v.map(stripDirectives);
  if (!isMap(v)) return v;
  const out: any = {};
  for (const [k, x] of Object.entries(v)) if (!k.startsWith('$')) out[k] = stripDirectives(x);
  return out;
}

function mergeList(original: any[], patch: any[], key: string | undefined): any[] {
  if (!key || !patch.every((p) => isMap(p))) return stripDirectives(clone(patch));
  const result = clone(original);
  for (const p of patch) {
    const id = p[key];
    const index = result.findIndex((o: any) => isMap(o) && o[key] === id);
    if (p.$patch === 'delete') {
      if (index >= 0) result.splice(index, 1);
      continue;
    }
    if (index >= 0) result[index] = mergeMap(result[index], p);
    else result.push(stripDirectives(clone(p)));
  }
  return result;
}

function mergeMap(original: any, patch: { [k: string]: any }): any {
  if (patch.$patch === 'replace') return stripDirectives(clone(patch));
  if (patch.$patch === 'delete') return undefined;
  const result: any = isMap(original) ? clone(original) : {};
  const retain: string[] | undefined = Array.isArray(patch.$retainKeys) ? patch.$retainKeys : undefined;
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    if (v === null) {
      delete result[k];
    } else if (isMap(v)) {
      const merged = mergeMap(result[k], v);
      if (merged === undefined) delete result[k];
      else result[k] = merged;
    } else if (Array.isArray(v)) {
      result[k] = Array.isArray(result[k]) ? mergeList(result[k], v, MERGE_KEYS[k]) : stripDirectives(clone(v));
    } else {
      result[k] = v;
    }
  }
  if (retain) for (const k of Object.keys(result)) if (!retain.includes(k)) delete result[k];
  return result;
}

/** Applies a strategic merge patch to a Workflow spec, returning a new object. */
export function applyStrategicMergePatch(spec: any, patch: { [k: string]: any }): any {
  return mergeMap(spec, patch) ?? {};
}
