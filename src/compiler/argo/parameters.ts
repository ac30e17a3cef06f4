/**
 * Checks run parameter values against the pipeline's root `inputDefinitions`, as the KFP API
 * server does before it compiles a run.
 */

function describe(v: unknown): string {
  if (v === undefined) return 'undefined';
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? s.slice(0, 57) + '...' : s;
}

function typeMatches(type: string, v: unknown): boolean {
  switch (type) {
    case 'STRING': return typeof v === 'string';
    case 'NUMBER_INTEGER': return typeof v === 'number' && Number.isInteger(v);
    case 'NUMBER_DOUBLE': return typeof v === 'number' && Number.isFinite(v);
    case 'BOOLEAN': return typeof v === 'boolean';
    case 'LIST': return Array.isArray(v);
    case 'STRUCT': return v !== null && typeof v === 'object' && !Array.isArray(v);
    default: return true;
  }
}

const EXPECTED: { [type: string]: string } = {
  STRING: 'a string',
  NUMBER_INTEGER: 'an integer',
  NUMBER_DOUBLE: 'a number',
  BOOLEAN: 'a boolean',
  LIST: 'a list',
  STRUCT: 'an object',
};

/**
 * Problems with run parameter values, one message per problem (empty when all is well):
 * unknown names, values of the wrong type, required inputs without a value.
 *
 * @param ir the PipelineSpec
 * @param values parameter values by root input name
 * @param requireAll also report required inputs (no default, not optional) without a value
 */
export function checkRunParameters(ir: any, values: { [name: string]: any } | undefined, requireAll: boolean = true): string[] {
  const defs: { [name: string]: any } = ir?.root?.inputDefinitions?.parameters ?? {};
  const artifacts: { [name: string]: any } = ir?.root?.inputDefinitions?.artifacts ?? {};
  const errors: string[] = [];
  const given = values ?? {};
  const known = Object.keys(defs).sort();
  for (const [name, value] of Object.entries(given)) {
    const def = defs[name];
    if (def === undefined) {
      const hint = name in artifacts ? ' (it is an artifact input, which a run cannot set)' : '';
      errors.push(`unknown pipeline parameter '${name}'${hint}; the pipeline's parameters are: ${known.join(', ') || 'none'}`);
      continue;
    }
    const type = def.parameterType;
    if (type === 'TASK_FINAL_STATUS') {
      errors.push(`pipeline parameter '${name}' is TASK_FINAL_STATUS, which a run cannot set`);
    } else if (!typeMatches(type, value)) {
      errors.push(`pipeline parameter '${name}' is ${type}, expected ${EXPECTED[type] ?? type}, got ${describe(value)}`);
    } else if (Array.isArray(def.literals) && def.literals.length > 0
      && !def.literals.some((l: any) => JSON.stringify(l) === JSON.stringify(value))) {
      errors.push(`pipeline parameter '${name}' must be one of ${def.literals.map(describe).join(', ')}, got ${describe(value)}`);
    }
  }
  for (const name of requireAll ? known : []) {
    const def = defs[name];
    if (!(name in given) && def.defaultValue === undefined && def.isOptional !== true) {
      errors.push(`pipeline parameter '${name}' (${def.parameterType}) is required and has no default value`);
    }
  }
  return errors;
}
