/**
 * `PipelineRun`: one run of a pipeline as an Argo `Workflow`, compiled here exactly as the KFP
 * API server would compile it, and applied by GitOps instead of submitted through the KFP API.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  argoPipelineProblems, ArgoPipelineProps, baseName, checkArgoPipelineProps, compileArgoPipeline, LazySpecObject, registerTenantWorkload, shortHash,
} from './argo-pipeline-object';

/** Props of {@link PipelineRun}. */
export interface PipelineRunProps extends ArgoPipelineProps {
  /**
   * `metadata.name` of the Workflow.
   *
   * A Workflow is one run: Argo never re-runs it, and its spec cannot usefully change once it
   * started. The default name is content-addressed so that GitOps behaves: syncing the same
   * manifests again is a no-op, and changing the pipeline, its parameters or the options gives a
   * new name, so Argo CD (or kubectl apply) creates a new run instead of patching a finished one.
   * `generateName` is not used because `kubectl apply` and Argo CD need a fixed name to track the
   * object (with `generateName`, every sync would create another run).
   *
   * @default - `<pipeline name>-<first 10 hex digits of the SHA-256 of the compiled spec>`
   */
  readonly name?: string;
}

/**
 * One run of a pipeline as an Argo `Workflow`, for the workflow controller of a KFP install.
 *
 * The Workflow carries no `pipeline/runid` label: the KFP API server deletes labelled Workflows it
 * did not create. So the run executes with KFP's drivers, launcher, caching and metadata store,
 * and its artifacts and executions are recorded in MLMD, but it is not listed as a KFP run.
 */
export class PipelineRun extends Construct {
  /** The underlying Argo Workflow object. */
  public readonly apiObject: ApiObject;

  private readonly props: PipelineRunProps;

  public constructor(scope: Construct, id: string, props: PipelineRunProps) {
    super(scope, id);
    checkArgoPipelineProps(this, 'PipelineRun', props, props?.name);
    this.props = props;
    registerTenantWorkload(this, 'PipelineRun', props);
    const labels = { ...(props.labels ?? {}) };
    this.apiObject = new LazySpecObject(this, 'Resource', {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: {
        name: props.name ?? baseName(props.pipeline.pipelineName, 52),
        namespace: props.namespace ?? props.tenant?.namespaceName,
        labels,
        annotations: props.annotations,
      },
    }, () => this.resolve());
    this.node.addValidation({ validate: () => this.problems() });
  }

  /**
   * The Workflow's `metadata.name`. With the default (content-addressed) name it is only known
   * once the pipeline is complete, so read it at synth time, not while building the app.
   */
  public get workflowName(): string {
    return this.resolve().name;
  }

  private problems(): string[] {
    const problems = argoPipelineProblems(this, 'PipelineRun', this.props);
    if (problems.length > 0) return problems;
    try {
      this.resolve();
    } catch (e: any) {
      return [e.message];
    }
    return [];
  }

  private resolve(): { name: string; spec: any } {
    const wf = compileArgoPipeline(this, 'PipelineRun', this.props);
    const name = this.props.name ?? `${baseName(this.props.pipeline.pipelineName, 52)}-${shortHash(wf.spec, 10)}`;
    return { name, spec: wf.spec };
  }
}
