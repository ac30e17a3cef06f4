/**
 * Constructs that call the KFP API server from inside the cluster (internal), so that the
 * install's NetworkPolicies can let their namespaces in. The deploy layer registers its
 * reconciler here and the install reads the list, without either importing the other.
 */
import { IConstruct } from 'constructs';

const CLIENTS = new WeakMap<IConstruct, string>();

/** Records that `client`'s pods call the KFP API server from `namespace`. */
export function markApiClient(client: IConstruct, namespace: string): void {
  CLIENTS.set(client, namespace);
}

/** The namespaces of every API client in the app that contains `scope`, sorted, no repeats. */
export function apiClientNamespaces(scope: IConstruct): string[] {
  const found = scope.node.root.node.findAll().flatMap((c) => {
    const ns = CLIENTS.get(c);
    return ns === undefined ? [] : [ns];
  });
  return [...new Set(found)].sort();
}
