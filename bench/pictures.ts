// Picture figures for `npm run bench`: drawing the IR of generated pipelines (src/compiler/dag).
import { PipelineDag } from '../src';
import { renderSvg } from '../src/compiler/dag/graphviz';
import { readDrawing } from '../src/compiler/dag/model';

function ms<T>(fn: () => T): [T, number] {
  const start = process.hrtime.bigint();
  const result = fn();
  return [result, Number(process.hrtime.bigint() - start) / 1e6];
}

/** Loads Graphviz (once per process) and returns how long that took. */
export function graphvizLoadMs(): number {
  return ms(() => renderSvg('digraph { a }'))[1];
}

/** Time to draw one IR as Mermaid and as SVG, and how many boxes and groups were drawn. */
export function pictureFigures(ir: any, maxNodes?: number): { boxes: number; mermaidMs: number; svgMs: number } {
  const d = readDrawing(ir, { maxNodes });
  const [, mermaidMs] = ms(() => PipelineDag.toMermaid(ir, { maxNodes }));
  const [, svgMs] = ms(() => PipelineDag.toSvg(ir, { maxNodes }));
  return { boxes: d.boxes.length + d.groups.length, mermaidMs, svgMs };
}
