import { Construct } from 'constructs';
import { Condition } from './condition';
import { Reference } from './reference';
import { pipelineOf } from './scope';
import { TaskGroup } from './task-group';
import { Collected, TaskOutput } from './values';
import { ConditionOpDesc, ValueRef } from '../compiler/ir/model';
import { describeValue } from '../util/describe';


function checkScope(scope: Construct, what: string, id: string) {
  if (!(scope instanceof TaskGroup)) {
    throw new Error(`${what} '${scope?.node?.path}/${id}': got scope '${scope?.node?.path}'; expected a Pipeline or a control-flow group`);
  }
}

/** @internal The If/Elif/Else chain (kfp: the `condition-branches-N` group). */
export class ConditionBranches {
  public name: string = '';
  public readonly branches: ConditionBranch[] = [];
  private oneOfIds = 0;

  public nextOneOfId(): number {
    return ++this.oneOfIds;
  }

  public get hasElse(): boolean {
    return this.branches[this.branches.length - 1] instanceof Else;
  }
}

/** A branch of an If/Elif/Else chain. */
export abstract class ConditionBranch extends TaskGroup {
  /** @internal */
  public readonly _kind = 'condition' as const;
  /** @internal */
  public _groupName: string;
  /** @internal */
  public _chain?: ConditionBranches;
  /** @internal The conditions of this branch (earlier branches negated). */
  public _conditions: Array<{ condition: Condition; negate: boolean }> = [];
  /** @internal What the next Elif/Else inherits (every condition so far, negated). */
  public _negatedUpstream: Array<{ condition: Condition; negate: boolean }> = [];
  private readonly displayName?: string;

  protected constructor(scope: Construct, id: string, displayName?: string) {
    super(scope, id);
    this.displayName = displayName;
    this._groupName = '';
  }

  /** Adds an `Elif` branch after this one. */
  public elif(id: string, condition: Condition): Elif {
    return new Elif(this.node.scope as Construct, id, { previous: this, condition });
  }

  /** Adds the `Else` branch after this one. */
  public otherwise(id: string): Else {
    return new Else(this.node.scope as Construct, id, { previous: this });
  }

  /** @internal */
  public _opsDesc(): ConditionOpDesc[] {
    return this._conditions.map((c) => c.condition._toOp(c.negate));
  }

  /** @internal */
  public _displayName(): string | undefined {
    return this.displayName;
  }

  /** @internal Starts (or continues) the chain, as kfp does when Elif/Else follows. */
  public _ensureChain(): ConditionBranches {
    if (this._chain) return this._chain;
    const ids = pipelineOf(this);
    const chain = new ConditionBranches();
    const wrapperId = ids._nextGroupId();
    const ownId = this._groupName.split('-').pop();
    chain.name = `condition-branches-${ownId}`;
    this._groupName = `condition-${wrapperId}`;
    chain.branches.push(this);
    this._chain = chain;
    return chain;
  }
}

function checkPrevious(scope: Construct, what: string, id: string, previous: ConditionBranch) {
  const where = `${what} '${scope?.node?.path}/${id}'`;
  if (!(previous instanceof ConditionBranch)) {
    throw new Error(`${where}: got previous ${describeValue(previous)}; expected an If or Elif`);
  }
  if (previous instanceof Else) {
    throw new Error(`${where}: follows Else '${previous.node.path}'; expected it to follow an If or Elif`);
  }
  if (previous.node.scope !== scope) {
    throw new Error(`${where}: previous branch '${previous.node.path}' is in another scope; expected Elif/Else in the same scope as their If`);
  }
  const lastOfChain = !previous._chain || previous._chain.branches[previous._chain.branches.length - 1] === previous;
  if ((scope as TaskGroup)._lastGroup !== previous || !lastOfChain) {
    throw new Error(`${where}: must directly follow '${previous.node.path}', but another group was created in between; expected Elif/Else right after their If/Elif`);
  }
}

/** Properties of an `If`. */
export interface IfProps {
  /**
   * The name shown in the KFP UI.
   * @default - the group name (`condition-N`)
   */
  readonly displayName?: string;
}

/** Runs the tasks created in it only when a condition holds (kfp `dsl.If`). */
export class If extends ConditionBranch {
  constructor(scope: Construct, id: string, condition: Condition, props: IfProps = {}) {
    checkScope(scope, 'If', id);
    if (!(condition instanceof Condition)) {
      throw new Error(`If '${scope.node.path}/${id}': got condition ${JSON.stringify(condition)}; expected a Condition (Condition.equalTo(task.output(), 'heads'))`);
    }
    super(scope, id, props.displayName);
    this._conditions = [{ condition, negate: false }];
    this._negatedUpstream = [{ condition, negate: true }];
    this._groupName = `condition-${pipelineOf(this)._nextGroupId()}`;
  }
}

/** Properties of an `Elif`. */
export interface ElifProps {
  /** The If or Elif this branch follows. */
  readonly previous: ConditionBranch;
  /** The condition of this branch. */
  readonly condition: Condition;
  /**
   * The name shown in the KFP UI.
   * @default - the group name
   */
  readonly displayName?: string;
}

/** A branch that runs when earlier branches didn't and its condition holds (kfp `dsl.Elif`). */
export class Elif extends ConditionBranch {
  constructor(scope: Construct, id: string, props: ElifProps) {
    checkScope(scope, 'Elif', id);
    checkPrevious(scope, 'Elif', id, props?.previous);
    if (!(props.condition instanceof Condition)) {
      throw new Error(`Elif '${scope.node.path}/${id}': got condition ${JSON.stringify(props.condition)}; expected a Condition`);
    }
    const upstream = props.previous._negatedUpstream;
    super(scope, id, props.displayName);
    this._conditions = [...upstream, { condition: props.condition, negate: false }];
    this._negatedUpstream = [...upstream, { condition: props.condition, negate: true }];
    const chain = props.previous._ensureChain();
    this._groupName = `condition-${pipelineOf(this)._nextGroupId()}`;
    chain.branches.push(this);
    this._chain = chain;
  }
}

/** Properties of an `Else`. */
export interface ElseProps {
  /** The If or Elif this branch follows. */
  readonly previous: ConditionBranch;
  /**
   * The name shown in the KFP UI.
   * @default - the group name
   */
  readonly displayName?: string;
}

/** The branch that runs when no earlier branch did (kfp `dsl.Else`). */
export class Else extends ConditionBranch {
  constructor(scope: Construct, id: string, props: ElseProps) {
    checkScope(scope, 'Else', id);
    checkPrevious(scope, 'Else', id, props?.previous);
    super(scope, id, props.displayName);
    this._conditions = [...props.previous._negatedUpstream];
    const chain = props.previous._ensureChain();
    this._groupName = `condition-${pipelineOf(this)._nextGroupId()}`;
    chain.branches.push(this);
    this._chain = chain;
  }
}

/**
 * The output of whichever If/Elif/Else branch ran (kfp `dsl.OneOf`). Each value must be an
 * output of a task directly in a different branch of one chain, which must end with `Else`.
 */
export class OneOf extends Reference {
  /** Picks the value from the branch that ran. */
  public static of(...values: TaskOutput[]): OneOf {
    return new OneOf(values);
  }

  /** @internal */
  public readonly _values: TaskOutput[];
  private readonly chain: ConditionBranches;
  private readonly id: number;

  private constructor(values: TaskOutput[]) {
    if (!values || values.length < 2) {
      throw new Error(`OneOf.of: got ${values?.length ?? 0} value(s); expected outputs of tasks in at least two branches of an If/Elif/Else chain`);
    }
    for (const v of values as unknown[]) {
      if (v instanceof Collected || v instanceof OneOf) {
        throw new Error(`OneOf.of: got ${v._describe()}; Collected and OneOf can't be used inside OneOf`);
      }
      if (!(v instanceof TaskOutput)) {
        throw new Error(`OneOf.of: got ${v instanceof Reference ? v._describe() : JSON.stringify(v)}; expected task outputs`);
      }
    }
    const first = values[0];
    const branchOf = (v: TaskOutput): ConditionBranch | undefined => {
      const s = v._task.node.scope;
      return s instanceof ConditionBranch ? s : undefined;
    };
    const firstBranch = branchOf(first);
    if (!firstBranch || !firstBranch._chain) {
      throw new Error(`OneOf.of: ${first._describe()} is not produced directly inside a branch of an If/Elif/Else chain; expected outputs of tasks in the branches`);
    }
    const chain = firstBranch._chain;
    if (!chain.hasElse) {
      throw new Error(`OneOf.of: the If/Elif/Else chain of '${firstBranch.node.path}' has no Else branch; expected an Else so that a value is always produced`);
    }
    for (const v of values) {
      const b = branchOf(v);
      if (!b || b._chain !== chain) {
        throw new Error(`OneOf.of: ${v._describe()} is not produced directly inside a branch of the chain of '${firstBranch.node.path}'; expected outputs from one If/Elif/Else chain`);
      }
      if (v.isParameter !== first.isParameter) {
        throw new Error(`OneOf.of: got a mix of parameters and artifacts (${first._describe()} and ${v._describe()}); expected values of one type`);
      }
      if (v.typeName !== first.typeName) {
        throw new Error(`OneOf.of: ${v._describe()} has type ${v.typeName} but ${first._describe()} has type ${first.typeName}; expected values of one type`);
      }
    }
    super(first._type, first._isArtifactList);
    this._values = values;
    this.chain = chain;
    this.id = chain.nextOneOfId();
  }

  /** @internal */
  public _toValueRef(): ValueRef {
    return { ref: 'oneOf', group: this.chain.name, id: this.id, values: this._values.map((v) => v._toValueRef()) };
  }

  /** @internal */
  public _describe(): string {
    return `OneOf(${this._values.map((v) => v._describe()).join(', ')})`;
  }

  /** @internal */
  public _parts(): Reference[] {
    return this._values;
  }
}
