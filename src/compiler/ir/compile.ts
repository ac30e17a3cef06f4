/**
 * The KFP v2 IR compiler: a plain `PipelineDesc` in, a plain `PipelineSpec` (and PlatformSpec)
 * out. It follows the kfp SDK compiler's rules so that the output equals what
 * `kfp.compiler.Compiler().compile()` writes for the equivalent Python pipeline.
 *
 * This file runs the passes in kfp's order; each pass lives in its own file:
 * - `group-tree.ts`: tasks and groups, and their ancestry;
 * - `channels.ts`: references resolved to channels (loops, conditions, task arguments);
 * - `group-inputs.ts` / `group-outputs.ts`: what crosses group boundaries, and dependencies;
 * - `task-spec.ts`, `group-spec.ts`, `executors.ts`: the specs written into the IR;
 * - `sub-pipeline.ts`: pipelines used as components, inlined;
 * - `ir-document.ts`: the PipelineSpec being written, with kfp's unique-name rule.
 */
import { Channel } from './channel';
import { ChannelResolver } from './channels';
import { containerExecutor, importerExecutor, platformExecutor } from './executors';
import { conditionChannelsFor, dependencies, inputsForAllGroups } from './group-inputs';
import { outputsForAllGroups } from './group-outputs';
import { connectDagOutputs, connectOneOfOutputs, groupTaskSpec } from './group-spec';
import { CGroup, CTask, GroupTree, groupLabel } from './group-tree';
import { buildComponentInterface, groupInterface } from './interface';
import { IrDocument } from './ir-document';
import { CompileOptions, IrCompileError, PipelineDesc } from './model';
import { componentName, executorLabel } from './names';
import { clone, ensure } from './spec-util';
import { mergeSubPipeline } from './sub-pipeline';
import { applyIgnoreUpstreamFailure, buildTaskSpec, checkFinalStatusUse, resourceExtraInputs } from './task-spec';

/** The result of compiling one pipeline. */
export interface CompiledIr {
  readonly pipelineSpec: any;
  /** `{ platforms: { kubernetes: ... } }`, or undefined when no platform feature is used. */
  readonly platformSpec?: any;
}

/** Compiles a pipeline description into IR. Throws `IrCompileError` on bad topology. */
export function compilePipeline(desc: PipelineDesc, options: CompileOptions): CompiledIr {
  return new Compilation(desc, options).run();
}

type ChannelsByGroup = Map<string, Map<string, Channel>>;

class Compilation {
  private readonly tree: GroupTree;
  private readonly resolver: ChannelResolver;
  private readonly doc: IrDocument;
  private readonly pipelineOutputs = new Map<string, Channel>();

  constructor(private readonly desc: PipelineDesc, private readonly options: CompileOptions) {
    this.tree = new GroupTree(desc);
    this.resolver = new ChannelResolver(desc);
    // Loop arguments first (tasks may reference the items of any enclosing loop).
    this.tree.forEachGroup((g) => { if (g.kind === 'for-loop') this.resolver.initLoop(g); });
    this.tree.forEachGroup((g) => { if (g.kind === 'condition') this.resolver.initCondition(g); });
    for (const t of this.tree.tasks.values()) this.resolver.initTask(t);
    for (const [name, ref] of Object.entries(desc.outputValues)) {
      this.pipelineOutputs.set(name, this.resolver.channelFor(ref, desc.path));
    }
    const header: any = {
      pipelineInfo: { name: desc.name },
      root: buildComponentInterface(desc.inputs, desc.outputs),
      schemaVersion: '2.1.0',
      sdkVersion: `kfp-${options.kfpVersion}`,
    };
    if (desc.description) header.pipelineInfo.description = desc.description;
    if (desc.displayName) header.pipelineInfo.displayName = desc.displayName;
    if (desc.pipelineRoot) header.defaultPipelineRoot = desc.pipelineRoot;
    this.doc = new IrDocument(header);
  }

  public run(): CompiledIr {
    this.validatePipelineOutputs();
    const conditionChannels = conditionChannelsFor(this.tree);
    const inputs = inputsForAllGroups(this.tree, conditionChannels);
    const outputs = outputsForAllGroups(this.tree, this.pipelineOutputs, this.desc.path);
    const deps = dependencies(this.tree, conditionChannels, this.desc.name);
    this.tree.forEachGroup((g) => this.buildGroup(g, inputs, outputs, deps));
    this.buildExitHandlers(this.tree.root);
    connectDagOutputs(this.doc.spec.root, this.pipelineOutputs, this.desc.path);
    return this.doc.finish(this.desc.pipelineConfig);
  }

  /** Pipeline outputs come from the top-level scope, or through OneOf/Collected. */
  private validatePipelineOutputs(): void {
    for (const [name, c] of this.pipelineOutputs) {
      if (c.isCollected) continue;
      if (c.isOneOf) {
        const g = this.tree.groups.get(c.oneOfGroup!);
        if (g && g.parent !== this.tree.root) {
          throw new IrCompileError(this.desc.path, `pipeline output '${name}' is a OneOf of If/Elif/Else branches nested in ${groupLabel(g.parent!)} '${g.parent!.desc.path}'; pipeline outputs can only come from the top-level scope`);
        }
        continue;
      }
      const producer = c.taskName ? this.tree.tasks.get(c.taskName) : undefined;
      if (producer && producer.parent !== this.tree.root) {
        throw new IrCompileError(this.desc.path, `pipeline output '${name}' comes from task '${producer.desc.path}' inside ${groupLabel(producer.parent!)} '${producer.parent!.desc.path}'; expected a task in the pipeline's top-level scope, or OneOf/Collected`);
      }
    }
  }

  /** Writes the DAG of `group`: one task spec and one component per task or subgroup. */
  private buildGroup(group: CGroup, inputs: ChannelsByGroup, outputs: ChannelsByGroup, deps: Map<string, Set<string>>): void {
    const isRoot = group === this.tree.root;
    let groupSpec: any;
    if (isRoot) {
      groupSpec = this.doc.spec.root;
    } else {
      const key = componentName(group.name);
      groupSpec = this.doc.spec.components[key] ?? (this.doc.spec.components[key] = {});
    }
    const subgroups: Array<CGroup | CTask> = [...group.groups, ...group.tasks];
    const inCurrentDag = new Set(subgroups.map((s) => s.name));
    for (const sub of subgroups) {
      const subInputs = [...(inputs.get(sub.name)?.values() ?? [])];
      const subOutputs = outputs.get(sub.name) ?? new Map<string, Channel>();
      const built = 'groups' in sub
        ? this.buildSubgroup(sub, group, subInputs, subOutputs, inCurrentDag, isRoot)
        : this.buildTask(sub, groupSpec, inCurrentDag);
      const taskSpec = built.taskSpec;
      const d = deps.get(sub.name);
      if (d && d.size) taskSpec.dependentTasks = [...d].sort();
      if (!('groups' in sub)) applyIgnoreUpstreamFailure(sub, taskSpec);
      const compName = this.doc.uniqueComponentName(componentName(sub.name));
      taskSpec.componentRef.name = compName;
      this.doc.setComponent(compName, built.componentSpec);
      ensure(groupSpec, 'dag', 'tasks')[sub.name] = taskSpec;
    }
  }

  /** A task's spec in its parent DAG, and its component (with its executor written). */
  private buildTask(task: CTask, parentSpec: any, inCurrentDag: Set<string>): { taskSpec: any; componentSpec: any } {
    const taskSpec = buildTaskSpec(this.resolver, task, parentSpec, inCurrentDag, resourceExtraInputs(task));
    checkFinalStatusUse(task);
    return { taskSpec, componentSpec: this.taskComponent(task, parentSpec, inCurrentDag) };
  }

  /** The component of a task: an inlined sub-pipeline, or an interface plus a new executor. */
  private taskComponent(task: CTask, parentSpec: any, inCurrentDag: Set<string>): any {
    const impl = task.desc.component.impl;
    if (impl.kind === 'graph') {
      if (task.desc.kubernetes && Object.keys(task.desc.kubernetes).length) {
        throw new IrCompileError(task.desc.path, `task '${task.desc.path}' runs a pipeline and sets Kubernetes options; Kubernetes options can only be set on container tasks`);
      }
      const sub = impl.pipeline
        ? compilePipeline(impl.pipeline, this.options)
        : { pipelineSpec: clone(impl.spec), platformSpec: clone(impl.platformSpec) };
      return mergeSubPipeline(this.doc, sub);
    }
    const componentSpec = buildComponentInterface(task.desc.component.inputs, task.desc.component.outputs);
    const label = this.doc.uniqueExecutorLabel(executorLabel(task.name));
    componentSpec.executorLabel = label;
    if (impl.kind === 'importer') {
      this.doc.setExecutor(label, { importer: importerExecutor(task) });
    } else {
      this.doc.setExecutor(label, { container: containerExecutor(this.resolver, task, this.options) });
      const platform = platformExecutor(task, parentSpec, inCurrentDag);
      if (platform) this.doc.mergePlatformExecutors({ [label]: platform });
    }
    return componentSpec;
  }

  /** The task that runs a subgroup, and the subgroup's component. */
  private buildSubgroup(
    g: CGroup, parent: CGroup, subInputs: Channel[], subOutputs: Map<string, Channel>, inCurrentDag: Set<string>, isRoot: boolean,
  ): { taskSpec: any; componentSpec: any } {
    let channels: Channel[];
    let outs = subOutputs;
    if (g.kind === 'for-loop') {
      // Items of static loops around this one reach it only when an enclosing loop defines them.
      channels = subInputs.filter((c) => !(c.isLoopRelated && c.isWithItems) || [...this.tree.groupChain(g.name)!].reverse()
        .some((n) => this.tree.loopGroup(n)?.loopArgument!.name.includes(c.name)));
      if (g.itemsIsChannel) channels.push(g.loopArgument!.loopItems as Channel);
      channels.push(g.loopArgument!);
    } else if (g.kind === 'condition') {
      channels = [...subInputs, ...(g.conditionChannels ?? [])];
    } else if (g.kind === 'exit-handler') {
      if (!isRoot) {
        throw new IrCompileError(g.desc.path, `ExitHandler '${g.desc.path}' is inside ${groupLabel(parent)} '${parent.desc.path}'; an ExitHandler can only be used in the pipeline's top-level scope`);
      }
      channels = subInputs;
      outs = new Map();
    } else {
      channels = subInputs;
    }
    const componentSpec = groupInterface(channels, outs);
    const taskSpec = groupTaskSpec(g, channels, inCurrentDag, isRoot);
    if (g.kind === 'condition-branches') connectOneOfOutputs(componentSpec, outs, g.desc.path);
    else if (g.kind !== 'exit-handler') connectDagOutputs(componentSpec, outs, g.desc.path);
    return { taskSpec, componentSpec };
  }

  /** Exit tasks run after their ExitHandler group, whatever its outcome. */
  private buildExitHandlers(parent: CGroup): void {
    const root = this.doc.spec.root;
    for (const group of parent.groups) {
      if (group.kind === 'exit-handler' && parent === this.tree.root) {
        const exit = group.exitTask!;
        const spec = buildTaskSpec(this.resolver, exit, root, new Set(), resourceExtraInputs(exit));
        spec.dependentTasks = [group.name];
        spec.triggerPolicy = { strategy: 'ALL_UPSTREAM_TASKS_COMPLETED' };
        for (const [name, io] of Object.entries(exit.desc.component.inputs)) {
          if (io.type.parameterType === 'TASK_FINAL_STATUS') ensure(spec, 'inputs', 'parameters')[name] = { taskFinalStatus: { producerTask: group.name } };
        }
        if (exit.desc.component.impl.kind === 'importer') {
          throw new IrCompileError(exit.desc.path, `exit task '${exit.desc.path}' is an importer; expected a container or pipeline task`);
        }
        const componentSpec = this.taskComponent(exit, root, new Set(Object.keys(root.dag?.tasks ?? {})));
        const compName = this.doc.uniqueComponentName(spec.componentRef.name);
        spec.componentRef.name = compName;
        this.doc.setComponent(compName, componentSpec);
        ensure(root, 'dag', 'tasks')[exit.name] = spec;
      }
      this.buildExitHandlers(group);
    }
  }
}
