/**
 * Builds KFP v2 IR (PipelineSpec + PlatformSpec) the way the kfp compiler writes it, for tests of
 * the platform checks: resources in both the string and the deprecated float fields, accelerators
 * with quoted counts, and kfp-kubernetes node selectors, tolerations and pod labels.
 */
import { AcceleratorPlacement, PodToleration } from '../../src/pipeline/placement';
import { CompiledPipeline } from '../../src/pipeline/source';

export interface TaskFixture {
  readonly name: string;
  readonly cpuRequest?: string;
  readonly cpuLimit?: string;
  readonly memoryRequest?: string;
  readonly memoryLimit?: string;
  readonly accelerator?: { type: string; count: string };
  readonly nodeSelector?: { [key: string]: string };
  readonly tolerations?: PodToleration[];
  readonly podLabels?: { [key: string]: string };
  readonly image?: string;
}

/** A task placed with a pool's placement (what `task.runOn(pool, { gpus })` writes). */
export function placed(name: string, placement: AcceleratorPlacement, extra: Partial<TaskFixture> = {}): TaskFixture {
  return {
    name,
    accelerator: { type: placement.acceleratorType, count: String(placement.acceleratorCount) },
    nodeSelector: placement.nodeSelector,
    tolerations: placement.tolerations,
    podLabels: placement.podLabels,
    ...extra,
  };
}

const GB = 1e9;

// The SDK writes the deprecated float fields only for constant values.
function memoryFloat(text: string): number | undefined {
  const units: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, K: 1e3, M: 1e6, G: 1e9 };
  const m = /^([0-9.]+)([A-Za-z]*)$/.exec(text);
  return m ? (Number(m[1]) * (units[m[2]] ?? 1)) / GB : undefined;
}

function cpuFloat(text: string): number | undefined {
  const value = text.endsWith('m') ? Number(text.slice(0, -1)) / 1000 : Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** The IR documents of a pipeline with one task per fixture, as plain objects. */
export function irDocuments(pipelineName: string, tasks: TaskFixture[]): { spec: any; platform: any } {
  const components: any = {};
  const executors: any = {};
  const dagTasks: any = {};
  const k8s: any = {};
  for (const t of tasks) {
    const resources: any = {};
    const put = (floatKey: string, stringKey: string, text: string | undefined, toFloat: (x: string) => number | undefined) => {
      if (text === undefined) return;
      const value = toFloat(text);
      if (value !== undefined) resources[floatKey] = value;
      resources[stringKey] = text;
    };
    put('cpuLimit', 'resourceCpuLimit', t.cpuLimit, cpuFloat);
    put('cpuRequest', 'resourceCpuRequest', t.cpuRequest, cpuFloat);
    put('memoryLimit', 'resourceMemoryLimit', t.memoryLimit, memoryFloat);
    put('memoryRequest', 'resourceMemoryRequest', t.memoryRequest, memoryFloat);
    if (t.accelerator) {
      const { type, count } = t.accelerator;
      resources.accelerator = { count, resourceCount: count, resourceType: type, type };
    }
    components[`comp-${t.name}`] = { executorLabel: `exec-${t.name}` };
    executors[`exec-${t.name}`] = {
      container: {
        image: t.image ?? 'python:3.11',
        command: ['python3', '-c', 'print("hi")'],
        ...(Object.keys(resources).length ? { resources } : {}),
      },
    };
    dagTasks[t.name] = { cachingOptions: { enableCache: true }, componentRef: { name: `comp-${t.name}` }, taskInfo: { name: t.name } };
    const cfg: any = {};
    if (t.nodeSelector && Object.keys(t.nodeSelector).length) cfg.nodeSelector = { labels: t.nodeSelector };
    if (t.tolerations?.length) cfg.tolerations = t.tolerations;
    if (t.podLabels && Object.keys(t.podLabels).length) cfg.podMetadata = { labels: t.podLabels };
    if (Object.keys(cfg).length) k8s[`exec-${t.name}`] = cfg;
  }
  const spec = {
    components,
    deploymentSpec: { executors },
    pipelineInfo: { name: pipelineName },
    root: { dag: { tasks: dagTasks } },
    schemaVersion: '2.1.0',
    sdkVersion: 'kfp-2.14.6',
  };
  const platform = Object.keys(k8s).length ? { platforms: { kubernetes: { deploymentSpec: { executors: k8s } } } } : undefined;
  return { spec, platform };
}

/** A `CompiledPipeline` with one task per fixture. */
export function pipelineOf(pipelineName: string, tasks: TaskFixture[]): CompiledPipeline {
  const { spec, platform } = irDocuments(pipelineName, tasks);
  return CompiledPipeline.fromObjects(spec, platform);
}
