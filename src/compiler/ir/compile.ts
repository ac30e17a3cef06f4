/**
 * The KFP v2 IR compiler: a plain `PipelineDesc` in, a plain `PipelineSpec` (and PlatformSpec)
 * out. It follows the kfp SDK compiler's rules so that the output equals what
 * `kfp.compiler.Compiler().compile()` writes for the equivalent Python pipeline.
 */
import { conditionsToCel, checkOperand, CelOperation } from './cel';
import { Channel, typeKey } from './channel';
import {
  ArgValue, CompileOptions, ComponentDesc, GroupDesc, IoDesc, IrCompileError, PipelineDesc,
  TaskDesc, TypeDesc, ValueRef,
} from './model';
import { channelInputName, componentName, executorLabel, makeUnique } from './names';
import { pyJsonDumps } from './pyjson';
import { pythonContainer } from './python-executor';
import { cpuToFloat, memoryToFloat } from './resources';
import { findRefTokens, replaceInValue, refToken } from './tokens';

/** The result of compiling one pipeline. */
export interface CompiledIr {
  readonly pipelineSpec: any;
  /** `{ platforms: { kubernetes: ... } }`, or undefined when no platform feature is used. */
  readonly platformSpec?: any;
}

type GroupKind = GroupDesc['kind'];

interface CTask {
  readonly desc: TaskDesc;
  readonly name: string;
  /** Inputs in kfp order: arguments, then resource/image settings that carry channels. */
  readonly inputs: Array<[string, Channel | { constant: any }]>;
  readonly channelInputs: Channel[];
  isExitTask: boolean;
  parent?: CGroup;
}

interface CGroup {
  readonly desc: GroupDesc;
  readonly kind: GroupKind;
  readonly name: string;
  readonly groups: CGroup[];
  readonly tasks: CTask[];
  conditions?: CelOperation[];
  conditionChannels?: Channel[];
  loopArgument?: Channel;
  itemsIsChannel?: boolean;
  exitTask?: CTask;
  parent?: CGroup;
}

const RESOURCE_KEYS: Array<[keyof NonNullable<TaskDesc['resources']>, string]> = [
  ['cpuRequest', 'cpu_request'], ['cpuLimit', 'cpu_limit'], ['memoryRequest', 'memory_request'],
  ['memoryLimit', 'memory_limit'], ['acceleratorType', 'accelerator_type'], ['acceleratorCount', 'accelerator_count'],
];

/** Compiles a pipeline description into IR. Throws `IrCompileError` on bad topology. */
export function compilePipeline(desc: PipelineDesc, options: CompileOptions): CompiledIr {
  return new Compilation(desc, options).run();
}

function artifactType(t: TypeDesc): any {
  return { schemaTitle: t.schemaTitle, schemaVersion: t.schemaVersion };
}

function isParam(t: TypeDesc): boolean {
  return t.parameterType !== undefined;
}

/** `inputDefinitions`/`outputDefinitions` of a component from its interface. */
export function buildComponentInterface(inputs: Record<string, IoDesc>, outputs: Record<string, IoDesc>): any {
  const spec: any = {};
  const inParams: any = {};
  const inArtifacts: any = {};
  for (const [name, io] of Object.entries(inputs)) {
    const t = io.type;
    if (t.parameterType === 'TASK_FINAL_STATUS' || t.parameterType === 'TASK_CONFIG') {
      inParams[name] = { parameterType: t.parameterType, isOptional: true };
      if (io.description) inParams[name].description = io.description;
    } else if (isParam(t)) {
      const p: any = { parameterType: t.parameterType };
      if (io.optional) p.isOptional = true;
      if (io.default !== undefined && io.default !== null) p.defaultValue = io.default;
      if (io.description) p.description = io.description;
      inParams[name] = p;
    } else {
      const a: any = { artifactType: artifactType(t) };
      if (io.isArtifactList) a.isArtifactList = true;
      if (io.optional) a.isOptional = true;
      if (io.description) a.description = io.description;
      inArtifacts[name] = a;
    }
  }
  const outParams: any = {};
  const outArtifacts: any = {};
  for (const [name, io] of Object.entries(outputs)) {
    if (isParam(io.type)) {
      outParams[name] = { parameterType: io.type.parameterType };
      if (io.description) outParams[name].description = io.description;
    } else {
      const a: any = { artifactType: artifactType(io.type) };
      if (io.isArtifactList) a.isArtifactList = true;
      if (io.description) a.description = io.description;
      outArtifacts[name] = a;
    }
  }
  const inDefs: any = {};
  if (Object.keys(inArtifacts).length) inDefs.artifacts = inArtifacts;
  if (Object.keys(inParams).length) inDefs.parameters = inParams;
  if (Object.keys(inDefs).length) spec.inputDefinitions = inDefs;
  const outDefs: any = {};
  if (Object.keys(outArtifacts).length) outDefs.artifacts = outArtifacts;
  if (Object.keys(outParams).length) outDefs.parameters = outParams;
  if (Object.keys(outDefs).length) spec.outputDefinitions = outDefs;
  return spec;
}

function ensure(obj: any, ...keys: string[]): any {
  let cur = obj;
  for (const k of keys) {
    if (cur[k] === undefined) cur[k] = {};
    cur = cur[k];
  }
  return cur;
}

function hasParamInput(spec: any, name: string): boolean {
  return !!spec?.inputDefinitions?.parameters && name in spec.inputDefinitions.parameters;
}

function hasArtifactInput(spec: any, name: string): boolean {
  return !!spec?.inputDefinitions?.artifacts && name in spec.inputDefinitions.artifacts;
}

function clone<T>(v: T): T {
  return v === undefined ? v : JSON.parse(JSON.stringify(v));
}

class Compilation {
  private readonly tasks = new Map<string, CTask>();
  private readonly groups = new Map<string, CGroup>();
  private readonly root: CGroup;
  private readonly loopArgs = new Map<string, Channel>();
  private readonly oneOfs = new Map<string, Channel>();
  private readonly taskParents = new Map<string, string[]>();
  private readonly groupParents = new Map<string, string[]>();
  private readonly spec: any;
  private readonly executors: Record<string, any> = {};
  private readonly platformExecutors: Record<string, any> = {};
  private pipelineOutputs: Map<string, Channel>;

  constructor(private readonly desc: PipelineDesc, private readonly options: CompileOptions) {
    for (const t of desc.tasks) {
      this.tasks.set(t.name, { desc: t, name: t.name, inputs: [], channelInputs: [], isExitTask: false });
    }
    this.root = this.buildGroup(desc.root, undefined);
    // Loop arguments first (tasks may reference the items of any enclosing loop).
    this.forEachGroup(this.root, (g) => {
      if (g.kind === 'for-loop') this.initLoop(g);
    });
    this.forEachGroup(this.root, (g) => {
      if (g.kind === 'condition') this.initCondition(g);
    });
    for (const t of this.tasks.values()) this.initTask(t);
    this.pipelineOutputs = new Map();
    for (const [name, ref] of Object.entries(desc.outputValues)) {
      this.pipelineOutputs.set(name, this.channelFor(ref, desc.path));
    }
    this.spec = {
      components: {},
      deploymentSpec: { executors: this.executors },
      pipelineInfo: { name: desc.name },
      root: buildComponentInterface(desc.inputs, desc.outputs),
      schemaVersion: '2.1.0',
      sdkVersion: `kfp-${options.kfpVersion}`,
    };
    if (desc.description) this.spec.pipelineInfo.description = desc.description;
    if (desc.displayName) this.spec.pipelineInfo.displayName = desc.displayName;
    if (desc.pipelineRoot) this.spec.defaultPipelineRoot = desc.pipelineRoot;
  }

  /** Key sets of the executor and component maps (kept up to date for fast uniqueness checks). */
  private executorKeys(): { has(k: string): boolean } {
    return { has: (k: string) => k in this.executors };
  }

  private componentKeys(): { has(k: string): boolean } {
    return { has: (k: string) => k in this.spec.components };
  }

  private forEachGroup(g: CGroup, fn: (g: CGroup) => void) {
    fn(g);
    for (const c of g.groups) this.forEachGroup(c, fn);
  }

  private buildGroup(d: GroupDesc, parent: CGroup | undefined): CGroup {
    const g: CGroup = { desc: d, kind: d.kind, name: d.name, groups: [], tasks: [], parent };
    if (parent) this.groups.set(d.name, g);
    for (const child of d.groups) g.groups.push(this.buildGroup(child, g));
    for (const tn of d.tasks) {
      const t = this.tasks.get(tn);
      if (!t) throw new IrCompileError(d.path, `group '${d.name}' lists unknown task '${tn}'`);
      t.parent = g;
      g.tasks.push(t);
    }
    if (d.kind === 'exit-handler') {
      const exit = d.exitTask ? this.tasks.get(d.exitTask) : undefined;
      if (!exit) {
        throw new IrCompileError(d.path, `ExitHandler '${d.path}' has no exit task (got ${d.exitTask === undefined ? 'none' : `'${d.exitTask}'`}); expected a task created before the ExitHandler in the pipeline's top-level scope`);
      }
      exit.isExitTask = true;
      g.exitTask = exit;
    }
    return g;
  }

  // ---------------------------------------------------------------- channels

  private channelFor(ref: ValueRef, path: string): Channel {
    switch (ref.ref) {
      case 'param':
        return new Channel(isParam(ref.type) ? 'parameter' : 'artifact', ref.name, undefined, ref.type, !!ref.isArtifactList);
      case 'output':
        return new Channel(isParam(ref.type) ? 'parameter' : 'artifact', ref.output, ref.task, ref.type, !!ref.isArtifactList);
      case 'loopItem': {
        const arg = this.loopArgs.get(ref.loop);
        if (!arg) throw new IrCompileError(path, `reference to the item of loop '${ref.loop}', which is not a ParallelFor of this pipeline`);
        return arg;
      }
      case 'loopField': {
        const arg = this.loopArgs.get(ref.loop);
        if (!arg) throw new IrCompileError(path, `reference to the item of loop '${ref.loop}', which is not a ParallelFor of this pipeline`);
        if (arg.kind === 'artifact') throw new IrCompileError(path, `field '${ref.field}' of an artifact loop item; only parameter items have fields`);
        const v = new Channel('parameter', `${arg.name}-subvar-${ref.field}`, arg.taskName, arg.type.valueType ?? { parameterType: 'STRING' });
        v.loopArgument = arg;
        v.subvarName = ref.field;
        v.loopGroup = arg.loopGroup;
        return v;
      }
      case 'collected': {
        const out = this.channelFor(ref.of, path);
        const c = out.kind === 'parameter'
          ? new Channel('parameter', out.name, out.taskName, { parameterType: 'LIST', itemType: out.type })
          : new Channel('artifact', out.name, out.taskName, out.type, true);
        c.collectedOutput = out;
        return c;
      }
      case 'oneOf': {
        const key = `${ref.group}#${ref.id}`;
        let c = this.oneOfs.get(key);
        if (!c) {
          const inner = ref.values.map((v) => this.channelFor(v, path));
          const first = inner[0];
          c = new Channel(first.kind, channelInputName(`${ref.group}-oneof-${ref.id}`), ref.group, first.type, first.isArtifactList);
          c.oneOfChannels = inner;
          c.oneOfGroup = ref.group;
          this.oneOfs.set(key, c);
        }
        return c;
      }
    }
    throw new IrCompileError(path, `unknown reference ${JSON.stringify(ref)}`);
  }

  private initLoop(g: CGroup) {
    const loop = g.desc.loop!;
    let arg: Channel;
    if ('value' in loop.items) {
      const items = this.channelFor(loop.items.value, g.desc.path);
      if (items.kind === 'artifact') {
        if (!items.isArtifactList) {
          throw new IrCompileError(g.desc.path, `ParallelFor '${g.desc.path}' iterates over a single artifact (${items.fullName}); expected a list of artifacts`);
        }
        arg = new Channel('artifact', `${items.name}-loop-item`, items.taskName, items.type, false);
      } else {
        if (!items.isLoopVariable && items.type.parameterType !== 'LIST') {
          throw new IrCompileError(g.desc.path, `ParallelFor '${g.desc.path}' iterates over '${items.fullName}' of type ${items.type.parameterType}; expected a LIST`);
        }
        const itemType = loop.itemType ?? items.type.itemType ?? { parameterType: 'STRING' };
        arg = new Channel('parameter', `${items.name}-loop-item`, items.taskName, itemType);
      }
      arg.loopItems = items;
      g.itemsIsChannel = true;
    } else {
      const raw = loop.items.constant;
      if (!Array.isArray(raw) || raw.length === 0) {
        throw new IrCompileError(g.desc.path, `ParallelFor '${g.desc.path}' got items ${JSON.stringify(raw)}; expected a non-empty list`);
      }
      arg = new Channel('parameter', loop.itemParamName!, undefined, loop.itemType ?? inferItemType(raw));
      arg.loopItems = raw;
      g.itemsIsChannel = false;
    }
    arg.loopGroup = g.name;
    g.loopArgument = arg;
    this.loopArgs.set(g.name, arg);
  }

  private operand(v: ArgValue, path: string): Channel | string | number | boolean {
    if ('value' in v) return this.channelFor(v.value, path);
    return v.constant;
  }

  private initCondition(g: CGroup) {
    g.conditions = (g.desc.conditions ?? []).map((op) => {
      const left = this.operand(op.left, g.desc.path);
      const right = this.operand(op.right, g.desc.path);
      for (const o of [left, right]) {
        const problem = checkOperand(o);
        if (problem) throw new IrCompileError(g.desc.path, `condition of '${g.desc.path}': ${problem}`);
      }
      return { operator: op.operator, left, right, negate: op.negate };
    });
    g.conditionChannels = [];
    for (const op of g.conditions) {
      for (const o of [op.left, op.right]) if (o instanceof Channel) g.conditionChannels.push(o);
    }
  }

  /** Channels embedded in a constant, as `[token, channel]` pairs (unique by channel). */
  private embedded(value: any, path: string): Array<[string[], Channel]> {
    const out: Array<[string[], Channel]> = [];
    for (const id of findRefTokens(value)) {
      const ref = this.desc.refs[id];
      if (!ref) throw new IrCompileError(path, `unknown reference token ${refToken(id)}`);
      const ch = this.channelFor(ref, path);
      const existing = out.find(([, c]) => c.key === ch.key);
      if (existing) {
        if (!existing[0].includes(id)) existing[0].push(id);
      } else {
        out.push([[id], ch]);
      }
    }
    return out;
  }

  private initTask(t: CTask) {
    const direct: Channel[] = [];
    const constants: any[] = [];
    for (const [name, arg] of Object.entries(t.desc.args)) {
      if ('value' in arg) {
        const ch = this.channelFor(arg.value, t.desc.path);
        t.inputs.push([name, ch]);
        direct.push(ch);
      } else {
        t.inputs.push([name, { constant: arg.constant }]);
        constants.push(arg.constant);
      }
    }
    const extracted = this.embedded(constants, t.desc.path).map(([, c]) => c);
    t.channelInputs.push(...direct, ...extracted);
    for (const ref of t.desc.platformRefs ?? []) {
      const c = this.channelFor(ref, t.desc.path);
      if (!t.channelInputs.some((x) => x.key === c.key)) t.channelInputs.push(c);
    }
    const image = t.desc.image;
    if (image !== undefined && findRefTokens(image).length > 0) {
      for (const [, c] of this.embedded(image, t.desc.path)) {
        if (!t.channelInputs.some((x) => x.key === c.key)) t.channelInputs.push(c);
      }
    }
  }

  // ------------------------------------------------------------ group tree

  private computeParents() {
    const walk = (g: CGroup, chain: string[]) => {
      for (const child of g.groups) {
        this.groupParents.set(child.name, [...chain, child.name]);
        walk(child, [...chain, child.name]);
      }
      for (const t of g.tasks) this.taskParents.set(t.name, [...chain, t.name]);
    };
    walk(this.root, [this.root.name]);
  }

  private ancestorsOf(name: string, path: string): string[] {
    const a = this.taskParents.get(name) ?? this.groupParents.get(name);
    if (!a) throw new IrCompileError(path, `'${name}' is not a task or group of pipeline '${this.desc.name}'`);
    return a;
  }

  private uncommon(a: string, b: string, path: string): [string[], string[]] {
    const g1 = this.ancestorsOf(a, path);
    const g2 = this.ancestorsOf(b, path);
    let n = 0;
    while (n < g1.length && n < g2.length && g1[n] === g2[n]) n++;
    return [g1.slice(n), g2.slice(n)];
  }

  /** The task or group a channel comes from (kfp: `channel.task`). */
  private producerOf(c: Channel): string | undefined {
    if (!c.taskName) return undefined;
    if (this.tasks.has(c.taskName) || this.groups.has(c.taskName)) return c.taskName;
    return undefined;
  }

  private conditionChannelsFor(): Map<string, Channel[]> {
    const result = new Map<string, Channel[]>();
    const walk = (g: CGroup, current: Channel[]) => {
      let next = current;
      if (g.kind === 'condition') next = [...current, ...(g.conditionChannels ?? [])];
      for (const t of g.tasks) {
        const seen = new Map<string, Channel>();
        for (const c of next) if (!seen.has(c.key)) seen.set(c.key, c);
        result.set(t.name, [...seen.values()]);
      }
      for (const child of g.groups) walk(child, next);
    };
    walk(this.root, []);
    return result;
  }

  private isFor(name: string): CGroup | undefined {
    const g = this.groups.get(name);
    return g && g.kind === 'for-loop' ? g : undefined;
  }

  private inputsForAllGroups(conditionChannels: Map<string, Channel[]>): Map<string, Map<string, Channel>> {
    const inputs = new Map<string, Map<string, Channel>>();
    const add = (group: string, c: Channel, producer: string | undefined) => {
      let m = inputs.get(group);
      if (!m) inputs.set(group, (m = new Map()));
      const key = `${c.key}@${producer ?? ''}`;
      if (!m.has(key)) m.set(key, c);
    };
    for (const task of this.tasks.values()) {
      const all = [...task.channelInputs, ...(conditionChannels.get(task.name) ?? [])];
      for (const channel of all) {
        const toAdd: Channel[] = [];
        let cur: Channel | any[] | undefined = channel;
        while (cur instanceof Channel && cur.isLoopRelated) {
          toAdd.push(cur);
          cur = cur.isLoopVariable ? cur.loopArgument : (cur.loopItems as Channel | any[]);
        }
        if (cur instanceof Channel) toAdd.push(cur);
        const producer = this.producerOf(channel);
        if (producer) {
          const [up, down] = this.uncommon(producer, task.name, task.desc.path);
          for (let i = 0; i < down.length; i++) {
            const groupName = down[i];
            add(groupName, toAdd[toAdd.length - 1], i === 0 ? up[0] : undefined);
            const loop = this.isFor(groupName);
            if (loop && loop.loopArgument!.fullName.includes(toAdd[toAdd.length - 1].fullName)) {
              toAdd.pop();
              if (toAdd.length === 0) break;
            }
          }
        } else {
          if (task.isExitTask) continue;
          const parents = this.taskParents.get(task.name);
          if (!parents) continue;
          if (channel.isLoopRelated && channel.isWithItems) {
            for (const groupName of [...parents].reverse()) {
              add(groupName, toAdd[0], undefined);
              const loop = this.isFor(groupName);
              if (loop && loop.loopArgument!.fullName.includes(toAdd[0].fullName)) {
                toAdd.shift();
                if (toAdd.length === 0) break;
              }
            }
          } else {
            for (const groupName of parents) {
              add(groupName, toAdd[toAdd.length - 1], undefined);
              const loop = this.isFor(groupName);
              if (loop && loop.loopArgument!.fullName.includes(toAdd[toAdd.length - 1].fullName)) {
                toAdd.pop();
                if (toAdd.length === 0) break;
              }
            }
          }
        }
      }
    }
    return inputs;
  }

  private collectedOutputChannel(name: string, start: Channel, taskName: string): Channel {
    return start.kind === 'parameter'
      ? new Channel('parameter', name, taskName, { parameterType: 'LIST', itemType: start.type })
      : new Channel('artifact', name, taskName, start.type, true);
  }

  private childrenOf(groupName: string): string[] {
    const g = groupName === this.root.name ? this.root : this.groups.get(groupName)!;
    return [...g.groups.map((x) => x.name), ...g.tasks.map((x) => x.name)];
  }

  private outputsForAllGroups(): Map<string, Map<string, Channel>> {
    const outputs = new Map<string, Map<string, Channel>>();
    const put = (group: string, name: string, c: Channel) => {
      let m = outputs.get(group);
      if (!m) outputs.set(group, (m = new Map()));
      m.set(name, c);
    };
    const processed = new Set<Channel>();
    const surfaceOneOf = (channel: Channel, upstreamsFor: (inner: Channel) => string[]) => {
      if (processed.has(channel)) return;
      channel.oneOfChannels = channel.oneOfChannels!.map((c) => c.clone());
      for (const inner of channel.oneOfChannels) {
        const up = upstreamsFor(inner);
        const surfaced = inner.additionalInputName;
        for (const upstreamName of [...up].reverse()) {
          if (upstreamName === inner.taskName) continue;
          if (upstreamName === channel.oneOfGroup) {
            put(upstreamName, channel.name, channel);
            break;
          }
          put(upstreamName, surfaced, inner.clone());
          inner.name = surfaced;
          inner.taskName = upstreamName;
        }
      }
      processed.add(channel);
    };
    for (const task of this.tasks.values()) {
      for (const channel of task.channelInputs) {
        if (channel.isCollected) {
          const producerName = channel.taskName!;
          if (!this.tasks.has(producerName)) continue;
          const [up, down] = this.uncommon(producerName, task.name, task.desc.path);
          this.validateFanIn(task, producerName, up);
          const surfaced = channel.additionalInputName;
          const parentConsumer = down[0];
          let producerTaskName = up.pop()!;
          for (const upstreamName of [...up].reverse()) {
            put(upstreamName, surfaced, this.collectedOutputChannel(channel.name, channel.collectedOutput!, producerTaskName));
            channel.name = surfaced;
            channel.taskName = upstreamName;
            producerTaskName = upstreamName;
            const chain = this.groupParents.get(upstreamName)!;
            const parentOfCurrent = chain[chain.length - 2];
            if (this.childrenOf(parentOfCurrent).includes(parentConsumer)) break;
          }
        } else if (channel.isOneOf) {
          surfaceOneOf(channel, (inner) => this.uncommon(inner.taskName!, task.name, task.desc.path)[0]);
        }
      }
    }
    for (const [key, channel] of [...this.pipelineOutputs.entries()]) {
      if (channel.isCollected) {
        const surfaced = channel.additionalInputName;
        const up = this.ancestorsOf(channel.taskName!, this.desc.path).slice(1);
        let producerTaskName = up.pop()!;
        let upstreamName = producerTaskName;
        if (up.length === 0) {
          throw new IrCompileError(this.desc.path, `pipeline output '${key}' collects '${channel.fullName}', which is not inside a ParallelFor; Collected fans in values produced inside a ParallelFor`);
        }
        for (upstreamName of [...up].reverse()) {
          const created = this.collectedOutputChannel(channel.name, channel.collectedOutput!, producerTaskName);
          channel.name = surfaced;
          channel.taskName = upstreamName;
          producerTaskName = upstreamName;
          put(upstreamName, surfaced, created);
        }
        this.pipelineOutputs.set(key, this.collectedOutputChannel(surfaced, channel.collectedOutput!, upstreamName));
      } else if (channel.isOneOf) {
        surfaceOneOf(channel, (inner) => this.ancestorsOf(inner.taskName!, this.desc.path).slice(1));
      }
    }
    return outputs;
  }

  private validateFanIn(consumer: CTask, producer: string, up: string[]) {
    const groupsAbove = up.slice(0, -1);
    if (groupsAbove.every((g) => this.groups.get(g)?.kind !== 'for-loop')) {
      throw new IrCompileError(consumer.desc.path,
        `task '${consumer.desc.path}' uses Collected on the output of '${this.tasks.get(producer)?.desc.path ?? producer}', which is not inside a ParallelFor that excludes the consumer; Collected fans in values produced inside a ParallelFor to a task outside it`);
    }
    const outer = this.groups.get(up[0]);
    if (outer && (outer.kind === 'condition' || outer.kind === 'exit-handler')) {
      throw new IrCompileError(consumer.desc.path,
        `task '${consumer.desc.path}' collects the output of '${this.tasks.get(producer)?.desc.path ?? producer}' from a ParallelFor nested in ${groupLabel(outer)} '${outer.desc.path}'; expected the consumer to be inside that ${groupLabel(outer)} too`);
    }
  }

  private dependencies(conditionChannels: Map<string, Channel[]>): Map<string, Set<string>> {
    const deps = new Map<string, Set<string>>();
    for (const task of this.tasks.values()) {
      const upstream = new Set<string>();
      for (const c of [...task.channelInputs, ...(conditionChannels.get(task.name) ?? [])]) {
        const p = this.producerOf(c);
        if (p) upstream.add(p);
      }
      for (const a of task.desc.after) {
        const isTask = this.tasks.has(a);
        const group = this.groups.get(a);
        if (!isTask && !group) {
          throw new IrCompileError(task.desc.path, `task '${task.desc.path}' runs after '${a}', which is not a task of pipeline '${this.desc.name}'`);
        }
        if (!isTask && group && group.kind !== 'exit-handler') {
          throw new IrCompileError(task.desc.path, `task '${task.desc.path}' runs after group '${a}' (${groupLabel(group)}); only tasks and ExitHandlers can be used with after()`);
        }
        upstream.add(a);
      }
      for (const up of upstream) {
        if (task.isExitTask) {
          throw new IrCompileError(task.desc.path, `exit task '${task.desc.path}' depends on '${this.tasks.get(up)?.desc.path ?? up}'; an exit task can't depend on other tasks`);
        }
        const [ups, downs] = this.uncommon(up, task.name, task.desc.path);
        const between = ups.filter((n) => n !== up);
        if (between.length > 0) {
          const parentGroup = this.groups.get(between[0]);
          const upPath = this.tasks.get(up)?.desc.path ?? this.groups.get(up)?.desc.path ?? up;
          if (parentGroup && (parentGroup.kind === 'condition' || parentGroup.kind === 'exit-handler')) {
            throw new IrCompileError(task.desc.path,
              `task '${task.desc.path}' depends on '${upPath}', which is inside ${groupLabel(parentGroup)} '${parentGroup.desc.path}' that doesn't contain the task; expected the consumer inside that ${groupLabel(parentGroup)}, or the value passed through OneOf (If/Elif/Else) or Collected (ParallelFor)`);
          }
          if (parentGroup && parentGroup.kind === 'for-loop') {
            const dataExchange = task.channelInputs.some((c) => this.producerOf(c) === up && !c.isCollected);
            if (dataExchange) {
              throw new IrCompileError(task.desc.path,
                `task '${task.desc.path}' consumes an output of '${upPath}', which is inside ParallelFor '${parentGroup.desc.path}' that doesn't contain the task; expected the consumer inside that ParallelFor, or the output wrapped in Collected`);
            }
          }
        }
        let s = deps.get(downs[0]);
        if (!s) deps.set(downs[0], (s = new Set()));
        s.add(ups[0]);
      }
    }
    return deps;
  }

  // ----------------------------------------------------------- task specs

  private sourceFor(c: Channel, parentSpec: any, inCurrentDag: Set<string>, artifact: boolean, keyName?: string): any {
    if (c.taskName) {
      if (inCurrentDag.has(c.taskName)) {
        return artifact
          ? { taskOutputArtifact: { outputArtifactKey: keyName ?? c.name, producerTask: c.taskName } }
          : { taskOutputParameter: { outputParameterKey: keyName ?? c.name, producerTask: c.taskName } };
      }
      const name = c.additionalInputName;
      return artifact ? { componentInputArtifact: name } : { componentInputParameter: name };
    }
    if (artifact) {
      const name = hasArtifactInput(parentSpec, c.fullName) ? c.fullName : c.additionalInputName;
      return { componentInputArtifact: name };
    }
    const name = hasParamInput(parentSpec, c.fullName) ? c.fullName : c.additionalInputName;
    return { componentInputParameter: name };
  }

  private requireParentInput(task: CTask, parentSpec: any, name: string, artifact: boolean) {
    const ok = artifact ? hasArtifactInput(parentSpec, name) : hasParamInput(parentSpec, name);
    if (!ok) {
      throw new IrCompileError(task.desc.path, `task '${task.desc.path}' uses '${name.replace(/^pipelinechannel--/, '')}', which is not available in its scope; a loop item can only be used inside its ParallelFor, and a value from inside a condition or loop only through OneOf or Collected`);
    }
  }

  private buildTaskSpec(task: CTask, parentSpec: any, inCurrentDag: Set<string>, extraInputs: Array<[string, any]>): any {
    const d = task.desc;
    const spec: any = {
      cachingOptions: d.enableCaching ? { enableCache: true } : {},
      componentRef: { name: componentName(task.name) },
      taskInfo: { name: d.displayName || task.name },
    };
    if (d.cacheKey) spec.cachingOptions.cacheKey = d.cacheKey;
    if (d.retry) {
      spec.retryPolicy = {
        backoffDuration: `${d.retry.backoffDurationSeconds || 0}s`,
        backoffFactor: d.retry.backoffFactor || 2.0,
        backoffMaxDuration: `${d.retry.backoffMaxDurationSeconds || 3600}s`,
      };
      if (d.retry.maxRetryCount) spec.retryPolicy.maxRetryCount = d.retry.maxRetryCount;
    }
    const params: any = {};
    const artifacts: any = {};
    const all: Array<[string, Channel | { constant: any }]> = [...task.inputs, ...extraInputs.map(([k, v]) => [k, { constant: v }] as [string, any])];
    for (const [inputName, value] of all) {
      if (value instanceof Channel) {
        const c = value;
        if (c.isLoopArgument) {
          const name = c.additionalInputName;
          this.requireParentInput(task, parentSpec, name, c.kind === 'artifact');
          if (c.kind === 'artifact') artifacts[inputName] = { componentInputArtifact: name };
          else params[inputName] = { componentInputParameter: name };
        } else if (c.isLoopVariable) {
          const name = c.loopArgument!.additionalInputName;
          this.requireParentInput(task, parentSpec, name, false);
          params[inputName] = { componentInputParameter: name, parameterExpressionSelector: `parseJson(string_value)["${c.subvarName}"]` };
        } else if (c.kind === 'artifact') {
          if (c.taskName && !inCurrentDag.has(c.taskName)) this.requireParentInput(task, parentSpec, c.additionalInputName, true);
          artifacts[inputName] = this.sourceFor(c, parentSpec, inCurrentDag, true);
        } else {
          if (c.taskName && !inCurrentDag.has(c.taskName)) this.requireParentInput(task, parentSpec, c.additionalInputName, false);
          params[inputName] = this.sourceFor(c, parentSpec, inCurrentDag, false);
        }
      } else {
        let constant = value.constant;
        for (const [ids, c] of this.embedded(constant, d.path)) {
          const additional = c.additionalInputName;
          if (all.some(([n]) => n === additional)) {
            throw new IrCompileError(d.path, `task '${d.path}' has an input named '${additional}', which collides with a compiler-injected input`);
          }
          const placeholder = `{{$.inputs.parameters['${additional}']}}`;
          for (const id of ids) constant = replaceInValue(constant, refToken(id), placeholder);
          if (c.kind === 'artifact') {
            throw new IrCompileError(d.path, `task '${d.path}' embeds artifact '${c.fullName}' in the constant of input '${inputName}'; only parameters can be placed inside strings`);
          }
          if (c.taskName) {
            if (inCurrentDag.has(c.taskName)) {
              params[additional] = { taskOutputParameter: { outputParameterKey: c.name, producerTask: c.taskName } };
            } else {
              this.requireParentInput(task, parentSpec, additional, false);
              params[additional] = { componentInputParameter: additional };
            }
          } else {
            const name = hasParamInput(parentSpec, c.fullName) ? c.fullName : additional;
            if (c.isLoopRelated) this.requireParentInput(task, parentSpec, name, false);
            params[additional] = { componentInputParameter: name };
          }
        }
        params[inputName] = { runtimeValue: { constant } };
      }
    }
    const inputs: any = {};
    if (Object.keys(artifacts).length) inputs.artifacts = artifacts;
    if (Object.keys(params).length) inputs.parameters = params;
    if (Object.keys(inputs).length) spec.inputs = inputs;
    return spec;
  }

  private resourceExtraInputs(task: CTask): Array<[string, any]> {
    const extra: Array<[string, any]> = [];
    const r = task.desc.resources;
    if (r) {
      for (const [key, pyKey] of RESOURCE_KEYS) {
        const v = r[key];
        if (v !== undefined && findRefTokens(v).length > 0) extra.push([pyKey, v]);
      }
    }
    if (task.desc.image !== undefined && findRefTokens(task.desc.image).length > 0) extra.push(['base_image', task.desc.image]);
    return extra;
  }

  /** Replaces the (single) channel token in a setting with its input placeholder. */
  private toPlaceholder(value: string, path: string): string {
    let out = value;
    for (const [ids, c] of this.embedded(value, path)) {
      for (const id of ids) out = out.split(refToken(id)).join(`{{$.inputs.parameters['${c.additionalInputName}']}}`);
    }
    return out;
  }

  private buildContainerSpec(task: CTask): any {
    const comp = task.desc.component;
    let base: { image: string; command?: string[]; args?: string[]; env?: Array<[string, string]> };
    if (comp.impl.kind === 'python') base = pythonContainer(comp.impl, this.options.kfpVersion);
    else if (comp.impl.kind === 'container') base = comp.impl;
    else throw new IrCompileError(task.desc.path, 'not a container component');
    const image = this.toPlaceholder(task.desc.image ?? base.image, task.desc.path);
    const container: any = {};
    if (base.args && base.args.length) container.args = [...base.args];
    if (base.command && base.command.length) container.command = [...base.command];
    const env = new Map<string, string>();
    for (const [k, v] of base.env ?? []) env.set(k, v);
    for (const [k, v] of task.desc.env ?? []) env.set(k, v);
    if (env.size) container.env = [...env.entries()].map(([name, value]) => ({ name, value }));
    container.image = image;
    const r = task.desc.resources;
    if (r) {
      const res: any = {};
      const setting = (v: string | undefined, newKey: string, oldKey: string, toFloat: (s: string) => number) => {
        if (v === undefined) return;
        const placeholder = this.toPlaceholder(v, task.desc.path);
        res[newKey] = placeholder;
        if (placeholder === v) res[oldKey] = toFloat(v);
      };
      setting(r.cpuRequest, 'resourceCpuRequest', 'cpuRequest', cpuToFloat);
      setting(r.cpuLimit, 'resourceCpuLimit', 'cpuLimit', cpuToFloat);
      setting(r.memoryRequest, 'resourceMemoryRequest', 'memoryRequest', memoryToFloat);
      setting(r.memoryLimit, 'resourceMemoryLimit', 'memoryLimit', memoryToFloat);
      if (r.acceleratorCount !== undefined) {
        const acc: any = {};
        const typePh = r.acceleratorType !== undefined ? this.toPlaceholder(r.acceleratorType, task.desc.path) : undefined;
        const countPh = this.toPlaceholder(r.acceleratorCount, task.desc.path);
        if (countPh) acc.resourceCount = countPh;
        if (typePh) acc.resourceType = typePh;
        if (typePh !== undefined && typePh === r.acceleratorType && typePh !== '') acc.type = r.acceleratorType;
        if (countPh === r.acceleratorCount && parseInt(r.acceleratorCount, 10) !== 0) acc.count = String(parseInt(r.acceleratorCount, 10));
        res.accelerator = acc;
      }
      if (Object.keys(res).length) container.resources = res;
    }
    return container;
  }

  private buildImporterSpec(task: CTask): any {
    const impl = task.desc.component.impl;
    if (impl.kind !== 'importer') throw new Error('not an importer');
    const uriArg = task.desc.args.uri;
    const importer: any = { typeSchema: { schemaTitle: impl.schemaTitle, schemaVersion: impl.schemaVersion } };
    if (uriArg && 'constant' in uriArg && findRefTokens(uriArg.constant).length === 0) {
      importer.artifactUri = { constant: uriArg.constant };
    } else {
      importer.artifactUri = { runtimeParameter: 'uri' };
    }
    if (impl.reimport) importer.reimport = true;
    if (impl.metadata && Object.keys(impl.metadata).length) importer.metadata = clone(impl.metadata);
    if (impl.downloadToWorkspace) importer.downloadToWorkspace = true;
    return importer;
  }

  private componentSpecForTask(task: CTask): any {
    const comp = task.desc.component;
    const spec = buildComponentInterface(comp.inputs, comp.outputs);
    return spec;
  }

  private buildGroupTaskSpec(group: CGroup, channels: Channel[], inCurrentDag: Set<string>, parentIsRoot: boolean): any {
    const spec: any = {
      componentRef: { name: componentName(group.name) },
      taskInfo: { name: group.desc.displayName || group.name },
    };
    const params: any = {};
    const artifacts: any = {};
    for (const c of channels) {
      let fullName = c.fullName;
      let subvar: string | undefined;
      if (c.isLoopVariable) {
        fullName = c.loopArgument!.fullName;
        subvar = c.subvarName;
      }
      const inputName = c.additionalInputName;
      let channelName = c.name;
      const entry: any = {};
      if (subvar) {
        entry.parameterExpressionSelector = `parseJson(string_value)["${subvar}"]`;
        if (!c.isWithItems) channelName = (c.loopArgument!.loopItems as Channel).name;
      }
      if (c.kind === 'artifact') {
        if (c.taskName && inCurrentDag.has(c.taskName)) {
          artifacts[inputName] = { taskOutputArtifact: { outputArtifactKey: channelName, producerTask: c.taskName } };
        } else {
          artifacts[inputName] = { componentInputArtifact: parentIsRoot ? fullName : inputName };
        }
      } else if (c.taskName && inCurrentDag.has(c.taskName)) {
        params[inputName] = { ...entry, taskOutputParameter: { outputParameterKey: channelName, producerTask: c.taskName } };
      } else {
        params[inputName] = { ...entry, componentInputParameter: parentIsRoot ? fullName : channelInputName(fullName) };
      }
    }
    if (Object.keys(artifacts).length) ensure(spec, 'inputs').artifacts = artifacts;
    if (Object.keys(params).length) ensure(spec, 'inputs').parameters = params;
    if (group.kind === 'for-loop') this.updateLoopTaskSpec(group, spec);
    else if (group.kind === 'condition') spec.triggerPolicy = { condition: conditionsToCel(group.conditions ?? []) };
    return spec;
  }

  private updateLoopTaskSpec(group: CGroup, spec: any) {
    const arg = group.loopArgument!;
    const pop = (name: string) => {
      if (spec.inputs) {
        if (spec.inputs.artifacts) {
          delete spec.inputs.artifacts[name];
          if (!Object.keys(spec.inputs.artifacts).length) delete spec.inputs.artifacts;
        }
        if (spec.inputs.parameters) {
          delete spec.inputs.parameters[name];
          if (!Object.keys(spec.inputs.parameters).length) delete spec.inputs.parameters;
        }
        if (!Object.keys(spec.inputs).length) delete spec.inputs;
      }
    };
    if (group.itemsIsChannel) {
      const items = arg.loopItems as Channel;
      const itemsName = items.additionalInputName;
      const itemName = channelInputName(arg.fullName);
      if (arg.kind === 'parameter') {
        spec.parameterIterator = { itemInput: itemName, items: { inputParameter: itemsName } };
      } else {
        spec.artifactIterator = { itemInput: itemName, items: { inputArtifact: itemsName } };
      }
      pop(itemName);
      if (items.isLoopVariable) {
        const p = ensure(spec, 'inputs', 'parameters');
        p[itemsName] = {
          ...(p[itemsName] ?? {}),
          componentInputParameter: items.loopArgument!.additionalInputName,
          parameterExpressionSelector: `parseJson(string_value)["${items.subvarName}"]`,
        };
        delete p[itemsName].taskOutputParameter;
      }
    } else {
      const itemName = arg.additionalInputName;
      spec.parameterIterator = { itemInput: itemName, items: { raw: pyJsonDumps(arg.loopItems, true) } };
      pop(itemName);
    }
    const parallelism = group.desc.loop?.parallelism ?? 0;
    if (parallelism > 0) spec.iteratorPolicy = { parallelismLimit: parallelism };
  }

  private groupComponentSpec(inputs: Channel[], outputs: Map<string, Channel>): any {
    const spec: any = {};
    const params: any = {};
    const artifacts: any = {};
    for (const c of inputs) {
      const name = c.additionalInputName;
      if (c.kind === 'artifact') {
        artifacts[name] = { artifactType: artifactType(c.type) };
        if (c.isArtifactList) artifacts[name].isArtifactList = true;
      } else {
        params[name] = { parameterType: c.type.parameterType };
      }
    }
    if (Object.keys(artifacts).length) ensure(spec, 'inputDefinitions').artifacts = artifacts;
    if (Object.keys(params).length) ensure(spec, 'inputDefinitions').parameters = params;
    const oparams: any = {};
    const oartifacts: any = {};
    for (const [name, c] of outputs) {
      if (c.kind === 'artifact') {
        oartifacts[name] = { artifactType: artifactType(c.type) };
        if (c.isArtifactList) oartifacts[name].isArtifactList = true;
      } else {
        oparams[name] = { parameterType: c.type.parameterType };
      }
    }
    if (Object.keys(oartifacts).length) ensure(spec, 'outputDefinitions').artifacts = oartifacts;
    if (Object.keys(oparams).length) ensure(spec, 'outputDefinitions').parameters = oparams;
    return spec;
  }

  private connectDagOutputs(spec: any, outputs: Map<string, Channel>, path: string) {
    for (const [name, c] of outputs) {
      if (c.kind === 'artifact') {
        if (!spec.outputDefinitions?.artifacts?.[name]) {
          throw new IrCompileError(path, `output '${name}' is not declared as an artifact output of '${path}'`);
        }
        const a = ensure(spec, 'dag', 'outputs', 'artifacts');
        a[name] = a[name] ?? { artifactSelectors: [] };
        a[name].artifactSelectors.push({ outputArtifactKey: c.name, producerSubtask: c.taskName });
      } else {
        if (!spec.outputDefinitions?.parameters?.[name]) {
          throw new IrCompileError(path, `output '${name}' is not declared as a parameter output of '${path}'`);
        }
        ensure(spec, 'dag', 'outputs', 'parameters')[name] = { valueFromParameter: { outputParameterKey: c.name, producerSubtask: c.taskName } };
      }
    }
    this.validateDagOutputs(spec, path);
  }

  private connectOneOfOutputs(spec: any, outputs: Map<string, Channel>, path: string) {
    for (const [name, c] of outputs) {
      if (c.kind === 'artifact') {
        const a = ensure(spec, 'dag', 'outputs', 'artifacts');
        a[name] = { artifactSelectors: c.oneOfChannels!.map((x) => ({ outputArtifactKey: x.name, producerSubtask: x.taskName })) };
      } else {
        ensure(spec, 'dag', 'outputs', 'parameters')[name] = {
          valueFromOneof: { parameterSelectors: c.oneOfChannels!.map((x) => ({ outputParameterKey: x.name, producerSubtask: x.taskName })) },
        };
      }
    }
    this.validateDagOutputs(spec, path);
  }

  private validateDagOutputs(spec: any, path: string) {
    for (const name of Object.keys(spec.outputDefinitions?.artifacts ?? {})) {
      if (!spec.dag?.outputs?.artifacts?.[name]) throw new IrCompileError(path, `missing pipeline output '${name}': declared as an output of '${path}' but never set`);
    }
    for (const name of Object.keys(spec.outputDefinitions?.parameters ?? {})) {
      if (!spec.dag?.outputs?.parameters?.[name]) throw new IrCompileError(path, `missing pipeline output '${name}': declared as an output of '${path}' but never set`);
    }
  }

  // ------------------------------------------------------- nested pipelines

  private compileSub(task: CTask): CompiledIr {
    const impl = task.desc.component.impl;
    if (impl.kind !== 'graph') throw new Error('not a graph');
    if (impl.pipeline) return compilePipeline(impl.pipeline, this.options);
    return { pipelineSpec: clone(impl.spec), platformSpec: clone(impl.platformSpec) };
  }

  private mergeSubPipeline(sub: CompiledIr): any {
    const subSpec = sub.pipelineSpec;
    const subPlatformExecutors: Record<string, any> = { ...(sub.platformSpec?.platforms?.kubernetes?.deploymentSpec?.executors ?? {}) };
    for (const [label, exec] of Object.entries<any>(subSpec.deploymentSpec?.executors ?? {})) {
      const newLabel = makeUnique(label, this.executorKeys());
      if (newLabel !== label) {
        for (const comp of Object.values<any>(subSpec.components ?? {})) {
          if (comp.executorLabel === label) comp.executorLabel = newLabel;
        }
        if (label in subPlatformExecutors) {
          subPlatformExecutors[newLabel] = subPlatformExecutors[label];
          delete subPlatformExecutors[label];
        }
      }
      this.executors[newLabel] = exec;
      this.mergePlatformExecutors(subPlatformExecutors);
    }
    const renames: Array<[string, string]> = [];
    const used = new Set<string>();
    const taken = { has: (k: string) => k in this.spec.components || used.has(k) };
    for (const name of Object.keys(subSpec.components ?? {})) {
      const to = makeUnique(name, taken);
      renames.push([name, to]);
      used.add(name);
      used.add(to);
    }
    const renameRefs = (from: string, to: string) => {
      const dags = [...Object.values<any>(subSpec.components ?? {}), subSpec.root];
      for (const comp of dags) {
        for (const t of Object.values<any>(comp?.dag?.tasks ?? {})) {
          if (t.componentRef?.name === from) t.componentRef.name = to;
        }
      }
    };
    for (const [from, to] of [...renames].reverse()) {
      if (from !== to) renameRefs(from, to);
    }
    for (const [from, to] of renames) this.spec.components[to] = subSpec.components[from];
    return subSpec.root;
  }

  private mergePlatformExecutors(execs: Record<string, any>) {
    for (const [label, body] of Object.entries(execs)) {
      this.platformExecutors[label] = { ...(this.platformExecutors[label] ?? {}), ...clone(body) };
    }
  }

  // ------------------------------------------------------------- build

  private buildGroupSpecs(
    group: CGroup,
    inputs: Map<string, Map<string, Channel>>,
    outputs: Map<string, Map<string, Channel>>,
    deps: Map<string, Set<string>>,
  ) {
    const isRoot = group === this.root;
    let groupSpec: any;
    if (isRoot) {
      groupSpec = this.spec.root;
    } else {
      const key = componentName(group.name);
      groupSpec = this.spec.components[key] ?? (this.spec.components[key] = {});
    }
    const subgroups: Array<CGroup | CTask> = [...group.groups, ...group.tasks];
    const inCurrentDag = new Set(subgroups.map((s) => s.name));
    for (const sub of subgroups) {
      const subInputs = [...(inputs.get(sub.name)?.values() ?? [])];
      const subOutputs = outputs.get(sub.name) ?? new Map<string, Channel>();
      let taskSpec: any;
      let compSpec: any;
      if (!('groups' in sub)) {
        const task = sub;
        taskSpec = this.buildTaskSpec(task, groupSpec, inCurrentDag, this.resourceExtraInputs(task));
        this.checkFinalStatusUse(task, false);
        compSpec = this.componentSpecForTask(task);
        const impl = task.desc.component.impl;
        if (impl.kind === 'graph') {
          if (task.desc.kubernetes && Object.keys(task.desc.kubernetes).length) {
            throw new IrCompileError(task.desc.path, `task '${task.desc.path}' runs a pipeline and sets Kubernetes options; Kubernetes options can only be set on container tasks`);
          }
          compSpec = this.mergeSubPipeline(this.compileSub(task));
        } else {
          const label = makeUnique(executorLabel(task.name), this.executorKeys());
          compSpec.executorLabel = label;
          if (impl.kind === 'importer') {
            this.executors[label] = { importer: this.buildImporterSpec(task) };
          } else {
            this.executors[label] = { container: this.buildContainerSpec(task) };
            this.addPlatformConfig(task, label, groupSpec, inCurrentDag);
          }
        }
      } else {
        const g = sub;
        if (g.kind === 'for-loop') {
          const channels: Channel[] = [];
          for (const c of subInputs) {
            if (c.isLoopRelated && c.isWithItems) {
              const chain = this.groupParents.get(g.name)!;
              let found = false;
              for (const n of [...chain].reverse()) {
                const loop = this.isFor(n);
                if (loop && loop.loopArgument!.name.includes(c.name)) {
                  found = true;
                  break;
                }
              }
              if (!found) continue;
            }
            channels.push(c);
          }
          if (g.itemsIsChannel) channels.push(g.loopArgument!.loopItems as Channel);
          channels.push(g.loopArgument!);
          compSpec = this.groupComponentSpec(channels, subOutputs);
          taskSpec = this.buildGroupTaskSpec(g, channels, inCurrentDag, isRoot);
          this.connectDagOutputs(compSpec, subOutputs, g.desc.path);
        } else if (g.kind === 'condition') {
          const channels = [...subInputs, ...(g.conditionChannels ?? [])];
          compSpec = this.groupComponentSpec(channels, subOutputs);
          taskSpec = this.buildGroupTaskSpec(g, channels, inCurrentDag, isRoot);
          this.connectDagOutputs(compSpec, subOutputs, g.desc.path);
        } else if (g.kind === 'exit-handler') {
          if (!isRoot) {
            throw new IrCompileError(g.desc.path, `ExitHandler '${g.desc.path}' is inside ${groupLabel(group)} '${group.desc.path}'; an ExitHandler can only be used in the pipeline's top-level scope`);
          }
          compSpec = this.groupComponentSpec(subInputs, new Map());
          taskSpec = this.buildGroupTaskSpec(g, subInputs, inCurrentDag, isRoot);
        } else {
          compSpec = this.groupComponentSpec(subInputs, subOutputs);
          taskSpec = this.buildGroupTaskSpec(g, subInputs, inCurrentDag, isRoot);
          this.connectOneOfOutputs(compSpec, subOutputs, g.desc.path);
        }
      }
      const d = deps.get(sub.name);
      if (d && d.size) taskSpec.dependentTasks = [...d].sort();
      if (!('groups' in sub)) this.applyIgnoreUpstreamFailure(sub, taskSpec);
      const compName = makeUnique(componentName(sub.name), this.componentKeys());
      taskSpec.componentRef.name = compName;
      this.spec.components[compName] = compSpec;
      ensure(groupSpec, 'dag', 'tasks')[sub.name] = taskSpec;
    }
  }

  private checkFinalStatusUse(task: CTask, isExit: boolean) {
    for (const [name, io] of Object.entries(task.desc.component.inputs)) {
      if (io.type.parameterType === 'TASK_FINAL_STATUS' && !isExit && !task.desc.ignoreUpstreamFailure
        && task.desc.component.impl.kind !== 'graph' && !task.desc.compiledComponent) {
        throw new IrCompileError(task.desc.path, `task '${task.desc.path}' has PipelineTaskFinalStatus input '${name}' but is neither an ExitHandler's exit task nor set to ignoreUpstreamFailure()`);
      }
    }
  }

  private applyIgnoreUpstreamFailure(task: CTask, spec: any) {
    if (!task.desc.ignoreUpstreamFailure) return;
    spec.triggerPolicy = { ...(spec.triggerPolicy ?? {}), strategy: 'ALL_UPSTREAM_TASKS_COMPLETED' };
    for (const [name, io] of Object.entries(task.desc.component.inputs)) {
      if (io.type.parameterType !== 'TASK_FINAL_STATUS') continue;
      const deps: string[] = spec.dependentTasks ?? [];
      if (deps.length !== 1) {
        throw new IrCompileError(task.desc.path, `task '${task.desc.path}' uses ignoreUpstreamFailure() with PipelineTaskFinalStatus input '${name}' and has ${deps.length} upstream tasks in its scope (${JSON.stringify(deps)}); expected exactly one`);
      }
      ensure(spec, 'inputs', 'parameters')[name] = { taskFinalStatus: { producerTask: deps[0] } };
    }
  }

  private addPlatformConfig(task: CTask, label: string, parentSpec: any, inCurrentDag: Set<string>) {
    const k8s = task.desc.kubernetes;
    if (!k8s || Object.keys(k8s).length === 0) return;
    const rewrite = (data: any): any => {
      if (Array.isArray(data)) return data.map(rewrite);
      if (!data || typeof data !== 'object') return data;
      const out: any = {};
      for (const [k, v] of Object.entries(data)) out[k] = rewrite(v);
      const cip = out.componentInputParameter;
      if (cip !== undefined && !hasParamInput(parentSpec, cip) && hasParamInput(parentSpec, channelInputName(cip))) {
        out.componentInputParameter = channelInputName(cip);
      }
      const top = out.taskOutputParameter;
      if (top && top.producerTask !== undefined && top.outputParameterKey !== undefined && !inCurrentDag.has(top.producerTask)) {
        const surfaced = channelInputName(`${top.producerTask}-${top.outputParameterKey}`);
        if (!hasParamInput(parentSpec, surfaced)) {
          throw new IrCompileError(task.desc.path, `Kubernetes option of task '${task.desc.path}' uses output '${top.outputParameterKey}' of '${top.producerTask}', which is not available in the task's scope`);
        }
        delete out.taskOutputParameter;
        out.componentInputParameter = surfaced;
      }
      return out;
    };
    this.mergePlatformExecutors({ [label]: rewrite(k8s) });
  }

  private buildExitHandlers(parent: CGroup) {
    for (const group of parent.groups) {
      if (group.kind === 'exit-handler' && parent === this.root) {
        const exit = group.exitTask!;
        const spec = this.buildTaskSpec(exit, this.spec.root, new Set(), this.resourceExtraInputs(exit));
        spec.dependentTasks = [group.name];
        spec.triggerPolicy = { strategy: 'ALL_UPSTREAM_TASKS_COMPLETED' };
        for (const [name, io] of Object.entries(exit.desc.component.inputs)) {
          if (io.type.parameterType === 'TASK_FINAL_STATUS') ensure(spec, 'inputs', 'parameters')[name] = { taskFinalStatus: { producerTask: group.name } };
        }
        let compSpec = this.componentSpecForTask(exit);
        const impl = exit.desc.component.impl;
        if (impl.kind === 'graph') {
          compSpec = this.mergeSubPipeline(this.compileSub(exit));
        } else if (impl.kind === 'importer') {
          throw new IrCompileError(exit.desc.path, `exit task '${exit.desc.path}' is an importer; expected a container or pipeline task`);
        } else {
          const label = makeUnique(executorLabel(exit.name), this.executorKeys());
          compSpec.executorLabel = label;
          this.executors[label] = { container: this.buildContainerSpec(exit) };
          this.addPlatformConfig(exit, label, this.spec.root, new Set(Object.keys(this.spec.root.dag?.tasks ?? {})));
        }
        const compName = makeUnique(spec.componentRef.name, this.componentKeys());
        spec.componentRef.name = compName;
        this.spec.components[compName] = compSpec;
        ensure(this.spec.root, 'dag', 'tasks')[exit.name] = spec;
      }
      this.buildExitHandlers(group);
    }
  }

  private validatePipelineOutputs() {
    for (const [name, c] of this.pipelineOutputs) {
      if (c.isCollected) continue;
      if (c.isOneOf) {
        const g = this.groups.get(c.oneOfGroup!);
        if (g && g.parent !== this.root) {
          throw new IrCompileError(this.desc.path, `pipeline output '${name}' is a OneOf of If/Elif/Else branches nested in ${groupLabel(g.parent!)} '${g.parent!.desc.path}'; pipeline outputs can only come from the top-level scope`);
        }
        continue;
      }
      const producer = c.taskName ? this.tasks.get(c.taskName) : undefined;
      if (producer && producer.parent !== this.root) {
        throw new IrCompileError(this.desc.path, `pipeline output '${name}' comes from task '${producer.desc.path}' inside ${groupLabel(producer.parent!)} '${producer.parent!.desc.path}'; expected a task in the pipeline's top-level scope, or OneOf/Collected`);
      }
    }
  }

  run(): CompiledIr {
    this.validatePipelineOutputs();
    this.computeParents();
    const conditionChannels = this.conditionChannelsFor();
    const inputs = this.inputsForAllGroups(conditionChannels);
    const outputs = this.outputsForAllGroups();
    const deps = this.dependencies(conditionChannels);
    this.forEachGroup(this.root, (g) => this.buildGroupSpecs(g, inputs, outputs, deps));
    this.buildExitHandlers(this.root);
    this.connectDagOutputs(this.spec.root, this.pipelineOutputs, this.desc.path);
    if (Object.keys(this.executors).length === 0) delete this.spec.deploymentSpec;
    const platform: any = {};
    if (Object.keys(this.platformExecutors).length) {
      ensure(platform, 'platforms', 'kubernetes', 'deploymentSpec').executors = this.platformExecutors;
    }
    if (this.desc.pipelineConfig && Object.keys(this.desc.pipelineConfig).length) {
      ensure(platform, 'platforms', 'kubernetes').pipelineConfig = clone(this.desc.pipelineConfig);
    }
    return { pipelineSpec: this.spec, platformSpec: Object.keys(platform).length ? platform : undefined };
  }
}

function groupLabel(g: CGroup): string {
  switch (g.kind) {
    case 'condition': return 'condition';
    case 'condition-branches': return 'If/Elif/Else chain';
    case 'for-loop': return 'ParallelFor';
    case 'exit-handler': return 'ExitHandler';
    default: return 'pipeline';
  }
}

/** The type of a static loop's items, inferred from the first item as kfp does. */
export function inferItemType(raw: any[]): TypeDesc {
  const first = raw[0];
  const of = (v: any): TypeDesc => {
    if (typeof v === 'string') return { parameterType: 'STRING' };
    if (typeof v === 'boolean') return { parameterType: 'BOOLEAN' };
    if (typeof v === 'number') return { parameterType: Number.isInteger(v) ? 'NUMBER_INTEGER' : 'NUMBER_DOUBLE' };
    if (Array.isArray(v)) return { parameterType: 'LIST' };
    if (v && typeof v === 'object') {
      const values = Object.values(v);
      return { parameterType: 'STRUCT', valueType: values.length ? of(values[0]) : undefined };
    }
    return { parameterType: 'STRING' };
  };
  return of(first);
}

/** Type key, exported for the authoring model's type checks. */
export { typeKey };

/** Component spec helpers for callers that need a component's interface in IR form. */
export function componentInterfaceFor(comp: ComponentDesc): any {
  return buildComponentInterface(comp.inputs, comp.outputs);
}
