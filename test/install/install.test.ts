import { Chart, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { parse } from 'yaml';
import { CERT_MANAGER_CRDS, container, envOf, find, synthInstall, testImageLock } from './helpers';
import {
  Annotations, Database, DEV_CREDENTIALS_SECRET, InstallSyncWave, KubeflowPipelines, ObjectStore, PipelineStore, WorkflowControllerScope,
} from '../../src';
import { validateManifests } from '../util/validate';

const wave = (o: any) => Number(o.metadata.annotations['argocd.argoproj.io/sync-wave']);

describe('KubeflowPipelines: default install', () => {
  const { kfp, objects, chart } = synthInstall();

  test('uses upstream names without hash suffixes, in the kubeflow namespace', () => {
    const deployments = objects.filter((o) => o.kind === 'Deployment').map((o) => o.metadata.name).sort();
    expect(deployments).toEqual([
      'metadata-envoy-deployment', 'metadata-grpc-deployment', 'metadata-writer', 'ml-pipeline',
      'ml-pipeline-persistenceagent', 'ml-pipeline-scheduledworkflow', 'ml-pipeline-ui', 'ml-pipeline-viewer-crd',
      'ml-pipeline-visualizationserver', 'mysql', 'seaweedfs', 'workflow-controller',
    ]);
    for (const o of objects) {
      if (!['Namespace', 'CustomResourceDefinition', 'PriorityClass', 'MutatingWebhookConfiguration'].includes(o.kind)) {
        expect(o.metadata.namespace).toBe('kubeflow');
      }
    }
    expect(find(objects, 'Namespace', 'kubeflow')).toBeDefined();
  });

  test('every object passes schema validation', async () => {
    await validateManifests(objects, { crds: CERT_MANAGER_CRDS });
  });

  test('exposes what deploy and platform constructs wire to', () => {
    expect(kfp.namespace).toBe('kubeflow');
    expect(kfp.apiServerHost).toBe('ml-pipeline.kubeflow.svc.cluster.local');
    expect(kfp.apiServerHttpPort).toBe(8888);
    expect(kfp.apiServerGrpcPort).toBe(8887);
    expect(kfp.pipelineRoot).toBe('minio://mlpipeline/v2/artifacts');
    expect(kfp.images.driver).toBe('ghcr.io/kubeflow/kfp-driver:2.17.0');
    expect(kfp.images.launcher).toBe('ghcr.io/kubeflow/kfp-launcher:2.17.0');
    expect(kfp.components.map((c) => c.componentName)).toContain('ml-pipeline');
    expect(kfp.component('ml-pipeline')?.service?.name).toBe('ml-pipeline');
    expect(kfp.apiServer.podLabels).toEqual({ app: 'ml-pipeline' });
    expect(kfp.apiServer.servicePorts.map((p) => p.port)).toEqual([8888, 8887]);
    expect(kfp.databaseServer?.componentName).toBe('mysql');
    expect(kfp.objectStoreServer?.componentName).toBe('seaweedfs');
  });

  test('keeps its dev credentials in one clearly named Secret, and warns', () => {
    const secrets = objects.filter((o) => o.kind === 'Secret');
    expect(secrets.map((s) => s.metadata.name)).toEqual([DEV_CREDENTIALS_SECRET]);
    expect(secrets[0].metadata.annotations['kfp.cdk8s.io/dev-only']).toMatch(/Do not use in production/);
    expect(Annotations.warningsOf(chart).join('\n')).toMatch(/dev-only credentials \(Secret 'kfp-dev-credentials': database and object store\)/);
  });

  test('wires one object-store setting into every consumer', () => {
    const api = container(find(objects, 'Deployment', 'ml-pipeline'));
    expect(envOf(api, 'OBJECTSTORECONFIG_HOST').value).toBe('seaweedfs.kubeflow');
    expect(envOf(api, 'OBJECTSTORECONFIG_ACCESSKEY').valueFrom.secretKeyRef).toEqual({ name: DEV_CREDENTIALS_SECRET, key: 'accesskey' });
    const argo = parse(find(objects, 'ConfigMap', 'workflow-controller-configmap').data.artifactRepository);
    expect(argo.s3).toMatchObject({ endpoint: 'seaweedfs.kubeflow.svc:9000', bucket: 'mlpipeline', insecure: true, accessKeySecret: { name: DEV_CREDENTIALS_SECRET, key: 'accesskey' } });
    const launcher = find(objects, 'ConfigMap', 'kfp-launcher').data;
    expect(launcher.defaultPipelineRoot).toBe('minio://mlpipeline/v2/artifacts');
    expect(parse(launcher.providers).minio.default).toMatchObject({ endpoint: 'seaweedfs.kubeflow:9000', credentials: { secretRef: { secretName: DEV_CREDENTIALS_SECRET } } });
    const ui = container(find(objects, 'Deployment', 'ml-pipeline-ui'));
    expect(envOf(ui, 'MINIO_SECRET_KEY').valueFrom.secretKeyRef.name).toBe(DEV_CREDENTIALS_SECRET);
  });

  test('orders the Argo CD sync: namespace and CRDs, config, data, controllers, UI', () => {
    expect(wave(find(objects, 'Namespace', 'kubeflow'))).toBe(InstallSyncWave.FOUNDATION);
    expect(wave(find(objects, 'CustomResourceDefinition', 'workflows.argoproj.io'))).toBe(InstallSyncWave.FOUNDATION);
    expect(wave(find(objects, 'Role', 'ml-pipeline'))).toBe(InstallSyncWave.CONFIG);
    expect(wave(find(objects, 'ConfigMap', 'pipeline-install-config'))).toBe(InstallSyncWave.CONFIG);
    expect(wave(find(objects, 'Deployment', 'mysql'))).toBe(InstallSyncWave.DATA);
    expect(wave(find(objects, 'PersistentVolumeClaim', 'seaweedfs-pvc'))).toBe(InstallSyncWave.DATA);
    expect(wave(find(objects, 'Deployment', 'ml-pipeline'))).toBe(InstallSyncWave.CONTROLLERS);
    expect(wave(find(objects, 'Deployment', 'ml-pipeline-ui'))).toBe(InstallSyncWave.UI);
    // cert-manager objects (certManager: true) are applied in the same sync as their CRDs' controller.
    expect(find(synthInstall({ certManager: true }).objects, 'Certificate', 'kfp-cache-cert').metadata.annotations['argocd.argoproj.io/sync-options'])
      .toBe('SkipDryRunOnMissingResource=true');
  });

  test('requests resources and runs restricted everywhere', () => {
    for (const d of objects.filter((o) => o.kind === 'Deployment')) {
      const pod = d.spec.template.spec;
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      for (const c of [...(pod.initContainers ?? []), ...pod.containers]) {
        expect(c.resources.requests).toHaveProperty('cpu');
        expect(c.resources.requests).toHaveProperty('memory');
        expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
      }
    }
  });
});

describe('KubeflowPipelines: options', () => {
  test('a cluster-wide workflow controller next to an existing Argo (crds: false) warns once', () => {
    const second = /The workflow controller is cluster-wide and crds is false \(an existing Argo Workflows install\): if that Argo also watches every namespace, both controllers act on every Workflow/;
    const cluster = synthInstall({ crds: false, workflowControllerScope: WorkflowControllerScope.CLUSTER });
    expect(Annotations.warningsOf(cluster.chart).filter((w) => second.test(w))).toHaveLength(1);
    const namespaced = synthInstall({ crds: false });
    expect(Annotations.warningsOf(namespaced.chart).filter((w) => second.test(w))).toEqual([]);
    const shipsCrds = synthInstall({ workflowControllerScope: WorkflowControllerScope.CLUSTER });
    expect(Annotations.warningsOf(shipsCrds.chart).filter((w) => second.test(w))).toEqual([]);
  });

  test('namespace reaches every host name and certificate', () => {
    const { objects } = synthInstall({ namespace: 'ml-platform', certManager: true });
    expect(objects.find((o) => o.kind === 'Namespace').metadata.name).toBe('ml-platform');
    expect(envOf(container(find(objects, 'Deployment', 'ml-pipeline')), 'OBJECTSTORECONFIG_HOST').value).toBe('seaweedfs.ml-platform');
    expect(parse(find(objects, 'ConfigMap', 'workflow-controller-configmap').data.artifactRepository).s3.endpoint).toBe('seaweedfs.ml-platform.svc:9000');
    expect(find(objects, 'Certificate', 'kfp-cache-cert').spec.dnsNames).toContain('cache-server.ml-platform.svc');
    expect(find(objects, 'MutatingWebhookConfiguration', 'cache-webhook-ml-platform').webhooks[0].clientConfig.service.namespace).toBe('ml-platform');
    expect(find(objects, 'RoleBinding', 'ml-pipeline').subjects[0].namespace).toBe('ml-platform');
  });

  test('imageRegistry mirrors every image; per-image overrides win', () => {
    const { kfp, objects } = synthInstall({ imageRegistry: 'registry.example.com/mirror', images: { mysql: 'internal.example.com/db/mysql:8.4.3' } });
    expect(container(find(objects, 'Deployment', 'ml-pipeline')).image).toBe('registry.example.com/mirror/kubeflow/kfp-api-server:2.17.0');
    expect(container(find(objects, 'Deployment', 'workflow-controller')).image).toBe('registry.example.com/mirror/argoproj/workflow-controller:v4.0.5');
    expect(find(objects, 'Deployment', 'ml-pipeline').spec.template.spec.initContainers[0].image).toBe('registry.example.com/mirror/library/alpine:3.23');
    expect(container(find(objects, 'Deployment', 'mysql')).image).toBe('internal.example.com/db/mysql:8.4.3');
    expect(envOf(container(find(objects, 'Deployment', 'ml-pipeline')), 'V2_LAUNCHER_IMAGE').value).toBe('registry.example.com/mirror/kubeflow/kfp-launcher:2.17.0');
    expect(kfp.images.driver).toBe('registry.example.com/mirror/kubeflow/kfp-driver:2.17.0');
    expect(container(find(objects, 'Deployment', 'workflow-controller')).args).toContain('registry.example.com/mirror/argoproj/argoexec:v4.0.5');
  });

  test('replicas and resources per component', () => {
    const { objects } = synthInstall({
      components: {
        apiServer: { replicas: 3, resources: { cpu: { limit: kplus.Cpu.units(2) }, memory: { request: Size.gibibytes(1) } } },
        ui: { replicas: 2 },
      },
    });
    const api = find(objects, 'Deployment', 'ml-pipeline');
    expect(api.spec.replicas).toBe(3);
    expect(container(api).resources).toEqual({ requests: { cpu: '250m', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } });
    expect(find(objects, 'Deployment', 'ml-pipeline-ui').spec.replicas).toBe(2);
  });

  test('cron time zone, cache staleness, artifact and workflow retention', () => {
    const { objects } = synthInstall({
      cronScheduleTimezone: 'Europe/Paris',
      cacheStaleness: { default: Duration.days(7), maximum: Duration.hours(36) },
      artifactRetention: Duration.days(90),
      workflowRetention: Duration.hours(6),
    });
    const data = find(objects, 'ConfigMap', 'pipeline-install-config').data;
    expect(data.cronScheduleTimezone).toBe('Europe/Paris');
    expect(data.DEFAULT_CACHE_STALENESS).toBe('P7D');
    expect(data.MAXIMUM_CACHE_STALENESS).toBe('P1DT12H');
    expect(data.ARTIFACT_RETENTION_DAYS).toBe('90');
    expect(parse(find(objects, 'ConfigMap', 'workflow-controller-configmap').data.workflowDefaults).spec.ttlStrategy.secondsAfterCompletion).toBe(21600);
    expect(envOf(container(find(objects, 'Deployment', 'ml-pipeline-persistenceagent')), 'TTL_SECONDS_AFTER_WORKFLOW_FINISH').value).toBe('21600');
  });

  test('crds: false ships no CRD; argoCd: false adds no annotation; createNamespace: false', () => {
    const { objects } = synthInstall({ crds: false, argoCd: false, createNamespace: false });
    expect(objects.filter((o) => o.kind === 'CustomResourceDefinition')).toEqual([]);
    expect(objects.filter((o) => o.kind === 'Namespace')).toEqual([]);
    expect(objects.filter((o) => o.metadata.annotations?.['argocd.argoproj.io/sync-wave'])).toEqual([]);
  });

  test('the default install needs no cert-manager: it leaves out the v1-only cache server and says so', () => {
    const { objects, chart } = synthInstall();
    expect(objects.filter((o) => String(o.apiVersion).startsWith('cert-manager.io'))).toEqual([]);
    expect(objects.filter((o) => o.kind === 'MutatingWebhookConfiguration')).toEqual([]);
    expect(objects.filter((o) => o.metadata.name === 'cache-server')).toEqual([]);
    expect(Annotations.infosOf(chart).join()).toMatch(/cache server is not installed/);
  });

  test('Kubernetes-native mode turns cert-manager on by default (its webhooks need certificates)', () => {
    const { objects } = synthInstall({ pipelineStore: PipelineStore.KUBERNETES });
    expect(objects.filter((o) => o.kind === 'Certificate').map((o) => o.metadata.name).sort()).toEqual(['kfp-api-webhook-cert', 'kfp-cache-cert']);
  });

  test('certManager: false drops the v1 cache server and says so', () => {
    const { objects, chart } = synthInstall({ certManager: false });
    expect(objects.filter((o) => o.metadata.name === 'cache-server')).toEqual([]);
    expect(objects.filter((o) => String(o.apiVersion).startsWith('cert-manager.io'))).toEqual([]);
    expect(Annotations.infosOf(chart).join()).toMatch(/cache server is not installed/);
  });
});

describe('KubeflowPipelines: databases', () => {
  test('Database.postgres() runs one working PostgreSQL server and warns', async () => {
    const { objects, chart } = synthInstall({ database: Database.postgres(), certManager: true });
    const cfg = find(objects, 'ConfigMap', 'pipeline-install-config').data;
    expect(cfg).toMatchObject({ dbType: 'postgres', postgresHost: 'postgres-service', postgresPort: '5432' });
    expect(find(objects, 'Service', 'postgres-service').spec.selector).toEqual(find(objects, 'Deployment', 'postgres').spec.selector.matchLabels);
    const api = container(find(objects, 'Deployment', 'ml-pipeline'));
    expect(envOf(api, 'DBDRIVERNAME').value).toBe('pgx');
    expect(envOf(api, 'OBJECTSTORECONFIG_HOST').value).toBe('seaweedfs.kubeflow');
    expect(envOf(api, 'V2_DRIVER_IMAGE').value).toBe('ghcr.io/kubeflow/kfp-driver:2.17.0');
    const pg = container(find(objects, 'Deployment', 'postgres'));
    expect(envOf(pg, 'POSTGRES_PASSWORD').valueFrom.secretKeyRef).toEqual({ name: DEV_CREDENTIALS_SECRET, key: 'password' });
    expect(envOf(api, 'DBCONFIG_POSTGRESQLCONFIG_PASSWORD').valueFrom.secretKeyRef).toEqual({ name: DEV_CREDENTIALS_SECRET, key: 'password' });
    const secret = find(objects, 'Secret', DEV_CREDENTIALS_SECRET);
    expect(secret.stringData.password).toBe('kfp-dev-only');
    expect(find(objects, 'ConfigMap', 'postgres-init-databases').data['create-kfp-databases.sh']).toMatch(/CREATE DATABASE "metadb"/);
    const mlmd = container(find(objects, 'Deployment', 'metadata-grpc-deployment'));
    expect(mlmd.args).toContain('--metadata_source_config_type=postgresql');
    expect(envOf(container(find(objects, 'Deployment', 'cache-server')), 'DBCONFIG_DRIVER').value).toBe('pgx');
    expect(Annotations.warningsOf(chart).join()).toMatch(/#14353, #13822/);
    await validateManifests(objects, { crds: CERT_MANAGER_CRDS });
  });

  test('Database.externalMysql() runs no server and uses your Secret', () => {
    const { objects } = synthInstall(undefined, (chart) => ({
      database: Database.externalMysql({ host: 'mysql.db.svc', credentials: kplus.Secret.fromSecretName(chart, 'db', 'kfp-db'), pipelineDatabase: 'kfp_pipelines' }),
    }));
    expect(objects.filter((o) => o.metadata.name === 'mysql')).toEqual([]);
    expect(find(objects, 'ConfigMap', 'pipeline-install-config').data).toMatchObject({ mysqlHost: 'mysql.db.svc', mysqlPort: '3306', pipelineDb: 'kfp_pipelines' });
    expect(envOf(container(find(objects, 'Deployment', 'ml-pipeline')), 'DBCONFIG_USER').valueFrom.secretKeyRef).toEqual({ name: 'kfp-db', key: 'username' });
    expect(find(objects, 'Secret', DEV_CREDENTIALS_SECRET).stringData).toEqual({ accesskey: 'minio', secretkey: 'minio123' });
  });

  test('Database.mysql() with credentials sets the root password from your Secret', () => {
    const { objects } = synthInstall(undefined, (chart) => ({
      database: Database.mysql({ credentials: kplus.Secret.fromSecretName(chart, 'db', 'kfp-mysql'), storage: Size.gibibytes(50), storageClassName: 'fast' }),
    }));
    expect(envOf(container(find(objects, 'Deployment', 'mysql')), 'MYSQL_ROOT_PASSWORD').valueFrom.secretKeyRef).toEqual({ name: 'kfp-mysql', key: 'password' });
    expect(find(objects, 'PersistentVolumeClaim', 'mysql-pv-claim').spec).toMatchObject({ storageClassName: 'fast', resources: { requests: { storage: '50Gi' } } });
  });
});

describe('KubeflowPipelines: object stores', () => {
  test('ObjectStore.s3() with IRSA annotates the ServiceAccounts and uses the SDK credential chain', async () => {
    const arn = 'arn:aws:iam::123456789012:role/kfp';
    const { objects, kfp } = synthInstall(undefined, (chart) => ({
      database: Database.externalPostgres({ host: 'kfp.abc.eu-west-1.rds.amazonaws.com', credentials: kplus.Secret.fromSecretName(chart, 'db', 'kfp-db') }),
      objectStore: ObjectStore.s3({ bucket: 'acme-kfp', region: 'eu-west-1', serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': arn } }),
    }));
    for (const sa of ['ml-pipeline', 'pipeline-runner', 'ml-pipeline-ui']) {
      expect(find(objects, 'ServiceAccount', sa).metadata.annotations['eks.amazonaws.com/role-arn']).toBe(arn);
    }
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    const api = container(find(objects, 'Deployment', 'ml-pipeline'));
    expect(envOf(api, 'OBJECTSTORECONFIG_HOST').value).toBe('s3.eu-west-1.amazonaws.com');
    expect(envOf(api, 'OBJECTSTORECONFIG_SECURE').value).toBe('true');
    expect(envOf(api, 'OBJECTSTORECONFIG_REGION').value).toBe('eu-west-1');
    expect(envOf(api, 'OBJECTSTORECONFIG_ACCESSKEY')).toBeUndefined();
    expect(parse(find(objects, 'ConfigMap', 'workflow-controller-configmap').data.artifactRepository).s3).toMatchObject({ bucket: 'acme-kfp', useSDKCreds: true, insecure: false, region: 'eu-west-1' });
    const launcher = find(objects, 'ConfigMap', 'kfp-launcher').data;
    expect(launcher.defaultPipelineRoot).toBe('s3://acme-kfp/v2/artifacts');
    expect(parse(launcher.providers).s3.default).toEqual({ endpoint: 's3.eu-west-1.amazonaws.com', region: 'eu-west-1', disableSSL: false, forcePathStyle: false, credentials: { fromEnv: true } });
    expect(kfp.pipelineRoot).toBe('s3://acme-kfp/v2/artifacts');
    expect(objects.filter((o) => ['seaweedfs', 'mysql', 'postgres'].includes(o.metadata.name))).toEqual([]);
    await validateManifests(objects, { crds: CERT_MANAGER_CRDS });
  });

  test('ObjectStore.s3() with access keys and a custom endpoint', () => {
    const { objects } = synthInstall(undefined, (chart) => ({
      objectStore: ObjectStore.s3({
        bucket: 'kfp',
        region: 'us-east-1',
        endpoint: 'http://minio.storage:9000',
        credentials: kplus.Secret.fromSecretName(chart, 's3', 'kfp-s3'),
        accessKeyKey: 'AWS_ACCESS_KEY_ID',
        secretKeyKey: 'AWS_SECRET_ACCESS_KEY',
      }),
    }));
    const api = container(find(objects, 'Deployment', 'ml-pipeline'));
    expect(envOf(api, 'OBJECTSTORECONFIG_PORT').value).toBe('9000');
    expect(envOf(api, 'OBJECTSTORECONFIG_SECURE').value).toBe('false');
    expect(envOf(api, 'OBJECTSTORECONFIG_SECRETACCESSKEY').valueFrom.secretKeyRef).toEqual({ name: 'kfp-s3', key: 'AWS_SECRET_ACCESS_KEY' });
    expect(parse(find(objects, 'ConfigMap', 'kfp-launcher').data.providers).s3.default).toMatchObject({
      endpoint: 'minio.storage:9000',
      disableSSL: true,
      forcePathStyle: true,
      credentials: { fromEnv: false, secretRef: { secretName: 'kfp-s3', accessKeyKey: 'AWS_ACCESS_KEY_ID', secretKeyKey: 'AWS_SECRET_ACCESS_KEY' } },
    });
    const ui = container(find(objects, 'Deployment', 'ml-pipeline-ui'));
    expect(envOf(ui, 'AWS_ACCESS_KEY_ID').valueFrom.secretKeyRef.name).toBe('kfp-s3');
    expect(envOf(ui, 'ARGO_ARCHIVE_ARTIFACTORY').value).toBe('s3');
  });

  test('ObjectStore.gcs() and ObjectStore.minio()', () => {
    const gcs = synthInstall(undefined, (chart) => ({
      objectStore: ObjectStore.gcs({
        bucket: 'acme-kfp',
        hmacCredentials: kplus.Secret.fromSecretName(chart, 'h', 'gcs-hmac'),
        serviceAccountAnnotations: { 'iam.gke.io/gcp-service-account': 'kfp@acme.iam.gserviceaccount.com' },
      }),
    })).objects;
    expect(find(gcs, 'ConfigMap', 'kfp-launcher').data.defaultPipelineRoot).toBe('gs://acme-kfp/v2/artifacts');
    expect(parse(find(gcs, 'ConfigMap', 'kfp-launcher').data.providers)).toEqual({ gs: { default: { credentials: { fromEnv: true } } } });
    expect(parse(find(gcs, 'ConfigMap', 'workflow-controller-configmap').data.artifactRepository).gcs.bucket).toBe('acme-kfp');
    expect(envOf(container(find(gcs, 'Deployment', 'ml-pipeline')), 'OBJECTSTORECONFIG_HOST').value).toBe('storage.googleapis.com');

    const minio = synthInstall({ objectStore: ObjectStore.minio() }).objects;
    expect(find(minio, 'Service', 'minio-service').spec.ports[0].port).toBe(9000);
    expect(envOf(container(find(minio, 'Deployment', 'ml-pipeline')), 'OBJECTSTORECONFIG_HOST').value).toBe('minio-service.kubeflow');
    expect(envOf(container(find(minio, 'Deployment', 'ml-pipeline-ui')), 'MINIO_HOST').value).toBe('minio-service');
    expect(parse(find(minio, 'ConfigMap', 'kfp-launcher').data.providers).minio.default.endpoint).toBe('minio-service.kubeflow:9000');
  });
});

describe('KubeflowPipelines: Kubernetes-native pipeline store', () => {
  test('adds the API server flag, webhooks, Certificate, RBAC and the pipeline CRDs', () => {
    const { objects } = synthInstall({ pipelineStore: PipelineStore.KUBERNETES });
    const api = container(find(objects, 'Deployment', 'ml-pipeline'));
    expect(api.args).toContain('--pipelinesStoreKubernetes=true');
    expect(find(objects, 'Service', 'ml-pipeline').spec.ports.map((p: any) => p.name)).toEqual(['http', 'grpc', 'webhook']);
    expect(find(objects, 'Certificate', 'kfp-api-webhook-cert').spec.dnsNames).toContain('ml-pipeline.kubeflow.svc');
    for (const kind of ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration']) {
      const w = find(objects, kind, 'pipelineversions.pipelines.kubeflow.org');
      expect(w.metadata.annotations['cert-manager.io/inject-ca-from']).toBe('kubeflow/kfp-api-webhook-cert');
    }
    expect(find(objects, 'CustomResourceDefinition', 'pipelineversions.pipelines.kubeflow.org')).toBeDefined();
    expect(JSON.stringify(find(objects, 'Role', 'ml-pipeline').rules)).toMatch(/pipelineversions\/status/);
  });

  test('without cert-manager, takes a TLS Secret and CA bundle', () => {
    const { objects } = synthInstall(undefined, (chart) => ({
      pipelineStore: PipelineStore.KUBERNETES,
      certManager: false,
      webhookTls: { secret: kplus.Secret.fromSecretName(chart, 'tls', 'my-webhook-tls'), caBundle: 'LS0tLS1CRUdJTi==' },
    }));
    expect(objects.filter((o) => String(o.apiVersion).startsWith('cert-manager.io'))).toEqual([]);
    const w = find(objects, 'ValidatingWebhookConfiguration', 'pipelineversions.pipelines.kubeflow.org');
    expect(w.webhooks[0].clientConfig.caBundle).toBe('LS0tLS1CRUdJTi==');
    expect(find(objects, 'Deployment', 'ml-pipeline').spec.template.spec.volumes).toContainEqual({ name: 'webhook-certs', secret: { secretName: 'my-webhook-tls' } });
  });
});

describe('KubeflowPipelines: production', () => {
  test('accepts Secret references and writes no credentials', () => {
    const { objects, chart } = synthInstall(undefined, (c) => ({
      production: true,
      database: Database.externalMysql({ host: 'mysql.db.example.com', credentials: kplus.Secret.fromSecretName(c, 'db', 'kfp-db') }),
      objectStore: ObjectStore.s3({ bucket: 'acme-kfp', region: 'eu-west-1', credentials: kplus.Secret.fromSecretName(c, 's3', 'kfp-s3') }),
      monitoring: {},
      backup: {},
      networkPolicies: {},
      imageLock: testImageLock(),
    }));
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    // The only remark of the production checklist: this app has no Tenant.
    expect(Annotations.warningsOf(chart)).toEqual([
      'test/kfp: production checklist: Tenants have RBAC, a ResourceQuota and a LimitRange: no Tenant: every run shares the KFP namespace with no ResourceQuota or LimitRange',
    ]);
  });


  test('fails on dev credentials', () => {
    expect(() => synthInstall({ production: true })).toThrow(
      "KubeflowPipelines at 'test/kfp': 2 problems:\n  - production is true but Database.mysql() has no credentials; expected an ISecret reference\n  - production is true but ObjectStore.seaweedfs() has no credentials; expected an ISecret reference",
    );
  });

  test('fails on a Secret whose data is written in the app', () => {
    expect(() => synthInstall(undefined, (c) => ({
      production: true,
      database: Database.mysql({ credentials: new kplus.Secret(c, 'literal', { stringData: { username: 'root', password: 'hunter2' } }) }),
      objectStore: ObjectStore.seaweedfs({ credentials: kplus.Secret.fromSecretName(c, 's3', 'kfp-s3') }),
    }))).toThrow(/production is true but Database\.mysql\(\) credentials is the Secret 'test-literal-c8[0-9a-f]+' whose data \(password, username\) is written in this app; expected a reference to a Secret managed outside the manifests/);
  });
});

describe('KubeflowPipelines: bad input fails synth with a clear message', () => {
  const fails = (props: (chart: Chart) => any, message: string | RegExp) => {
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    expect(() => new KubeflowPipelines(chart, 'kfp', props(chart))).toThrow(message);
  };

  test('an external database with no host', () => {
    fails((c) => ({ database: Database.externalPostgres({ host: '', credentials: kplus.Secret.fromSecretName(c, 'db', 'x') }) }),
      "KubeflowPipelines at 'test/kfp': Database.externalPostgres(): host is \"\"; expected the database server's host name or IP address");
  });

  test('an external database without credentials', () => {
    fails(() => ({ database: Database.externalMysql({ host: 'db.example.com' }) }),
      "Database.externalMysql(): credentials is missing; expected an ISecret holding the 'username' and 'password' keys");
  });

  test('an S3 store with neither credentials nor IRSA', () => {
    fails(() => ({ objectStore: ObjectStore.s3({ bucket: 'kfp', region: 'eu-west-1' }) }),
      "KubeflowPipelines at 'test/kfp': ObjectStore.s3(): neither credentials nor serviceAccountAnnotations is set; expected an ISecret with access keys, or IRSA/workload identity annotations such as { 'eks.amazonaws.com/role-arn': '<role ARN>' }");
  });

  test('an invalid image reference', () => {
    fails(() => ({ images: { apiServer: 'Not A/Valid:image:ref' } }),
      "KubeflowPipelines at 'test/kfp': images.apiServer is 'Not A/Valid:image:ref'; expected an image reference such as 'registry.example.com/kubeflow/kfp-api-server:2.17.0'");
  });

  test('an invalid image registry', () => {
    fails(() => ({ imageRegistry: 'https://registry.example.com/' }), /imageRegistry is 'https:\/\/registry.example.com\/'; expected a registry host/);
  });

  test('a namespace name that Kubernetes rejects', () => {
    fails(() => ({ namespace: 'Kubeflow_Pipelines' }),
      "KubeflowPipelines at 'test/kfp': namespace is 'Kubeflow_Pipelines'; expected a DNS label (at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit)");
  });

  test('replicas of 0 for a required component', () => {
    fails(() => ({ components: { apiServer: { replicas: 0 } } }),
      "KubeflowPipelines at 'test/kfp': components.apiServer.replicas is 0; expected an integer of at least 1 (the component is required)");
  });

  test('pipelineStore KUBERNETES without cert-manager or webhook certificates', () => {
    fails(() => ({ pipelineStore: PipelineStore.KUBERNETES, certManager: false }),
      "KubeflowPipelines at 'test/kfp': pipelineStore is KUBERNETES but certManager is false and no webhookTls is given; expected cert-manager (certManager: true) or webhookTls with a TLS Secret and its CA bundle for the PipelineVersion webhooks");
  });

  test('webhook certificates without a CA bundle', () => {
    fails((c) => ({ pipelineStore: PipelineStore.KUBERNETES, certManager: false, webhookTls: { secret: kplus.Secret.fromSecretName(c, 't', 'tls'), caBundle: ' ' } }),
      "KubeflowPipelines at 'test/kfp': webhookTls.caBundle is empty; expected the base64-encoded PEM CA bundle of the webhook certificate");
  });

  test('an invalid time zone, bucket and S3 endpoint', () => {
    fails(() => ({ cronScheduleTimezone: 'not a zone' }), /cronScheduleTimezone is 'not a zone'; expected an IANA time zone name/);
    fails(() => ({ objectStore: ObjectStore.seaweedfs({ bucket: 'Bad_Bucket' }) }), /ObjectStore.seaweedfs\(\): bucket is "Bad_Bucket"; expected a bucket name/);
    fails((c) => ({ objectStore: ObjectStore.s3({ bucket: 'kfp', region: 'eu-west-1', endpoint: 'ftp://x', credentials: kplus.Secret.fromSecretName(c, 's', 's') }) }),
      /ObjectStore.s3\(\): endpoint 'ftp:\/\/x' is not of the form \[http\(s\):\/\/\]host\[:port\]/);
  });

  test('an unknown component name', () => {
    fails(() => ({ components: { apiserver: { replicas: 2 } } }), /components.apiserver is not a component; expected one of apiServer, ui/);
  });
});
