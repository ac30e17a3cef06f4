/** Loading components from YAML: v1 `component.yaml` and v2 (IR) component/pipeline files. */
import { parseAllDocuments } from 'yaml';
import { ComponentDesc, IoDesc, IrParameterType, TypeDesc } from '../compiler/ir/model';
import { componentName, executorLabel, sanitizeInputName, sanitizeK8sName } from '../compiler/ir/names';
import { pyJsonDumps } from '../compiler/ir/pyjson';

const PARAMETER_TYPES: Record<string, IrParameterType> = {
  integer: 'NUMBER_INTEGER',
  int: 'NUMBER_INTEGER',
  double: 'NUMBER_DOUBLE',
  float: 'NUMBER_DOUBLE',
  string: 'STRING',
  str: 'STRING',
  text: 'STRING',
  bool: 'BOOLEAN',
  boolean: 'BOOLEAN',
  dict: 'STRUCT',
  list: 'LIST',
  jsonobject: 'STRUCT',
  jsonarray: 'LIST',
};

const ARTIFACT_TITLES: Record<string, string> = {
  artifact: 'system.Artifact',
  model: 'system.Model',
  dataset: 'system.Dataset',
  metrics: 'system.Metrics',
  classificationmetrics: 'system.ClassificationMetrics',
  slicedclassificationmetrics: 'system.SlicedClassificationMetrics',
  html: 'system.HTML',
  markdown: 'system.Markdown',
};

function outerName(t: string): string {
  let s = t.startsWith('typing.') ? t.slice(7) : t;
  if (s.toLowerCase().startsWith('list') || s.toLowerCase().startsWith('dict')) s = s.split('[')[0];
  return s;
}

function v1Type(type: any): { type: TypeDesc; finalStatus?: boolean } {
  if (typeof type === 'string') {
    const t = outerName(type);
    if (t === 'PipelineTaskFinalStatus') return { type: { parameterType: 'TASK_FINAL_STATUS' }, finalStatus: true };
    const p = PARAMETER_TYPES[t.toLowerCase()];
    if (p) return { type: { parameterType: p } };
    if (/^google.[A-Za-z]+$/.test(t)) return { type: { schemaTitle: t, schemaVersion: '0.0.1' } };
    const a = ARTIFACT_TITLES[t.toLowerCase()];
    if (a) return { type: { schemaTitle: a, schemaVersion: '0.0.1' } };
  }
  return { type: { schemaTitle: 'system.Artifact', schemaVersion: '0.0.1' } };
}

function v1Default(type: any, value: any): any {
  if (value === undefined || value === null) return undefined;
  const t = typeof type === 'string' ? type.toLowerCase() : '';
  if (['integer', 'int'].includes(t)) return parseInt(String(value), 10);
  if (['double', 'float'].includes(t)) return parseFloat(String(value));
  if (['string', 'str', 'text'].includes(t)) return String(value);
  if (['bool', 'boolean'].includes(t)) {
    if (typeof value === 'boolean') return value;
    return ['y', 'yes', 't', 'true', 'on', '1'].includes(String(value).toLowerCase());
  }
  if (['dict', 'list', 'jsonobject', 'jsonarray'].includes(t) && typeof value === 'string') {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

function fail(source: string, message: string): never {
  throw new Error(`Component.fromYaml: ${source}: ${message}`);
}

function v1Placeholder(arg: any, outputs: any[], source: string): any {
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'number' || typeof arg === 'boolean') return String(arg);
  if (!arg || typeof arg !== 'object' || Array.isArray(arg)) fail(source, `unexpected command-line element ${JSON.stringify(arg)}`);
  const keys = Object.keys(arg);
  if (keys.length !== 1) fail(source, `a placeholder must have exactly one key; got ${JSON.stringify(arg)}`);
  const [key] = keys;
  const value = arg[key];
  switch (key) {
    case 'inputValue': return `{{$.inputs.parameters['${sanitizeInputName(value)}']}}`;
    case 'inputPath': return `{{$.inputs.artifacts['${sanitizeInputName(value)}'].path}}`;
    case 'inputUri': return `{{$.inputs.artifacts['${sanitizeInputName(value)}'].uri}}`;
    case 'outputUri': return `{{$.outputs.artifacts['${sanitizeInputName(value)}'].uri}}`;
    case 'executorInput': return '{{$}}';
    case 'outputPath': {
      const out = (outputs ?? []).find((o: any) => o.name === value);
      if (!out) fail(source, `outputPath refers to '${value}', which is not an output`);
      const isParam = typeof out.type === 'string' && PARAMETER_TYPES[outerName(out.type).toLowerCase()] !== undefined;
      return isParam
        ? `{{$.outputs.parameters['${sanitizeInputName(value)}'].output_file}}`
        : `{{$.outputs.artifacts['${sanitizeInputName(value)}'].path}}`;
    }
    case 'concat':
      return { Concat: (value as unknown[]).map((e) => v1Placeholder(e, outputs, source)) };
    case 'ifPresent': {
      const body: any = { InputName: value.inputName, Then: (value.then ?? []).map((e: any) => v1Placeholder(e, outputs, source)) };
      if (value.else && value.else.length) body.Else = value.else.map((e: any) => v1Placeholder(e, outputs, source));
      return { IfPresent: body };
    }
    case 'if': {
      const conv = (x: any) => (Array.isArray(x) ? x.map((e: any) => v1Placeholder(e, outputs, source)) : v1Placeholder(x, outputs, source));
      const then = conv(value.then);
      const body: any = { InputName: sanitizeInputName(value.cond?.isPresent), Then: then };
      if (value.else !== undefined && value.else !== null) {
        body.Else = conv(value.else);
      }
      return { IfPresent: body };
    }
    default:
      return fail(source, `unknown placeholder '${key}'`);
  }
}

function toArg(x: any): string {
  return typeof x === 'string' ? x : pyJsonDumps(x);
}

function loadV1(doc: any, source: string): ComponentDesc {
  const container = doc.implementation?.container;
  if (!container) fail(source, 'a v1 component needs implementation.container');
  if (typeof container.image !== 'string') fail(source, 'implementation.container.image is missing');
  const inputs: Record<string, IoDesc> = {};
  for (const spec of doc.inputs ?? []) {
    const { type, finalStatus } = v1Type(spec.type);
    const name = sanitizeInputName(spec.name);
    if (finalStatus) {
      inputs[name] = { type, optional: true };
      continue;
    }
    const optional = !!spec.optional || 'default' in spec;
    const def = type.parameterType ? v1Default(spec.type, spec.default) : undefined;
    inputs[name] = { type, optional, ...(def !== undefined ? { default: def } : {}) };
  }
  const outputs: Record<string, IoDesc> = {};
  for (const spec of doc.outputs ?? []) {
    outputs[sanitizeInputName(spec.name)] = { type: v1Type(spec.type).type };
  }
  const conv = (arr: any[] | undefined) => (arr ?? []).map((a) => toArg(v1Placeholder(a, doc.outputs, source)));
  const env = Object.entries(container.env ?? {}).map(([k, v]) => [k, toArg(v1Placeholder(v, doc.outputs, source))] as [string, string]);
  return {
    name: sanitizeK8sName(doc.name ?? 'name'),
    description: doc.description,
    inputs,
    outputs,
    impl: { kind: 'container', image: container.image, command: conv(container.command), args: conv(container.args), ...(env.length ? { env } : {}) },
  };
}

function irIo(defs: any, isInput: boolean): Record<string, IoDesc> {
  const out: Record<string, IoDesc> = {};
  for (const [name, p] of Object.entries<any>(defs?.parameters ?? {})) {
    const hasDefault = 'defaultValue' in p;
    out[name] = {
      type: { parameterType: p.parameterType },
      ...(isInput ? { optional: p.isOptional ?? hasDefault } : {}),
      ...(isInput && hasDefault ? { default: p.defaultValue } : {}),
    };
  }
  for (const [name, a] of Object.entries<any>(defs?.artifacts ?? {})) {
    out[name] = {
      type: { schemaTitle: a.artifactType?.schemaTitle, schemaVersion: a.artifactType?.schemaVersion ?? '0.0.1' },
      ...(a.isArtifactList ? { isArtifactList: true } : {}),
      ...(isInput && a.isOptional ? { optional: true } : {}),
    };
  }
  return out;
}

function loadV2(spec: any, platform: any, source: string): ComponentDesc {
  const rawName = spec.pipelineInfo?.name;
  if (typeof rawName !== 'string') fail(source, 'the IR has no pipelineInfo.name');
  const comp = spec.components?.[componentName(rawName)] ?? spec.root;
  const inputs = irIo(comp.inputDefinitions, true);
  const outputs = irIo(comp.outputDefinitions, false);
  const exec = spec.deploymentSpec?.executors?.[executorLabel(rawName)];
  const name = sanitizeK8sName(rawName);
  if (exec?.container) {
    const c = exec.container;
    const env = Array.isArray(c.env) ? c.env.map((e: any) => [e.name, String(e.value)] as [string, string]) : [];
    return {
      name,
      inputs,
      outputs,
      impl: { kind: 'container', image: c.image, command: c.command ?? [], args: c.args ?? [], ...(env.length ? { env } : {}) },
    };
  }
  return { name, inputs, outputs, impl: { kind: 'graph', spec, ...(platform && Object.keys(platform).length ? { platformSpec: platform } : {}) } };
}

/** Parses component YAML (v1 or v2). */
export function loadComponentYaml(text: string, source: string): ComponentDesc {
  if (typeof text !== 'string') fail(source, `got ${typeof text}; expected YAML text`);
  const docs = parseAllDocuments(text);
  const values: any[] = [];
  for (const d of Array.isArray(docs) ? docs : [docs]) {
    if (d.errors?.length) fail(source, `not valid YAML: ${d.errors[0].message}`);
    const v = d.toJSON();
    if (v !== null && v !== undefined) values.push(v);
  }
  if (values.length === 0 || values.length > 2) fail(source, `expected one or two YAML documents; got ${values.length}`);
  const [first, second] = values;
  if (!first || typeof first !== 'object') fail(source, 'expected a mapping');
  if ('implementation' in first) return loadV1(first, source);
  if ('pipelineInfo' in first || 'root' in first) return loadV2(first, second, source);
  return fail(source, "neither a v1 component (with 'implementation') nor a KFP v2 IR file (with 'pipelineInfo' and 'root')");
}
