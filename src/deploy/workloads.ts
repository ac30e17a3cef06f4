/**
 * Where runs go, and what runs there (internal registry, public interface).
 *
 * Deploy constructs (`PipelineRun`, `PipelineTemplate`, Argo-mode `RecurringRun`) run pipelines
 * in a namespace. A `Tenant` of the platform layer is such a namespace: it implements
 * `IRunNamespace` and checks, at synth, every pipeline that runs in it. The deploy layer knows
 * only this interface, so it never imports the platform layer above it.
 */
import { IConstruct } from 'constructs';
import { ArgoCompileOptions } from '../compiler/argo/options';
import { IPipelineSource } from '../pipeline/source';

/** A namespace that runs pipelines, with its runner service account (a `Tenant` is one). */
export interface IRunNamespace extends IConstruct {
  /** The namespace the pods run in. */
  readonly namespaceName: string;
  /** The service account the pipeline pods run as. */
  readonly serviceAccountName: string;
  /**
   * Compiler options the namespace's KFP install requires (its KFP namespace, driver and
   * launcher images), when it is connected to one. A run's own `compileOptions` win.
   */
  readonly compileDefaults?: ArgoCompileOptions;
}

const RUN_NAMESPACE = Symbol.for('cdk8s-kfp.RunNamespace');
const WORKLOAD = Symbol.for('cdk8s-kfp.Workload');

/** Registers `ns` so that runs naming its namespace find it. */
export function markRunNamespace(ns: IRunNamespace): void {
  Object.defineProperty(ns, RUN_NAMESPACE, { value: true });
}

/** Whether `x` is a registered run namespace. */
export function isRunNamespace(x: unknown): x is IRunNamespace {
  return typeof x === 'object' && x !== null && (x as { [RUN_NAMESPACE]?: boolean })[RUN_NAMESPACE] === true;
}

/** The run namespace of the app that owns `namespace`, if any. */
export function runNamespaceOf(scope: IConstruct, namespace: string | undefined): IRunNamespace | undefined {
  if (namespace === undefined) return undefined;
  return scope.node.root.node.findAll().find((c): c is IRunNamespace => isRunNamespace(c) && c.namespaceName === namespace);
}

/** What a construct runs, and in which namespace. */
export interface Workload {
  /** `PipelineRun`, `PipelineTemplate`, `RecurringRun`... for messages. */
  readonly kind: string;
  /** The namespace its pods run in, if known. */
  readonly namespace?: string;
  /** The pipeline, when it can be resolved (undefined: the construct's own validation reports why). */
  readonly pipeline?: IPipelineSource;
}

/** Marks `construct` as running pipelines; `describe` is called at synth. */
export function markWorkload(construct: IConstruct, describe: () => Workload): void {
  Object.defineProperty(construct, WORKLOAD, { value: describe });
}

/** Every construct of the app that runs a pipeline, with what it runs where. */
export function workloadsOf(scope: IConstruct): Array<{ construct: IConstruct; workload: Workload }> {
  const out: Array<{ construct: IConstruct; workload: Workload }> = [];
  for (const c of scope.node.root.node.findAll()) {
    const describe = (c as { [WORKLOAD]?: () => Workload })[WORKLOAD];
    if (typeof describe !== 'function') continue;
    let workload: Workload;
    try {
      workload = describe();
    } catch {
      continue; // its own validation reports the problem
    }
    out.push({ construct: c, workload });
  }
  return out;
}
