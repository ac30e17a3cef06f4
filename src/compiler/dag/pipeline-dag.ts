/**
 * Pictures of a pipeline, drawn from its compiled IR: a Mermaid flowchart, a Markdown page around
 * it, and an SVG laid out by Graphviz. Pure functions: IR in, text out.
 */
import { toDot } from './dot';
import { renderSvg } from './graphviz';
import { markdownPage, MERMAID_MAX_EDGES, MERMAID_MAX_TEXT, toMermaidText } from './mermaid';
import { DEFAULT_MAX_NODES, Drawing, readDrawing } from './model';

/** How much of a pipeline a picture draws. */
export interface DagOptions {
  /**
   * At most this many boxes and groups (1 to 2000). Beyond it, the deepest groups are drawn as one
   * box each (largest first), and then the top-level tasks after the first `maxNodes - 1` (in
   * dependency order) as one box. A Mermaid picture also stays within GitHub's limits (50,000
   * characters, 500 edges) by drawing fewer boxes.
   * @default 250
   */
  readonly maxNodes?: number;
  /**
   * How many levels of groups are drawn open; deeper groups are drawn as one box each. 0 draws
   * every group as one box.
   * @default - every level
   */
  readonly collapseDepth?: number;
}

/** The Mermaid text of a pipeline, within GitHub's Mermaid limits. */
function mermaidOf(ir: any, options: DagOptions): { drawing: Drawing; text: string } {
  let drawing = readDrawing(ir, options);
  let text = toMermaidText(drawing);
  let max = options.maxNodes ?? DEFAULT_MAX_NODES;
  while ((text.length > MERMAID_MAX_TEXT || drawing.edges.length > MERMAID_MAX_EDGES) && max > 1) {
    const ratio = Math.min(MERMAID_MAX_TEXT / text.length, MERMAID_MAX_EDGES / drawing.edges.length);
    max = Math.max(1, Math.min(max - 1, Math.floor(max * ratio * 0.9)));
    drawing = readDrawing(ir, { ...options, maxNodes: max });
    text = toMermaidText(drawing);
  }
  return { drawing, text };
}

/**
 * Draws pipelines from their compiled IR (a PipelineSpec as plain objects): `Pipeline.toIr()`,
 * `CompiledPipeline.toIr()` (IR compiled by the kfp Python SDK), or the pipeline of a
 * `PipelineRun`. Tasks are boxes labelled with the task name and what it runs; If/Elif/Else,
 * ParallelFor, ExitHandler and sub-pipelines are groups; data edges are labelled
 * `output → input` and `after` edges are dashed. See docs/pictures.md.
 */
export class PipelineDag {
  /**
   * A Mermaid flowchart (the text inside a ```mermaid block).
   *
   * @param ir the PipelineSpec
   * @param options how much to draw
   */
  public static toMermaid(ir: any, options: DagOptions = {}): string {
    return mermaidOf(ir, options).text;
  }

  /**
   * The `<name>.pipeline.md` page: the pipeline's name and description, its Mermaid flowchart and
   * how to read it.
   *
   * @param ir the PipelineSpec
   * @param options how much to draw
   */
  public static toMarkdown(ir: any, options: DagOptions = {}): string {
    const { drawing, text } = mermaidOf(ir, options);
    return markdownPage(drawing, text);
  }

  /**
   * The Graphviz DOT source of the SVG picture.
   *
   * @param ir the PipelineSpec
   * @param options how much to draw
   */
  public static toDot(ir: any, options: DagOptions = {}): string {
    return toDot(readDrawing(ir, options));
  }

  /**
   * An SVG picture, laid out in-process by Graphviz (`dot`, in WebAssembly).
   *
   * @param ir the PipelineSpec
   * @param options how much to draw
   */
  public static toSvg(ir: any, options: DagOptions = {}): string {
    return renderSvg(toDot(readDrawing(ir, options)));
  }

  private constructor() {}
}

/** The pictures `app.synth()` writes beside `<name>.pipeline.yaml`, by file name (internal). */
export function pictureFiles(name: string, ir: any): { [file: string]: string } {
  return { [`${name}.pipeline.md`]: PipelineDag.toMarkdown(ir), [`${name}.pipeline.svg`]: PipelineDag.toSvg(ir) };
}
