import { Construct } from 'constructs';
import { checkJsonValue } from './json';
import { Reference } from './reference';
import { pipelineOf } from './scope';
import { TaskGroup } from './task-group';
import { ParameterType } from './types';
import { LoopItem, LoopItemField } from './values';
import { inferItemType } from '../compiler/ir/channels';
import { TypeDesc } from '../compiler/ir/model';

/** Properties of a `ParallelFor`. */
export interface ParallelForProps {
  /**
   * What to iterate over: a static list of primitives or objects, or a reference to a list
   * (a pipeline parameter, a task output, a loop item field, or a list of artifacts).
   */
  readonly items: any;
  /**
   * How many iterations may run at once.
   * @default 0 (no limit)
   */
  readonly parallelism?: number;
  /**
   * The type of each item, when the list's declared type doesn't say.
   * @default - inferred from the list type (`List[int]`) or the first static item
   */
  readonly itemType?: ParameterType;
  /**
   * The name shown in the KFP UI.
   * @default - the group name (`for-loop-N`)
   */
  readonly displayName?: string;
}


/** Runs the tasks created in it once per item, in parallel (kfp `dsl.ParallelFor`). */
export class ParallelFor extends TaskGroup {
  /** The current item. Use `item.field('name')` for a field of a struct item. */
  public readonly item: LoopItem;
  /** @internal */
  public readonly _kind = 'for-loop' as const;
  /** @internal */
  public readonly _groupName: string;
  /** @internal */
  public readonly _itemType: TypeDesc;
  /** @internal */
  public readonly _itemIsArtifact: boolean;
  /** @internal */
  public readonly _items: any;
  /** @internal */
  public readonly _itemParamName?: string;
  /** @internal */
  public readonly _parallelism: number;
  /** @internal */
  public readonly _explicitItemType?: TypeDesc;
  /** @internal */
  public readonly _displayName?: string;

  constructor(scope: Construct, id: string, props: ParallelForProps) {
    const where = `ParallelFor '${scope?.node?.path}/${id}'`;
    if (!(scope instanceof TaskGroup)) {
      throw new Error(`${where}: got scope '${scope?.node?.path}'; expected a Pipeline or a control-flow group`);
    }
    const parallelism = props?.parallelism ?? 0;
    if (!Number.isInteger(parallelism) || parallelism < 0) {
      throw new Error(`${where}: got parallelism ${JSON.stringify(parallelism)}; expected a non-negative integer`);
    }
    const items = props?.items;
    const ids = pipelineOf(scope);
    let itemType: TypeDesc;
    let isArtifact = false;
    let itemParamName: string | undefined;
    const explicit = props.itemType?._toTypeDesc();
    if (items instanceof Reference) {
      if (!items.isParameter) {
        if (!items._isArtifactList) {
          throw new Error(`${where}: got items ${items._describe()}, a single artifact (${items.typeName}); expected a list of artifacts or a list parameter`);
        }
        isArtifact = true;
        itemType = items._type;
      } else {
        if (items._type.parameterType !== 'LIST' && !(items instanceof LoopItemField)) {
          throw new Error(`${where}: got items ${items._describe()} of type ${items.typeName}; expected a LIST`);
        }
        itemType = explicit ?? items._type.itemType ?? { parameterType: 'STRING' };
      }
    } else {
      if (!Array.isArray(items) || items.length === 0) {
        throw new Error(`${where}: got items ${JSON.stringify(items)}; expected a non-empty list or a reference to a list`);
      }
      checkJsonValue(items, `${where} items`);
      if (Reference._tokensIn(JSON.stringify(items)).length > 0) {
        throw new Error(`${where}: static items contain references; expected constants (iterate over a list parameter or task output instead)`);
      }
      itemParamName = `loop-item-param-${ids._nextGroupId()}`;
      itemType = explicit ?? inferItemType(items);
    }
    super(scope, id);
    this._groupName = `for-loop-${ids._nextGroupId()}`;
    this._items = items;
    this._itemType = itemType;
    this._itemIsArtifact = isArtifact;
    this._itemParamName = itemParamName;
    this._parallelism = parallelism;
    this._explicitItemType = explicit;
    this._displayName = props.displayName;
    this.item = new LoopItem(this);
    if (items instanceof Reference) {
      // The list itself must be usable here (e.g. a loop item field only inside its loop).
      if ((items instanceof LoopItemField) && !this._isWithin(items._loop)) {
        throw new Error(`${where}: got items ${items._describe()} outside that loop; expected this ParallelFor inside '${items._loop.node.path}'`);
      }
    }
  }
}
