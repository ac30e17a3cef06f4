import { describeType } from './types';
import { TypeDesc, ValueRef } from '../compiler/ir/model';
import { REF_TOKEN_PATTERN, refToken } from '../compiler/ir/tokens';

const REGISTRY = new Map<string, Reference>();
let nextId = 1;

/**
 * A runtime value: a pipeline parameter, a task output, a loop item, or a fan-in of these
 * (kfp: a pipeline channel). Pass it as a task input, compare it in a `Condition`, or embed it
 * in a string with a template literal (`` `heads and ${num} > 5!` ``), which kfp writes as a
 * placeholder string with an extra input.
 */
export abstract class Reference {
  /** Whether a value is a reference. */
  public static isReference(x: any): boolean {
    return x instanceof Reference;
  }

  /** @internal */
  public static _fromToken(id: string): Reference | undefined {
    return REGISTRY.get(id);
  }

  /** @internal */
  public static _tokensIn(text: string): Reference[] {
    const refs: Reference[] = [];
    for (const m of text.matchAll(REF_TOKEN_PATTERN)) {
      const r = REGISTRY.get(m[1]);
      if (r) refs.push(r);
    }
    return refs;
  }

  /** The type, for messages (`STRING`, `system.Dataset`, `List[system.Model]`). */
  public readonly typeName: string;

  /** @internal */
  public readonly _token: string;

  /** @internal */
  public readonly _type: TypeDesc;
  /** @internal */
  public readonly _isArtifactList: boolean;

  /**
   * @param type the value's type (internal type description)
   * @param isArtifactList whether the value is a list of artifacts
   */
  protected constructor(type: any, isArtifactList: boolean) {
    this._type = type as TypeDesc;
    this._isArtifactList = isArtifactList;
    this._token = String(nextId++);
    REGISTRY.set(this._token, this);
    this.typeName = describeType(this._type, isArtifactList);
  }

  /** Whether this is a parameter (as opposed to an artifact). */
  public get isParameter(): boolean {
    return this._type.parameterType !== undefined;
  }

  /** The reference as a string token, for embedding in strings. */
  public toString(): string {
    return refToken(this._token);
  }

  /** @internal */
  public abstract _toValueRef(): ValueRef;

  /** @internal What the reference is, for messages. */
  public abstract _describe(): string;

  /**
   * @internal The references this one is made of: the outputs a `OneOf` picks from, the output a
   * `Collected` fans in. None for a plain value.
   */
  public _parts(): Reference[] {
    return [];
  }
}
