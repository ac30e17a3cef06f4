import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ArgoCompileOptions } from '../compiler/argo/options';
import { ArgoConcurrencyPolicy, toCronWorkflow } from '../compiler/argo/resources';
import { IPipelineSource } from '../pipeline/source';
import { checkTenant, compileArgoPipeline } from './argo/argo-pipeline-object';
import { ProducedApiObject } from './produced-object';
import { KfpReconciler } from './reconciler/kfp-reconciler';
import { DeclaredRecurringRun } from './reconciler/script';
import { declareRun, ResolvedTarget, RunTarget } from './run-target';
import { Schedule } from './schedule';
import { formatTime } from './time';
import { IRunNamespace, markWorkload } from './workloads';

/** Options for {@link RecurringRunMode.argoCronWorkflow}. */
export interface ArgoCronModeOptions {
  /**
   * Namespace of the CronWorkflow (where its Workflows run; it needs KFP's runtime setup:
   * the `pipeline-runner` service account, `kfp-launcher` ConfigMap and artifact credentials).
   *
   * @default - the recurring run's `tenant` namespace, else 'kubeflow'
   */
  readonly namespace?: string;

  /**
   * Name of the CronWorkflow: a DNS-1123 subdomain of at most 52 characters.
   *
   * @default - the recurring run name, lowercased, with every other character replaced by '-'
   */
  readonly name?: string;

  /**
   * IANA time zone of the cron schedule, e.g. `Europe/Berlin`.
   *
   * @default - the workflow controller's time zone (usually UTC)
   */
  readonly timezone?: string;

  /**
   * Compiler options matching the KFP install (images, KFP namespace, TLS...). The recurring
   * run's `parameters`, `serviceAccount` and `pipelineRoot` take precedence.
   *
   * @default - KFP 2.17.0 defaults
   */
  readonly compileOptions?: ArgoCompileOptions;
}

/**
 * How a recurring run is realized.
 */
export class RecurringRunMode {
  /**
   * Through the KFP API (the default): a {@link KfpReconciler} creates a KFP recurring run, which
   * is visible and manageable in the KFP UI, with its runs listed under its experiment.
   */
  public static kfp(): RecurringRunMode {
    return new RecurringRunMode('kfp', {});
  }

  /**
   * As an Argo `CronWorkflow` that runs the pipeline compiled to Argo, as the KFP backend would.
   * For teams that don't need the KFP UI: runs do not appear in KFP's run lists (their artifacts
   * and executions still reach ML Metadata). Templates get `sidecar.istio.io/inject: "false"`, as
   * the KFP API server adds to the runs it starts. `maxConcurrency` must be 1 (Argo `Forbid`); start
   * and end times become an Argo `when` expression (Argo >= 3.6); `noCatchup` and the experiment
   * do not apply.
   */
  public static argoCronWorkflow(options: ArgoCronModeOptions = {}): RecurringRunMode {
    return new RecurringRunMode('argo', options);
  }

  /** `kfp` or `argo`. */
  public readonly kind: string;
  /** Argo options, in Argo mode. */
  public readonly argo: ArgoCronModeOptions;

  private constructor(kind: string, argo: ArgoCronModeOptions) {
    this.kind = kind;
    this.argo = argo;
  }
}

/** Props for {@link RecurringRun}. */
export interface RecurringRunProps {
  /**
   * The pipeline to run: a `PublishedPipeline`, or a pipeline (Pipeline construct or
   * `CompiledPipeline`) that a chart of this app publishes or an import declares. Set this or
   * `pipelineName`.
   *
   * @default - use `pipelineName`
   */
  readonly pipeline?: IPipelineSource;

  /**
   * The KFP name of the pipeline to run, when it is published by a chart of this app or declared
   * with `PublishedPipeline.fromPipelineName`. Set this or `pipeline`.
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
   * The pipeline version to run, e.g. `published.versionName`.
   *
   * @default - always the latest version at the time of each run (new versions are picked up
   * without re-creating the recurring run)
   */
  readonly version?: string;

  /** When the recurring run fires. */
  readonly schedule: Schedule;

  /**
   * The experiment the recurring run and its runs belong to; created when missing.
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
   * The recurring run's name (its display name in KFP). It identifies the run: renaming it
   * replaces the recurring run.
   *
   * @default - the construct id
   */
  readonly recurringRunName?: string;

  /**
   * Description shown in the KFP UI (the reconciler appends its ownership marker).
   *
   * @default - none
   */
  readonly description?: string;

  /**
   * How many runs may be active at once (KFP accepts 1 to 10).
   *
   * @default 1
   */
  readonly maxConcurrency?: number;

  /**
   * Skip the runs missed while the schedule was paused or not yet created; only the latest one
   * runs. Unlike KFP's own default (catch up), this is on by default, because a changed recurring
   * run is re-created, and with catch-up a start time in the past would replay every interval
   * since then.
   *
   * @default true
   */
  readonly noCatchup?: boolean;

  /**
   * Whether the schedule is active. Disabling keeps the recurring run (and its history).
   *
   * @default true
   */
  readonly enabled?: boolean;

  /**
   * Kubernetes service account the pipeline's pods run as.
   *
   * @default - the tenant's runner service account in Argo mode, else KFP's default (`pipeline-runner`)
   */
  readonly serviceAccount?: string;

  /**
   * The team namespace the runs execute in (Argo mode only): the CronWorkflow goes to the
   * tenant's namespace and runs as its runner service account, and the tenant checks the pipeline
   * against its quota, LimitRange and GPU pools. A KFP-mode recurring run can't name a tenant:
   * the standalone KFP API server starts every run in its own namespace.
   *
   * @default - the tenant owning the Argo-mode namespace, if any
   */
  readonly tenant?: IRunNamespace;

  /**
   * Pipeline root (where artifacts are stored), e.g. `s3://bucket/pipelines`.
   *
   * @default - the `defaultPipelineRoot` of the `kfp-launcher` ConfigMap
   */
  readonly pipelineRoot?: string;

  /**
   * How the recurring run is realized.
   *
   * @default RecurringRunMode.kfp()
   */
  readonly mode?: RecurringRunMode;

  /**
   * The reconciler that manages this recurring run (KFP mode).
   *
   * @default KfpReconciler.of(this): the chart's only reconciler, created with defaults when missing
   */
  readonly reconciler?: KfpReconciler;
}

/**
 * A recurring run of a pipeline, declared in git.
 *
 * In the default KFP mode it is a KFP recurring run, visible in the KFP UI, kept in line with git
 * by a {@link KfpReconciler}. In Argo mode it is an Argo `CronWorkflow`.
 */
export class RecurringRun extends Construct {
  /** The recurring run's name in KFP. */
  public readonly recurringRunName: string;
  /** The schedule. */
  public readonly schedule: Schedule;
  /** The reconciler managing it (KFP mode). */
  public readonly reconciler?: KfpReconciler;
  /** The CronWorkflow (Argo mode). */
  public readonly cronWorkflow?: ApiObject;

  private readonly props: RecurringRunProps;
  private readonly target: RunTarget;
  private resolved?: { problems: string[]; target?: ResolvedTarget };

  public constructor(scope: Construct, id: string, props: RecurringRunProps) {
    super(scope, id);
    const where = `RecurringRun '${this.node.path}'`;
    this.props = props;
    this.recurringRunName = props.recurringRunName ?? id;
    if (typeof this.recurringRunName !== 'string' || this.recurringRunName.trim() === '' || this.recurringRunName.length > 128) {
      throw new Error(`${where}: recurringRunName ${JSON.stringify(this.recurringRunName)} is not valid; expected a non-empty name of at most 128 characters`);
    }
    if (!(props.schedule instanceof Schedule)) {
      throw new Error(`${where}: 'schedule' is required; expected Schedule.cron(...) or Schedule.interval(...)`);
    }
    const scheduleProblems = props.schedule._problems();
    if (scheduleProblems.length > 0) {
      throw new Error(`${where}: ${scheduleProblems.join('; ')}`);
    }
    this.schedule = props.schedule;
    const maxConcurrency = props.maxConcurrency ?? 1;
    if (!Number.isInteger(maxConcurrency) || maxConcurrency < 1 || maxConcurrency > 10) {
      throw new Error(`${where}: maxConcurrency is ${maxConcurrency}; expected an integer from 1 to 10 (KFP's limits)`);
    }
    const experiment = props.experiment ?? 'Default';
    if (typeof experiment !== 'string' || experiment.trim() === '') {
      throw new Error(`${where}: experiment ${JSON.stringify(props.experiment)} is empty; expected an experiment name`);
    }
    this.target = new RunTarget(where, props);

    const mode = props.mode ?? RecurringRunMode.kfp();
    if (props.tenant !== undefined && mode.kind !== 'argo') {
      const t: Partial<IRunNamespace> = props.tenant;
      throw new Error(`${where}: tenant '${t.namespaceName}' (${t.node?.path}) can't run a KFP-mode recurring run: the standalone (single-user) KFP API server ` +
        'starts every run in its own namespace, never in a tenant namespace (multi-user KFP is not supported); ' +
        `expected mode: RecurringRunMode.argoCronWorkflow(), which runs it as an Argo CronWorkflow in '${t?.namespaceName}', or no tenant`);
    }
    if (mode.kind === 'argo') {
      checkTenant(where, props.tenant, mode.argo.namespace, 'argoCronWorkflow namespace');
      if (props.reconciler) throw new Error(`${where}: 'reconciler' does not apply in Argo mode (RecurringRunMode.argoCronWorkflow)`);
      if (maxConcurrency !== 1) {
        throw new Error(`${where}: maxConcurrency is ${maxConcurrency}, but an Argo CronWorkflow can only forbid overlapping runs (maxConcurrency 1) ` +
          'or allow unbounded overlap; use maxConcurrency 1 or RecurringRunMode.kfp()');
      }
      try {
        this.schedule._toArgoSchedule();
      } catch (e: any) {
        throw new Error(`${where}: ${this.schedule} cannot run as an Argo CronWorkflow: ${e.message}`);
      }
      this.cronWorkflow = this.argoCronWorkflow(mode.argo, where);
    } else {
      this.reconciler = props.reconciler ?? KfpReconciler.of(this);
      this.reconciler._addRecurringRun(this);
    }

    this.node.addValidation({ validate: () => this.resolve().problems });
  }

  /**
   * What the reconciler declares to KFP for this recurring run.
   * @internal
   */
  public _declaration(): DeclaredRecurringRun {
    const { problems, target } = this.resolve();
    if (!target || problems.length > 0) throw new Error(`RecurringRun '${this.node.path}': ${problems.join('; ')}`);
    const p = this.props;
    // `enabled` is toggled in place, so it is not part of the spec hash.
    return declareRun(this.recurringRunName, p, target, {
      trigger: this.schedule._toKfpTrigger(),
      maxConcurrency: p.maxConcurrency ?? 1,
      noCatchup: p.noCatchup ?? true,
    }, { enabled: p.enabled ?? true });
  }

  private resolve(): { problems: string[]; target?: ResolvedTarget } {
    this.resolved ??= this.target.resolve(this, this.reconciler?.namespace ?? this.props.mode?.argo.namespace ?? 'kubeflow');
    return this.resolved;
  }

  private argoCronWorkflow(options: ArgoCronModeOptions, where: string): ApiObject {
    const name = options.name ?? (this.recurringRunName.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '').slice(0, 52) || 'recurring-run');
    const namespace = options.namespace ?? this.props.tenant?.namespaceName ?? 'kubeflow';
    const p = this.props;
    markWorkload(this, () => {
      const { target } = this.resolve();
      const ir = target?.ir;
      const platformSpec = target?.platformSpec;
      return {
        kind: 'RecurringRun',
        namespace,
        pipeline: target && ir ? { pipelineName: target.pipelineName, toIr: () => ir, toPlatformSpec: () => platformSpec } : undefined,
      };
    });
    // The pipeline is found and compiled at synth, when every chart of the app exists.
    const when = argoWhen(this.schedule);
    const build = (): any => {
      const { problems, target } = this.resolve();
      if (!target || problems.length > 0) return undefined;
      if (!target.ir) {
        throw new Error(`${where}: Argo mode needs the pipeline's IR, but pipeline '${target.pipelineName}' is an import without one; ` +
          "pass 'pipeline' (or the import's 'pipeline' option)");
      }
      const ir = target.ir;
      const platformSpec = target.platformSpec;
      const workflow = compileArgoPipeline(this, 'RecurringRun', {
        pipeline: { pipelineName: target.pipelineName, toIr: () => ir, toPlatformSpec: () => platformSpec },
        parameters: p.parameters ?? {},
        namespace,
        tenant: p.tenant,
        serviceAccountName: p.serviceAccount,
        compileOptions: {
          ...(options.compileOptions ?? {}),
          ...(p.pipelineRoot !== undefined ? { pipelineRoot: p.pipelineRoot } : {}),
          displayName: this.recurringRunName,
        },
      });
      return toCronWorkflow(workflow, {
        name,
        namespace,
        schedules: [this.schedule._toArgoSchedule()],
        timezone: options.timezone,
        concurrencyPolicy: ArgoConcurrencyPolicy.FORBID,
        suspend: !(p.enabled ?? true),
        when,
      });
    };
    let built: any;
    const get = () => (built ??= build());
    this.node.addValidation({
      validate: () => {
        try {
          get();
          return [];
        } catch (e: any) {
          return [e.message];
        }
      },
    });
    return new ProducedApiObject(this, 'CronWorkflow', { apiVersion: 'argoproj.io/v1alpha1', kind: 'CronWorkflow', metadata: { name, namespace } }, get);
  }
}

/** Start and end times as an Argo `when` expression. */
function argoWhen(schedule: Schedule): string | undefined {
  const conditions: string[] = [];
  if (schedule.startTime) conditions.push(`now() >= date('${formatTime(schedule.startTime)}')`);
  if (schedule.endTime) conditions.push(`now() < date('${formatTime(schedule.endTime)}')`);
  return conditions.length ? `{{= ${conditions.join(' && ')} }}` : undefined;
}
