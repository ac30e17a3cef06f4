/**
 * What tasks and groups need from the pipeline they belong to (internal). Tasks, groups and
 * the pipeline import this file instead of each other, so the imports stay one way:
 * `task.ts` ← `task-group.ts` ← `pipeline.ts`, all on top of this file.
 */
import { IConstruct } from 'constructs';
import { Marker } from '../util/marker';

const PIPELINE = new Marker('cdk8s-kfp.Pipeline');
const TASK_GROUP = new Marker('cdk8s-kfp.TaskGroup');

/** The kinds of task scopes: a pipeline, or a control-flow group. */
export type ScopeKind = 'pipeline' | 'condition' | 'for-loop' | 'exit-handler';

/**
 * A scope that holds tasks: a `Pipeline` or a control-flow group (`If`, `Elif`, `Else`,
 * `ParallelFor`, `ExitHandler`). Implemented by `TaskGroup`.
 */
export interface ITaskGroup extends IConstruct {
  /** @internal */
  readonly _kind: ScopeKind;
  /** @internal The KFP group name (`condition-1`); the pipeline name for a pipeline. */
  readonly _groupName: string;
  /** @internal Whether `other` is this scope or one of its ancestors. */
  _isWithin(other: IConstruct): boolean;
}

/**
 * The pipeline-wide registries that tasks and groups use.
 * @internal
 */
export interface PipelineScope extends ITaskGroup {
  /** @internal The next group id (`condition-N`, `for-loop-N`): one counter for every group kind, as in kfp. */
  _nextGroupId(): number;
  /**
   * @internal The task name `_reserveTaskName(base)` would return now, without taking it:
   * `base`, else the first free `base-2`, `base-3`, ... (kfp's rule).
   */
  _peekTaskName(base: string): string;
  /** @internal Takes a task name, unique in the pipeline (see `_peekTaskName`). */
  _reserveTaskName(base: string): string;
  /** @internal Adds a task to the pipeline and returns its name (`requested`, made unique). */
  _registerTask(task: IConstruct, requested: string): string;
  /** @internal Whether a task of this pipeline, or of a pipeline it runs, uses the workspace. */
  _usesWorkspace(): boolean;
}

/** Marks `x` as a pipeline. */
export function markPipeline(x: PipelineScope): void {
  PIPELINE.mark(x);
}

/** Marks `x` as a task scope (a pipeline or a control-flow group). */
export function markTaskGroup(x: object): void {
  TASK_GROUP.mark(x);
}

/** Whether `x` is a pipeline. */
export function isPipeline(x: unknown): x is PipelineScope {
  return PIPELINE.has(x);
}

/** Whether `x` is a task scope (a pipeline or a control-flow group). */
export function isTaskGroup(x: unknown): x is ITaskGroup {
  return TASK_GROUP.has(x);
}

/** The pipeline a construct belongs to (itself, or the nearest enclosing pipeline). */
export function findPipeline(scope: IConstruct): PipelineScope | undefined {
  for (let cur: IConstruct | undefined = scope; cur; cur = cur.node.scope) {
    if (isPipeline(cur)) return cur;
  }
  return undefined;
}

/** Like `findPipeline()`, but throws when the scope is not in a pipeline. */
export function pipelineOf(scope: IConstruct): PipelineScope {
  const p = findPipeline(scope);
  if (!p) throw new Error(`'${scope.node.path}' is not inside a Pipeline; expected a Pipeline or one of its groups as scope`);
  return p;
}

/**
 * Unique names with kfp's `-2`, `-3`, ... rule in amortised constant time: each base remembers
 * the last suffix it handed out, so a run of same-named tasks doesn't probe from `-2` each time.
 */
export class UniqueNames {
  private readonly taken = new Set<string>();
  private readonly nextSuffix = new Map<string, number>();

  /** Whether `name` is taken. */
  public has(name: string): boolean {
    return this.taken.has(name);
  }

  /** `base` if free, else the first free `base-N` (N ≥ 2); nothing is taken. */
  public peek(base: string): string {
    if (!this.taken.has(base)) return base;
    // Names are never released, so every suffix below the remembered one is still taken.
    let i = this.nextSuffix.get(base) ?? 2;
    while (this.taken.has(`${base}-${i}`)) i++;
    this.nextSuffix.set(base, i);
    return `${base}-${i}`;
  }

  /** Like `peek()`, and the result is taken. */
  public reserve(base: string): string {
    const name = this.peek(base);
    this.taken.add(name);
    return name;
  }
}
