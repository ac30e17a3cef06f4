// Argo Workflow constructs (PipelineRun, PipelineTemplate).
export type { ArgoPipelineProps } from './argo-pipeline-object';
export { PipelineRun } from './pipeline-run';
export type { PipelineRunProps } from './pipeline-run';
export { PipelineTemplate } from './pipeline-template';
export type { PipelineTemplateProps } from './pipeline-template';
