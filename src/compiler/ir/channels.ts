/**
 * Resolving references into channels: pipeline parameters, task outputs, loop items and their
 * fields, `Collected` and `OneOf`, and references embedded in constants (f-strings).
 */
import { checkOperand } from './cel';
import { Channel, isParameterType } from './channel';
import { CGroup, CTask } from './group-tree';
import { ArgValue, IrCompileError, PipelineDesc, TypeDesc, ValueRef } from './model';
import { channelInputName } from './names';
import { findRefTokens, refToken } from './tokens';

export class ChannelResolver {
  private readonly loopArgs = new Map<string, Channel>();
  private readonly oneOfs = new Map<string, Channel>();

  constructor(private readonly desc: PipelineDesc) {}

  /** The channel a reference stands for. */
  public channelFor(ref: ValueRef, path: string): Channel {
    switch (ref.ref) {
      case 'param':
        return new Channel(isParameterType(ref.type) ? 'parameter' : 'artifact', ref.name, undefined, ref.type, !!ref.isArtifactList);
      case 'output':
        return new Channel(isParameterType(ref.type) ? 'parameter' : 'artifact', ref.output, ref.task, ref.type, !!ref.isArtifactList);
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

  /** Channels embedded in a constant, as `[token ids, channel]` pairs (unique by channel). */
  public embedded(value: any, path: string): Array<[string[], Channel]> {
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

  /** Sets up a ParallelFor's loop argument (kfp: `LoopArgument`). */
  public initLoop(g: CGroup): void {
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

  /** Resolves a condition's operands and records the channels it reads. */
  public initCondition(g: CGroup): void {
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

  /** Resolves a task's arguments and records every channel it reads, in kfp's order. */
  public initTask(t: CTask): void {
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

  private operand(v: ArgValue, path: string): Channel | string | number | boolean {
    if ('value' in v) return this.channelFor(v.value, path);
    return v.constant;
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
