/**
 * Component interfaces in IR form: `inputDefinitions`/`outputDefinitions` of components (from
 * their declared inputs and outputs) and of groups (from the channels that cross them).
 */
import { Channel, isParameterType } from './channel';
import { ComponentDesc, IoDesc, TypeDesc } from './model';
import { ensure } from './spec-util';

function artifactType(t: TypeDesc): any {
  return { schemaTitle: t.schemaTitle, schemaVersion: t.schemaVersion };
}

/** `inputDefinitions`/`outputDefinitions` of a component from its interface. */
export function buildComponentInterface(inputs: Record<string, IoDesc>, outputs: Record<string, IoDesc>): any {
  const spec: any = {};
  const inParams: any = {};
  const inArtifacts: any = {};
  for (const [name, io] of Object.entries(inputs)) {
    const t = io.type;
    if (t.parameterType === 'TASK_FINAL_STATUS' || t.parameterType === 'TASK_CONFIG') {
      inParams[name] = { parameterType: t.parameterType, isOptional: true };
      if (io.description) inParams[name].description = io.description;
    } else if (isParameterType(t)) {
      const p: any = { parameterType: t.parameterType };
      if (io.optional) p.isOptional = true;
      if (io.default !== undefined && io.default !== null) p.defaultValue = io.default;
      if (io.description) p.description = io.description;
      inParams[name] = p;
    } else {
      const a: any = { artifactType: artifactType(t) };
      if (io.isArtifactList) a.isArtifactList = true;
      if (io.optional) a.isOptional = true;
      if (io.description) a.description = io.description;
      inArtifacts[name] = a;
    }
  }
  const outParams: any = {};
  const outArtifacts: any = {};
  for (const [name, io] of Object.entries(outputs)) {
    if (isParameterType(io.type)) {
      outParams[name] = { parameterType: io.type.parameterType };
      if (io.description) outParams[name].description = io.description;
    } else {
      const a: any = { artifactType: artifactType(io.type) };
      if (io.isArtifactList) a.isArtifactList = true;
      if (io.description) a.description = io.description;
      outArtifacts[name] = a;
    }
  }
  const inDefs: any = {};
  if (Object.keys(inArtifacts).length) inDefs.artifacts = inArtifacts;
  if (Object.keys(inParams).length) inDefs.parameters = inParams;
  if (Object.keys(inDefs).length) spec.inputDefinitions = inDefs;
  const outDefs: any = {};
  if (Object.keys(outArtifacts).length) outDefs.artifacts = outArtifacts;
  if (Object.keys(outParams).length) outDefs.parameters = outParams;
  if (Object.keys(outDefs).length) spec.outputDefinitions = outDefs;
  return spec;
}

/** A component's interface in IR form, for callers outside the compiler. */
export function componentInterfaceFor(comp: ComponentDesc): any {
  return buildComponentInterface(comp.inputs, comp.outputs);
}

/** The interface of a group's component: the channels it takes in and the outputs it surfaces. */
export function groupInterface(inputs: Channel[], outputs: Map<string, Channel>): any {
  const spec: any = {};
  const params: any = {};
  const artifacts: any = {};
  for (const c of inputs) {
    const name = c.additionalInputName;
    if (c.kind === 'artifact') {
      artifacts[name] = { artifactType: artifactType(c.type) };
      if (c.isArtifactList) artifacts[name].isArtifactList = true;
    } else {
      params[name] = { parameterType: c.type.parameterType };
    }
  }
  if (Object.keys(artifacts).length) ensure(spec, 'inputDefinitions').artifacts = artifacts;
  if (Object.keys(params).length) ensure(spec, 'inputDefinitions').parameters = params;
  const oparams: any = {};
  const oartifacts: any = {};
  for (const [name, c] of outputs) {
    if (c.kind === 'artifact') {
      oartifacts[name] = { artifactType: artifactType(c.type) };
      if (c.isArtifactList) oartifacts[name].isArtifactList = true;
    } else {
      oparams[name] = { parameterType: c.type.parameterType };
    }
  }
  if (Object.keys(oartifacts).length) ensure(spec, 'outputDefinitions').artifacts = oartifacts;
  if (Object.keys(oparams).length) ensure(spec, 'outputDefinitions').parameters = oparams;
  return spec;
}
