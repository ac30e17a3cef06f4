import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { appAndChart, find, productionProps } from './helpers';
import { Database, KubeflowPipelines, Tenant, TenantPipelineRoot, Credentials, CredentialsSource, ExternalSecret, SecretStoreKind, SecretStoreRef } from '../../../src';
import { validateManifests } from '../../util/validate';

describe('Credentials', () => {
  test('fromExternalSecret writes an external-secrets.io/v1beta1 ExternalSecret against a named store, and gives an ISecret', async () => {
    const { chart } = appAndChart();
    const creds = Credentials.fromExternalSecret(chart, 'db', {
      store: SecretStoreRef.vault('vault-backend'),
      namespace: 'kubeflow',
      secretName: 'kfp-db',
      data: [
        { secretKey: 'username', remoteKey: 'kfp/postgres', property: 'username' },
        { secretKey: 'password', remoteKey: 'kfp/postgres', property: 'password', version: '3' },
      ],
      refreshInterval: Duration.minutes(15),
    });
    expect(creds.source).toBe(CredentialsSource.EXTERNAL_SECRET);
    expect(creds.secretName).toBe('kfp-db');
    expect(creds.secret.name).toBe('kfp-db');
    expect(creds.externalSecret?.keys).toEqual(['username', 'password']);
    const objects = chart.toJson();
    const es = find(objects, 'ExternalSecret', 'kfp-db');
    expect(es.apiVersion).toBe('external-secrets.io/v1beta1');
    expect(es.metadata.namespace).toBe('kubeflow');
    expect(es.metadata.annotations['argocd.argoproj.io/sync-wave']).toBe('-4');
    expect(es.spec).toEqual({
      refreshInterval: '15m',
      secretStoreRef: { name: 'vault-backend', kind: 'SecretStore' },
      target: { name: 'kfp-db', creationPolicy: 'Owner' },
      data: [
        { secretKey: 'username', remoteRef: { key: 'kfp/postgres', property: 'username' } },
        { secretKey: 'password', remoteRef: { key: 'kfp/postgres', property: 'password', version: '3' } },
      ],
    });
    // No Secret is written: External Secrets Operator creates it.
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    await validateManifests(objects);
  });

  test('one abstraction for Vault, AWS Secrets Manager and GCP Secret Manager stores, namespaced or cluster-wide', async () => {
    const { chart } = appAndChart();
    const stores = [
      SecretStoreRef.vault('vault', { clusterWide: true }),
      SecretStoreRef.awsSecretsManager('aws-sm'),
      SecretStoreRef.gcpSecretManager('gcp-sm', { clusterWide: true }),
      SecretStoreRef.secretStore('other'),
      SecretStoreRef.clusterSecretStore('other-cluster'),
    ];
    expect(stores.map((s) => [s.provider, s.kind])).toEqual([
      ['vault', SecretStoreKind.CLUSTER_SECRET_STORE],
      ['aws-secrets-manager', SecretStoreKind.SECRET_STORE],
      ['gcp-secret-manager', SecretStoreKind.CLUSTER_SECRET_STORE],
      ['other', SecretStoreKind.SECRET_STORE],
      ['other', SecretStoreKind.CLUSTER_SECRET_STORE],
    ]);
    stores.forEach((store, i) => Credentials.fromExternalSecret(chart, `c${i}`, { store, namespace: 'kubeflow', extract: 'kfp/all' }));
    const objects = chart.toJson();
    expect(objects.map((o) => o.spec.secretStoreRef)).toEqual(stores.map((s) => ({ name: s.name, kind: s.kind })));
    expect(objects[0].spec.dataFrom).toEqual([{ extract: { key: 'kfp/all' } }]);
    await validateManifests(objects);
  });

  test('fromSecret and fromSecretName reference existing Secrets; sourceOf tells literal data apart', () => {
    const { chart } = appAndChart();
    const existing = Credentials.fromSecretName(chart, 'existing', 'kfp-db');
    expect(existing.source).toBe(CredentialsSource.EXISTING_SECRET);
    expect(Credentials.fromSecret(kplus.Secret.fromSecretName(chart, 'ref', 'x')).source).toBe(CredentialsSource.EXISTING_SECRET);
    const literal = new kplus.Secret(chart, 'literal', { stringData: { password: 'hunter2' } });
    expect(Credentials.fromSecret(literal).source).toBe(CredentialsSource.LITERAL);
    expect(Credentials.sourceOf(Credentials.fromExternalSecret(chart, 'es', { store: SecretStoreRef.vault('v'), namespace: 'ns', extract: 'k' }).secret))
      .toBe(CredentialsSource.EXTERNAL_SECRET);
  });

  test("the install's dev credentials are the literal form, and production mode refuses them", () => {
    const { chart } = appAndChart();
    const kfp = new KubeflowPipelines(chart, 'kfp');
    expect(Credentials.sourceOf(kfp.devCredentials!)).toBe(CredentialsSource.LITERAL);
    expect(find(chart.toJson(), 'Secret', 'kfp-dev-credentials').stringData).toEqual({ accesskey: 'minio', secretkey: 'minio123', username: 'root', password: '' });
  });

  test('wires into the database credentials of a production install', () => {
    const { chart } = appAndChart();
    const db = Credentials.fromExternalSecret(chart, 'db', {
      store: SecretStoreRef.awsSecretsManager('aws', { clusterWide: true }),
      namespace: 'kubeflow',
      secretName: 'kfp-db',
      data: [{ secretKey: 'user', remoteKey: 'prod/kfp', property: 'user' }, { secretKey: 'pass', remoteKey: 'prod/kfp', property: 'pass' }],
    });
    new KubeflowPipelines(chart, 'kfp', productionProps(chart, {
      database: Database.externalPostgres({ host: 'db.example.com', credentials: db.secret, usernameKey: 'user', passwordKey: 'pass' }),
    }));
    const api = find(chart.toJson(), 'Deployment', 'ml-pipeline').spec.template.spec.containers[0];
    expect(api.env.find((e: any) => e.name === 'DBCONFIG_POSTGRESQLCONFIG_PASSWORD').valueFrom.secretKeyRef).toEqual({ name: 'kfp-db', key: 'pass' });
  });

  test('a Tenant takes the ISecret unchanged: kfp-launcher names it and the runner may read only it', async () => {
    const { chart } = appAndChart();
    const keys = Credentials.fromExternalSecret(chart, 'team-s3', {
      store: SecretStoreRef.vault('vault', { clusterWide: true }),
      namespace: 'team-a',
      secretName: 'team-a-s3',
      data: [
        { secretKey: 'AWS_ACCESS_KEY_ID', remoteKey: 'teams/a/s3', property: 'id' },
        { secretKey: 'AWS_SECRET_ACCESS_KEY', remoteKey: 'teams/a/s3', property: 'secret' },
      ],
    });
    const tenant = new Tenant(chart, 'team-a', {
      quota: { cpu: '8', memory: '32Gi' },
      pipelineRoot: TenantPipelineRoot.s3({ bucket: 'team-a', region: 'eu-west-1', credentials: keys.secret }),
    });
    const objects = chart.toJson();
    expect(find(objects, 'ConfigMap', 'kfp-launcher').data.providers).toMatch(/secretName: team-a-s3/);
    expect(tenant.runnerRules.find((r) => r.resources.includes('secrets'))?.resourceNames).toEqual(['team-a-s3']);
    await validateManifests(objects);
  });

  test("a Tenant refuses an ExternalSecret in another namespace (its check reads the ISecret's metadata)", () => {
    const { chart } = appAndChart();
    const keys = Credentials.fromExternalSecret(chart, 'wrong', { store: SecretStoreRef.vault('vault'), namespace: 'kubeflow', extract: 'teams/a/s3' });
    expect(() => new Tenant(chart, 'team-a', {
      quota: { cpu: '8', memory: '32Gi' },
      pipelineRoot: TenantPipelineRoot.s3({ bucket: 'team-a', region: 'eu-west-1', credentials: keys.secret }),
    })).toThrow("prod/team-a: pipelineRoot credentials Secret 'wrong' is in namespace 'kubeflow' (expected namespace 'team-a': KFP launchers read it from the run's namespace)");
  });

  test('the ExternalSecret is an ISecret cdk8s-plus accepts (env values, RBAC)', () => {
    const { chart } = appAndChart();
    const es = new ExternalSecret(chart, 'es', { store: SecretStoreRef.vault('v'), namespace: 'apps', secretName: 'app-secret', extract: 'apps/x' });
    const role = new kplus.Role(chart, 'role', { metadata: { namespace: 'apps' } });
    role.allowRead(es);
    const deployment = new kplus.Deployment(chart, 'd', { containers: [{ image: 'nginx:1.27', envVariables: { TOKEN: es.envValue('token') } }] });
    const objects = chart.toJson();
    expect(find(objects, 'Role', role.name).rules).toContainEqual(expect.objectContaining({ resources: ['secrets'], resourceNames: ['app-secret'] }));
    expect(find(objects, 'Deployment', deployment.name).spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef).toEqual({ key: 'token', name: 'app-secret' });
  });
});

describe('Credentials: bad input fails with a clear message', () => {
  const { chart } = appAndChart();

  test('an ExternalSecret with no store', () => {
    expect(() => Credentials.fromExternalSecret(chart, 'nostore', { namespace: 'kubeflow', extract: 'kfp/db' } as any)).toThrow(
      "ExternalSecret at 'prod/nostore': store is undefined; expected a named store such as SecretStoreRef.vault('vault-backend'), SecretStoreRef.awsSecretsManager('aws', { clusterWide: true }) or SecretStoreRef.gcpSecretManager('gcp')",
    );
  });

  test('a store with an empty name', () => {
    expect(() => Credentials.fromExternalSecret(chart, 'noname', { store: SecretStoreRef.vault(''), namespace: 'kubeflow', extract: 'kfp/db' })).toThrow(
      "ExternalSecret at 'prod/noname': store name is \"\"; expected the name of a SecretStore (a DNS subdomain such as 'vault-backend')",
    );
  });

  test('nothing to read', () => {
    expect(() => Credentials.fromExternalSecret(chart, 'empty', { store: SecretStoreRef.vault('v'), namespace: 'kubeflow' })).toThrow(
      "ExternalSecret at 'prod/empty': neither data nor extract is set; expected the keys to read",
    );
  });

  test('a key twice, a bad key, no remote key, a bad namespace', () => {
    const store = SecretStoreRef.vault('v');
    expect(() => Credentials.fromExternalSecret(chart, 'dup', { store, namespace: 'kubeflow', data: [{ secretKey: 'a', remoteKey: 'x' }, { secretKey: 'a', remoteKey: 'y' }] }))
      .toThrow("ExternalSecret at 'prod/dup': data has the key 'a' twice; expected each key once");
    expect(() => Credentials.fromExternalSecret(chart, 'badkey', { store, namespace: 'kubeflow', data: [{ secretKey: 'a b', remoteKey: 'x' }] }))
      .toThrow("ExternalSecret at 'prod/badkey': data[0].secretKey is \"a b\"; expected a Secret key");
    expect(() => Credentials.fromExternalSecret(chart, 'noremote', { store, namespace: 'kubeflow', data: [{ secretKey: 'a', remoteKey: ' ' }] }))
      .toThrow("ExternalSecret at 'prod/noremote': data[0].remoteKey is \" \"; expected the remote secret");
    expect(() => Credentials.fromExternalSecret(chart, 'badns', { store, namespace: 'Kube_Flow', extract: 'x' }))
      .toThrow("ExternalSecret at 'prod/badns': namespace is \"Kube_Flow\"; expected the namespace of the pods that read the Secret (a DNS label)");
  });

  test('fromSecret without a Secret', () => {
    expect(() => Credentials.fromSecret(undefined as any)).toThrow("Credentials.fromSecret: secret is undefined; expected an ISecret such as Secret.fromSecretName(scope, 'db', 'kfp-db')");
  });
});
