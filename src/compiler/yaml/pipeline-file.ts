/**
 * The text of a KFP pipeline file (`<name>.pipeline.yaml`), byte for byte as the kfp Python SDK's
 * `Compiler().compile()` writes it: a header comment, the PipelineSpec document and, when the
 * pipeline uses a platform feature, a `---` and the PlatformSpec document.
 */
import { pythonRepr } from './python-repr';
import { emitPyYaml } from './pyyaml';

/** Options of {@link PipelineFile.render}. */
export interface PipelineFileOptions {
  /**
   * The description in the header comment (`# Description:`). The kfp compiler takes it from the
   * pipeline (or, for a component compiled on its own, from the component's docstring, which the
   * PipelineSpec does not carry).
   *
   * @default `pipelineInfo.description` of the PipelineSpec
   */
  readonly description?: string;
}

/** How the header names each IR parameter type (Python type names). */
const COMMENT_TYPE: Record<string, string> = {
  STRING: 'str',
  NUMBER_INTEGER: 'int',
  NUMBER_DOUBLE: 'float',
  LIST: 'list',
  STRUCT: 'dict',
  BOOLEAN: 'bool',
  TASK_FINAL_STATUS: 'PipelineTaskFinalStatus',
  TASK_CONFIG: 'TaskConfig',
};

const DESCRIPTION_CONTINUATION = '#              ';

/**
 * Keeps a header line a comment. kfp concatenates names and string defaults as they are, so a line
 * break in one would end the comment and corrupt the file; we continue the comment instead.
 */
function commentSafe(line: string): string {
  return line.replace(/\r\n|[\n\r\x85\u2028\u2029]/g, `\n${DESCRIPTION_CONTINUATION}`);
}

/** Python `str.splitlines()`: every Unicode line boundary, no trailing empty line. */
function splitLines(s: string): string[] {
  const lines = s.split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

interface Signature {
  readonly name: string;
  readonly type: string;
  readonly defaultValue?: string;
}

function signatureLines(root: any, key: 'inputDefinitions' | 'outputDefinitions', heading: string): string[] {
  if (!root || typeof root !== 'object' || !(key in root)) return [];
  const defs = root[key] ?? {};
  const entries: Signature[] = [];
  for (const [name, body] of Object.entries<any>(defs.parameters ?? {})) {
    const type = COMMENT_TYPE[body?.parameterType];
    if (type === undefined) {
      throw new Error(`PipelineFile: root.${key}.parameters.${name} has parameterType ${JSON.stringify(body?.parameterType)}, expected one of ${Object.keys(COMMENT_TYPE).join(', ')}`);
    }
    if (body && 'defaultValue' in body) {
      const d = body.defaultValue;
      entries.push({ name, type, defaultValue: typeof d === 'string' ? `'${d}'` : pythonRepr(d) });
    } else {
      entries.push({ name, type });
    }
  }
  for (const [name, body] of Object.entries<any>(defs.artifacts ?? {})) {
    const type = body?.artifactType?.schemaTitle;
    if (typeof type !== 'string') {
      throw new Error(`PipelineFile: root.${key}.artifacts.${name} has no artifactType.schemaTitle (got ${JSON.stringify(body?.artifactType)}), expected a string such as 'system.Dataset'`);
    }
    entries.push({ name, type });
  }
  // Python's sort is stable and compares names by code point; parameters come before artifacts.
  const sorted = entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.name === b.e.name ? a.i - b.i : comparePython(a.e.name, b.e.name)))
    .map((x) => x.e);
  return [
    heading,
    ...sorted.map((e) => commentSafe(`#    ${e.name}: ${e.type}${e.defaultValue === undefined ? '' : ` [Default: ${e.defaultValue}]`}`)),
  ];
}

function comparePython(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0)!);
  const y = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i] - y[i];
  }
  return x.length - y.length;
}

/** The header comment block the kfp compiler writes above the YAML, with its final newline. */
export function pipelineFileHeader(pipelineSpec: any, description?: string): string {
  const name = pipelineSpec?.pipelineInfo?.name;
  if (typeof name !== 'string') {
    throw new Error(`PipelineFile: the PipelineSpec has no pipelineInfo.name (got ${JSON.stringify(name)}), expected a string`);
  }
  const lines = ['# PIPELINE DEFINITION', commentSafe(`# Name: ${name}`)];
  const desc = description ?? pipelineSpec.pipelineInfo.description;
  if (typeof desc === 'string' && desc.length > 0) {
    lines.push(`# Description: ${splitLines(desc).join(`\n${DESCRIPTION_CONTINUATION}`)}`);
  }
  lines.push(...signatureLines(pipelineSpec.root, 'inputDefinitions', '# Inputs:'));
  lines.push(...signatureLines(pipelineSpec.root, 'outputDefinitions', '# Outputs:'));
  return lines.join('\n') + '\n';
}

// -- number policy ----------------------------------------------------------------------------

/**
 * In a PipelineSpec every number is a float (Struct/Value contents, `deploymentSpec`, double
 * fields) except the int32 fields of the task protos.
 */
function pipelineSpecIsInteger(path: readonly string[]): boolean {
  const n = path.length;
  const field = path[n - 1];
  const parent = path[n - 2];
  if (!((field === 'maxRetryCount' && parent === 'retryPolicy') || (field === 'parallelismLimit' && parent === 'iteratorPolicy'))) {
    return false;
  }
  // root.dag.tasks.<task>.<policy>.<field> or components.<comp>.dag.tasks.<task>.<policy>.<field>
  if (n === 6) return path[0] === 'root' && path[1] === 'dag' && path[2] === 'tasks';
  if (n === 7) return path[0] === 'components' && path[2] === 'dag' && path[3] === 'tasks';
  return false;
}

const PIPELINE_CONFIG_INT32 = new Set(['resourceTtlOnCompletion', 'resourceTtlOnSuccess', 'resourceTtlOnFailure', 'activeDeadlineSeconds']);

/**
 * In a PlatformSpec the executor configs are Structs (floats); `PipelineConfig` has int32 TTL and
 * deadline fields.
 */
function platformSpecIsInteger(path: readonly string[]): boolean {
  return path.length === 4 && path[0] === 'platforms' && path[2] === 'pipelineConfig' && PIPELINE_CONFIG_INT32.has(path[3]);
}

/** The int/float policy of a kfp pipeline file: document 0 is the PipelineSpec, 1 the PlatformSpec. */
export function kfpIsInteger(path: readonly string[], documentIndex: number): boolean {
  return documentIndex === 0 ? pipelineSpecIsInteger(path) : platformSpecIsInteger(path);
}

function hasPlatforms(platformSpec: any): boolean {
  const p = platformSpec?.platforms;
  return p !== null && typeof p === 'object' && Object.keys(p).length > 0;
}

/**
 * Renders a pipeline file exactly as the kfp Python compiler writes it.
 *
 * @param pipelineSpec the PipelineSpec as plain objects (the `MessageToDict` form)
 * @param platformSpec the PlatformSpec (`{ platforms: { kubernetes: ... } }`); written only when it
 *   has at least one platform
 * @param options header options
 */
export function renderPipelineFile(pipelineSpec: any, platformSpec?: any, options: PipelineFileOptions = {}): string {
  const header = pipelineFileHeader(pipelineSpec, options.description);
  const docs = hasPlatforms(platformSpec) ? [pipelineSpec, platformSpec] : [pipelineSpec];
  return header + emitPyYaml(docs, { isInteger: kfpIsInteger });
}

/** The KFP pipeline file format (the YAML `kfp.compiler.Compiler().compile()` writes). */
export class PipelineFile {
  /**
   * Renders a pipeline file byte for byte as the kfp Python SDK writes it: the header comment,
   * the PipelineSpec and, when it has platforms, the PlatformSpec.
   *
   * @param pipelineSpec the PipelineSpec as plain objects
   * @param platformSpec the PlatformSpec as plain objects
   * @param options header options
   */
  public static render(pipelineSpec: any, platformSpec?: any, options?: PipelineFileOptions): string {
    return renderPipelineFile(pipelineSpec, platformSpec, options);
  }

  private constructor() {}
}
