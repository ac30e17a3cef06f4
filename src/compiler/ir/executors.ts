/**
 * Executors: the container of a container or Python task (image, command, args, env,
 * resources, accelerator), the importer spec, and a task's Kubernetes settings for the
 * PlatformSpec with its references routed through the task's scope.
 */
import { ChannelResolver } from './channels';
import { CTask } from './group-tree';
import { CompileOptions, IrCompileError } from './model';
import { channelInputName } from './names';
import { pythonContainer } from './python-executor';
import { cpuToFloat, memoryToFloat } from './resources';
import { clone, hasParamInput } from './spec-util';
import { findRefTokens, refToken } from './tokens';

/** Replaces the channel tokens in a task setting with their input placeholders. */
function toPlaceholder(resolver: ChannelResolver, value: string, path: string): string {
  let out = value;
  for (const [ids, c] of resolver.embedded(value, path)) {
    for (const id of ids) out = out.split(refToken(id)).join(`{{$.inputs.parameters['${c.additionalInputName}']}}`);
  }
  return out;
}

/** The `container` executor of a container or lightweight Python task. */
export function containerExecutor(resolver: ChannelResolver, task: CTask, options: CompileOptions): any {
  const comp = task.desc.component;
  let base: { image: string; command?: string[]; args?: string[]; env?: Array<[string, string]> };
  if (comp.impl.kind === 'python') base = pythonContainer(comp.impl, options.kfpVersion);
  else if (comp.impl.kind === 'container') base = comp.impl;
  else throw new IrCompileError(task.desc.path, 'not a container component');
  const path = task.desc.path;
  const image = toPlaceholder(resolver, task.desc.image ?? base.image, path);
  const container: any = {};
  if (base.args && base.args.length) container.args = [...base.args];
  if (base.command && base.command.length) container.command = [...base.command];
  const env = new Map<string, string>();
  for (const [k, v] of base.env ?? []) env.set(k, v);
  for (const [k, v] of task.desc.env ?? []) env.set(k, v);
  if (env.size) container.env = [...env.entries()].map(([name, value]) => ({ name, value }));
  container.image = image;
  const r = task.desc.resources;
  if (r) {
    const res: any = {};
    const setting = (v: string | undefined, newKey: string, oldKey: string, toFloat: (s: string) => number) => {
      if (v === undefined) return;
      const placeholder = toPlaceholder(resolver, v, path);
      res[newKey] = placeholder;
      if (placeholder === v) res[oldKey] = toFloat(v);
    };
    setting(r.cpuRequest, 'resourceCpuRequest', 'cpuRequest', cpuToFloat);
    setting(r.cpuLimit, 'resourceCpuLimit', 'cpuLimit', cpuToFloat);
    setting(r.memoryRequest, 'resourceMemoryRequest', 'memoryRequest', memoryToFloat);
    setting(r.memoryLimit, 'resourceMemoryLimit', 'memoryLimit', memoryToFloat);
    if (r.acceleratorCount !== undefined) {
      const acc: any = {};
      const typePh = r.acceleratorType !== undefined ? toPlaceholder(resolver, r.acceleratorType, path) : undefined;
      const countPh = toPlaceholder(resolver, r.acceleratorCount, path);
      if (countPh) acc.resourceCount = countPh;
      if (typePh) acc.resourceType = typePh;
      if (typePh !== undefined && typePh === r.acceleratorType && typePh !== '') acc.type = r.acceleratorType;
      if (countPh === r.acceleratorCount && parseInt(r.acceleratorCount, 10) !== 0) acc.count = String(parseInt(r.acceleratorCount, 10));
      res.accelerator = acc;
    }
    if (Object.keys(res).length) container.resources = res;
  }
  return container;
}

/** The `importer` executor of an importer task. */
export function importerExecutor(task: CTask): any {
  const impl = task.desc.component.impl;
  if (impl.kind !== 'importer') throw new IrCompileError(task.desc.path, 'not an importer');
  const uriArg = task.desc.args.uri;
  const importer: any = { typeSchema: { schemaTitle: impl.schemaTitle, schemaVersion: impl.schemaVersion } };
  if (uriArg && 'constant' in uriArg && findRefTokens(uriArg.constant).length === 0) {
    importer.artifactUri = { constant: uriArg.constant };
  } else {
    importer.artifactUri = { runtimeParameter: 'uri' };
  }
  if (impl.reimport) importer.reimport = true;
  if (impl.metadata && Object.keys(impl.metadata).length) importer.metadata = clone(impl.metadata);
  if (impl.downloadToWorkspace) importer.downloadToWorkspace = true;
  return importer;
}

/**
 * The task's Kubernetes settings for the PlatformSpec, or undefined when it has none. Inputs
 * from pipeline parameters and task outputs are routed to what the parent DAG provides.
 */
export function platformExecutor(task: CTask, parentSpec: any, inCurrentDag: Set<string>): any {
  const k8s = task.desc.kubernetes;
  if (!k8s || Object.keys(k8s).length === 0) return undefined;
  const rewrite = (data: any): any => {
    if (Array.isArray(data)) return data.map(rewrite);
    if (!data || typeof data !== 'object') return data;
    const out: any = {};
    for (const [k, v] of Object.entries(data)) out[k] = rewrite(v);
    const cip = out.componentInputParameter;
    if (cip !== undefined && !hasParamInput(parentSpec, cip) && hasParamInput(parentSpec, channelInputName(cip))) {
      out.componentInputParameter = channelInputName(cip);
    }
    const top = out.taskOutputParameter;
    if (top && top.producerTask !== undefined && top.outputParameterKey !== undefined && !inCurrentDag.has(top.producerTask)) {
      const surfaced = channelInputName(`${top.producerTask}-${top.outputParameterKey}`);
      if (!hasParamInput(parentSpec, surfaced)) {
        throw new IrCompileError(task.desc.path, `Kubernetes option of task '${task.desc.path}' uses output '${top.outputParameterKey}' of '${top.producerTask}', which is not available in the task's scope`);
      }
      delete out.taskOutputParameter;
      out.componentInputParameter = surfaced;
    }
    return out;
  };
  return rewrite(k8s);
}
