/** How a pipeline uses its workspace (internal): the placeholder, the mount path, compiled IR. */

/** The placeholder kfp replaces with the workspace path (`dsl.WORKSPACE_PATH_PLACEHOLDER`). */
export const WORKSPACE_PLACEHOLDER = '{{$.workspace_path}}';
/** Where KFP mounts the workspace (`dsl.constants.WORKSPACE_MOUNT_PATH`). */
export const WORKSPACE_MOUNT = '/kfp-workspace';

/** Whether a task's constant input refers to the workspace, as kfp detects it. */
export function refersToWorkspace(value: unknown): boolean {
  return typeof value === 'string' && (value.includes(WORKSPACE_PLACEHOLDER) || value.startsWith(WORKSPACE_MOUNT));
}

/** Whether compiled IR (a pipeline loaded from YAML) uses the workspace anywhere. */
export function irUsesWorkspace(spec: unknown): boolean {
  let found = false;
  const walk = (v: any, key?: string): void => {
    if (found) return;
    if (typeof v === 'string') {
      found = refersToWorkspace(v);
    } else if (Array.isArray(v)) {
      v.forEach((x) => walk(x));
    } else if (v && typeof v === 'object') {
      if (key === 'importer' && v.downloadToWorkspace === true) found = true;
      for (const [k, x] of Object.entries(v)) walk(x, k);
    }
  };
  walk(spec);
  return found;
}
