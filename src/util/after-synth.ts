/**
 * Runs callbacks after `app.synth()` has validated the whole app and written the manifests
 * (internal).
 *
 * cdk8s validates every construct before it writes anything, so a callback registered here only
 * runs for an app that passed validation: files it writes never sit next to manifests of an app
 * that failed. `Pipeline` uses it to write `<name>.pipeline.yaml` and `ProductionChecklist` to
 * write `production-checklist.md`. It wraps `app.synth` once per app and composes with any other
 * wrapper: the previous `synth` always runs first.
 */
import { App } from 'cdk8s';

/** The callbacks of each app whose `synth` is wrapped. */
const CALLBACKS = new WeakMap<App, Registered[]>();

/** A callback keyed by a name, so that registering it twice runs it once. */
interface Registered {
  readonly key: string;
  readonly run: (app: App) => void;
}

/**
 * Registers `run` to be called after `app.synth()` succeeded. Registering the same `key` again
 * replaces nothing and adds nothing.
 */
export function afterSynth(app: App, key: string, run: (app: App) => void): void {
  let list = CALLBACKS.get(app);
  if (!list) {
    list = [];
    CALLBACKS.set(app, list);
    const previous = app.synth.bind(app);
    app.synth = () => {
      previous();
      for (const cb of list!) cb.run(app);
    };
  }
  if (!list.some((r) => r.key === key)) list.push({ key, run });
}
