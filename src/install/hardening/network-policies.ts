/**
 * NetworkPolicies for the KFP namespace: deny everything, then allow exactly the traffic KFP
 * 2.17 needs, component by component.
 *
 * Traffic KFP needs (ports are pod ports: NetworkPolicies see traffic after Service translation):
 * - UI → API server 8888 (REST), ML Metadata Envoy 9090, visualization server 8888, TensorBoard
 *   viewer pods 6006, the object store (artifact previews), the Kubernetes API (pod logs, viewers);
 * - API server → database, object store, ML Metadata 8080, Kubernetes API;
 * - persistence agent and ScheduledWorkflow controller → API server 8888 and gRPC 8887, Kubernetes API;
 * - run pods (every pod Argo creates carries `workflows.argoproj.io/workflow`), in the KFP
 *   namespace and in tenant namespaces → API server 8887/8888, ML Metadata 8080, object store;
 *   in the KFP namespace also → Kubernetes API (driver, launcher, Argo's wait container);
 * - ML Metadata → database; Envoy → ML Metadata 8080; metadata writer → ML Metadata, Kubernetes API;
 * - cache server: webhook 8443 from the Kubernetes API server, → database, Kubernetes API;
 * - workflow controller, viewer controller → Kubernetes API;
 * - Prometheus → metrics ports (API server 8888, ScheduledWorkflow 9090, workflow controller 9090);
 * - every pod → cluster DNS on 53 UDP/TCP.
 *
 * The Kubernetes API server is not a pod, so it is allowed by address: `kubeApiServer.cidrs`
 * (default 0.0.0.0/0) on `kubeApiServer.ports` (default 443 and 6443: policies see the endpoint
 * port, 443 on EKS/GKE/AKS and 6443 on kubeadm clusters). Narrow the CIDRs to your control plane
 * endpoints where you know them. External databases and object stores are reached by address
 * too (their IPs are not stable): narrow `databaseCidrs` and `objectStoreCidrs` likewise.
 */
import { ApiObject, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { apiClientNamespaces } from '../../util/api-clients';
import { Marker } from '../../util/marker';
import type { IKfpComponent } from '../component';
import { DatabaseEngine } from '../database';
import { IKubeflowPipelines } from '../kubeflow-pipelines-api';
import { ObjectStoreKind } from '../object-store';

/** A source or destination of traffic outside the KFP namespace's own components. */
export class NetworkPeer {
  /** Every pod of a namespace. */
  public static namespace(name: string): NetworkPeer {
    return new NetworkPeer(`namespace '${name}'`, { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': name } } });
  }

  /** Every pod of the namespaces with these labels. */
  public static namespaces(labels: { [key: string]: string }): NetworkPeer {
    return new NetworkPeer(`namespaces ${JSON.stringify(labels)}`, { namespaceSelector: { matchLabels: { ...labels } } });
  }

  /** The pods with these labels in a namespace. */
  public static pods(namespace: string, labels: { [key: string]: string }): NetworkPeer {
    return new NetworkPeer(`pods ${JSON.stringify(labels)} in '${namespace}'`, {
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } },
      podSelector: { matchLabels: { ...labels } },
    });
  }

  /** An address range (outside the cluster's pod network), e.g. a load balancer's subnet. */
  public static cidr(cidr: string, except?: string[]): NetworkPeer {
    return new NetworkPeer(`CIDR ${cidr}`, { ipBlock: { cidr, ...(except?.length ? { except: [...except] } : {}) } });
  }

  /** What the peer selects, for messages. */
  public readonly description: string;
  private readonly peer: any;

  private constructor(description: string, peer: any) {
    this.description = description;
    this.peer = peer;
  }

  /** The NetworkPolicy peer. @internal */
  public _toPeer(): any {
    return JSON.parse(JSON.stringify(this.peer));
  }
}

/** How pods reach the Kubernetes API server. */
export interface KubeApiServerAccess {
  /**
   * Addresses of the API server endpoints (`kubectl get endpoints kubernetes -n default`).
   * @default ['0.0.0.0/0']
   */
  readonly cidrs?: string[];
  /**
   * Endpoint ports (policies see the endpoint port, not the Service's 443).
   * @default [443, 6443]
   */
  readonly ports?: number[];
}

/** Where cluster DNS runs. */
export interface ClusterDns {
  /** @default kube-system */
  readonly namespace?: string;
  /** @default { 'k8s-app': 'kube-dns' } (CoreDNS keeps this label) */
  readonly podLabels?: { [key: string]: string };
}

/** Options of the KFP NetworkPolicies. */
export interface KfpNetworkPolicyOptions {
  /**
   * Who may open the UI (port 3000), e.g. `NetworkPeer.namespace('ingress-nginx')`.
   * `kubectl port-forward` works regardless.
   * @default nobody outside the namespace
   */
  readonly uiIngressFrom?: NetworkPeer[];
  /**
   * Extra clients of the API server (8888 REST, 8887 gRPC), e.g. a CI namespace using the SDK.
   * Run pods of tenants and the `KfpReconciler` pods are always allowed.
   * @default none
   */
  readonly apiServerIngressFrom?: NetworkPeer[];
  /**
   * The namespace Prometheus scrapes from.
   * @default monitoring
   */
  readonly monitoringNamespace?: string;
  /** The Kubernetes API server. @default 0.0.0.0/0 on 443 and 6443 */
  readonly kubeApiServer?: KubeApiServerAccess;
  /** Cluster DNS. @default kube-dns pods in kube-system */
  readonly dns?: ClusterDns;
  /**
   * Addresses of an external database (its IPs change, so the default is any address, on the
   * database port only).
   * @default ['0.0.0.0/0']
   */
  readonly databaseCidrs?: string[];
  /**
   * Addresses of an external object store (S3/GCS endpoints, VPC endpoint ranges), on its port only.
   * @default ['0.0.0.0/0']
   */
  readonly objectStoreCidrs?: string[];
  /**
   * Extra egress for run pods in the KFP namespace (a PyPI mirror for `packages_to_install`,
   * a data source), on any port.
   * @default none
   */
  readonly runPodEgressCidrs?: string[];
  /**
   * Labels of further namespaces (not `Tenant`s connected to the install, which are admitted by
   * namespace name) whose run pods may reach the API server, ML Metadata and the object store.
   * Any namespace that carries these labels gets that access, so use labels that only the
   * platform team can set (for example enforced by an admission policy).
   * @default - none: only the KFP namespace and connected tenants
   */
  readonly tenantNamespaceLabels?: { [key: string]: string };
}

/** Props of `KfpNetworkPolicies`. */
export interface KfpNetworkPoliciesProps extends KfpNetworkPolicyOptions {
  /** The install to protect. */
  readonly kfp: IKubeflowPipelines;
}

/** The label every pod Argo creates for a workflow carries. */
export const RUN_POD_LABEL = 'workflows.argoproj.io/workflow';
/** The labels of the metadata backup pods (`MetadataBackup`). */
export const BACKUP_POD_LABELS = { 'app.kubernetes.io/name': 'kfp-metadata-backup' };
/** The labels of `KfpReconciler` pods. */
export const RECONCILER_POD_LABELS = { 'app.kubernetes.io/name': 'kfp-reconciler' };
/** The labels of TensorBoard viewer pods (KFP's viewer controller). */
export const VIEWER_POD_LABELS = { app: 'viewer' };

const NETWORK_POLICIES = new Marker('cdk8s-kfp.KfpNetworkPolicies');

interface PolicySpec {
  name: string;
  podSelector: any;
  ingress?: any[];
  egress?: any[];
}

/**
 * Default-deny NetworkPolicies for the KFP namespace and one policy per component that allows
 * exactly the traffic it needs. Replaces upstream's broad SeaweedFS policy (any pod of the
 * namespace, all of istio-system) with precise rules.
 */
export class KfpNetworkPolicies extends Construct {
  /** Whether `x` is a `KfpNetworkPolicies`. */
  public static isKfpNetworkPolicies(x: any): x is KfpNetworkPolicies {
    return NETWORK_POLICIES.has(x);
  }

  /** The install the policies protect. */
  public readonly kfp: IKubeflowPipelines;
  /** The NetworkPolicy objects, by name. */
  public readonly policies: { [name: string]: ApiObject } = {};
  /** The options, which connected tenants' policies default to. @internal */
  public readonly _options: KfpNetworkPolicyOptions;

  constructor(scope: Construct, id: string, props: KfpNetworkPoliciesProps) {
    super(scope, id);
    NETWORK_POLICIES.mark(this);
    const where = `KfpNetworkPolicies at '${this.node.path}'`;
    const kfp = props?.kfp;
    if (!kfp || typeof kfp.component !== 'function') {
      throw new Error(`${where}: kfp is ${String(kfp)}; expected the KubeflowPipelines install to protect`);
    }
    this.kfp = kfp;
    this._options = { ...props, kfp: undefined } as KfpNetworkPolicyOptions;
    for (const [field, cidrs] of [['databaseCidrs', props.databaseCidrs], ['objectStoreCidrs', props.objectStoreCidrs], ['runPodEgressCidrs', props.runPodEgressCidrs], ['kubeApiServer.cidrs', props.kubeApiServer?.cidrs]] as const) {
      for (const c of cidrs ?? []) {
        if (!isCidr(c)) throw new Error(`${where}: ${field} has '${c}'; expected a CIDR such as '10.0.0.0/16'`);
      }
    }
    for (const p of props.kubeApiServer?.ports ?? []) {
      if (!Number.isInteger(p) || p < 1 || p > 65535) throw new Error(`${where}: kubeApiServer.ports has ${p}; expected a port from 1 to 65535`);
    }
    const monitoringNs = props.monitoringNamespace ?? 'monitoring';
    const ns = kfp.namespace;
    const tenantLabels = props.tenantNamespaceLabels;

    // Peers and ports.
    const labelsOf = (c: IKfpComponent | undefined) => c?.podLabels;
    const pods = (labels: { [k: string]: string }) => ({ podSelector: { matchLabels: { ...labels } } });
    const runPods = { podSelector: { matchExpressions: [{ key: RUN_POD_LABEL, operator: 'Exists' }] } };
    const labelledRunPods = tenantLabels && Object.keys(tenantLabels).length > 0
      ? [{ namespaceSelector: { matchLabels: { ...tenantLabels } }, podSelector: { matchExpressions: [{ key: RUN_POD_LABEL, operator: 'Exists' }] } }]
      : [];
    // Run pods of the tenants connected to the install, by namespace name (tenants may be
    // connected after this construct, so the list is read at synth).
    const runPodsFrom = (...peers: any[]) => Lazy.any({
      produce: () => [...peers, runPods, ...labelledRunPods, ...kfp.tenants.map((t) => ({
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': t.namespaceName } },
        podSelector: { matchExpressions: [{ key: RUN_POD_LABEL, operator: 'Exists' }] },
      }))],
    });
    const monitoring = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': monitoringNs } } };
    const tcp = (...ports: number[]) => ports.map((port) => ({ protocol: 'TCP', port }));
    const api = kfp.apiServer.podLabels;
    const ui = kfp.ui.podLabels;
    const mlmd = kfp.metadataGrpcServer.podLabels;

    // Destinations.
    const kubeApi = {
      to: (props.kubeApiServer?.cidrs ?? ['0.0.0.0/0']).map((cidr) => ({ ipBlock: { cidr } })),
      ports: tcp(...(props.kubeApiServer?.ports ?? [443, 6443])),
    };
    const db = kfp.database;
    const dbPort = db.port;
    const dbServer = labelsOf(kfp.databaseServer);
    const toDatabase = dbServer
      ? { to: [pods(dbServer)], ports: tcp(dbPort) }
      : { to: (props.databaseCidrs ?? ['0.0.0.0/0']).map((cidr) => ({ ipBlock: { cidr } })), ports: tcp(dbPort) };
    const store = kfp.objectStore;
    const storeServer = labelsOf(kfp.objectStoreServer);
    const storePodPort = store.kind === ObjectStoreKind.SEAWEEDFS ? 8333 : 9000;
    const ep = store._endpoint(ns);
    const storePort = storeServer ? storePodPort : (ep.port ?? (ep.secure ? 443 : 80));
    const toStore = storeServer
      ? { to: [pods(storeServer)], ports: tcp(storePodPort) }
      : { to: (props.objectStoreCidrs ?? ['0.0.0.0/0']).map((cidr) => ({ ipBlock: { cidr } })), ports: tcp(storePort) };
    const toApi = { to: [pods(api)], ports: tcp(8888, 8887) };
    const toMlmd = { to: [pods(mlmd)], ports: tcp(8080) };

    const specs: PolicySpec[] = [];
    specs.push({ name: 'kfp-default-deny', podSelector: {}, ingress: [], egress: [] });
    const dnsNs = props.dns?.namespace ?? 'kube-system';
    const dnsPods = props.dns?.podLabels ?? { 'k8s-app': 'kube-dns' };
    specs.push({
      name: 'kfp-allow-dns',
      podSelector: {},
      egress: [{
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': dnsNs } }, podSelector: { matchLabels: { ...dnsPods } } }],
        ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
      }],
    });

    const extraApiClients = (props.apiServerIngressFrom ?? []).map((p) => p._toPeer());
    const apiIngress: any[] = [
      { from: [pods(ui)], ports: tcp(8888) },
      { from: [pods(kfp.persistenceAgent.podLabels), pods(kfp.scheduledWorkflowController.podLabels)], ports: tcp(8888, 8887) },
      { from: runPodsFrom(), ports: tcp(8888, 8887) },
      // Reconciler pods, only from the namespaces where the app's KfpReconcilers run (read at synth;
      // never empty, because an empty `from` would admit every source).
      {
        from: Lazy.any({
          produce: () => reconcilerNamespaces(kfp, ns).map((n) => ({
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': n } },
            podSelector: { matchLabels: { ...RECONCILER_POD_LABELS } },
          })),
        }),
        ports: tcp(8888),
      },
      { from: [monitoring], ports: tcp(8888) },
    ];
    if (extraApiClients.length) apiIngress.push({ from: extraApiClients, ports: tcp(8888, 8887) });
    if (kfp.apiServer.servicePorts.some((p) => p.port === 8443)) {
      // Admission webhooks are called by the Kubernetes API server, which is not a pod.
      apiIngress.push({ ports: tcp(8443) });
    }
    specs.push({ name: `kfp-${kfp.apiServer.componentName}`, podSelector: { matchLabels: { ...api } }, ingress: apiIngress, egress: [toDatabase, toStore, toMlmd, kubeApi] });

    const uiFrom = (props.uiIngressFrom ?? []).map((p) => p._toPeer());
    specs.push({
      name: `kfp-${kfp.ui.componentName}`,
      podSelector: { matchLabels: { ...ui } },
      ingress: uiFrom.length ? [{ from: uiFrom, ports: tcp(3000) }] : [],
      egress: [
        { to: [pods(api)], ports: tcp(8888) },
        { to: [pods(kfp.metadataEnvoy.podLabels)], ports: tcp(9090) },
        { to: [pods(kfp.visualizationServer.podLabels)], ports: tcp(8888) },
        { to: [pods(VIEWER_POD_LABELS)], ports: tcp(6006) },
        toStore,
        kubeApi,
      ],
    });
    specs.push({
      name: `kfp-${kfp.metadataEnvoy.componentName}`,
      podSelector: { matchLabels: { ...kfp.metadataEnvoy.podLabels } },
      ingress: [{ from: [pods(ui)], ports: tcp(9090) }],
      egress: [toMlmd],
    });
    specs.push({
      name: `kfp-${kfp.metadataGrpcServer.componentName}`,
      podSelector: { matchLabels: { ...mlmd } },
      ingress: [{
        from: runPodsFrom(pods(api), pods(kfp.metadataEnvoy.podLabels), pods(kfp.metadataWriter.podLabels)),
        ports: tcp(8080),
      }],
      egress: [toDatabase],
    });
    specs.push({ name: `kfp-${kfp.metadataWriter.componentName}`, podSelector: { matchLabels: { ...kfp.metadataWriter.podLabels } }, ingress: [], egress: [toMlmd, kubeApi] });
    specs.push({ name: `kfp-${kfp.persistenceAgent.componentName}`, podSelector: { matchLabels: { ...kfp.persistenceAgent.podLabels } }, ingress: [], egress: [toApi, kubeApi] });
    specs.push({
      name: `kfp-${kfp.scheduledWorkflowController.componentName}`,
      podSelector: { matchLabels: { ...kfp.scheduledWorkflowController.podLabels } },
      ingress: [{ from: [monitoring], ports: tcp(9090) }],
      egress: [toApi, kubeApi],
    });
    specs.push({ name: `kfp-${kfp.viewerController.componentName}`, podSelector: { matchLabels: { ...kfp.viewerController.podLabels } }, ingress: [], egress: [kubeApi] });
    specs.push({
      name: `kfp-${kfp.visualizationServer.componentName}`,
      podSelector: { matchLabels: { ...kfp.visualizationServer.podLabels } },
      ingress: [{ from: [pods(ui)], ports: tcp(8888) }],
      egress: [toStore],
    });
    specs.push({
      name: 'kfp-tensorboard-viewers',
      podSelector: { matchLabels: { ...VIEWER_POD_LABELS } },
      ingress: [{ from: [pods(ui)], ports: tcp(6006) }],
      egress: [toStore],
    });
    if (kfp.cacheServer) {
      specs.push({
        name: `kfp-${kfp.cacheServer.componentName}`,
        podSelector: { matchLabels: { ...kfp.cacheServer.podLabels } },
        // The pod-mutating webhook is called by the Kubernetes API server, which is not a pod.
        ingress: [{ ports: tcp(8443) }],
        egress: [toDatabase, kubeApi],
      });
    }
    specs.push({
      name: `kfp-${kfp.workflowController.componentName}`,
      podSelector: { matchLabels: { ...kfp.workflowController.podLabels } },
      ingress: [{ from: [monitoring], ports: tcp(9090) }],
      egress: [kubeApi],
    });
    if (kfp.databaseServer && dbServer) {
      const clients = [pods(api), pods(mlmd), pods(BACKUP_POD_LABELS)];
      if (kfp.cacheServer) clients.push(pods(kfp.cacheServer.podLabels));
      specs.push({
        name: `kfp-${kfp.databaseServer.componentName}`,
        podSelector: { matchLabels: { ...dbServer } },
        ingress: [{ from: clients, ports: tcp(db.engine === DatabaseEngine.POSTGRES ? 5432 : 3306) }],
        egress: [],
      });
    }
    if (kfp.objectStoreServer && storeServer) {
      const selfPorts = store.kind === ObjectStoreKind.SEAWEEDFS ? [8333, 8111, 9333, 19333, 8888, 18888] : [9000];
      specs.push({
        name: `kfp-${kfp.objectStoreServer.componentName}`,
        podSelector: { matchLabels: { ...storeServer } },
        ingress: [
          {
            from: runPodsFrom(pods(api), pods(ui), pods(kfp.visualizationServer.podLabels), pods(VIEWER_POD_LABELS), pods(BACKUP_POD_LABELS)),
            ports: tcp(storePodPort),
          },
          // The all-in-one SeaweedFS server talks to its own master, volume and filer through its pod IP.
          { from: [pods(storeServer)], ports: tcp(...selfPorts) },
        ],
        egress: [{ to: [pods(storeServer)], ports: tcp(...selfPorts) }],
      });
    }
    const runEgress: any[] = [toApi, toMlmd, toStore, kubeApi];
    for (const cidr of props.runPodEgressCidrs ?? []) runEgress.push({ to: [{ ipBlock: { cidr } }] });
    specs.push({ name: 'kfp-run-pods', podSelector: runPods.podSelector, ingress: [], egress: runEgress });
    specs.push({ name: 'kfp-metadata-backup', podSelector: { matchLabels: { ...BACKUP_POD_LABELS } }, ingress: [], egress: [toDatabase, toStore] });
    specs.push({ name: 'kfp-reconciler', podSelector: { matchLabels: { ...RECONCILER_POD_LABELS } }, ingress: [], egress: [{ to: [pods(api)], ports: tcp(8888) }] });

    for (const spec of specs) {
      const policyTypes = ['Ingress', 'Egress'];
      const body: any = { podSelector: spec.podSelector, policyTypes };
      if (spec.ingress?.length) body.ingress = spec.ingress;
      if (spec.egress?.length) body.egress = spec.egress;
      // The DNS policy only adds egress: listing Ingress would still be harmless, but keep intent clear.
      if (spec.name === 'kfp-allow-dns') body.policyTypes = ['Egress'];
      this.policies[spec.name] = new ApiObject(this, spec.name, {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: spec.name, namespace: ns, labels: { 'app.kubernetes.io/part-of': 'kubeflow-pipelines', 'app.kubernetes.io/managed-by': 'cdk8s-kfp' } },
        spec: body,
      });
    }

    // Upstream's SeaweedFS policy admits any pod of the namespace and all of istio-system; the
    // policies above replace it.
    const seaweed: any = kfp.objectStoreServer;
    if (store.kind === ObjectStoreKind.SEAWEEDFS && seaweed?.networkPolicy) seaweed.node.tryRemoveChild('NetworkPolicy');

    kfp._annotateForArgoCd(this);
    if (!uiFrom.length) {
      this.node.addMetadata('cdk8s-kfp:info', 'The KFP UI admits no traffic from outside its namespace (kubectl port-forward still works); set uiIngressFrom to let an ingress controller reach it.');
    }
  }
}

/** Whether a value is an IPv4 or IPv6 CIDR. @internal */
export function isCidr(value: string): boolean {
  if (typeof value !== 'string') return false;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
  if (v4) return v4.slice(1, 5).every((o) => Number(o) <= 255) && Number(v4[5]) <= 32;
  const v6 = /^[0-9a-fA-F:]+\/(\d{1,3})$/.exec(value);
  return !!v6 && value.includes(':') && Number(v6[1]) <= 128;
}

/** The KFP namespace plus every namespace a `KfpReconciler` of the app runs in, sorted. */
function reconcilerNamespaces(scope: IConstruct, kfpNamespace: string): string[] {
  return [...new Set([kfpNamespace, ...apiClientNamespaces(scope)])].sort();
}
