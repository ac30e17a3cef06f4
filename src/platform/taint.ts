/** The effect of a node taint on pods that don't tolerate it. */
export enum TaintEffect {
  /** New pods that don't tolerate the taint are not scheduled on the node. */
  NO_SCHEDULE = 'NoSchedule',
  /** The scheduler tries to avoid the node for pods that don't tolerate the taint. */
  PREFER_NO_SCHEDULE = 'PreferNoSchedule',
  /** Pods that don't tolerate the taint are not scheduled, and running ones are evicted. */
  NO_EXECUTE = 'NoExecute',
}

/** A taint on every node of a pool. */
export interface NodeTaint {
  /** The taint key, for example `nvidia.com/gpu`. */
  readonly key: string;
  /**
   * The taint value.
   * @default - no value (tolerated with operator `Exists`)
   */
  readonly value?: string;
  /** What happens to pods that don't tolerate the taint. */
  readonly effect: TaintEffect;
}
