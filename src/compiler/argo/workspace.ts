/**
 * The workspace PersistentVolumeClaim template (`dsl.WorkspaceConfig`): the admin default spec,
 * overlaid with the pipeline's `pvcSpecPatch` (only `accessModes` and `storageClassName`), with
 * `resources.requests.storage` set to the workspace size.
 */
import { canonicalQuantity } from './quantity';

export function workspacePvc(workspace: any, defaultWorkspace: any): any {
  const size = workspace.size;
  if (typeof size !== 'string' || size === '') throw new Error('workspace size is required but not specified');
  const spec: any = defaultWorkspace ? JSON.parse(JSON.stringify(defaultWorkspace)) : {};
  const patch = workspace.kubernetes?.pvcSpecPatch;
  if (patch !== undefined && patch !== null) {
    const unknown = Object.keys(patch).filter((k) => k !== 'accessModes' && k !== 'storageClassName');
    if (unknown.length > 0) throw new Error(`unknown fields in workspace PVC spec patch: [${unknown.join(' ')}] (allowed: accessModes, storageClassName)`);
    if (Array.isArray(patch.accessModes) && patch.accessModes.length > 0) spec.accessModes = [...patch.accessModes];
    if (typeof patch.storageClassName === 'string') spec.storageClassName = patch.storageClassName;
  }
  if (!Array.isArray(spec.accessModes) || spec.accessModes.length === 0) throw new Error('workspace PVC spec must specify accessModes');
  if (spec.storageClassName === '') throw new Error('workspace PVC spec storageClassName must be omitted or set to a non-empty value');
  let quantity: string;
  try {
    quantity = canonicalQuantity(size);
  } catch (e: any) {
    throw new Error(`invalid size value for workspace PVC: ${e.message}`);
  }
  if (quantity.startsWith('-')) throw new Error(`negative size value for workspace PVC: ${size}`);
  spec.resources = { ...(spec.resources ?? {}), requests: { ...(spec.resources?.requests ?? {}), storage: quantity } };
  return { metadata: { name: 'kfp-workspace' }, spec };
}
