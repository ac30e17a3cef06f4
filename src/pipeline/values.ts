import { IConstruct } from 'constructs';
import { Reference } from './reference';
import { IrParameterType, TypeDesc, ValueRef } from '../compiler/ir/model';

/** Something that owns a task name (a `Task`), seen from a reference. */
interface TaskLike extends IConstruct {
  readonly taskName: string;
}

/** Something that owns a loop item (a `ParallelFor`). */
interface LoopLike extends IConstruct {
  /** @internal */
  readonly _groupName: string;
  /** @internal */
  readonly _itemType: TypeDesc;
  /** @internal */
  readonly _itemIsArtifact: boolean;
  /** @internal The static items, or a reference to the list. */
  readonly _items: any;
}

const PYTHON_IDENTIFIER = /^[a-zA-Z_][0-9a-zA-Z_]*$/;

function isPlainObject(v: any): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The JSON kind of a static value, as a KFP parameter type. */
function parameterTypeOf(v: any): IrParameterType {
  if (typeof v === 'string') return 'STRING';
  if (typeof v === 'boolean') return 'BOOLEAN';
  if (typeof v === 'number') return Number.isInteger(v) ? 'NUMBER_INTEGER' : 'NUMBER_DOUBLE';
  if (Array.isArray(v)) return 'LIST';
  return 'STRUCT';
}

/**
 * The type a field of static dict items is checked against: the type of its own values (kfp
 * types every field from the first value of the first dict, and so rejects
 * `[{ lr: 0.1, epochs: 10 }]` with `epochs` passed to an `int` input; the IR it would write is
 * the same either way). Integers mixed with floats make a double; other mixtures have no one
 * type (undefined), and are checked like a loop item of unknown type.
 */
function staticFieldType(loop: LoopLike, field: string): TypeDesc | undefined {
  const items: any[] = loop._items;
  const where = `ParallelFor '${loop.node.path}'`;
  const bad = items.findIndex((it) => !isPlainObject(it));
  if (bad >= 0) {
    throw new Error(`${where}: item.field('${field}') on item ${bad + 1}, ${JSON.stringify(items[bad])}, which is not a dict; expected items that are objects such as { ${field}: ... } (use loop.item itself for a list of scalars)`);
  }
  const missing = items.findIndex((it) => !(field in it));
  if (missing >= 0) {
    throw new Error(`${where}: item ${missing + 1} has no field '${field}' (its fields: ${Object.keys(items[missing]).join(', ') || 'none'}); expected every item to have it`);
  }
  const kinds = new Set(items.map((it) => parameterTypeOf(it[field])));
  if (kinds.size === 1) return { parameterType: [...kinds][0] };
  if ([...kinds].every((k) => k === 'NUMBER_INTEGER' || k === 'NUMBER_DOUBLE')) return { parameterType: 'NUMBER_DOUBLE' };
  return undefined;
}

/** A pipeline input (kfp: a pipeline parameter channel). Get one with `pipeline.param(name)`. */
export class PipelineParameter extends Reference {
  /** The input name. */
  public readonly name: string;
  /** @internal */
  public readonly _pipeline: IConstruct;

  /** @internal */
  constructor(pipeline: IConstruct, name: string, type: any, isArtifactList: boolean) {
    super(type, isArtifactList);
    this._pipeline = pipeline;
    this.name = name;
  }

  /** @internal */
  public _toValueRef(): ValueRef {
    return { ref: 'param', name: this.name, type: this._type, ...(this._isArtifactList ? { isArtifactList: true } : {}) };
  }

  /** @internal */
  public _describe(): string {
    return `input '${this.name}' of pipeline '${this._pipeline.node.path}'`;
  }
}

/** An output of a task. Get one with `task.output(name)`. */
export class TaskOutput extends Reference {
  /** The output name. */
  public readonly name: string;
  /** @internal */
  public readonly _task: TaskLike;

  /** @internal */
  constructor(task: IConstruct, name: string, type: any, isArtifactList: boolean) {
    super(type, isArtifactList);
    this._task = task as TaskLike;
    this.name = name;
  }

  /** @internal */
  public _toValueRef(): ValueRef {
    return { ref: 'output', task: this._task.taskName, output: this.name, type: this._type, ...(this._isArtifactList ? { isArtifactList: true } : {}) };
  }

  /** @internal */
  public _describe(): string {
    return `output '${this.name}' of task '${this._task.node.path}'`;
  }
}

/** The current item of a `ParallelFor`. Use `field(name)` for a field of a struct item. */
export class LoopItem extends Reference {
  private readonly fields = new Map<string, LoopItemField>();

  /** @internal */
  public readonly _loop: LoopLike;

  /** @internal */
  constructor(loop: IConstruct) {
    super((loop as LoopLike)._itemType, false);
    this._loop = loop as LoopLike;
  }

  /**
   * A field of a struct item (kfp: `item.a`).
   *
   * @param name a Python identifier
   */
  public field(name: string): LoopItemField {
    if (this._loop._itemIsArtifact) {
      throw new Error(`ParallelFor '${this._loop.node.path}': field '${name}' of an artifact item; expected a loop over parameters with struct items`);
    }
    if (!PYTHON_IDENTIFIER.test(name)) {
      throw new Error(`ParallelFor '${this._loop.node.path}': got item field name '${name}'; expected a Python identifier (letters, digits, '_')`);
    }
    let f = this.fields.get(name);
    if (!f) {
      const exact = Array.isArray(this._loop._items) ? staticFieldType(this._loop, name) : undefined;
      f = new LoopItemField(this._loop, name, exact ?? this._type.valueType ?? { parameterType: 'STRING' }, exact !== undefined);
      this.fields.set(name, f);
    }
    return f;
  }

  /** @internal */
  public _toValueRef(): ValueRef {
    return { ref: 'loopItem', loop: this._loop._groupName };
  }

  /** @internal */
  public _describe(): string {
    return `the item of ParallelFor '${this._loop.node.path}'`;
  }
}

/** A field of a `ParallelFor` struct item. */
export class LoopItemField extends Reference {
  /** The field name. */
  public readonly fieldName: string;
  /** @internal */
  public readonly _loop: LoopLike;

  /** @internal Whether the type is known from the values of static items. */
  public readonly _exactType: boolean;

  /** @internal */
  constructor(loop: IConstruct, fieldName: string, type: any, exactType: boolean = false) {
    super(type, false);
    this._loop = loop as LoopLike;
    this.fieldName = fieldName;
    this._exactType = exactType;
  }

  /** @internal */
  public _toValueRef(): ValueRef {
    return { ref: 'loopField', loop: this._loop._groupName, field: this.fieldName };
  }

  /** @internal */
  public _describe(): string {
    return `field '${this.fieldName}' of the item of ParallelFor '${this._loop.node.path}'`;
  }
}

/**
 * Fans in the outputs of a task inside a `ParallelFor` into a list, for a task (or pipeline
 * output) outside the loop (kfp: `dsl.Collected`). A parameter becomes a `LIST`; an artifact a
 * list of artifacts.
 */
export class Collected extends Reference {
  /** Collects a task output produced inside a `ParallelFor`. */
  public static of(output: TaskOutput): Collected {
    const given: unknown = output;
    if (!(given instanceof TaskOutput)) {
      throw new Error(`Collected.of: got ${given instanceof Reference ? given._describe() : JSON.stringify(given)}; expected a task output (task.output(name)) produced inside a ParallelFor`);
    }
    return new Collected(output);
  }

  private constructor(/** The collected output. */ public readonly output: TaskOutput) {
    super(output.isParameter ? { parameterType: 'LIST', itemType: output._type } : output._type, !output.isParameter);
  }

  /** @internal */
  public _toValueRef(): ValueRef {
    return { ref: 'collected', of: this.output._toValueRef() };
  }

  /** @internal */
  public _describe(): string {
    return `Collected(${this.output._describe()})`;
  }

  /** @internal */
  public _parts(): Reference[] {
    return [this.output];
  }
}
