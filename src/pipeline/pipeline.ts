import * as fs from 'fs';
import * as path from 'path';
import { App, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { Component } from './component';
import { ExitHandler } from './exit-handler';
import { ConditionBranch, ConditionBranches } from './if';
import { InputSpec, OutputSpec } from './io';
import { checkJsonValue } from './json';
import { ParallelFor } from './parallel-for';
import { Reference } from './reference';
import { findPipeline, isPipeline, markPipeline, UniqueNames } from './scope';
import { KfpSdk } from './sdk-version';
import { IPipelineSource } from './source';
import { Task } from './task';
import { TaskGroup } from './task-group';
import { describeType, typesCompatible } from './types';
import { PipelineParameter, TaskOutput } from './values';
import { compileToArgo } from '../compiler/argo/compile';
import { ArgoCompileOptions } from '../compiler/argo/options';
import { DagOptions, pictureFiles, PipelineDag } from '../compiler/dag/pipeline-dag';
import { compilePipeline, CompiledIr } from '../compiler/ir/compile';
import { GroupDesc, IoDesc, IrCompileError, PipelineDesc, ValueRef } from '../compiler/ir/model';
import { PIPELINE_NAME_PATTERN, sanitizeK8sName } from '../compiler/ir/names';
import { renderPipelineFile } from '../compiler/yaml/pipeline-file';
import { afterSynth } from '../util/after-synth';

/** Properties of a `Pipeline`. */
export interface PipelineProps {
  /**
   * The pipeline name (`pipelineInfo.name`, and the file name `<name>.pipeline.yaml`).
   * KFP requires `^[a-z0-9][a-z0-9-]{0,127}$`.
   * @default - the construct id, sanitised (`my_pipeline` becomes `my-pipeline`)
   */
  readonly name?: string;
  /**
   * A description.
   * @default - none
   */
  readonly description?: string;
  /**
   * The name shown in the KFP UI.
   * @default - the pipeline name
   */
  readonly displayName?: string;
  /**
   * The default pipeline root (where artifacts are stored), e.g. `s3://bucket/pipelines`.
   * @default - the KFP installation's default
   */
  readonly pipelineRoot?: string;
  /**
   * Typed pipeline inputs (`Parameter.string({ default: 'x' })`; artifacts with `Input.dataset()`).
   * @default - none
   */
  readonly parameters?: { [name: string]: InputSpec };
  /**
   * The declared types of pipeline outputs, set with `addOutput()`.
   * @default - the type of the value given to `addOutput()`
   */
  readonly outputs?: { [name: string]: OutputSpec };
  /**
   * The kfp SDK version to compile as.
   * @default KfpSdk.version()
   */
  readonly kfpVersion?: string;
  /**
   * A workspace: a volume shared by the tasks of a run, mounted at `Placeholder.WORKSPACE_PATH`
   * (kfp `PipelineConfig(workspace=...)`).
   * @default - no workspace
   */
  readonly workspace?: WorkspaceConfig;
  /**
   * How long a finished run's Kubernetes resources are kept (`resourceTtlOnCompletion`).
   * @default - the KFP installation's default
   */
  readonly ttlAfterFinished?: Duration;
  /**
   * How long a succeeded run's resources are kept (`resourceTtlOnSuccess`).
   * @default - `ttlAfterFinished`
   */
  readonly ttlAfterSuccess?: Duration;
  /**
   * How long a failed run's resources are kept (`resourceTtlOnFailure`).
   * @default - `ttlAfterFinished`
   */
  readonly ttlAfterFailure?: Duration;
  /**
   * The longest a run may take (`activeDeadlineSeconds`).
   * @default - no limit
   */
  readonly activeDeadline?: Duration;
  /**
   * Whether `app.synth()` writes `<outdir>/<name>.pipeline.yaml`. Turn it off for pipelines that
   * are only used as components of other pipelines.
   * @default true
   */
  readonly writeFile?: boolean;
  /**
   * Whether `app.synth()` also writes the pipeline's pictures beside its file:
   * `<name>.pipeline.md` (a Mermaid flowchart, drawn by GitHub and GitLab) and
   * `<name>.pipeline.svg`. Only when `writeFile` is on.
   * @default true
   */
  readonly writePictures?: boolean;
}

/** A pipeline workspace (kfp `WorkspaceConfig`). */
export interface WorkspaceConfig {
  /** The volume size, a Kubernetes quantity such as `10Gi`. */
  readonly size: string;
  /**
   * A patch to the PersistentVolumeClaim spec, e.g. `{ storageClassName: 'standard', accessModes: ['ReadWriteOnce'] }`.
   * @default - the installation's default claim
   */
  readonly pvcSpecPatch?: { [key: string]: any };
}

const WORKSPACE_SIZE = /^(?:(?:0|[1-9]\d*)(?:\.\d+)?)(?:Ki|Mi|Gi|Ti|Pi|Ei|K|M|G|T|P|E)?$/;

/** The pipelines of each app, in the order they were created. */
const APP_PIPELINES = new WeakMap<App, Pipeline[]>();

/** Registers a pipeline so that `app.synth()` writes its file once the whole app has validated. */
function hookSynth(app: App, pipeline: Pipeline) {
  const list = APP_PIPELINES.get(app) ?? [];
  APP_PIPELINES.set(app, list);
  list.push(pipeline);
  afterSynth(app, 'pipeline-files', () => {
    // Compile everything first, then write, so a compile error writes no file at all.
    const files = list.filter((p) => p._writesFile).flatMap((p) => Object.entries(p._synthFiles()));
    fs.mkdirSync(app.outdir, { recursive: true });
    for (const [file, text] of files) fs.writeFileSync(path.join(app.outdir, file), text);
  });
}

/**
 * A Kubeflow pipeline: typed parameters, tasks and control flow, compiled to the KFP v2 IR
 * exactly as the kfp Python compiler writes it. On `app.synth()` it writes
 * `<outdir>/<name>.pipeline.yaml`, and its pictures `<name>.pipeline.md` and `<name>.pipeline.svg`.
 */
export class Pipeline extends TaskGroup implements IPipelineSource {
  /**
   * A pipeline that runs one component, with the component's inputs as pipeline parameters
   * and its outputs as pipeline outputs (what kfp compiles when given a component).
   * `props.parameters` overrides the specs of some of them, e.g. to give a default
   * (kfp `compile(pipeline_parameters=...)`).
   */
  public static fromComponent(scope: Construct, id: string, component: Component, props: PipelineProps = {}): Pipeline {
    if (!(component instanceof Component)) {
      throw new Error(`Pipeline.fromComponent '${scope?.node?.path}/${id}': got component ${JSON.stringify(component)}; expected a Component`);
    }
    const desc = { name: component.name, description: component.description, ...component._interface() };
    const parameters: { [name: string]: InputSpec } = {};
    for (const [n, io] of Object.entries(desc.inputs)) parameters[n] = InputSpec._of(io);
    for (const [n, spec] of Object.entries(props.parameters ?? {})) {
      if (!(n in desc.inputs)) {
        throw new Error(`Pipeline.fromComponent '${scope?.node?.path}/${id}': got parameter '${n}', which component '${desc.name}' doesn't have; expected one of ${JSON.stringify(Object.keys(desc.inputs))}`);
      }
      parameters[n] = spec;
    }
    const outputs: { [name: string]: OutputSpec } = {};
    for (const [n, io] of Object.entries(desc.outputs)) outputs[n] = OutputSpec._of(io);
    const p = new Pipeline(scope, id, { name: desc.name, ...props, parameters, outputs });
    p.headerDescription = props.description ?? desc.description;
    const inputs: { [name: string]: any } = {};
    for (const n of Object.keys(desc.inputs)) {
      if (desc.inputs[n].type.parameterType !== 'TASK_FINAL_STATUS') inputs[n] = p.param(n);
    }
    const task = p.task(desc.name, component, { inputs });
    task._compiledComponent = true;
    for (const n of Object.keys(desc.inputs)) {
      if (desc.inputs[n].type.parameterType === 'TASK_FINAL_STATUS') task._passFinalStatus(n, p.param(n));
    }
    for (const n of Object.keys(desc.outputs)) p.addOutput(n, task.output(n));
    return p;
  }

  /** The pipeline name. */
  public readonly pipelineName: string;
  /** @internal */
  public readonly _kind = 'pipeline' as const;
  /** @internal */
  public readonly _groupName: string;
  /** @internal */
  public readonly _writesFile: boolean;
  private readonly props: PipelineProps;
  private readonly parameters: Record<string, IoDesc> = {};
  private readonly declaredOutputs: Record<string, IoDesc> = {};
  private readonly outputValues = new Map<string, Reference>();
  private readonly tasks: Task[] = [];
  private readonly taskNames = new UniqueNames();
  private groupId = 0;
  private headerDescription?: string;
  private readonly kfpVersion?: string;
  private readonly pipelineConfig?: any;
  private describing = false;
  private walkingWorkspace = false;

  constructor(scope: Construct, id: string, props: PipelineProps = {}) {
    super(scope, id);
    const where = `Pipeline '${this.node.path}'`;
    const outer = findPipeline(scope);
    if (outer) {
      throw new Error(`${where}: is inside pipeline '${outer.node.path}'; expected a pipeline outside other pipelines (use pipeline.asComponent() to nest one)`);
    }
    // Checks that a Pipeline is a PipelineScope (not in `implements`: that would put the internal
    // interface in the jsii API).
    markPipeline(this);
    this.props = props;
    const name = props.name ?? sanitizeK8sName(id);
    if (typeof name !== 'string' || !PIPELINE_NAME_PATTERN.test(name)) {
      throw new Error(`${where}: got name ${JSON.stringify(name)}; expected a KFP pipeline name matching ${PIPELINE_NAME_PATTERN} (lowercase letters, digits and '-', at most 128)`);
    }
    this.pipelineName = name;
    this._groupName = name;
    if (props.kfpVersion !== undefined) KfpSdk._validate(props.kfpVersion, where);
    this.kfpVersion = props.kfpVersion;
    for (const [n, spec] of Object.entries(props.parameters ?? {})) {
      if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(n)) {
        throw new Error(`${where}: got parameter name '${n}'; expected a letter followed by letters, digits, '_' or '-'`);
      }
      if (!(spec instanceof InputSpec)) {
        throw new Error(`${where}: parameter '${n}' got ${JSON.stringify(spec)}; expected an InputSpec (Parameter.string(), Input.dataset(), ...)`);
      }
      const io = spec._toDesc();
      this.parameters[n] = io;
    }
    for (const [n, spec] of Object.entries(props.outputs ?? {})) {
      if (!(spec instanceof OutputSpec)) {
        throw new Error(`${where}: output '${n}' got ${JSON.stringify(spec)}; expected an OutputSpec (Output.string(), Output.model(), ...)`);
      }
      this.declaredOutputs[n] = spec._toDesc();
    }
    this.pipelineConfig = this.buildPipelineConfig(props, where);
    this._writesFile = props.writeFile ?? true;
    const app = App.of(this);
    if (app instanceof App) hookSynth(app, this);
    this.node.addValidation({ validate: () => this.collectErrors() });
  }

  private buildPipelineConfig(props: PipelineProps, where: string): any {
    const config: any = {};
    if (props.workspace) {
      const size = props.workspace.size;
      if (typeof size !== 'string' || !WORKSPACE_SIZE.test(size.trim())) {
        throw new Error(`${where}: got workspace size ${JSON.stringify(size)}; expected a Kubernetes quantity such as '10Gi'`);
      }
      if (props.workspace.pvcSpecPatch !== undefined) checkJsonValue(props.workspace.pvcSpecPatch, `${where}: workspace pvcSpecPatch`);
      config.workspace = { size: size.trim(), kubernetes: { pvcSpecPatch: props.workspace.pvcSpecPatch ?? {} } };
    }
    const seconds = (d: Duration | undefined, field: string, key: string) => {
      if (d === undefined) return;
      if (!(d instanceof Duration)) throw new Error(`${where}: got ${field} ${JSON.stringify(d)}; expected a Duration`);
      const s = Math.floor(d.toSeconds({ integral: false }));
      if (s > 2147483647) throw new Error(`${where}: got ${field} of ${s}s; expected at most 2147483647 seconds`);
      if (s > 0) config[key] = s;
    };
    seconds(props.ttlAfterFinished, 'ttlAfterFinished', 'resourceTtlOnCompletion');
    seconds(props.ttlAfterSuccess, 'ttlAfterSuccess', 'resourceTtlOnSuccess');
    seconds(props.ttlAfterFailure, 'ttlAfterFailure', 'resourceTtlOnFailure');
    seconds(props.activeDeadline, 'activeDeadline', 'activeDeadlineSeconds');
    return Object.keys(config).length ? config : undefined;
  }

  /** A pipeline input, as a reference for task inputs and conditions. */
  public param(name: string): PipelineParameter {
    const io = this.parameters[name];
    if (!io) {
      throw new Error(`Pipeline '${this.node.path}': got unknown parameter '${name}'; expected one of ${JSON.stringify(Object.keys(this.parameters))}`);
    }
    return new PipelineParameter(this, name, io.type, !!io.isArtifactList);
  }

  /**
   * Sets a pipeline output (kfp: the pipeline function's return value). A function's single
   * return value is named `Output`.
   *
   * @param name the output name
   * @param value a task output in the top-level scope, or `Collected`/`OneOf`
   */
  public addOutput(name: string, value: Reference): Pipeline {
    const where = `Pipeline '${this.node.path}'`;
    if (!(value instanceof Reference)) {
      throw new Error(`${where}: output '${name}' got ${JSON.stringify(value)}; expected a task output, Collected or OneOf`);
    }
    if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(name)) {
      throw new Error(`${where}: got output name '${name}'; expected a letter followed by letters, digits, '_' or '-'`);
    }
    if (this.outputValues.has(name)) {
      throw new Error(`${where}: output '${name}' is set twice; expected each output once`);
    }
    if (value instanceof PipelineParameter) {
      throw new Error(`${where}: output '${name}' got ${value._describe()}; expected a task output (pipeline outputs come from tasks)`);
    }
    const declared = this.declaredOutputs[name];
    if (declared && !typesCompatible(value._type, value._isArtifactList, declared.type, !!declared.isArtifactList)) {
      throw new Error(`${where}: output '${name}' is declared as ${describeType(declared.type, declared.isArtifactList)}; got ${value._describe()} of type ${value.typeName}`);
    }
    this.outputValues.set(name, value);
    return this;
  }

  /**
   * This pipeline as a component, to run it as a task of another pipeline. The IR is compiled
   * when the outer pipeline is.
   */
  public asComponent(): Component {
    return Component._lazy(this.pipelineName, this.props.description, () => {
      const d = this._toDesc();
      return { name: this.pipelineName, description: this.props.description, inputs: d.inputs, outputs: d.outputs, impl: { kind: 'graph', pipeline: d } };
    }, () => ({ inputs: { ...this.parameters }, outputs: this.outputDescs(), kind: 'graph' }), this);
  }

  /** @internal */
  public _nextGroupId(): number {
    return ++this.groupId;
  }

  /** @internal */
  public _peekTaskName(base: string): string {
    return this.taskNames.peek(base);
  }

  /** @internal */
  public _reserveTaskName(base: string): string {
    return this.taskNames.reserve(base);
  }

  /** @internal */
  public _registerTask(task: Task, requested: string): string {
    const name = this.taskNames.reserve(requested);
    this.tasks.push(task);
    return name;
  }

  private outputDescs(): Record<string, IoDesc> {
    const out: Record<string, IoDesc> = { ...this.declaredOutputs };
    for (const [name, value] of this.outputValues) {
      if (!out[name]) out[name] = { type: value._type, ...(value._isArtifactList ? { isArtifactList: true } : {}) };
    }
    return out;
  }

  /** @internal The plain description the IR compiler reads. */
  public _toDesc(): PipelineDesc {
    if (this.describing) {
      throw new Error(`Pipeline '${this.node.path}' runs itself as a component (directly or through nested pipelines); expected nested pipelines without cycles`);
    }
    this.describing = true;
    try {
      return this.describe();
    } finally {
      this.describing = false;
    }
  }

  private describe(): PipelineDesc {
    const refs = new Map<string, Reference>();
    const tasks = this.tasks.map((t) => t._toDesc(refs));
    const root = this.groupDesc(this);
    const outputValues: Record<string, ValueRef> = {};
    for (const [name, value] of this.outputValues) outputValues[name] = value._toValueRef();
    const refTable: Record<string, ValueRef> = {};
    for (const [id, r] of refs) refTable[id] = r._toValueRef();
    return {
      name: this.pipelineName,
      path: this.node.path,
      ...(this.props.description ? { description: this.props.description } : {}),
      ...(this.props.displayName ? { displayName: this.props.displayName } : {}),
      ...(this.props.pipelineRoot ? { pipelineRoot: this.props.pipelineRoot } : {}),
      inputs: { ...this.parameters },
      outputs: this.outputDescs(),
      root,
      tasks,
      outputValues,
      refs: refTable,
      ...(this.pipelineConfig ? { pipelineConfig: this.pipelineConfig } : {}),
    };
  }

  private groupDesc(group: TaskGroup): GroupDesc {
    const groups: GroupDesc[] = [];
    const tasks: string[] = [];
    for (const child of group.node.children) {
      if (child instanceof Task) {
        if (!child._isExitTask) tasks.push(child.taskName);
      } else if (child instanceof ConditionBranch) {
        const chain: ConditionBranches | undefined = child._chain;
        if (!chain) {
          groups.push(this.branchDesc(child));
        } else if (chain.branches[0] === child) {
          groups.push({
            kind: 'condition-branches',
            name: chain.name,
            path: child.node.path,
            groups: chain.branches.map((b) => this.branchDesc(b)),
            tasks: [],
          });
        }
      } else if (child instanceof ParallelFor) {
        groups.push({
          ...this.groupDesc(child),
          kind: 'for-loop',
          name: child._groupName,
          path: child.node.path,
          ...(child._displayName ? { displayName: child._displayName } : {}),
          loop: {
            items: child._items instanceof Reference ? { value: child._items._toValueRef() } : { constant: child._items },
            ...(child._itemParamName ? { itemParamName: child._itemParamName } : {}),
            ...(child._explicitItemType ? { itemType: child._explicitItemType } : {}),
            parallelism: child._parallelism,
          },
        });
      } else if (child instanceof ExitHandler) {
        groups.push({
          ...this.groupDesc(child),
          kind: 'exit-handler',
          name: child._groupName,
          path: child.node.path,
          ...(child._displayName ? { displayName: child._displayName } : {}),
          exitTask: child.exitTask.taskName,
        });
      }
    }
    return { kind: 'pipeline', name: group._groupName, path: group.node.path, groups, tasks };
  }

  private branchDesc(b: ConditionBranch): GroupDesc {
    const inner = this.groupDesc(b);
    const display = b._displayName();
    return { ...inner, kind: 'condition', name: b._groupName, path: b.node.path, ...(display ? { displayName: display } : {}), conditions: b._opsDesc() };
  }

  private compile(): CompiledIr {
    const { errors, ir } = this.check(true);
    if (errors.length > 0 || !ir) {
      throw new Error(`Pipeline '${this.node.path}' is not valid:\n  ${errors.join('\n  ')}`);
    }
    return ir;
  }

  private collectErrors(): string[] {
    return this.check(this._writesFile).errors;
  }

  /** @internal */
  public _usesWorkspace(): boolean {
    // A pipeline that runs itself is reported by the cycle check; don't recurse forever.
    if (this.walkingWorkspace) return false;
    this.walkingWorkspace = true;
    try {
      return this.tasks.some((t) => t._usesWorkspace());
    } finally {
      this.walkingWorkspace = false;
    }
  }

  /**
   * Checks and compiles the pipeline; the errors are also registered as a construct validation.
   * `asRoot`: checked as the pipeline that runs (it writes its file, or its IR was asked for).
   */
  private check(asRoot: boolean): { errors: string[]; ir?: CompiledIr } {
    const where = `Pipeline '${this.node.path}'`;
    const errors: string[] = [];
    if (this.tasks.length === 0) errors.push(`${where} has no tasks; expected at least one task`);
    for (const name of Object.keys(this.declaredOutputs)) {
      if (!this.outputValues.has(name)) errors.push(`${where}: output '${name}' is declared but never set; expected pipeline.addOutput('${name}', ...)`);
    }
    // The workspace belongs to the pipeline that runs (kfp checks it at the root), so a pipeline
    // used only as a component of another is checked there, with that pipeline's workspace.
    if (asRoot && !this.pipelineConfig?.workspace) {
      for (const t of this.tasks) {
        if (t._usesWorkspace()) {
          errors.push(`Task '${t.node.path}' uses the workspace (Placeholder.WORKSPACE_PATH, /kfp-workspace or an importer's downloadToWorkspace${isPipeline(t.component._owner) ? `, in pipeline '${t.component._owner.node.path}'` : ''}), but pipeline '${this.node.path}', which runs it, has no workspace; expected PipelineProps.workspace with a size`);
        }
      }
    }
    const cycle = this.findCycle();
    if (cycle) errors.push(`${where} has a dependency cycle: ${cycle.join(' -> ')}; expected tasks to depend on each other without loops`);
    const root = App.of(this);
    if (root instanceof App) {
      const all = APP_PIPELINES.get(root) ?? [];
      const others = all.filter((p) => p !== this && p.pipelineName === this.pipelineName && p._writesFile && this._writesFile);
      if (others.length > 0) {
        errors.push(`${where}: name '${this.pipelineName}' is also used by pipeline '${others[0].node.path}'; expected unique pipeline names in an app (each writes <name>.pipeline.yaml)`);
      }
    }
    const groupNames = new Set<string>();
    const collect = (g: GroupDesc) => {
      groupNames.add(g.name);
      g.groups.forEach(collect);
    };
    if (errors.length === 0) {
      let desc: PipelineDesc;
      try {
        desc = this._toDesc();
      } catch (e: any) {
        return { errors: [e.message] };
      }
      desc.root.groups.forEach(collect);
      for (const t of this.tasks) {
        if (groupNames.has(t.taskName)) {
          errors.push(`Task '${t.node.path}': name '${t.taskName}' is also the name of a control-flow group; expected a task name other than condition-N, for-loop-N, exit-handler-N`);
        }
      }
      if (errors.length === 0) {
        try {
          return { errors, ir: compilePipeline(desc, { kfpVersion: this.kfpVersion ?? KfpSdk.version() }) };
        } catch (e: any) {
          if (e instanceof IrCompileError) errors.push(e.message);
          else errors.push(`${where}: ${e.message}`);
        }
      }
    }
    return { errors };
  }

  /** A dependency cycle among tasks (task paths), if any. */
  private findCycle(): string[] | undefined {
    const deps = new Map<Task, Task[]>();
    for (const t of this.tasks) {
      const up: Task[] = [];
      for (const r of t._references()) {
        for (const v of [r, ...r._parts()]) {
          if (v instanceof TaskOutput && v._task instanceof Task) up.push(v._task);
        }
      }
      for (const c of t._afterConstructs()) {
        if (c instanceof Task) {
          up.push(c);
        } else if (c instanceof ExitHandler) {
          for (const inner of this.tasks) if (inner.node.scopes.includes(c)) up.push(inner);
        }
      }
      deps.set(t, up);
    }
    // Iterative depth-first search (pipelines can be thousands of tasks deep).
    const state = new Map<Task, number>();
    for (const start of this.tasks) {
      if ((state.get(start) ?? 0) !== 0) continue;
      const stack: Array<{ task: Task; next: number }> = [{ task: start, next: 0 }];
      state.set(start, 1);
      while (stack.length > 0) {
        const top = stack[stack.length - 1];
        const ups = deps.get(top.task) ?? [];
        if (top.next < ups.length) {
          const u = ups[top.next++];
          const s = state.get(u) ?? 0;
          if (s === 1) {
            const from = stack.findIndex((f) => f.task === u);
            return [...stack.slice(from).map((f) => f.task), u].reverse().map((x) => x.node.path);
          }
          if (s === 0) {
            state.set(u, 1);
            stack.push({ task: u, next: 0 });
          }
        } else {
          state.set(top.task, 2);
          stack.pop();
        }
      }
    }
    return undefined;
  }

  /** The PipelineSpec (IR) as plain objects. Throws if the pipeline is not valid. */
  public toIr(): any {
    return this.compile().pipelineSpec;
  }

  /** The PlatformSpec, or undefined when no platform feature is used. */
  public toPlatformSpec(): any {
    return this.compile().platformSpec;
  }

  /** The pipeline file text (`<name>.pipeline.yaml`), as `kfp.compiler.Compiler().compile()` writes it. */
  public toYaml(): string {
    return this.renderFile(this.compile());
  }

  private renderFile(ir: CompiledIr): string {
    return renderPipelineFile(ir.pipelineSpec, ir.platformSpec, this.headerDescription !== undefined ? { description: this.headerDescription } : {});
  }

  /** @internal The files `app.synth()` writes, by name: the pipeline file and its pictures. */
  public _synthFiles(): { [file: string]: string } {
    const ir = this.compile();
    const pictures = this.props.writePictures ?? true ? pictureFiles(this.pipelineName, ir.pipelineSpec) : {};
    return { [`${this.pipelineName}.pipeline.yaml`]: this.renderFile(ir), ...pictures };
  }

  /**
   * A picture of the pipeline as a Mermaid flowchart (see `PipelineDag.toMermaid`).
   *
   * @param options how much to draw
   */
  public toMermaid(options?: DagOptions): string {
    return PipelineDag.toMermaid(this.toIr(), options);
  }

  /**
   * A picture of the pipeline as SVG, laid out by Graphviz (see `PipelineDag.toSvg`).
   *
   * @param options how much to draw
   */
  public toSvg(options?: DagOptions): string {
    return PipelineDag.toSvg(this.toIr(), options);
  }

  /**
   * The Argo `Workflow` the KFP 2.17 API server would submit for a run of this pipeline.
   * Use `PipelineRun`/`PipelineTemplate` to put it in a chart.
   *
   * @param options the backend's compile options (images, pipeline root, run parameters, ...)
   */
  public toArgoWorkflow(options: ArgoCompileOptions = {}): any {
    const ir = this.compile();
    return compileToArgo(ir.pipelineSpec, ir.platformSpec, options);
  }
}
