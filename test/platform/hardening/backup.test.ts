import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { appAndChart, find, install, podOf } from './helpers';
import { Database, KubeflowPipelines, ObjectStore, MetadataBackup, PodSecurityAudit } from '../../../src';
import { CERT_MANAGER_CRDS } from '../../install/helpers';
import { tempDir } from '../../util/tmp';
import { validateManifests } from '../../util/validate';

const envOf = (c: any, name: string) => c.env.find((e: any) => e.name === name);

describe('MetadataBackup: MySQL in the cluster, SeaweedFS', () => {
  const { objects } = install({ backup: {} });
  const cron = find(objects, 'CronJob', 'kfp-metadata-backup');
  const pod = podOf(cron);
  const [dump] = pod.initContainers;
  const [upload] = pod.containers;

  test('a daily CronJob that never overlaps, keeps a short history and gives up after an hour', () => {
    expect(cron.metadata.namespace).toBe('kubeflow');
    expect(cron.spec).toMatchObject({
      schedule: '0 2 * * *', timeZone: 'Etc/UTC', concurrencyPolicy: 'Forbid', successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 3,
    });
    expect(cron.spec.jobTemplate.spec).toMatchObject({ backoffLimit: 2, activeDeadlineSeconds: 3600 });
    expect(pod.restartPolicy).toBe('Never');
  });

  test('mysqldump of the three databases with the install credentials, then an upload with the AWS CLI', () => {
    expect(dump.image).toBe('mysql:8.4');
    expect(dump.args[0]).toContain('mysqldump --host="$DB_HOST" --port="$DB_PORT" --user="$DB_USER" --single-transaction');
    expect(envOf(dump, 'DATABASES').value).toBe('mlpipeline cachedb metadb');
    expect(envOf(dump, 'DB_HOST').value).toBe('mysql');
    expect(envOf(dump, 'MYSQL_PWD').valueFrom.secretKeyRef).toEqual({ name: 'kfp-dev-credentials', key: 'password' });
    expect(upload.image).toBe('amazon/aws-cli:2.32.8');
    expect(envOf(upload, 'S3_ENDPOINT_URL').value).toBe('http://seaweedfs.kubeflow:9000');
    expect(envOf(upload, 'S3_PATH_STYLE').value).toBe('true');
    expect(envOf(upload, 'BUCKET').value).toBe('mlpipeline');
    expect(envOf(upload, 'PREFIX').value).toBe('backups/metadata');
    expect(envOf(upload, 'RETENTION_SECONDS').value).toBe(String(30 * 86400));
    expect(envOf(upload, 'AWS_ACCESS_KEY_ID').valueFrom.secretKeyRef).toEqual({ name: 'kfp-dev-credentials', key: 'accesskey' });
  });

  test('runs under Pod Security "restricted", read-only root filesystems, with requests and limits', () => {
    expect(PodSecurityAudit.ofObjects([cron]).workloads[0].status).toBe('compliant');
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.automountServiceAccountToken).toBe(false);
    for (const c of [dump, upload]) {
      expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true, runAsNonRoot: true });
      expect(c.resources).toEqual({ requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } });
    }
    expect(dump.securityContext.runAsUser).toBe(999);
    expect(upload.securityContext.runAsUser).toBe(1000);
  });

  test('every object is schema-valid', async () => {
    await validateManifests(objects, { crds: CERT_MANAGER_CRDS });
  });
});

describe('MetadataBackup: external PostgreSQL and S3 through IRSA', () => {
  const arn = 'arn:aws:iam::123456789012:role/kfp';
  const { objects } = install(undefined, (chart) => ({
    database: Database.externalPostgres({ host: 'kfp.db.example.com', credentials: kplus.Secret.fromSecretName(chart, 'db', 'kfp-db'), usernameKey: 'user', passwordKey: 'pass' }),
    objectStore: ObjectStore.s3({ bucket: 'acme-kfp', region: 'eu-west-1', serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': arn } }),
    backup: { schedule: '@daily', timeZone: 'Europe/Paris', retention: Duration.days(7), bucket: 'acme-kfp-backups', prefix: 'kfp/metadata', includeCacheDatabase: false },
  }));
  const cron = find(objects, 'CronJob', 'kfp-metadata-backup');
  const pod = podOf(cron);
  const [dump] = pod.initContainers;
  const [upload] = pod.containers;

  test('pg_dump (custom format) from a pinned postgres:16-alpine, running as the image user 70', () => {
    expect(dump.image).toBe('postgres:16-alpine');
    expect(dump.args[0]).toContain('pg_dump --host="$DB_HOST" --port="$DB_PORT" --username="$DB_USER" --no-password --format=custom');
    expect(envOf(dump, 'PGPASSWORD').valueFrom.secretKeyRef).toEqual({ name: 'kfp-db', key: 'pass' });
    expect(envOf(dump, 'DB_USER').valueFrom.secretKeyRef).toEqual({ name: 'kfp-db', key: 'user' });
    expect(envOf(dump, 'DATABASES').value).toBe('mlpipeline metadb');
    expect(dump.securityContext.runAsUser).toBe(70);
  });

  test('uploads with the IRSA role of its own ServiceAccount; no keys, no endpoint override', () => {
    expect(find(objects, 'ServiceAccount', 'kfp-metadata-backup').metadata.annotations['eks.amazonaws.com/role-arn']).toBe(arn);
    expect(pod.serviceAccountName).toBe('kfp-metadata-backup');
    expect(envOf(upload, 'AWS_ACCESS_KEY_ID')).toBeUndefined();
    expect(envOf(upload, 'S3_ENDPOINT_URL')).toBeUndefined();
    expect(envOf(upload, 'AWS_REGION').value).toBe('eu-west-1');
    expect(envOf(upload, 'BUCKET').value).toBe('acme-kfp-backups');
    expect(cron.spec).toMatchObject({ schedule: '@daily', timeZone: 'Europe/Paris' });
  });
});

describe('MetadataBackup: the scripts, run against fake database and S3 clients', () => {
  const { objects } = install({ backup: { retention: Duration.days(30) } });
  const pod = podOf(find(objects, 'CronJob', 'kfp-metadata-backup'));
  const dumpScript: string = pod.initContainers[0].args[0];
  const uploadScript: string = pod.containers[0].args[0];

  function sandbox(): { dir: string; bin: string; backup: string; s3: string; env: NodeJS.ProcessEnv } {
    const dir = tempDir('kfp-backup-');
    const bin = path.join(dir, 'bin');
    const backup = path.join(dir, 'backup');
    const s3 = path.join(dir, 's3');
    fs.mkdirSync(bin);
    fs.mkdirSync(backup);
    fs.mkdirSync(s3);
    fs.writeFileSync(path.join(bin, 'mysqldump'), '#!/bin/sh\nfor a in "$@"; do last="$a"; done\necho "-- dump of $last as $DB_USER with password ${MYSQL_PWD:-none}"\n', { mode: 0o755 });
    // A fake `aws`: s3 cp --recursive, s3 rm --recursive, s3api list-objects-v2 against a directory.
    fs.writeFileSync(path.join(bin, 'aws'), [
      '#!/bin/bash',
      'set -e',
      'echo "aws $*" >> "$FAKE_S3/calls.log"',
      'if [ "$1" = "--endpoint-url" ]; then shift 2; fi',
      'to_dir() { local u="${1#s3://}"; echo "$FAKE_S3/$u"; }',
      'case "$1 $2" in',
      '  "s3 cp") src="$5"; dst=$(to_dir "$6"); mkdir -p "$dst"; cp -r "$src"/. "$dst" ;;',
      '  "s3 rm") rm -rf "$(to_dir "$5")" ;;',
      '  "s3api list-objects-v2")',
      '    bucket="$4"; prefix="$6"; out=""',
      '    for d in "$FAKE_S3/$bucket/$prefix"*/; do [ -d "$d" ] || continue; n="${d%/}"; n="${n##*/}"; out="$out${out:+	}$prefix$n/"; done',
      '    echo "${out:-None}" ;;',
      '  *) echo "unexpected aws call: $*" >&2; exit 1 ;;',
      'esac',
      '',
    ].join('\n'), { mode: 0o755 });
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, FAKE_S3: s3 };
    return { dir, bin, backup, s3, env };
  }
  const local = (script: string, backup: string) => script.split('/backup').join(backup);

  test('dump then upload: every database lands in s3://<bucket>/<prefix>/<UTC timestamp>/ with checksums; backups past the retention are deleted', () => {
    const sb = sandbox();
    const env = {
      ...sb.env,
      DB_HOST: 'mysql',
      DB_PORT: '3306',
      DB_USER: 'root',
      MYSQL_PWD: 's3cret',
      DATABASES: 'mlpipeline cachedb metadb',
      BUCKET: 'mlpipeline',
      PREFIX: 'backups/metadata',
      RETENTION_SECONDS: String(30 * 86400),
      HOME: sb.dir,
      AWS_CONFIG_FILE: path.join(sb.dir, 'aws-config'),
      S3_PATH_STYLE: 'true',
      S3_ENDPOINT_URL: 'http://seaweedfs.kubeflow:9000',
    };
    // Two old backups (one expired, one recent) and an unrelated key.
    const root = path.join(sb.s3, 'mlpipeline', 'backups', 'metadata');
    const recent = new Date(Date.now() - 2 * 86400e3).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    for (const name of ['20200101T020000Z', recent, 'notes']) fs.mkdirSync(path.join(root, name), { recursive: true });
    execFileSync('/bin/sh', ['-ec', local(dumpScript, sb.backup)], { env });
    execFileSync('/bin/bash', ['-ec', local(uploadScript, sb.backup)], { env });

    const names = fs.readdirSync(root).sort();
    expect(names).not.toContain('20200101T020000Z');
    expect(names).toContain(recent);
    expect(names).toContain('notes');
    const fresh = names.filter((n) => /^\d{8}T\d{6}Z$/.test(n) && n !== recent);
    expect(fresh).toHaveLength(1);
    const files = fs.readdirSync(path.join(root, fresh[0])).sort();
    expect(files).toEqual(['SHA256SUMS', 'cachedb.sql.gz', 'metadb.sql.gz', 'mlpipeline.sql.gz']);
    const sql = execFileSync('gzip', ['-dc', path.join(root, fresh[0], 'metadb.sql.gz')]).toString();
    expect(sql).toBe('-- dump of metadb as root with password s3cret\n');
    expect(fs.readFileSync(path.join(root, fresh[0], 'SHA256SUMS'), 'utf8')).toMatch(/^[0-9a-f]{64} {2}cachedb\.sql\.gz$/m);
    expect(fs.readFileSync(path.join(sb.s3, 'calls.log'), 'utf8').split('\n')[0]).toMatch(/^aws --endpoint-url http:\/\/seaweedfs\.kubeflow:9000 s3 cp --recursive/);
    expect(fs.readFileSync(env.AWS_CONFIG_FILE, 'utf8')).toBe('[default]\ns3 =\n    addressing_style = path\n');
  });

  test('a failing dump fails the Job before anything is uploaded', () => {
    const sb = sandbox();
    fs.writeFileSync(path.join(sb.bin, 'mysqldump'), '#!/bin/sh\necho "Access denied" >&2\nexit 2\n', { mode: 0o755 });
    const env = { ...sb.env, DATABASES: 'mlpipeline', DB_HOST: 'mysql', DB_PORT: '3306', DB_USER: 'root' };
    expect(() => execFileSync('/bin/sh', ['-ec', local(dumpScript, sb.backup)], { env, stdio: 'pipe' })).toThrow();
    expect(fs.existsSync(path.join(sb.backup, 'NAME'))).toBe(false);
  });
});

describe('MetadataBackup: bad input fails with a clear message', () => {
  const { chart } = appAndChart();
  const kfp = new KubeflowPipelines(chart, 'kfp');

  test('an invalid cron', () => {
    expect(() => new MetadataBackup(chart, 'b1', { kfp, schedule: '0 25 * * *' })).toThrow(
      "MetadataBackup at 'prod/b1': schedule '0 25 * * *' is not valid: ");
    expect(() => new MetadataBackup(chart, 'b1b', { kfp, schedule: '0 0 2 * * *' })).toThrow(
      "MetadataBackup at 'prod/b1b': schedule '0 0 2 * * *' is not valid: expected 5 fields 'minute hour day-of-month month day-of-week' (for example '0 2 * * *'; Kubernetes CronJobs have no seconds field)");
    expect(() => new MetadataBackup(chart, 'b1c', { kfp, schedule: '@every 1h' })).toThrow(
      "MetadataBackup at 'prod/b1c': schedule '@every 1h' is not valid: Kubernetes CronJobs take no '@every' interval");
    expect(() => new MetadataBackup(chart, 'b1d', { kfp, schedule: 'daily' })).toThrow("MetadataBackup at 'prod/b1d': schedule 'daily' is not valid: expected 5 fields");
  });

  test('a retention of 0', () => {
    expect(() => new MetadataBackup(chart, 'b2', { kfp, retention: Duration.days(0) })).toThrow(
      "MetadataBackup at 'prod/b2': retention is 0 seconds; expected how long backups are kept, at least 1 hour (for example Duration.days(30))");
  });

  test('a bad time zone, bucket, prefix and scratch size', () => {
    expect(() => new MetadataBackup(chart, 'b3', { kfp, timeZone: 'Paris' })).toThrow(
      "MetadataBackup at 'prod/b3': timeZone is 'Paris'; expected an IANA time zone name such as 'Etc/UTC' or 'Europe/Paris'");
    expect(() => new MetadataBackup(chart, 'b4', { kfp, bucket: 'Bad_Bucket' })).toThrow(
      "MetadataBackup at 'prod/b4': bucket is \"Bad_Bucket\"; expected a bucket name (3-63 lowercase letters, digits, '.' and '-')");
    expect(() => new MetadataBackup(chart, 'b5', { kfp, prefix: '/backups/' })).toThrow(
      "MetadataBackup at 'prod/b5': prefix is \"/backups/\"; expected a key prefix such as 'backups/metadata'");
    expect(() => new MetadataBackup(chart, 'b6', { kfp, scratchSize: 'lots' })).toThrow("MetadataBackup at 'prod/b6': scratchSize is 'lots'; expected a quantity such as '10Gi'");
  });

  test('no way to reach the bucket', () => {
    const { chart: c2 } = appAndChart();
    const kfp2 = new KubeflowPipelines(c2, 'kfp', {
      database: Database.externalMysql({ host: 'db', credentials: kplus.Secret.fromSecretName(c2, 'db', 'kfp-db') }),
      objectStore: ObjectStore.s3({ bucket: 'acme', region: 'eu-west-1', serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': 'arn' } }),
    });
    expect(() => new MetadataBackup(c2, 'b7', { kfp: kfp2, serviceAccountAnnotations: {} })).toThrow(
      "MetadataBackup at 'prod/b7': the backup has no way to reach the bucket; expected credentials (an ISecret with access keys) or serviceAccountAnnotations for IRSA/workload identity");
  });
});
