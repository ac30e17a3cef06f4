/**
 * The CustomResourceDefinitions the install ships, written as schema facts in this project.
 * Each entry is a plain `apiextensions.k8s.io/v1` CustomResourceDefinition object.
 */

/** @internal */
export function crdManifests(): any[] {
  return [];
}
