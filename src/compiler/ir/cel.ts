/** Conditions to the CEL expressions kfp writes in `triggerPolicy.condition`. */
import { Channel } from './channel';
import { IrParameterType } from './model';
import { pyNumberStr } from './pyjson';

export interface CelOperation {
  readonly operator: string;
  readonly left: Channel | string | number | boolean;
  readonly right: Channel | string | number | boolean;
  readonly negate: boolean;
}

function constantType(v: string | number | boolean): IrParameterType {
  if (typeof v === 'string') return 'STRING';
  if (typeof v === 'boolean') return 'BOOLEAN';
  return Number.isInteger(v) ? 'NUMBER_INTEGER' : 'NUMBER_DOUBLE';
}

function operandType(v: Channel | string | number | boolean): IrParameterType {
  return v instanceof Channel ? (v.type.parameterType as IrParameterType) : constantType(v);
}

/** Throws with a message when an operand can't be compared. */
export function checkOperand(v: Channel | string | number | boolean): string | undefined {
  if (v instanceof Channel) {
    const t = v.type.parameterType;
    if (v.kind === 'artifact' || !t || t === 'STRUCT' || t === 'LIST' || t === 'TASK_FINAL_STATUS' || t === 'TASK_CONFIG') {
      return `conditions compare primitive parameters (str, int, float, bool); got '${v.additionalInputName}' of type ${t ?? v.type.schemaTitle}`;
    }
  } else if (!['string', 'number', 'boolean'].includes(typeof v)) {
    return `condition constants must be strings, numbers or booleans; got ${JSON.stringify(v)}`;
  }
  return undefined;
}

export function operationToCel(op: CelOperation): string {
  const types = new Set([operandType(op.left), operandType(op.right)]);
  let canonical: IrParameterType;
  if (types.size === 2) {
    if (types.has('STRING')) canonical = 'STRING';
    else if (types.has('BOOLEAN')) canonical = 'BOOLEAN';
    else canonical = 'NUMBER_DOUBLE';
  } else {
    canonical = [...types][0];
  }
  const values = [op.left, op.right].map((v) => {
    let text: string;
    let type: IrParameterType;
    if (v instanceof Channel) {
      text = `inputs.parameter_values['${v.additionalInputName}']`;
      type = v.type.parameterType as IrParameterType;
      if (type === 'NUMBER_INTEGER') text = `int(${text})`;
    } else if (typeof v === 'string') {
      text = `'${v}'`;
      type = 'STRING';
    } else if (typeof v === 'boolean') {
      text = v ? 'true' : 'false';
      type = 'BOOLEAN';
    } else {
      text = pyNumberStr(v);
      type = constantType(v);
    }
    if (type !== canonical) {
      if (canonical === 'STRING') text = `'${text}'`;
      else if (canonical === 'BOOLEAN') text = parseInt(text, 10) === 0 ? 'true' : 'false';
      else text = `double(${text})`;
    }
    return text;
  });
  const expr = `${values[0]} ${op.operator} ${values[1]}`;
  return op.negate ? `!(${expr})` : expr;
}

export function conditionsToCel(ops: CelOperation[]): string {
  return ops.map(operationToCel).join(' && ');
}
