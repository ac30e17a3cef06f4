import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { parse } from 'yaml';
import { KUEUE_CRDS } from './kueue-crds';
import { ObjectStore } from '../../src/install/object-store';
import {
  GpuAccelerator, GpuClusterQueue, GpuNodePool, KarpenterNodeClass, PodSecurityLevel, Tenant, TenantPipelineRoot, TenantProps,
} from '../../src/platform';
import { validateManifests } from '../util/validate';

function chart(): Chart {
  return new Chart(Testing.app(), 'platform');
}

const s3Root = (c: Chart) => TenantPipelineRoot.s3({
  bucket: 'ml-artifacts',
  region: 'eu-west-1',
  credentials: kplus.Secret.fromSecretName(c, 'creds', 'ml-team-s3'),
});

function tenant(c: Chart, extra: Partial<TenantProps> = {}): Tenant {
  return new Tenant(c, 'ml-team', { quota: { cpu: '32', memory: '128Gi', gpus: 4 }, pipelineRoot: s3Root(c), ...extra });
}

const byKind = (objects: any[], kind: string) => objects.filter((o) => o.kind === kind);

describe('Tenant objects', () => {
  test('namespace, quota, LimitRange, runner account, Role, binding and kfp-launcher, all schema-valid', async () => {
    const c = chart();
    const pool = GpuNodePool.karpenter(c, 'gpu-t4', { accelerators: [GpuAccelerator.NVIDIA_T4], nodeClass: KarpenterNodeClass.ec2NodeClass('gpu') });
    tenant(c, { gpuPools: [pool], labels: { 'example.com/cost-center': 'ml' } });
    const objects = Testing.synth(c);
    await validateManifests(objects);

    const [ns] = byKind(objects, 'Namespace');
    expect(ns.metadata).toEqual({
      name: 'ml-team',
      labels: {
        'example.com/cost-center': 'ml',
        'app.kubernetes.io/part-of': 'kubeflow-pipelines',
        'pod-security.kubernetes.io/enforce': 'baseline',
        'pod-security.kubernetes.io/warn': 'restricted',
        'pod-security.kubernetes.io/audit': 'restricted',
      },
    });
    const [quota] = byKind(objects, 'ResourceQuota');
    expect(quota.metadata).toEqual({ name: 'kfp-tenant-quota', namespace: 'ml-team' });
    expect(quota.spec.hard).toEqual({
      'requests.cpu': '32',
      'requests.memory': '128Gi',
      'requests.nvidia.com/gpu': '4',
      'pods': '100',
      'persistentvolumeclaims': '10',
    });
    const [lr] = byKind(objects, 'LimitRange');
    expect(lr.spec.limits).toEqual([{ type: 'Container', defaultRequest: { cpu: '100m', memory: '128Mi' } }]);
    const [sa] = byKind(objects, 'ServiceAccount');
    expect(sa).toMatchObject({ metadata: { name: 'pipeline-runner', namespace: 'ml-team' }, automountServiceAccountToken: true });
    const [binding] = byKind(objects, 'RoleBinding');
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pipeline-runner' });
    expect(binding.subjects).toEqual([{ apiGroup: '', kind: 'ServiceAccount', name: 'pipeline-runner', namespace: 'ml-team' }]);
    const [cm] = byKind(objects, 'ConfigMap');
    expect(cm.metadata).toEqual({ name: 'kfp-launcher', namespace: 'ml-team' });
    expect(cm.data.defaultPipelineRoot).toBe('s3://ml-artifacts/private-artifacts/ml-team/v2/artifacts');
    expect(parse(cm.data.providers)).toEqual({
      s3: {
        default: {
          endpoint: 's3.amazonaws.com',
          region: 'eu-west-1',
          disableSSL: false,
          forcePathStyle: true,
          credentials: { fromEnv: false, secretRef: { secretName: 'ml-team-s3', accessKeyKey: 'AWS_ACCESS_KEY_ID', secretKeyKey: 'AWS_SECRET_ACCESS_KEY' } },
        },
      },
    });
    // Every namespaced object lands in the tenant namespace.
    for (const o of objects.filter((x) => !['Namespace', 'NodePool'].includes(x.kind))) expect(o.metadata.namespace).toBe('ml-team');
  });

  test('quota with limits, storage and custom counts; the LimitRange gets default limits so every container has one', async () => {
    const c = chart();
    new Tenant(c, 'team', {
      quota: { cpu: '8', memory: '32Gi', cpuLimit: '16', memoryLimit: '64Gi', gpus: 0, pods: 50, persistentVolumeClaims: 4, storage: '500Gi' },
    });
    const objects = Testing.synth(c);
    await validateManifests(objects);
    expect(byKind(objects, 'ResourceQuota')[0].spec.hard).toEqual({
      'requests.cpu': '8',
      'requests.memory': '32Gi',
      'limits.cpu': '16',
      'limits.memory': '64Gi',
      'requests.nvidia.com/gpu': '0',
      'pods': '50',
      'persistentvolumeclaims': '4',
      'requests.storage': '500Gi',
    });
    expect(byKind(objects, 'LimitRange')[0].spec.limits).toEqual([{
      type: 'Container',
      default: { cpu: '1', memory: '1Gi' },
      defaultRequest: { cpu: '100m', memory: '128Mi' },
    }]);
  });

  test('custom LimitRange bounds are written as given', async () => {
    const c = chart();
    new Tenant(c, 'team', {
      quota: { cpu: '8', memory: '32Gi' },
      containerLimits: {
        defaultCpuRequest: '200m',
        defaultMemoryRequest: '256Mi',
        defaultCpuLimit: '2',
        defaultMemoryLimit: '2Gi',
        minCpu: '50m',
        minMemory: '32Mi',
        maxCpu: '16',
        maxMemory: '64Gi',
        maxLimitRequestRatioCpu: 10,
        maxLimitRequestRatioMemory: 10,
      },
    });
    const objects = Testing.synth(c);
    await validateManifests(objects);
    expect(byKind(objects, 'LimitRange')[0].spec.limits[0]).toEqual({
      type: 'Container',
      default: { cpu: '2', memory: '2Gi' },
      defaultRequest: { cpu: '200m', memory: '256Mi' },
      min: { cpu: '50m', memory: '32Mi' },
      max: { cpu: '16', memory: '64Gi' },
      maxLimitRequestRatio: { cpu: '10', memory: '10' },
    });
  });

  test('pipeline roots: MinIO/SeaweedFS, GCS with a key, and S3 with ambient credentials (IRSA) needs no Secret rule', async () => {
    const c = chart();
    const minio = new Tenant(c, 'team-a', {
      quota: { cpu: '1', memory: '1Gi' },
      pipelineRoot: TenantPipelineRoot.minio({ bucket: 'mlpipeline', credentials: kplus.Secret.fromSecretName(c, 'm', 'mlpipeline-minio-artifact') }),
    });
    const gcs = new Tenant(c, 'team-b', {
      quota: { cpu: '1', memory: '1Gi' },
      pipelineRoot: TenantPipelineRoot.gcs({ bucket: 'ml-bucket', prefix: 'teams/{namespace}', credentials: kplus.Secret.fromSecretName(c, 'g', 'gcs-key') }),
    });
    const irsa = new Tenant(c, 'team-c', {
      quota: { cpu: '1', memory: '1Gi' },
      pipelineRoot: TenantPipelineRoot.s3({ bucket: 'ml-bucket', region: 'us-east-1', endpoint: 's3.us-east-1.amazonaws.com', prefix: '' }),
    });
    const objects = Testing.synth(c);
    await validateManifests(objects);
    const cms = byKind(objects, 'ConfigMap');
    expect(cms.map((cm) => cm.data.defaultPipelineRoot)).toEqual([
      'minio://mlpipeline/private-artifacts/team-a/v2/artifacts',
      'gs://ml-bucket/teams/team-b',
      's3://ml-bucket',
    ]);
    expect(parse(cms[0].data.providers)).toEqual({
      minio: {
        default: {
          endpoint: 'seaweedfs.kubeflow:9000',
          region: 'minio',
          disableSSL: true,
          forcePathStyle: true,
          credentials: { fromEnv: false, secretRef: { secretName: 'mlpipeline-minio-artifact', accessKeyKey: 'accesskey', secretKeyKey: 'secretkey' } },
        },
      },
    });
    expect(parse(cms[1].data.providers)).toEqual({
      gs: { default: { credentials: { fromEnv: false, secretRef: { secretName: 'gcs-key', tokenKey: 'service_account.json' } } } },
    });
    expect(parse(cms[2].data.providers).s3.default.credentials).toEqual({ fromEnv: true });
    expect(minio.runnerRules.find((r) => r.resources.includes('secrets'))?.resourceNames).toEqual(['mlpipeline-minio-artifact']);
    expect(gcs.runnerRules.find((r) => r.resources.includes('secrets'))?.resourceNames).toEqual(['gcs-key']);
    expect(irsa.runnerRules.some((r) => r.resources.includes('secrets'))).toBe(false);
  });
});

describe('TenantPipelineRoot.fromObjectStore (the install\'s ObjectStore, a per-team prefix and the team\'s credentials)', () => {
  const launcher = (root: TenantPipelineRoot) => {
    const c = chart();
    new Tenant(c, 'ml-team', { quota: { cpu: '1', memory: '1Gi' }, pipelineRoot: root });
    const cm = byKind(Testing.synth(c), 'ConfigMap')[0];
    return { root: cm.data.defaultPipelineRoot, providers: parse(cm.data.providers) };
  };
  const secret = (name: string) => kplus.Secret.fromSecretName(chart(), 's', name);

  test('in-cluster SeaweedFS', () => {
    expect(launcher(TenantPipelineRoot.fromObjectStore(ObjectStore.seaweedfs(), { credentials: secret('ml-team-seaweedfs') }))).toEqual({
      root: 'minio://mlpipeline/private-artifacts/ml-team/v2/artifacts',
      providers: {
        minio: {
          default: {
            endpoint: 'seaweedfs.kubeflow:9000',
            region: 'minio',
            disableSSL: true,
            forcePathStyle: true,
            credentials: { fromEnv: false, secretRef: { secretName: 'ml-team-seaweedfs', accessKeyKey: 'accesskey', secretKeyKey: 'secretkey' } },
          },
        },
      },
    });
  });

  test('the runner account carries the team\'s cloud identity annotations', () => {
    const c = chart();
    new Tenant(c, 'ml-team', { quota: { cpu: '1', memory: '1Gi' }, serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::1:role/ml-team' } });
    expect(byKind(Testing.synth(c), 'ServiceAccount')[0].metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::1:role/ml-team' });
    expect(() => new Tenant(chart(), 'x', { quota: { cpu: '1', memory: '1Gi' }, serviceAccountAnnotations: { 'bad key': 'v' } }))
      .toThrow("platform/x: serviceAccountAnnotations has 'bad key: \"v\"' (expected a valid annotation key and a string value; its name 'bad key' must be");
  });

  test('S3 with the team\'s IRSA role (no Secret)', () => {
    const store = ObjectStore.s3({ bucket: 'kfp-artifacts', region: 'eu-west-1', serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::1:role/kfp' } });
    expect(launcher(TenantPipelineRoot.fromObjectStore(store, { prefix: 'teams/{namespace}' }))).toEqual({
      root: 's3://kfp-artifacts/teams/ml-team',
      providers: {
        s3: {
          default: {
            endpoint: 's3.eu-west-1.amazonaws.com', region: 'eu-west-1', disableSSL: false, forcePathStyle: false, credentials: { fromEnv: true },
          },
        },
      },
    });
  });

  test('GCS with a service-account key', () => {
    const store = ObjectStore.gcs({ bucket: 'kfp-gcs', hmacCredentials: secret('hmac') });
    expect(launcher(TenantPipelineRoot.fromObjectStore(store, { credentials: secret('ml-team-gsa') }))).toEqual({
      root: 'gs://kfp-gcs/private-artifacts/ml-team/v2/artifacts',
      providers: { gs: { default: { credentials: { fromEnv: false, secretRef: { secretName: 'ml-team-gsa', tokenKey: 'service_account.json' } } } } },
    });
  });

  test('an in-cluster store without team credentials is refused', () => {
    expect(() => new Tenant(chart(), 'ml-team', { quota: { cpu: '1', memory: '1Gi' }, pipelineRoot: TenantPipelineRoot.fromObjectStore(ObjectStore.seaweedfs()) }))
      .toThrow('platform/ml-team: pipelineRoot has no credentials (expected an ISecret with the MinIO/SeaweedFS access keys; minio:// has no ambient credentials)');
  });
});

describe('Tenant RBAC (least privilege)', () => {
  test('every runner rule and its reason', () => {
    const t = tenant(chart());
    expect(t.runnerRules.map((r) => [r.apiGroups, r.resources, r.resourceNames ?? [], r.verbs, r.reason])).toEqual([
      [[''], ['configmaps'], ['kfp-launcher'], ['get'], 'KFP drivers and launchers read the pipeline root and object-store providers from the kfp-launcher ConfigMap of the run namespace.'],
      [[''], ['secrets'], ['ml-team-s3'], ['get'], 'KFP launchers read the object-store credentials that kfp-launcher names (providers secretRef), and only those.'],
      [[''], ['pods'], [], ['get'], 'The launcher reads its own pod (retry index from the Argo node-name annotation); drivers read theirs when they publish CreatePVC/DeletePVC executions. Pod names are generated, so no resourceNames.'],
      [['argoproj.io'], ['workflowtaskresults'], [], ['create', 'patch'], "Argo's wait container reports each pod's outputs and exit code as a WorkflowTaskResult."],
      [['argoproj.io'], ['workflows'], [], ['get'], "KFP drivers read their run's Workflow labels to resolve the schedule time of recurring runs."],
      [[''], ['persistentvolumeclaims'], [], ['create', 'get', 'delete'], 'kfp-kubernetes CreatePVC/DeletePVC tasks: the driver creates, checks and deletes the PVC itself.'],
    ]);
  });

  test('every edit rule and its reason', () => {
    const t = tenant(chart());
    expect(t.editRules.map((r) => [r.apiGroups, r.resources, r.verbs, r.reason])).toEqual([
      [['pipelines.kubeflow.org'], ['pipelines', 'pipelineversions'], ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'], 'Upload, version and delete pipelines (KFP API authorization; Pipeline/PipelineVersion objects in Kubernetes-native mode).'],
      [['pipelines.kubeflow.org'], ['experiments'], ['get', 'list', 'create', 'delete', 'archive', 'unarchive'], 'Create, archive and delete experiments.'],
      [['pipelines.kubeflow.org'], ['runs'], ['get', 'list', 'create', 'delete', 'archive', 'unarchive', 'retry', 'terminate', 'readArtifact'], 'Start, retry, terminate, archive and delete runs, and read their artifacts. Not reportMetrics: only the persistence agent reports metrics.'],
      [['pipelines.kubeflow.org'], ['jobs'], ['get', 'list', 'create', 'delete', 'enable', 'disable'], 'Create, pause, resume and delete recurring runs.'],
      [['pipelines.kubeflow.org'], ['visualizations'], ['create'], 'Render visualizations in the KFP UI.'],
      [['kubeflow.org'], ['viewers'], ['get', 'create', 'delete'], 'Open and close TensorBoard viewers from the KFP UI.'],
      [['kubeflow.org'], ['scheduledworkflows'], ['get', 'list', 'watch'], 'See the ScheduledWorkflows behind recurring runs (the KFP API server creates and changes them).'],
      [['argoproj.io'], ['workflows'], ['get', 'list', 'watch'], 'Inspect the Argo Workflow of a run (runs are created, retried and deleted through the KFP API).'],
      [[''], ['pods'], ['get', 'list', 'watch'], 'See the driver and task pods of a run.'],
      [[''], ['pods/log'], ['get'], 'Read task logs to debug runs.'],
      [[''], ['events'], ['get', 'list', 'watch'], 'See why a task pod is pending or rejected (quota, LimitRange, taints, Kueue admission).'],
    ]);
  });

  test('every view rule and its reason; view never creates, changes or deletes pipeline objects', () => {
    const t = tenant(chart());
    expect(t.viewRules.map((r) => [r.apiGroups, r.resources, r.verbs, r.reason])).toEqual([
      [['pipelines.kubeflow.org'], ['pipelines', 'pipelineversions'], ['get', 'list', 'watch'], 'See pipelines and their versions.'],
      [['pipelines.kubeflow.org'], ['experiments', 'jobs'], ['get', 'list'], 'See experiments and recurring runs.'],
      [['pipelines.kubeflow.org'], ['runs'], ['get', 'list', 'readArtifact'], 'See runs and read their artifacts.'],
      [['pipelines.kubeflow.org'], ['visualizations'], ['create'], 'Render visualizations in the KFP UI (read-only: computed from existing artifacts).'],
      [['kubeflow.org'], ['viewers'], ['get', 'create', 'delete'], 'Open and close TensorBoard viewers from the KFP UI.'],
      [['kubeflow.org'], ['scheduledworkflows'], ['get', 'list', 'watch'], 'See the ScheduledWorkflows behind recurring runs (the KFP API server creates and changes them).'],
      [['argoproj.io'], ['workflows'], ['get', 'list', 'watch'], 'Inspect the Argo Workflow of a run (runs are created, retried and deleted through the KFP API).'],
      [[''], ['pods'], ['get', 'list', 'watch'], 'See the driver and task pods of a run.'],
      [[''], ['pods/log'], ['get'], 'Read task logs to debug runs.'],
      [[''], ['events'], ['get', 'list', 'watch'], 'See why a task pod is pending or rejected (quota, LimitRange, taints, Kueue admission).'],
    ]);
    const writes = t.viewRules.filter((r) => r.apiGroups.includes('pipelines.kubeflow.org') && !r.resources.includes('visualizations'))
      .flatMap((r) => r.verbs).filter((v) => !['get', 'list', 'watch', 'readArtifact'].includes(v));
    expect(writes).toEqual([]);
  });

  test('with Kueue queues, edit and view can see LocalQueues and Workloads', () => {
    const c = chart();
    const pool = GpuNodePool.karpenter(c, 'gpu-t4', { accelerators: [GpuAccelerator.NVIDIA_T4], nodeClass: KarpenterNodeClass.ec2NodeClass('gpu') });
    const q = new GpuClusterQueue(c, 'gpu', { flavors: [{ pool, gpus: 2, cpu: '16', memory: '64Gi' }] });
    const t = tenant(c, { queues: [q] });
    for (const rules of [t.editRules, t.viewRules]) {
      expect(rules[rules.length - 1]).toEqual({
        apiGroups: ['kueue.x-k8s.io'],
        resources: ['localqueues', 'workloads'],
        verbs: ['get', 'list', 'watch'],
        reason: "See the team's Kueue queues and where a GPU task waits in them.",
      });
    }
  });

  test('a queue added after a grant still gives edit and view their Kueue rule', () => {
    const c = chart();
    const pool = GpuNodePool.karpenter(c, 'gpu-t4', { accelerators: [GpuAccelerator.NVIDIA_T4], nodeClass: KarpenterNodeClass.ec2NodeClass('gpu') });
    const q = new GpuClusterQueue(c, 'gpu', { flavors: [{ pool, gpus: 2, cpu: '16', memory: '64Gi' }] });
    const t = tenant(c);
    t.grantEdit(kplus.User.fromName(c, 'alice', 'alice'));
    t.grantView(kplus.User.fromName(c, 'bob', 'bob'));
    t.addQueue(q);
    const roles = byKind(Testing.synth(c), 'Role').filter((r) => r.metadata.name !== 'pipeline-runner');
    for (const role of roles) {
      expect(role.rules.filter((r: any) => r.apiGroups[0] === 'kueue.x-k8s.io').map((r: any) => r.resources[0])).toEqual(['localqueues', 'workloads']);
    }
  });

  test('volumeManagement: false drops the PVC rule', () => {
    const t = tenant(chart(), { volumeManagement: false });
    expect(t.runnerRules.some((r) => r.resources.includes('persistentvolumeclaims'))).toBe(false);
  });

  test('the synthesized Roles have no wildcard and match the rule tables', async () => {
    const c = chart();
    const pool = GpuNodePool.karpenter(c, 'gpu-t4', { accelerators: [GpuAccelerator.NVIDIA_T4], nodeClass: KarpenterNodeClass.ec2NodeClass('gpu') });
    const q = new GpuClusterQueue(c, 'gpu', { flavors: [{ pool, gpus: 2, cpu: '16', memory: '64Gi' }] });
    const t = tenant(c, { queues: [q] });
    t.grantEdit(kplus.User.fromName(c, 'alice', 'alice@example.com'));
    t.grantView(kplus.Group.fromName(c, 'viewers', 'ml-viewers'));
    const objects = Testing.synth(c);
    await validateManifests(objects, { crds: KUEUE_CRDS });
    const roles = byKind(objects, 'Role');
    expect(roles.map((r) => r.metadata.name)).toEqual(['pipeline-runner', 'kfp-pipelines-edit', 'kfp-pipelines-view']);
    for (const role of roles) {
      for (const rule of role.rules) {
        for (const value of [...rule.apiGroups, ...rule.resources, ...rule.verbs, ...(rule.resourceNames ?? [])]) expect(value).not.toContain('*');
      }
    }
    // Each synthesized rule comes from a table rule (cdk8s-plus writes one rule per resource).
    const expand = (rules: any[]) => rules.flatMap((r) => r.apiGroups.flatMap((g: string) =>
      r.resources.map((res: string) => JSON.stringify([g, res, r.resourceNames ?? [], r.verbs]))));
    const synthesized = (role: any) => role.rules.map((r: any) => JSON.stringify([r.apiGroups[0], r.resources[0], r.resourceNames ?? [], r.verbs]));
    expect(synthesized(roles[0])).toEqual(expand(t.runnerRules));
    expect(synthesized(roles[1])).toEqual(expand(t.editRules));
    expect(synthesized(roles[2])).toEqual(expand(t.viewRules));
  });
});

describe('Tenant grants', () => {
  test('grantEdit and grantView bind users, groups and service accounts, once each', () => {
    const c = chart();
    const t = tenant(c);
    const alice = kplus.User.fromName(c, 'alice', 'alice@example.com');
    t.grantEdit(alice);
    t.grantEdit(alice);
    t.grantEdit(kplus.ServiceAccount.fromServiceAccountName(c, 'ci', 'ci-runner', { namespaceName: 'ci' }));
    t.grantView(kplus.Group.fromName(c, 'g', 'ml-viewers'));
    const bindings = byKind(Testing.synth(c), 'RoleBinding');
    expect(bindings.map((b) => [b.metadata.name, b.roleRef.name, b.subjects])).toEqual([
      ['pipeline-runner-binding', 'pipeline-runner', [{ apiGroup: '', kind: 'ServiceAccount', name: 'pipeline-runner', namespace: 'ml-team' }]],
      ['kfp-pipelines-edit', 'kfp-pipelines-edit', [
        { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice@example.com' },
        { apiGroup: '', kind: 'ServiceAccount', name: 'ci-runner', namespace: 'ci' },
      ]],
      ['kfp-pipelines-view', 'kfp-pipelines-view', [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'ml-viewers' }]],
    ]);
  });

  test('a subject kind that RBAC does not know', () => {
    const c = chart();
    const t = tenant(c);
    const robot: kplus.ISubject = Object.assign(kplus.User.fromName(c, 'r', 'robot'), {
      toSubjectConfiguration: () => ({ kind: 'Robot', name: 'r2d2', apiGroup: 'rbac.authorization.k8s.io' }),
    });
    expect(() => t.grantEdit(robot)).toThrow("platform/ml-team: grantEdit got a subject of kind 'Robot' (expected one of User, Group, ServiceAccount, which RBAC knows)");
    expect(() => t.grantView(robot)).toThrow("platform/ml-team: grantView got a subject of kind 'Robot' (expected one of User, Group, ServiceAccount, which RBAC knows)");
  });

  test('an empty subject name', () => {
    const c = chart();
    expect(() => tenant(c).grantView(kplus.User.fromName(c, 'u', ''))).toThrow('platform/ml-team: grantView got a User with name "" (expected a non-empty name)');
  });
});

describe('Tenant bad input', () => {
  test.each([
    ['ML-Team'],
    ['ml_team'],
    ['-ml'],
    ['ml.team'],
    ['a'.repeat(64)],
  ])('namespace %j is rejected', (name) => {
    expect(() => new Tenant(chart(), 'team', { namespace: name, quota: { cpu: '1', memory: '1Gi' } }))
      .toThrow(`platform/team: namespace '${name}' is not a valid namespace name (expected a DNS-1123 label: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit)`);
  });

  test('reserved namespaces', () => {
    expect(() => new Tenant(chart(), 'team', { namespace: 'kube-system', quota: { cpu: '1', memory: '1Gi' } }))
      .toThrow("platform/team: namespace 'kube-system' is reserved by Kubernetes (expected a team namespace, not 'default' or 'kube-*')");
    expect(() => new Tenant(chart(), 'default', { quota: { cpu: '1', memory: '1Gi' } }))
      .toThrow("platform/default: namespace 'default' is reserved by Kubernetes");
  });

  test('two tenants with one namespace', () => {
    const app = Testing.app();
    new Tenant(new Chart(app, 'a'), 'team', { quota: { cpu: '1', memory: '1Gi' } });
    expect(() => new Tenant(new Chart(app, 'b'), 'team2', { namespace: 'team', quota: { cpu: '1', memory: '1Gi' } }))
      .toThrow("b/team2: namespace 'team' is already used by tenant a/team (expected one tenant per namespace)");
  });

  test('negative and unparsable quota quantities', () => {
    expect(() => new Tenant(chart(), 'team', { quota: { cpu: '-4', memory: '1Gi' } })).toThrow("platform/team: quota.cpu '-4' is negative (expected a quantity of 0 or more)");
    expect(() => new Tenant(chart(), 'team', { quota: { cpu: '4', memory: '16 GB' } })).toThrow("platform/team: quota.memory '16 GB' is not a valid quantity");
    expect(() => new Tenant(chart(), 'team', { quota: { cpu: '4', memory: '1Gi', memoryLimit: 'lots' } })).toThrow("platform/team: quota.memoryLimit 'lots' is not a valid quantity");
    expect(() => new Tenant(chart(), 'team', { quota: { cpu: '4', memory: '1Gi', storage: '-1Ti' } })).toThrow("platform/team: quota.storage '-1Ti' is negative");
    expect(() => new Tenant(chart(), 'team', { quota: { cpu: '4', memory: '1Gi', gpus: -1 } })).toThrow('platform/team: quota.gpus is -1 (expected a whole number of 0 or more)');
    expect(() => new Tenant(chart(), 'team', { quota: { cpu: '4', memory: '1Gi', pods: 0 } })).toThrow('platform/team: quota.pods is 0 (expected a whole number of 1 or more)');
  });

  test('bad container limits', () => {
    expect(() => new Tenant(chart(), 'team', { quota: { cpu: '4', memory: '1Gi' }, containerLimits: { maxCpu: 'x' } }))
      .toThrow("platform/team: containerLimits.maxCpu 'x' is not a valid quantity");
    expect(() => new Tenant(chart(), 'team', { quota: { cpu: '4', memory: '1Gi' }, containerLimits: { minCpu: '2', maxCpu: '1' } }))
      .toThrow('platform/team: containerLimits min cpu is above max cpu (expected min <= max)');
    expect(() => new Tenant(chart(), 'team', { quota: { cpu: '4', memory: '1Gi' }, containerLimits: { defaultMemoryRequest: '2Gi', defaultMemoryLimit: '1Gi' } }))
      .toThrow('platform/team: containerLimits default memory request is above the default memory limit (expected request <= limit)');
    expect(() => new Tenant(chart(), 'team', { quota: { cpu: '4', memory: '1Gi' }, containerLimits: { maxLimitRequestRatioCpu: 0.5 } }))
      .toThrow('platform/team: containerLimits.maxLimitRequestRatioCpu is 0.5 (expected a number of 1 or more)');
  });

  test('bad pipeline roots', () => {
    const c = chart();
    expect(() => new Tenant(c, 'a', { quota: { cpu: '1', memory: '1Gi' }, pipelineRoot: TenantPipelineRoot.s3({ bucket: 'My_Bucket', region: 'eu-west-1' }) }))
      .toThrow("platform/a: pipelineRoot bucket is \"My_Bucket\" (expected a bucket name: 3-63 lowercase letters, digits, '.' and '-')");
    expect(() => new Tenant(c, 'b', { quota: { cpu: '1', memory: '1Gi' }, pipelineRoot: TenantPipelineRoot.s3({ bucket: 'ok-bucket', region: 'eu-west-1', endpoint: 'https://s3.example.com' }) }))
      .toThrow("platform/b: pipelineRoot endpoint is \"https://s3.example.com\" (expected host[:port] without a scheme, for example 's3.eu-west-1.amazonaws.com')");
    expect(() => new Tenant(c, 'd', { quota: { cpu: '1', memory: '1Gi' }, pipelineRoot: TenantPipelineRoot.s3({ bucket: 'ok-bucket', region: 'eu-west-1', prefix: 'a?b' }) }))
      .toThrow("platform/d: pipelineRoot prefix is \"a?b\" (expected a key prefix without '?', '#', spaces or '..')");
    const other = new kplus.Secret(c, 'elsewhere', { metadata: { name: 'creds', namespace: 'kubeflow' } });
    expect(() => new Tenant(c, 'e', { quota: { cpu: '1', memory: '1Gi' }, pipelineRoot: TenantPipelineRoot.s3({ bucket: 'ok-bucket', region: 'eu-west-1', credentials: other }) }))
      .toThrow("platform/e: pipelineRoot credentials Secret 'creds' is in namespace 'kubeflow' (expected namespace 'e': KFP launchers read it from the run's namespace)");
  });

  test('bad pod security level and service account name', () => {
    expect(() => new Tenant(chart(), 'team', { quota: { cpu: '1', memory: '1Gi' }, podSecurity: 'strict' as PodSecurityLevel }))
      .toThrow("platform/team: podSecurity is 'strict' (expected privileged, baseline, restricted)");
    expect(() => new Tenant(chart(), 'team', { quota: { cpu: '1', memory: '1Gi' }, serviceAccountName: 'Pipeline Runner' }))
      .toThrow("platform/team: serviceAccountName 'Pipeline Runner' is not a valid name (expected a lowercase DNS subdomain such as 'pipeline-runner')");
  });
});
