/**
 * A pipeline picture as boxes, groups and edges, read from a compiled PipelineSpec (IR).
 *
 * Every task of every DAG in the IR is a box, or a group (a cluster) when its component is a DAG:
 * If/Elif/Else, ParallelFor, ExitHandler and sub-pipelines. Edges mirror the IR exactly: one edge
 * per producer and consumer in the same DAG, from `taskOutputParameter`/`taskOutputArtifact`/
 * `taskFinalStatus` inputs (data) and `dependentTasks` (order).
 *
 * Large pipelines stay readable and bounded: when more than `maxNodes` boxes and groups would be
 * drawn, the deepest groups are drawn as one box each (largest first), and if that is not enough,
 * the top-level tasks after the first `maxNodes - 1` (in dependency order) are drawn as one box.
 */
import { branchConditions, channelName, componentSummary, gpuMarker, innerScope, naturalCompare, readableCondition, Scope } from './labels';

/** What a group of tasks is. */
export type GroupKind = 'condition' | 'branches' | 'loop' | 'exit-handler' | 'pipeline';

/** What a box stands for: a task, a group drawn as one box, the top-level tasks not drawn, or an empty group's filler. */
export type BoxKind = 'task' | 'collapsed' | 'more' | 'empty';

/** How much to draw. */
export interface DrawOptions {
  /** At most this many boxes and groups (1 to `MAX_NODES_LIMIT`); default `DEFAULT_MAX_NODES`. */
  readonly maxNodes?: number;
  /** How many levels of groups are drawn open; deeper groups are drawn as one box (0: every group); default all. */
  readonly collapseDepth?: number;
}

/** The default of `maxNodes`: readable, within GitHub's Mermaid limits, and laid out in well under a second. */
export const DEFAULT_MAX_NODES = 250;
/** The largest `maxNodes`: Graphviz needs seconds beyond it, and its stack runs out near 10,000. */
export const MAX_NODES_LIMIT = 2000;

/** A box: a task, or something drawn in place of tasks. */
export interface Box {
  /** The id in the picture (`t1`, `t2`, …). */
  readonly id: string;
  /** The IR task keys from the root, joined with `/` (`condition-1/deploy-model`). */
  readonly path: string;
  readonly kind: BoxKind;
  /** The first, bold line: the task's display name, or what the box stands for. */
  readonly title: string;
  /** The lines below the title. */
  readonly lines: readonly string[];
  readonly gpu: boolean;
  readonly cacheOff: boolean;
  readonly exit: boolean;
  /** The id of the group the box is drawn in. */
  readonly group?: string;
  /** For a collapsed group: its kind. */
  readonly groupKind?: GroupKind;
}

/** A group of tasks drawn as a cluster (a Mermaid subgraph). */
export interface Group {
  /** The id in the picture (`g1`, `g2`, …). */
  readonly id: string;
  readonly path: string;
  readonly kind: GroupKind;
  readonly title: string;
  readonly lines: readonly string[];
  /** The id of the enclosing group. */
  readonly group?: string;
}

/** An edge between two boxes or groups of the same DAG. */
export interface Edge {
  readonly from: string;
  readonly to: string;
  /** `output → input` for data, `after` for order, `on exit` for an exit task. */
  readonly labels: readonly string[];
  /** Whether any of it carries data (solid), or only order (dashed). */
  readonly data: boolean;
  /** Whether it leads from an exit handler to its exit task. */
  readonly exit: boolean;
}

/** A pipeline picture. */
export interface Drawing {
  readonly name: string;
  readonly displayName?: string;
  readonly description?: string;
  readonly boxes: readonly Box[];
  readonly groups: readonly Group[];
  readonly edges: readonly Edge[];
  /** Tasks in the IR (leaf tasks, in every DAG). */
  readonly tasks: number;
  /** Tasks drawn inside a collapsed group or the `more` box instead of on their own. */
  readonly hiddenTasks: number;
}

/** One task of one DAG of the IR. */
interface Item {
  readonly key: string;
  readonly path: string;
  readonly task: any;
  readonly kind: 'task' | GroupKind;
  readonly parent?: Item;
  /** The number of groups around it (0 at the top level). */
  readonly depth: number;
  readonly index: number;
  children: Item[];
  /** Leaf tasks inside (1 for a task). */
  leafCount: number;
  title: string;
  lines: string[];
  /** A task's marks: `GPU 1× …`, `cache off`, `runs after upstream failures` or `exit task`. */
  markers: string[];
  gpu: boolean;
  cacheOff: boolean;
  exit: boolean;
  collapsed: boolean;
  elided: boolean;
}

const RUNS_AFTER_FAILURES = 'runs after upstream failures';

const shapeOf = (x: unknown) => (x === null || typeof x !== 'object' ? JSON.stringify(x) : Array.isArray(x) ? 'an array' : `an object with keys ${JSON.stringify(Object.keys(x).slice(0, 5))}`);

function checkOptions(options: DrawOptions): { maxNodes: number; collapseDepth: number } {
  const { maxNodes = DEFAULT_MAX_NODES, collapseDepth } = options;
  if (!Number.isInteger(maxNodes) || maxNodes < 1 || maxNodes > MAX_NODES_LIMIT) {
    throw new Error(`PipelineDag: maxNodes is ${JSON.stringify(maxNodes)}; expected an integer from 1 to ${MAX_NODES_LIMIT}`);
  }
  if (collapseDepth !== undefined && (!Number.isInteger(collapseDepth) || collapseDepth < 0)) {
    throw new Error(`PipelineDag: collapseDepth is ${JSON.stringify(collapseDepth)}; expected a whole number (0 draws every group as one box)`);
  }
  return { maxNodes, collapseDepth: collapseDepth ?? Infinity };
}

/** The kind of a task whose component is a DAG. kfp records no kind, so it follows from the task. */
function groupKind(key: string, task: any): GroupKind {
  if (task.parameterIterator || task.artifactIterator) return 'loop';
  if (typeof task.triggerPolicy?.condition === 'string') return 'condition';
  if (/^condition-branches-\d+$/.test(key)) return 'branches';
  if (/^exit-handler-\d+$/.test(key)) return 'exit-handler';
  if (/^condition-\d+$/.test(key)) return 'condition';
  return 'pipeline';
}

/** Reads the IR into a tree of items. */
class Reader {
  private index = 0;
  constructor(private readonly ir: any) {}

  public dag(component: any, parent: Item | undefined, scope: Scope, stack: readonly string[]): Item[] {
    const tasks = component.dag.tasks ?? {};
    const items = Object.keys(tasks).sort(naturalCompare).map((key) => this.item(key, tasks[key], parent, scope, stack));
    this.exitTasks(items);
    if (parent?.kind === 'branches') this.branches(items, scope);
    for (const item of items) if (item.markers.length) item.lines.push(item.markers.join(' · '));
    return items;
  }

  private item(key: string, task: any, parent: Item | undefined, scope: Scope, stack: readonly string[]): Item {
    const path = parent ? `${parent.path}/${key}` : key;
    const ref = task?.componentRef?.name;
    const component = this.ir.components?.[ref];
    if (!component || typeof component !== 'object') {
      throw new Error(`PipelineDag: task '${path}' runs component ${JSON.stringify(ref)}, which the IR doesn't define; expected a key of 'components'`);
    }
    const kind = component.dag ? groupKind(key, task) : 'task';
    const shown: string = typeof task.taskInfo?.name === 'string' && task.taskInfo.name !== '' ? task.taskInfo.name : key;
    const item: Item = {
      key,
      path,
      task,
      kind,
      parent,
      depth: parent ? parent.depth + 1 : 0,
      index: this.index++,
      children: [],
      leafCount: 1,
      title: shown,
      lines: [],
      markers: [],
      gpu: false,
      cacheOff: false,
      exit: false,
      collapsed: false,
      elided: false,
    };
    if (kind === 'task') {
      const executor = this.ir.deploymentSpec?.executors?.[component.executorLabel];
      item.lines.push([...(shown !== key ? [key] : []), componentSummary(ref, executor)].join(' · '));
      const gpu = gpuMarker(executor);
      item.gpu = gpu !== undefined;
      item.cacheOff = task.cachingOptions !== undefined && task.cachingOptions.enableCache !== true;
      item.markers = [...(gpu ? [gpu] : []), ...(item.cacheOff ? ['cache off'] : [])];
      if (task.triggerPolicy?.strategy === 'ALL_UPSTREAM_TASKS_COMPLETED') item.markers.push(RUNS_AFTER_FAILURES);
      return item;
    }
    if (stack.includes(ref)) {
      throw new Error(`PipelineDag: task '${path}' runs component '${ref}', which contains itself; expected DAG components without cycles`);
    }
    const inner = innerScope(task, scope);
    item.children = this.dag(component, item, inner, [...stack, ref]);
    item.leafCount = item.children.reduce((n, c) => n + c.leafCount, 0);
    item.title = this.groupTitle(item, inner, ref);
    if (item.title !== `Pipeline ${key}` || shown !== key) item.lines.push([key, ...(shown !== key ? [shown] : [])].join(' · '));
    return item;
  }

  private groupTitle(item: Item, inner: Scope, ref: string): string {
    const task = item.task;
    switch (item.kind) {
      case 'loop': {
        const iterator = task.parameterIterator ?? task.artifactIterator;
        const items = iterator?.items ?? {};
        let over = 'items';
        if (typeof items.raw === 'string') {
          let n: number | undefined;
          try {
            const list = JSON.parse(items.raw);
            if (Array.isArray(list)) n = list.length;
          } catch {
            n = undefined;
          }
          over = n === undefined ? 'items' : `${n} ${n === 1 ? 'item' : 'items'}`;
        } else {
          const source = items.inputParameter ?? items.inputArtifact;
          if (typeof source === 'string') over = `over ${inner.get(source) ?? channelName(source)}`;
        }
        const limit = task.iteratorPolicy?.parallelismLimit;
        return `ParallelFor · ${over}${limit ? ` · ${limit} at a time` : ''}`;
      }
      case 'condition':
        return typeof task.triggerPolicy?.condition === 'string' ? `If ${readableCondition(task.triggerPolicy.condition, inner)}` : 'If';
      case 'branches': {
        // The branches titled themselves (`If a`, `Elif b`, `Else`): list their keywords in order.
        const keywords = item.children.filter((c) => c.kind === 'condition')
          .map((c) => c.title.split(' ')[0]);
        return keywords.length ? [...new Set(keywords)].join(' / ') : 'If / Elif / Else';
      }
      case 'exit-handler':
        return 'ExitHandler';
      default:
        return `Pipeline ${ref.replace(/^comp-/, '')}`;
    }
  }

  /** A task that depends on an exit handler and runs when all upstream tasks completed is its exit task. */
  private exitTasks(items: Item[]): void {
    const handlers = new Set(items.filter((i) => i.kind === 'exit-handler').map((i) => i.key));
    for (const item of items) {
      const deps: unknown[] = Array.isArray(item.task.dependentTasks) ? item.task.dependentTasks : [];
      if (item.kind === 'task' && item.task.triggerPolicy?.strategy === 'ALL_UPSTREAM_TASKS_COMPLETED' && deps.some((d) => handlers.has(String(d)))) {
        item.exit = true;
        item.markers = item.markers.map((m) => (m === RUNS_AFTER_FAILURES ? 'exit task' : m));
      }
    }
  }

  /** Titles the branches of an If/Elif/Else chain: `If a`, `Elif b`, `Else`. */
  private branches(items: Item[], scope: Scope): void {
    const conditions = items.filter((i) => i.kind === 'condition' && typeof i.task.triggerPolicy?.condition === 'string');
    const split = branchConditions(conditions.map((c) => c.task.triggerPolicy.condition));
    conditions.forEach((c, i) => {
      const { keyword, own } = split[i];
      c.title = own === undefined ? keyword : `${keyword} ${readableCondition(own, innerScope(c.task, scope))}`;
    });
  }
}

/** The producers of a task in its DAG: data inputs first, then `dependentTasks`. */
function producers(item: Item): Array<{ producer: string; label: string; data: boolean }> {
  const out: Array<{ producer: string; label: string; data: boolean }> = [];
  const into = (input: string) => (item.kind === 'task' ? ` → ${input}` : '');
  for (const [kind, field, key] of [['parameters', 'taskOutputParameter', 'outputParameterKey'], ['artifacts', 'taskOutputArtifact', 'outputArtifactKey']]) {
    for (const [input, binding] of Object.entries<any>(item.task.inputs?.[kind] ?? {})) {
      const source = binding?.[field];
      if (source && typeof source.producerTask === 'string') {
        out.push({ producer: source.producerTask, label: `${channelName(String(source[key]))}${into(input)}`, data: true });
      } else if (typeof binding?.taskFinalStatus?.producerTask === 'string') {
        out.push({ producer: binding.taskFinalStatus.producerTask, label: `final status${into(input)}`, data: true });
      }
    }
  }
  const fed = new Set(out.map((o) => o.producer));
  const deps: unknown[] = Array.isArray(item.task.dependentTasks) ? item.task.dependentTasks : [];
  for (const d of deps) {
    if (!fed.has(String(d))) out.push({ producer: String(d), label: item.exit ? 'on exit' : 'after', data: false });
  }
  return out;
}

function* walk(items: readonly Item[]): Generator<Item> {
  const stack = [...items].reverse();
  while (stack.length) {
    const item = stack.pop()!;
    yield item;
    for (let i = item.children.length - 1; i >= 0; i--) stack.push(item.children[i]);
  }
}

/** Boxes and groups drawn for a group when it is open. */
function openCount(group: Item): number {
  let n = 1;
  for (const c of group.children) n += c.kind === 'task' || c.collapsed ? 1 : openCount(c);
  return n + (group.children.length === 0 ? 1 : 0);
}

/** Decides which groups are drawn as one box, and which top-level items are left out. */
function fit(root: Item[], maxNodes: number, collapseDepth: number): void {
  const all = [...walk(root)];
  const groups = all.filter((i) => i.kind !== 'task');
  const hiddenByAncestor = (i: Item) => {
    for (let p = i.parent; p; p = p.parent) if (p.collapsed) return true;
    return false;
  };
  for (const g of groups) if (g.depth >= collapseDepth && !hiddenByAncestor(g)) g.collapsed = true;
  let count = root.reduce((n, i) => n + (i.kind === 'task' || i.collapsed ? 1 : openCount(i)), 0);
  if (count <= maxNodes) return;
  const order = [...groups].sort((a, b) => b.depth - a.depth || b.leafCount - a.leafCount || a.index - b.index);
  for (const g of order) {
    if (count <= maxNodes) return;
    if (g.collapsed || hiddenByAncestor(g)) continue;
    count -= openCount(g) - 1;
    g.collapsed = true;
  }
  if (count <= maxNodes) return;
  // Still too many top-level boxes: keep the first maxNodes - 1 in dependency order (each with its producers).
  const byKey = new Map(root.map((i) => [i.key, i]));
  const kept = new Set<Item>();
  const visit = (start: Item) => {
    const stack: Array<{ item: Item; ups: Item[]; next: number }> = [];
    const push = (item: Item) => {
      const ups = producers(item).map((p) => byKey.get(p.producer)).filter((u): u is Item => u !== undefined && !kept.has(u));
      stack.push({ item, ups, next: 0 });
    };
    const onStack = new Set<Item>([start]);
    push(start);
    while (stack.length && kept.size < maxNodes - 1) {
      const top = stack[stack.length - 1];
      const up = top.ups[top.next++];
      if (up === undefined) {
        kept.add(top.item);
        stack.pop();
      } else if (!kept.has(up) && !onStack.has(up)) {
        onStack.add(up);
        push(up);
      }
    }
  };
  for (const item of root) {
    if (kept.size >= maxNodes - 1) break;
    if (!kept.has(item)) visit(item);
  }
  for (const item of root) if (!kept.has(item)) item.elided = true;
}

/** Reads a PipelineSpec into a picture. */
export function readDrawing(ir: any, options: DrawOptions = {}): Drawing {
  const { maxNodes, collapseDepth } = checkOptions(options);
  if (!ir || typeof ir !== 'object' || Array.isArray(ir) || typeof ir.root !== 'object' || ir.root === null) {
    throw new Error(`PipelineDag: got ${shapeOf(ir)}; expected a PipelineSpec (the IR: an object with 'root' and 'components')`);
  }
  const name = typeof ir.pipelineInfo?.name === 'string' ? ir.pipelineInfo.name : 'pipeline';
  if (!ir.root.dag || typeof ir.root.dag !== 'object') {
    throw new Error(`PipelineDag: pipeline '${name}' has no root DAG (root.dag); expected a pipeline's IR, not a single component's`);
  }
  const rootScope = new Map<string, string>();
  for (const kind of ['parameters', 'artifacts']) for (const n of Object.keys(ir.root.inputDefinitions?.[kind] ?? {})) rootScope.set(n, n);
  const root = new Reader(ir).dag(ir.root, undefined, rootScope, []);
  fit(root, maxNodes, collapseDepth);

  const boxes: Box[] = [];
  const groups: Group[] = [];
  const drawn = new Map<Item, string>();
  let hiddenTasks = 0;
  const place = (items: readonly Item[], group: string | undefined) => {
    for (const item of items) {
      if (item.elided) continue;
      const inGroup = group !== undefined ? { group } : {};
      if (item.kind === 'task' || item.collapsed) {
        const id = `t${boxes.length + 1}`;
        drawn.set(item, id);
        if (item.kind === 'task') {
          boxes.push({ id, path: item.path, kind: 'task', title: item.title, lines: item.lines, gpu: item.gpu, cacheOff: item.cacheOff, exit: item.exit, ...inGroup });
        } else {
          hiddenTasks += item.leafCount;
          const inside = `${item.leafCount} ${item.leafCount === 1 ? 'task' : 'tasks'} inside, not drawn`;
          boxes.push({
            id,
            path: item.path,
            kind: 'collapsed',
            title: item.title,
            lines: [...item.lines, inside],
            gpu: false,
            cacheOff: false,
            exit: false,
            groupKind: item.kind as GroupKind,
            ...inGroup,
          });
        }
      } else {
        const id = `g${groups.length + 1}`;
        drawn.set(item, id);
        groups.push({ id, path: item.path, kind: item.kind as GroupKind, title: item.title, lines: item.lines, ...inGroup });
        if (item.children.length === 0) {
          boxes.push({ id: `t${boxes.length + 1}`, path: `${item.path}/`, kind: 'empty', title: 'no tasks', lines: [], gpu: false, cacheOff: false, exit: false, group: id });
        }
        place(item.children, id);
      }
    }
  };
  place(root, undefined);
  // The top-level tasks left out, as one box.
  let more: Box | undefined;
  const elided = root.reduce((n, i) => n + (i.elided ? i.leafCount : 0), 0);
  if (elided) {
    hiddenTasks += elided;
    more = {
      id: `t${boxes.length + 1}`,
      path: '…',
      kind: 'more',
      title: `… ${elided} more ${elided === 1 ? 'task' : 'tasks'}`,
      lines: [`not drawn: more than ${maxNodes} boxes`],
      gpu: false,
      cacheOff: false,
      exit: false,
    };
    boxes.push(more);
  }

  // Edges between siblings, drawn between whatever stands for each end; merged per pair.
  const endpoint = (item: Item): string => {
    let shown: Item = item;
    for (let p: Item | undefined = item; p; p = p.parent) {
      if (p.collapsed) shown = p;
      if (!p.parent && p.elided) return more!.id;
    }
    return drawn.get(shown)!;
  };
  const edges = new Map<string, { from: string; to: string; labels: string[]; data: boolean; exit: boolean }>();
  const connect = (items: readonly Item[], where: string) => {
    const siblings = new Map(items.map((i) => [i.key, i]));
    for (const item of items) {
      for (const { producer, label, data } of producers(item)) {
        const from = siblings.get(producer);
        if (!from) {
          throw new Error(`PipelineDag: task '${item.path}' depends on '${producer}', which is not a task of ${where}; expected producers in the same DAG`);
        }
        const [a, b] = [endpoint(from), endpoint(item)];
        if (a === b) continue;
        const edge = edges.get(`${a} ${b}`) ?? { from: a, to: b, labels: [], data: false, exit: false };
        edges.set(`${a} ${b}`, edge);
        if (!edge.labels.includes(label)) edge.labels.push(label);
        edge.data ||= data;
        edge.exit ||= item.exit && from.kind === 'exit-handler';
      }
      if (item.children.length) connect(item.children, `'${item.path}'`);
    }
  };
  connect(root, 'the root DAG');
  const tasks = root.reduce((n, i) => n + i.leafCount, 0);
  return {
    name,
    ...(typeof ir.pipelineInfo?.displayName === 'string' ? { displayName: ir.pipelineInfo.displayName } : {}),
    ...(typeof ir.pipelineInfo?.description === 'string' ? { description: ir.pipelineInfo.description } : {}),
    boxes,
    groups,
    edges: [...edges.values()].map((e) => ({ ...e, labels: e.data ? e.labels.filter((l) => l !== 'after') : e.labels })),
    tasks,
    hiddenTasks,
  };
}
