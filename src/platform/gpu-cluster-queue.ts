import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { GpuNodePool } from './gpu-node-pool';
import { KueueApiVersion, PipelinePriorityClass } from './priority-class';
import { requireCount, requireQuantity } from './quantity';
import { isDnsSubdomain, taintSpec } from './taint-rules';

/** How a ClusterQueue orders workloads. */
export enum QueueingStrategy {
  /** Admit older workloads first, but let smaller ones pass a workload that doesn't fit. */
  BEST_EFFORT_FIFO = 'BestEffortFIFO',
  /** Admit strictly in order: a workload that doesn't fit blocks the ones behind it. */
  STRICT_FIFO = 'StrictFIFO',
}

/** Which workloads a pending workload may preempt. */
export enum QueuePreemptionPolicy {
  /** Never preempt. */
  NEVER = 'Never',
  /** Preempt workloads of lower priority. */
  LOWER_PRIORITY = 'LowerPriority',
  /** Preempt lower-priority workloads, and newer ones of equal priority (within the ClusterQueue only). */
  LOWER_OR_NEWER_EQUAL_PRIORITY = 'LowerOrNewerEqualPriority',
  /** Preempt any workload (to reclaim quota lent to the cohort only). */
  ANY = 'Any',
}

/** A pool's quota in a ClusterQueue (one Kueue ResourceFlavor). */
export interface GpuQueueFlavor {
  /** The GPU pool. */
  readonly pool: GpuNodePool;
  /** GPUs the queue may use on this pool at once. */
  readonly gpus: number;
  /** CPU the queue may use on this pool at once, a Kubernetes quantity (`'64'`). */
  readonly cpu: string;
  /** Memory the queue may use on this pool at once (`'256Gi'`). */
  readonly memory: string;
  /**
   * GPUs the queue may borrow from its cohort on top of `gpus`. Requires `cohort`.
   * @default - no limit when in a cohort
   */
  readonly gpuBorrowingLimit?: number;
}

/** Preemption settings of a ClusterQueue. */
export interface GpuQueuePreemption {
  /**
   * Preemption among the ClusterQueue's own workloads.
   * @default QueuePreemptionPolicy.NEVER
   */
  readonly withinClusterQueue?: QueuePreemptionPolicy;
  /**
   * Preemption of other queues' workloads that borrowed this queue's quota.
   * @default QueuePreemptionPolicy.NEVER
   */
  readonly reclaimWithinCohort?: QueuePreemptionPolicy;
}

/** Props for `GpuClusterQueue`. */
export interface GpuClusterQueueProps {
  /**
   * The ClusterQueue name.
   * @default - the construct id
   */
  readonly name?: string;
  /** The pools the queue admits GPU tasks to, with their quotas. */
  readonly flavors: GpuQueueFlavor[];
  /**
   * The LocalQueue name tenants get, and the `kueue.x-k8s.io/queue-name` label of GPU task pods.
   * @default - the ClusterQueue name
   */
  readonly localQueueName?: string;
  /**
   * A cohort to lend and borrow unused quota with.
   * @default - no cohort
   */
  readonly cohort?: string;
  /**
   * How workloads are ordered.
   * @default QueueingStrategy.BEST_EFFORT_FIFO
   */
  readonly queueingStrategy?: QueueingStrategy;
  /**
   * Preemption settings.
   * @default - no preemption
   */
  readonly preemption?: GpuQueuePreemption;
  /**
   * A priority class for GPU task pods (needs `kueue: true` on the class): pods are labelled
   * `kueue.x-k8s.io/priority-class`.
   * @default - no priority label
   */
  readonly priorityClass?: PipelinePriorityClass;
  /**
   * The Kueue API version.
   * @default KueueApiVersion.V1BETA2
   */
  readonly apiVersion?: KueueApiVersion;
}

const QUEUE_SYMBOL = Symbol.for('cdk8s-kfp.GpuClusterQueue');

/**
 * Kueue queueing for GPU pools: one `ResourceFlavor` per pool (its node labels and taints) and a
 * `ClusterQueue` with each pool's GPU, CPU and memory quota. Tenants that use the queue get a
 * `LocalQueue`, and GPU tasks placed on its pools carry the `kueue.x-k8s.io/queue-name` label, so
 * Kueue holds them until the quota has room.
 *
 * Kueue must run with its `pod` integration enabled for the tenant namespaces (KFP task pods are
 * plain pods created by Argo).
 */
export class GpuClusterQueue extends Construct {
  /** Whether `x` is a `GpuClusterQueue`. */
  public static isGpuClusterQueue(x: any): x is GpuClusterQueue {
    return x !== null && typeof x === 'object' && QUEUE_SYMBOL in x;
  }

  /** The ClusterQueue name. */
  public readonly clusterQueueName: string;
  /** The LocalQueue name tenants get. */
  public readonly localQueueName: string;
  /** The Kueue API version. */
  public readonly apiVersion: KueueApiVersion;
  /** The ClusterQueue object. */
  public readonly clusterQueue: ApiObject;
  /** The ResourceFlavor objects, one per pool. */
  public readonly resourceFlavors: ApiObject[] = [];
  /** The flavors (pools and quotas). */
  public readonly flavors: GpuQueueFlavor[];

  private readonly namespaces: string[] = [];

  constructor(scope: Construct, id: string, props: GpuClusterQueueProps) {
    super(scope, id);
    Object.defineProperty(this, QUEUE_SYMBOL, { value: true });
    const path = this.node.path;
    const name = props?.name ?? id;
    if (!isDnsSubdomain(name)) {
      throw new Error(`${path}: name '${name}' is not a valid ClusterQueue name (expected a lowercase DNS subdomain)`);
    }
    const localQueueName = props.localQueueName ?? name;
    if (!isDnsSubdomain(localQueueName)) {
      throw new Error(`${path}: localQueueName '${localQueueName}' is not a valid LocalQueue name (expected a lowercase DNS subdomain; it is also a label value, so at most 63 characters)`);
    }
    if (localQueueName.length > 63) {
      throw new Error(`${path}: localQueueName '${localQueueName}' is longer than 63 characters (expected a valid label value: pods carry it in kueue.x-k8s.io/queue-name)`);
    }
    const apiVersion = props.apiVersion ?? KueueApiVersion.V1BETA2;
    if (!(Object.values(KueueApiVersion) as string[]).includes(apiVersion)) {
      throw new Error(`${path}: apiVersion is '${apiVersion}' (expected ${Object.values(KueueApiVersion).join(' or ')})`);
    }
    if (!Array.isArray(props.flavors) || props.flavors.length === 0) {
      throw new Error(`${path}: flavors is ${JSON.stringify(props.flavors)} (expected at least one { pool, gpus, cpu, memory })`);
    }
    const seen = new Set<string>();
    const resourceNames = new Set<string>();
    props.flavors.forEach((f, i) => {
      if (!f || !GpuNodePool.isGpuNodePool(f.pool)) throw new Error(`${path}: flavors[${i}].pool is not a GpuNodePool`);
      if (seen.has(f.pool.poolName)) throw new Error(`${path}: flavors[${i}] repeats pool '${f.pool.poolName}' (expected each pool once)`);
      seen.add(f.pool.poolName);
      resourceNames.add(f.pool.acceleratorType);
      requireCount(path, `flavors[${i}].gpus`, f.gpus, 0);
      requireQuantity(path, `flavors[${i}].cpu`, f.cpu);
      requireQuantity(path, `flavors[${i}].memory`, f.memory);
      if (f.gpuBorrowingLimit !== undefined) {
        if (!props.cohort) throw new Error(`${path}: flavors[${i}].gpuBorrowingLimit is set but the queue has no cohort (expected a cohort to borrow from)`);
        requireCount(path, `flavors[${i}].gpuBorrowingLimit`, f.gpuBorrowingLimit, 0);
      }
    });
    if (resourceNames.size > 1) {
      throw new Error(`${path}: the pools offer different accelerator resources (${[...resourceNames].join(', ')}); expected one resource per ClusterQueue`);
    }
    if (props.cohort !== undefined && !isDnsSubdomain(props.cohort)) {
      throw new Error(`${path}: cohort '${props.cohort}' is not a valid name (expected a lowercase DNS subdomain)`);
    }
    const strategy = props.queueingStrategy ?? QueueingStrategy.BEST_EFFORT_FIFO;
    if (!(Object.values(QueueingStrategy) as string[]).includes(strategy)) {
      throw new Error(`${path}: queueingStrategy is '${strategy}' (expected ${Object.values(QueueingStrategy).join(' or ')})`);
    }
    const within = props.preemption?.withinClusterQueue ?? QueuePreemptionPolicy.NEVER;
    const reclaim = props.preemption?.reclaimWithinCohort ?? QueuePreemptionPolicy.NEVER;
    if (within === QueuePreemptionPolicy.ANY || !(Object.values(QueuePreemptionPolicy) as string[]).includes(within)) {
      throw new Error(`${path}: preemption.withinClusterQueue is '${within}' (expected Never, LowerPriority or LowerOrNewerEqualPriority)`);
    }
    if (reclaim === QueuePreemptionPolicy.LOWER_OR_NEWER_EQUAL_PRIORITY || !(Object.values(QueuePreemptionPolicy) as string[]).includes(reclaim)) {
      throw new Error(`${path}: preemption.reclaimWithinCohort is '${reclaim}' (expected Never, LowerPriority or Any)`);
    }
    const priority = props.priorityClass;
    if (priority !== undefined && !priority.workloadPriorityClass) {
      throw new Error(`${path}: priorityClass '${priority.priorityClassName}' has no Kueue WorkloadPriorityClass (expected a PipelinePriorityClass with kueue: true)`);
    }

    this.clusterQueueName = name;
    this.localQueueName = localQueueName;
    this.apiVersion = apiVersion;
    this.flavors = [...props.flavors];
    const gpuResource = [...resourceNames][0];

    for (const f of props.flavors) {
      const pool = f.pool;
      const nodeLabels = pool.nodeSelector;
      this.resourceFlavors.push(new ApiObject(this, `Flavor-${pool.poolName}`, {
        apiVersion,
        kind: 'ResourceFlavor',
        metadata: { name: pool.poolName },
        spec: {
          nodeLabels: { ...nodeLabels },
          ...(pool.taints.length ? { nodeTaints: pool.taints.map(taintSpec) } : {}),
        },
      }));
      pool._bindQueue({ localQueueName, priorityClassName: priority?.priorityClassName, clusterQueuePath: path });
    }

    const spec: any = {
      namespaceSelector: Lazy.any({
        produce: () => ({
          matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: [...this.namespaces].sort() }],
        }),
      }),
      queueingStrategy: strategy,
      resourceGroups: [{
        coveredResources: ['cpu', 'memory', gpuResource],
        flavors: props.flavors.map((f) => ({
          name: f.pool.poolName,
          resources: [
            { name: 'cpu', nominalQuota: f.cpu },
            { name: 'memory', nominalQuota: f.memory },
            {
              name: gpuResource,
              nominalQuota: String(f.gpus),
              ...(f.gpuBorrowingLimit !== undefined ? { borrowingLimit: String(f.gpuBorrowingLimit) } : {}),
            },
          ],
        })),
      }],
      preemption: { withinClusterQueue: within, reclaimWithinCohort: reclaim },
    };
    if (props.cohort) spec[apiVersion === KueueApiVersion.V1BETA1 ? 'cohort' : 'cohortName'] = props.cohort;
    this.clusterQueue = new ApiObject(this, 'Resource', {
      apiVersion,
      kind: 'ClusterQueue',
      metadata: { name },
      spec,
    });
    this.node.addValidation({
      validate: () => this.namespaces.length === 0
        ? [`${path}: ClusterQueue '${name}' is used by no tenant (expected tenant.addQueue(queue) or new Tenant(..., { queues }); an empty namespace selector would admit nothing)`]
        : [],
    });
  }

  /** The flavor (quota) of a pool, if the pool is in this queue. */
  public flavorFor(pool: GpuNodePool): GpuQueueFlavor | undefined {
    return this.flavors.find((f) => f.pool === pool);
  }

  /** @internal */
  public _addNamespace(namespace: string): void {
    if (!this.namespaces.includes(namespace)) this.namespaces.push(namespace);
  }
}
