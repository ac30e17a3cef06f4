// Argo Workflow constructs (PipelineRun, PipelineTemplate).
export {};
