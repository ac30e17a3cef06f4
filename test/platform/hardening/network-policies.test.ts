import * as kplus from 'cdk8s-plus-28';
import { appAndChart, find, install } from './helpers';
import { allowed, Pod } from './netpol-sim';
import { Database, KfpReconciler, KubeflowPipelines, ObjectStore, PipelineStore, KfpNetworkPolicies, NetworkPeer } from '../../../src';
import { CERT_MANAGER_CRDS } from '../../install/helpers';
import { validateManifests } from '../../util/validate';

/** A pod of a Deployment or CronJob, with its real template labels. */
function pod(objects: any[], kind: string, name: string): Pod {
  const o = find(objects, kind, name);
  const template = kind === 'CronJob' ? o.spec.jobTemplate.spec.template : o.spec.template;
  return { namespace: o.metadata.namespace, labels: template.metadata.labels, ip: '10.244.0.10' };
}

const KUBE_API = { ip: '10.0.0.1' };
const runPod: Pod = { namespace: 'kubeflow', labels: { 'workflows.argoproj.io/workflow': 'run-abc', 'pipelines.kubeflow.org/v2_component': 'true' } };
const tenantRunPod: Pod = { namespace: 'team-a', namespaceLabels: { 'app.kubernetes.io/part-of': 'kubeflow-pipelines' }, labels: { 'workflows.argoproj.io/workflow': 'run-xyz' } };
const strangerRunPod: Pod = { namespace: 'elsewhere', labels: { 'workflows.argoproj.io/workflow': 'run-zzz' } };
const prometheus: Pod = { namespace: 'monitoring', labels: { 'app.kubernetes.io/name': 'prometheus' } };
const kubeDns: Pod = { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } };
const reconciler: Pod = { namespace: 'kubeflow', labels: { 'app.kubernetes.io/name': 'kfp-reconciler', 'app.kubernetes.io/instance': 'r' } };

describe('KfpNetworkPolicies: the default install (MySQL, SeaweedFS) with the v1 cache server', () => {
  const { objects } = install({ networkPolicies: {}, backup: {}, certManager: true });
  const api = pod(objects, 'Deployment', 'ml-pipeline');
  const ui = pod(objects, 'Deployment', 'ml-pipeline-ui');
  const envoy = pod(objects, 'Deployment', 'metadata-envoy-deployment');
  const mlmd = pod(objects, 'Deployment', 'metadata-grpc-deployment');
  const writer = pod(objects, 'Deployment', 'metadata-writer');
  const agent = pod(objects, 'Deployment', 'ml-pipeline-persistenceagent');
  const swf = pod(objects, 'Deployment', 'ml-pipeline-scheduledworkflow');
  const viewer = pod(objects, 'Deployment', 'ml-pipeline-viewer-crd');
  const vis = pod(objects, 'Deployment', 'ml-pipeline-visualizationserver');
  const cache = pod(objects, 'Deployment', 'cache-server');
  const wfc = pod(objects, 'Deployment', 'workflow-controller');
  const mysql = pod(objects, 'Deployment', 'mysql');
  const seaweed = pod(objects, 'Deployment', 'seaweedfs');
  const backup = pod(objects, 'CronJob', 'kfp-metadata-backup');

  test('denies everything by default in the KFP namespace, for ingress and egress', () => {
    const deny = find(objects, 'NetworkPolicy', 'kfp-default-deny');
    expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const stranger: Pod = { namespace: 'kubeflow', labels: { app: 'something-else' } };
    expect(allowed(objects, stranger, api, 8888)).toBe(false);
    expect(allowed(objects, stranger, { ip: '1.1.1.1' }, 443)).toBe(false);
    expect(allowed(objects, { namespace: 'default', labels: {} }, api, 8888)).toBe(false);
  });

  test('every pod may resolve names with kube-dns on 53 UDP and TCP, and nothing else in kube-system', () => {
    const dns = find(objects, 'NetworkPolicy', 'kfp-allow-dns');
    expect(dns.spec.egress).toEqual([{
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
      ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
    }]);
    for (const p of [api, ui, mlmd, runPod, backup]) {
      expect(allowed(objects, p, kubeDns, 53, 'UDP')).toBe(true);
      expect(allowed(objects, p, kubeDns, 53, 'TCP')).toBe(true);
    }
    expect(allowed(objects, api, { namespace: 'kube-system', labels: { app: 'metrics-server' } }, 53, 'UDP')).toBe(false);
  });

  test('UI → API server REST 8888, Envoy 9090, visualization server 8888, TensorBoard viewers 6006 and the object store', () => {
    const rule = find(objects, 'NetworkPolicy', 'kfp-ml-pipeline').spec.ingress[0];
    expect(rule).toEqual({ from: [{ podSelector: { matchLabels: { app: 'ml-pipeline-ui' } } }], ports: [{ protocol: 'TCP', port: 8888 }] });
    expect(allowed(objects, ui, api, 8888)).toBe(true);
    expect(allowed(objects, ui, api, 8887)).toBe(false);
    expect(allowed(objects, ui, envoy, 9090)).toBe(true);
    expect(allowed(objects, ui, vis, 8888)).toBe(true);
    expect(allowed(objects, ui, { namespace: 'kubeflow', labels: { app: 'viewer', viewer: 'tb-1' } }, 6006)).toBe(true);
    expect(allowed(objects, ui, seaweed, 8333)).toBe(true);
    expect(allowed(objects, ui, mysql, 3306)).toBe(false);
    expect(allowed(objects, ui, mlmd, 8080)).toBe(false);
  });

  test('API server → database 3306, object store 8333, ML Metadata 8080 and the Kubernetes API', () => {
    expect(find(objects, 'NetworkPolicy', 'kfp-ml-pipeline').spec.egress).toEqual([
      { to: [{ podSelector: { matchLabels: { app: 'mysql' } } }], ports: [{ protocol: 'TCP', port: 3306 }] },
      { to: [{ podSelector: { matchLabels: { app: 'seaweedfs' } } }], ports: [{ protocol: 'TCP', port: 8333 }] },
      { to: [{ podSelector: { matchLabels: { component: 'metadata-grpc-server' } } }], ports: [{ protocol: 'TCP', port: 8080 }] },
      { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ protocol: 'TCP', port: 443 }, { protocol: 'TCP', port: 6443 }] },
    ]);
    expect(allowed(objects, api, mysql, 3306)).toBe(true);
    expect(allowed(objects, api, seaweed, 8333)).toBe(true);
    expect(allowed(objects, api, mlmd, 8080)).toBe(true);
    expect(allowed(objects, api, KUBE_API, 443)).toBe(true);
    expect(allowed(objects, api, KUBE_API, 6443)).toBe(true);
    expect(allowed(objects, api, KUBE_API, 80)).toBe(false);
  });

  test('run pods (driver, launcher, executor) → API server 8887/8888, ML Metadata 8080, object store, Kubernetes API; never the database', () => {
    expect(find(objects, 'NetworkPolicy', 'kfp-run-pods').spec.podSelector).toEqual({ matchExpressions: [{ key: 'workflows.argoproj.io/workflow', operator: 'Exists' }] });
    expect(allowed(objects, runPod, api, 8887)).toBe(true);
    expect(allowed(objects, runPod, api, 8888)).toBe(true);
    expect(allowed(objects, runPod, mlmd, 8080)).toBe(true);
    expect(allowed(objects, runPod, seaweed, 8333)).toBe(true);
    expect(allowed(objects, runPod, KUBE_API, 443)).toBe(true);
    expect(allowed(objects, runPod, mysql, 3306)).toBe(false);
    expect(allowed(objects, runPod, { ip: '151.101.0.223' }, 443)).toBe(true); // the Kubernetes API rule is by port: 443 to anywhere by default
    expect(allowed(objects, runPod, { ip: '151.101.0.223' }, 80)).toBe(false);
  });

  test('a namespace label alone grants nothing: only connected tenants (by name) or opted-in labels', () => {
    // Anyone who may label a namespace could otherwise admit its pods.
    expect(allowed(objects, tenantRunPod, api, 8887)).toBe(false);
    expect(allowed(objects, tenantRunPod, seaweed, 8333)).toBe(false);
    expect(allowed(objects, strangerRunPod, api, 8887)).toBe(false);
    expect(allowed(objects, strangerRunPod, seaweed, 8333)).toBe(false);
  });

  test('with tenantNamespaceLabels, run pods of labelled namespaces reach the API server, ML Metadata and the object store', () => {
    const labelled = install({ networkPolicies: { tenantNamespaceLabels: { 'app.kubernetes.io/part-of': 'kubeflow-pipelines' } } }).objects;
    const a = pod(labelled, 'Deployment', 'ml-pipeline');
    expect(allowed(labelled, tenantRunPod, a, 8887)).toBe(true);
    expect(allowed(labelled, tenantRunPod, pod(labelled, 'Deployment', 'metadata-grpc-deployment'), 8080)).toBe(true);
    expect(allowed(labelled, tenantRunPod, pod(labelled, 'Deployment', 'seaweedfs'), 8333)).toBe(true);
    expect(allowed(labelled, tenantRunPod, pod(labelled, 'Deployment', 'mysql'), 3306)).toBe(false);
    expect(allowed(labelled, strangerRunPod, a, 8887)).toBe(false);
  });

  test("controllers' API access: persistence agent and ScheduledWorkflow → API server 8888/8887 and the Kubernetes API", () => {
    for (const c of [agent, swf]) {
      expect(allowed(objects, c, api, 8888)).toBe(true);
      expect(allowed(objects, c, api, 8887)).toBe(true);
      expect(allowed(objects, c, KUBE_API, 443)).toBe(true);
      expect(allowed(objects, c, mysql, 3306)).toBe(false);
    }
    for (const c of [viewer, wfc, writer, cache]) expect(allowed(objects, c, KUBE_API, 443)).toBe(true);
    expect(allowed(objects, wfc, api, 8888)).toBe(false);
    expect(allowed(objects, viewer, api, 8888)).toBe(false);
  });

  test('ML Metadata: Envoy, the metadata writer and the API server reach it; it reaches only the database', () => {
    expect(allowed(objects, envoy, mlmd, 8080)).toBe(true);
    expect(allowed(objects, writer, mlmd, 8080)).toBe(true);
    expect(allowed(objects, writer, api, 8888)).toBe(false);
    expect(allowed(objects, mlmd, mysql, 3306)).toBe(true);
    expect(allowed(objects, mlmd, seaweed, 8333)).toBe(false);
    expect(allowed(objects, mlmd, KUBE_API, 443)).toBe(false);
  });

  test('the database admits the API server, ML Metadata, the cache server and the backup Job only', () => {
    expect(find(objects, 'NetworkPolicy', 'kfp-mysql').spec.ingress).toEqual([{
      from: [
        { podSelector: { matchLabels: { app: 'ml-pipeline' } } },
        { podSelector: { matchLabels: { component: 'metadata-grpc-server' } } },
        { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'kfp-metadata-backup' } } },
        { podSelector: { matchLabels: { app: 'cache-server' } } },
      ],
      ports: [{ protocol: 'TCP', port: 3306 }],
    }]);
    expect(allowed(objects, cache, mysql, 3306)).toBe(true);
    expect(allowed(objects, backup, mysql, 3306)).toBe(true);
    expect(allowed(objects, backup, seaweed, 8333)).toBe(true);
    expect(allowed(objects, backup, api, 8888)).toBe(false);
    expect(allowed(objects, vis, mysql, 3306)).toBe(false);
  });

  test('webhooks (cache server 8443) are reachable from the Kubernetes API server, which is not a pod', () => {
    expect(find(objects, 'NetworkPolicy', 'kfp-cache-server').spec.ingress).toEqual([{ ports: [{ protocol: 'TCP', port: 8443 }] }]);
    expect(allowed(objects, KUBE_API, cache, 8443)).toBe(true);
    expect(allowed(objects, KUBE_API, cache, 8080)).toBe(false);
  });

  test('Prometheus scrapes the metrics ports only', () => {
    expect(allowed(objects, prometheus, api, 8888)).toBe(true);
    expect(allowed(objects, prometheus, swf, 9090)).toBe(true);
    expect(allowed(objects, prometheus, wfc, 9090)).toBe(true);
    expect(allowed(objects, prometheus, api, 8887)).toBe(false);
    expect(allowed(objects, prometheus, mlmd, 8080)).toBe(false);
    expect(allowed(objects, prometheus, mysql, 3306)).toBe(false);
  });

  test('KfpReconciler pods reach the API server REST port, only from namespaces where a reconciler runs', () => {
    expect(allowed(objects, reconciler, api, 8888)).toBe(true);
    expect(allowed(objects, { ...reconciler, namespace: 'ci' }, api, 8888)).toBe(false);
    expect(allowed(objects, reconciler, mysql, 3306)).toBe(false);
    const { chart } = appAndChart('with-reconciler');
    new KubeflowPipelines(chart, 'kfp', { networkPolicies: {} });
    new KfpReconciler(chart, 'r', { namespace: 'ci' });
    const withCi = chart.toJson();
    expect(allowed(withCi, { ...reconciler, namespace: 'ci' }, pod(withCi, 'Deployment', 'ml-pipeline'), 8888)).toBe(true);
    expect(allowed(withCi, { ...reconciler, namespace: 'elsewhere' }, pod(withCi, 'Deployment', 'ml-pipeline'), 8888)).toBe(false);
  });

  test("SeaweedFS: upstream's broad policy is replaced by a precise one; the all-in-one server reaches its own ports", () => {
    expect(objects.filter((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'seaweedfs')).toEqual([]);
    expect(allowed(objects, seaweed, seaweed, 9333)).toBe(true);
    expect(allowed(objects, seaweed, seaweed, 18888)).toBe(true);
    expect(allowed(objects, { namespace: 'istio-system', labels: {} }, seaweed, 8333)).toBe(false);
  });

  test('the UI admits nobody from outside unless told; every policy is schema-valid and syncs with the configuration', async () => {
    expect(find(objects, 'NetworkPolicy', 'kfp-ml-pipeline-ui').spec.ingress).toBeUndefined();
    expect(allowed(objects, { namespace: 'ingress-nginx', labels: {} }, ui, 3000)).toBe(false);
    for (const p of objects.filter((o) => o.kind === 'NetworkPolicy')) {
      expect(p.metadata.annotations['argocd.argoproj.io/sync-wave']).toBe('-4');
    }
    await validateManifests(objects, { crds: CERT_MANAGER_CRDS });
  });
});

describe('KfpNetworkPolicies: options and external services', () => {
  test('external database and S3: by address and port; narrowed CIDRs; ingress and API clients', () => {
    const { objects } = install(undefined, (chart) => ({
      database: Database.externalPostgres({ host: 'db.example.com', credentials: kplus.Secret.fromSecretName(chart, 'db', 'kfp-db') }),
      objectStore: ObjectStore.s3({ bucket: 'acme', region: 'eu-west-1', serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::1:role/x' } }),
      networkPolicies: {
        databaseCidrs: ['10.0.32.0/20'],
        kubeApiServer: { cidrs: ['10.0.0.0/24'], ports: [443] },
        uiIngressFrom: [NetworkPeer.namespace('ingress-nginx')],
        apiServerIngressFrom: [NetworkPeer.pods('ci', { app: 'pipeline-ci' })],
        runPodEgressCidrs: ['10.20.0.0/16'],
      },
    }));
    const api = pod(objects, 'Deployment', 'ml-pipeline');
    const ui = pod(objects, 'Deployment', 'ml-pipeline-ui');
    expect(allowed(objects, api, { ip: '10.0.33.5' }, 5432)).toBe(true);
    expect(allowed(objects, api, { ip: '10.1.2.3' }, 5432)).toBe(false);
    expect(allowed(objects, api, { ip: '10.0.33.5' }, 3306)).toBe(false);
    expect(allowed(objects, api, { ip: '52.218.1.1' }, 443)).toBe(true); // S3 endpoints have no stable addresses
    expect(allowed(objects, api, { ip: '10.0.0.9' }, 6443)).toBe(false);
    expect(allowed(objects, { namespace: 'ingress-nginx', labels: {} }, ui, 3000)).toBe(true);
    expect(allowed(objects, { namespace: 'ci', labels: { app: 'pipeline-ci' } }, api, 8887)).toBe(true);
    expect(allowed(objects, { namespace: 'ci', labels: { app: 'other' } }, api, 8887)).toBe(false);
    expect(allowed(objects, runPod, { ip: '10.20.3.4' }, 8080)).toBe(true);
    expect(objects.filter((o) => o.kind === 'NetworkPolicy').map((o) => o.metadata.name)).not.toContain('kfp-mysql');
  });

  test('Kubernetes-native store: the API server webhook port 8443 is open to the Kubernetes API server', () => {
    const { objects } = install({ pipelineStore: PipelineStore.KUBERNETES, networkPolicies: {} });
    const api = pod(objects, 'Deployment', 'ml-pipeline');
    expect(find(objects, 'NetworkPolicy', 'kfp-ml-pipeline').spec.ingress).toContainEqual({ ports: [{ protocol: 'TCP', port: 8443 }] });
    expect(allowed(objects, KUBE_API, api, 8443)).toBe(true);
  });

  test('MinIO: port 9000 on the pods', () => {
    const { objects } = install({ objectStore: ObjectStore.minio(), networkPolicies: {} });
    const api = pod(objects, 'Deployment', 'ml-pipeline');
    expect(allowed(objects, api, pod(objects, 'Deployment', 'minio'), 9000)).toBe(true);
  });

  test('a standalone KfpNetworkPolicies for an install elsewhere in the app', () => {
    const { chart } = appAndChart();
    const kfp = new KubeflowPipelines(chart, 'kfp', { namespace: 'ml' });
    const policies = new KfpNetworkPolicies(chart, 'policies', { kfp, monitoringNamespace: 'observability' });
    expect(policies.policies['kfp-default-deny'].metadata.namespace).toBe('ml');
    // Outside the install, the policies still get the install's Argo CD wave (with its configuration).
    expect(policies.policies['kfp-default-deny'].toJson().metadata.annotations['argocd.argoproj.io/sync-wave']).toBe('-4');
    expect(chart.toJson().find((o: any) => o.metadata.name === 'kfp-workflow-controller').spec.ingress[0].from[0])
      .toEqual({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'observability' } } });
  });

  test('bad input: a CIDR that is not one, a port out of range, no install', () => {
    const { chart } = appAndChart();
    const kfp = new KubeflowPipelines(chart, 'kfp');
    expect(() => new KfpNetworkPolicies(chart, 'p1', { kfp, databaseCidrs: ['10.0.0.0'] })).toThrow(
      "KfpNetworkPolicies at 'prod/p1': databaseCidrs has '10.0.0.0'; expected a CIDR such as '10.0.0.0/16'");
    expect(() => new KfpNetworkPolicies(chart, 'p2', { kfp, kubeApiServer: { ports: [70000] } })).toThrow(
      "KfpNetworkPolicies at 'prod/p2': kubeApiServer.ports has 70000; expected a port from 1 to 65535");
    expect(() => new KfpNetworkPolicies(chart, 'p3', {} as any)).toThrow(
      "KfpNetworkPolicies at 'prod/p3': kfp is undefined; expected the KubeflowPipelines install to protect");
  });
});
