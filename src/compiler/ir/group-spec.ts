/**
 * The specs of groups: the task that runs a group in its parent DAG (inputs, loop iterator,
 * condition), and the DAG outputs of a group's component.
 */
import { conditionsToCel } from './cel';
import { Channel } from './channel';
import { CGroup } from './group-tree';
import { IrCompileError } from './model';
import { channelInputName, componentName } from './names';
import { pyJsonDumps } from './pyjson';
import { ensure } from './spec-util';

/** The task that runs `group` inside its parent DAG. */
export function groupTaskSpec(group: CGroup, channels: Channel[], inCurrentDag: Set<string>, parentIsRoot: boolean): any {
  const spec: any = {
    componentRef: { name: componentName(group.name) },
    taskInfo: { name: group.desc.displayName || group.name },
  };
  const params: any = {};
  const artifacts: any = {};
  for (const c of channels) {
    let fullName = c.fullName;
    let subvar: string | undefined;
    if (c.isLoopVariable) {
      fullName = c.loopArgument!.fullName;
      subvar = c.subvarName;
    }
    const inputName = c.additionalInputName;
    let channelName = c.name;
    const entry: any = {};
    if (subvar) {
      entry.parameterExpressionSelector = `parseJson(string_value)["${subvar}"]`;
      if (!c.isWithItems) channelName = (c.loopArgument!.loopItems as Channel).name;
    }
    if (c.kind === 'artifact') {
      if (c.taskName && inCurrentDag.has(c.taskName)) {
        artifacts[inputName] = { taskOutputArtifact: { outputArtifactKey: channelName, producerTask: c.taskName } };
      } else {
        artifacts[inputName] = { componentInputArtifact: parentIsRoot ? fullName : inputName };
      }
    } else if (c.taskName && inCurrentDag.has(c.taskName)) {
      params[inputName] = { ...entry, taskOutputParameter: { outputParameterKey: channelName, producerTask: c.taskName } };
    } else {
      params[inputName] = { ...entry, componentInputParameter: parentIsRoot ? fullName : channelInputName(fullName) };
    }
  }
  if (Object.keys(artifacts).length) ensure(spec, 'inputs').artifacts = artifacts;
  if (Object.keys(params).length) ensure(spec, 'inputs').parameters = params;
  if (group.kind === 'for-loop') addLoopIterator(group, spec);
  else if (group.kind === 'condition') spec.triggerPolicy = { condition: conditionsToCel(group.conditions ?? []) };
  return spec;
}

/** A ParallelFor's iterator (over raw items or an input) and parallelism. */
function addLoopIterator(group: CGroup, spec: any): void {
  const arg = group.loopArgument!;
  const pop = (name: string) => {
    if (spec.inputs) {
      if (spec.inputs.artifacts) {
        delete spec.inputs.artifacts[name];
        if (!Object.keys(spec.inputs.artifacts).length) delete spec.inputs.artifacts;
      }
      if (spec.inputs.parameters) {
        delete spec.inputs.parameters[name];
        if (!Object.keys(spec.inputs.parameters).length) delete spec.inputs.parameters;
      }
      if (!Object.keys(spec.inputs).length) delete spec.inputs;
    }
  };
  if (group.itemsIsChannel) {
    const items = arg.loopItems as Channel;
    const itemsName = items.additionalInputName;
    const itemName = channelInputName(arg.fullName);
    if (arg.kind === 'parameter') {
      spec.parameterIterator = { itemInput: itemName, items: { inputParameter: itemsName } };
    } else {
      spec.artifactIterator = { itemInput: itemName, items: { inputArtifact: itemsName } };
    }
    pop(itemName);
    if (items.isLoopVariable) {
      const p = ensure(spec, 'inputs', 'parameters');
      p[itemsName] = {
        ...(p[itemsName] ?? {}),
        componentInputParameter: items.loopArgument!.additionalInputName,
        parameterExpressionSelector: `parseJson(string_value)["${items.subvarName}"]`,
      };
      delete p[itemsName].taskOutputParameter;
    }
  } else {
    const itemName = arg.additionalInputName;
    spec.parameterIterator = { itemInput: itemName, items: { raw: pyJsonDumps(arg.loopItems, true) } };
    pop(itemName);
  }
  const parallelism = group.desc.loop?.parallelism ?? 0;
  if (parallelism > 0) spec.iteratorPolicy = { parallelismLimit: parallelism };
}

/** Wires a group's (or the pipeline's) declared outputs to the tasks that produce them. */
export function connectDagOutputs(spec: any, outputs: Map<string, Channel>, path: string): void {
  for (const [name, c] of outputs) {
    if (c.kind === 'artifact') {
      if (!spec.outputDefinitions?.artifacts?.[name]) {
        throw new IrCompileError(path, `output '${name}' is not declared as an artifact output of '${path}'`);
      }
      const a = ensure(spec, 'dag', 'outputs', 'artifacts');
      a[name] = a[name] ?? { artifactSelectors: [] };
      a[name].artifactSelectors.push({ outputArtifactKey: c.name, producerSubtask: c.taskName });
    } else {
      if (!spec.outputDefinitions?.parameters?.[name]) {
        throw new IrCompileError(path, `output '${name}' is not declared as a parameter output of '${path}'`);
      }
      ensure(spec, 'dag', 'outputs', 'parameters')[name] = { valueFromParameter: { outputParameterKey: c.name, producerSubtask: c.taskName } };
    }
  }
  validateDagOutputs(spec, path);
}

/** Wires an If/Elif/Else chain's `OneOf` outputs to the branch that ran. */
export function connectOneOfOutputs(spec: any, outputs: Map<string, Channel>, path: string): void {
  for (const [name, c] of outputs) {
    if (c.kind === 'artifact') {
      const a = ensure(spec, 'dag', 'outputs', 'artifacts');
      a[name] = { artifactSelectors: c.oneOfChannels!.map((x) => ({ outputArtifactKey: x.name, producerSubtask: x.taskName })) };
    } else {
      ensure(spec, 'dag', 'outputs', 'parameters')[name] = {
        valueFromOneof: { parameterSelectors: c.oneOfChannels!.map((x) => ({ outputParameterKey: x.name, producerSubtask: x.taskName })) },
      };
    }
  }
  validateDagOutputs(spec, path);
}

function validateDagOutputs(spec: any, path: string): void {
  for (const name of Object.keys(spec.outputDefinitions?.artifacts ?? {})) {
    if (!spec.dag?.outputs?.artifacts?.[name]) throw new IrCompileError(path, `missing pipeline output '${name}': declared as an output of '${path}' but never set`);
  }
  for (const name of Object.keys(spec.outputDefinitions?.parameters ?? {})) {
    if (!spec.dag?.outputs?.parameters?.[name]) throw new IrCompileError(path, `missing pipeline output '${name}': declared as an output of '${path}' but never set`);
  }
}
