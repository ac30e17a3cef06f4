/**
 * `PipelineTemplate`: a pipeline as an Argo `WorkflowTemplate`, to be started on demand
 * (`argo submit --from workflowtemplate/<name>`, Argo Events, another Workflow's
 * `workflowTemplateRef`) on the workflow controller of a KFP install.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  argoPipelineProblems, ArgoPipelineProps, baseName, checkArgoPipelineProps, compileArgoPipeline, LazySpecObject, registerTenantWorkload,
} from './argo-pipeline-object';

/** Props of {@link PipelineTemplate}. */
export interface PipelineTemplateProps extends ArgoPipelineProps {
  /**
   * `metadata.name` of the WorkflowTemplate. Unlike a run, a template is updated in place, so its
   * name stays the same when the pipeline changes.
   *
   * @default - the pipeline name (last `/` segment of `pipelineInfo.name`)
   */
  readonly name?: string;
}

/**
 * A pipeline as an Argo `WorkflowTemplate`. Parameter values are compiled into the template
 * (the KFP driver reads them from the root runtime config), so make one template per parameter
 * set; Workflows submitted from it get `generateName: <name>-`.
 */
export class PipelineTemplate extends Construct {
  /** The underlying Argo WorkflowTemplate object. */
  public readonly apiObject: ApiObject;

  /** The WorkflowTemplate's `metadata.name`. */
  public readonly templateName: string;

  private readonly props: PipelineTemplateProps;

  public constructor(scope: Construct, id: string, props: PipelineTemplateProps) {
    super(scope, id);
    checkArgoPipelineProps(this, 'PipelineTemplate', props, props?.name);
    this.props = props;
    registerTenantWorkload(this, 'PipelineTemplate', props);
    this.templateName = props.name ?? baseName(props.pipeline.pipelineName, 63);
    this.apiObject = new LazySpecObject(this, 'Resource', {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'WorkflowTemplate',
      metadata: {
        name: this.templateName,
        namespace: props.namespace ?? props.tenant?.namespaceName,
        labels: props.labels,
        annotations: props.annotations,
      },
    }, () => ({ spec: compileArgoPipeline(this, 'PipelineTemplate', this.props).spec }));
    this.node.addValidation({
      validate: () => {
        const problems = argoPipelineProblems(this, 'PipelineTemplate', this.props);
        if (problems.length > 0) return problems;
        try {
          compileArgoPipeline(this, 'PipelineTemplate', this.props);
        } catch (e: any) {
          return [e.message];
        }
        return [];
      },
    });
  }
}
