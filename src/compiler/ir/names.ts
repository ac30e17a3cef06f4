/** KFP naming rules (kfp.dsl.utils). */

/** Lowercase; runs outside `[-0-9a-z]` become `-`; repeated `-` collapse; no leading/trailing `-`. */
export function sanitizeK8sName(name: string): string {
  return name.toLowerCase().replace(/[^-0-9a-z]+/g, '-').replace(/-+/g, '-').replace(/^-+/, '').replace(/-+$/, '');
}

/** `comp-` + sanitised name. */
export function componentName(name: string): string {
  return 'comp-' + sanitizeK8sName(name);
}

/** `exec-` + sanitised name. */
export function executorLabel(name: string): string {
  return 'exec-' + sanitizeK8sName(name);
}

/** Input names of v1 components: lowercase, runs outside `[_0-9a-z]` become `_`. */
export function sanitizeInputName(name: string): string {
  return name.toLowerCase().replace(/[^_0-9a-z]+/g, '_').replace(/^_+/, '').replace(/_+$/, '');
}

/** `name`, or the first free `name-2`, `name-3`, ... */
export function makeUnique(name: string, taken: { has(key: string): boolean }): string {
  if (!taken.has(name)) return name;
  for (let i = 2; ; i++) {
    const candidate = `${name}-${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** The pattern KFP accepts for pipeline names. */
export const PIPELINE_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,127}$/;

/** `pipelinechannel--<name>`: the name of a compiler-injected input. */
export function channelInputName(fullName: string): string {
  return 'pipelinechannel--' + fullName;
}
