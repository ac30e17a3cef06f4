/**
 * A pipeline picture as Graphviz DOT: boxes are nodes with HTML-like labels, groups are
 * clusters, and an edge to or from a group ends at the cluster's border (`lhead`/`ltail`).
 *
 * Every element carries an `id` that names what it draws (`task:<path>`, `group:<path>`,
 * `edge:<from>-><to>`); Graphviz copies it into the SVG.
 */
import { edgeLabelLines, wrapLine } from './labels';
import { Box, Drawing, Group } from './model';
import { EXIT, GPU, GREY_FILL, GROUP_COLORS, INK, MUTED } from './palette';

// Graphviz measures text with built-in metrics of a few fonts: Arial (Liberation Sans on Linux) has them.
const FONT = 'Arial';

/** Text for a DOT HTML-like label. */
function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A DOT double-quoted string. */
function quoted(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** An HTML-like label (written as `<...>`, not quoted). */
interface Html {
  readonly html: string;
}

type Value = string | number | Html | undefined;

function label(title: string, lines: readonly string[]): Html {
  const head = wrapLine(title).map((l) => `<b>${html(l)}</b>`).join('<br/>');
  const rest = lines.flatMap((l) => wrapLine(l)).map((l) => `<br/><font point-size="9" color="${MUTED}">${html(l)}</font>`).join('');
  return { html: `${head}${rest}` };
}

function attrs(list: Record<string, Value>): string {
  return Object.entries(list).filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? v : typeof v === 'string' ? quoted(v) : `<${v!.html}>`}`).join(', ');
}

/** What an element of the picture is, for its SVG `id`. */
export function boxElementId(box: Box): string {
  switch (box.kind) {
    case 'collapsed': return `group:${box.path}`;
    case 'more': return 'more';
    case 'empty': return `empty:${box.path}`;
    default: return `task:${box.path}`;
  }
}

function boxAttrs(box: Box): Record<string, Value> {
  const base = { id: boxElementId(box), label: label(box.title, box.lines) };
  switch (box.kind) {
    case 'collapsed': {
      const c = GROUP_COLORS[box.groupKind ?? 'pipeline'];
      return { ...base, class: `collapsed ${box.groupKind}`, shape: 'box3d', style: 'filled', fillcolor: c.fill, color: c.border };
    }
    case 'more':
      return { ...base, class: 'more', shape: 'note', style: 'filled', fillcolor: GREY_FILL };
    case 'empty':
      return { ...base, class: 'empty', shape: 'plaintext', style: '', fontcolor: MUTED };
    default: {
      const classes = ['task', ...(box.gpu ? ['gpu'] : []), ...(box.cacheOff ? ['cache-off'] : []), ...(box.exit ? ['exit'] : [])];
      return {
        ...base,
        class: classes.join(' '),
        ...(box.cacheOff ? { style: 'rounded,filled,dashed' } : {}),
        ...(box.gpu ? { fillcolor: GPU.fill, color: GPU.border, penwidth: 1.6 } : {}),
        ...(box.exit ? { peripheries: 2, color: EXIT } : {}),
      };
    }
  }
}

/** The DOT text of a picture. */
export function toDot(d: Drawing): string {
  const children = new Map<string | undefined, Array<Box | Group>>();
  const add = (parent: string | undefined, x: Box | Group) => {
    const list = children.get(parent) ?? [];
    list.push(x);
    children.set(parent, list);
  };
  for (const g of d.groups) add(g.group, g);
  for (const b of d.boxes) add(b.group, b);
  const groupOf = new Map(d.groups.map((g) => [g.id, g]));
  // An edge to or from a group ends at an anchor: an invisible point inside the group, above
  // (or below) everything in it, so that the edge meets the group's border from above (or below).
  const inside = new Map<string, string[]>();
  for (const b of d.boxes) {
    for (let g = b.group; g !== undefined; g = groupOf.get(g)?.group) inside.set(g, [...(inside.get(g) ?? []), b.id]);
  }
  const heads = new Set(d.edges.map((e) => e.to).filter((id) => groupOf.has(id)));
  const tails = new Set(d.edges.map((e) => e.from).filter((id) => groupOf.has(id)));
  const pathOf = new Map<string, string>([...d.groups.map((g) => [g.id, g.path] as const), ...d.boxes.map((b) => [b.id, b.kind === 'more' ? '…' : b.path] as const)]);

  const out: string[] = [];
  const shown = d.displayName ?? d.name;
  const summary = `${d.tasks} ${d.tasks === 1 ? 'task' : 'tasks'}${d.hiddenTasks ? ` (${d.hiddenTasks} in boxes that stand for several)` : ''}`;
  out.push(`digraph ${quoted(d.name)} {`);
  out.push(`  graph [${attrs({
    id: 'pipeline',
    rankdir: 'TB',
    compound: 'true',
    newrank: 'true',
    nodesep: 0.3,
    ranksep: 0.45,
    pad: 0.2,
    bgcolor: 'white',
    fontname: FONT,
    fontsize: 13,
    fontcolor: INK,
    labelloc: 't',
    labeljust: 'l',
    label: label(shown, [summary]),
  })}];`);
  out.push(`  node [${attrs({ shape: 'box', style: 'rounded,filled', fillcolor: 'white', color: MUTED, fontname: FONT, fontsize: 11, fontcolor: INK, margin: '0.14,0.06', penwidth: 1.2 })}];`);
  out.push(`  edge [${attrs({ color: MUTED, fontname: FONT, fontsize: 9, fontcolor: MUTED, arrowsize: 0.7 })}];`);
  const emit = (parent: string | undefined, indent: string) => {
    for (const x of children.get(parent) ?? []) {
      if (groupOf.has(x.id)) {
        const g = x as Group;
        const c = GROUP_COLORS[g.kind];
        out.push(`${indent}subgraph ${quoted(`cluster_${g.id}`)} {`);
        out.push(`${indent}  graph [${attrs({
          id: `group:${g.path}`,
          class: `group ${g.kind}`,
          label: label(g.title, g.lines),
          labeljust: 'l',
          fontsize: 11,
          style: g.kind === 'branches' ? 'rounded,dashed,filled' : 'rounded,filled',
          fillcolor: c.fill,
          color: c.border,
        })}];`);
        const anchor = `[${attrs({ shape: 'point', style: 'invis', width: 0, height: 0, label: '' })}]`;
        if (heads.has(g.id)) out.push(`${indent}  ${g.id}_in ${anchor};`);
        if (tails.has(g.id)) out.push(`${indent}  ${g.id}_out ${anchor};`);
        emit(g.id, `${indent}  `);
        out.push(`${indent}}`);
      } else {
        const b = x as Box;
        out.push(`${indent}${b.id} [${attrs(boxAttrs(b))}];`);
      }
    }
  };
  emit(undefined, '  ');
  for (const g of heads) for (const b of inside.get(g) ?? []) out.push(`  ${g}_in -> ${b} [style="invis"];`);
  for (const g of tails) for (const b of inside.get(g) ?? []) out.push(`  ${b} -> ${g}_out [style="invis"];`);
  for (const e of d.edges) {
    const tail = groupOf.has(e.from) ? `${e.from}_out` : e.from;
    const head = groupOf.has(e.to) ? `${e.to}_in` : e.to;
    const lines = edgeLabelLines(e.labels);
    out.push(`  ${tail} -> ${head} [${attrs({
      id: `edge:${pathOf.get(e.from)}->${pathOf.get(e.to)}`,
      class: [e.data ? 'data' : 'after', ...(e.exit ? ['exit'] : [])].join(' '),
      ltail: groupOf.has(e.from) ? `cluster_${e.from}` : undefined,
      lhead: groupOf.has(e.to) ? `cluster_${e.to}` : undefined,
      style: e.data ? undefined : 'dashed',
      color: e.exit ? EXIT : undefined,
      label: { html: lines.map(html).join('<br/>') },
    })}];`);
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}
