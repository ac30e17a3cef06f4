/**
 * Connecting tenants to the install: the Argo workflow controller becomes cluster-wide (or the
 * connection fails when it must stay namespaced), and bad connections fail with their path.
 */
import { Chart, Testing } from 'cdk8s';
import { CERT_MANAGER_CRDS, find } from './helpers';
import { KubeflowPipelines, KubeflowPipelinesProps, Tenant, TenantPipelineRoot, WorkflowControllerScope } from '../../src';
import { validateManifests } from '../util/validate';

const ROOT = TenantPipelineRoot.s3({ bucket: 'team-artifacts', region: 'eu-west-1' });

function setup(props: KubeflowPipelinesProps = {}) {
  const app = Testing.app();
  const chart = new Chart(app, 'test');
  const kfp = new KubeflowPipelines(chart, 'kfp', props);
  return { app, chart, kfp };
}

const args = (objects: any[]) => find(objects, 'Deployment', 'workflow-controller').spec.template.spec.containers[0].args;

describe('KubeflowPipelines.addTenant', () => {
  test('without tenants the controller stays namespaced, as upstream standalone', () => {
    const { chart, kfp } = setup();
    const objects = chart.toJson();
    expect(kfp.workflowControllerScope).toBe(WorkflowControllerScope.NAMESPACED);
    expect(kfp.tenants).toEqual([]);
    expect(args(objects)).toContain('--namespaced');
    expect(objects.filter((o) => o.kind === 'ClusterRole' || o.kind === 'ClusterRoleBinding')).toEqual([]);
    expect(find(objects, 'Role', 'argo-role').rules).toHaveLength(12);
  });

  test('a connected tenant (another chart of the app) makes the controller cluster-wide with Argo\'s cluster RBAC and sync waves', async () => {
    const { app, chart, kfp } = setup();
    const teams = new Chart(app, 'teams');
    const tenant = new Tenant(teams, 'ml-team', { quota: { cpu: '8', memory: '32Gi' }, pipelineRoot: ROOT });
    kfp.addTenant(tenant);
    kfp.addTenant(tenant); // idempotent
    expect(kfp.tenants).toEqual([tenant]);
    expect(tenant.kfp).toBe(kfp);
    expect(kfp.workflowControllerScope).toBe(WorkflowControllerScope.CLUSTER);
    const objects = chart.toJson();
    expect(args(objects)).toEqual(['--configmap', 'workflow-controller-configmap', '--executor-image', 'quay.io/argoproj/argoexec:v4.0.5']);
    const clusterRole = find(objects, 'ClusterRole', 'argo-cluster-role');
    expect(clusterRole.metadata.annotations['argocd.argoproj.io/sync-wave']).toBe('-4');
    expect(clusterRole.rules).toContainEqual({ apiGroups: [''], resources: ['pods'], verbs: ['create', 'get', 'list', 'watch', 'update', 'patch', 'delete'] });
    // Least privilege: no pods/exec unless terminateRunningSteps asks for it.
    expect(clusterRole.rules.flatMap((r: any) => r.resources)).not.toContain('pods/exec');
    // No Secret of another namespace is readable, only Argo's agent CA by name.
    expect(clusterRole.rules.filter((r: any) => r.resources.includes('secrets'))).toEqual([
      { apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['argo-workflows-agent-ca-certificates'] },
    ]);
    expect(find(objects, 'ClusterRoleBinding', 'argo-binding')).toMatchObject({
      roleRef: { kind: 'ClusterRole', name: 'argo-cluster-role' },
      subjects: [{ kind: 'ServiceAccount', name: 'argo', namespace: 'kubeflow' }],
    });
    expect(find(objects, 'Role', 'argo-role').rules).toEqual([
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create', 'get', 'update'] },
      { apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['argo-workflows-agent-ca-certificates'] },
    ]);
    await validateManifests([...objects, ...teams.toJson()], { crds: CERT_MANAGER_CRDS });
  });

  test('new Tenant(..., { kfp }) connects like addTenant', () => {
    const { chart, kfp } = setup();
    const tenant = new Tenant(chart, 'ml-team', { quota: { cpu: '8', memory: '32Gi' }, pipelineRoot: ROOT, kfp });
    expect(kfp.tenants).toEqual([tenant]);
    expect(args(chart.toJson())).not.toContain('--namespaced');
  });

  test('workflowControllerScope: CLUSTER without tenants gives the cluster RBAC up front', () => {
    const { chart, kfp } = setup({ workflowControllerScope: WorkflowControllerScope.CLUSTER });
    expect(kfp.workflowControllerScope).toBe(WorkflowControllerScope.CLUSTER);
    const objects = chart.toJson();
    expect(args(objects)).not.toContain('--namespaced');
    expect(find(objects, 'ClusterRole', 'argo-cluster-role').metadata.annotations['argocd.argoproj.io/sync-wave']).toBe('-4');
  });

  test('workflowControllerScope: NAMESPACED refuses a tenant, naming both', () => {
    const { chart, kfp } = setup({ workflowControllerScope: WorkflowControllerScope.NAMESPACED });
    expect(() => new Tenant(chart, 'ml-team', { quota: { cpu: '8', memory: '32Gi' }, pipelineRoot: ROOT, kfp })).toThrow(
      "KubeflowPipelines at 'test/kfp': cannot serve tenant 'ml-team' (test/ml-team): workflowControllerScope is NAMESPACED, so the Argo workflow controller runs with --namespaced " +
      "and only starts Workflows in 'kubeflow'; expected workflowControllerScope: WorkflowControllerScope.CLUSTER (or unset) to run pipelines in tenant namespaces");
  });

  test('bad scope values, non-tenants, the KFP namespace itself and two installs fail with the path', () => {
    expect(() => setup({ workflowControllerScope: 'everywhere' as any })).toThrow(
      "KubeflowPipelines at 'test/kfp': workflowControllerScope is \"everywhere\"; expected WorkflowControllerScope.NAMESPACED or WorkflowControllerScope.CLUSTER");
    const { app, chart, kfp } = setup();
    expect(() => kfp.addTenant({} as any)).toThrow("KubeflowPipelines at 'test/kfp': addTenant got {}; expected a Tenant");
    const same = new Tenant(chart, 'kubeflow', { quota: { cpu: '1', memory: '1Gi' } });
    expect(() => kfp.addTenant(same)).toThrow(
      "KubeflowPipelines at 'test/kfp': cannot serve tenant 'kubeflow' (test/kubeflow): the tenant's namespace is the KFP namespace 'kubeflow'; expected a namespace of its own for the team");
    const tenant = new Tenant(chart, 'ml-team', { quota: { cpu: '8', memory: '32Gi' }, pipelineRoot: ROOT, kfp });
    const other = new KubeflowPipelines(new Chart(app, 'other'), 'kfp', { namespace: 'kfp-two' });
    expect(() => other.addTenant(tenant)).toThrow(
      "test/ml-team: tenant 'ml-team' is already connected to the install at 'test/kfp' (expected one install per tenant: two workflow controllers would both run its Workflows), got 'other/kfp'");
    expect(() => new Tenant(chart, 'bad', { quota: { cpu: '1', memory: '1Gi' }, kfp: {} as any })).toThrow(
      'test/bad: kfp is {} (expected the KubeflowPipelines install that runs the team\'s pipelines)');
  });
});
