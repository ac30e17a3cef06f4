/**
 * Plain-object helpers shared by the install's components (not part of the public API).
 */
import { Size, SizeRoundingBehavior } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';

/** The label kustomize adds to every object of an upstream env (kept: selectors are immutable). */
export const APP_LABEL = { 'application-crd-id': 'kubeflow-pipelines' };

/** An env var value: a literal, or a reference. */
export type EnvSource =
  | { value: string }
  | { secret: string; key: string; optional?: boolean }
  | { configMap: string; key: string; optional?: boolean }
  | { field: string; apiVersion?: string };

export function env(name: string, source: EnvSource | string): any {
  if (typeof source === 'string') return { name, value: source };
  if ('value' in source) return { name, value: source.value };
  if ('secret' in source) {
    return { name, valueFrom: { secretKeyRef: { name: source.secret, key: source.key, ...(source.optional ? { optional: true } : {}) } } };
  }
  if ('configMap' in source) {
    return { name, valueFrom: { configMapKeyRef: { name: source.configMap, key: source.key, ...(source.optional ? { optional: true } : {}) } } };
  }
  return { name, valueFrom: { fieldRef: { ...(source.apiVersion ? { apiVersion: source.apiVersion } : {}), fieldPath: source.field } } };
}

/** `pipeline-install-config` key reference. */
export function cfg(key: string, optional = false): EnvSource {
  return { configMap: 'pipeline-install-config', key, optional };
}

export const POD_NAMESPACE: EnvSource = { field: 'metadata.namespace' };

/** The container security context upstream uses for KFP images (Pod Security "restricted"). */
export function restricted(user?: number, group?: number, extra: any = {}): any {
  const sc: any = {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    runAsNonRoot: true,
    seccompProfile: { type: 'RuntimeDefault' },
  };
  if (user !== undefined) sc.runAsUser = user;
  if (group !== undefined) sc.runAsGroup = group;
  return { ...sc, ...extra };
}

/** The pod security context upstream uses. */
export function podSecurity(fsGroup?: number): any {
  const sc: any = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
  if (fsGroup !== undefined) {
    sc.fsGroup = fsGroup;
    sc.fsGroupChangePolicy = 'OnRootMismatch';
  }
  return sc;
}

const WAIT_SCRIPT = [
  'if [ -z "${WAIT_HOST}" ] || [ -z "${WAIT_PORT}" ]; then',
  '  echo "ERROR: WAIT_HOST or WAIT_PORT is not set."',
  '  exit 1',
  'fi',
  'MAX_RETRIES=60; i=0',
  'while ! nc -z -w 2 "${WAIT_HOST}" "${WAIT_PORT}"; do',
  '  i=$((i+1))',
  '  if [ "$i" -ge "$MAX_RETRIES" ]; then',
  '    echo "ERROR: Timed out waiting for ${WAIT_HOST}:${WAIT_PORT} after ${MAX_RETRIES} attempts."',
  '    exit 1',
  '  fi',
  '  echo "Waiting for ${WAIT_HOST}:${WAIT_PORT} (attempt ${i}/${MAX_RETRIES})..."',
  '  sleep 5',
  'done',
  '',
].join('\n');

/** An init container that waits until `host:port` accepts TCP connections. */
export function waitFor(name: string, image: string, host: EnvSource | string, port: EnvSource | string): any {
  return {
    name,
    image,
    command: ['/bin/sh', '-ec'],
    args: [WAIT_SCRIPT],
    env: [env('WAIT_HOST', host), env('WAIT_PORT', port)],
    resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
    securityContext: restricted(1000, undefined, { readOnlyRootFilesystem: true }),
  };
}

/**
 * A writable path under a read-only root filesystem: an `emptyDir` volume and its mount. Each use
 * names the upstream evidence that the image writes there.
 */
export function scratch(name: string, mountPath: string): { volume: any; mount: any } {
  return { volume: { name, emptyDir: {} }, mount: { name, mountPath } };
}

/** A Kubernetes quantity for a cdk8s `Size`, in the largest binary unit that is exact. */
export function sizeQuantity(size: Size): string {
  const units: Array<[string, (s: Size) => number]> = [
    ['Ti', (s) => s.toTebibytes({ rounding: SizeRoundingBehavior.FAIL })],
    ['Gi', (s) => s.toGibibytes({ rounding: SizeRoundingBehavior.FAIL })],
    ['Mi', (s) => s.toMebibytes({ rounding: SizeRoundingBehavior.FAIL })],
    ['Ki', (s) => s.toKibibytes({ rounding: SizeRoundingBehavior.FAIL })],
  ];
  for (const [unit, fn] of units) {
    try {
      return `${fn(size)}${unit}`;
    } catch {
      // not a whole number of this unit
    }
  }
  return `${size.toKibibytes({ rounding: SizeRoundingBehavior.FLOOR })}Ki`;
}

function cpuQuantity(cpu: kplus.Cpu): string {
  return String(cpu.amount);
}

/** Container resources from cdk8s-plus options over defaults (each of cpu/memory request/limit replaces the default). */
export function resourcesOf(options: kplus.ContainerResources | undefined, defaults: any): any {
  const out: any = JSON.parse(JSON.stringify(defaults ?? {}));
  if (!options) return out;
  const set = (kind: 'requests' | 'limits', name: 'cpu' | 'memory' | 'ephemeral-storage', value: string | undefined) => {
    if (value === undefined) return;
    out[kind] = { ...(out[kind] ?? {}), [name]: value };
  };
  set('requests', 'cpu', options.cpu?.request ? cpuQuantity(options.cpu.request) : undefined);
  set('limits', 'cpu', options.cpu?.limit ? cpuQuantity(options.cpu.limit) : undefined);
  set('requests', 'memory', options.memory?.request ? sizeQuantity(options.memory.request) : undefined);
  set('limits', 'memory', options.memory?.limit ? sizeQuantity(options.memory.limit) : undefined);
  if (options.ephemeralStorage?.request) set('requests', 'ephemeral-storage', sizeQuantity(options.ephemeralStorage.request));
  if (options.ephemeralStorage?.limit) set('limits', 'ephemeral-storage', sizeQuantity(options.ephemeralStorage.limit));
  // A request above a default limit raises that limit: a given request must never make the pod invalid.
  for (const name of ['cpu', 'memory']) {
    const userLimit = name === 'cpu' ? options.cpu?.limit : options.memory?.limit;
    const request = out.requests?.[name];
    const limit = out.limits?.[name];
    const above = request !== undefined && limit !== undefined && (quantityValue(request) ?? 0) > (quantityValue(limit) ?? Infinity);
    if (userLimit === undefined && above) {
      out.limits[name] = request;
    }
  }
  return out;
}

const QUANTITY_SUFFIX: { [suffix: string]: number } = {
  '': 1, 'm': 1e-3, 'k': 1e3, 'M': 1e6, 'G': 1e9, 'T': 1e12, 'Ki': 1024, 'Mi': 1024 ** 2, 'Gi': 1024 ** 3, 'Ti': 1024 ** 4,
};

/** The numeric value of a Kubernetes quantity (`500m`, `2`, `1Gi`), or `undefined`. */
export function quantityValue(q: string): number | undefined {
  const m = /^([0-9]+(?:\.[0-9]+)?)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/.exec(String(q));
  return m ? Number(m[1]) * QUANTITY_SUFFIX[m[2] ?? ''] : undefined;
}

/** An RBAC rule. */
export function rule(apiGroups: string[], resources: string[], verbs: string[], resourceNames?: string[]): any {
  const r: any = { apiGroups, resources, verbs };
  if (resourceNames) r.resourceNames = resourceNames;
  return r;
}

/** RFC 1123 label (namespace names and Service names). */
export function isDnsLabel(name: string): boolean {
  return typeof name === 'string' && name.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name);
}

/** An ISO 8601 duration (`P7D`, `PT6H30M`), as the cache server parses it. */
export function isoDuration(totalSeconds: number): string {
  let s = Math.max(0, Math.round(totalSeconds));
  const days = Math.floor(s / 86400); s -= days * 86400;
  const hours = Math.floor(s / 3600); s -= hours * 3600;
  const minutes = Math.floor(s / 60); s -= minutes * 60;
  const time = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${s ? `${s}S` : ''}`;
  if (!days && !time) return 'PT0S';
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}
