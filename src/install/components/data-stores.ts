/**
 * In-cluster data stores: MySQL or PostgreSQL, and SeaweedFS or MinIO.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ComponentPort, IKfpComponent } from '../component';
import { InstallContext } from '../context';
import { env, EnvSource, podSecurity, resourcesOf, restricted, scratch, sizeQuantity } from '../internal';
import { configMapObject, createWorkload, meta, pvcObject } from '../workload';

function storageOf(options: any): string {
  return options.storage ? sizeQuantity(options.storage) : '20Gi';
}

abstract class DataStore extends Construct implements IKfpComponent {
  public abstract readonly componentName: string;
  public abstract readonly deployment: ApiObject;
  public abstract readonly service: ApiObject;
  public abstract readonly serviceAccount?: ApiObject;
  public abstract readonly podLabels: { [key: string]: string };
  public abstract readonly servicePorts: ComponentPort[];
  public abstract readonly volumeClaim: ApiObject;
}

/** MySQL 8.4, running as the image's `mysql` user (999). */
export class MysqlServer extends DataStore {
  public readonly componentName = 'mysql';
  public readonly deployment: ApiObject;
  public readonly service: ApiObject;
  public readonly serviceAccount: ApiObject;
  public readonly volumeClaim: ApiObject;
  public readonly podLabels = { app: 'mysql' };
  public readonly servicePorts: ComponentPort[] = [{ port: 3306, targetPort: '3306' }];

  constructor(scope: Construct, id: string, ctx: InstallContext) {
    super(scope, id);
    const ns = ctx.namespace;
    const o = ctx.database._options;
    this.volumeClaim = pvcObject(this, 'mysql-pv-claim', ns, storageOf(o), o.storageClassName);
    // Dev credentials leave root's password empty, as upstream; your own Secret sets it.
    const passwordEnv = ctx.database.credentials
      ? env('MYSQL_ROOT_PASSWORD', ctx.dbPassword)
      : env('MYSQL_ALLOW_EMPTY_PASSWORD', 'true');
    // Read-only root: mysqld (mysql:8.4, run as mysql 999) writes its data to --datadir (the PVC),
    // its socket and pid file to /var/run/mysqld, temporary tables to tmpdir (/tmp), and the
    // entrypoint checks secure_file_priv, /var/lib/mysql-files (docker-library/mysql 8.4
    // Dockerfile and docker-entrypoint.sh): each of those is an emptyDir.
    const run = scratch('run', '/var/run/mysqld');
    const tmp = scratch('tmp', '/tmp');
    const files = scratch('mysql-files', '/var/lib/mysql-files');
    const w = createWorkload(this, {
      name: 'mysql',
      namespace: ns,
      labels: this.podLabels,
      selector: this.podLabels,
      strategy: { type: 'Recreate' },
      serviceAccountName: 'mysql',
      automountToken: false,
      podSpec: {
        containers: [{
          name: 'mysql',
          image: ctx.images.mysql,
          args: ['--datadir', '/var/lib/mysql', '--authentication-policy=mysql_native_password', '--mysql-native-password=ON', '--disable-log-bin'],
          env: [passwordEnv],
          ports: [{ name: 'mysql', containerPort: 3306 }],
          resources: resourcesOf(o.resources, { requests: { cpu: '100m', memory: '800Mi' }, limits: { cpu: '2', memory: '2Gi' } }),
          securityContext: restricted(999, 999, { readOnlyRootFilesystem: true }),
          volumeMounts: [{ name: 'mysql-persistent-storage', mountPath: '/var/lib/mysql' }, run.mount, tmp.mount, files.mount],
        }],
        securityContext: podSecurity(999),
        volumes: [{ name: 'mysql-persistent-storage', persistentVolumeClaim: { claimName: 'mysql-pv-claim' } }, run.volume, tmp.volume, files.volume],
      },
      service: { name: 'mysql', ports: [{ port: 3306, protocol: 'TCP', targetPort: 3306 }] },
    });
    this.deployment = w.deployment;
    this.service = w.service!;
    this.serviceAccount = w.serviceAccount!;
  }
}

/**
 * PostgreSQL, running as the image's `postgres` user (70). One server holds the pipeline, cache
 * and metadata databases; an init script creates them on first start.
 */
export class PostgresServer extends DataStore {
  public readonly componentName = 'postgres';
  public readonly deployment: ApiObject;
  public readonly service: ApiObject;
  public readonly serviceAccount: ApiObject;
  public readonly volumeClaim: ApiObject;
  public readonly podLabels = { app: 'postgres' };
  public readonly servicePorts: ComponentPort[] = [{ port: 5432, targetPort: '5432' }];

  constructor(scope: Construct, id: string, ctx: InstallContext) {
    super(scope, id);
    const ns = ctx.namespace;
    const db = ctx.database;
    const o = db._options;
    this.volumeClaim = pvcObject(this, 'postgres-pvc', ns, storageOf(o), o.storageClassName);
    const databases = [db.pipelineDatabase, db.cacheDatabase, db.metadataDatabase];
    const script = [
      '#!/bin/sh',
      'set -eu',
      ...databases.map((d) => `psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -c 'CREATE DATABASE "${d}"'`),
      '',
    ].join('\n');
    configMapObject(this, 'InitScript', 'postgres-init-databases', ns, { 'create-kfp-databases.sh': script }, { app: 'postgres' });
    const user: EnvSource = ctx.dbUser;
    // Read-only root: PostgreSQL (postgres alpine, run as postgres 70) writes PGDATA (the PVC), its
    // socket and lock files to /var/run/postgresql, and initdb and the entrypoint's temporary
    // server use /tmp (docker-library/postgres docker-entrypoint.sh): both are emptyDirs.
    const tmp = scratch('tmp', '/tmp');
    const w = createWorkload(this, {
      name: 'postgres',
      namespace: ns,
      labels: this.podLabels,
      selector: this.podLabels,
      strategy: { type: 'Recreate' },
      serviceAccountName: 'postgresql',
      automountToken: false,
      podSpec: {
        containers: [{
          name: 'postgres',
          image: ctx.images.postgres,
          env: [
            env('POSTGRES_DB', 'postgres'),
            env('POSTGRES_USER', user),
            env('POSTGRES_PASSWORD', ctx.dbPassword),
            env('PGDATA', '/var/lib/postgresql/data/pgdata'),
          ],
          ports: [{ name: 'postgres', containerPort: 5432 }],
          readinessProbe: {
            exec: { command: ['/bin/sh', '-c', 'pg_isready -U "$POSTGRES_USER" -d postgres -h 127.0.0.1'] },
            initialDelaySeconds: 15,
            periodSeconds: 10,
            timeoutSeconds: 2,
          },
          resources: resourcesOf(o.resources, { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '2', memory: '2Gi' } }),
          securityContext: restricted(70, 70, { readOnlyRootFilesystem: true }),
          volumeMounts: [
            { name: 'postgres-stateful-data', mountPath: '/var/lib/postgresql/data' },
            { name: 'init-databases', mountPath: '/docker-entrypoint-initdb.d', readOnly: true },
            { name: 'run', mountPath: '/var/run/postgresql' },
            tmp.mount,
          ],
        }],
        securityContext: podSecurity(70),
        volumes: [
          { name: 'postgres-stateful-data', persistentVolumeClaim: { claimName: 'postgres-pvc' } },
          { name: 'init-databases', configMap: { name: 'postgres-init-databases', defaultMode: 0o555 } },
          { name: 'run', emptyDir: {} },
          tmp.volume,
        ],
      },
      service: { name: 'postgres-service', labels: { app: 'postgres' }, ports: [{ port: 5432, protocol: 'TCP', targetPort: 5432 }] },
    });
    this.deployment = w.deployment;
    this.service = w.service!;
    this.serviceAccount = w.serviceAccount!;
  }
}

/** SeaweedFS (master, volume, filer, S3 and IAM in one pod), as upstream 2.17 runs it. */
export class SeaweedFs extends DataStore {
  public readonly componentName = 'seaweedfs';
  public readonly deployment: ApiObject;
  public readonly service: ApiObject;
  public readonly serviceAccount: ApiObject;
  public readonly volumeClaim: ApiObject;
  public readonly networkPolicy: ApiObject;
  public readonly podLabels = { app: 'seaweedfs' };
  public readonly servicePorts: ComponentPort[];

  constructor(scope: Construct, id: string, ctx: InstallContext) {
    super(scope, id);
    const ns = ctx.namespace;
    const store = ctx.objectStore;
    const o = store._options;
    const bucket = store.bucket;
    this.volumeClaim = pvcObject(this, 'seaweedfs-pvc', ns, storageOf(o), o.storageClassName);
    const init = [
      '# Wait for the S3 gateway, create the bucket, then the admin identity KFP uses.',
      'for i in $(seq 1 60); do',
      '  wget -q --spider http://127.0.0.1:8333/status && break',
      '  [ "$i" -eq 60 ] && { echo "SeaweedFS S3 gateway not ready after 120s"; exit 1; }',
      '  sleep 2',
      'done',
      'for i in $(seq 1 5); do',
      `  echo "s3.bucket.create --name ${bucket}" | /usr/bin/weed shell >/dev/null 2>&1 || true`,
      `  echo "s3.bucket.list" | /usr/bin/weed shell 2>/dev/null | grep -q "${bucket}" && break`,
      `  [ "$i" -eq 5 ] && { echo "bucket ${bucket} missing after 5 attempts"; exit 1; }`,
      '  sleep 5',
      'done',
      'for i in $(seq 1 5); do',
      '  echo "s3.configure -user kubeflow-admin -access_key $accesskey -secret_key $secretkey -actions Admin -apply" | /usr/bin/weed shell && break',
      '  [ "$i" -eq 5 ] && { echo "could not configure kubeflow-admin after 5 attempts"; exit 1; }',
      '  sleep 5',
      'done',
      'touch /tmp/initialization-complete',
      '',
    ].join('\n');
    // Read-only root: SeaweedFS keeps volumes, master and filer metadata under -dir (/data, the PVC);
    // `weed shell` in the postStart hook saves its history to os.TempDir()/weed-shell
    // (seaweedfs: weed/shell/shell_liner.go) and the hook touches /tmp/initialization-complete:
    // /tmp is an emptyDir.
    const tmp = scratch('tmp', '/tmp');
    const statusProbe = (extra: any) => ({ httpGet: { path: '/status', port: 8333, scheme: 'HTTP' }, failureThreshold: 3, ...extra });
    const servicePorts = [
      { name: 'http-iam', port: 8111, protocol: 'TCP', targetPort: 8111 },
      { name: 'http-s3', port: 8333, protocol: 'TCP', targetPort: 8333 },
      { name: 'http-s3-compat', port: 9000, protocol: 'TCP', targetPort: 8333 },
      { name: 'http-master', port: 9333, protocol: 'TCP', targetPort: 9333 },
      { name: 'grpc-master', port: 19333, protocol: 'TCP', targetPort: 19333 },
      { name: 'grpc-filer', port: 18888, protocol: 'TCP', targetPort: 18888 },
      { name: 'http-filer', port: 8888, protocol: 'TCP', targetPort: 8888 },
    ];
    this.servicePorts = servicePorts.map((p) => ({ name: p.name, port: p.port, targetPort: String(p.targetPort) }));
    const w = createWorkload(this, {
      name: 'seaweedfs',
      namespace: ns,
      labels: this.podLabels,
      selector: this.podLabels,
      replicas: 1,
      strategy: { type: 'Recreate' },
      serviceAccountName: 'seaweedfs',
      automountToken: false,
      podSpec: {
        containers: [{
          name: 'seaweedfs',
          image: ctx.images.seaweedfs,
          args: ['server', '-dir=/data', '-s3', '-iam', '-filer', '-master.volumePreallocate=false'],
          env: [
            env('accesskey', { secret: ctx.storeAccessKey!.name, key: ctx.storeAccessKey!.key }),
            env('secretkey', { secret: ctx.storeSecretKey!.name, key: ctx.storeSecretKey!.key }),
          ],
          lifecycle: { postStart: { exec: { command: ['/bin/sh', '-c', init] } } },
          livenessProbe: statusProbe({ initialDelaySeconds: 30, periodSeconds: 30, timeoutSeconds: 10 }),
          readinessProbe: statusProbe({ initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 5 }),
          startupProbe: {
            exec: { command: ['/bin/sh', '-c', `test -f /tmp/initialization-complete && echo "s3.bucket.list" | /usr/bin/weed shell | grep -q ${bucket}`] },
            failureThreshold: 24,
            initialDelaySeconds: 10,
            periodSeconds: 5,
            successThreshold: 1,
            timeoutSeconds: 10,
          },
          ports: [{ containerPort: 8333 }, { containerPort: 8111 }, { containerPort: 9333 }, { containerPort: 19333 }, { containerPort: 8888 }],
          resources: resourcesOf(o.resources, { requests: { cpu: '64m', memory: '256Mi' }, limits: { cpu: '2', memory: '2Gi' } }),
          securityContext: restricted(1000, 1000, { privileged: false, readOnlyRootFilesystem: true }),
          volumeMounts: [{ name: 'data', mountPath: '/data' }, tmp.mount],
        }],
        securityContext: podSecurity(1000),
        volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'seaweedfs-pvc' } }, tmp.volume],
      },
      service: { name: 'seaweedfs', ports: servicePorts },
    });
    this.deployment = w.deployment;
    this.service = w.service!;
    this.serviceAccount = w.serviceAccount!;
    this.networkPolicy = new ApiObject(this, 'NetworkPolicy', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta('seaweedfs', ns),
      spec: {
        podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['seaweedfs'] }] },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [{ namespaceSelector: { matchExpressions: [{ key: 'app.kubernetes.io/part-of', operator: 'In', values: ['kubeflow-profile'] }] } }],
            ports: [{ port: 8333 }],
          },
          { from: [{ namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['istio-system'] }] } }] },
          { from: [{ podSelector: {} }], ports: [{ port: 8333 }] },
        ],
      },
    });
  }
}

/** MinIO, as KFP installed it up to 2.14 (`minio` Deployment, `minio-service` Service). */
export class MinioServer extends DataStore {
  public readonly componentName = 'minio';
  public readonly deployment: ApiObject;
  public readonly service: ApiObject;
  public readonly serviceAccount: ApiObject;
  public readonly volumeClaim: ApiObject;
  public readonly podLabels = { app: 'minio' };
  public readonly servicePorts: ComponentPort[] = [{ name: 'http', port: 9000, targetPort: '9000' }];

  constructor(scope: Construct, id: string, ctx: InstallContext) {
    super(scope, id);
    const ns = ctx.namespace;
    const o = ctx.objectStore._options;
    this.volumeClaim = pvcObject(this, 'minio-pvc', ns, storageOf(o), o.storageClassName);
    const w = createWorkload(this, {
      name: 'minio',
      namespace: ns,
      labels: this.podLabels,
      selector: this.podLabels,
      strategy: { type: 'Recreate' },
      serviceAccountName: 'minio',
      automountToken: false,
      podSpec: {
        containers: [{
          name: 'minio',
          image: ctx.images.minio,
          args: ['server', '/data'],
          env: [
            env('MINIO_ACCESS_KEY', { secret: ctx.storeAccessKey!.name, key: ctx.storeAccessKey!.key }),
            env('MINIO_SECRET_KEY', { secret: ctx.storeSecretKey!.name, key: ctx.storeSecretKey!.key }),
          ],
          ports: [{ containerPort: 9000 }],
          resources: resourcesOf(o.resources, { requests: { cpu: '20m', memory: '100Mi' }, limits: { cpu: '1', memory: '1Gi' } }),
          // Writable root, a documented exception (docs/production.md): MinIO RELEASE.2019-08 creates its
          // config and certs directories under $HOME (~/.minio) at start, and where $HOME points in
          // this image can't be checked from its sources. ObjectStore.minio() is for migrations only.
          securityContext: restricted(1000, 0),
          volumeMounts: [{ name: 'data', mountPath: '/data', subPath: 'minio' }],
        }],
        securityContext: podSecurity(1000),
        volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'minio-pvc' } }],
      },
      service: { name: 'minio-service', ports: [{ name: 'http', port: 9000, protocol: 'TCP', targetPort: 9000 }] },
    });
    this.deployment = w.deployment;
    this.service = w.service!;
    this.serviceAccount = w.serviceAccount!;
  }
}
