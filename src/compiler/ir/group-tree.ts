/**
 * The task and group tree of one compilation: which group holds which task, and the ancestry
 * queries the kfp compiler uses to route values across group boundaries.
 */
import { CelOperation } from './cel';
import { Channel } from './channel';
import { GroupDesc, IrCompileError, PipelineDesc, TaskDesc } from './model';

export type GroupKind = GroupDesc['kind'];

/** A task during compilation. */
export interface CTask {
  readonly desc: TaskDesc;
  readonly name: string;
  /** Inputs in kfp order: arguments, then resource/image settings that carry channels. */
  readonly inputs: Array<[string, Channel | { constant: any }]>;
  readonly channelInputs: Channel[];
  isExitTask: boolean;
  parent?: CGroup;
}

/** A group (condition, loop, exit handler, branches) during compilation. */
export interface CGroup {
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

/** What a group is called in messages. */
export function groupLabel(g: CGroup): string {
  switch (g.kind) {
    case 'condition': return 'condition';
    case 'condition-branches': return 'If/Elif/Else chain';
    case 'for-loop': return 'ParallelFor';
    case 'exit-handler': return 'ExitHandler';
    default: return 'pipeline';
  }
}

export class GroupTree {
  public readonly tasks = new Map<string, CTask>();
  public readonly groups = new Map<string, CGroup>();
  public readonly root: CGroup;
  private readonly taskParents = new Map<string, string[]>();
  private readonly groupParents = new Map<string, string[]>();

  constructor(private readonly desc: PipelineDesc) {
    for (const t of desc.tasks) {
      this.tasks.set(t.name, { desc: t, name: t.name, inputs: [], channelInputs: [], isExitTask: false });
    }
    this.root = this.build(desc.root, undefined);
    const walk = (g: CGroup, chain: string[]) => {
      for (const child of g.groups) {
        this.groupParents.set(child.name, [...chain, child.name]);
        walk(child, [...chain, child.name]);
      }
      for (const t of g.tasks) this.taskParents.set(t.name, [...chain, t.name]);
    };
    walk(this.root, [this.root.name]);
  }

  /** Calls `fn` on `g` and every group below it, parents first. */
  public forEachGroup(fn: (g: CGroup) => void, g: CGroup = this.root): void {
    fn(g);
    for (const c of g.groups) this.forEachGroup(fn, c);
  }

  /** The chain of group names from the root down to a task or group, itself included. */
  public ancestorsOf(name: string, path: string): string[] {
    const a = this.taskParents.get(name) ?? this.groupParents.get(name);
    if (!a) throw new IrCompileError(path, `'${name}' is not a task or group of pipeline '${this.desc.name}'`);
    return a;
  }

  /** The chain of group names above a task, the root first and the task last. */
  public taskChain(name: string): string[] | undefined {
    return this.taskParents.get(name);
  }

  /** The chain of group names above a group, the root first and the group last. */
  public groupChain(name: string): string[] | undefined {
    return this.groupParents.get(name);
  }

  /** The two ancestor chains of `a` and `b` below their common ancestor (kfp: `_get_uncommon_ancestors`). */
  public uncommon(a: string, b: string, path: string): [string[], string[]] {
    const g1 = this.ancestorsOf(a, path);
    const g2 = this.ancestorsOf(b, path);
    let n = 0;
    while (n < g1.length && n < g2.length && g1[n] === g2[n]) n++;
    return [g1.slice(n), g2.slice(n)];
  }

  /** The task or group a channel comes from (kfp: `channel.task`). */
  public producerOf(c: Channel): string | undefined {
    if (!c.taskName) return undefined;
    if (this.tasks.has(c.taskName) || this.groups.has(c.taskName)) return c.taskName;
    return undefined;
  }

  /** The ParallelFor group of this name, if it is one. */
  public loopGroup(name: string): CGroup | undefined {
    const g = this.groups.get(name);
    return g && g.kind === 'for-loop' ? g : undefined;
  }

  /** The names of the groups and tasks directly inside a group. */
  public childrenOf(groupName: string): string[] {
    const g = groupName === this.root.name ? this.root : this.groups.get(groupName)!;
    return [...g.groups.map((x) => x.name), ...g.tasks.map((x) => x.name)];
  }

  /** A task's construct path, or the name when it is not a task. */
  public pathOf(name: string): string {
    return this.tasks.get(name)?.desc.path ?? this.groups.get(name)?.desc.path ?? name;
  }

  private build(d: GroupDesc, parent: CGroup | undefined): CGroup {
    const g: CGroup = { desc: d, kind: d.kind, name: d.name, groups: [], tasks: [], parent };
    if (parent) this.groups.set(d.name, g);
    for (const child of d.groups) g.groups.push(this.build(child, g));
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
}
