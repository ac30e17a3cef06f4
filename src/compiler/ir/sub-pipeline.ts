/**
 * Inlining a compiled sub-pipeline (a pipeline used as a component) into its parent: its
 * executors and components join the parent's under names made unique the kfp way, and the
 * references inside it follow the renames.
 */
import { IrDocument } from './ir-document';
import { makeUnique } from './names';

/** Merges a compiled sub-pipeline into `doc` and returns its root component spec. */
export function mergeSubPipeline(doc: IrDocument, sub: { pipelineSpec: any; platformSpec?: any }): any {
  const subSpec = sub.pipelineSpec;
  const subPlatformExecutors: Record<string, any> = { ...(sub.platformSpec?.platforms?.kubernetes?.deploymentSpec?.executors ?? {}) };
  for (const [label, exec] of Object.entries<any>(subSpec.deploymentSpec?.executors ?? {})) {
    const newLabel = doc.uniqueExecutorLabel(label);
    if (newLabel !== label) {
      for (const comp of Object.values<any>(subSpec.components ?? {})) {
        if (comp.executorLabel === label) comp.executorLabel = newLabel;
      }
      if (label in subPlatformExecutors) {
        subPlatformExecutors[newLabel] = subPlatformExecutors[label];
        delete subPlatformExecutors[label];
      }
    }
    doc.setExecutor(newLabel, exec);
  }
  // After every rename, so that a renamed executor's settings never land on the parent's label.
  doc.mergePlatformExecutors(subPlatformExecutors);
  const renames: Array<[string, string]> = [];
  const used = new Set<string>();
  const taken = { has: (k: string) => doc.hasComponent(k) || used.has(k) };
  for (const name of Object.keys(subSpec.components ?? {})) {
    const to = makeUnique(name, taken);
    renames.push([name, to]);
    used.add(name);
    used.add(to);
  }
  const renameRefs = (from: string, to: string) => {
    const dags = [...Object.values<any>(subSpec.components ?? {}), subSpec.root];
    for (const comp of dags) {
      for (const t of Object.values<any>(comp?.dag?.tasks ?? {})) {
        if (t.componentRef?.name === from) t.componentRef.name = to;
      }
    }
  };
  for (const [from, to] of [...renames].reverse()) {
    if (from !== to) renameRefs(from, to);
  }
  for (const [from, to] of renames) doc.setComponent(to, subSpec.components[from]);
  return subSpec.root;
}
