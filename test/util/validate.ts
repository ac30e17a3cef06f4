/**
 * Schema validation for synthesized manifests.
 *
 * Every object is validated against the JSON schema of its kind:
 * - core Kubernetes kinds through `kubernetes-models`;
 * - Argo, Karpenter, Prometheus Operator and External Secrets kinds through `@kubernetes-models/*`;
 * - custom resources whose CRD we ship (or that appear in the same object set) against that
 *   CRD's `openAPIV3Schema`.
 *
 * A kind with no known schema is an error unless the caller names it in `unvalidated`, so nothing
 * slips through unchecked.
 */
import Ajv, { ValidateFunction } from 'ajv';
import { knownCrds } from './crd-registry';

export interface ValidateOptions {
  /**
   * Kinds deliberately left unvalidated, as `group/version/Kind`, `apiVersion/Kind` or `Kind`.
   * Tests that use this must say why.
   */
  readonly unvalidated?: string[];
  /** Extra CustomResourceDefinitions to validate custom resources against. */
  readonly crds?: any[];
}

/** Which package holds the schema models of an API group. */
const MODEL_PACKAGES: Array<{ match: (group: string) => boolean; pkg: string }> = [
  { match: (g) => g === 'argoproj.io', pkg: '@kubernetes-models/argo-workflows' },
  { match: (g) => g === 'karpenter.sh' || g === 'karpenter.k8s.aws', pkg: '@kubernetes-models/karpenter' },
  { match: (g) => g === 'monitoring.coreos.com', pkg: '@kubernetes-models/prometheus-operator' },
  { match: (g) => g === 'external-secrets.io' || g === 'generators.external-secrets.io', pkg: '@kubernetes-models/external-secrets' },
  {
    match: (g) => g === '' || g.endsWith('.k8s.io') || ['apps', 'batch', 'policy', 'autoscaling', 'extensions'].includes(g),
    pkg: 'kubernetes-models',
  },
];

const modelCache = new Map<string, any | null>();

async function loadModel(apiVersion: string, kind: string): Promise<any | undefined> {
  const key = `${apiVersion}/${kind}`;
  if (modelCache.has(key)) return modelCache.get(key) ?? undefined;
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  const entry = MODEL_PACKAGES.find((p) => p.match(group));
  let model: any = null;
  if (entry) {
    try {
      const mod = await import(`${entry.pkg}/${apiVersion}/${kind}`);
      model = mod[kind] ?? null;
    } catch {
      model = null;
    }
  }
  modelCache.set(key, model);
  return model ?? undefined;
}

/**
 * Argo's published schema requires `container.name`, and `apiVersion`/`kind` on each
 * `volumeClaimTemplates` entry, which Argo and Kubernetes do not. Fill them in a copy so that
 * valid workflows are not rejected; the output itself is never changed.
 */
function argoSchemaCompat(obj: any): any {
  const copy = JSON.parse(JSON.stringify(obj));
  const spec = copy.kind === 'CronWorkflow' ? copy.spec?.workflowSpec : copy.spec;
  for (const t of spec?.templates ?? []) {
    for (const key of ['container', 'script']) {
      if (t[key] && t[key].name === undefined) t[key].name = 'main';
    }
    for (const key of ['initContainers', 'sidecars']) {
      (t[key] ?? []).forEach((c: any, i: number) => { if (c.name === undefined) c.name = `${key}-${i}`; });
    }
  }
  for (const pvc of spec?.volumeClaimTemplates ?? []) {
    pvc.apiVersion ??= 'v1';
    pvc.kind ??= 'PersistentVolumeClaim';
  }
  return copy;
}

/** Turn a structural CRD schema into plain JSON schema for ajv. */
function toJsonSchema(schema: any): any {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: any = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k.startsWith('x-kubernetes-')) continue;
    if (k === 'properties' || k === 'patternProperties' || k === 'definitions') {
      out[k] = Object.fromEntries(Object.entries(v as any).map(([pk, pv]) => [pk, toJsonSchema(pv)]));
    } else {
      out[k] = toJsonSchema(v);
    }
  }
  if (schema['x-kubernetes-int-or-string']) {
    delete out.type;
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (out.nullable && out.type === undefined) delete out.nullable;
  return out;
}

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const crdValidatorCache = new WeakMap<object, ValidateFunction>();

function crdValidator(crd: any, version: string): ValidateFunction | undefined {
  const v = (crd.spec?.versions ?? []).find((x: any) => x.name === version);
  const schema = v?.schema?.openAPIV3Schema;
  if (!schema) return undefined;
  let fn = crdValidatorCache.get(schema);
  if (!fn) {
    const js = toJsonSchema(schema);
    // `metadata` is validated by Kubernetes itself; CRDs only declare `type: object`.
    fn = ajv.compile(js);
    crdValidatorCache.set(schema, fn);
  }
  return fn;
}

function crdIndex(crds: any[]): Map<string, any> {
  const index = new Map<string, any>();
  for (const crd of crds) {
    if (crd?.kind !== 'CustomResourceDefinition') continue;
    const group = crd.spec?.group;
    const kind = crd.spec?.names?.kind;
    for (const v of crd.spec?.versions ?? []) index.set(`${group}/${v.name}/${kind}`, crd);
  }
  return index;
}

function describe(obj: any, index: number): string {
  const ns = obj?.metadata?.namespace ? `${obj.metadata.namespace}/` : '';
  const name = obj?.metadata?.name ?? obj?.metadata?.generateName ?? `#${index}`;
  return `${obj?.apiVersion ?? '?'} ${obj?.kind ?? '?'} ${ns}${name}`;
}

function isUnvalidated(obj: any, unvalidated: string[]): boolean {
  const group = String(obj.apiVersion ?? '').includes('/') ? String(obj.apiVersion).split('/')[0] : '';
  const candidates = [obj.kind, `${obj.apiVersion}/${obj.kind}`, `${group}/${obj.kind}`];
  return candidates.some((c) => unvalidated.includes(c));
}

/**
 * Returns one message per invalid object: the object, then each failing field and why.
 * An empty list means every object is valid.
 */
export async function manifestErrors(objects: any[], options: ValidateOptions = {}): Promise<string[]> {
  const unvalidated = options.unvalidated ?? [];
  const crds = crdIndex([...knownCrds(), ...(options.crds ?? []), ...objects]);
  const errors: string[] = [];
  for (const [i, obj] of objects.entries()) {
    const where = describe(obj, i);
    if (!obj || typeof obj !== 'object' || !obj.apiVersion || !obj.kind) {
      errors.push(`${where}: not a Kubernetes object (apiVersion and kind are required)`);
      continue;
    }
    if (!obj.metadata?.name && !obj.metadata?.generateName) {
      errors.push(`${where}: metadata.name (or metadata.generateName) is required`);
    }
    if (isUnvalidated(obj, unvalidated)) continue;
    const model = await loadModel(obj.apiVersion, obj.kind);
    if (model) {
      const data = String(obj.apiVersion).startsWith('argoproj.io/') ? argoSchemaCompat(obj) : obj;
      try {
        new model(data).validate();
      } catch (e: any) {
        const details = (e.errors ?? []).map((x: any) => `${x.instancePath || '/'} ${x.message}${x.params?.missingProperty ? '' : ''}`);
        errors.push(`${where}: ${details.length ? details.join('; ') : e.message}`);
      }
      continue;
    }
    const [group, version] = String(obj.apiVersion).split('/');
    const crd = crds.get(`${group}/${version}/${obj.kind}`);
    const fn = crd ? crdValidator(crd, version) : undefined;
    if (!fn) {
      errors.push(`${where}: no schema is known for ${obj.apiVersion} ${obj.kind}; ship its CRD or list it in 'unvalidated'`);
      continue;
    }
    if (!fn(obj)) {
      const details = (fn.errors ?? []).map((x) => `${x.instancePath || '/'} ${x.message}`);
      errors.push(`${where}: ${details.join('; ')}`);
    }
  }
  return errors;
}

/** Throws one error listing every invalid object and field. */
export async function validateManifests(objects: any[], options: ValidateOptions = {}): Promise<void> {
  const errors = await manifestErrors(objects, options);
  if (errors.length > 0) {
    throw new Error(`${errors.length} invalid manifest(s):\n  ${errors.join('\n  ')}`);
  }
}
