// Public API of src/compiler/dag: pictures of a pipeline (Mermaid, Markdown, SVG) from its IR.
export { PipelineDag } from './pipeline-dag';
export type { DagOptions } from './pipeline-dag';
