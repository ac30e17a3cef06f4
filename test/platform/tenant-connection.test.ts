/**
 * A tenant connected to the install gets what a run pod needs in its namespace: kfp-launcher
 * (already), Argo's artifact-repositories ConfigMap for log archiving (credentials by reference),
 * and a runner that may report WorkflowTaskResults.
 */
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { parse } from 'yaml';
import { KubeflowPipelines, KubeflowPipelinesProps, ObjectStore, Tenant, TenantPipelineRoot, TenantProps } from '../../src';
import { CERT_MANAGER_CRDS } from '../install/helpers';
import { validateManifests } from '../util/validate';

function setup(installProps: KubeflowPipelinesProps = {}) {
  const app = Testing.app();
  const chart = new Chart(app, 'platform');
  const kfp = new KubeflowPipelines(chart, 'kfp', installProps);
  return { app, chart, kfp };
}

function connected(tenantProps: (c: Chart, kfp: KubeflowPipelines) => Partial<TenantProps>, installProps: KubeflowPipelinesProps = {}) {
  const { app, chart, kfp } = setup(installProps);
  const tenant = new Tenant(chart, 'ml-team', { quota: { cpu: '8', memory: '32Gi' }, kfp, ...tenantProps(chart, kfp) });
  const objects = Testing.synth(chart);
  const repositories = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'artifact-repositories');
  return { app, chart, kfp, tenant, objects, repositories, repository: repositories ? parse(repositories.data['default-namespaced']) : undefined };
}

const LOGS = '{{workflow.name}}/{{workflow.creationTimestamp.Y}}/{{workflow.creationTimestamp.m}}/{{workflow.creationTimestamp.d}}/{{pod.name}}';

describe('Tenant connected to an install', () => {
  test('S3 with keys: artifact-repositories in the tenant namespace, logs next to the artifacts, the Secret by reference', async () => {
    const { objects, repositories, repository, tenant } = connected((c) => ({
      pipelineRoot: TenantPipelineRoot.s3({ bucket: 'ml-artifacts', region: 'eu-west-1', credentials: kplus.Secret.fromSecretName(c, 'keys', 'ml-team-s3') }),
    }));
    expect(repositories.metadata).toEqual({
      name: 'artifact-repositories',
      namespace: 'ml-team',
      annotations: { 'workflows.argoproj.io/default-artifact-repository': 'default-namespaced' },
    });
    expect(tenant.artifactRepositories).toBeDefined();
    expect(repository).toEqual({
      archiveLogs: true,
      s3: {
        endpoint: 's3.amazonaws.com',
        bucket: 'ml-artifacts',
        region: 'eu-west-1',
        keyFormat: `private-artifacts/ml-team/${LOGS}`,
        insecure: false,
        accessKeySecret: { name: 'ml-team-s3', key: 'AWS_ACCESS_KEY_ID' },
        secretKeySecret: { name: 'ml-team-s3', key: 'AWS_SECRET_ACCESS_KEY' },
      },
    });
    // No Secret is copied into the namespace: the team provides it.
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual(objects.filter((o) => o.kind === 'Secret' && o.metadata.namespace === 'kubeflow'));
    await validateManifests(objects, { crds: CERT_MANAGER_CRDS });
  });

  test('S3 through IRSA: Argo uses the SDK credential chain (the runner\'s role)', () => {
    const { repository } = connected(() => ({
      pipelineRoot: TenantPipelineRoot.s3({ bucket: 'ml-artifacts', region: 'eu-west-1', prefix: 'teams/ml' }),
      serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/ml-team' },
    }));
    expect(repository.s3).toMatchObject({ useSDKCreds: true, keyFormat: `teams/ml/${LOGS}` });
    expect(repository.s3.accessKeySecret).toBeUndefined();
  });

  test('dev install (SeaweedFS): the team\'s own Secret for its prefix of the install\'s bucket, never the dev Secret', () => {
    const { repository, objects } = connected((c, kfp) => ({
      pipelineRoot: TenantPipelineRoot.fromObjectStore(kfp.objectStore, { credentials: kplus.Secret.fromSecretName(c, 'keys', 'ml-team-seaweedfs') }),
    }));
    expect(repository.s3).toEqual({
      endpoint: 'seaweedfs.kubeflow:9000',
      bucket: 'mlpipeline',
      region: 'minio',
      keyFormat: `private-artifacts/ml-team/${LOGS}`,
      insecure: true,
      accessKeySecret: { name: 'ml-team-seaweedfs', key: 'accesskey' },
      secretKeySecret: { name: 'ml-team-seaweedfs', key: 'secretkey' },
    });
    expect(objects.filter((o) => o.kind === 'Secret' && o.metadata.namespace === 'ml-team')).toEqual([]);
  });

  test('GCS: a service-account key Secret, or workload identity', () => {
    const withKey = connected((c) => ({ pipelineRoot: TenantPipelineRoot.gcs({ bucket: 'ml-gcs', credentials: kplus.Secret.fromSecretName(c, 'sa', 'ml-team-gcs') }) }));
    expect(withKey.repository).toEqual({ archiveLogs: true, gcs: { bucket: 'ml-gcs', keyFormat: `private-artifacts/ml-team/${LOGS}`, serviceAccountKeySecret: { name: 'ml-team-gcs', key: 'service_account.json' } } });
    const wi = connected(() => ({ pipelineRoot: TenantPipelineRoot.gcs({ bucket: 'ml-gcs', prefix: '' }) }));
    expect(wi.repository).toEqual({ archiveLogs: true, gcs: { bucket: 'ml-gcs', keyFormat: LOGS } });
  });

  test('the runner may report WorkflowTaskResults (Argo\'s wait container) and nothing cluster-wide', () => {
    const { objects } = connected(() => ({ pipelineRoot: TenantPipelineRoot.s3({ bucket: 'ml-artifacts', region: 'eu-west-1' }) }));
    const role = objects.find((o) => o.kind === 'Role' && o.metadata.name === 'pipeline-runner' && o.metadata.namespace === 'ml-team');
    expect(role.rules).toContainEqual({ apiGroups: ['argoproj.io'], resources: ['workflowtaskresults'], verbs: ['create', 'patch'] });
  });

  test('a connected tenant without a pipeline root fails synth', () => {
    const { chart, kfp } = setup();
    new Tenant(chart, 'ml-team', { quota: { cpu: '8', memory: '32Gi' }, kfp });
    expect(() => Testing.synth(chart)).toThrow(
      "platform/ml-team: tenant 'ml-team' is connected to the install at 'platform/kfp' but has no pipeline root (expected pipelineRoot: TenantPipelineRoot.s3/minio/gcs/fromObjectStore(...); " +
      'runs read kfp-launcher from their namespace, and Argo archives their logs with the artifact repository written from it)');
  });

  test('networkPolicies on a tenant that is not connected fails synth; a bad value fails at once', () => {
    const chart = new Chart(Testing.app(), 'platform');
    new Tenant(chart, 'ml-team', { quota: { cpu: '8', memory: '32Gi' }, networkPolicies: {} });
    expect(() => Testing.synth(chart)).toThrow(
      "platform/ml-team: networkPolicies is set but tenant 'ml-team' is not connected to a KFP install (expected kfp.addTenant(tenant) or the kfp prop: the policies allow egress to that install's API server, ML Metadata and object store)");
    expect(() => new Tenant(chart, 'other', { quota: { cpu: '8', memory: '32Gi' }, networkPolicies: true as any })).toThrow(
      'platform/other: networkPolicies is true (expected an object such as {})');
  });

  test('the install\'s external S3 store: a tenant root in the same bucket', () => {
    const store = ObjectStore.s3({ bucket: 'acme-kfp', region: 'eu-west-1', serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::1:role/kfp' } });
    const { repository } = connected((_c, kfp) => ({ pipelineRoot: TenantPipelineRoot.fromObjectStore(kfp.objectStore) }), { objectStore: store });
    expect(repository.s3).toMatchObject({ endpoint: 's3.eu-west-1.amazonaws.com', bucket: 'acme-kfp', region: 'eu-west-1', useSDKCreds: true, insecure: false });
  });
});
