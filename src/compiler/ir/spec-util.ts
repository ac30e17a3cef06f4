/** Small helpers for building IR objects (internal to the IR compiler). */

/** `obj[k1][k2]...`, creating empty objects on the way. */
export function ensure(obj: any, ...keys: string[]): any {
  let cur = obj;
  for (const k of keys) {
    if (cur[k] === undefined) cur[k] = {};
    cur = cur[k];
  }
  return cur;
}

/** A deep copy of a JSON value. */
export function clone<T>(v: T): T {
  return v === undefined ? v : JSON.parse(JSON.stringify(v));
}

/** Whether a component spec declares parameter input `name`. */
export function hasParamInput(spec: any, name: string): boolean {
  return !!spec?.inputDefinitions?.parameters && name in spec.inputDefinitions.parameters;
}

/** Whether a component spec declares artifact input `name`. */
export function hasArtifactInput(spec: any, name: string): boolean {
  return !!spec?.inputDefinitions?.artifacts && name in spec.inputDefinitions.artifacts;
}
