/**
 * The PipelineSpec being written by one compilation: its components, executors and
 * Kubernetes platform executors, with kfp's `-2`, `-3`, ... rule for names already taken.
 */
import { makeUnique } from './names';
import { clone } from './spec-util';

export class IrDocument {
  /** The PipelineSpec (without `deploymentSpec` until `finish()`). */
  public readonly spec: any;
  private readonly executors: Record<string, any> = {};
  private readonly platformExecutors: Record<string, any> = {};

  /** `header` holds the top-level fields other than components and executors. */
  constructor(header: any) {
    this.spec = { components: {}, deploymentSpec: { executors: this.executors }, ...header };
  }

  /** `label`, or the first free `label-N` among executors. */
  public uniqueExecutorLabel(label: string): string {
    return makeUnique(label, { has: (k) => k in this.executors });
  }

  /** `name`, or the first free `name-N` among components. */
  public uniqueComponentName(name: string): string {
    return makeUnique(name, { has: (k) => k in this.spec.components });
  }

  public hasComponent(name: string): boolean {
    return name in this.spec.components;
  }

  public setExecutor(label: string, executor: any): void {
    this.executors[label] = executor;
  }

  public setComponent(name: string, spec: any): void {
    this.spec.components[name] = spec;
  }

  /** Adds Kubernetes settings per executor label, merged with any already there. */
  public mergePlatformExecutors(execs: Record<string, any>): void {
    for (const [label, body] of Object.entries(execs)) {
      this.platformExecutors[label] = { ...(this.platformExecutors[label] ?? {}), ...clone(body) };
    }
  }

  /** The finished PipelineSpec and the PlatformSpec (undefined when no platform feature is used). */
  public finish(pipelineConfig: any): { pipelineSpec: any; platformSpec?: any } {
    if (Object.keys(this.executors).length === 0) delete this.spec.deploymentSpec;
    const platform: any = {};
    if (Object.keys(this.platformExecutors).length) {
      platform.platforms = { kubernetes: { deploymentSpec: { executors: this.platformExecutors } } };
    }
    if (pipelineConfig && Object.keys(pipelineConfig).length) {
      platform.platforms = platform.platforms ?? { kubernetes: {} };
      platform.platforms.kubernetes.pipelineConfig = clone(pipelineConfig);
    }
    return { pipelineSpec: this.spec, platformSpec: Object.keys(platform).length ? platform : undefined };
  }
}
