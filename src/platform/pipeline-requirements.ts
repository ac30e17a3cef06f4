/**
 * Reads what each task of a compiled pipeline asks of the cluster: CPU and memory requests and
 * limits, accelerators, node selector, tolerations and pod labels. Works on the IR (PipelineSpec and
 * PlatformSpec), so it serves pipelines written with this library and pipelines compiled in Python.
 *
 * Pure functions: plain objects in, plain objects out.
 */
import { isPlaceholder, parseQuantity } from './quantity';
import { PodToleration } from '../pipeline/placement';
import { IPipelineSource } from '../pipeline/source';

/** One executor (one kind of task pod) and what it needs. */
export interface ExecutorRequirements {
  readonly pipelineName: string;
  readonly executorLabel: string;
  /** The tasks that run this executor (`parent/child` inside sub-DAGs). */
  readonly taskNames: string[];
  /** Cores and bytes; undefined when not set. */
  readonly cpuRequest?: number;
  readonly cpuLimit?: number;
  readonly memoryRequest?: number;
  readonly memoryLimit?: number;
  /** The accelerator resource (for example `nvidia.com/gpu`), when the task requests one. */
  readonly acceleratorType?: string;
  /** The number of accelerators, when known at compile time. */
  readonly acceleratorCount?: number;
  /** Fields set from runtime parameters: they can't be checked at synth time. */
  readonly dynamic: string[];
  /** Fields whose values are not valid quantities. */
  readonly invalid: string[];
  readonly nodeSelector: { [key: string]: string };
  readonly tolerations: PodToleration[];
  readonly podLabels: { [key: string]: string };
  /** True for kfp-kubernetes CreatePVC/DeletePVC stubs, which run no task pod (the driver does the work). */
  readonly driverOnly: boolean;
  /** True for importer executors (one launcher pod with the driver's resources). */
  readonly importer: boolean;
}

/** A readable name for an executor in messages. */
export function describeExecutor(e: ExecutorRequirements): string {
  const tasks = e.taskNames.length ? e.taskNames.map((t) => `'${t}'`).join(', ') : `(executor ${e.executorLabel})`;
  return `pipeline '${e.pipelineName}' task ${tasks}`;
}

function collectTasks(spec: any, componentName: string, prefix: string, out: Map<string, string[]>, seen: Set<string>): void {
  const component = componentName === 'root' ? spec.root : spec.components?.[componentName];
  if (!component || typeof component !== 'object') return;
  const tasks = component.dag?.tasks ?? {};
  for (const [taskKey, task] of Object.entries<any>(tasks)) {
    const refName = task?.componentRef?.name;
    if (typeof refName !== 'string') continue;
    const taskName = `${prefix}${task?.taskInfo?.name ?? taskKey}`;
    const child = spec.components?.[refName];
    if (child?.executorLabel) {
      const list = out.get(child.executorLabel) ?? [];
      if (!list.includes(taskName)) list.push(taskName);
      out.set(child.executorLabel, list);
    } else if (child?.dag && !seen.has(`${refName}@${taskName}`)) {
      seen.add(`${refName}@${taskName}`);
      collectTasks(spec, refName, `${taskName}/`, out, seen);
    }
  }
}

function cpuField(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return parseQuantity(value);
  return undefined;
}

function memoryFloatField(value: unknown): number | undefined {
  // The deprecated float fields hold decimal gigabytes (the driver formats them as `%vG`).
  return typeof value === 'number' ? value * 1e9 : undefined;
}

function readResource(resources: any, stringKey: string, floatKey: string, memory: boolean,
  dynamic: string[], invalid: string[]): number | undefined {
  const text = resources?.[stringKey];
  if (text !== undefined && text !== '') {
    if (isPlaceholder(text)) {
      dynamic.push(stringKey);
      return undefined;
    }
    const value = parseQuantity(String(text));
    if (value === undefined || value < 0) {
      invalid.push(`${stringKey} '${text}'`);
      return undefined;
    }
    return value;
  }
  const legacy = resources?.[floatKey];
  if (legacy === undefined) return undefined;
  const value = memory ? memoryFloatField(legacy) : cpuField(legacy);
  if (value === undefined || value < 0) {
    invalid.push(`${floatKey} ${JSON.stringify(legacy)}`);
    return undefined;
  }
  return value;
}

function readTolerations(list: any, dynamic: string[]): PodToleration[] {
  const out: PodToleration[] = [];
  // A repeated field; some compiled files hold a single toleration object instead of a list.
  const items = Array.isArray(list) ? list : list && typeof list === 'object' ? [list] : [];
  for (const t of items) {
    if (t?.tolerationJson) {
      const constant = t.tolerationJson?.runtimeValue?.constant;
      const values = Array.isArray(constant) ? constant : constant && typeof constant === 'object' ? [constant] : undefined;
      if (!values) {
        dynamic.push('tolerations');
        continue;
      }
      for (const v of values) out.push(cleanToleration(v));
      continue;
    }
    out.push(cleanToleration(t));
  }
  return out;
}

function cleanToleration(t: any): PodToleration {
  const out: any = {};
  for (const key of ['key', 'operator', 'value', 'effect']) {
    if (typeof t?.[key] === 'string' && t[key] !== '') out[key] = t[key];
  }
  if (t?.tolerationSeconds !== undefined) out.tolerationSeconds = Number(t.tolerationSeconds);
  return out;
}

/** What every executor of a pipeline needs, in executor-label order. */
export function readPipelineRequirements(source: IPipelineSource): ExecutorRequirements[] {
  const spec = source.toIr() ?? {};
  const platform = source.toPlatformSpec();
  const k8sExecutors = platform?.platforms?.kubernetes?.deploymentSpec?.executors ?? {};
  const tasksByExecutor = new Map<string, string[]>();
  collectTasks(spec, 'root', '', tasksByExecutor, new Set());
  const executors = spec.deploymentSpec?.executors ?? {};
  const out: ExecutorRequirements[] = [];
  for (const label of Object.keys(executors).sort()) {
    const executor = executors[label];
    const container = executor?.container;
    const dynamic: string[] = [];
    const invalid: string[] = [];
    const k8s = k8sExecutors[label] ?? {};
    const nodeSelector: { [key: string]: string } = { ...(k8s.nodeSelector?.labels ?? {}) };
    if (k8s.nodeSelector?.nodeSelectorJson) {
      const constant = k8s.nodeSelector.nodeSelectorJson?.runtimeValue?.constant;
      if (constant && typeof constant === 'object') Object.assign(nodeSelector, constant);
      else dynamic.push('nodeSelector');
    }
    const base = {
      pipelineName: source.pipelineName,
      executorLabel: label,
      taskNames: tasksByExecutor.get(label) ?? [],
      nodeSelector,
      tolerations: readTolerations(k8s.tolerations, dynamic),
      podLabels: { ...(k8s.podMetadata?.labels ?? {}) },
      dynamic,
      invalid,
    };
    if (!container) {
      out.push({ ...base, driverOnly: false, importer: executor?.importer !== undefined });
      continue;
    }
    const resources = container.resources ?? {};
    const image = String(container.image ?? '');
    const accelerator = resources.accelerator;
    let acceleratorType: string | undefined;
    let acceleratorCount: number | undefined;
    if (accelerator) {
      // The driver requests `limits[type] = count` only when it has both a type and a count > 0.
      const type = accelerator.resourceType || accelerator.type;
      const countText = accelerator.resourceCount !== undefined && accelerator.resourceCount !== '' ? accelerator.resourceCount : accelerator.count;
      const typeDynamic = isPlaceholder(type);
      const countDynamic = isPlaceholder(countText);
      if (typeDynamic) dynamic.push('accelerator type');
      if (countDynamic) dynamic.push('accelerator count');
      let requested = countDynamic;
      if (!countDynamic && countText !== undefined && countText !== '') {
        const n = Number(countText);
        if (!Number.isInteger(n) || n < 0) {invalid.push(`accelerator count '${countText}'`);} else if (n > 0) {
          acceleratorCount = n;
          requested = true;
        }
      }
      if (requested && !typeDynamic && typeof type === 'string' && type !== '') acceleratorType = type;
    }
    out.push({
      ...base,
      cpuRequest: readResource(resources, 'resourceCpuRequest', 'cpuRequest', false, dynamic, invalid),
      cpuLimit: readResource(resources, 'resourceCpuLimit', 'cpuLimit', false, dynamic, invalid),
      memoryRequest: readResource(resources, 'resourceMemoryRequest', 'memoryRequest', true, dynamic, invalid),
      memoryLimit: readResource(resources, 'resourceMemoryLimit', 'memoryLimit', true, dynamic, invalid),
      acceleratorType,
      acceleratorCount,
      driverOnly: image.startsWith('argostub/'),
      importer: false,
    });
  }
  return out;
}
