/**
 * NetworkPolicies of a tenant namespace connected to a KFP install: deny everything, then let
 * run pods reach what a KFP run needs, and every pod reach cluster DNS.
 *
 * What a run pod in a tenant namespace talks to (drivers, launchers, Argo's init/wait containers):
 * - the KFP API server in the KFP namespace, 8888 (REST) and 8887 (gRPC);
 * - ML Metadata in the KFP namespace, 8080;
 * - the object store of the tenant's pipeline root: the install's in-cluster SeaweedFS/MinIO pods,
 *   or an external endpoint by address (S3/GCS on 443; IRSA's STS calls too);
 * - the Kubernetes API (the driver reads `kfp-launcher` and its pod; Argo's wait container writes
 *   WorkflowTaskResults);
 * - cluster DNS.
 * Nothing connects to run pods, so they admit no ingress.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { TenantPipelineRoot } from './tenant-pipeline-root';
import { ClusterDns, isCidr, KfpNetworkPolicyOptions, KubeApiServerAccess, RUN_POD_LABEL } from '../install/hardening/network-policies';
import type { KubeflowPipelines } from '../install/kubeflow-pipelines';
import { ObjectStoreKind } from '../install/object-store';

/** Options of a tenant's NetworkPolicies. */
export interface TenantNetworkPolicyOptions {
  /**
   * The Kubernetes API server.
   * @default the install's `networkPolicies.kubeApiServer`, else 0.0.0.0/0 on 443 and 6443
   */
  readonly kubeApiServer?: KubeApiServerAccess;
  /**
   * Cluster DNS.
   * @default the install's `networkPolicies.dns`, else kube-dns pods in kube-system
   */
  readonly dns?: ClusterDns;
  /**
   * Addresses of an external object store (S3/GCS endpoints, VPC endpoint ranges), on its port only.
   * @default the install's `networkPolicies.objectStoreCidrs`, else ['0.0.0.0/0']
   */
  readonly objectStoreCidrs?: string[];
  /**
   * Extra egress for run pods (a PyPI mirror for `packages_to_install`, a data source), on any port.
   * @default none
   */
  readonly runPodEgressCidrs?: string[];
}

/** What the policies need to know, resolved by the tenant (internal). */
export interface TenantNetworkPolicyInputs {
  readonly namespace: string;
  readonly kfp: KubeflowPipelines;
  readonly pipelineRoot?: TenantPipelineRoot;
  readonly options: TenantNetworkPolicyOptions;
}

/** The names of the policies a tenant writes. */
export const TENANT_POLICY_NAMES = ['kfp-tenant-default-deny', 'kfp-tenant-allow-dns', 'kfp-tenant-run-pods'];

/**
 * Default-deny NetworkPolicies in a tenant namespace, with the egress KFP run pods need (internal:
 * `Tenant` creates it when `networkPolicies` is set and the tenant is connected to an install).
 */
export class TenantNetworkPolicies extends Construct {
  /** The NetworkPolicy objects, by name. */
  public readonly policies: { [name: string]: ApiObject } = {};

  constructor(scope: Construct, id: string, inputs: TenantNetworkPolicyInputs) {
    super(scope, id);
    const { namespace, kfp, pipelineRoot } = inputs;
    const installOptions: Partial<KfpNetworkPolicyOptions> = kfp.networkPolicies?._options ?? {};
    const options = inputs.options;
    const where = `${scope.node.path}: networkPolicies`;
    for (const [field, cidrs] of [['objectStoreCidrs', options.objectStoreCidrs], ['runPodEgressCidrs', options.runPodEgressCidrs], ['kubeApiServer.cidrs', options.kubeApiServer?.cidrs]] as const) {
      for (const c of cidrs ?? []) {
        if (!isCidr(c)) throw new Error(`${where}.${field} has '${c}' (expected a CIDR such as '10.0.0.0/16')`);
      }
    }
    for (const p of options.kubeApiServer?.ports ?? []) {
      if (!Number.isInteger(p) || p < 1 || p > 65535) throw new Error(`${where}.kubeApiServer.ports has ${p} (expected a port from 1 to 65535)`);
    }
    const kubeApiServer: KubeApiServerAccess = options.kubeApiServer ?? installOptions.kubeApiServer ?? {};
    const dns: ClusterDns = options.dns ?? installOptions.dns ?? {};
    const storeCidrs: string[] = options.objectStoreCidrs ?? installOptions.objectStoreCidrs ?? ['0.0.0.0/0'];

    const tcp = (...ports: number[]) => ports.map((port) => ({ protocol: 'TCP', port }));
    const inKfp = (labels: { [k: string]: string }) => ({
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': kfp.namespace } },
      podSelector: { matchLabels: { ...labels } },
    });
    const runPods = { matchExpressions: [{ key: RUN_POD_LABEL, operator: 'Exists' }] };

    const egress: any[] = [
      { to: [inKfp(kfp.apiServer.podLabels)], ports: tcp(8888, 8887) },
      { to: [inKfp(kfp.metadataGrpcServer.podLabels)], ports: tcp(8080) },
    ];
    const store = storeRule(kfp, pipelineRoot, storeCidrs, inKfp);
    if (store) egress.push(store);
    egress.push({
      to: (kubeApiServer.cidrs ?? ['0.0.0.0/0']).map((cidr) => ({ ipBlock: { cidr } })),
      ports: tcp(...(kubeApiServer.ports ?? [443, 6443])),
    });
    for (const cidr of options.runPodEgressCidrs ?? []) egress.push({ to: [{ ipBlock: { cidr } }] });

    const specs: Array<{ name: string; spec: any }> = [
      { name: 'kfp-tenant-default-deny', spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } },
      {
        name: 'kfp-tenant-allow-dns',
        spec: {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [{
            to: [{
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': dns.namespace ?? 'kube-system' } },
              podSelector: { matchLabels: { ...(dns.podLabels ?? { 'k8s-app': 'kube-dns' }) } },
            }],
            ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
          }],
        },
      },
      { name: 'kfp-tenant-run-pods', spec: { podSelector: runPods, policyTypes: ['Ingress', 'Egress'], egress } },
    ];
    for (const { name, spec } of specs) {
      this.policies[name] = new ApiObject(this, name, {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name, namespace, labels: { 'app.kubernetes.io/part-of': 'kubeflow-pipelines', 'app.kubernetes.io/managed-by': 'cdk8s-kfp' } },
        spec,
      });
    }
  }
}

/** Egress to the tenant's object store: the install's in-cluster store pods, or an address range on the endpoint port. */
function storeRule(kfp: KubeflowPipelines, root: TenantPipelineRoot | undefined, cidrs: string[], inKfp: (labels: any) => any): any | undefined {
  const server = kfp.objectStoreServer;
  const podPort = kfp.objectStore.kind === ObjectStoreKind.SEAWEEDFS ? 8333 : 9000;
  if (!root) return undefined;
  const ep = root._endpoint();
  if (server && kfp.objectStore.inCluster) {
    const service = kfp.objectStore._endpoint(kfp.namespace).host; // seaweedfs.<ns> or minio-service.<ns>
    const host = ep.host.replace(/\.svc(\.cluster\.local)?$/, '');
    if (host === service) return { to: [inKfp(server.podLabels)], ports: [{ protocol: 'TCP', port: podPort }] };
  }
  return { to: cidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: [{ protocol: 'TCP', port: ep.port }] };
}
