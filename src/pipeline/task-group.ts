import { Construct, IConstruct } from 'constructs';
import { Component } from './component';
import { ImporterOptions, importerComponent } from './importer';
import { CreatePvcOptions, KubernetesComponents } from './pvc';
import { markTaskGroup, pipelineOf, ScopeKind, ITaskGroup } from './scope';
import { Task, TaskOptions } from './task';
import { sanitizeK8sName } from '../compiler/ir/names';

/**
 * A scope that holds tasks: the pipeline itself, or a control-flow group (`If`, `Elif`,
 * `Else`, `ParallelFor`, `ExitHandler`). Tasks created in a group run inside it.
 */
export abstract class TaskGroup extends Construct implements ITaskGroup {

  /** @internal The last control-flow group created directly in this scope. */
  public _lastGroup?: TaskGroup;

  /** @internal */
  public abstract readonly _kind: ScopeKind;

  /** @internal The KFP group name (`condition-1`, `for-loop-2`); the pipeline name for a pipeline. */
  public abstract readonly _groupName: string;

  protected constructor(scope: Construct, id: string) {
    super(scope, id);
    markTaskGroup(this);
    const parent = scope instanceof TaskGroup ? scope : undefined;
    if (parent) parent._lastGroup = this;
  }

  /**
   * Adds a task that runs a component in this scope.
   *
   * @param id the construct id; the KFP task name is this id sanitised (`train_model` becomes
   * `train-model`), with `-2`, `-3`, ... appended when the pipeline already has that name.
   * @param component what the task runs
   * @param options inputs and task configuration
   */
  public task(id: string, component: Component, options: TaskOptions = {}): Task {
    return new Task(this, id, { ...options, component });
  }

  /**
   * Adds a task named after its component, as kfp names tasks: `train-model`, then
   * `train-model-2`, ... (use `task()` to choose the id yourself).
   */
  public addTask(component: Component, options: TaskOptions = {}): Task {
    if (!(component instanceof Component)) {
      throw new Error(`${this.node.path}: addTask() got ${JSON.stringify(component)}; expected a Component`);
    }
    return new Task(this, this.freeTaskId(component.name), { ...options, component });
  }

  /**
   * Adds an importer task: it registers an existing artifact (a URI) so that tasks can consume
   * it (kfp `dsl.importer`). Its output is `task.output('artifact')`.
   */
  public importer(id: string, options: ImporterOptions): Task {
    const { component, inputs } = importerComponent(`${this.node.path}/${id}`, options);
    return new Task(this, id, { component, inputs, ...(options.caching === false ? { caching: false } : {}) });
  }

  /**
   * Adds an importer task named as kfp names them: `importer`, then `importer-2`, ... (use
   * `importer()` to choose the id yourself).
   */
  public addImporter(options: ImporterOptions): Task {
    return this.importer(this.freeTaskId('importer'), options);
  }

  /**
   * Adds a task that creates a PersistentVolumeClaim (kfp-kubernetes `CreatePVC`). Mount it with
   * `task.kubernetes.mountPvc(pvcTask.output('name'), '/data')`.
   */
  public createPvc(id: string, options: CreatePvcOptions): Task {
    const where = `CreatePVC '${this.node.path}/${id}'`;
    if ((options?.pvcName === undefined) === (options?.pvcNameSuffix === undefined)) {
      throw new Error(`${where}: got pvcName ${JSON.stringify(options?.pvcName)} and pvcNameSuffix ${JSON.stringify(options?.pvcNameSuffix)}; expected exactly one of them`);
    }
    if (!Array.isArray(options.accessModes) || options.accessModes.length === 0) {
      throw new Error(`${where}: got accessModes ${JSON.stringify(options.accessModes)}; expected e.g. ['ReadWriteOnce']`);
    }
    const inputs: { [name: string]: any } = { access_modes: [...options.accessModes], size: options.size };
    if (options.pvcName !== undefined) inputs.pvc_name = options.pvcName;
    if (options.pvcNameSuffix !== undefined) inputs.pvc_name_suffix = options.pvcNameSuffix;
    if (options.storageClassName !== undefined) inputs.storage_class_name = options.storageClassName;
    if (options.volumeName !== undefined) inputs.volume_name = options.volumeName;
    if (options.annotations !== undefined) inputs.annotations = { ...options.annotations };
    if (options.dataSource !== undefined) inputs.data_source = { ...options.dataSource };
    return new Task(this, id, { component: KubernetesComponents.createPvc(), inputs });
  }

  /**
   * Adds a task that deletes a PersistentVolumeClaim (kfp-kubernetes `DeletePVC`).
   *
   * @param pvcName the claim name, a string parameter, or a `createPvc` task's `name` output
   */
  public deletePvc(id: string, pvcName: any): Task {
    return new Task(this, id, { component: KubernetesComponents.deletePvc(), inputs: { pvc_name: pvcName } });
  }

  /**
   * The id of the next task named after `name`, numbered across the whole pipeline in
   * declaration order as kfp does (`print-op`, `print-op-2`, ... whatever group each is in).
   */
  private freeTaskId(name: string): string {
    const pipeline = pipelineOf(this);
    const base = sanitizeK8sName(name);
    for (;;) {
      const id = pipeline._peekTaskName(base);
      if (!this.node.tryFindChild(id)) return id;
      // A group of this scope already uses the id as its construct id: skip that name.
      pipeline._reserveTaskName(id);
    }
  }

  /** @internal The group this group is directly in, if any. */
  public _parentGroup(): TaskGroup | undefined {
    const s = this.node.scope;
    return s instanceof TaskGroup ? s : undefined;
  }

  /** @internal Whether `other` is this group or one of its ancestors. */
  public _isWithin(other: IConstruct): boolean {
    let cur: IConstruct | undefined = this;
    while (cur) {
      if (cur === other) return true;
      cur = cur.node.scope;
    }
    return false;
  }
}
