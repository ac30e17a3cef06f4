/**
 * What crosses group boundaries on the way out: `Collected` fan-ins surfaced from ParallelFor
 * groups and `OneOf` values surfaced from If/Elif/Else branches (kfp:
 * `_get_outputs_for_all_groups`). Like kfp, it renames the consumers' channels in place.
 */
import { Channel } from './channel';
import { CTask, GroupTree, groupLabel } from './group-tree';
import { IrCompileError } from './model';

function collectedOutputChannel(name: string, start: Channel, taskName: string): Channel {
  return start.kind === 'parameter'
    ? new Channel('parameter', name, taskName, { parameterType: 'LIST', itemType: start.type })
    : new Channel('artifact', name, taskName, start.type, true);
}

function validateFanIn(tree: GroupTree, consumer: CTask, producer: string, up: string[]): void {
  const groupsAbove = up.slice(0, -1);
  if (groupsAbove.every((g) => tree.groups.get(g)?.kind !== 'for-loop')) {
    throw new IrCompileError(consumer.desc.path,
      `task '${consumer.desc.path}' uses Collected on the output of '${tree.pathOf(producer)}', which is not inside a ParallelFor that excludes the consumer; Collected fans in values produced inside a ParallelFor to a task outside it`);
  }
  const outer = tree.groups.get(up[0]);
  if (outer && (outer.kind === 'condition' || outer.kind === 'exit-handler')) {
    throw new IrCompileError(consumer.desc.path,
      `task '${consumer.desc.path}' collects the output of '${tree.pathOf(producer)}' from a ParallelFor nested in ${groupLabel(outer)} '${outer.desc.path}'; expected the consumer to be inside that ${groupLabel(outer)} too`);
  }
}

/**
 * For each group, the outputs it surfaces. `pipelineOutputs` is updated in place where a
 * pipeline output collects from a loop.
 */
export function outputsForAllGroups(tree: GroupTree, pipelineOutputs: Map<string, Channel>, pipelinePath: string): Map<string, Map<string, Channel>> {
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
  for (const task of tree.tasks.values()) {
    for (const channel of task.channelInputs) {
      if (channel.isCollected) {
        const producerName = channel.taskName!;
        if (!tree.tasks.has(producerName)) continue;
        const [up, down] = tree.uncommon(producerName, task.name, task.desc.path);
        validateFanIn(tree, task, producerName, up);
        const surfaced = channel.additionalInputName;
        const parentConsumer = down[0];
        let producerTaskName = up.pop()!;
        for (const upstreamName of [...up].reverse()) {
          put(upstreamName, surfaced, collectedOutputChannel(channel.name, channel.collectedOutput!, producerTaskName));
          channel.name = surfaced;
          channel.taskName = upstreamName;
          producerTaskName = upstreamName;
          const chain = tree.groupChain(upstreamName)!;
          const parentOfCurrent = chain[chain.length - 2];
          if (tree.childrenOf(parentOfCurrent).includes(parentConsumer)) break;
        }
      } else if (channel.isOneOf) {
        surfaceOneOf(channel, (inner) => tree.uncommon(inner.taskName!, task.name, task.desc.path)[0]);
      }
    }
  }
  for (const [key, channel] of [...pipelineOutputs.entries()]) {
    if (channel.isCollected) {
      const surfaced = channel.additionalInputName;
      const up = tree.ancestorsOf(channel.taskName!, pipelinePath).slice(1);
      let producerTaskName = up.pop()!;
      let upstreamName = producerTaskName;
      if (up.length === 0) {
        throw new IrCompileError(pipelinePath, `pipeline output '${key}' collects '${channel.fullName}', which is not inside a ParallelFor; Collected fans in values produced inside a ParallelFor`);
      }
      for (upstreamName of [...up].reverse()) {
        const created = collectedOutputChannel(channel.name, channel.collectedOutput!, producerTaskName);
        channel.name = surfaced;
        channel.taskName = upstreamName;
        producerTaskName = upstreamName;
        put(upstreamName, surfaced, created);
      }
      pipelineOutputs.set(key, collectedOutputChannel(surfaced, channel.collectedOutput!, upstreamName));
    } else if (channel.isOneOf) {
      surfaceOneOf(channel, (inner) => tree.ancestorsOf(inner.taskName!, pipelinePath).slice(1));
    }
  }
  return outputs;
}
