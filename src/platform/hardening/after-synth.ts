/**
 * Runs callbacks after `app.synth()` has validated the whole app and written the manifests
 * (internal).
 *
 * cdk8s validates every construct before it writes anything, so a callback registered here only
 * runs for an app that passed validation: files it writes never sit next to manifests of an app
 * that failed. The wrapper composes with other wrappers of `app.synth` (the `Pipeline` construct
 * wraps it the same way to write `<name>.pipeline.yaml`): each calls the previous one first.
 */
import { App } from 'cdk8s';

const CALLBACKS = Symbol.for('cdk8s-kfp.after-synth.callbacks');

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
  const a = app as any;
  let list: Registered[] | undefined = a[CALLBACKS];
  if (!list) {
    list = [];
    a[CALLBACKS] = list;
    const previous = app.synth.bind(app);
    a.synth = () => {
      previous();
      for (const cb of list!) cb.run(app);
    };
  }
  if (!list.some((r) => r.key === key)) list.push({ key, run });
}
