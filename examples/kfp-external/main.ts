// KFP 2.17.0 on AWS: an external PostgreSQL (e.g. RDS) and S3 reached through IRSA; every
// credential is a reference to a Secret managed outside the manifests (e.g. by External Secrets).
// examples/production adds monitoring, backups, NetworkPolicies and tenants, and sets
// production: true, which checks the whole production checklist at synth.
import { App, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Database, KubeflowPipelines, ObjectStore } from '../../src';

const app = new App();
const chart = new Chart(app, 'kfp-external');

new KubeflowPipelines(chart, 'kfp', {
  namespace: 'kubeflow',
  database: Database.externalPostgres({
    host: 'kfp.cluster-abc123.eu-west-1.rds.amazonaws.com',
    credentials: kplus.Secret.fromSecretName(chart, 'db-credentials', 'kfp-postgres-credentials'),
  }),
  objectStore: ObjectStore.s3({
    bucket: 'acme-kfp-artifacts',
    region: 'eu-west-1',
    serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/kfp-artifacts' },
  }),
  imageRegistry: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/mirror',
  components: {
    apiServer: { replicas: 2 },
    ui: { replicas: 2 },
  },
  cronScheduleTimezone: 'Europe/Paris',
  workflowRetention: Duration.hours(6),
});
app.synth();
