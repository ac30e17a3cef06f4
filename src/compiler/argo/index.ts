// Public API of src/compiler/argo: KFP IR → Argo Workflow / WorkflowTemplate / CronWorkflow.
export { compileToArgo, SUPPORTED_SCHEMA_VERSION } from './compile';
export { ArgoCompiler } from './argo-compiler';
export type { ArgoCompileOptions } from './options';
export { DEFAULT_DRIVER_IMAGE, DEFAULT_LAUNCHER_IMAGE } from './options';
export { checkRunParameters } from './parameters';
export type { ArgoCronWorkflowProps, ArgoObjectMetadata, ArgoWorkflowTemplateProps } from './resources';
export { ArgoConcurrencyPolicy, checkArgoSchedule, toCronWorkflow, toWorkflowTemplate } from './resources';
