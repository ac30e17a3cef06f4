/**
 * Where a GPU task runs. A node pool (see `GpuNodePool` in the platform layer) describes its
 * nodes once; `task.runOn(pool, { gpus })` applies the pool's placement to a task, so the
 * accelerator request, node selector and tolerations in the IR can't disagree.
 */

/** A Kubernetes toleration, as kfp-kubernetes writes it into the PlatformSpec. */
export interface PodToleration {
  /**
   * The taint key to match.
   * @default - matches all keys (only with operator `Exists`)
   */
  readonly key?: string;
  /**
   * `Equal` or `Exists`.
   * @default 'Equal'
   */
  readonly operator?: string;
  /**
   * The taint value to match (with operator `Equal`).
   * @default - no value
   */
  readonly value?: string;
  /**
   * `NoSchedule`, `PreferNoSchedule` or `NoExecute`.
   * @default - matches all effects
   */
  readonly effect?: string;
  /**
   * How long a `NoExecute` toleration keeps the pod bound after the taint appears.
   * @default - forever
   */
  readonly tolerationSeconds?: number;
}

/** Everything a task needs to land on a pool's nodes. */
export interface AcceleratorPlacement {
  /** The accelerator resource (for example `nvidia.com/gpu`). */
  readonly acceleratorType: string;
  /** How many accelerators the task requests. */
  readonly acceleratorCount: number;
  /** Node labels the task must select. */
  readonly nodeSelector: { [key: string]: string };
  /** Tolerations for the pool's taints. */
  readonly tolerations: PodToleration[];
  /**
   * Extra pod labels (for example a Kueue `kueue.x-k8s.io/queue-name`).
   * @default - none
   */
  readonly podLabels?: { [key: string]: string };
}

/** Options for placing a task on a GPU pool. */
export interface RunOnOptions {
  /**
   * GPUs for the task.
   * @default 1
   */
  readonly gpus?: number;
}

/** A pool of accelerator nodes that tasks can run on. */
export interface IGpuPool {
  /** A unique name for the pool, used in messages. */
  readonly poolName: string;
  /** Accelerators on each node: a task can't request more. */
  readonly gpusPerNode: number;
  /** The placement for a task that requests `gpus` accelerators. Throws if the pool can't fit it. */
  placementFor(gpus: number): AcceleratorPlacement;
}
