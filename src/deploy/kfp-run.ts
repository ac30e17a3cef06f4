import { Construct } from 'constructs';
import { IPipelineSource } from '../pipeline/source';
import { KfpReconciler } from './reconciler/kfp-reconciler';
import { DeclaredRun } from './reconciler/script';
import { declareRun, ResolvedTarget, RunTarget } from './run-target';

/** Props for {@link KfpRun}. */
export interface KfpRunProps {
  /**
   * The pipeline to run: a `PublishedPipeline`, or a pipeline that a chart of this app publishes
   * or an import declares. Set this or `pipelineName`.
   *
   * @default - use `pipelineName`
   */
  readonly pipeline?: IPipelineSource;

  /**
   * The KFP name of the pipeline to run. Set this or `pipeline`.
   *
   * @default - use `pipeline`
   */
  readonly pipelineName?: string;

  /**
   * Namespace of the pipeline, when it is published in several namespaces.
   *
   * @default - the only namespace it is published in
   */
  readonly pipelineNamespace?: string;

  /**
   * The pipeline version to run.
   *
   * @default - the latest version when the run is created
   */
  readonly version?: string;

  /**
   * The experiment the run belongs to; created when missing.
   *
   * @default 'Default'
   */
  readonly experiment?: string;

  /**
   * Description of the experiment, used when the reconciler creates it.
   *
   * @default - none
   */
  readonly experimentDescription?: string;

  /**
   * Pipeline parameter values, checked against the pipeline's declared inputs.
   *
   * @default - the pipeline's defaults
   */
  readonly parameters?: { [name: string]: any };

  /**
   * The run's display name in KFP; with the spec, it identifies the run.
   *
   * @default - the construct id
   */
  readonly runName?: string;

  /**
   * Description shown in the KFP UI.
   *
   * @default - none
   */
  readonly description?: string;

  /**
   * Kubernetes service account the pipeline's pods run as.
   *
   * @default - KFP's default (`pipeline-runner`)
   */
  readonly serviceAccount?: string;

  /**
   * Pipeline root (where artifacts are stored).
   *
   * @default - the `defaultPipelineRoot` of the `kfp-launcher` ConfigMap
   */
  readonly pipelineRoot?: string;

  /**
   * The reconciler that creates the run.
   *
   * @default KfpReconciler.of(this)
   */
  readonly reconciler?: KfpReconciler;
}

/**
 * A one-off KFP run, declared in git and created by a {@link KfpReconciler} through the KFP API,
 * so it appears in the KFP UI under its experiment.
 *
 * The run is created once per distinct declaration: the reconciler stores a hash of the
 * declaration (name, pipeline, version, parameters, ...) in the run's description, and creates a
 * new run only when no run with that name and hash exists. Change a parameter (or the name) to run
 * again. Runs are history: removing a `KfpRun` from git never deletes the run in KFP.
 *
 * For a one-off run as a plain Argo `Workflow`, outside the KFP UI, see the Argo `PipelineRun`.
 */
export class KfpRun extends Construct {
  /** The run's display name. */
  public readonly runName: string;
  /** The reconciler that creates it. */
  public readonly reconciler: KfpReconciler;

  private readonly props: KfpRunProps;
  private readonly target: RunTarget;
  private resolved?: { problems: string[]; target?: ResolvedTarget };

  public constructor(scope: Construct, id: string, props: KfpRunProps) {
    super(scope, id);
    const where = `KfpRun '${this.node.path}'`;
    this.props = props;
    this.runName = props.runName ?? id;
    if (typeof this.runName !== 'string' || this.runName.trim() === '' || this.runName.length > 128) {
      throw new Error(`${where}: runName ${JSON.stringify(this.runName)} is not valid; expected a non-empty name of at most 128 characters`);
    }
    const experiment = props.experiment ?? 'Default';
    if (typeof experiment !== 'string' || experiment.trim() === '') {
      throw new Error(`${where}: experiment ${JSON.stringify(props.experiment)} is empty; expected an experiment name`);
    }
    this.target = new RunTarget(where, props);
    this.reconciler = props.reconciler ?? KfpReconciler.of(this);
    this.reconciler._addRun(this);
    this.node.addValidation({ validate: () => this.resolve().problems });
  }

  /**
   * What the reconciler declares to KFP for this run.
   * @internal
   */
  public _declaration(): DeclaredRun {
    const { problems, target } = this.resolve();
    if (!target || problems.length > 0) throw new Error(`KfpRun '${this.node.path}': ${problems.join('; ')}`);
    return declareRun(this.runName, this.props, target);
  }

  private resolve(): { problems: string[]; target?: ResolvedTarget } {
    this.resolved ??= this.target.resolve(this, this.reconciler.namespace);
    return this.resolved;
  }
}
