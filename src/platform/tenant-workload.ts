/**
 * How deploy constructs (PipelineRun, PipelineTemplate, Argo-mode RecurringRun) tell tenants that
 * they run a pipeline in a namespace, without the platform layer importing the deploy layer
 * (internal).
 */
import { IConstruct } from 'constructs';
import { IPipelineSource } from '../pipeline/source';

/** The symbol under which a construct exposes what it runs where. */
export const TENANT_WORKLOAD = Symbol.for('cdk8s-kfp.TenantWorkload');

/** What a construct runs, and in which namespace. */
export interface TenantWorkload {
  /** `PipelineRun`, `PipelineTemplate`, `RecurringRun`... for messages. */
  readonly kind: string;
  /** The namespace its pods run in, if known. */
  readonly namespace?: string;
  /** The pipeline, when it can be resolved (undefined: the construct's own validation reports why). */
  readonly pipeline?: IPipelineSource;
}

/** Marks `construct` as running pipelines; `describe` is called at synth. */
export function markTenantWorkload(construct: IConstruct, describe: () => TenantWorkload): void {
  (construct as any)[TENANT_WORKLOAD] = describe;
}

/** Every construct of the app that runs a pipeline, with what it runs where. */
export function tenantWorkloads(scope: IConstruct): Array<{ construct: IConstruct; workload: TenantWorkload }> {
  const out: Array<{ construct: IConstruct; workload: TenantWorkload }> = [];
  for (const c of scope.node.root.node.findAll()) {
    const describe = (c as any)[TENANT_WORKLOAD];
    if (typeof describe !== 'function') continue;
    let workload: TenantWorkload;
    try {
      workload = describe();
    } catch {
      continue; // its own validation reports the problem
    }
    out.push({ construct: c, workload });
  }
  return out;
}
