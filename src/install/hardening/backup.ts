/**
 * Scheduled backups of KFP's metadata database (runs, experiments, pipelines, the v1 cache and
 * ML Metadata) to the object store.
 */
import { ApiObject, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { BACKUP_POD_LABELS } from './network-policies';
import { CronError, parseCron } from '../../util/cron';
import { Marker } from '../../util/marker';
import { DatabaseEngine } from '../database';
import { podSecurity, resourcesOf, restricted } from '../internal';
import { IKubeflowPipelines } from '../kubeflow-pipelines-api';
import { ObjectStoreKind } from '../object-store';

/** Options of the metadata backup. */
export interface MetadataBackupOptions {
  /**
   * When backups run: a standard 5-field cron (Kubernetes CronJob syntax) or a descriptor such as `@daily`.
   * @default '0 2 * * *' (02:00 every day)
   */
  readonly schedule?: string;
  /**
   * The time zone of the schedule (IANA name).
   * @default Etc/UTC
   */
  readonly timeZone?: string;
  /**
   * How long backups are kept; older backups are deleted after each successful upload.
   * @default 30 days
   */
  readonly retention?: Duration;
  /**
   * The bucket. Use a bucket with versioning or object lock, ideally in another region or account.
   * @default the install's bucket
   */
  readonly bucket?: string;
  /**
   * The key prefix; each backup goes to `<prefix>/<UTC timestamp>/`.
   * @default backups/metadata
   */
  readonly prefix?: string;
  /**
   * Access keys for the bucket (keys `accessKeyKey`/`secretKeyKey`).
   * @default the install's object store credentials, or the ServiceAccount's cloud identity
   */
  readonly credentials?: kplus.ISecret;
  /** @default accesskey */
  readonly accessKeyKey?: string;
  /** @default secretkey */
  readonly secretKeyKey?: string;
  /**
   * Annotations of the backup ServiceAccount (IRSA, workload identity).
   * @default the install's object store ServiceAccount annotations
   */
  readonly serviceAccountAnnotations?: { [key: string]: string };
  /**
   * Also back up the v1 cache database.
   * @default true
   */
  readonly includeCacheDatabase?: boolean;
  /**
   * Resources of each backup container (dump and upload).
   * @default requests 100m/256Mi, limits 1 CPU/1Gi
   */
  readonly resources?: kplus.ContainerResources;
  /**
   * Size limit of the scratch volume holding the dump before upload.
   * @default 10Gi
   */
  readonly scratchSize?: string;
  /**
   * Give up a backup Job after this long.
   * @default 1 hour
   */
  readonly activeDeadline?: Duration;
}

/** Props of `MetadataBackup`. */
export interface MetadataBackupProps extends MetadataBackupOptions {
  /** The install whose database is backed up. */
  readonly kfp: IKubeflowPipelines;
}

const BACKUP = new Marker('cdk8s-kfp.MetadataBackup');
const TIME_ZONE = /^(UTC|Local|[A-Za-z][A-Za-z_+-]*(\/[A-Za-z0-9_+-]+)+|Etc\/[A-Za-z0-9+-]+)$/;
const QUANTITY = /^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|k|M|G|T)?$/;

/** The name of the backup CronJob. */
export const BACKUP_CRONJOB = 'kfp-metadata-backup';

/**
 * A CronJob that dumps KFP's databases (`mysqldump`, or `pg_dump` in custom format) and uploads
 * them with the AWS CLI to the object store (S3, GCS through its S3 API, or the in-cluster
 * SeaweedFS/MinIO), then deletes backups older than the retention. The Job runs under Pod
 * Security "restricted" with resource requests and limits; the restore procedure is in
 * docs/production.md.
 */
export class MetadataBackup extends Construct {
  /** Whether `x` is a `MetadataBackup`. */
  public static isMetadataBackup(x: any): x is MetadataBackup {
    return BACKUP.has(x);
  }

  /** The install backed up. */
  public readonly kfp: IKubeflowPipelines;
  /** The CronJob. */
  public readonly cronJob: ApiObject;
  /** The ServiceAccount the backup pods run as. */
  public readonly serviceAccount: ApiObject;
  /** The schedule (5-field cron or descriptor). */
  public readonly schedule: string;
  /** How long backups are kept. */
  public readonly retention: Duration;
  /** Where backups go: `s3://<bucket>/<prefix>/`. */
  public readonly destination: string;

  constructor(scope: Construct, id: string, props: MetadataBackupProps) {
    super(scope, id);
    BACKUP.mark(this);
    const where = `MetadataBackup at '${this.node.path}'`;
    const kfp = props?.kfp;
    if (!kfp || typeof kfp.component !== 'function') {
      throw new Error(`${where}: kfp is ${String(kfp)}; expected the KubeflowPipelines install whose database to back up`);
    }
    this.kfp = kfp;
    const schedule = props.schedule ?? '0 2 * * *';
    const scheduleProblem = cronJobScheduleProblem(schedule);
    if (scheduleProblem) throw new Error(`${where}: schedule '${schedule}' is not valid: ${scheduleProblem}`);
    this.schedule = schedule.trim();
    const timeZone = props.timeZone ?? 'Etc/UTC';
    if (typeof timeZone !== 'string' || !TIME_ZONE.test(timeZone)) {
      throw new Error(`${where}: timeZone is '${timeZone}'; expected an IANA time zone name such as 'Etc/UTC' or 'Europe/Paris'`);
    }
    const retention = props.retention ?? Duration.days(30);
    const retentionSeconds = retention.toSeconds({ integral: false });
    if (!(retentionSeconds >= 3600)) {
      throw new Error(`${where}: retention is ${retentionSeconds} seconds; expected how long backups are kept, at least 1 hour (for example Duration.days(30))`);
    }
    this.retention = retention;
    const store = kfp.objectStore;
    const bucket = props.bucket ?? store.bucket;
    if (typeof bucket !== 'string' || !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
      throw new Error(`${where}: bucket is ${JSON.stringify(bucket)}; expected a bucket name (3-63 lowercase letters, digits, '.' and '-')`);
    }
    const prefix = props.prefix ?? 'backups/metadata';
    if (typeof prefix !== 'string' || prefix === '' || /^\/|\/$|\.\.|[\s?#*]/.test(prefix)) {
      throw new Error(`${where}: prefix is ${JSON.stringify(prefix)}; expected a key prefix such as 'backups/metadata' (no leading or trailing '/', no '..', spaces, '?', '#' or '*')`);
    }
    const scratch = props.scratchSize ?? '10Gi';
    if (!QUANTITY.test(scratch)) throw new Error(`${where}: scratchSize is '${scratch}'; expected a quantity such as '10Gi'`);
    const deadline = Math.round((props.activeDeadline ?? Duration.hours(1)).toSeconds({ integral: false }));
    if (!(deadline >= 60)) throw new Error(`${where}: activeDeadline is ${deadline} seconds; expected at least 1 minute`);
    this.destination = `s3://${bucket}/${prefix}/`;

    const ns = kfp.namespace;
    const db = kfp.database;
    const dbSecret = kfp._databaseSecret;
    const postgres = db.engine === DatabaseEngine.POSTGRES;
    const databases = [db.pipelineDatabase, ...(props.includeCacheDatabase ?? true ? [db.cacheDatabase] : []), db.metadataDatabase];

    // Object store access: explicit keys, the install's keys, or the pod's cloud identity.
    let keys: { name: string; accessKeyKey: string; secretKeyKey: string } | undefined;
    if (props.credentials) {
      keys = { name: props.credentials.name, accessKeyKey: props.accessKeyKey ?? 'accesskey', secretKeyKey: props.secretKeyKey ?? 'secretkey' };
    } else {
      keys = kfp._objectStoreKeys;
    }
    const annotations = props.serviceAccountAnnotations ?? store.serviceAccountAnnotations;
    if (!keys && Object.keys(annotations).length === 0) {
      throw new Error(`${where}: the backup has no way to reach the bucket; expected credentials (an ISecret with access keys) or serviceAccountAnnotations for IRSA/workload identity`);
    }
    const ep = store._endpoint(ns);
    let endpointUrl: string | undefined;
    let pathStyle = false;
    if (store.kind === ObjectStoreKind.SEAWEEDFS || store.kind === ObjectStoreKind.MINIO) {
      endpointUrl = `http://${ep.host}:${ep.port}`;
      pathStyle = true;
    } else if (store.kind === ObjectStoreKind.GCS) {
      endpointUrl = 'https://storage.googleapis.com';
    } else if (store._options?.endpoint !== undefined) {
      endpointUrl = `${ep.secure ? 'https' : 'http'}://${ep.host}${ep.port ? `:${ep.port}` : ''}`;
      pathStyle = true;
    }

    this.serviceAccount = new ApiObject(this, 'ServiceAccount', {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: {
        name: BACKUP_CRONJOB,
        namespace: ns,
        labels: { ...BACKUP_POD_LABELS },
        ...(Object.keys(annotations).length ? { annotations: { ...annotations } } : {}),
      },
      automountServiceAccountToken: false,
    });

    const resources = resourcesOf(props.resources, { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } });
    const secretEnv = (name: string, secret: string, key: string) => ({ name, valueFrom: { secretKeyRef: { name: secret, key } } });
    const dbEnv = [
      { name: 'DB_HOST', value: db.host },
      { name: 'DB_PORT', value: String(db.port) },
      { name: 'DATABASES', value: databases.join(' ') },
      secretEnv('DB_USER', dbSecret.name, dbSecret.usernameKey),
      secretEnv(postgres ? 'PGPASSWORD' : 'MYSQL_PWD', dbSecret.name, dbSecret.passwordKey),
    ];
    const dump = {
      name: 'dump',
      image: postgres ? kfp.images.postgresClient : kfp.images.mysql,
      imagePullPolicy: 'IfNotPresent',
      command: ['/bin/sh', '-ec'],
      args: [postgres ? PG_DUMP : MYSQL_DUMP],
      env: dbEnv,
      resources,
      securityContext: restricted(postgres ? 70 : 999, postgres ? 70 : 999, { readOnlyRootFilesystem: true }),
      volumeMounts: [{ name: 'backup', mountPath: '/backup' }, { name: 'tmp', mountPath: '/tmp' }],
    };
    const uploadEnv: any[] = [
      { name: 'BUCKET', value: bucket },
      { name: 'PREFIX', value: prefix },
      { name: 'RETENTION_SECONDS', value: String(Math.round(retentionSeconds)) },
      { name: 'HOME', value: '/tmp' },
      { name: 'AWS_CONFIG_FILE', value: '/tmp/aws-config' },
      // aws-cli >= 2.23 adds checksums that older S3-compatible stores reject; send them only when required.
      { name: 'AWS_REQUEST_CHECKSUM_CALCULATION', value: 'when_required' },
      { name: 'AWS_RESPONSE_CHECKSUM_VALIDATION', value: 'when_required' },
      { name: 'AWS_REGION', value: store.kind === ObjectStoreKind.GCS ? 'auto' : store.region },
      { name: 'S3_PATH_STYLE', value: String(pathStyle) },
    ];
    if (endpointUrl) uploadEnv.push({ name: 'S3_ENDPOINT_URL', value: endpointUrl });
    if (keys) {
      uploadEnv.push(secretEnv('AWS_ACCESS_KEY_ID', keys.name, keys.accessKeyKey), secretEnv('AWS_SECRET_ACCESS_KEY', keys.name, keys.secretKeyKey));
    }
    const upload = {
      name: 'upload',
      image: kfp.images.objectStoreClient,
      imagePullPolicy: 'IfNotPresent',
      command: ['/bin/bash', '-ec'],
      args: [UPLOAD],
      env: uploadEnv,
      resources,
      securityContext: restricted(1000, 1000, { readOnlyRootFilesystem: true }),
      volumeMounts: [{ name: 'backup', mountPath: '/backup' }, { name: 'tmp', mountPath: '/tmp' }],
    };
    const labels = { ...BACKUP_POD_LABELS, 'app.kubernetes.io/part-of': 'kubeflow-pipelines' };
    this.cronJob = new ApiObject(this, 'CronJob', {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: BACKUP_CRONJOB, namespace: ns, labels },
      spec: {
        schedule: this.schedule,
        timeZone,
        concurrencyPolicy: 'Forbid',
        startingDeadlineSeconds: 3600,
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 3,
        jobTemplate: {
          metadata: { labels },
          spec: {
            backoffLimit: 2,
            activeDeadlineSeconds: deadline,
            template: {
              metadata: { labels },
              spec: {
                serviceAccountName: BACKUP_CRONJOB,
                automountServiceAccountToken: false,
                restartPolicy: 'Never',
                securityContext: { ...podSecurity(), fsGroup: 1000, fsGroupChangePolicy: 'OnRootMismatch' },
                initContainers: [dump],
                containers: [upload],
                volumes: [
                  { name: 'backup', emptyDir: { sizeLimit: scratch } },
                  { name: 'tmp', emptyDir: { sizeLimit: '64Mi' } },
                ],
              },
            },
          },
        },
      },
    });
    kfp._annotateForArgoCd(this);
  }
}

/** Why a CronJob schedule is invalid, or `undefined`. */
export function cronJobScheduleProblem(schedule: string): string | undefined {
  if (typeof schedule !== 'string' || schedule.trim() === '') return "it is empty; expected a 5-field cron such as '0 2 * * *'";
  const text = schedule.trim();
  if (/^(TZ|CRON_TZ)=/.test(text)) return 'Kubernetes rejects TZ= in schedules; expected the time zone in timeZone';
  if (text.startsWith('@every')) return "Kubernetes CronJobs take no '@every' interval; expected a 5-field cron or @hourly, @daily, @weekly, @monthly, @yearly";
  if (!text.startsWith('@') && text.split(/\s+/).length !== 5) {
    return "expected 5 fields 'minute hour day-of-month month day-of-week' (for example '0 2 * * *'; Kubernetes CronJobs have no seconds field)";
  }
  try {
    parseCron(text);
    return undefined;
  } catch (e: any) {
    if (e instanceof CronError || e instanceof Error) return e.message;
    return String(e);
  }
}

/** Dumps each database into /backup/<timestamp>/<db>.sql (writable by the upload container). */
const MYSQL_DUMP = [
  'umask 0000',
  'ts=$(date -u +%Y%m%dT%H%M%SZ)',
  'mkdir -p "/backup/$ts"',
  'for db in $DATABASES; do',
  '  echo "dumping $db"',
  '  mysqldump --host="$DB_HOST" --port="$DB_PORT" --user="$DB_USER" --single-transaction --quick --routines --triggers \\',
  '    --no-tablespaces --set-gtid-purged=OFF --databases "$db" > "/backup/$ts/$db.sql"',
  'done',
  'echo "$ts" > /backup/NAME',
  '',
].join('\n');

/** Dumps each database in pg_dump's custom format (compressed; restore with pg_restore). */
const PG_DUMP = [
  'umask 0000',
  'ts=$(date -u +%Y%m%dT%H%M%SZ)',
  'mkdir -p "/backup/$ts"',
  'for db in $DATABASES; do',
  '  echo "dumping $db"',
  '  pg_dump --host="$DB_HOST" --port="$DB_PORT" --username="$DB_USER" --no-password --format=custom --no-owner --no-privileges \\',
  '    --file="/backup/$ts/$db.dump" "$db"',
  'done',
  'echo "$ts" > /backup/NAME',
  '',
].join('\n');

/** Compresses plain SQL dumps, writes checksums, uploads, then applies the retention. */
const UPLOAD = [
  'ts=$(cat /backup/NAME)',
  'cd "/backup/$ts"',
  'for f in *.sql; do [ -e "$f" ] && gzip -9 "$f"; done',
  'sha256sum -- * > SHA256SUMS',
  ': > "$AWS_CONFIG_FILE"',
  'if [ "$S3_PATH_STYLE" = "true" ]; then printf \'[default]\\ns3 =\\n    addressing_style = path\\n\' > "$AWS_CONFIG_FILE"; fi',
  'aws_s3() { if [ -n "${S3_ENDPOINT_URL:-}" ]; then aws --endpoint-url "$S3_ENDPOINT_URL" "$@"; else aws "$@"; fi; }',
  'aws_s3 s3 cp --recursive --only-show-errors "/backup/$ts" "s3://$BUCKET/$PREFIX/$ts/"',
  'echo "uploaded s3://$BUCKET/$PREFIX/$ts/"',
  'cutoff=$(date -u -d "@$(( $(date +%s) - RETENTION_SECONDS ))" +%Y%m%dT%H%M%SZ)',
  'for p in $(aws_s3 s3api list-objects-v2 --bucket "$BUCKET" --prefix "$PREFIX/" --delimiter / --query "CommonPrefixes[].Prefix" --output text); do',
  '  name=${p%/}; name=${name##*/}',
  '  [[ "$name" =~ ^[0-9]{8}T[0-9]{6}Z$ ]] || continue',
  '  if [[ "$name" < "$cutoff" ]]; then',
  '    echo "deleting expired backup $name"',
  '    aws_s3 s3 rm --recursive --only-show-errors "s3://$BUCKET/$PREFIX/$name/"',
  '  fi',
  'done',
  '',
].join('\n');
