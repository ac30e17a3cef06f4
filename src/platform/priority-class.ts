import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { isDnsSubdomain } from './taint-rules';

/** Whether pods of a priority class may preempt lower-priority pods. */
export enum PreemptionPolicy {
  /** Pods may evict lower-priority pods to get scheduled. */
  PREEMPT_LOWER_PRIORITY = 'PreemptLowerPriority',
  /** Pods wait for room; they never evict others (they can still be preempted). */
  NEVER = 'Never',
}

/** The Kueue API version to write. */
export enum KueueApiVersion {
  /** `kueue.x-k8s.io/v1beta2`: Kueue 0.15 and later (0.20 serves only this). */
  V1BETA2 = 'kueue.x-k8s.io/v1beta2',
  /** `kueue.x-k8s.io/v1beta1`: Kueue up to 0.19. */
  V1BETA1 = 'kueue.x-k8s.io/v1beta1',
}

/** Options for the `training()` and `serving()` presets. */
export interface PriorityPresetOptions {
  /**
   * The class name.
   * @default 'kfp-training' or 'kfp-serving'
   */
  readonly name?: string;
  /**
   * The priority value.
   * @default 1000 for training, 100000 for serving
   */
  readonly value?: number;
  /**
   * Also write a Kueue `WorkloadPriorityClass` of the same name and value.
   * @default false
   */
  readonly kueue?: boolean;
  /**
   * The Kueue API version, when `kueue` is set.
   * @default KueueApiVersion.V1BETA2
   */
  readonly kueueApiVersion?: KueueApiVersion;
}

/** Props for `PipelinePriorityClass`. */
export interface PipelinePriorityClassProps {
  /**
   * The class name. Must not start with `system-`.
   * @default - the construct id
   */
  readonly name?: string;
  /** The priority value (higher runs first); user classes go up to 1000000000. */
  readonly value: number;
  /**
   * Whether pods of this class may preempt lower-priority pods.
   * @default PreemptionPolicy.PREEMPT_LOWER_PRIORITY
   */
  readonly preemptionPolicy?: PreemptionPolicy;
  /**
   * What the class is for.
   * @default - none
   */
  readonly description?: string;
  /**
   * Also write a Kueue `WorkloadPriorityClass` of the same name and value, so that queued GPU
   * tasks labelled `kueue.x-k8s.io/priority-class` are ordered and preempted by it.
   * @default false
   */
  readonly kueue?: boolean;
  /**
   * The Kueue API version, when `kueue` is set.
   * @default KueueApiVersion.V1BETA2
   */
  readonly kueueApiVersion?: KueueApiVersion;
}


/**
 * A `scheduling.k8s.io/v1` PriorityClass, optionally mirrored as a Kueue `WorkloadPriorityClass`.
 *
 * KFP 2.17 has no per-task `priorityClassName` (kfp-kubernetes has no such field), so pipeline
 * tasks get their priority through Kueue: a `GpuClusterQueue` with `priorityClass` labels GPU task
 * pods with `kueue.x-k8s.io/priority-class`. Serving workloads (Deployments, InferenceServices) use
 * the PriorityClass directly with `priorityClassName`.
 */
export class PipelinePriorityClass extends Construct {
  /** Training: runs after serving, waits for room instead of evicting others. */
  public static training(scope: Construct, id: string, options: PriorityPresetOptions = {}): PipelinePriorityClass {
    return new PipelinePriorityClass(scope, id, {
      name: options.name ?? 'kfp-training',
      value: options.value ?? 1000,
      preemptionPolicy: PreemptionPolicy.NEVER,
      description: 'Pipeline training tasks: wait for capacity, never evict other pods.',
      kueue: options.kueue,
      kueueApiVersion: options.kueueApiVersion,
    });
  }

  /** Serving: runs before training and may preempt it. */
  public static serving(scope: Construct, id: string, options: PriorityPresetOptions = {}): PipelinePriorityClass {
    return new PipelinePriorityClass(scope, id, {
      name: options.name ?? 'kfp-serving',
      value: options.value ?? 100000,
      preemptionPolicy: PreemptionPolicy.PREEMPT_LOWER_PRIORITY,
      description: 'Model serving: may preempt lower-priority pods such as training tasks.',
      kueue: options.kueue,
      kueueApiVersion: options.kueueApiVersion,
    });
  }

  /** The class name. */
  public readonly priorityClassName: string;
  /** The priority value. */
  public readonly value: number;
  /** The preemption policy. */
  public readonly preemptionPolicy: PreemptionPolicy;
  /** The PriorityClass object. */
  public readonly priorityClass: ApiObject;
  /** The Kueue WorkloadPriorityClass, when `kueue` is set. */
  public readonly workloadPriorityClass?: ApiObject;

  constructor(scope: Construct, id: string, props: PipelinePriorityClassProps) {
    super(scope, id);
    const path = this.node.path;
    const name = props?.name ?? id;
    if (!isDnsSubdomain(name)) {
      throw new Error(`${path}: name '${name}' is not a valid PriorityClass name (expected a lowercase DNS subdomain such as 'kfp-training')`);
    }
    if (name.startsWith('system-')) {
      throw new Error(`${path}: name '${name}' starts with 'system-', which Kubernetes reserves (expected another name)`);
    }
    const value = props?.value;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < -2147483648 || value > 1000000000) {
      throw new Error(`${path}: value is ${JSON.stringify(value)} (expected a whole number up to 1000000000)`);
    }
    const policy = props.preemptionPolicy ?? PreemptionPolicy.PREEMPT_LOWER_PRIORITY;
    if (!(Object.values(PreemptionPolicy) as string[]).includes(policy)) {
      throw new Error(`${path}: preemptionPolicy is '${policy}' (expected ${Object.values(PreemptionPolicy).join(' or ')})`);
    }
    this.priorityClassName = name;
    this.value = value;
    this.preemptionPolicy = policy;
    this.priorityClass = new ApiObject(this, 'Resource', {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name },
      value,
      globalDefault: false,
      preemptionPolicy: policy,
      ...(props.description ? { description: props.description } : {}),
    });
    if (props.kueue) {
      const apiVersion = props.kueueApiVersion ?? KueueApiVersion.V1BETA2;
      if (!(Object.values(KueueApiVersion) as string[]).includes(apiVersion)) {
        throw new Error(`${path}: kueueApiVersion is '${apiVersion}' (expected ${Object.values(KueueApiVersion).join(' or ')})`);
      }
      this.workloadPriorityClass = new ApiObject(this, 'Workload', {
        apiVersion,
        kind: 'WorkloadPriorityClass',
        metadata: { name },
        value,
        ...(props.description ? { description: props.description } : {}),
      });
    }
  }
}
