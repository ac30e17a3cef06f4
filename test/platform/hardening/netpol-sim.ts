/**
 * A small NetworkPolicy evaluator (networking.k8s.io/v1 semantics) for tests: is a TCP/UDP
 * connection from one endpoint to another allowed by a set of policies?
 *
 * Endpoints are pods (namespace, namespace labels, pod labels, and a pod IP for ipBlock rules) or
 * external addresses. Policies only restrict the pods they select; a connection needs the egress
 * side (source's namespace) and the ingress side (destination's namespace) to allow it.
 */

export interface Pod {
  readonly namespace: string;
  readonly labels: { [k: string]: string };
  readonly namespaceLabels?: { [k: string]: string };
  readonly ip?: string;
}

export interface External {
  readonly ip: string;
}

export type Endpoint = Pod | External;

function isPod(e: Endpoint): e is Pod {
  return (e as Pod).namespace !== undefined;
}

function nsLabels(p: Pod): { [k: string]: string } {
  return { 'kubernetes.io/metadata.name': p.namespace, ...(p.namespaceLabels ?? {}) };
}

function matchesSelector(selector: any, labels: { [k: string]: string }): boolean {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
    if (e.operator === 'In' && !(has && e.values.includes(labels[e.key]))) return false;
    if (e.operator === 'NotIn' && has && e.values.includes(labels[e.key])) return false;
  }
  return true;
}

function ipToInt(ip: string): number {
  return ip.split('.').reduce((acc, o) => (acc * 256) + Number(o), 0);
}

function inCidr(ip: string, cidr: string): boolean {
  if (cidr.includes(':')) return false;
  const [base, bits] = cidr.split('/');
  const n = Number(bits);
  if (n === 0) return true;
  const mask = 2 ** 32 - 2 ** (32 - n);
  // eslint-disable-next-line no-bitwise
  return ((ipToInt(ip) & mask) >>> 0) === ((ipToInt(base) & mask) >>> 0);
}

/** Whether a peer of a rule of a policy in `policyNs` matches an endpoint. */
function peerMatches(peer: any, policyNs: string, e: Endpoint): boolean {
  if (peer.ipBlock) {
    const ip = isPod(e) ? e.ip : e.ip;
    if (!ip) return false;
    if (!inCidr(ip, peer.ipBlock.cidr)) return false;
    return !(peer.ipBlock.except ?? []).some((c: string) => inCidr(ip, c));
  }
  if (!isPod(e)) return false;
  if (peer.namespaceSelector) {
    if (!matchesSelector(peer.namespaceSelector, nsLabels(e))) return false;
  } else if (e.namespace !== policyNs) {
    return false;
  }
  return peer.podSelector ? matchesSelector(peer.podSelector, e.labels) : true;
}

function portMatches(ports: any[] | undefined, port: number, protocol: string): boolean {
  if (!ports || ports.length === 0) return true;
  return ports.some((p) => (p.protocol ?? 'TCP') === protocol && (p.port === undefined || p.port === port || (p.endPort !== undefined && port >= p.port && port <= p.endPort)));
}

function side(policies: any[], subject: Pod, type: 'Ingress' | 'Egress', other: Endpoint, port: number, protocol: string): boolean {
  const selecting = policies.filter((p) => p.metadata.namespace === subject.namespace
    && (p.spec.policyTypes ?? ['Ingress']).includes(type)
    && matchesSelector(p.spec.podSelector, subject.labels));
  if (selecting.length === 0) return true;
  const key = type === 'Ingress' ? 'ingress' : 'egress';
  const peersKey = type === 'Ingress' ? 'from' : 'to';
  return selecting.some((p) => (p.spec[key] ?? []).some((rule: any) => {
    const peers = rule[peersKey];
    const peerOk = !peers || peers.length === 0 || peers.some((peer: any) => peerMatches(peer, p.metadata.namespace, other));
    return peerOk && portMatches(rule.ports, port, protocol);
  }));
}

/** Whether `from` may open a connection to `to` on `port`. */
export function allowed(objects: any[], from: Endpoint, to: Endpoint, port: number, protocol = 'TCP'): boolean {
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
  const egressOk = isPod(from) ? side(policies, from, 'Egress', to, port, protocol) : true;
  const ingressOk = isPod(to) ? side(policies, to, 'Ingress', from, port, protocol) : true;
  return egressOk && ingressOk;
}
