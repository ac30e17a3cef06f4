/**
 * What `production: true` on an install turns on, registered from above (internal).
 *
 * The production checklist sits at the top of the library (it reads installs, tenants, runs and
 * published pipelines). The install can't import it without an import circle, so the checklist
 * registers itself here when its module loads, and an install in production mode calls it.
 * `src/index.ts` loads every module, so every app that imports the library gets it.
 */
import { IKubeflowPipelines } from './kubeflow-pipelines-api';

const hooks: Array<(kfp: IKubeflowPipelines) => void> = [];

/** Runs `hook` for every install created with `production: true`. */
export function onProductionInstall(hook: (kfp: IKubeflowPipelines) => void): void {
  if (!hooks.includes(hook)) hooks.push(hook);
}

/** Runs the registered hooks for an install in production mode. */
export function runProductionHooks(kfp: IKubeflowPipelines): void {
  for (const hook of hooks) hook(kfp);
}
