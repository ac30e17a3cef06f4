/**
 * Synth-time checks of a tenant: do the pods of its pipelines fit the namespace's LimitRange and
 * ResourceQuota, and does every GPU task's placement match a pool (and queue) the tenant may use?
 *
 * Pure functions over plain views of the tenant; `Tenant` builds the views and registers the
 * checks with `node.addValidation`.
 */
import { LimitRangeModel, PodModel, admitContainer, driverPod, effectiveLimitRange, missing, podTotal, taskPod } from './kfp-pods';
import { ExecutorRequirements, describeExecutor } from './pipeline-requirements';
import { formatResource } from './quantity';
import { NodeTaint } from './taint';
import { describeTaint, describeToleration, isRepelling, tolerates } from './taint-rules';
import { PodToleration } from '../pipeline/placement';

/** What the checks need to know about a GPU pool. */
export interface PoolView {
  readonly name: string;
  readonly path: string;
  readonly resourceName: string;
  readonly gpusPerNode: number;
  readonly maxGpus?: number;
  readonly taints: NodeTaint[];
  readonly nodeSelector: { [key: string]: string };
  readonly mayHaveLabel: (key: string, value: string) => boolean;
  readonly localQueueName?: string;
}

/** What the checks need to know about a queue the tenant has a LocalQueue for. */
export interface QueueView {
  readonly localQueueName: string;
  readonly clusterQueueName: string;
  readonly flavors: { [poolName: string]: { gpus: number; cpu: number; memory: number; borrowing: boolean } };
}

/** What the checks need to know about the tenant. */
export interface TenantView {
  readonly path: string;
  readonly namespace: string;
  readonly limitRange: LimitRangeModel;
  /** ResourceQuota `hard`, parsed: `requests.cpu`, `limits.memory`, `requests.nvidia.com/gpu`, ... */
  readonly quota: { [key: string]: number };
  readonly pools: PoolView[];
  readonly queues: QueueView[];
  readonly allowedTolerations: PodToleration[];
}

const QUEUE_LABEL = 'kueue.x-k8s.io/queue-name';
const ISSUE_QUOTA = 'kubeflow/pipelines#7699';
const ISSUE_RATIO = 'kubeflow/pipelines#11421';

/** Problems of one pod under the tenant's LimitRange and ResourceQuota (without the path prefix). */
export function podProblems(t: TenantView, pod: PodModel): string[] {
  const lr = effectiveLimitRange(t.limitRange);
  const problems: string[] = [];
  const admitted = pod.containers.map((c) => {
    const result = admitContainer(c, lr);
    for (const p of result.problems) {
      const ratio = p.includes('maxLimitRequestRatio') && !c.description.startsWith('the task') ? ` (${ISSUE_RATIO}: KFP's own containers have fixed resources)` : '';
      problems.push(`${pod.description}: ${p}${ratio}`);
    }
    return result.container;
  });
  for (const [key, hard] of Object.entries(t.quota)) {
    const m = /^(requests|limits)\.(.+)$/.exec(key);
    if (!m) continue;
    const field = m[1] as 'requests' | 'limits';
    const resource = m[2];
    if (resource === 'cpu' || resource === 'memory') {
      const lacking = missing(admitted, field, resource);
      if (lacking.length > 0) {
        problems.push(`${pod.description}: the ResourceQuota tracks ${key}, but containers ${lacking.join(', ')} have no ${resource} ${field === 'requests' ? 'request' : 'limit'} and the LimitRange gives none (${ISSUE_QUOTA}); set a default ${resource} ${field === 'requests' ? 'request' : 'limit'}`);
        continue;
      }
    }
    const total = podTotal(admitted, field, resource) ?? 0;
    if (total > hard + 1e-9) {
      problems.push(`${pod.description} needs ${key} ${formatResource(resource, total)} in one pod, but the ResourceQuota allows ${formatResource(resource, hard)} in the whole namespace; raise the quota to at least ${formatResource(resource, total)}`);
    }
  }
  return problems;
}

/** Checks that KFP's own pods (drivers, importers) are admitted in the tenant. */
export function checkSystemPods(t: TenantView): string[] {
  return podProblems(t, driverPod()).map((p) => `${t.path}: ${p}`);
}

function selectorMatches(pool: PoolView, selector: { [key: string]: string }): boolean {
  return Object.entries(selector).every(([k, v]) => pool.mayHaveLabel(k, v));
}

function describeSelector(selector: { [key: string]: string }): string {
  const entries = Object.entries(selector);
  return entries.length ? `{${entries.map(([k, v]) => `${k}: ${v}`).join(', ')}}` : '{}';
}

/** Checks one executor of one of the tenant's pipelines. */
export function checkExecutor(t: TenantView, e: ExecutorRequirements): string[] {
  const what = describeExecutor(e);
  const errors: string[] = [];
  const push = (m: string) => errors.push(`${t.path}: ${what} ${m}`);

  for (const field of e.invalid) push(`has an invalid ${field} (expected a Kubernetes quantity)`);

  if (!e.driverOnly) {
    for (const p of podProblems(t, taskPod(e, what))) errors.push(`${t.path}: ${p}`);
  }

  // Tolerations must match a taint of a pool the tenant may use (or an allowed toleration).
  const poolTaints = t.pools.flatMap((p) => p.taints.map((taint) => ({ pool: p, taint })));
  for (const tol of e.tolerations) {
    const matchesPool = poolTaints.some(({ taint }) => tolerates(tol, taint));
    const allowed = t.allowedTolerations.some((a) => (a.key ?? '') === (tol.key ?? '') && (a.operator ?? 'Equal') === (tol.operator ?? 'Equal')
      && (a.value ?? '') === (tol.value ?? '') && (a.effect ?? '') === (tol.effect ?? ''));
    if (!matchesPool && !allowed) {
      const known = poolTaints.length ? poolTaints.map(({ pool, taint }) => `${describeTaint(taint)} (pool '${pool.name}')`).join(', ') : 'none';
      push(`tolerates ${describeToleration(tol)}, which matches no taint of the tenant's GPU pools (pool taints: ${known}); place the task with task.runOn(pool) or list the toleration in allowedTolerations`);
    }
  }

  const queueLabel = e.podLabels[QUEUE_LABEL];
  if (queueLabel !== undefined && !t.queues.some((q) => q.localQueueName === queueLabel)) {
    const have = t.queues.map((q) => `'${q.localQueueName}'`).join(', ') || 'none';
    push(`is labelled ${QUEUE_LABEL}: ${queueLabel}, but namespace '${t.namespace}' has no LocalQueue of that name (LocalQueues: ${have}); Kueue would hold the pod forever. Add the ClusterQueue to the tenant with tenant.addQueue()`);
  }

  if (!e.acceleratorType) return errors;
  const gpus = e.acceleratorCount;
  const type = e.acceleratorType;
  const gpuText = gpus === undefined ? 'a runtime number of' : `${gpus}`;
  if (!/^[a-z0-9.-]+\/[A-Za-z0-9._-]+$/.test(type)) {
    push(`requests accelerator type '${type}', which is not a Kubernetes resource name (expected for example 'nvidia.com/gpu'; '${type}' looks like a Vertex AI accelerator name)`);
    return errors;
  }
  if (t.pools.length === 0) {
    push(`requests ${gpuText} ${type} but tenant '${t.namespace}' has no GPU pools (expected gpuPools on the tenant, and the task placed with task.runOn(pool, { gpus }))`);
    return errors;
  }
  const sameResource = t.pools.filter((p) => p.resourceName === type);
  if (sameResource.length === 0) {
    push(`requests ${type}, but the tenant's GPU pools offer ${[...new Set(t.pools.map((p) => p.resourceName))].join(', ')}`);
    return errors;
  }
  const poolList = sameResource.map((p) => `'${p.name}' ${describeSelector(p.nodeSelector)}`).join(', ');
  if (Object.keys(e.nodeSelector).length === 0) {
    push(`requests ${gpuText} ${type} but has no node selector, so it is placed on no GPU pool (pools: ${poolList}); place it with task.runOn(pool, { gpus })`);
    return errors;
  }
  const candidates = sameResource.filter((p) => selectorMatches(p, e.nodeSelector));
  if (candidates.length === 0) {
    push(`requests ${gpuText} ${type} with node selector ${describeSelector(e.nodeSelector)}, which matches none of the tenant's GPU pools (${poolList})`);
    return errors;
  }
  // The pod can land on any matching pool; it must fit at least one of them completely.
  const reasons: string[] = [];
  const fitting = candidates.filter((p) => {
    const why: string[] = [];
    if (gpus !== undefined && gpus > p.gpusPerNode) why.push(`nodes of pool '${p.name}' have ${p.gpusPerNode} GPUs, fewer than the ${gpus} requested`);
    if (gpus !== undefined && p.maxGpus !== undefined && gpus > p.maxGpus) why.push(`pool '${p.name}' is limited to ${p.maxGpus} GPUs in total`);
    const untolerated = p.taints.filter(isRepelling).filter((taint) => !e.tolerations.some((tol) => tolerates(tol, taint)));
    if (untolerated.length) why.push(`it doesn't tolerate taint ${untolerated.map(describeTaint).join(', ')} of pool '${p.name}'`);
    reasons.push(...why);
    return why.length === 0;
  });
  if (fitting.length === 0) {
    push(`can't run on any GPU pool its node selector matches: ${reasons.join('; ')}`);
    return errors;
  }
  // Queueing: a queued pool's tasks must carry its queue label, and fit the queue's quota.
  for (const pool of fitting) {
    if (pool.localQueueName === undefined) continue;
    if (queueLabel !== pool.localQueueName) {
      push(`runs on pool '${pool.name}', which is queued by Kueue, but its pod ${queueLabel === undefined ? 'has no' : `has ${QUEUE_LABEL}: ${queueLabel} instead of the`} ${QUEUE_LABEL}: ${pool.localQueueName} label; place it with task.runOn(pool) so the queue can't be bypassed`);
      continue;
    }
    const queue = t.queues.find((q) => q.localQueueName === pool.localQueueName);
    const flavor = queue?.flavors[pool.name];
    if (queue && flavor && gpus !== undefined && gpus > flavor.gpus && !flavor.borrowing) {
      push(`requests ${gpus} ${type}, more than the ${flavor.gpus} GPUs ClusterQueue '${queue.clusterQueueName}' has for pool '${pool.name}'; Kueue would never admit it`);
    }
    if (queue && flavor) {
      const pod = taskPod(e, 'pod');
      const lr = effectiveLimitRange(t.limitRange);
      const admitted = pod.containers.map((c) => admitContainer(c, lr).container);
      for (const resource of ['cpu', 'memory'] as const) {
        const need = podTotal(admitted, 'requests', resource) ?? 0;
        if (need > flavor[resource] + 1e-9 && !flavor.borrowing) {
          push(`needs ${resource} ${formatResource(resource, need)} in its pod, more than the ${formatResource(resource, flavor[resource])} ClusterQueue '${queue.clusterQueueName}' has for pool '${pool.name}'; Kueue would never admit it`);
        }
      }
    }
  }
  return errors;
}
