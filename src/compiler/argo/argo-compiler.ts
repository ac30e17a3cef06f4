/**
 * jsii-friendly entry points of the IR → Argo compiler (free functions are dropped from
 * non-TypeScript languages, static methods are not).
 */
import { compileToArgo } from './compile';
import { ArgoCompileOptions } from './options';
import { checkRunParameters } from './parameters';
import { ArgoCronWorkflowProps, ArgoWorkflowTemplateProps, toCronWorkflow, toWorkflowTemplate } from './resources';

/** Compiles KFP IR into Argo Workflows exactly as the KFP 2.17 API server does. */
export class ArgoCompiler {
  /**
   * Compiles a PipelineSpec (and optional PlatformSpec) into an Argo `Workflow` object.
   *
   * @param ir the PipelineSpec as plain objects (e.g. `IPipelineSource.toIr()`)
   * @param platformSpec the PlatformSpec document (`{platforms: {kubernetes: ...}}`)
   * @param options compiler options
   */
  public static compile(ir: any, platformSpec?: any, options?: ArgoCompileOptions): any {
    return compileToArgo(ir, platformSpec, options);
  }

  /**
   * Wraps a compiled Workflow as an Argo `WorkflowTemplate`.
   *
   * @param workflow the result of `compile`
   * @param props name, namespace, labels and annotations
   */
  public static workflowTemplate(workflow: any, props: ArgoWorkflowTemplateProps): any {
    return toWorkflowTemplate(workflow, props);
  }

  /**
   * Wraps a compiled Workflow as an Argo `CronWorkflow`.
   *
   * @param workflow the result of `compile`
   * @param props name, schedules, time zone, concurrency policy...
   */
  public static cronWorkflow(workflow: any, props: ArgoCronWorkflowProps): any {
    return toCronWorkflow(workflow, props);
  }

  /**
   * Problems with run parameter values against the pipeline's root inputs (unknown names,
   * wrong types, missing required values); empty when the values are valid.
   *
   * @param ir the PipelineSpec
   * @param values parameter values by input name
   */
  public static checkParameters(ir: any, values?: { [name: string]: any }): string[] {
    return checkRunParameters(ir, values, true);
  }

  private constructor() {}
}
