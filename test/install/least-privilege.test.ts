import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as kplus from 'cdk8s-plus-28';
import { container, envOf, find, synthInstall, testImageLock } from './helpers';
import {
  ChecklistItem, Database, ImageLock, InstallRbac, KubeflowPipelines, ObjectStore, ProductionChecklist, RbacAudit, WorkflowControllerScope,
} from '../../src';
import { appAndChart, productionProps, synthError } from '../platform/hardening/helpers';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const roles = (objects: any[]) => objects.filter((o) => o.kind === 'Role' || o.kind === 'ClusterRole');
const rulesOf = (objects: any[], kind: string, name: string) => find(objects, kind, name).rules;
const containersOf = (objects: any[]) => objects.filter((o) => o.kind === 'Deployment').flatMap((d) => {
  const pod = d.spec.template.spec;
  return [...(pod.initContainers ?? []), ...pod.containers].map((c: any) => ({ d, pod, c }));
});

describe('install RBAC: least privilege by default', () => {
  test('no wildcard, no pods/exec, no Secret read without resourceNames in any Role of the default install', () => {
    const { objects } = synthInstall({ workflowControllerScope: WorkflowControllerScope.CLUSTER, certManager: true });
    const audit = RbacAudit.ofObjects(objects);
    expect(audit.findings).toEqual([]);
    expect(audit.summary()).toBe(`Least privilege: ${audit.ruleCount} rules, 0 wildcards, 0 exec grants, 0 namespace-wide secret reads`);
  });

  test('pipeline-runner reads kfp-launcher and the object-store keys by name, and nothing a task could abuse', () => {
    const { objects } = synthInstall();
    expect(rulesOf(objects, 'Role', 'pipeline-runner')).toEqual([
      { apiGroups: [''], resources: ['configmaps'], verbs: ['get'], resourceNames: ['kfp-launcher'] },
      { apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['kfp-dev-credentials'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
      { apiGroups: ['argoproj.io'], resources: ['workflowtaskresults'], verbs: ['create', 'patch'] },
      { apiGroups: ['argoproj.io'], resources: ['workflows'], verbs: ['get'] },
      { apiGroups: ['mlflow.kubeflow.org'], resources: ['experiments'], verbs: ['get', 'list', 'create', 'update'] },
    ]);
  });

  test('with workload identity there are no keys, so no Role reads any Secret but the two named ones of MLflow and Argo', () => {
    const { objects } = synthInstall({ objectStore: ObjectStore.s3({ bucket: 'acme-b', region: 'eu-west-1', serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::1:role/k' } }) });
    const secretRules = roles(objects).flatMap((o) => o.rules.filter((r: any) => r.resources.includes('secrets')).map((r: any) => `${o.metadata.name}: ${r.resourceNames}`));
    expect(secretRules.sort()).toEqual(['argo-role: argo-workflows-agent-ca-certificates', 'ml-pipeline: kfp-mlflow-credentials']);
  });

  test('S3 keys and a GCS key: the runner and the UI read exactly those Secrets', () => {
    const s3 = synthInstall(undefined, (c) => ({ objectStore: ObjectStore.s3({ bucket: 'acme-b', region: 'eu-west-1', credentials: kplus.Secret.fromSecretName(c, 'k', 's3-keys') }) })).objects;
    for (const role of ['pipeline-runner', 'ml-pipeline-ui']) {
      expect(rulesOf(s3, 'Role', role).filter((r: any) => r.resources.includes('secrets'))).toEqual([{ apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['s3-keys'] }]);
    }
    const gcs = synthInstall(undefined, (c) => ({ objectStore: ObjectStore.gcs({ bucket: 'acme-b', hmacCredentials: kplus.Secret.fromSecretName(c, 'h', 'gcs-hmac'), serviceAccountKey: kplus.Secret.fromSecretName(c, 'k', 'gcs-key') }) })).objects;
    expect(rulesOf(gcs, 'Role', 'pipeline-runner').find((r: any) => r.resources.includes('secrets')).resourceNames).toEqual(['gcs-hmac', 'gcs-key']);
  });

  test('the UI, the viewer controller and the metadata writer hold only what they call', () => {
    const { objects } = synthInstall();
    expect(rulesOf(objects, 'Role', 'ml-pipeline-ui')).toEqual([
      { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
      { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
      { apiGroups: [''], resources: ['events'], verbs: ['list'] },
      { apiGroups: [''], resources: ['configmaps'], verbs: ['get'], resourceNames: ['artifact-repositories'] },
      { apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['kfp-dev-credentials'] },
      { apiGroups: ['kubeflow.org'], resources: ['viewers'], verbs: ['create', 'get', 'delete'] },
      { apiGroups: ['argoproj.io'], resources: ['workflows'], verbs: ['get'] },
    ]);
    expect(rulesOf(objects, 'Role', 'ml-pipeline-viewer-controller-role').map((r: any) => r.apiGroups)).toEqual([['apps'], [''], ['kubeflow.org'], ['kubeflow.org']]);
    expect(rulesOf(objects, 'Role', 'kubeflow-pipelines-metadata-writer-role')).toEqual([{ apiGroups: [''], resources: ['pods'], verbs: ['list', 'watch', 'patch'] }]);
  });

  test('volumeManagement, terminateRunningSteps and podLogs turn their grants on and off', () => {
    const rbac = InstallRbac.leastPrivilege({ volumeManagement: true, terminateRunningSteps: true, podLogs: false });
    const on = synthInstall({ rbac, workflowControllerScope: WorkflowControllerScope.CLUSTER }).objects;
    expect(rulesOf(on, 'Role', 'pipeline-runner')).toContainEqual({ apiGroups: [''], resources: ['persistentvolumeclaims'], verbs: ['create', 'get', 'delete'] });
    expect(rulesOf(on, 'ClusterRole', 'argo-cluster-role')).toContainEqual({ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] });
    for (const role of ['ml-pipeline', 'ml-pipeline-ui']) expect(rulesOf(on, 'Role', role).flatMap((r: any) => r.resources)).not.toContain('pods/log');
    const namespaced = synthInstall({ rbac: InstallRbac.leastPrivilege({ terminateRunningSteps: true }) }).objects;
    expect(rulesOf(namespaced, 'Role', 'argo-role')).toContainEqual({ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] });
    expect(RbacAudit.ofObjects(namespaced).execCount).toBe(1);
    const off = synthInstall().objects;
    expect(rulesOf(off, 'Role', 'pipeline-runner').flatMap((r: any) => r.resources)).not.toContain('persistentvolumeclaims');
  });

  test('InstallRbac.UPSTREAM keeps upstream\'s grants, and the audit flags them', () => {
    const { objects, kfp } = synthInstall({ rbac: InstallRbac.UPSTREAM, workflowControllerScope: WorkflowControllerScope.CLUSTER });
    expect(rulesOf(objects, 'Role', 'pipeline-runner')).toContainEqual({ apiGroups: [''], resources: ['pods', 'pods/exec', 'pods/log', 'services'], verbs: ['*'] });
    const audit = RbacAudit.ofObjects(objects);
    expect([audit.wildcardCount, audit.execCount, audit.secretReadCount]).toEqual([7, 2, 3]);
    expect(kfp.rbacRules.every((r) => r.source === 'upstream')).toBe(true);
  });

  test('kfp.rbacRules gives every written rule its reason and source', () => {
    const { objects, kfp } = synthInstall({ certManager: true });
    const key = (kind: string, name: string, r: any) => JSON.stringify([kind, name, r.apiGroups, r.resources, r.verbs, r.resourceNames ?? []]);
    const written = roles(objects).flatMap((o) => o.rules.map((r: any) => key(o.kind, o.metadata.name, r)));
    expect(kfp.rbacRules.map((r) => key(r.roleKind, r.roleName, r)).sort()).toEqual(written.sort());
    expect(kfp.rbacRules.filter((r) => !/^(kfp|argo): |^upstream$/.test(r.source))).toEqual([]);
  });

  test('a wrong rbac or imageLock fails with the value and what is expected', () => {
    expect(() => synthInstall({ rbac: 'upstream' as any })).toThrow('KubeflowPipelines at \'test/kfp\': rbac is "upstream"; expected InstallRbac.leastPrivilege() or InstallRbac.UPSTREAM');
    expect(() => synthInstall({ imageLock: { entries: {} } as any })).toThrow(/imageLock is .*; expected an ImageLock \(ImageLock.fromFile\('images.lock.json'\)\)$/);
  });
});

describe('the production checklist audits RBAC', () => {
  test('upstream RBAC fails production synth, naming the role and the rule', () => {
    const { app, chart } = appAndChart();
    new KubeflowPipelines(chart, 'kfp', { ...productionProps(chart), rbac: InstallRbac.UPSTREAM });
    const error = synthError(app)!;
    expect(error).toContain("production checklist: RBAC is least privilege: Role kubeflow/pipeline-runner grants secrets [get] in '': get on every Secret of the namespace (no resourceNames); expected resourceNames on every Secret rule, or waive the item with the reason");
    expect(error).toContain("Role kubeflow/pipeline-runner grants pods, pods/exec, pods/log, services [*] in '': pods/exec: runs commands in any pod it can see");
    expect(error).toContain("Role kubeflow/ml-pipeline-viewer-controller-role grants deployments, services [create, get, list, watch, update, patch, delete] in '*': wildcard '*'");
  });

  test('a waiver with a reason turns the failures into warnings', () => {
    const { app, chart } = appAndChart();
    new KubeflowPipelines(chart, 'kfp', { ...productionProps(chart), rbac: InstallRbac.leastPrivilege({ terminateRunningSteps: true }) });
    const checklist = ProductionChecklist.of(app);
    expect(synthError(app)).toContain("Role kubeflow/argo-role grants pods/exec [create] in '': pods/exec");
    checklist.waive(ChecklistItem.LEAST_PRIVILEGE, 'Runs must stop at once when terminated; Argo signals them through pods/exec.');
    expect(synthError(app)).toBeUndefined();
    expect(checklist.evaluate().find((r) => r.item === ChecklistItem.LEAST_PRIVILEGE)!.status).toBe('waived');
  });

  test('the audit sorts rules into wildcards, exec, escalation and Secret reads', () => {
    const audit = RbacAudit.ofObjects([
      { kind: 'ClusterRole', metadata: { name: 'c' }, rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['list'] }, { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['bind', 'escalate'] }] },
      { kind: 'Role', metadata: { name: 'r', namespace: 'n' }, rules: [{ apiGroups: [''], resources: ['pods/attach'], verbs: ['create'] }, { apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['one'] }, { apiGroups: ['x'], resources: ['*'], verbs: ['get'] }] },
      { kind: 'ConfigMap', metadata: { name: 'not-a-role' } },
    ]);
    expect(audit.findings.map((f) => `${f.role} ${f.category}: ${f.detail}`)).toEqual([
      'ClusterRole c secret-read: list on every Secret of the cluster (no resourceNames)',
      'ClusterRole c escalation: bind, escalate: grants more than the role holds',
      'Role n/r exec: pods/attach: runs commands in any pod it can see',
      "Role n/r wildcard: wildcard '*'",
    ]);
    expect(audit.summary()).toBe('Least privilege: 5 rules, 1 wildcards, 1 exec grants, 1 namespace-wide secret reads, 1 escalate/bind/impersonate grants');
  });
});

describe('read-only root filesystems', () => {
  test('every container of the default, PostgreSQL and cert-manager installs is read-only, with an emptyDir for each written path', () => {
    for (const props of [{}, { database: Database.postgres(), certManager: true }]) {
      const { objects } = synthInstall(props);
      for (const { d, pod, c } of containersOf(objects)) {
        expect(`${d.metadata.name}/${c.name}: ${c.securityContext?.readOnlyRootFilesystem}`).toBe(`${d.metadata.name}/${c.name}: true`);
        for (const m of c.volumeMounts ?? []) expect(pod.volumes.map((v: any) => v.name)).toContain(m.name);
      }
    }
  });

  test('the paths each image writes are emptyDirs', () => {
    const mounts = (objects: any[], name: string) => {
      const d = find(objects, 'Deployment', name);
      const emptyDirs = (d.spec.template.spec.volumes ?? []).filter((v: any) => v.emptyDir).map((v: any) => v.name);
      return (container(d).volumeMounts ?? []).filter((m: any) => emptyDirs.includes(m.name)).map((m: any) => m.mountPath).sort();
    };
    const { objects } = synthInstall({ certManager: true });
    expect(mounts(objects, 'mysql')).toEqual(['/tmp', '/var/lib/mysql-files', '/var/run/mysqld']);
    for (const name of ['ml-pipeline', 'ml-pipeline-ui', 'cache-server', 'seaweedfs', 'metadata-envoy-deployment', 'metadata-grpc-deployment', 'metadata-writer', 'ml-pipeline-visualizationserver']) {
      expect([name, mounts(objects, name)]).toEqual([name, ['/tmp']]);
    }
    for (const name of ['ml-pipeline-persistenceagent', 'ml-pipeline-scheduledworkflow', 'ml-pipeline-viewer-crd']) expect(mounts(objects, name)).toEqual([]);
    expect(mounts(synthInstall({ database: Database.postgres() }).objects, 'postgres')).toEqual(['/tmp', '/var/run/postgresql']);
  });

  test('MinIO is the documented exception', () => {
    const { objects } = synthInstall({ objectStore: ObjectStore.minio() });
    expect(containersOf(objects).filter(({ c }) => c.securityContext.readOnlyRootFilesystem !== true).map(({ d, c }) => `${d.metadata.name}/${c.name}`)).toEqual(['minio/minio']);
  });
});

describe('Pod Security labels of the install namespace', () => {
  test("upstream's by default, restricted in production mode", () => {
    expect(find(synthInstall().objects, 'Namespace', 'kubeflow').metadata.labels).toEqual({
      'application-crd-id': 'kubeflow-pipelines', 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/warn': 'restricted',
    });
    const { chart } = appAndChart();
    new KubeflowPipelines(chart, 'kfp', productionProps(chart));
    expect(find(chart.toJson(), 'Namespace', 'kubeflow').metadata.labels).toEqual({
      'application-crd-id': 'kubeflow-pipelines',
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
    });
  });
});

describe('ImageLock', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kfp-image-lock-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, text);
    return file;
  };

  test('locked images are written as repository@sha256, everywhere the install uses them', () => {
    const file = write('images.lock.json', JSON.stringify({
      'ghcr.io/kubeflow/kfp-api-server:2.17.0': DIGEST,
      'ghcr.io/kubeflow/kfp-driver:2.17.0': DIGEST,
      'registry.example.com/mirror/argoproj/argoexec:v4.0.5': DIGEST,
    }));
    const { objects, kfp } = synthInstall({ imageLock: ImageLock.fromFile(file) });
    expect(container(find(objects, 'Deployment', 'ml-pipeline')).image).toBe(`ghcr.io/kubeflow/kfp-api-server@${DIGEST}`);
    expect(envOf(container(find(objects, 'Deployment', 'ml-pipeline')), 'V2_DRIVER_IMAGE').value).toBe(`ghcr.io/kubeflow/kfp-driver@${DIGEST}`);
    expect(kfp.images.launcher).toBe('ghcr.io/kubeflow/kfp-launcher:2.17.0');
    // Keys are the references the install uses: after the registry mirror.
    const mirrored = synthInstall({ imageRegistry: 'registry.example.com/mirror', imageLock: ImageLock.fromFile(file) }).kfp;
    expect(mirrored.images.argoExecutor).toBe(`registry.example.com/mirror/argoproj/argoexec@${DIGEST}`);
  });

  test('a production install whose images are all locked passes the image-digests item; tag-only images warn', () => {
    const { app, chart } = appAndChart();
    new KubeflowPipelines(chart, 'kfp', productionProps(chart, { imageLock: testImageLock() }));
    const checklist = ProductionChecklist.of(app);
    expect(checklist.evaluate().find((r) => r.item === ChecklistItem.IMAGE_DIGESTS)!.status).toBe('pass');
    const other = appAndChart();
    new KubeflowPipelines(other.chart, 'kfp', productionProps(other.chart, { imageLock: ImageLock.fromEntries({}) }));
    const item = ProductionChecklist.of(other.app).evaluate().find((r) => r.item === ChecklistItem.IMAGE_DIGESTS)!;
    expect(item.status).toBe('warning');
    expect(item.findings[0].message).toMatch(/^17 of 17 images of the install are pinned by tag only \(amazon\/aws-cli:2\.32\.8, .*\); a tag can be moved to other content\. Expected imageLock: ImageLock\.fromFile\('images\.lock\.json'\) with their sha256 digests, written by CI$/);
  });

  test('bad lock files fail with the file, the problem and what is expected', () => {
    const missing = path.join(tmp, 'nope.json');
    expect(() => ImageLock.fromFile(missing)).toThrow(`ImageLock.fromFile('${missing}'): cannot read the file (ENOENT); expected a JSON lock file written by CI, such as images.lock.json`);
    const notJson = write('bad.json', '{');
    expect(() => ImageLock.fromFile(notJson)).toThrow(new RegExp(`^ImageLock.fromFile\\('${notJson}'\\): the file is not JSON \\(.*\\); expected an object mapping each image to its sha256 digest$`));
    expect(() => ImageLock.fromFile(write('array.json', '[]'))).toThrow(/: got an array; expected an object mapping each image to its digest, e\.g\. \{ "ghcr\.io\/kubeflow\/kfp-api-server:2\.17\.0": "sha256:<64 hex digits>" \}$/);
    expect(() => ImageLock.fromEntries({ 'Not An Image': DIGEST })).toThrow("ImageLock.fromEntries: 'Not An Image' is not an image reference; expected e.g. 'ghcr.io/kubeflow/kfp-api-server:2.17.0'");
    expect(() => ImageLock.fromEntries({ [`mysql:8.4@${DIGEST}`]: DIGEST })).toThrow(`ImageLock.fromEntries: 'mysql:8.4@${DIGEST}' already has a digest; expected the reference without '@sha256:…', as the install uses it`);
    expect(() => ImageLock.fromEntries({ 'mysql:8.4': 'sha256:ABC', 'postgres:16': 42 as any })).toThrow([
      'ImageLock.fromEntries: 2 problems:',
      "  - the digest of 'mysql:8.4' is \"sha256:ABC\"; expected 'sha256:' and 64 lowercase hex digits",
      "  - the digest of 'postgres:16' is 42; expected 'sha256:' and 64 lowercase hex digits",
    ].join('\n'));
  });
});
