/**
 * NetworkPolicies with tenants: the install's policies admit run pods of connected tenant
 * namespaces (by namespace name), and a tenant that asks for them gets default-deny with the
 * egress a KFP run needs. Each rule is checked with the NetworkPolicy simulator.
 */
import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { appAndChart, find } from './helpers';
import { allowed, Pod } from './netpol-sim';
import { KubeflowPipelines, KubeflowPipelinesProps, ObjectStore, Tenant, TenantPipelineRoot, TenantProps } from '../../../src';
import { CERT_MANAGER_CRDS } from '../../install/helpers';
import { validateManifests } from '../../util/validate';

function platform(installProps: KubeflowPipelinesProps, tenantProps: (c: Chart, kfp: KubeflowPipelines) => Partial<TenantProps>) {
  const { app, chart } = appAndChart('test');
  const kfp = new KubeflowPipelines(chart, 'kfp', installProps);
  const teams = new Chart(app, 'teams');
  const tenant = new Tenant(teams, 'ml-team', { quota: { cpu: '8', memory: '32Gi' }, ...tenantProps(teams, kfp) });
  kfp.addTenant(tenant);
  return { kfp, tenant, objects: [...chart.toJson(), ...teams.toJson()] };
}

function pod(objects: any[], name: string): Pod {
  const o = find(objects, 'Deployment', name);
  return { namespace: o.metadata.namespace, labels: o.spec.template.metadata.labels, ip: '10.244.0.10' };
}

const KUBE_API = { ip: '10.0.0.1' };
const S3 = { ip: '52.218.1.1' };
const kubeDns: Pod = { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } };
// A tenant namespace whose label was changed: only the name-based rule admits it.
const teamRunPod: Pod = { namespace: 'ml-team', labels: { 'workflows.argoproj.io/workflow': 'train-x' }, ip: '10.244.1.5' };
const teamOtherPod: Pod = { namespace: 'ml-team', labels: { app: 'notebook' }, ip: '10.244.1.6' };
const unconnectedRunPod: Pod = { namespace: 'team-z', labels: { 'workflows.argoproj.io/workflow': 'run-z' } };

describe('NetworkPolicies with a connected tenant (in-cluster SeaweedFS)', () => {
  const { objects, tenant } = platform({ networkPolicies: {} }, (c, kfp) => ({
    labels: { 'app.kubernetes.io/part-of': 'team-platform' },
    pipelineRoot: TenantPipelineRoot.fromObjectStore(kfp.objectStore, { credentials: kplus.Secret.fromSecretName(c, 'keys', 'ml-team-seaweedfs') }),
    networkPolicies: {},
  }));
  const api = pod(objects, 'ml-pipeline');
  const mlmd = pod(objects, 'metadata-grpc-deployment');
  const seaweed = pod(objects, 'seaweedfs');
  const mysql = pod(objects, 'mysql');

  test('the install admits run pods of the connected namespace by name, to the API server, ML Metadata and the object store', () => {
    const apiIngress = find(objects, 'NetworkPolicy', 'kfp-ml-pipeline').spec.ingress[2];
    expect(apiIngress.from).toContainEqual({
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ml-team' } },
      podSelector: { matchExpressions: [{ key: 'workflows.argoproj.io/workflow', operator: 'Exists' }] },
    });
    expect(allowed(objects, teamRunPod, api, 8888)).toBe(true);
    expect(allowed(objects, teamRunPod, api, 8887)).toBe(true);
    expect(allowed(objects, teamRunPod, mlmd, 8080)).toBe(true);
    expect(allowed(objects, teamRunPod, seaweed, 8333)).toBe(true);
  });

  test('the tenant namespace is default-deny: only run pods get out, and only to what a run needs', () => {
    expect(Object.keys(tenant.networkPolicies!.policies)).toEqual(['kfp-tenant-default-deny', 'kfp-tenant-allow-dns', 'kfp-tenant-run-pods']);
    expect(find(objects, 'NetworkPolicy', 'kfp-tenant-default-deny')).toMatchObject({ metadata: { namespace: 'ml-team' }, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } });
    expect(allowed(objects, teamRunPod, mysql, 3306)).toBe(false);
    expect(allowed(objects, teamRunPod, pod(objects, 'ml-pipeline-ui'), 3000)).toBe(false);
    expect(allowed(objects, teamRunPod, KUBE_API, 443)).toBe(true);
    expect(allowed(objects, teamRunPod, KUBE_API, 6443)).toBe(true);
    expect(allowed(objects, teamRunPod, S3, 80)).toBe(false);
    expect(allowed(objects, teamOtherPod, api, 8888)).toBe(false);
    expect(allowed(objects, teamOtherPod, KUBE_API, 443)).toBe(false);
    expect(allowed(objects, teamOtherPod, kubeDns, 53, 'UDP')).toBe(true);
    expect(allowed(objects, teamRunPod, kubeDns, 53, 'TCP')).toBe(true);
    // Nothing reaches into the tenant's run pods, not even the KFP namespace.
    expect(allowed(objects, api, teamRunPod, 8080)).toBe(false);
    expect(allowed(objects, { namespace: 'ml-team', labels: {} }, teamRunPod, 8080)).toBe(false);
  });

  test('in-cluster store: egress to the SeaweedFS pods of the KFP namespace on the pod port', () => {
    const egress = find(objects, 'NetworkPolicy', 'kfp-tenant-run-pods').spec.egress;
    expect(egress[2]).toEqual({
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kubeflow' } }, podSelector: { matchLabels: { app: 'seaweedfs' } } }],
      ports: [{ protocol: 'TCP', port: 8333 }],
    });
  });

  test('a namespace that is neither connected nor labelled stays out', () => {
    expect(allowed(objects, unconnectedRunPod, api, 8887)).toBe(false);
    expect(allowed(objects, unconnectedRunPod, seaweed, 8333)).toBe(false);
  });

  test('every policy is schema-valid', async () => {
    await validateManifests(objects, { crds: CERT_MANAGER_CRDS });
  });
});

describe('tenant NetworkPolicies with external S3', () => {
  test('S3 on 443 to objectStoreCidrs, the install\'s Kubernetes API setting, extra egress', () => {
    const store = ObjectStore.s3({ bucket: 'acme-kfp', region: 'eu-west-1', serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::1:role/kfp' } });
    const { objects } = platform({ objectStore: store, networkPolicies: { kubeApiServer: { cidrs: ['10.0.0.0/16'], ports: [443] } } }, () => ({
      pipelineRoot: TenantPipelineRoot.s3({ bucket: 'ml-artifacts', region: 'eu-west-1', endpoint: 'minio.storage.example.com:9443' }),
      networkPolicies: { objectStoreCidrs: ['52.218.0.0/16'], runPodEgressCidrs: ['10.20.0.0/24'] },
    }));
    expect(allowed(objects, teamRunPod, { ip: '52.218.1.1' }, 9443)).toBe(true);
    expect(allowed(objects, teamRunPod, { ip: '52.219.1.1' }, 9443)).toBe(false);
    expect(allowed(objects, teamRunPod, KUBE_API, 443)).toBe(true);
    expect(allowed(objects, teamRunPod, KUBE_API, 6443)).toBe(false);
    expect(allowed(objects, teamRunPod, { ip: '8.8.8.8' }, 443)).toBe(false);
    expect(allowed(objects, teamRunPod, { ip: '10.20.0.7' }, 3128)).toBe(true);
    expect(allowed(objects, teamRunPod, pod(objects, 'ml-pipeline'), 8887)).toBe(true);
  });

  test('without the install\'s NetworkPolicies the tenant still gets its own; bad CIDRs and ports fail with the path', () => {
    const { objects } = platform({}, () => ({
      pipelineRoot: TenantPipelineRoot.s3({ bucket: 'ml-artifacts', region: 'eu-west-1' }),
      networkPolicies: {},
    }));
    expect(objects.filter((o) => o.kind === 'NetworkPolicy').map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      'kubeflow/seaweedfs', 'ml-team/kfp-tenant-default-deny', 'ml-team/kfp-tenant-allow-dns', 'ml-team/kfp-tenant-run-pods',
    ]);
    expect(allowed(objects, teamRunPod, S3, 443)).toBe(true);
    expect(() => platform({}, () => ({ pipelineRoot: TenantPipelineRoot.s3({ bucket: 'ml-artifacts', region: 'eu-west-1' }), networkPolicies: { objectStoreCidrs: ['s3.amazonaws.com'] } })))
      .toThrow("teams/ml-team: networkPolicies.objectStoreCidrs has 's3.amazonaws.com' (expected a CIDR such as '10.0.0.0/16')");
    expect(() => platform({}, () => ({ pipelineRoot: TenantPipelineRoot.s3({ bucket: 'ml-artifacts', region: 'eu-west-1' }), networkPolicies: { kubeApiServer: { ports: [0] } } })))
      .toThrow('teams/ml-team: networkPolicies.kubeApiServer.ports has 0 (expected a port from 1 to 65535)');
  });
});
