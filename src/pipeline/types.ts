import { IrParameterType, TypeDesc } from '../compiler/ir/model';

/**
 * The type of a parameter (a JSON value passed by value).
 *
 * `LIST` and `STRUCT` can carry the type of their elements (`ParameterType.listOf(...)`,
 * `ParameterType.structOf(...)`); it decides the type of `ParallelFor` items and item fields,
 * the way `List[int]` and `Dict[str, int]` do in the kfp DSL. It is not written to the IR.
 */
export class ParameterType {
  /** `str` */
  public static readonly STRING = new ParameterType('STRING');
  /** `int` */
  public static readonly NUMBER_INTEGER = new ParameterType('NUMBER_INTEGER');
  /** `float` */
  public static readonly NUMBER_DOUBLE = new ParameterType('NUMBER_DOUBLE');
  /** `bool` */
  public static readonly BOOLEAN = new ParameterType('BOOLEAN');
  /** `list` of unknown elements (loop items are then strings) */
  public static readonly LIST = new ParameterType('LIST');
  /** `dict` of unknown values (loop item fields are then strings) */
  public static readonly STRUCT = new ParameterType('STRUCT');
  /** `PipelineTaskFinalStatus`: the final status of an ExitHandler's tasks. */
  public static readonly TASK_FINAL_STATUS = new ParameterType('TASK_FINAL_STATUS');

  /** A list whose elements have the given type (`List[int]`). */
  public static listOf(itemType: ParameterType): ParameterType {
    return new ParameterType('LIST', itemType);
  }

  /** A struct whose values have the given type (`Dict[str, int]`). */
  public static structOf(valueType: ParameterType): ParameterType {
    return new ParameterType('STRUCT', undefined, valueType);
  }

  private constructor(
    /** The IR `parameterType`. */
    public readonly irType: string,
    /** For lists: the element type. */
    public readonly itemType?: ParameterType,
    /** For structs: the value type. */
    public readonly valueType?: ParameterType,
  ) {}

  /** @internal */
  public _toTypeDesc(): TypeDesc {
    return {
      parameterType: this.irType as IrParameterType,
      ...(this.itemType ? { itemType: this.itemType._toTypeDesc() } : {}),
      ...(this.valueType ? { valueType: this.valueType._toTypeDesc() } : {}),
    };
  }
}

/** The type of an artifact: a schema title and version. */
export class ArtifactType {
  /** `system.Artifact`: any artifact (compatible with every artifact type). */
  public static readonly ARTIFACT = new ArtifactType('system.Artifact', '0.0.1');
  /** `system.Dataset` */
  public static readonly DATASET = new ArtifactType('system.Dataset', '0.0.1');
  /** `system.Model` */
  public static readonly MODEL = new ArtifactType('system.Model', '0.0.1');
  /** `system.Metrics` */
  public static readonly METRICS = new ArtifactType('system.Metrics', '0.0.1');
  /** `system.ClassificationMetrics` */
  public static readonly CLASSIFICATION_METRICS = new ArtifactType('system.ClassificationMetrics', '0.0.1');
  /** `system.SlicedClassificationMetrics` */
  public static readonly SLICED_CLASSIFICATION_METRICS = new ArtifactType('system.SlicedClassificationMetrics', '0.0.1');
  /** `system.HTML` */
  public static readonly HTML = new ArtifactType('system.HTML', '0.0.1');
  /** `system.Markdown` */
  public static readonly MARKDOWN = new ArtifactType('system.Markdown', '0.0.1');

  /**
   * Any other artifact type, for example `google.VertexModel`.
   *
   * @param schemaTitle the schema title, such as `google.VertexModel`
   * @param schemaVersion a three-part version
   * @default schemaVersion '0.0.1'
   */
  public static custom(schemaTitle: string, schemaVersion: string = '0.0.1'): ArtifactType {
    if (typeof schemaTitle !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$/.test(schemaTitle)) {
      throw new Error(`ArtifactType.custom: got schema title ${JSON.stringify(schemaTitle)}; expected a dotted name such as 'google.VertexModel'`);
    }
    if (typeof schemaVersion !== 'string' || !/^[0-9]+\.[0-9]+\.[0-9]+$/.test(schemaVersion)) {
      throw new Error(`ArtifactType.custom: got schema version ${JSON.stringify(schemaVersion)} for '${schemaTitle}'; expected three-part semantic versioning such as '0.0.1'`);
    }
    return new ArtifactType(schemaTitle, schemaVersion);
  }

  /** Finds a built-in type by its kfp name (`Dataset`, `system.Model`, `model`), or undefined. */
  public static fromName(name: string): ArtifactType | undefined {
    const n = name.replace(/^system\./i, '').toLowerCase();
    const all = [ArtifactType.ARTIFACT, ArtifactType.DATASET, ArtifactType.MODEL, ArtifactType.METRICS,
      ArtifactType.CLASSIFICATION_METRICS, ArtifactType.SLICED_CLASSIFICATION_METRICS, ArtifactType.HTML, ArtifactType.MARKDOWN];
    return all.find((t) => t.schemaTitle.replace(/^system\./, '').toLowerCase() === n);
  }

  private constructor(
    /** The schema title, e.g. `system.Dataset`. */
    public readonly schemaTitle: string,
    /** The schema version, e.g. `0.0.1`. */
    public readonly schemaVersion: string,
  ) {}

  /** @internal */
  public _toTypeDesc(): TypeDesc {
    return { schemaTitle: this.schemaTitle, schemaVersion: this.schemaVersion };
  }
}

/** A human-readable name of a type, for messages: `STRING`, `LIST`, `system.Dataset`, `List[system.Model]`. */
export function describeType(t: TypeDesc, isList = false): string {
  const base = t.schemaTitle ?? t.parameterType ?? 'unknown';
  return isList ? `List[${base}]` : base;
}

/**
 * Whether a value of type `given` can be passed to an input of type `expected`, following kfp:
 * parameters must have the same IR type; artifacts must have the same list-ness and the same
 * schema title (and major version), except that `system.Artifact` matches any artifact.
 */
export function typesCompatible(given: TypeDesc, givenList: boolean, expected: TypeDesc, expectedList: boolean): boolean {
  const gp = given.parameterType !== undefined;
  const ep = expected.parameterType !== undefined;
  if (gp !== ep) return false;
  if (gp) {
    // A final status is a struct (kfp passes it to `dict` inputs).
    const norm = (t: string | undefined) => (t === 'TASK_FINAL_STATUS' ? 'STRUCT' : t);
    return norm(given.parameterType) === norm(expected.parameterType);
  }
  if (givenList !== expectedList) return false;
  if (given.schemaTitle === 'system.Artifact' || expected.schemaTitle === 'system.Artifact') return true;
  return given.schemaTitle === expected.schemaTitle
    && (given.schemaVersion ?? '').split('.')[0] === (expected.schemaVersion ?? '').split('.')[0];
}
