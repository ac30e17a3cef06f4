/**
 * CustomResourceDefinitions that the library itself ships. `validateManifests` validates custom
 * resources of these kinds against each CRD's `openAPIV3Schema`.
 */
import { crdManifests } from '../../src/install/crds';

let cached: any[] | undefined;

export function knownCrds(): any[] {
  cached ??= crdManifests();
  return cached;
}
