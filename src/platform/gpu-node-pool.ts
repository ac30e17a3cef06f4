import { ApiObject, Duration } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { GpuAccelerator } from './accelerator';
import { requireCount, requireQuantity } from './quantity';
import { NodeTaint, TaintEffect } from './taint';
import { isDnsSubdomain, isRepelling, taintSpec, tolerationFor, validateLabels, validateTaint } from './taint-rules';
import { AcceleratorPlacement, IGpuPool, PodToleration } from '../pipeline/placement';

/** Karpenter capacity types. */
export enum CapacityType {
  /** On-demand instances. */
  ON_DEMAND = 'on-demand',
  /** Spot instances: cheaper, but reclaimed at short notice. */
  SPOT = 'spot',
  /** Capacity reservations (for example EC2 capacity blocks for ML). */
  RESERVED = 'reserved',
}

/** When Karpenter may consolidate (remove or replace) nodes of a pool. */
export enum ConsolidationPolicy {
  /** Only remove nodes that run no workload pods. The safe choice for GPU training. */
  WHEN_EMPTY = 'WhenEmpty',
  /** Also remove or replace nodes that are under-utilized (moves running pods). */
  WHEN_EMPTY_OR_UNDERUTILIZED = 'WhenEmptyOrUnderutilized',
}

/** Why Karpenter disrupts a node, for disruption budgets. */
export enum DisruptionReason {
  /** The node is under-utilized. */
  UNDERUTILIZED = 'Underutilized',
  /** The node is empty. */
  EMPTY = 'Empty',
  /** The node no longer matches its NodePool or node class. */
  DRIFTED = 'Drifted',
}

/** A Karpenter disruption budget: how many nodes may be disrupted at once. */
export interface DisruptionBudget {
  /** A node count (`'0'`, `'2'`) or a percentage (`'10%'`). `'0'` blocks disruption. */
  readonly nodes: string;
  /**
   * A cron schedule for when the budget is active (UTC). Requires `duration`.
   * @default - always active
   */
  readonly schedule?: string;
  /**
   * How long the budget is active after each `schedule` time. Requires `schedule`.
   * @default - always active
   */
  readonly duration?: Duration;
  /**
   * The disruption reasons the budget applies to.
   * @default - all reasons
   */
  readonly reasons?: DisruptionReason[];
}

/** Upper bounds on what a Karpenter pool may launch in total. */
export interface NodePoolLimits {
  /**
   * Total CPU of all nodes, a Kubernetes quantity (`'256'`).
   * @default - no limit
   */
  readonly cpu?: string;
  /**
   * Total memory of all nodes (`'1Ti'`).
   * @default - no limit
   */
  readonly memory?: string;
  /**
   * Total GPUs of all nodes.
   * @default - no limit
   */
  readonly gpus?: number;
}

/** The node class a Karpenter NodePool launches nodes with. */
export class KarpenterNodeClass {
  /** An AWS `EC2NodeClass` (`karpenter.k8s.aws/v1`) by name. */
  public static ec2NodeClass(name: string): KarpenterNodeClass {
    return new KarpenterNodeClass('karpenter.k8s.aws', 'EC2NodeClass', name);
  }

  /** Any other provider's node class, for example Azure's `AKSNodeClass` (`karpenter.azure.com`). */
  public static of(group: string, kind: string, name: string): KarpenterNodeClass {
    return new KarpenterNodeClass(group, kind, name);
  }

  /** The API group of the node class. */
  public readonly group: string;
  /** The kind of the node class. */
  public readonly kind: string;
  /** The name of the node class. */
  public readonly name: string;

  private constructor(group: string, kind: string, name: string) {
    for (const [field, value] of [['group', group], ['kind', kind], ['name', name]]) {
      if (typeof value !== 'string' || value === '' || value.includes('/')) {
        throw new Error(`KarpenterNodeClass: ${field} is ${JSON.stringify(value)} (expected a non-empty string without '/')`);
      }
    }
    this.group = group;
    this.kind = kind;
    this.name = name;
  }

  /** Whether this is the AWS provider, whose nodes carry `karpenter.k8s.aws/instance-gpu-*` labels. */
  public get isAws(): boolean {
    return this.group === 'karpenter.k8s.aws';
  }
}

/** A node requirement for a Karpenter pool, beyond the ones the pool derives from its props. */
export interface NodeRequirement {
  /** The node label key. */
  readonly key: string;
  /** `In`, `NotIn`, `Exists`, `DoesNotExist`, `Gt` or `Lt`. */
  readonly operator: string;
  /**
   * The values for `In`, `NotIn`, `Gt` and `Lt`.
   * @default []
   */
  readonly values?: string[];
}

/** Props for `GpuNodePool.karpenter()`. */
export interface KarpenterGpuNodePoolProps {
  /**
   * The NodePool name. Nodes get the label `karpenter.sh/nodepool: <name>`, which tasks select.
   * @default - the construct id, if it is a valid name
   */
  readonly name?: string;
  /** The GPU models the pool may launch (any of them). */
  readonly accelerators: GpuAccelerator[];
  /**
   * GPUs on each node. Tasks can't request more.
   * @default 1
   */
  readonly gpusPerNode?: number;
  /** The node class (for example `KarpenterNodeClass.ec2NodeClass('gpu')`). */
  readonly nodeClass: KarpenterNodeClass;
  /**
   * Capacity types the pool may launch.
   * @default [CapacityType.ON_DEMAND]
   */
  readonly capacityTypes?: CapacityType[];
  /**
   * Taints on every node, so that only pods that tolerate them land there.
   * @default - one taint `nvidia.com/gpu:NoSchedule`
   */
  readonly taints?: NodeTaint[];
  /**
   * Extra labels on every node.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Narrow the instance types (`node.kubernetes.io/instance-type`), for example `['g4dn.xlarge', 'g5.xlarge']`.
   * @default - any instance type with the accelerators and GPU count
   */
  readonly instanceTypes?: string[];
  /**
   * CPU architecture (`kubernetes.io/arch`).
   * @default 'amd64'
   */
  readonly architecture?: string;
  /**
   * More requirements, added after the derived ones.
   * @default - none
   */
  readonly requirements?: NodeRequirement[];
  /**
   * Upper bounds on the pool's total size.
   * @default - no limits
   */
  readonly limits?: NodePoolLimits;
  /**
   * When Karpenter may consolidate nodes.
   * @default ConsolidationPolicy.WHEN_EMPTY
   */
  readonly consolidationPolicy?: ConsolidationPolicy;
  /**
   * How long a node must be consolidatable before Karpenter acts.
   * @default Duration.minutes(10)
   */
  readonly consolidateAfter?: Duration;
  /**
   * Disruption budgets.
   * @default - Karpenter's default (10% of nodes)
   */
  readonly budgets?: DisruptionBudget[];
  /**
   * How long a node lives before Karpenter replaces it.
   * @default Duration.hours(720)
   */
  readonly expireAfter?: Duration;
  /**
   * How long Karpenter waits for pods to leave a node it disrupts before it forces them off.
   * @default - wait for pods forever (Karpenter's default)
   */
  readonly terminationGracePeriod?: Duration;
  /**
   * Priority among NodePools that could launch the same pod (higher first).
   * @default - no weight
   */
  readonly weight?: number;
}

/** Which labels identify the nodes of a pool made elsewhere. */
export class ExistingPoolSelector {
  /**
   * GKE GPU node pools: `cloud.google.com/gke-accelerator`. GKE taints GPU nodes with
   * `nvidia.com/gpu=present:NoSchedule`, so that is the default taint.
   *
   * @param accelerator the GPU model
   * @param nodePoolName also select `cloud.google.com/gke-nodepool`, to pin one GKE node pool
   */
  public static gkeAccelerator(accelerator: GpuAccelerator, nodePoolName?: string): ExistingPoolSelector {
    return new ExistingPoolSelector(accelerator, 'cloud.google.com/gke-accelerator', accelerator.gkeAccelerator,
      nodePoolName ? { 'cloud.google.com/gke-nodepool': nodePoolName } : {},
      [{ key: 'nvidia.com/gpu', value: 'present', effect: TaintEffect.NO_SCHEDULE }]);
  }

  /** Nodes labelled by NVIDIA GPU Feature Discovery (GPU Operator): `nvidia.com/gpu.product`. */
  public static nvidiaGpuProduct(accelerator: GpuAccelerator): ExistingPoolSelector {
    return new ExistingPoolSelector(accelerator, 'nvidia.com/gpu.product', accelerator.nvidiaProduct, {}, []);
  }

  /** Nodes launched by Karpenter on AWS elsewhere: `karpenter.k8s.aws/instance-gpu-name`. */
  public static karpenterGpuName(accelerator: GpuAccelerator): ExistingPoolSelector {
    return new ExistingPoolSelector(accelerator, 'karpenter.k8s.aws/instance-gpu-name', accelerator.karpenterGpuName, {}, []);
  }

  /** Any node labels, for example an EKS managed node group (`eks.amazonaws.com/nodegroup`). */
  public static labels(labels: { [key: string]: string }, accelerator?: GpuAccelerator): ExistingPoolSelector {
    return new ExistingPoolSelector(accelerator, undefined, undefined, { ...labels }, []);
  }

  /** The GPU model, when the selector names one. */
  public readonly accelerator?: GpuAccelerator;
  /** @internal */
  public readonly _labelKey?: string;
  /** @internal */
  public readonly _labelValue?: string;
  /** @internal */
  public readonly _extraLabels: { [key: string]: string };
  /** @internal */
  public readonly _defaultTaints: NodeTaint[];

  private constructor(accelerator: GpuAccelerator | undefined, labelKey: string | undefined,
    labelValue: string | undefined, extra: { [key: string]: string }, defaultTaints: NodeTaint[]) {
    this.accelerator = accelerator;
    this._labelKey = labelKey;
    this._labelValue = labelValue;
    this._extraLabels = extra;
    this._defaultTaints = defaultTaints;
  }
}

/** Props for `GpuNodePool.existing()`. */
export interface ExistingGpuNodePoolProps {
  /** A name for the pool, unique in the app (used in messages and for Kueue flavors). */
  readonly name: string;
  /** The labels that identify the pool's nodes. */
  readonly selector: ExistingPoolSelector;
  /**
   * GPUs on each node. Tasks can't request more.
   * @default 1
   */
  readonly gpusPerNode?: number;
  /**
   * The taints on the pool's nodes.
   * @default - the selector's usual taints (GKE: `nvidia.com/gpu=present:NoSchedule`; others: none)
   */
  readonly taints?: NodeTaint[];
  /**
   * More labels that every node of the pool has, added to the node selector.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * The extended resource the nodes offer.
   * @default - the accelerator's resource name, or `nvidia.com/gpu`
   */
  readonly resourceName?: string;
}

const POOL_SYMBOL = Symbol.for('cdk8s-kfp.GpuNodePool');
const NODES = /^((100|[0-9]{1,2})%|[0-9]+)$/;
const REQUIREMENT_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'];

interface PoolConfig {
  readonly name: string;
  readonly gpusPerNode: number;
  readonly resourceName: string;
  readonly accelerators: GpuAccelerator[];
  readonly taints: NodeTaint[];
  readonly nodeLabels: { [key: string]: string };
  readonly possibleValues: { [key: string]: string[] };
  readonly nodeSelector: { [key: string]: string };
  readonly maxGpus?: number;
}

/**
 * A pool of GPU nodes, described once: accelerator, GPUs per node, labels and taints.
 *
 * - `GpuNodePool.karpenter()` synthesizes a `karpenter.sh/v1` NodePool.
 * - `GpuNodePool.existing()` describes a pool made elsewhere (GKE or EKS node groups).
 *
 * Tasks land on a pool with `task.runOn(pool, { gpus })`, which applies `placementFor(gpus)`: the
 * accelerator request, node selector and tolerations all come from here, so they can't disagree.
 */
export class GpuNodePool extends Construct implements IGpuPool {
  /** A Karpenter `NodePool` (karpenter.sh/v1) that launches GPU nodes on demand. */
  public static karpenter(scope: Construct, id: string, props: KarpenterGpuNodePoolProps): GpuNodePool {
    return new GpuNodePool(scope, id, 'karpenter', props);
  }

  /** A GPU node pool made elsewhere (GKE node pool, EKS node group), described by its labels and taints. */
  public static existing(scope: Construct, id: string, props: ExistingGpuNodePoolProps): GpuNodePool {
    return new GpuNodePool(scope, id, 'existing', props);
  }

  /** Whether `x` is a `GpuNodePool`. */
  public static isGpuNodePool(x: any): x is GpuNodePool {
    return x !== null && typeof x === 'object' && POOL_SYMBOL in x;
  }

  /** The pool name (the NodePool name for Karpenter pools). */
  public readonly poolName: string;
  /** GPUs on each node. */
  public readonly gpusPerNode: number;
  /** The extended resource the nodes offer (the KFP accelerator type), for example `nvidia.com/gpu`. */
  public readonly acceleratorType: string;
  /** The GPU models the pool may have. */
  public readonly accelerators: GpuAccelerator[];
  /** The taints on every node of the pool. */
  public readonly taints: NodeTaint[];
  /** Labels every node of the pool has. */
  public readonly nodeLabels: { [key: string]: string };
  /** The node selector tasks use to land on this pool. */
  public readonly nodeSelector: { [key: string]: string };
  /** The synthesized NodePool, for Karpenter pools. */
  public readonly nodePool?: ApiObject;
  /** Whether the pool is a Karpenter NodePool made here (`true`) or a pool made elsewhere (`false`). */
  public readonly managedByKarpenter: boolean;
  /** The most GPUs the pool can have in total (Karpenter `limits`), if limited. */
  public readonly maxGpus?: number;

  private readonly possibleValues: { [key: string]: string[] };
  private queue?: { readonly localQueueName: string; readonly priorityClassName?: string; readonly clusterQueuePath: string };

  private constructor(scope: Construct, id: string, kind: 'karpenter' | 'existing', props: any) {
    super(scope, id);
    Object.defineProperty(this, POOL_SYMBOL, { value: true });
    const path = this.node.path;
    if (!props || typeof props !== 'object') throw new Error(`${path}: props are required`);
    const config = kind === 'karpenter' ? karpenterConfig(path, id, props) : existingConfig(path, props);
    this.poolName = config.name;
    this.gpusPerNode = config.gpusPerNode;
    this.acceleratorType = config.resourceName;
    this.accelerators = config.accelerators;
    this.taints = config.taints;
    this.nodeLabels = config.nodeLabels;
    this.nodeSelector = config.nodeSelector;
    this.possibleValues = config.possibleValues;
    this.managedByKarpenter = kind === 'karpenter';
    this.maxGpus = config.maxGpus;
    checkUniqueName(this);
    if (kind === 'karpenter') {
      this.nodePool = new ApiObject(this, 'Resource', {
        apiVersion: 'karpenter.sh/v1',
        kind: 'NodePool',
        metadata: { name: config.name },
        spec: karpenterSpec(path, config, props),
      });
    }
  }

  /**
   * The placement for a task that requests `gpus` GPUs on this pool: the accelerator type and
   * count, a node selector for the pool's labels, a toleration for each NoSchedule/NoExecute taint,
   * and the Kueue queue label when the pool is queued.
   */
  public placementFor(gpus: number): AcceleratorPlacement {
    const path = this.node.path;
    if (typeof gpus !== 'number' || !Number.isInteger(gpus) || gpus < 1) {
      throw new Error(`${path}: GPU count ${JSON.stringify(gpus)} is not valid for pool '${this.poolName}' (expected a whole number of 1 or more)`);
    }
    if (gpus > this.gpusPerNode) {
      throw new Error(`${path}: ${gpus} GPUs requested, but nodes of pool '${this.poolName}' have ${this.gpusPerNode} (expected at most ${this.gpusPerNode}, or a pool with bigger nodes)`);
    }
    const tolerations: PodToleration[] = this.taints.filter(isRepelling).map(tolerationFor);
    const podLabels: { [key: string]: string } = {};
    if (this.queue) {
      podLabels['kueue.x-k8s.io/queue-name'] = this.queue.localQueueName;
      if (this.queue.priorityClassName) podLabels['kueue.x-k8s.io/priority-class'] = this.queue.priorityClassName;
    }
    return {
      acceleratorType: this.acceleratorType,
      acceleratorCount: gpus,
      nodeSelector: { ...this.nodeSelector },
      tolerations,
      ...(Object.keys(podLabels).length > 0 ? { podLabels } : {}),
    };
  }

  /**
   * Whether a node of this pool can carry `value` for label `key`: either every node has it, or
   * the pool launches nodes with several values for that label (for example several GPU models).
   */
  public mayHaveLabel(key: string, value: string): boolean {
    if (this.nodeLabels[key] === value) return true;
    return (this.possibleValues[key] ?? []).includes(value);
  }

  /** The Kueue local queue GPU tasks on this pool are labelled with, if the pool is queued. */
  public get localQueueName(): string | undefined {
    return this.queue?.localQueueName;
  }

  /** @internal */
  public _bindQueue(binding: { readonly localQueueName: string; readonly priorityClassName?: string; readonly clusterQueuePath: string }): void {
    if (this.queue && this.queue.clusterQueuePath !== binding.clusterQueuePath) {
      throw new Error(`${binding.clusterQueuePath}: pool '${this.poolName}' (${this.node.path}) is already queued by ${this.queue.clusterQueuePath} (expected each pool in one ClusterQueue)`);
    }
    this.queue = binding;
  }
}

function checkUniqueName(pool: GpuNodePool): void {
  for (const other of pool.node.root.node.findAll()) {
    if (other !== pool && GpuNodePool.isGpuNodePool(other) && other.poolName === pool.poolName) {
      throw new Error(`${pool.node.path}: pool name '${pool.poolName}' is already used by ${(other as IConstruct).node.path} (expected pool names to be unique in the app)`);
    }
  }
}

function poolName(path: string, id: string, name: string | undefined): string {
  const value = name ?? id;
  if (!isDnsSubdomain(value)) {
    const source = name === undefined ? `the construct id '${id}' (used as the name)` : `name '${name}'`;
    throw new Error(`${path}: ${source} is not a valid pool name (expected a lowercase DNS subdomain such as 'gpu-t4'${name === undefined ? '; set name' : ''})`);
  }
  return value;
}

function gpuCount(path: string, value: number | undefined): number {
  if (value === undefined) return 1;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new Error(`${path}: gpusPerNode is ${JSON.stringify(value)} (expected a whole number of 1 or more)`);
  }
  return value;
}

function checkTaints(path: string, taints: NodeTaint[]): NodeTaint[] {
  if (!Array.isArray(taints)) throw new Error(`${path}: taints is ${JSON.stringify(taints)} (expected a list of { key, value?, effect })`);
  taints.forEach((t, i) => validateTaint(path, t, i));
  const seen = new Set<string>();
  for (const t of taints) {
    const k = `${t.key}:${t.effect}`;
    if (seen.has(k)) throw new Error(`${path}: taint '${t.key}' with effect ${t.effect} is listed twice (expected one taint per key and effect)`);
    seen.add(k);
  }
  return taints.map((t) => ({ ...t }));
}

function resourceNameOf(path: string, accelerators: GpuAccelerator[], override?: string): string {
  const names = new Set(accelerators.map((a) => a.resourceName));
  if (override !== undefined) {
    if (typeof override !== 'string' || !/^[a-z0-9.-]+\/[A-Za-z0-9._-]+$/.test(override)) {
      throw new Error(`${path}: resourceName '${override}' is not an extended resource name (expected for example 'nvidia.com/gpu')`);
    }
    return override;
  }
  if (names.size > 1) {
    throw new Error(`${path}: the accelerators use different resources (${[...names].join(', ')}); expected one resource per pool`);
  }
  return names.size === 1 ? [...names][0] : 'nvidia.com/gpu';
}

function karpenterConfig(path: string, id: string, props: KarpenterGpuNodePoolProps): PoolConfig {
  const name = poolName(path, id, props.name);
  if (!Array.isArray(props.accelerators) || props.accelerators.length === 0) {
    throw new Error(`${path}: accelerators is ${JSON.stringify(props.accelerators)} (expected at least one GpuAccelerator, for example GpuAccelerator.NVIDIA_T4)`);
  }
  if (!(props.nodeClass instanceof KarpenterNodeClass)) {
    throw new Error(`${path}: nodeClass is ${JSON.stringify(props.nodeClass)} (expected KarpenterNodeClass.ec2NodeClass(name) or KarpenterNodeClass.of(group, kind, name))`);
  }
  const gpusPerNode = gpuCount(path, props.gpusPerNode);
  const resourceName = resourceNameOf(path, props.accelerators);
  const taints = checkTaints(path, props.taints ?? [{ key: 'nvidia.com/gpu', effect: TaintEffect.NO_SCHEDULE }]);
  validateLabels(path, 'labels', props.labels);
  for (const key of Object.keys(props.labels ?? {})) {
    const domain = key.includes('/') ? key.split('/')[0] : '';
    if (domain === 'karpenter.sh' || domain.endsWith('.karpenter.sh') || key === 'kubernetes.io/hostname') {
      throw new Error(`${path}: label '${key}' is restricted by Karpenter (expected a label outside the karpenter.sh domain, not kubernetes.io/hostname)`);
    }
  }
  const capacityTypes = props.capacityTypes ?? [CapacityType.ON_DEMAND];
  const knownCapacity = Object.values(CapacityType) as string[];
  if (!Array.isArray(capacityTypes) || capacityTypes.length === 0 || capacityTypes.some((c) => !knownCapacity.includes(c))) {
    throw new Error(`${path}: capacityTypes is ${JSON.stringify(capacityTypes)} (expected one or more of ${knownCapacity.join(', ')})`);
  }
  const aws = props.nodeClass.isAws;
  const gpuNames: string[] = [];
  if (aws) {
    for (const a of props.accelerators) {
      if (!a.karpenterGpuName) {
        throw new Error(`${path}: accelerator ${a.displayName} has no karpenter.k8s.aws/instance-gpu-name value (expected an AWS GPU, or GpuAccelerator.custom({ karpenterGpuName }))`);
      }
      if (!gpuNames.includes(a.karpenterGpuName)) gpuNames.push(a.karpenterGpuName);
    }
  } else if (!props.instanceTypes?.length && !props.requirements?.length) {
    throw new Error(`${path}: node class ${props.nodeClass.group}/${props.nodeClass.kind} is not AWS, so the pool can't select GPU models by label (expected instanceTypes or requirements that pick GPU instances)`);
  }
  let maxGpus: number | undefined;
  if (props.limits) {
    if (props.limits.cpu !== undefined) requireQuantity(path, 'limits.cpu', props.limits.cpu);
    if (props.limits.memory !== undefined) requireQuantity(path, 'limits.memory', props.limits.memory);
    if (props.limits.gpus !== undefined) {
      maxGpus = requireCount(path, 'limits.gpus', props.limits.gpus, 0);
      if (maxGpus < gpusPerNode) {
        throw new Error(`${path}: limits.gpus is ${maxGpus}, less than one node's ${gpusPerNode} GPUs (expected at least ${gpusPerNode}, or the pool can never launch a node)`);
      }
    }
  }
  const nodeLabels: { [key: string]: string } = { ...(props.labels ?? {}), 'karpenter.sh/nodepool': name };
  const possibleValues: { [key: string]: string[] } = {};
  const nodeSelector: { [key: string]: string } = { 'karpenter.sh/nodepool': name };
  if (capacityTypes.length === 1) nodeLabels['karpenter.sh/capacity-type'] = capacityTypes[0];
  else possibleValues['karpenter.sh/capacity-type'] = [...capacityTypes];
  nodeLabels['kubernetes.io/arch'] = props.architecture ?? 'amd64';
  if (aws) {
    nodeLabels['karpenter.k8s.aws/instance-gpu-count'] = String(gpusPerNode);
    if (gpuNames.length === 1) {
      nodeLabels['karpenter.k8s.aws/instance-gpu-name'] = gpuNames[0];
      nodeSelector['karpenter.k8s.aws/instance-gpu-name'] = gpuNames[0];
    } else {
      possibleValues['karpenter.k8s.aws/instance-gpu-name'] = gpuNames;
    }
  }
  return {
    name,
    gpusPerNode,
    resourceName,
    accelerators: [...props.accelerators],
    taints,
    nodeLabels,
    possibleValues,
    nodeSelector,
    maxGpus,
  };
}

function existingConfig(path: string, props: ExistingGpuNodePoolProps): PoolConfig {
  if (props.name === undefined) throw new Error(`${path}: name is required (expected a pool name such as 'gke-t4')`);
  const name = poolName(path, props.name, props.name);
  const selector = props.selector;
  if (!(selector instanceof ExistingPoolSelector)) {
    throw new Error(`${path}: selector is ${JSON.stringify(selector)} (expected ExistingPoolSelector.gkeAccelerator(), .nvidiaGpuProduct(), .karpenterGpuName() or .labels())`);
  }
  const labels: { [key: string]: string } = { ...selector._extraLabels };
  if (selector._labelKey) {
    if (!selector._labelValue) {
      throw new Error(`${path}: accelerator ${selector.accelerator?.displayName} has no value for label ${selector._labelKey} (expected a GPU model that platform offers, or GpuAccelerator.custom() with that value)`);
    }
    labels[selector._labelKey] = selector._labelValue;
  }
  Object.assign(labels, props.labels ?? {});
  if (Object.keys(labels).length === 0) {
    throw new Error(`${path}: the selector has no labels (expected at least one node label that identifies the pool)`);
  }
  validateLabels(path, 'node label', labels);
  const accelerators = selector.accelerator ? [selector.accelerator] : [];
  return {
    name,
    gpusPerNode: gpuCount(path, props.gpusPerNode),
    resourceName: resourceNameOf(path, accelerators, props.resourceName),
    accelerators,
    taints: checkTaints(path, props.taints ?? selector._defaultTaints),
    nodeLabels: labels,
    possibleValues: {},
    nodeSelector: { ...labels },
  };
}

/** A duration in Karpenter's format (`1h30m`, `600s`). */
function karpenterDuration(path: string, field: string, d: Duration): string {
  if (!(d instanceof Duration)) throw new Error(`${path}: ${field} is ${JSON.stringify(d)} (expected a cdk8s Duration)`);
  const total = d.toSeconds();
  if (!Number.isInteger(total) || total < 0) throw new Error(`${path}: ${field} is ${total} seconds (expected whole seconds of 0 or more)`);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const text = `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
  return text === '' ? '0s' : text;
}

function karpenterSpec(path: string, config: PoolConfig, props: KarpenterGpuNodePoolProps): any {
  const requirements: any[] = [];
  const gpuNames = config.nodeLabels['karpenter.k8s.aws/instance-gpu-name']
    ? [config.nodeLabels['karpenter.k8s.aws/instance-gpu-name']]
    : config.possibleValues['karpenter.k8s.aws/instance-gpu-name'];
  if (props.nodeClass.isAws) {
    requirements.push({ key: 'karpenter.k8s.aws/instance-gpu-name', operator: 'In', values: gpuNames });
    requirements.push({ key: 'karpenter.k8s.aws/instance-gpu-count', operator: 'In', values: [String(config.gpusPerNode)] });
    if (config.resourceName === 'nvidia.com/gpu') {
      requirements.push({ key: 'karpenter.k8s.aws/instance-gpu-manufacturer', operator: 'In', values: ['nvidia'] });
    }
  }
  requirements.push({ key: 'karpenter.sh/capacity-type', operator: 'In', values: [...(props.capacityTypes ?? [CapacityType.ON_DEMAND])] });
  requirements.push({ key: 'kubernetes.io/arch', operator: 'In', values: [props.architecture ?? 'amd64'] });
  requirements.push({ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] });
  if (props.instanceTypes !== undefined) {
    if (!Array.isArray(props.instanceTypes) || props.instanceTypes.length === 0 || props.instanceTypes.some((t) => typeof t !== 'string' || t === '')) {
      throw new Error(`${path}: instanceTypes is ${JSON.stringify(props.instanceTypes)} (expected a non-empty list of instance type names)`);
    }
    requirements.push({ key: 'node.kubernetes.io/instance-type', operator: 'In', values: [...props.instanceTypes] });
  }
  (props.requirements ?? []).forEach((r, i) => {
    const problem = r && typeof r.key === 'string' && r.key !== '' ? undefined : 'has no key';
    if (problem) throw new Error(`${path}: requirements[${i}] ${problem} (expected { key, operator, values })`);
    if (!REQUIREMENT_OPERATORS.includes(r.operator)) {
      throw new Error(`${path}: requirements[${i}] (key '${r.key}') has operator '${r.operator}' (expected one of ${REQUIREMENT_OPERATORS.join(', ')})`);
    }
    if (r.key === 'karpenter.sh/nodepool' || r.key === 'kubernetes.io/hostname') {
      throw new Error(`${path}: requirements[${i}] uses restricted label '${r.key}' (expected another label)`);
    }
    const values = r.values ?? [];
    if (r.operator === 'In' && values.length === 0) {
      throw new Error(`${path}: requirements[${i}] (key '${r.key}') has operator In and no values (expected at least one value)`);
    }
    requirements.push({ key: r.key, operator: r.operator, ...(values.length ? { values: [...values] } : {}) });
  });

  const templateSpec: any = {
    nodeClassRef: { group: props.nodeClass.group, kind: props.nodeClass.kind, name: props.nodeClass.name },
    requirements,
    expireAfter: karpenterDuration(path, 'expireAfter', props.expireAfter ?? Duration.hours(720)),
  };
  if (config.taints.length > 0) templateSpec.taints = config.taints.map(taintSpec);
  if (props.terminationGracePeriod !== undefined) {
    templateSpec.terminationGracePeriod = karpenterDuration(path, 'terminationGracePeriod', props.terminationGracePeriod);
  }
  const templateLabels = Object.fromEntries(Object.entries(config.nodeLabels)
    .filter(([k]) => Object.keys(props.labels ?? {}).includes(k)));

  const policy = props.consolidationPolicy ?? ConsolidationPolicy.WHEN_EMPTY;
  if (!(Object.values(ConsolidationPolicy) as string[]).includes(policy)) {
    throw new Error(`${path}: consolidationPolicy is '${policy}' (expected ${Object.values(ConsolidationPolicy).join(' or ')})`);
  }
  const disruption: any = {
    consolidationPolicy: policy,
    consolidateAfter: karpenterDuration(path, 'consolidateAfter', props.consolidateAfter ?? Duration.minutes(10)),
  };
  if (props.budgets !== undefined) {
    disruption.budgets = props.budgets.map((b, i) => {
      if (!b || typeof b.nodes !== 'string' || !NODES.test(b.nodes)) {
        throw new Error(`${path}: budgets[${i}].nodes is ${JSON.stringify(b?.nodes)} (expected a count such as '0' or '2', or a percentage such as '10%')`);
      }
      if ((b.schedule === undefined) !== (b.duration === undefined)) {
        throw new Error(`${path}: budgets[${i}] sets ${b.schedule === undefined ? 'duration' : 'schedule'} without ${b.schedule === undefined ? 'schedule' : 'duration'} (expected both or neither)`);
      }
      const reasons = b.reasons ?? [];
      for (const r of reasons) {
        if (!(Object.values(DisruptionReason) as string[]).includes(r)) {
          throw new Error(`${path}: budgets[${i}].reasons has '${r}' (expected ${Object.values(DisruptionReason).join(', ')})`);
        }
      }
      return {
        nodes: b.nodes,
        ...(b.schedule !== undefined ? { schedule: b.schedule, duration: karpenterDuration(path, `budgets[${i}].duration`, b.duration!) } : {}),
        ...(reasons.length ? { reasons: [...reasons] } : {}),
      };
    });
  }
  const spec: any = {
    template: {
      ...(Object.keys(templateLabels).length ? { metadata: { labels: templateLabels } } : {}),
      spec: templateSpec,
    },
    disruption,
  };
  const limits: any = {};
  if (props.limits?.cpu !== undefined) limits.cpu = props.limits.cpu;
  if (props.limits?.memory !== undefined) limits.memory = props.limits.memory;
  if (props.limits?.gpus !== undefined) limits[config.resourceName] = String(props.limits.gpus);
  if (Object.keys(limits).length) spec.limits = limits;
  if (props.weight !== undefined) {
    if (!Number.isInteger(props.weight) || props.weight < 1 || props.weight > 100) {
      throw new Error(`${path}: weight is ${JSON.stringify(props.weight)} (expected a whole number from 1 to 100)`);
    }
    spec.weight = props.weight;
  }
  return spec;
}
