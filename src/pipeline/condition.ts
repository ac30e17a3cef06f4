import { checkJsonValue } from './json';
import { Reference } from './reference';
import { ArgValue, ConditionOperator } from '../compiler/ir/model';

/**
 * A comparison that decides whether an `If`/`Elif` branch runs: a pipeline parameter or task
 * output compared with a constant or another value. It compiles to the CEL kfp writes
 * (`int(inputs.parameter_values['pipelinechannel--x']) > 5`).
 */
export class Condition {
  /** `left == right` */
  public static equalTo(left: any, right: any): Condition {
    return new Condition('==', left, right);
  }

  /** `left != right` */
  public static notEqualTo(left: any, right: any): Condition {
    return new Condition('!=', left, right);
  }

  /** `left < right` */
  public static lessThan(left: any, right: any): Condition {
    return new Condition('<', left, right);
  }

  /** `left <= right` */
  public static lessThanOrEqualTo(left: any, right: any): Condition {
    return new Condition('<=', left, right);
  }

  /** `left > right` */
  public static greaterThan(left: any, right: any): Condition {
    return new Condition('>', left, right);
  }

  /** `left >= right` */
  public static greaterThanOrEqualTo(left: any, right: any): Condition {
    return new Condition('>=', left, right);
  }

  /** The operator: `==`, `!=`, `<`, `<=`, `>` or `>=`. */
  public readonly operator: string;

  private constructor(operator: ConditionOperator, private readonly left: any, private readonly right: any) {
    this.operator = operator;
    const where = `Condition ${operator}`;
    for (const v of [left, right]) {
      if (v instanceof Reference) {
        const t = v._type.parameterType;
        if (!t || t === 'LIST' || t === 'STRUCT' || t === 'TASK_FINAL_STATUS') {
          throw new Error(`${where}: got ${v._describe()} of type ${v.typeName}; expected a str, int, float or bool parameter`);
        }
      } else {
        if (!['string', 'number', 'boolean'].includes(typeof v)) {
          throw new Error(`${where}: got constant ${JSON.stringify(v) ?? String(v)}; expected a string, number, boolean or a reference`);
        }
        checkJsonValue(v, where);
      }
    }
    if (!(left instanceof Reference) && !(right instanceof Reference)) {
      throw new Error(`${where}: got two constants (${JSON.stringify(left)} and ${JSON.stringify(right)}); expected at least one pipeline parameter or task output`);
    }
  }

  /** @internal */
  public _operands(): Reference[] {
    return [this.left, this.right].filter((v) => v instanceof Reference);
  }

  /** @internal */
  public _toOp(negate: boolean): { operator: ConditionOperator; left: ArgValue; right: ArgValue; negate: boolean } {
    const arg = (v: any): ArgValue => (v instanceof Reference ? { value: v._toValueRef() } : { constant: v });
    return { operator: this.operator as ConditionOperator, left: arg(this.left), right: arg(this.right), negate };
  }
}
