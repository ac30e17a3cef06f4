/**
 * What a pipeline picture must show, read straight from the IR, and what a Mermaid or SVG
 * picture does show, read back from its text: every task of every DAG (by its path of task keys)
 * and every dependency (`dependentTasks`, `taskOutputParameter`, `taskOutputArtifact`,
 * `taskFinalStatus`) between tasks of the same DAG.
 */

/** The tasks (path → whether it is a DAG) and dependencies (`producer path -> consumer path`) of an IR. */
export interface IrStructure {
  readonly tasks: Map<string, { readonly key: string; readonly dag: boolean }>;
  readonly deps: Set<string>;
}

export function irStructure(ir: any): IrStructure {
  const tasks = new Map<string, { key: string; dag: boolean }>();
  const deps = new Set<string>();
  const walk = (component: any, prefix: string) => {
    for (const [key, task] of Object.entries<any>(component.dag?.tasks ?? {})) {
      const path = `${prefix}${key}`;
      const inner = ir.components[task.componentRef.name];
      tasks.set(path, { key, dag: !!inner.dag });
      const producers = new Set<string>(task.dependentTasks ?? []);
      for (const kind of ['parameters', 'artifacts']) {
        for (const binding of Object.values<any>(task.inputs?.[kind] ?? {})) {
          const p = binding.taskOutputParameter?.producerTask ?? binding.taskOutputArtifact?.producerTask ?? binding.taskFinalStatus?.producerTask;
          if (p) producers.add(p);
        }
      }
      for (const p of producers) deps.add(`${prefix}${p}->${path}`);
      if (inner.dag) walk(inner, `${path}/`);
    }
  };
  walk(ir.root, '');
  return { tasks, deps };
}

const DECODE: Record<string, string> = { '#quot;': '"', '#lt;': '<', '#gt;': '>', '#amp;': '&', '#35;': '#' };

function decode(label: string): string {
  return label.replace(/<\/?b>/g, '').replace(/#(?:quot|lt|gt|amp|35);/g, (m) => DECODE[m]);
}

/**
 * Whether a Mermaid label names a task key where the pictures put it: a box's title, or the first
 * part of its second line when the title is a display name; a subgraph's second part, or its title
 * `Pipeline <key>`.
 */
function names(label: string, key: string, group: boolean): boolean {
  if (group) {
    const [, title, rest] = /^<b>(.*?)<\/b>(?: · (.*))?$/.exec(label) ?? [];
    return rest === undefined ? decode(title ?? '') === `Pipeline ${key}` : decode(rest).split(' · ')[0] === key;
  }
  const lines = decode(label).split('<br/>');
  return lines[0] === key || lines[1]?.split(' · ')[0] === key;
}

/** A picture read back: drawn task and group paths, and edges between paths. */
export interface PictureStructure {
  readonly tasks: Set<string>;
  readonly groups: Set<string>;
  readonly edges: Set<string>;
  /** Edge labels by `from->to`. */
  readonly labels: Map<string, string>;
  /** Dashed edges (`from->to`). */
  readonly dashed: Set<string>;
}

/**
 * Reads a Mermaid flowchart back into paths, matching each box and subgraph to the IR task whose
 * key its label names among the tasks of the DAG it is drawn in.
 */
export function readMermaid(text: string, ir: IrStructure): PictureStructure {
  const tasks = new Set<string>();
  const groups = new Set<string>();
  const pathOf = new Map<string, string>();
  const stack: string[] = [];
  const edgesRaw: Array<{ from: string; to: string; label: string; dashed: boolean }> = [];
  const keyFor = (label: string, parent: string, id: string) => {
    const prefix = parent ? `${parent}/` : '';
    let candidates = [...ir.tasks.entries()]
      .filter(([p, t]) => p === `${prefix}${t.key}` && names(label, t.key, id.startsWith('g')))
      .map(([p]) => p);
    // A title that is a key wins over a key-like first word of what the task runs (`importer · …`).
    const title = decode(label).split('<br/>')[0];
    if (candidates.length > 1) candidates = candidates.filter((p) => p === `${prefix}${title}`);
    if (candidates.length !== 1) throw new Error(`Mermaid ${id} ${label} under '${parent}' matches ${JSON.stringify(candidates)}`);
    return candidates[0];
  };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = /^subgraph (g\d+)\["(.*)"\]$/.exec(line))) {
      const path = keyFor(m[2], stack.length ? pathOf.get(stack[stack.length - 1])! : '', m[1]);
      pathOf.set(m[1], path);
      groups.add(path);
      stack.push(m[1]);
    } else if (line === 'end') {
      stack.pop();
    } else if ((m = /^(t\d+)(?:\(|\[\[|\[|>)"(.*)"(?:\)|\]\]|\])$/.exec(line))) {
      const parent = stack.length ? pathOf.get(stack[stack.length - 1])! : '';
      const path = keyFor(m[2], parent, m[1]);
      pathOf.set(m[1], path);
      tasks.add(path);
    } else if ((m = /^(\w+) (-->|-\.->)\|"(.*)"\| (\w+)$/.exec(line))) {
      edgesRaw.push({ from: m[1], to: m[4], label: m[3], dashed: m[2] === '-.->' });
    }
  }
  const edges = new Set<string>();
  const labels = new Map<string, string>();
  const dashed = new Set<string>();
  for (const e of edgesRaw) {
    const key = `${pathOf.get(e.from)}->${pathOf.get(e.to)}`;
    edges.add(key);
    labels.set(key, decode(e.label).replace(/<br\/>/g, '\n'));
    if (e.dashed) dashed.add(key);
  }
  return { tasks, groups, edges, labels, dashed };
}

function unescapeXml(s: string): string {
  return s.replace(/&#45;/g, '-').replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** Reads an SVG picture back through the ids Graphviz copies from the DOT source. */
export function readSvg(svg: string): PictureStructure {
  const tasks = new Set<string>();
  const groups = new Set<string>();
  const edges = new Set<string>();
  const labels = new Map<string, string>();
  const dashed = new Set<string>();
  for (const m of svg.matchAll(/<g id="([^"]*)" class="([^"]*)">/g)) {
    const id = unescapeXml(m[1]);
    const classes = m[2].split(' ');
    if (id.startsWith('task:')) {tasks.add(id.slice(5));} else if (id.startsWith('group:')) {groups.add(id.slice(6));} else if (id.startsWith('edge:')) {
      edges.add(id.slice(5));
      if (classes.includes('after')) dashed.add(id.slice(5));
    }
  }
  // Edge labels: the <text> elements inside each edge's <g>.
  for (const m of svg.matchAll(/<g id="edge:([^"]*)" class="[^"]*">([\s\S]*?)<\/g>/g)) {
    labels.set(unescapeXml(m[1]), [...m[2].matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((t) => unescapeXml(t[1])).join('\n'));
  }
  return { tasks, groups, edges, labels, dashed };
}

/** Checks that a picture shows every task and group of the IR, and exactly its dependencies. */
export function expectComplete(picture: PictureStructure, ir: IrStructure, where: string): void {
  const missing: string[] = [];
  for (const [path, t] of ir.tasks) {
    if (!(t.dag ? picture.groups : picture.tasks).has(path)) missing.push(`${t.dag ? 'group' : 'task'} ${path}`);
  }
  for (const dep of ir.deps) if (!picture.edges.has(dep)) missing.push(`edge ${dep}`);
  const extra = [...picture.edges].filter((e) => !ir.deps.has(e)).map((e) => `edge ${e}`);
  extra.push(...[...picture.tasks].filter((t) => !ir.tasks.has(t)).map((t) => `task ${t}`));
  if (missing.length || extra.length) {
    throw new Error(`${where}: picture lacks ${JSON.stringify(missing)} and has extra ${JSON.stringify(extra)}`);
  }
}
