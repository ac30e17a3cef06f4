import { Duration } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { Component } from './component';
import { checkJsonValue } from './json';
import { TaskKubernetesConfig } from './kubernetes';
import { IGpuPool, RunOnOptions } from './placement';
import { Reference } from './reference';
import { findPipeline, isPipeline, isTaskGroup, ITaskGroup } from './scope';
import { describeType, typesCompatible } from './types';
import { LoopItem, LoopItemField, PipelineParameter, TaskOutput } from './values';
import { irUsesWorkspace, refersToWorkspace } from './workspace';
import { ArgValue, IoDesc, ResourcesDesc, RetryDesc, TaskDesc } from '../compiler/ir/model';
import { sanitizeK8sName } from '../compiler/ir/names';
import { CPU_PATTERN, MEMORY_PATTERN } from '../compiler/ir/resources';
import { visitStrings } from '../compiler/ir/tokens';
import { describeValue } from '../util/describe';

/** A retry policy (kfp `set_retry`). */
export interface RetryPolicy {
  /** How many times to retry a failed task. */
  readonly maxRetryCount: number;
  /**
   * The wait before the first retry.
   * @default Duration.seconds(0)
   */
  readonly backoffDuration?: Duration;
  /**
   * The factor the wait grows by on each retry.
   * @default 2
   */
  readonly backoffFactor?: number;
  /**
   * The longest wait between retries.
   * @default Duration.hours(1)
   */
  readonly backoffMaxDuration?: Duration;
}

/** Inputs and configuration of a task. */
export interface TaskOptions {
  /**
   * Arguments by input name: constants (JSON values), references (`pipeline.param('x')`,
   * `task.output('y')`, `loop.item`, `Collected.of(...)`, `OneOf.of(...)`) or strings with
   * references inside (`` `model-${loop.item}` ``).
   * @default - none
   */
  readonly inputs?: { [name: string]: any };
  /**
   * The name shown in the KFP UI (`taskInfo.name`).
   * @default - the task name
   */
  readonly displayName?: string;
  /**
   * Whether the result may be taken from the cache.
   * @default true
   */
  readonly caching?: boolean;
  /**
   * A custom cache key.
   * @default - computed by KFP
   */
  readonly cacheKey?: string;
  /**
   * Retries.
   * @default - no retries
   */
  readonly retry?: RetryPolicy;
  /**
   * Tasks that must finish first, besides those whose outputs this task consumes.
   * @default - none
   */
  readonly after?: Task[];
  /**
   * Environment variables.
   * @default - none
   */
  readonly env?: { [name: string]: string };
  /**
   * Run even when upstream tasks fail (kfp `ignore_upstream_failure()`).
   * @default false
   */
  readonly ignoreUpstreamFailure?: boolean;
}

/** Properties of a task. */
export interface TaskProps extends TaskOptions {
  /** The component the task runs. */
  readonly component: Component;
}


function safeJson(v: any): string {
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 80 ? s.slice(0, 77) + '...' : s;
  } catch {
    return String(v);
  }
}

function constantMatches(value: any, io: IoDesc): boolean {
  switch (io.type.parameterType) {
    case 'STRING': return typeof value === 'string';
    case 'NUMBER_INTEGER': return typeof value === 'number' && Number.isInteger(value);
    case 'NUMBER_DOUBLE': return typeof value === 'number';
    case 'BOOLEAN': return typeof value === 'boolean';
    case 'LIST': return Array.isArray(value);
    case 'STRUCT': return value !== null && typeof value === 'object' && !Array.isArray(value);
    default: return true;
  }
}

function expectedConstant(io: IoDesc): string {
  switch (io.type.parameterType) {
    case 'STRING': return 'a string';
    case 'NUMBER_INTEGER': return 'an integer';
    case 'NUMBER_DOUBLE': return 'a number';
    case 'BOOLEAN': return 'a boolean';
    case 'LIST': return 'a list';
    case 'STRUCT': return 'an object';
    default: return describeType(io.type);
  }
}

/** Every reference in a value (direct, or embedded as tokens in strings). */
function referencesIn(value: any): Reference[] {
  const found: Reference[] = [];
  visitStrings(value, (text) => found.push(...Reference._tokensIn(text)), (v) => {
    if (!(v instanceof Reference)) return false;
    found.push(v);
    return true;
  });
  return found;
}

/** The references a reference depends on (itself, or the values inside Collected/OneOf). */
function leaves(r: Reference): Reference[] {
  const parts = r._parts();
  return parts.length > 0 ? parts.flatMap(leaves) : [r];
}

/**
 * A task: one run of a component in a pipeline (kfp `PipelineTask`). Create tasks with
 * `scope.task(id, component, options)` on a pipeline or control-flow group.
 */
export class Task extends Construct {
  /** The KFP task name (the key in the DAG), unique in its pipeline. */
  public readonly taskName: string;
  /** The component this task runs. */
  public readonly component: Component;

  /** @internal */
  public _isExitTask = false;
  /** @internal The only task of `Pipeline.fromComponent()`. */
  public _compiledComponent = false;
  /** @internal */
  public readonly _pipeline: IConstruct;
  private readonly args: { [name: string]: any };
  private readonly afterTasks: string[] = [];
  private readonly afterRefs: IConstruct[] = [];
  private caching: boolean;
  private cacheKey?: string;
  private displayName?: string;
  private retry?: RetryDesc;
  private readonly resources: { -readonly [K in keyof ResourcesDesc]?: string } = {};
  private readonly env: Array<[string, string]> = [];
  private image?: string;
  private upstreamFailureIgnored: boolean;
  private readonly kubernetesConfig: Record<string, any> = {};
  private readonly platformRefs: Reference[] = [];
  private kubernetesSettings?: TaskKubernetesConfig;

  constructor(scope: ITaskGroup, id: string, props: TaskProps) {
    super(scope, id);
    const where = `Task '${this.node.path}'`;
    if (!isTaskGroup(scope)) {
      throw new Error(`${where}: got scope ${describeValue(scope)}; expected a Pipeline or a control-flow group (If, Elif, Else, ParallelFor, ExitHandler)`);
    }
    const pipeline = findPipeline(scope);
    if (!pipeline) throw new Error(`${where}: not inside a Pipeline; expected a Pipeline or one of its groups as scope`);
    this._pipeline = pipeline;
    if (!(props?.component instanceof Component)) {
      throw new Error(`${where}: got component ${safeJson(props?.component)}; expected a Component (Component.python(), Component.container(), ...)`);
    }
    this.component = props.component;
    if (props.component._owner !== undefined && props.component._owner === pipeline) {
      throw new Error(`${where}: runs its own pipeline '${pipeline.node.path}' as a component; expected another pipeline`);
    }
    const requested = sanitizeK8sName(id);
    if (requested === '') {
      throw new Error(`${where}: id '${id}' has no letters or digits, so KFP can't name the task; expected an id such as 'train-model'`);
    }
    this.taskName = pipeline._registerTask(this, requested);
    this.args = { ...(props.inputs ?? {}) };
    this.caching = props.caching ?? true;
    this.cacheKey = props.cacheKey;
    this.displayName = props.displayName;
    this.upstreamFailureIgnored = !!props.ignoreUpstreamFailure;
    this.checkInputs();
    if (props.retry) this.withRetry(props.retry);
    for (const t of props.after ?? []) this.after(t);
    for (const [k, v] of Object.entries(props.env ?? {})) this.withEnv(k, v);
    if (this.upstreamFailureIgnored) this.ignoreUpstreamFailure();
  }

  private checkInputs() {
    const where = `Task '${this.node.path}'`;
    const desc = { name: this.component.name, ...this.component._interface() };
    const inputs = desc.inputs;
    for (const [name, value] of Object.entries(this.args)) {
      const io = inputs[name];
      if (!io) {
        throw new Error(`${where}: got unknown input '${name}' for component '${desc.name}'; expected one of ${JSON.stringify(Object.keys(inputs))}`);
      }
      if (value === undefined) {
        delete this.args[name];
        continue;
      }
      if (io.type.parameterType === 'TASK_FINAL_STATUS') {
        throw new Error(`${where}: input '${name}' is a PipelineTaskFinalStatus, which KFP fills in; got ${safeJson(value)}, expected no argument`);
      }
      if (value instanceof Reference) {
        this.checkReference(name, value, io);
      } else {
        if (io.type.parameterType === undefined) {
          throw new Error(`${where}: input '${name}' is an artifact (${describeType(io.type, io.isArtifactList)}); got constant ${safeJson(value)}, expected a task output or pipeline input artifact`);
        }
        checkJsonValue(value, `${where}: input '${name}'`);
        if (!constantMatches(value, io)) {
          throw new Error(`${where}: input '${name}' has type ${describeType(io.type)}; got ${safeJson(value)}, expected ${expectedConstant(io)}`);
        }
        for (const r of referencesIn(value)) this.checkReference(name, r, undefined);
      }
    }
    for (const [name, io] of Object.entries(inputs)) {
      if (!(name in this.args) && !io.optional && io.type.parameterType !== 'TASK_FINAL_STATUS') {
        throw new Error(`${where}: required input '${name}' (${describeType(io.type, io.isArtifactList)}) of component '${desc.name}' is missing; expected a value in inputs`);
      }
    }
  }

  private checkReference(name: string, ref: Reference, io: IoDesc | undefined) {
    const where = `Task '${this.node.path}'`;
    if (io) {
      // A loop item of unknown type is a STRING channel in kfp, and kfp lets it feed any input.
      const loopString = (ref instanceof LoopItem || (ref instanceof LoopItemField && !ref._exactType)) && ref._type.parameterType === 'STRING';
      // Whole numbers in static items may be floats written without a fraction (1.0 is 1 in JavaScript).
      const wholeNumbers = ref instanceof LoopItemField && ref._exactType
        && ref._type.parameterType === 'NUMBER_INTEGER' && io.type.parameterType === 'NUMBER_DOUBLE';
      if (!loopString && !wholeNumbers && !typesCompatible(ref._type, ref._isArtifactList, io.type, !!io.isArtifactList)) {
        throw new Error(`${where}: input '${name}' has type ${describeType(io.type, io.isArtifactList)}; got ${ref._describe()} of type ${ref.typeName}, expected a value of type ${describeType(io.type, io.isArtifactList)}`);
      }
    } else if (!ref.isParameter) {
      throw new Error(`${where}: input '${name}' embeds ${ref._describe()} in a constant; only parameters can be placed inside strings, lists or objects`);
    }
    for (const leaf of leaves(ref)) {
      if (leaf instanceof PipelineParameter && leaf._pipeline !== this._pipeline) {
        throw new Error(`${where}: input '${name}' got ${leaf._describe()}, which belongs to another pipeline; expected an input of '${this._pipeline.node.path}'`);
      }
      if (leaf instanceof TaskOutput) {
        if (leaf._task === this) {
          throw new Error(`${where}: input '${name}' got the task's own ${leaf._describe()}; expected an output of an upstream task`);
        }
        if (findPipeline(leaf._task) !== this._pipeline) {
          throw new Error(`${where}: input '${name}' got ${leaf._describe()}, which belongs to another pipeline; expected a task of '${this._pipeline.node.path}'`);
        }
      }
      if (leaf instanceof LoopItem || leaf instanceof LoopItemField) {
        if (!(this.node.scope as ITaskGroup)._isWithin(leaf._loop)) {
          throw new Error(`${where}: input '${name}' got ${leaf._describe()} outside that loop; expected the task to be created inside ParallelFor '${leaf._loop.node.path}'`);
        }
      }
    }
  }

  /**
   * An output of this task. Without a name, the task's only output (kfp `task.output`).
   *
   * @param name the output name
   */
  public output(name?: string): TaskOutput {
    const outputs = this.component._interface().outputs;
    const names = Object.keys(outputs);
    if (name === undefined) {
      if (names.length !== 1) {
        throw new Error(`Task '${this.node.path}': output() without a name needs exactly one output; component '${this.component.name}' has ${JSON.stringify(names)}`);
      }
      name = names[0];
    }
    const io = outputs[name];
    if (!io) {
      throw new Error(`Task '${this.node.path}': got unknown output '${name}' of component '${this.component.name}'; expected one of ${JSON.stringify(names)}`);
    }
    return new TaskOutput(this, name, io.type, !!io.isArtifactList);
  }

  /** Runs this task after the given tasks (kfp `.after()`). */
  public after(...tasks: Task[]): Task {
    for (const t of tasks) {
      if (!(t instanceof Task)) {
        throw new Error(`Task '${this.node.path}': after() got ${safeJson(t)}; expected a Task`);
      }
      if (t._pipeline !== this._pipeline) {
        throw new Error(`Task '${this.node.path}': after() got task '${t.node.path}' of another pipeline; expected a task of '${this._pipeline.node.path}'`);
      }
      if (t === this) throw new Error(`Task '${this.node.path}': after() got the task itself; expected an upstream task`);
      this.afterTasks.push(t.taskName);
      this.afterRefs.push(t);
    }
    return this;
  }

  /**
   * Runs this task after every task in an ExitHandler has finished.
   *
   * @param handler an ExitHandler in the same pipeline
   */
  public afterGroup(handler: ITaskGroup): Task {
    if (!isTaskGroup(handler) || handler._kind !== 'exit-handler') {
      throw new Error(`Task '${this.node.path}': afterGroup() got ${describeValue(handler)}; expected an ExitHandler`);
    }
    this.afterTasks.push(handler._groupName);
    this.afterRefs.push(handler);
    return this;
  }

  /**
   * Turns caching on or off (kfp `set_caching_options`).
   *
   * @param enabled whether results may come from the cache
   * @param cacheKey a custom cache key
   */
  public withCaching(enabled: boolean, cacheKey?: string): Task {
    this.caching = enabled;
    this.cacheKey = cacheKey;
    return this;
  }

  /** Sets the retry policy (kfp `set_retry`). */
  public withRetry(policy: RetryPolicy): Task {
    const where = `Task '${this.node.path}'`;
    if (!Number.isInteger(policy?.maxRetryCount) || policy.maxRetryCount < 0) {
      throw new Error(`${where}: got maxRetryCount ${safeJson(policy?.maxRetryCount)}; expected a non-negative integer`);
    }
    if (policy.backoffFactor !== undefined && !(typeof policy.backoffFactor === 'number' && policy.backoffFactor > 0)) {
      throw new Error(`${where}: got backoffFactor ${safeJson(policy.backoffFactor)}; expected a positive number`);
    }
    const seconds = (d: Duration | undefined, field: string) => {
      if (d === undefined) return undefined;
      if (!(d instanceof Duration)) throw new Error(`${where}: got ${field} ${safeJson(d)}; expected a Duration (Duration.minutes(5))`);
      return Math.floor(d.toSeconds({ integral: false }));
    };
    this.retry = {
      maxRetryCount: policy.maxRetryCount,
      backoffDurationSeconds: seconds(policy.backoffDuration, 'backoffDuration'),
      backoffFactor: policy.backoffFactor,
      backoffMaxDurationSeconds: seconds(policy.backoffMaxDuration, 'backoffMaxDuration'),
    };
    return this;
  }

  private resourceValue(value: any, pattern: RegExp, what: string, example: string): string {
    const where = `Task '${this.node.path}'`;
    if (value instanceof Reference) {
      if (value._type.parameterType !== 'STRING' && value._type.parameterType !== 'NUMBER_INTEGER') {
        throw new Error(`${where}: got ${what} ${value._describe()} of type ${value.typeName}; expected a string parameter such as '${example}'`);
      }
      this.checkReference(what, value, undefined);
      return value.toString();
    }
    if (typeof value !== 'string' || !(pattern.test(value) || Reference._tokensIn(value).length > 0)) {
      throw new Error(`${where}: got ${what} ${safeJson(value)}; expected a quantity such as '${example}' or a pipeline parameter`);
    }
    for (const r of Reference._tokensIn(value)) this.checkReference(what, r, undefined);
    return value;
  }

  private requireContainer(method: string) {
    const kind = this.component._interface().kind;
    if (kind !== 'container' && kind !== 'python') {
      throw new Error(`Task '${this.node.path}': ${method}() needs a container component; component '${this.component.name}' is ${kind === 'graph' ? 'a pipeline' : 'an importer'}`);
    }
  }

  /** Sets the CPU request (`'500m'`, `'2'`, or a parameter). */
  public withCpuRequest(cpu: any): Task {
    this.requireContainer('withCpuRequest');
    this.resources.cpuRequest = this.resourceValue(cpu, CPU_PATTERN, 'cpu request', '500m');
    return this;
  }

  /** Sets the CPU limit (`'500m'`, `'2'`, or a parameter). */
  public withCpuLimit(cpu: any): Task {
    this.requireContainer('withCpuLimit');
    this.resources.cpuLimit = this.resourceValue(cpu, CPU_PATTERN, 'cpu limit', '2');
    return this;
  }

  /** Sets the memory request (`'512Mi'`, `'4G'`, or a parameter). */
  public withMemoryRequest(memory: any): Task {
    this.requireContainer('withMemoryRequest');
    this.resources.memoryRequest = this.resourceValue(memory, MEMORY_PATTERN, 'memory request', '512Mi');
    return this;
  }

  /** Sets the memory limit (`'512Mi'`, `'4G'`, or a parameter). */
  public withMemoryLimit(memory: any): Task {
    this.requireContainer('withMemoryLimit');
    this.resources.memoryLimit = this.resourceValue(memory, MEMORY_PATTERN, 'memory limit', '4Gi');
    return this;
  }

  /** Sets the accelerator type (`'nvidia.com/gpu'`, or a parameter); the count defaults to 1. */
  public withAcceleratorType(acceleratorType: any): Task {
    this.requireContainer('withAcceleratorType');
    const where = `Task '${this.node.path}'`;
    let value: string;
    if (acceleratorType instanceof Reference) {
      this.checkReference('accelerator type', acceleratorType, undefined);
      value = acceleratorType.toString();
    } else if (typeof acceleratorType === 'string' && acceleratorType !== '') {
      value = acceleratorType;
    } else {
      throw new Error(`${where}: got accelerator type ${safeJson(acceleratorType)}; expected a resource name such as 'nvidia.com/gpu' or a parameter`);
    }
    this.resources.acceleratorType = value;
    if (this.resources.acceleratorCount === undefined) this.resources.acceleratorCount = '1';
    return this;
  }

  /** Sets the number of accelerators (a positive integer, or a parameter). */
  public withAcceleratorLimit(limit: any): Task {
    this.requireContainer('withAcceleratorLimit');
    const where = `Task '${this.node.path}'`;
    if (limit instanceof Reference) {
      this.checkReference('accelerator limit', limit, undefined);
      this.resources.acceleratorCount = limit.toString();
    } else if (typeof limit === 'number' && Number.isInteger(limit) && limit >= 1) {
      this.resources.acceleratorCount = String(limit);
    } else if (typeof limit === 'string' && (/^[1-9]\d*$/.test(limit) || Reference._tokensIn(limit).length > 0)) {
      this.resources.acceleratorCount = limit;
    } else {
      throw new Error(`${where}: got accelerator limit ${safeJson(limit)}; expected an integer of at least 1 or a parameter`);
    }
    return this;
  }

  /** Sets an environment variable of the container (kfp `set_env_variable`). */
  public withEnv(name: string, value: string): Task {
    this.requireContainer('withEnv');
    if (typeof name !== 'string' || !/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(name)) {
      throw new Error(`Task '${this.node.path}': got environment variable name ${safeJson(name)}; expected a C identifier such as 'LOG_LEVEL'`);
    }
    if (typeof value !== 'string') {
      throw new Error(`Task '${this.node.path}': environment variable '${name}' got ${safeJson(value)}; expected a string`);
    }
    const existing = this.env.findIndex(([k]) => k === name);
    if (existing >= 0) this.env[existing] = [name, value];
    else this.env.push([name, value]);
    return this;
  }

  /** Overrides the component's container image; may be a parameter. */
  public withContainerImage(image: any): Task {
    this.requireContainer('withContainerImage');
    if (image instanceof Reference) {
      this.checkReference('image', image, undefined);
      this.image = image.toString();
    } else if (typeof image === 'string' && image !== '') {
      for (const r of Reference._tokensIn(image)) this.checkReference('image', r, undefined);
      this.image = image;
    } else {
      throw new Error(`Task '${this.node.path}': got image ${safeJson(image)}; expected an image reference or a parameter`);
    }
    return this;
  }

  /** Sets the name shown in the KFP UI. */
  public withDisplayName(name: string): Task {
    if (typeof name !== 'string' || name === '') {
      throw new Error(`Task '${this.node.path}': got display name ${safeJson(name)}; expected a non-empty string`);
    }
    this.displayName = name;
    return this;
  }

  /**
   * Runs this task even if upstream tasks fail (kfp `ignore_upstream_failure()`). Inputs from
   * upstream task outputs must then be optional.
   */
  public ignoreUpstreamFailure(): Task {
    const inputs = this.component._interface().inputs;
    for (const [name, value] of Object.entries(this.args)) {
      const io = inputs[name];
      if (value instanceof Reference && !io.optional && leaves(value).some((l) => l instanceof TaskOutput)) {
        throw new Error(`Task '${this.node.path}': ignoreUpstreamFailure() needs input '${name}', which takes ${value._describe()}, to be optional (with a default); the upstream task may fail without producing it`);
      }
    }
    this.upstreamFailureIgnored = true;
    return this;
  }

  /**
   * Kubernetes settings of this task (kfp-kubernetes): Secrets and ConfigMaps, volumes, node
   * selectors, tolerations, affinity, pod metadata, security context. Written to the
   * PlatformSpec document.
   */
  public get kubernetes(): TaskKubernetesConfig {
    this.requireContainer('kubernetes');
    if (!this.kubernetesSettings) this.kubernetesSettings = new TaskKubernetesConfig(this);
    return this.kubernetesSettings;
  }

  /**
   * Places the task on a GPU pool: the accelerator type and count, the pool's node selector,
   * tolerations and pod labels, all from `pool.placementFor(gpus)`, so they can't disagree.
   */
  public runOn(pool: IGpuPool, options: RunOnOptions = {}): Task {
    const gpus = options.gpus ?? 1;
    if (!Number.isInteger(gpus) || gpus < 1) {
      throw new Error(`Task '${this.node.path}': runOn('${pool?.poolName}') got gpus ${safeJson(gpus)}; expected a positive integer`);
    }
    if (!pool || typeof pool.placementFor !== 'function') {
      throw new Error(`Task '${this.node.path}': runOn() got ${safeJson(pool)}; expected a GPU pool (IGpuPool)`);
    }
    if (gpus > pool.gpusPerNode) {
      throw new Error(`Task '${this.node.path}': runOn('${pool.poolName}') got gpus ${gpus}; expected at most ${pool.gpusPerNode} (the GPUs of one node of the pool)`);
    }
    const placement = pool.placementFor(gpus);
    this.withAcceleratorType(placement.acceleratorType).withAcceleratorLimit(placement.acceleratorCount);
    const k8s = this.kubernetes;
    for (const [k, v] of Object.entries(placement.nodeSelector ?? {})) k8s.addNodeSelector(k, v);
    for (const t of placement.tolerations ?? []) k8s.addToleration(t);
    for (const [k, v] of Object.entries(placement.podLabels ?? {})) k8s.addPodLabel(k, v);
    return this;
  }

  /** @internal The current Kubernetes configuration (live object). */
  public _kubernetesConfig(): Record<string, any> {
    return this.kubernetesConfig;
  }

  /** @internal Registers a reference used by a Kubernetes setting (kfp: register_pipeline_channels). */
  public _registerPlatformReference(ref: Reference, what: string, expected: string[]): void {
    const t = ref._type.parameterType;
    if (!t || !expected.includes(t)) {
      throw new Error(`Task '${this.node.path}': ${what} got ${ref._describe()} of type ${ref.typeName}; expected a ${expected.join(' or ')} parameter`);
    }
    if (!(ref instanceof PipelineParameter) && !(ref instanceof TaskOutput)) {
      throw new Error(`Task '${this.node.path}': ${what} got ${ref._describe()}; expected a constant, a pipeline parameter or a task output`);
    }
    this.checkReference(what, ref, undefined);
    if (!this.platformRefs.some((r) => r._token === ref._token)) this.platformRefs.push(ref);
  }

  /**
   * @internal Adds kfp-kubernetes executor configuration (camelCase KubernetesExecutorConfig
   * fields); written to the PlatformSpec under this task's executor.
   */
  public _addKubernetesConfig(fragment: Record<string, any>): void {
    for (const [k, v] of Object.entries(fragment)) {
      const cur = this.kubernetesConfig[k];
      this.kubernetesConfig[k] = Array.isArray(cur) && Array.isArray(v) ? [...cur, ...v] : v;
    }
  }

  /** @internal Tasks and groups this task waits for explicitly. */
  public _afterConstructs(): IConstruct[] {
    return [...this.afterRefs];
  }

  /** @internal Passes a pipeline input to a final-status input (components compiled on their own). */
  public _passFinalStatus(name: string, value: Reference): void {
    this.args[name] = value;
  }

  /**
   * @internal Whether the task uses the pipeline workspace: a constant input that refers to it,
   * an importer that downloads into it, or a pipeline it runs that does (the workspace is the
   * root pipeline's, so kfp checks the whole tree there).
   */
  public _usesWorkspace(): boolean {
    if (Object.values(this.args).some(refersToWorkspace)) return true;
    const owner = this.component._owner;
    if (isPipeline(owner)) return owner._usesWorkspace();
    const impl = this.component._desc().impl;
    if (impl.kind === 'importer') return !!impl.downloadToWorkspace;
    if (impl.kind === 'graph' && impl.spec) return irUsesWorkspace(impl.spec);
    return false;
  }

  /** @internal The references this task consumes (for validation). */
  public _references(): Reference[] {
    return referencesIn(Object.values(this.args)).concat(this.platformRefs,
      Object.values(this.resources).flatMap((v) => (v ? Reference._tokensIn(v) : [])),
    );
  }

  /** @internal */
  public _toDesc(refs: Map<string, Reference>): TaskDesc {
    const args: Record<string, ArgValue> = {};
    const note = (value: any) => {
      for (const r of referencesIn(value)) refs.set(r._token, r);
    };
    for (const [name, value] of Object.entries(this.args)) {
      if (value instanceof Reference) {
        args[name] = { value: value._toValueRef() };
      } else {
        note(value);
        args[name] = { constant: value };
      }
    }
    for (const v of Object.values(this.resources)) if (v) note(v);
    if (this.image) note(this.image);
    return {
      name: this.taskName,
      path: this.node.path,
      component: this.component._desc(),
      args,
      after: [...this.afterTasks],
      enableCaching: this.caching,
      ...(this.cacheKey ? { cacheKey: this.cacheKey } : {}),
      ...(this.displayName ? { displayName: this.displayName } : {}),
      ...(this.retry ? { retry: this.retry } : {}),
      ...(Object.keys(this.resources).length ? { resources: { ...this.resources } } : {}),
      ...(this.env.length ? { env: this.env.map(([k, v]) => [k, v] as [string, string]) } : {}),
      ...(this.image ? { image: this.image } : {}),
      ...(this.upstreamFailureIgnored ? { ignoreUpstreamFailure: true } : {}),
      ...(this._compiledComponent ? { compiledComponent: true } : {}),
      ...(Object.keys(this.kubernetesConfig).length ? { kubernetes: JSON.parse(JSON.stringify(this.kubernetesConfig)) } : {}),
      ...(this.platformRefs.length ? { platformRefs: this.platformRefs.map((r) => r._toValueRef()) } : {}),
    };
  }
}
