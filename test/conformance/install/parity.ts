/**
 * Compares a synthesized install with an upstream rendering, aspect by aspect, and sorts every
 * difference into "deliberate" (listed with its reason) or "unexplained".
 */
import { isDeepStrictEqual } from 'util';
import { parse } from 'yaml';
import { keyOf } from './upstream';

/** A difference we make on purpose, and why. `key` is `<aspect> <Kind>/<namespace>/<name>[ <detail>]`. */
export interface Deliberate {
  readonly key: string;
  readonly reason: string;
}

/** A difference that applies to many objects, checked by a predicate over our objects. */
export interface GlobalDeliberate {
  readonly name: string;
  readonly reason: string;
  /** Returns the objects that break the rule (expected: none). */
  readonly violations: (ours: any[]) => string[];
}

export interface ParityResult {
  readonly upstreamObjects: number;
  readonly matched: number;
  readonly deliberate: string[];
  readonly unexplained: string[];
  readonly stale: string[];
}

function workloadContainers(obj: any): any[] {
  const spec = obj.spec?.template?.spec;
  if (!spec) return [];
  return [...(spec.initContainers ?? []).map((c: any) => ({ ...c, init: true })), ...(spec.containers ?? [])];
}

function normalizeServicePort(p: any): string {
  return JSON.stringify({ name: p.name ?? '', port: p.port, targetPort: String(p.targetPort ?? p.port), protocol: p.protocol ?? 'TCP' });
}

function normalizeRules(rules: any[] = []): string[] {
  return rules.map((r) => JSON.stringify({
    apiGroups: [...(r.apiGroups ?? [])].sort(),
    resources: [...(r.resources ?? [])].sort(),
    resourceNames: [...(r.resourceNames ?? [])].sort(),
    verbs: [...(r.verbs ?? [])].sort(),
  })).sort();
}

function parsed(value: string): any {
  try {
    return parse(value);
  } catch {
    return value;
  }
}

/** Every aspect difference between two objects with the same key, as `<aspect> <key>[ <detail>]`. */
function aspectDiffs(theirs: any, ours: any): string[] {
  const key = keyOf(theirs);
  const out: string[] = [];
  const tc = new Map(workloadContainers(theirs).map((c) => [c.name, c]));
  const oc = new Map(workloadContainers(ours).map((c) => [c.name, c]));
  for (const name of new Set([...tc.keys(), ...oc.keys()])) {
    const a = tc.get(name);
    const b = oc.get(name);
    if (!a || !b) {
      out.push(`container ${key} ${name}`);
      continue;
    }
    if (a.image !== b.image) out.push(`image ${key} ${name}`);
    const ports = (c: any) => (c.ports ?? []).map((p: any) => `${p.name ?? ''}:${p.containerPort}/${p.protocol ?? 'TCP'}`).sort();
    if (!isDeepStrictEqual(ports(a), ports(b))) out.push(`containerPorts ${key} ${name}`);
    const envNames = (c: any) => [...(c.env ?? []).map((e: any) => e.name), ...(c.envFrom ?? []).map((e: any) => `envFrom:${e.secretRef?.name ?? e.configMapRef?.name}`)].sort();
    if (!isDeepStrictEqual(envNames(a), envNames(b))) out.push(`env ${key} ${name}`);
  }
  if (theirs.kind === 'Service') {
    const a = (theirs.spec.ports ?? []).map(normalizeServicePort);
    const b = (ours.spec.ports ?? []).map(normalizeServicePort);
    if (!isDeepStrictEqual(a, b)) out.push(`servicePorts ${key}`);
  }
  if (theirs.kind === 'Role' || theirs.kind === 'ClusterRole') {
    if (!isDeepStrictEqual(normalizeRules(theirs.rules), normalizeRules(ours.rules))) out.push(`rules ${key}`);
  }
  if (theirs.kind === 'RoleBinding' || theirs.kind === 'ClusterRoleBinding') {
    const subjects = (o: any) => (o.subjects ?? []).map((s: any) => `${s.kind}:${s.namespace ?? ''}/${s.name}`).sort();
    if (!isDeepStrictEqual(theirs.roleRef, ours.roleRef) || !isDeepStrictEqual(subjects(theirs), subjects(ours))) out.push(`binding ${key}`);
  }
  if (theirs.kind === 'ConfigMap') {
    for (const k of new Set([...Object.keys(theirs.data ?? {}), ...Object.keys(ours.data ?? {})])) {
      const a = theirs.data?.[k];
      const b = ours.data?.[k];
      if (a === b) continue;
      if (a !== undefined && b !== undefined && isDeepStrictEqual(parsed(a), parsed(b))) continue;
      out.push(`configData ${key} ${k}`);
    }
  }
  return out;
}

/** Compares our objects with upstream's and classifies every difference. */
export function compareInstall(theirs: any[], ours: any[], deliberate: Deliberate[], globals: GlobalDeliberate[]): ParityResult {
  const ourIndex = new Map(ours.map((o) => [keyOf(o), o]));
  const theirIndex = new Map(theirs.map((o) => [keyOf(o), o]));
  const observed: string[] = [];
  let matched = 0;
  for (const [key, obj] of theirIndex) {
    const mine = ourIndex.get(key);
    if (!mine) {
      observed.push(`missing ${key}`);
      continue;
    }
    const diffs = aspectDiffs(obj, mine);
    if (diffs.length === 0) matched++;
    observed.push(...diffs);
  }
  for (const key of ourIndex.keys()) {
    if (!theirIndex.has(key)) observed.push(`extra ${key}`);
  }
  const listed = new Map(deliberate.map((d) => [d.key, d.reason]));
  const explained = observed.filter((o) => listed.has(o));
  const unexplained = observed.filter((o) => !listed.has(o));
  const stale = deliberate.map((d) => d.key).filter((k) => !observed.includes(k));
  for (const g of globals) {
    const v = g.violations(ours);
    if (v.length > 0) unexplained.push(`global '${g.name}' does not hold for: ${v.join(', ')}`);
    else explained.push(`global ${g.name}`);
  }
  return { upstreamObjects: theirIndex.size, matched, deliberate: explained, unexplained, stale };
}
