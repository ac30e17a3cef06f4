/**
 * Which pipeline a run or recurring run starts, and with which parameters: shared by
 * `RecurringRun` and `KfpRun`. Finds the pipeline among every `PublishedPipeline` and import in
 * the app (any chart), and checks the parameters against its IR.
 */
import { IConstruct } from 'constructs';
import { sha256Hex } from './hash';
import { IPublishedPipeline, PublishedPipeline } from './published-pipeline';
import { checkRunParameters } from '../compiler/argo/parameters';
import { IPipelineSource } from '../pipeline/source';

/** Whether `x` publishes a pipeline (a `PublishedPipeline`, or one imported by name). */
const isPublisher = (x: unknown): x is IPublishedPipeline => PublishedPipeline.isPublishedPipeline(x);

const VERSION_NAME = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/;

/** What a run declares about its pipeline. */
export interface RunTargetInput {
  readonly pipeline?: IPipelineSource;
  readonly pipelineName?: string;
  readonly pipelineNamespace?: string;
  readonly version?: string;
  readonly parameters?: { [name: string]: any };
}

/** The pipeline a run resolves to. */
export interface ResolvedTarget {
  readonly pipelineName: string;
  readonly pipelineNamespace: string;
  readonly version?: string;
  /** The IR the run's parameters were checked against, when known. */
  readonly ir?: any;
  readonly platformSpec?: any;
  readonly publisher: IPublishedPipeline;
}

export class RunTarget {
  private readonly input: RunTargetInput;

  /** Checks what can be checked locally; throws with `where` in the message. */
  public constructor(where: string, input: RunTargetInput) {
    this.input = input;
    const hasPipeline = input.pipeline !== undefined;
    const hasName = input.pipelineName !== undefined;
    if (hasPipeline === hasName) {
      throw new Error(`${where}: set exactly one of 'pipeline' (a Pipeline, CompiledPipeline or PublishedPipeline) and 'pipelineName' ` +
        `(the name of a pipeline published in KFP); got ${hasPipeline ? 'both' : 'neither'}`);
    }
    if (hasPipeline && typeof input.pipeline!.toIr !== 'function') {
      throw new Error(`${where}: 'pipeline' is not a pipeline (expected an IPipelineSource such as a Pipeline or CompiledPipeline)`);
    }
    if (hasName && (typeof input.pipelineName !== 'string' || input.pipelineName.length === 0)) {
      throw new Error(`${where}: pipelineName ${JSON.stringify(input.pipelineName)} is empty; expected the KFP pipeline name`);
    }
    if (input.version !== undefined && (typeof input.version !== 'string' || !VERSION_NAME.test(input.version) || input.version.length > 253)) {
      throw new Error(`${where}: version ${JSON.stringify(input.version)} is not a valid KFP version name; expected lowercase letters, digits, '.' and '-' ` +
        '(omit it to run the latest version)');
    }
    const params = input.parameters;
    if (params !== undefined && (params === null || typeof params !== 'object' || Array.isArray(params))) {
      throw new Error(`${where}: parameters must be an object of parameter values by name, got ${JSON.stringify(params)}`);
    }
    for (const [name, value] of Object.entries(params ?? {})) {
      if (typeof value === 'number' && !Number.isFinite(value)) {
        throw new Error(`${where}: parameter '${name}' is ${value}; expected a finite number (KFP parameters are JSON)`);
      }
      if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
        throw new Error(`${where}: parameter '${name}' is a ${typeof value}; expected a JSON value (string, number, boolean, list or object)`);
      }
    }
  }

  /** The name the pipeline is looked up by (for messages). */
  public get lookupName(): string {
    if (isPublisher(this.input.pipeline)) {
      return this.input.pipeline.kfpPipelineName;
    }
    return this.input.pipeline?.pipelineName ?? this.input.pipelineName!;
  }

  /**
   * Finds the pipeline among the publishers and imports of the whole app.
   *
   * @param scope any construct of the app
   * @param preferredNamespace picks among publishers in several namespaces
   */
  public resolve(scope: IConstruct, preferredNamespace: string): { problems: string[]; target?: ResolvedTarget } {
    const publisher = this.findPublisher(scope, preferredNamespace);
    if (typeof publisher === 'string') return { problems: [publisher] };
    const version = this.input.version;
    let source: IPipelineSource | undefined;
    if (this.input.pipeline && !PublishedPipeline.isPublishedPipeline(this.input.pipeline)) {
      // The caller handed over the IR it means to run.
      source = this.input.pipeline;
    } else if (version === undefined || version === publisher.publishedVersion || publisher.publishedVersion === undefined) {
      // Latest, or the version this app publishes, or an import (its IR is the caller's word).
      source = publisher.pipelineSource;
    }
    const ir = source?.toIr();
    const problems = ir ? checkRunParameters(ir, this.input.parameters ?? {}, true).map((p) => `pipeline '${this.lookupName}': ${p}`) : [];
    return {
      problems,
      target: {
        pipelineName: publisher.kfpPipelineName,
        pipelineNamespace: publisher.namespace,
        version,
        ir,
        platformSpec: source?.toPlatformSpec(),
        publisher,
      },
    };
  }

  private findPublisher(scope: IConstruct, preferredNamespace: string): IPublishedPipeline | string {
    const given = this.input.pipeline;
    if (isPublisher(given)) return given;
    const all = scope.node.root.node.findAll().filter(isPublisher);
    const name = this.lookupName;
    let candidates = given
      ? all.filter((p) => p.pipelineSource === given || p.pipelineSource?.pipelineName === name || p.kfpPipelineName === name)
      : all.filter((p) => p.kfpPipelineName === name);
    if (this.input.pipelineNamespace !== undefined) {
      candidates = candidates.filter((p) => p.namespace === this.input.pipelineNamespace);
    }
    const distinct = new Map<string, IPublishedPipeline>();
    for (const c of candidates) {
      const key = `${c.namespace}/${c.kfpPipelineName}`;
      if (!distinct.has(key)) distinct.set(key, c);
    }
    if (distinct.size === 1) return [...distinct.values()][0];
    if (distinct.size === 0) {
      const ns = this.input.pipelineNamespace ? ` in namespace '${this.input.pipelineNamespace}'` : '';
      return `pipeline '${name}'${ns} is not published by any chart in this app and no import declares it; ` +
        `publish it with new PublishedPipeline(...) or declare it with PublishedPipeline.fromPipelineName(scope, id, '${name}')`;
    }
    const preferred = [...distinct.values()].filter((p) => p.namespace === preferredNamespace);
    if (preferred.length === 1) return preferred[0];
    return `pipeline '${name}' is published in several places (${[...distinct.keys()].sort().join(', ')}); ` +
      "set 'pipelineNamespace' (or 'pipeline' to the PublishedPipeline) to choose one";
  }
}


/** What every declared run (one-off or recurring) says besides its pipeline. */
export interface RunDeclarationInput {
  readonly description?: string;
  readonly experiment?: string;
  readonly experimentDescription?: string;
  readonly parameters?: { [name: string]: any };
  readonly pipelineRoot?: string;
  readonly serviceAccount?: string;
}

/**
 * The declaration a run sends to the reconciler: the shared fields, then `extra` (both part of the
 * spec hash), then `unhashed` (fields the reconciler changes in place, such as `enabled`), then the
 * spec hash. The experiment description is used only when the experiment is created, so it is not
 * hashed either.
 */
export function declareRun(name: string, input: RunDeclarationInput, target: ResolvedTarget,
  extra: Record<string, any> = {}, unhashed: Record<string, any> = {}): any {
  const spec = {
    name,
    description: input.description,
    pipelineName: target.pipelineName,
    pipelineNamespace: target.pipelineNamespace,
    version: target.version,
    experiment: input.experiment ?? 'Default',
    experimentDescription: input.experimentDescription,
    parameters: input.parameters ?? {},
    pipelineRoot: input.pipelineRoot,
    serviceAccount: input.serviceAccount,
    ...extra,
  };
  const { experimentDescription: _ignored, ...hashed } = spec;
  return JSON.parse(JSON.stringify({ ...spec, ...unhashed, specHash: sha256Hex(hashed).slice(0, 16) }));
}
