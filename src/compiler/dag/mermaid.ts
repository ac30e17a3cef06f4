/**
 * A pipeline picture as a Mermaid flowchart (GitHub and GitLab draw ```mermaid blocks in pull
 * requests), and the `<name>.pipeline.md` page around it.
 */
import { edgeLabelLines, wrapLine } from './labels';
import { Box, Drawing } from './model';
import { EXIT, GPU, GREY_FILL, GROUP_COLORS, INK, MUTED } from './palette';

/** The largest text GitHub's Mermaid accepts (Mermaid's `maxTextSize`). */
export const MERMAID_MAX_TEXT = 50_000;
/** The most edges GitHub's Mermaid draws (Mermaid's `maxEdges`). */
export const MERMAID_MAX_EDGES = 500;

const ENTITIES: Record<string, string> = { '#': '#35;', '"': '#quot;', '<': '#lt;', '>': '#gt;', '&': '#amp;' };

/** Text inside a quoted Mermaid label: entity codes for the characters Mermaid would read. */
function text(s: string): string {
  return s.replace(/[#"<>&]/g, (c) => ENTITIES[c]);
}

function label(title: string, lines: readonly string[]): string {
  const head = wrapLine(title).map((l) => `<b>${text(l)}</b>`);
  return `"${[...head, ...lines.flatMap((l) => wrapLine(l)).map(text)].join('<br/>')}"`;
}

/** A subgraph's title on one line: Mermaid draws a taller title over the subgraph's first row. */
function groupLabel(title: string, lines: readonly string[]): string {
  return `"${[`<b>${text(title)}</b>`, ...lines.map(text)].join(' · ')}"`;
}

function node(box: Box): string {
  const l = label(box.title, box.lines);
  if (box.exit) return `${box.id}[[${l}]]`;
  if (box.kind === 'more') return `${box.id}>${l}]`;
  if (box.kind === 'task') return `${box.id}(${l})`;
  return `${box.id}[${l}]`;
}

/** The Mermaid flowchart text of a picture. */
export function toMermaidText(d: Drawing): string {
  const out: string[] = ['flowchart TB'];
  const children = new Map<string | undefined, string[]>();
  const add = (parent: string | undefined, id: string) => children.set(parent, [...(children.get(parent) ?? []), id]);
  for (const g of d.groups) add(g.group, g.id);
  for (const b of d.boxes) add(b.group, b.id);
  const groups = new Map(d.groups.map((g) => [g.id, g]));
  const boxes = new Map(d.boxes.map((b) => [b.id, b]));
  const emit = (parent: string | undefined, indent: string) => {
    for (const id of children.get(parent) ?? []) {
      const g = groups.get(id);
      if (g) {
        out.push(`${indent}subgraph ${g.id}[${groupLabel(g.title, g.lines)}]`);
        out.push(`${indent}  direction TB`);
        emit(g.id, `${indent}  `);
        out.push(`${indent}end`);
      } else {
        out.push(`${indent}${node(boxes.get(id)!)}`);
      }
    }
  };
  emit(undefined, '  ');
  const exitLinks: number[] = [];
  d.edges.forEach((e, i) => {
    const l = `"${edgeLabelLines(e.labels).map(text).join('<br/>')}"`;
    out.push(e.data ? `  ${e.from} -->|${l}| ${e.to}` : `  ${e.from} -.->|${l}| ${e.to}`);
    if (e.exit) exitLinks.push(i);
  });
  out.push(`  classDef task fill:#ffffff,stroke:${MUTED},color:${INK}`);
  out.push(`  classDef gpu fill:${GPU.fill},stroke:${GPU.border},stroke-width:2px,color:${INK}`);
  out.push('  classDef cacheOff stroke-dasharray:4 3');
  out.push(`  classDef exit stroke:${EXIT},stroke-width:2px`);
  out.push(`  classDef collapsed fill:${GREY_FILL},stroke:${MUTED},stroke-width:3px,color:${INK}`);
  out.push(`  classDef more fill:${GREY_FILL},stroke:#a0aec0,color:${INK}`);
  const classes = new Map<string, string[]>();
  for (const b of d.boxes) {
    const names = b.kind === 'task'
      ? ['task', ...(b.gpu ? ['gpu'] : []), ...(b.cacheOff ? ['cacheOff'] : []), ...(b.exit ? ['exit'] : [])]
      : b.kind === 'collapsed' ? ['collapsed'] : b.kind === 'more' ? ['more'] : [];
    if (names.length) classes.set(names.join(','), [...(classes.get(names.join(',')) ?? []), b.id]);
  }
  // One `class` line per set of classes (Mermaid applies them in order).
  for (const [names, ids] of classes) for (const name of names.split(',')) out.push(`  class ${ids.join(',')} ${name}`);
  for (const g of d.groups) {
    const c = GROUP_COLORS[g.kind];
    out.push(`  style ${g.id} fill:${c.fill},stroke:${c.border}${g.kind === 'branches' ? ',stroke-dasharray:5 3' : ''}`);
  }
  if (exitLinks.length) out.push(`  linkStyle ${exitLinks.join(',')} stroke:${EXIT}`);
  return `${out.join('\n')}\n`;
}

/** The `<name>.pipeline.md` page: title, description, the flowchart and how to read it. */
export function markdownPage(d: Drawing, mermaid: string): string {
  const lines = [`# ${d.displayName ?? d.name}`, ''];
  if (d.description) lines.push(d.description.trim(), '');
  lines.push('```mermaid', mermaid.trimEnd(), '```', '');
  lines.push(
    `Drawn by cdk8s-kfp from the pipeline's IR: ${d.tasks} ${d.tasks === 1 ? 'task' : 'tasks'}` +
    `${d.hiddenTasks ? `, ${d.hiddenTasks} of them inside boxes that stand for a whole group` : ''}. ` +
    'A box is a task (its name, then what it runs); solid arrows carry data (output → input) and dashed arrows ' +
    'only order (`after`). Shaded areas are If/Elif/Else, ParallelFor, ExitHandler and sub-pipelines. ' +
    'A double border marks the exit task and a dashed border a task with caching off.',
    '',
  );
  return lines.join('\n');
}
