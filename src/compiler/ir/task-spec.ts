/**
 * The spec of a task inside its parent DAG (`root.dag.tasks[...]` and group DAGs): its inputs
 * (constants, f-strings, task outputs, loop items, surfaced channels), caching, retries and
 * trigger policy.
 */
import { Channel } from './channel';
import { ChannelResolver } from './channels';
import { CTask } from './group-tree';
import { IrCompileError, TaskDesc } from './model';
import { componentName } from './names';
import { ensure, hasArtifactInput, hasParamInput } from './spec-util';
import { findRefTokens, refToken, replaceInValue } from './tokens';

const RESOURCE_KEYS: Array<[keyof NonNullable<TaskDesc['resources']>, string]> = [
  ['cpuRequest', 'cpu_request'], ['cpuLimit', 'cpu_limit'], ['memoryRequest', 'memory_request'],
  ['memoryLimit', 'memory_limit'], ['acceleratorType', 'accelerator_type'], ['acceleratorCount', 'accelerator_count'],
];

/** Resource and image settings that carry channels: kfp passes them to the task as extra inputs. */
export function resourceExtraInputs(task: CTask): Array<[string, any]> {
  const extra: Array<[string, any]> = [];
  const r = task.desc.resources;
  if (r) {
    for (const [key, pyKey] of RESOURCE_KEYS) {
      const v = r[key];
      if (v !== undefined && findRefTokens(v).length > 0) extra.push([pyKey, v]);
    }
  }
  if (task.desc.image !== undefined && findRefTokens(task.desc.image).length > 0) extra.push(['base_image', task.desc.image]);
  return extra;
}

function sourceFor(c: Channel, parentSpec: any, inCurrentDag: Set<string>, artifact: boolean): any {
  if (c.taskName) {
    if (inCurrentDag.has(c.taskName)) {
      return artifact
        ? { taskOutputArtifact: { outputArtifactKey: c.name, producerTask: c.taskName } }
        : { taskOutputParameter: { outputParameterKey: c.name, producerTask: c.taskName } };
    }
    const name = c.additionalInputName;
    return artifact ? { componentInputArtifact: name } : { componentInputParameter: name };
  }
  if (artifact) {
    const name = hasArtifactInput(parentSpec, c.fullName) ? c.fullName : c.additionalInputName;
    return { componentInputArtifact: name };
  }
  const name = hasParamInput(parentSpec, c.fullName) ? c.fullName : c.additionalInputName;
  return { componentInputParameter: name };
}

function requireParentInput(task: CTask, parentSpec: any, name: string, artifact: boolean): void {
  const ok = artifact ? hasArtifactInput(parentSpec, name) : hasParamInput(parentSpec, name);
  if (!ok) {
    throw new IrCompileError(task.desc.path, `task '${task.desc.path}' uses '${name.replace(/^pipelinechannel--/, '')}', which is not available in its scope; a loop item can only be used inside its ParallelFor, and a value from inside a condition or loop only through OneOf or Collected`);
  }
}

/** The task's spec in its parent DAG (without `dependentTasks`). */
export function buildTaskSpec(
  resolver: ChannelResolver, task: CTask, parentSpec: any, inCurrentDag: Set<string>, extraInputs: Array<[string, any]>,
): any {
  const d = task.desc;
  const spec: any = {
    cachingOptions: d.enableCaching ? { enableCache: true } : {},
    componentRef: { name: componentName(task.name) },
    taskInfo: { name: d.displayName || task.name },
  };
  if (d.cacheKey) spec.cachingOptions.cacheKey = d.cacheKey;
  if (d.retry) {
    spec.retryPolicy = {
      backoffDuration: `${d.retry.backoffDurationSeconds || 0}s`,
      backoffFactor: d.retry.backoffFactor || 2.0,
      backoffMaxDuration: `${d.retry.backoffMaxDurationSeconds || 3600}s`,
    };
    if (d.retry.maxRetryCount) spec.retryPolicy.maxRetryCount = d.retry.maxRetryCount;
  }
  const params: any = {};
  const artifacts: any = {};
  const all: Array<[string, Channel | { constant: any }]> = [...task.inputs, ...extraInputs.map(([k, v]) => [k, { constant: v }] as [string, any])];
  for (const [inputName, value] of all) {
    if (value instanceof Channel) {
      const c = value;
      if (c.isLoopArgument) {
        const name = c.additionalInputName;
        requireParentInput(task, parentSpec, name, c.kind === 'artifact');
        if (c.kind === 'artifact') artifacts[inputName] = { componentInputArtifact: name };
        else params[inputName] = { componentInputParameter: name };
      } else if (c.isLoopVariable) {
        const name = c.loopArgument!.additionalInputName;
        requireParentInput(task, parentSpec, name, false);
        params[inputName] = { componentInputParameter: name, parameterExpressionSelector: `parseJson(string_value)["${c.subvarName}"]` };
      } else if (c.kind === 'artifact') {
        if (c.taskName && !inCurrentDag.has(c.taskName)) requireParentInput(task, parentSpec, c.additionalInputName, true);
        artifacts[inputName] = sourceFor(c, parentSpec, inCurrentDag, true);
      } else {
        if (c.taskName && !inCurrentDag.has(c.taskName)) requireParentInput(task, parentSpec, c.additionalInputName, false);
        params[inputName] = sourceFor(c, parentSpec, inCurrentDag, false);
      }
    } else {
      let constant = value.constant;
      for (const [ids, c] of resolver.embedded(constant, d.path)) {
        const additional = c.additionalInputName;
        if (all.some(([n]) => n === additional)) {
          throw new IrCompileError(d.path, `task '${d.path}' has an input named '${additional}', which collides with a compiler-injected input`);
        }
        const placeholder = `{{$.inputs.parameters['${additional}']}}`;
        for (const id of ids) constant = replaceInValue(constant, refToken(id), placeholder);
        if (c.kind === 'artifact') {
          throw new IrCompileError(d.path, `task '${d.path}' embeds artifact '${c.fullName}' in the constant of input '${inputName}'; only parameters can be placed inside strings`);
        }
        if (c.taskName) {
          if (inCurrentDag.has(c.taskName)) {
            params[additional] = { taskOutputParameter: { outputParameterKey: c.name, producerTask: c.taskName } };
          } else {
            requireParentInput(task, parentSpec, additional, false);
            params[additional] = { componentInputParameter: additional };
          }
        } else {
          const name = hasParamInput(parentSpec, c.fullName) ? c.fullName : additional;
          if (c.isLoopRelated) requireParentInput(task, parentSpec, name, false);
          params[additional] = { componentInputParameter: name };
        }
      }
      params[inputName] = { runtimeValue: { constant } };
    }
  }
  const inputs: any = {};
  if (Object.keys(artifacts).length) inputs.artifacts = artifacts;
  if (Object.keys(params).length) inputs.parameters = params;
  if (Object.keys(inputs).length) spec.inputs = inputs;
  return spec;
}

/** A `PipelineTaskFinalStatus` input is only for exit tasks and `ignoreUpstreamFailure()` tasks. */
export function checkFinalStatusUse(task: CTask): void {
  for (const [name, io] of Object.entries(task.desc.component.inputs)) {
    if (io.type.parameterType === 'TASK_FINAL_STATUS' && !task.desc.ignoreUpstreamFailure
      && task.desc.component.impl.kind !== 'graph' && !task.desc.compiledComponent) {
      throw new IrCompileError(task.desc.path, `task '${task.desc.path}' has PipelineTaskFinalStatus input '${name}' but is neither an ExitHandler's exit task nor set to ignoreUpstreamFailure()`);
    }
  }
}

/** `ignoreUpstreamFailure()`: run when upstream tasks complete, and feed the final status. */
export function applyIgnoreUpstreamFailure(task: CTask, spec: any): void {
  if (!task.desc.ignoreUpstreamFailure) return;
  spec.triggerPolicy = { ...(spec.triggerPolicy ?? {}), strategy: 'ALL_UPSTREAM_TASKS_COMPLETED' };
  for (const [name, io] of Object.entries(task.desc.component.inputs)) {
    if (io.type.parameterType !== 'TASK_FINAL_STATUS') continue;
    const deps: string[] = spec.dependentTasks ?? [];
    if (deps.length !== 1) {
      throw new IrCompileError(task.desc.path, `task '${task.desc.path}' uses ignoreUpstreamFailure() with PipelineTaskFinalStatus input '${name}' and has ${deps.length} upstream tasks in its scope (${JSON.stringify(deps)}); expected exactly one`);
    }
    ensure(spec, 'inputs', 'parameters')[name] = { taskFinalStatus: { producerTask: deps[0] } };
  }
}
