/**
 * What crosses group boundaries on the way in: the channels each group must take as inputs
 * (kfp: `_get_inputs_for_all_groups`), the condition channels each task inherits, and the
 * dependencies between siblings (kfp: `_get_dependencies`), with the topology errors kfp raises.
 */
import { Channel } from './channel';
import { GroupTree, groupLabel } from './group-tree';
import { IrCompileError } from './model';

/** For each task, the channels read by the conditions of the groups around it. */
export function conditionChannelsFor(tree: GroupTree): Map<string, Channel[]> {
  const result = new Map<string, Channel[]>();
  const walk = (g: typeof tree.root, current: Channel[]) => {
    let next = current;
    if (g.kind === 'condition') next = [...current, ...(g.conditionChannels ?? [])];
    for (const t of g.tasks) {
      const seen = new Map<string, Channel>();
      for (const c of next) if (!seen.has(c.key)) seen.set(c.key, c);
      result.set(t.name, [...seen.values()]);
    }
    for (const child of g.groups) walk(child, next);
  };
  walk(tree.root, []);
  return result;
}

/** For each group, the channels it takes in, keyed by channel and producer. */
export function inputsForAllGroups(tree: GroupTree, conditionChannels: Map<string, Channel[]>): Map<string, Map<string, Channel>> {
  const inputs = new Map<string, Map<string, Channel>>();
  const add = (group: string, c: Channel, producer: string | undefined) => {
    let m = inputs.get(group);
    if (!m) inputs.set(group, (m = new Map()));
    const key = `${c.key}@${producer ?? ''}`;
    if (!m.has(key)) m.set(key, c);
  };
  /** Whether `groupName` is the loop that defines `c`, so the walk can stop surfacing it. */
  const definesLoop = (groupName: string, c: Channel) => {
    const loop = tree.loopGroup(groupName);
    return !!loop && loop.loopArgument!.fullName.includes(c.fullName);
  };
  for (const task of tree.tasks.values()) {
    const all = [...task.channelInputs, ...(conditionChannels.get(task.name) ?? [])];
    for (const channel of all) {
      const toAdd: Channel[] = [];
      let cur: Channel | any[] | undefined = channel;
      while (cur instanceof Channel && cur.isLoopRelated) {
        toAdd.push(cur);
        cur = cur.isLoopVariable ? cur.loopArgument : (cur.loopItems as Channel | any[]);
      }
      if (cur instanceof Channel) toAdd.push(cur);
      const producer = tree.producerOf(channel);
      if (producer) {
        const [up, down] = tree.uncommon(producer, task.name, task.desc.path);
        for (let i = 0; i < down.length; i++) {
          const groupName = down[i];
          add(groupName, toAdd[toAdd.length - 1], i === 0 ? up[0] : undefined);
          if (definesLoop(groupName, toAdd[toAdd.length - 1])) {
            toAdd.pop();
            if (toAdd.length === 0) break;
          }
        }
      } else {
        if (task.isExitTask) continue;
        const parents = tree.taskChain(task.name);
        if (!parents) continue;
        if (channel.isLoopRelated && channel.isWithItems) {
          for (const groupName of [...parents].reverse()) {
            add(groupName, toAdd[0], undefined);
            if (definesLoop(groupName, toAdd[0])) {
              toAdd.shift();
              if (toAdd.length === 0) break;
            }
          }
        } else {
          for (const groupName of parents) {
            add(groupName, toAdd[toAdd.length - 1], undefined);
            if (definesLoop(groupName, toAdd[toAdd.length - 1])) {
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

/** For each task or group, the siblings it must run after. */
export function dependencies(tree: GroupTree, conditionChannels: Map<string, Channel[]>, pipelineName: string): Map<string, Set<string>> {
  const deps = new Map<string, Set<string>>();
  for (const task of tree.tasks.values()) {
    const upstream = new Set<string>();
    for (const c of [...task.channelInputs, ...(conditionChannels.get(task.name) ?? [])]) {
      const p = tree.producerOf(c);
      if (p) upstream.add(p);
    }
    for (const a of task.desc.after) {
      const isTask = tree.tasks.has(a);
      const group = tree.groups.get(a);
      if (!isTask && !group) {
        throw new IrCompileError(task.desc.path, `task '${task.desc.path}' runs after '${a}', which is not a task of pipeline '${pipelineName}'`);
      }
      if (!isTask && group && group.kind !== 'exit-handler') {
        throw new IrCompileError(task.desc.path, `task '${task.desc.path}' runs after group '${a}' (${groupLabel(group)}); only tasks and ExitHandlers can be used with after()`);
      }
      upstream.add(a);
    }
    for (const up of upstream) {
      if (task.isExitTask) {
        throw new IrCompileError(task.desc.path, `exit task '${task.desc.path}' depends on '${tree.tasks.get(up)?.desc.path ?? up}'; an exit task can't depend on other tasks`);
      }
      const [ups, downs] = tree.uncommon(up, task.name, task.desc.path);
      const between = ups.filter((n) => n !== up);
      if (between.length > 0) {
        const parentGroup = tree.groups.get(between[0]);
        const upPath = tree.pathOf(up);
        if (parentGroup && (parentGroup.kind === 'condition' || parentGroup.kind === 'exit-handler')) {
          throw new IrCompileError(task.desc.path,
            `task '${task.desc.path}' depends on '${upPath}', which is inside ${groupLabel(parentGroup)} '${parentGroup.desc.path}' that doesn't contain the task; expected the consumer inside that ${groupLabel(parentGroup)}, or the value passed through OneOf (If/Elif/Else) or Collected (ParallelFor)`);
        }
        if (parentGroup && parentGroup.kind === 'for-loop') {
          const dataExchange = task.channelInputs.some((c) => tree.producerOf(c) === up && !c.isCollected);
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
