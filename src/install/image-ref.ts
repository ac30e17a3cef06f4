/**
 * Container image references: validation and registry mirroring (internal).
 */

// name components: lowercase alphanumerics separated by '.', '_', '__' or '-'s.
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN = '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?';
const IMAGE_REF = new RegExp(`^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::[\\w][\\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$`);
const REGISTRY = new RegExp(`^${DOMAIN}(?:/${COMPONENT})*$`);

/** Whether a string is a valid container image reference (`[registry/]path[:tag][@sha256:digest]`). */
export function isImageReference(ref: string): boolean {
  return typeof ref === 'string' && ref.length <= 255 && IMAGE_REF.test(ref);
}

/** Whether a string is a valid registry (host[:port] with an optional path prefix). */
export function isRegistry(registry: string): boolean {
  return typeof registry === 'string' && REGISTRY.test(registry) && !registry.endsWith('/');
}

/**
 * Rewrites an image to pull from a mirror: the registry host is replaced and the repository path
 * kept (`ghcr.io/kubeflow/kfp-api-server:2.17.0` → `<mirror>/kubeflow/kfp-api-server:2.17.0`).
 * Docker Hub images get their implicit `library/` prefix (`mysql:8.4` → `<mirror>/library/mysql:8.4`).
 */
export function mirrorImage(image: string, registry: string): string {
  const slash = image.indexOf('/');
  const first = slash < 0 ? '' : image.slice(0, slash);
  const hasRegistry = first.includes('.') || first.includes(':') || first === 'localhost';
  let path = hasRegistry ? image.slice(slash + 1) : image;
  const dockerHub = !hasRegistry || first === 'docker.io' || first === 'index.docker.io';
  if (dockerHub && !path.includes('/')) path = `library/${path}`;
  return `${registry}/${path}`;
}

