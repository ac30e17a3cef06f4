/**
 * Checks runtime parameters against a pipeline's IR (`root.inputDefinitions.parameters`).
 * Pure functions; no cdk8s import.
 */

const TYPE_DESCRIPTIONS: Record<string, string> = {
  STRING: 'a string',
  NUMBER_INTEGER: 'an integer',
  NUMBER_DOUBLE: 'a number',
  BOOLEAN: 'a boolean',
  LIST: 'a list (array)',
  STRUCT: 'a struct (plain object)',
};

function describeValue(value: any): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list ${truncate(JSON.stringify(value))}`;
  if (typeof value === 'object') return `an object ${truncate(JSON.stringify(value))}`;
  if (typeof value === 'string') return `the string ${truncate(JSON.stringify(value))}`;
  if (typeof value === 'number') return Number.isInteger(value) ? `the integer ${value}` : `the number ${value}`;
  return `${typeof value} ${String(value)}`;
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function matchesType(value: any, type: string): boolean {
  switch (type) {
    case 'STRING': return typeof value === 'string';
    case 'NUMBER_INTEGER': return typeof value === 'number' && Number.isInteger(value);
    case 'NUMBER_DOUBLE': return typeof value === 'number' && Number.isFinite(value);
    case 'BOOLEAN': return typeof value === 'boolean';
    case 'LIST': return Array.isArray(value);
    case 'STRUCT': return value !== null && typeof value === 'object' && !Array.isArray(value);
    default: return true; // unknown or unspecified type: the API server decides
  }
}

/** The pipeline's declared input parameters: name → `{ parameterType, defaultValue?, isOptional? }`. */
export function declaredParameters(ir: any): Record<string, any> {
  return ir?.root?.inputDefinitions?.parameters ?? {};
}

/**
 * Returns one message per problem: a parameter the pipeline does not declare, a value of the
 * wrong type, or a required parameter with no value.
 *
 * @param pipelineName for messages
 * @param ir the PipelineSpec
 * @param values the runtime parameter values
 */
export function parameterProblems(pipelineName: string, ir: any, values: Record<string, any>): string[] {
  const declared = declaredParameters(ir);
  const names = Object.keys(declared).sort();
  const problems: string[] = [];
  for (const [name, value] of Object.entries(values ?? {})) {
    const def = declared[name];
    if (!def) {
      const list = names.length ? names.map((n) => `'${n}' (${def0(declared[n])})`).join(', ') : 'none';
      problems.push(`parameter '${name}' is not declared by pipeline '${pipelineName}'; it declares: ${list}`);
      continue;
    }
    if (value === undefined || value === null) {
      problems.push(`parameter '${name}' of pipeline '${pipelineName}' is ${value === null ? 'null' : 'undefined'}; expected ${TYPE_DESCRIPTIONS[def.parameterType] ?? 'a value'} (omit it to use the default)`);
      continue;
    }
    if (!matchesType(value, def.parameterType)) {
      problems.push(`parameter '${name}' of pipeline '${pipelineName}' got ${describeValue(value)}; expected ${TYPE_DESCRIPTIONS[def.parameterType]} (${def.parameterType})`);
    }
  }
  for (const name of names) {
    const def = declared[name];
    const required = def.defaultValue === undefined && !def.isOptional;
    if (required && (values ?? {})[name] === undefined) {
      problems.push(`parameter '${name}' of pipeline '${pipelineName}' is required (${def.parameterType}, no default) but has no value`);
    }
  }
  return problems;
}

function def0(def: any): string {
  return def?.parameterType ?? 'unknown type';
}
