import { checkJsonValue } from './json';
import { ArtifactType, ParameterType } from './types';
import { IoDesc, TypeDesc } from '../compiler/ir/model';

/** Options common to every input. */
export interface InputOptions {
  /**
   * A description, written to the IR.
   * @default - none
   */
  readonly description?: string;
  /**
   * Whether the input may be omitted (kfp: a default of `None`). Set `false` together with a
   * default to write the default without `isOptional`, as kfp does for defaults given at
   * compile time (`compile(pipeline_parameters=...)`).
   * @default - true when there is a default, else false
   */
  readonly optional?: boolean;
}

/** Options of a `str` input. */
export interface StringInputOptions extends InputOptions {
  /** @default - no default: the input is required unless `optional` */
  readonly default?: string;
}

/** Options of an `int` or `float` input. */
export interface NumberInputOptions extends InputOptions {
  /** @default - no default: the input is required unless `optional` */
  readonly default?: number;
}

/** Options of a `bool` input. */
export interface BooleanInputOptions extends InputOptions {
  /** @default - no default: the input is required unless `optional` */
  readonly default?: boolean;
}

/** Options of a `list` input. */
export interface ListInputOptions extends InputOptions {
  /** @default - no default: the input is required unless `optional` */
  readonly default?: any[];
  /**
   * The element type (`List[int]`); decides the type of `ParallelFor` items.
   * @default - unknown (loop items are strings)
   */
  readonly itemType?: ParameterType;
}

/** Options of a `dict` input. */
export interface StructInputOptions extends InputOptions {
  /** @default - no default: the input is required unless `optional` */
  readonly default?: { [key: string]: any };
  /**
   * The value type (`Dict[str, int]`); decides the type of loop item fields.
   * @default - unknown (fields are strings)
   */
  readonly valueType?: ParameterType;
}

/** Options of an artifact input. */
export interface ArtifactInputOptions extends InputOptions {}

/** Options of an output. */
export interface OutputOptions {
  /**
   * A description, written to the IR.
   * @default - none
   */
  readonly description?: string;
}

/** Options of a `list` output. */
export interface ListOutputOptions extends OutputOptions {
  /**
   * The element type (`List[Dict[str, str]]`); decides the type of `ParallelFor` items.
   * @default - unknown (loop items are strings)
   */
  readonly itemType?: ParameterType;
}

/** Options of a `dict` output. */
export interface StructOutputOptions extends OutputOptions {
  /**
   * The value type; decides the type of loop item fields.
   * @default - unknown
   */
  readonly valueType?: ParameterType;
}

/** A typed input of a component or pipeline. Create one with `Input` or `Parameter`. */
export class InputSpec {
  /** @internal */
  public static _of(desc: IoDesc): InputSpec {
    return new InputSpec(desc);
  }

  private constructor(private readonly desc: IoDesc) {}

  /** Whether this is a parameter (as opposed to an artifact). */
  public get isParameter(): boolean {
    return this.desc.type.parameterType !== undefined;
  }

  /** Whether the input may be omitted. */
  public get isOptional(): boolean {
    return !!this.desc.optional;
  }

  /** @internal */
  public _toDesc(): IoDesc {
    return this.desc;
  }
}

/** A typed output of a component or pipeline. Create one with `Output`. */
export class OutputSpec {
  /** @internal */
  public static _of(desc: IoDesc): OutputSpec {
    return new OutputSpec(desc);
  }

  private constructor(private readonly desc: IoDesc) {}

  /** Whether this is a parameter (as opposed to an artifact). */
  public get isParameter(): boolean {
    return this.desc.type.parameterType !== undefined;
  }

  /** @internal */
  public _toDesc(): IoDesc {
    return this.desc;
  }
}

function param(type: TypeDesc, opts: InputOptions & { default?: any }, check: (v: any) => boolean, expected: string, where: string): InputSpec {
  const o = opts ?? {};
  if (o.default !== undefined && o.default !== null) {
    if (!check(o.default)) {
      throw new Error(`${where}: got default ${safe(o.default)}; expected ${expected}`);
    }
    checkJsonValue(o.default, `${where} default`);
  }
  const hasDefault = o.default !== undefined && o.default !== null;
  return InputSpec._of({
    type,
    optional: o.optional ?? hasDefault,
    ...(hasDefault ? { default: o.default } : {}),
    ...(o.description ? { description: o.description } : {}),
  });
}

function safe(v: any): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

function artifact(type: ArtifactType, opts: ArtifactInputOptions | undefined, isList: boolean): InputSpec {
  const o = opts ?? {};
  return InputSpec._of({
    type: type._toTypeDesc(),
    ...(isList ? { isArtifactList: true } : {}),
    optional: !!o.optional,
    ...(o.description ? { description: o.description } : {}),
  });
}

/** Factories for component and pipeline inputs (kfp: function parameters and `Input[...]`). */
export class Input {
  /** A `str` parameter. */
  public static string(options: StringInputOptions = {}): InputSpec {
    return param({ parameterType: 'STRING' }, options, (v) => typeof v === 'string', 'a string', 'Input.string');
  }

  /** An `int` parameter. */
  public static integer(options: NumberInputOptions = {}): InputSpec {
    return param({ parameterType: 'NUMBER_INTEGER' }, options, (v) => Number.isInteger(v), 'an integer', 'Input.integer');
  }

  /** A `float` parameter. */
  public static double(options: NumberInputOptions = {}): InputSpec {
    return param({ parameterType: 'NUMBER_DOUBLE' }, options, (v) => typeof v === 'number' && Number.isFinite(v), 'a finite number', 'Input.double');
  }

  /** A `bool` parameter. */
  public static boolean(options: BooleanInputOptions = {}): InputSpec {
    return param({ parameterType: 'BOOLEAN' }, options, (v) => typeof v === 'boolean', 'a boolean', 'Input.boolean');
  }

  /** A `list` parameter. */
  public static list(options: ListInputOptions = {}): InputSpec {
    const type: TypeDesc = { parameterType: 'LIST', ...(options.itemType ? { itemType: options.itemType._toTypeDesc() } : {}) };
    return param(type, options, (v) => Array.isArray(v), 'a list', 'Input.list');
  }

  /** A `dict` parameter. */
  public static struct(options: StructInputOptions = {}): InputSpec {
    const type: TypeDesc = { parameterType: 'STRUCT', ...(options.valueType ? { valueType: options.valueType._toTypeDesc() } : {}) };
    return param(type, options, (v) => v !== null && typeof v === 'object' && !Array.isArray(v), 'an object', 'Input.struct');
  }

  /** A parameter of the given type, with no default. */
  public static parameter(type: ParameterType, options: InputOptions = {}): InputSpec {
    if (type.irType === 'TASK_FINAL_STATUS') return Input.taskFinalStatus(options);
    return param(type._toTypeDesc(), options, () => true, '', 'Input.parameter');
  }

  /**
   * A `PipelineTaskFinalStatus` input: an ExitHandler's exit task (or a task that ignores
   * upstream failures) receives the final status of the tasks it waits for.
   */
  public static taskFinalStatus(options: OutputOptions = {}): InputSpec {
    return InputSpec._of({ type: { parameterType: 'TASK_FINAL_STATUS' }, optional: true, ...(options.description ? { description: options.description } : {}) });
  }

  /** An artifact of the given type. */
  public static artifact(type: ArtifactType = ArtifactType.ARTIFACT, options?: ArtifactInputOptions): InputSpec {
    return artifact(type, options, false);
  }

  /** A list of artifacts of the given type (`List[Artifact]`, `Input[List[Dataset]]`). */
  public static artifactList(type: ArtifactType = ArtifactType.ARTIFACT, options?: ArtifactInputOptions): InputSpec {
    return artifact(type, options, true);
  }

  /** A `Dataset` artifact. */
  public static dataset(options?: ArtifactInputOptions): InputSpec {
    return artifact(ArtifactType.DATASET, options, false);
  }

  /** A `Model` artifact. */
  public static model(options?: ArtifactInputOptions): InputSpec {
    return artifact(ArtifactType.MODEL, options, false);
  }

  /** A `Metrics` artifact. */
  public static metrics(options?: ArtifactInputOptions): InputSpec {
    return artifact(ArtifactType.METRICS, options, false);
  }

  /** A `ClassificationMetrics` artifact. */
  public static classificationMetrics(options?: ArtifactInputOptions): InputSpec {
    return artifact(ArtifactType.CLASSIFICATION_METRICS, options, false);
  }

  /** A `SlicedClassificationMetrics` artifact. */
  public static slicedClassificationMetrics(options?: ArtifactInputOptions): InputSpec {
    return artifact(ArtifactType.SLICED_CLASSIFICATION_METRICS, options, false);
  }

  /** An `HTML` artifact. */
  public static html(options?: ArtifactInputOptions): InputSpec {
    return artifact(ArtifactType.HTML, options, false);
  }

  /** A `Markdown` artifact. */
  public static markdown(options?: ArtifactInputOptions): InputSpec {
    return artifact(ArtifactType.MARKDOWN, options, false);
  }

  private constructor() {}
}

/** Factories for pipeline parameters: the same as the parameter factories of `Input`. */
export class Parameter {
  /** A `str` pipeline parameter. */
  public static string(options: StringInputOptions = {}): InputSpec {
    return Input.string(options);
  }

  /** An `int` pipeline parameter. */
  public static integer(options: NumberInputOptions = {}): InputSpec {
    return Input.integer(options);
  }

  /** A `float` pipeline parameter. */
  public static double(options: NumberInputOptions = {}): InputSpec {
    return Input.double(options);
  }

  /** A `bool` pipeline parameter. */
  public static boolean(options: BooleanInputOptions = {}): InputSpec {
    return Input.boolean(options);
  }

  /** A `list` pipeline parameter. */
  public static list(options: ListInputOptions = {}): InputSpec {
    return Input.list(options);
  }

  /** A `dict` pipeline parameter. */
  public static struct(options: StructInputOptions = {}): InputSpec {
    return Input.struct(options);
  }

  private constructor() {}
}

function out(type: TypeDesc, opts: OutputOptions | undefined, isList = false): OutputSpec {
  return OutputSpec._of({ type, ...(isList ? { isArtifactList: true } : {}), ...(opts?.description ? { description: opts.description } : {}) });
}

/** Factories for component and pipeline outputs (kfp: return values, `OutputPath`, `Output[...]`). */
export class Output {
  /** A `str` output parameter. */
  public static string(options?: OutputOptions): OutputSpec {
    return out({ parameterType: 'STRING' }, options);
  }

  /** An `int` output parameter. */
  public static integer(options?: OutputOptions): OutputSpec {
    return out({ parameterType: 'NUMBER_INTEGER' }, options);
  }

  /** A `float` output parameter. */
  public static double(options?: OutputOptions): OutputSpec {
    return out({ parameterType: 'NUMBER_DOUBLE' }, options);
  }

  /** A `bool` output parameter. */
  public static boolean(options?: OutputOptions): OutputSpec {
    return out({ parameterType: 'BOOLEAN' }, options);
  }

  /** A `list` output parameter. */
  public static list(options: ListOutputOptions = {}): OutputSpec {
    return out({ parameterType: 'LIST', ...(options.itemType ? { itemType: options.itemType._toTypeDesc() } : {}) }, options);
  }

  /** A `dict` output parameter. */
  public static struct(options: StructOutputOptions = {}): OutputSpec {
    return out({ parameterType: 'STRUCT', ...(options.valueType ? { valueType: options.valueType._toTypeDesc() } : {}) }, options);
  }

  /** An output parameter of the given type. */
  public static parameter(type: ParameterType, options?: OutputOptions): OutputSpec {
    if (type.irType === 'TASK_FINAL_STATUS') throw new Error('Output.parameter: got TASK_FINAL_STATUS; expected a value type (it is only an input type)');
    return out(type._toTypeDesc(), options);
  }

  /** An artifact of the given type. */
  public static artifact(type: ArtifactType = ArtifactType.ARTIFACT, options?: OutputOptions): OutputSpec {
    return out(type._toTypeDesc(), options);
  }

  /** A list of artifacts (e.g. a pipeline output made with `Collected`). */
  public static artifactList(type: ArtifactType = ArtifactType.ARTIFACT, options?: OutputOptions): OutputSpec {
    return out(type._toTypeDesc(), options, true);
  }

  /** A `Dataset` artifact. */
  public static dataset(options?: OutputOptions): OutputSpec {
    return out(ArtifactType.DATASET._toTypeDesc(), options);
  }

  /** A `Model` artifact. */
  public static model(options?: OutputOptions): OutputSpec {
    return out(ArtifactType.MODEL._toTypeDesc(), options);
  }

  /** A `Metrics` artifact. */
  public static metrics(options?: OutputOptions): OutputSpec {
    return out(ArtifactType.METRICS._toTypeDesc(), options);
  }

  /** A `ClassificationMetrics` artifact. */
  public static classificationMetrics(options?: OutputOptions): OutputSpec {
    return out(ArtifactType.CLASSIFICATION_METRICS._toTypeDesc(), options);
  }

  /** A `SlicedClassificationMetrics` artifact. */
  public static slicedClassificationMetrics(options?: OutputOptions): OutputSpec {
    return out(ArtifactType.SLICED_CLASSIFICATION_METRICS._toTypeDesc(), options);
  }

  /** An `HTML` artifact. */
  public static html(options?: OutputOptions): OutputSpec {
    return out(ArtifactType.HTML._toTypeDesc(), options);
  }

  /** A `Markdown` artifact. */
  public static markdown(options?: OutputOptions): OutputSpec {
    return out(ArtifactType.MARKDOWN._toTypeDesc(), options);
  }

  private constructor() {}
}
