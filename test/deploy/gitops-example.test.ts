import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { FakeKfp } from './fake-kfp';
import { tmpDir } from './helpers';
import { buildGitopsApp } from '../../examples/gitops/app';
import { VersionLock } from '../../src/deploy/version-lock';
import { validateManifests } from '../util/validate';

function synth(version?: string): any[] {
  const app = Testing.app();
  const chart = buildGitopsApp(app, { versionLock: VersionLock.fromFile(path.join(tmpDir(), 'lock.json'), { frozen: false }), version });
  app.synth();
  return Testing.synth(chart);
}

describe('examples/gitops', () => {
  test('publishes the quickstart pipeline and schedules it nightly at 02:00; every object is schema-valid', async () => {
    const objects = synth();
    expect(objects.map((o) => o.kind)).toEqual(['Pipeline', 'PipelineVersion', 'ServiceAccount', 'ConfigMap', 'Job', 'CronJob']);
    const [pipeline, version] = objects;
    expect(pipeline.metadata).toEqual({ name: 'gitops-quickstart', namespace: 'kubeflow' });
    expect(version.metadata.name).toMatch(/^gitops-quickstart-sha-[0-9a-f]{12}$/);
    expect(version.spec.pipelineSpec.pipelineInfo.name).toBe('gitops-quickstart');
    expect(version.spec.pipelineSpec.root.inputDefinitions.parameters.n_estimators.parameterType).toBe('NUMBER_INTEGER');
    const config = JSON.parse(objects[3].data['config.json']);
    expect(config.recurringRuns).toHaveLength(1);
    expect(config.recurringRuns[0]).toMatchObject({
      name: 'quickstart-nightly',
      pipelineName: 'gitops-quickstart',
      experiment: 'quickstart-nightly',
      trigger: { cron_schedule: { cron: '0 0 2 * * *' } },
      parameters: { n_estimators: 300, accuracy_threshold: 0.92 },
      maxConcurrency: 1,
      noCatchup: true,
      enabled: true,
    });
    await validateManifests(objects);
  });

  test('a git tag names the version', () => {
    const objects = synth('v1.4.0');
    expect(objects[1].metadata.name).toBe('gitops-quickstart-v1.4.0');
    expect(objects[1].spec.versionName).toBe('v1.4.0');
  });

  test('the committed lock file is a valid lock file (content-hash versions need no entry in CI)', () => {
    const lock = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'gitops', 'kfp-versions.lock.json'), 'utf8'));
    expect(lock.lockfileVersion).toBe(1);
    expect(Object.keys(lock.pipelines)).toEqual(['kubeflow/gitops-quickstart']);
    const app = Testing.app();
    buildGitopsApp(app, { versionLock: VersionLock.fromFile(path.join(__dirname, '..', '..', 'examples', 'gitops', 'kfp-versions.lock.json'), { frozen: true }) });
    expect(() => app.synth()).not.toThrow();
  });

  test('its reconciler script creates the nightly recurring run in a (fake) KFP', async () => {
    const objects = synth();
    const dir = tmpDir();
    for (const [file, text] of Object.entries(objects[3].data)) fs.writeFileSync(path.join(dir, file), text as string);
    const fake = new FakeKfp();
    const url = await fake.start();
    try {
      fake.addPipeline('gitops-quickstart', [objects[1].spec.versionName]);
      const code = await new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, [path.join(dir, 'reconcile.js')], {
          env: { PATH: process.env.PATH ?? '', KFP_API_URL: url, KFP_RECONCILER_CONFIG: path.join(dir, 'config.json') },
          stdio: 'ignore',
        });
        child.on('close', resolve);
      });
      expect(code).toBe(0);
      expect(fake.recurringRuns).toHaveLength(1);
      expect(fake.recurringRuns[0]).toMatchObject({
        display_name: 'quickstart-nightly',
        trigger: { cron_schedule: { cron: '0 0 2 * * *' } },
        mode: 'ENABLE',
        service_account: 'pipeline-runner',
      });
      expect(fake.experiments.map((e) => e.display_name)).toEqual(['quickstart-nightly']);
    } finally {
      await fake.stop();
    }
  });
});
