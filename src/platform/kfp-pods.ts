/**
 * The pods KFP 2.17 runs for a pipeline, container by container, and how a namespace's
 * LimitRange and ResourceQuota admit them. Used by `Tenant` to prove at synth time that every pod
 * of a run fits the namespace's rules (kubeflow/pipelines#7699, #11421).
 *
 * Facts (KFP 2.17.0 backend, Argo emissary executor):
 * - driver pods (`system-dag-driver`, `system-container-driver`): container `main` with requests
 *   cpu 100m / memory 64Mi and limits cpu 500m / memory 512Mi, plus Argo's `init` and `wait`;
 * - task pods (`system-container-impl`): container `main` with the task's resources (and
 *   `limits[<accelerator>] = count`), init container `kfp-launcher` with limits cpu 500m / memory
 *   256Mi and request cpu 100m (its memory request defaults to the limit), plus Argo's `init` and `wait`;
 * - importer pods (`system-importer`): container `main` with the driver's resources, plus `init`/`wait`;
 * - Argo's `init` and `wait` containers have no resources unless the workflow controller's
 *   `executor.resources` sets them, so the LimitRange defaults apply to them.
 *
 * Pure functions: numbers in cores and bytes.
 */
import { ExecutorRequirements } from './pipeline-requirements';
import { formatResource } from './quantity';

/** Resource amounts by resource name (`cpu`, `memory`, `nvidia.com/gpu`). */
export type Amounts = { [resource: string]: number };

export interface ContainerModel {
  readonly name: string;
  readonly description: string;
  readonly init: boolean;
  readonly requests: Amounts;
  readonly limits: Amounts;
}

export interface PodModel {
  /** What the pod is, for messages. */
  readonly description: string;
  readonly containers: ContainerModel[];
}

/** A container-type LimitRange item, as written (before Kubernetes defaulting). */
export interface LimitRangeModel {
  readonly defaultRequest: Amounts;
  readonly default: Amounts;
  readonly min: Amounts;
  readonly max: Amounts;
  readonly maxLimitRequestRatio: Amounts;
}

const Mi = 2 ** 20;

export const DRIVER_RESOURCES = { requests: { cpu: 0.1, memory: 64 * Mi }, limits: { cpu: 0.5, memory: 512 * Mi } };
export const LAUNCHER_INIT_RESOURCES = { requests: { cpu: 0.1 }, limits: { cpu: 0.5, memory: 256 * Mi } };

function argoContainers(): ContainerModel[] {
  return [
    { name: 'wait', description: "Argo's wait container", init: false, requests: {}, limits: {} },
    { name: 'init', description: "Argo's init container", init: true, requests: {}, limits: {} },
  ];
}

/** A KFP driver pod (root, DAG and container drivers share these settings). */
export function driverPod(): PodModel {
  return {
    description: 'a KFP driver pod',
    containers: [
      { name: 'main', description: 'the KFP driver container', init: false, ...copy(DRIVER_RESOURCES) },
      ...argoContainers(),
    ],
  };
}

/** The pod of a task (one executor). */
export function taskPod(e: ExecutorRequirements, describe: string): PodModel {
  if (e.importer) {
    return {
      description: describe,
      containers: [
        { name: 'main', description: 'the KFP importer container', init: false, ...copy(DRIVER_RESOURCES) },
        ...argoContainers(),
      ],
    };
  }
  const requests: Amounts = {};
  const limits: Amounts = {};
  if (e.cpuRequest !== undefined) requests.cpu = e.cpuRequest;
  if (e.memoryRequest !== undefined) requests.memory = e.memoryRequest;
  if (e.cpuLimit !== undefined) limits.cpu = e.cpuLimit;
  if (e.memoryLimit !== undefined) limits.memory = e.memoryLimit;
  if (e.acceleratorType && e.acceleratorCount !== undefined) limits[e.acceleratorType] = e.acceleratorCount;
  return {
    description: describe,
    containers: [
      { name: 'main', description: 'the task container', init: false, requests, limits },
      { name: 'kfp-launcher', description: 'the kfp-launcher init container', init: true, ...copy(LAUNCHER_INIT_RESOURCES) },
      ...argoContainers(),
    ],
  };
}

function copy(r: { requests: Amounts; limits: Amounts }): { requests: Amounts; limits: Amounts } {
  return { requests: { ...r.requests }, limits: { ...r.limits } };
}

/** Kubernetes defaulting of a LimitRange item (`SetDefaults_LimitRangeItem`): default ← max, defaultRequest ← default ← min. */
export function effectiveLimitRange(lr: LimitRangeModel): LimitRangeModel {
  const def: Amounts = { ...lr.default };
  for (const [k, v] of Object.entries(lr.max)) if (!(k in def)) def[k] = v;
  const defReq: Amounts = { ...lr.defaultRequest };
  for (const [k, v] of Object.entries(def)) if (!(k in defReq)) defReq[k] = v;
  for (const [k, v] of Object.entries(lr.min)) if (!(k in defReq)) defReq[k] = v;
  return { ...lr, default: def, defaultRequest: defReq };
}

/**
 * A container after API defaulting (request ← limit) and the LimitRanger (limit ← default,
 * request ← defaultRequest), with the LimitRange's min/max/ratio violations.
 */
export function admitContainer(c: ContainerModel, lr: LimitRangeModel): { container: ContainerModel; problems: string[] } {
  const requests: Amounts = { ...c.requests };
  const limits: Amounts = { ...c.limits };
  for (const [k, v] of Object.entries(limits)) if (!(k in requests)) requests[k] = v;
  for (const [k, v] of Object.entries(lr.default)) if (!(k in limits)) limits[k] = v;
  for (const [k, v] of Object.entries(lr.defaultRequest)) if (!(k in requests)) requests[k] = v;
  const problems: string[] = [];
  const fmt = formatResource;
  for (const k of Object.keys(requests)) {
    if (k in limits && requests[k] > limits[k] + 1e-9) {
      const fromDefault = !(k in c.limits) && k in lr.default;
      problems.push(`${c.description} requests ${k} ${fmt(k, requests[k])} but its limit is ${fmt(k, limits[k])}`
        + (fromDefault ? ` (the LimitRange default ${k} limit, applied because the container sets no ${k} limit)` : '')
        + '; Kubernetes rejects a request above the limit');
    }
  }
  for (const [k, min] of Object.entries(lr.min)) {
    if (!(k in requests)) problems.push(`${c.description} has no ${k} request, but the LimitRange sets min ${k} ${fmt(k, min)}`);
    else if (requests[k] < min - 1e-9) problems.push(`${c.description} requests ${k} ${fmt(k, requests[k])}, below the LimitRange min ${k} ${fmt(k, min)}`);
  }
  for (const [k, max] of Object.entries(lr.max)) {
    if (!(k in limits)) problems.push(`${c.description} has no ${k} limit, but the LimitRange sets max ${k} ${fmt(k, max)}`);
    else if (limits[k] > max + 1e-9) problems.push(`${c.description} has ${k} limit ${fmt(k, limits[k])}, above the LimitRange max ${k} ${fmt(k, max)}`);
    if (k in requests && requests[k] > max + 1e-9 && !(k in limits && limits[k] > max + 1e-9)) {
      problems.push(`${c.description} requests ${k} ${fmt(k, requests[k])}, above the LimitRange max ${k} ${fmt(k, max)}`);
    }
  }
  for (const [k, ratio] of Object.entries(lr.maxLimitRequestRatio)) {
    if (!(k in requests) || requests[k] === 0) {
      problems.push(`${c.description} has no ${k} request, but the LimitRange sets maxLimitRequestRatio ${k} ${ratio}`);
    } else if (!(k in limits) || limits[k] === 0) {
      problems.push(`${c.description} has no ${k} limit, but the LimitRange sets maxLimitRequestRatio ${k} ${ratio}`);
    } else if (limits[k] / requests[k] > ratio + 1e-9) {
      problems.push(`${c.description} has ${k} limit/request ratio ${round(limits[k] / requests[k])} (limit ${fmt(k, limits[k])}, request ${fmt(k, requests[k])}), above the LimitRange maxLimitRequestRatio ${k} ${ratio}`);
    }
  }
  return { container: { ...c, requests, limits }, problems };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** The pod's effective requests or limits: max(sum of app containers, largest init container). */
export function podTotal(containers: ContainerModel[], field: 'requests' | 'limits', resource: string): number | undefined {
  let sum = 0;
  let maxInit = 0;
  let any = false;
  for (const c of containers) {
    const v = c[field][resource];
    if (v === undefined) continue;
    any = true;
    if (c.init) maxInit = Math.max(maxInit, v);
    else sum += v;
  }
  return any ? Math.max(sum, maxInit) : undefined;
}

/** The containers of a pod that lack `field.resource` (a ResourceQuota on it rejects the pod). */
export function missing(containers: ContainerModel[], field: 'requests' | 'limits', resource: string): string[] {
  return containers.filter((c) => c[field][resource] === undefined).map((c) => c.name);
}
