import { Construct } from 'constructs';
import { isPipeline, pipelineOf } from './scope';
import { Task } from './task';
import { TaskGroup } from './task-group';
import { TaskOutput } from './values';

/** Properties of an `ExitHandler`. */
export interface ExitHandlerProps {
  /**
   * The task that runs when the tasks in the handler finish, whether they succeed or fail. It
   * must be created before the handler, in the pipeline's top-level scope, and must not depend
   * on other tasks. A `PipelineTaskFinalStatus` input receives the final status.
   */
  readonly exitTask: Task;
  /**
   * The name shown in the KFP UI.
   * @default - the group name (`exit-handler-N`)
   */
  readonly displayName?: string;
}

/** Runs an exit task after the tasks created in it, even when they fail (kfp `dsl.ExitHandler`). */
export class ExitHandler extends TaskGroup {
  /** @internal */
  public readonly _kind = 'exit-handler' as const;
  /** @internal */
  public readonly _groupName: string;
  /** The exit task. */
  public readonly exitTask: Task;
  /** @internal */
  public readonly _displayName?: string;

  constructor(scope: Construct, id: string, props: ExitHandlerProps) {
    const where = `ExitHandler '${scope?.node?.path}/${id}'`;
    if (!(scope instanceof TaskGroup)) {
      throw new Error(`${where}: got scope '${scope?.node?.path}'; expected the Pipeline`);
    }
    const exitTask = props?.exitTask;
    if (!(exitTask instanceof Task)) {
      throw new Error(`${where}: got exit task ${JSON.stringify(exitTask)}; expected a Task created before the ExitHandler in the pipeline's top-level scope`);
    }
    if (exitTask._isExitTask) {
      throw new Error(`${where}: task '${exitTask.node.path}' is already the exit task of another ExitHandler; expected a task of its own`);
    }
    if (!isPipeline(exitTask.node.scope)) {
      throw new Error(`${where}: exit task '${exitTask.node.path}' is inside a group; expected it in the pipeline's top-level scope`);
    }
    const dependsOnTasks = exitTask._references().some((r) => r instanceof TaskOutput || r._parts().length > 0);
    if (exitTask._afterConstructs().length > 0 || dependsOnTasks) {
      throw new Error(`${where}: exit task '${exitTask.node.path}' depends on other tasks; expected an exit task whose inputs are constants or pipeline inputs`);
    }
    const ids = pipelineOf(scope);
    super(scope, id);
    this._groupName = `exit-handler-${ids._nextGroupId()}`;
    this.exitTask = exitTask;
    this._displayName = props.displayName;
    exitTask._isExitTask = true;
  }
}
