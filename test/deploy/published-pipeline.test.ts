import * as fs from 'fs';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';
import { appAndChart, goldensDir, kubernetesPipeline, synthApp, synthError, tmpDir, typedPipeline } from './helpers';
import { PublishedPipeline } from '../../src/deploy/published-pipeline';
import { VersionLock } from '../../src/deploy/version-lock';
import { CompiledPipeline } from '../../src/pipeline/source';
import { describeConformance, printScore, ref } from '../conformance/reference';
import { validateManifests } from '../util/validate';

function lockIn(dir: string, frozen = false): VersionLock {
  return VersionLock.fromFile(path.join(dir, 'kfp-versions.lock.json'), { frozen });
}

function readLock(dir: string): any {
  return JSON.parse(fs.readFileSync(path.join(dir, 'kfp-versions.lock.json'), 'utf8'));
}

describe('PublishedPipeline objects', () => {
  test('publishes a Pipeline and a PipelineVersion whose spec is the IR', async () => {
    const dir = tmpDir();
    const { app, chart } = appAndChart();
    const pipeline = typedPipeline();
    new PublishedPipeline(chart, 'typed', {
      pipeline,
      version: 'v1.2.0',
      displayName: 'Typed pipeline',
      tags: { team: 'ml' },
      codeSourceUrl: 'https://git.example.com/ml/pipelines/tree/v1.2.0',
      versionLock: lockIn(dir),
    });
    const objects = synthApp(app);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Pipeline/typed-pipeline', 'PipelineVersion/typed-pipeline-v1.2.0']);
    const [p, v] = objects;
    expect(p).toEqual({
      apiVersion: 'pipelines.kubeflow.org/v2beta1',
      kind: 'Pipeline',
      metadata: { name: 'typed-pipeline', namespace: 'kubeflow' },
      spec: { displayName: 'Typed pipeline', description: 'A pipeline with typed inputs', tags: { team: 'ml' } },
    });
    expect(v.metadata.namespace).toBe('kubeflow');
    expect(v.metadata.annotations).toEqual({
      'argocd.argoproj.io/sync-wave': '1',
      'argocd.argoproj.io/sync-options': 'Prune=false',
      'cdk8s-kfp.io/spec-hash': expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    });
    expect(v.spec).toEqual({
      pipelineName: 'typed-pipeline',
      versionName: 'v1.2.0',
      displayName: 'Typed pipeline v1.2.0',
      description: 'A pipeline with typed inputs',
      codeSourceURL: 'https://git.example.com/ml/pipelines/tree/v1.2.0',
      tags: { team: 'ml' },
      pipelineSpec: pipeline.toIr(),
    });
    await validateManifests(objects);
  });

  test('a pipeline with a platform spec keeps it in spec.platformSpec', async () => {
    const dir = tmpDir();
    const { app, chart } = appAndChart();
    const pipeline = kubernetesPipeline();
    new PublishedPipeline(chart, 'p', { pipeline, version: '1.0.0', versionLock: lockIn(dir) });
    const objects = synthApp(app);
    expect(objects[1].spec.platformSpec).toEqual(pipeline.toPlatformSpec());
    expect(objects[1].spec.platformSpec.platforms.kubernetes).toBeDefined();
    await validateManifests(objects);
  });

  test('without a version, the name is the content hash and is stable across key order', () => {
    const dir = tmpDir();
    const a = appAndChart();
    const p1 = new PublishedPipeline(a.chart, 'p', { pipeline: typedPipeline(), versionLock: lockIn(dir) });
    expect(p1.versionName).toMatch(/^sha-[0-9a-f]{12}$/);
    expect(p1.versionObject.name).toBe(`typed-pipeline-${p1.versionName}`);
    // Same IR with keys in another order hashes the same.
    const ir = typedPipeline().toIr();
    const reordered = CompiledPipeline.fromObjects(Object.fromEntries(Object.entries(ir).reverse()));
    const b = appAndChart();
    const p2 = new PublishedPipeline(b.chart, 'p', { pipeline: reordered, versionLock: lockIn(dir) });
    expect(p2.versionName).toBe(p1.versionName);
    expect(p2.specHash).toBe(p1.specHash);
    // Another spec, another name; and a new code source URL is a new (immutable) version too.
    const c = appAndChart();
    const p3 = new PublishedPipeline(c.chart, 'p', { pipeline: typedPipeline('typed-pipeline', { sdkVersion: 'kfp-2.15.0' }), versionLock: lockIn(dir) });
    expect(p3.versionName).not.toBe(p1.versionName);
    const d = appAndChart();
    const p4 = new PublishedPipeline(d.chart, 'p', { pipeline: typedPipeline(), codeSourceUrl: 'https://x/y', versionLock: lockIn(dir) });
    expect(p4.versionName).not.toBe(p1.versionName);
    expect(p4.specHash).toBe(p1.specHash);
  });

  test('name, namespace, versionDisplayName, syncWave and retainVersions: false', () => {
    const dir = tmpDir();
    const { app, chart } = appAndChart();
    new PublishedPipeline(chart, 'p', {
      pipeline: typedPipeline(),
      name: 'typed',
      namespace: 'team-a',
      version: 'typed',
      versionDisplayName: 'First',
      syncWave: 5,
      retainVersions: false,
      versionLock: lockIn(dir),
    });
    const [p, v] = synthApp(app);
    expect(p.metadata).toEqual({ name: 'typed', namespace: 'team-a', annotations: { 'argocd.argoproj.io/sync-wave': '5' } });
    // A version named like its pipeline keeps the bare name, as KFP's REST API does.
    expect(v.metadata.name).toBe('typed');
    expect(v.metadata.annotations['argocd.argoproj.io/sync-wave']).toBe('6');
    expect(v.metadata.annotations['argocd.argoproj.io/sync-options']).toBeUndefined();
    expect(v.spec.displayName).toBe('First');
  });

  test('is an IPipelineSource that delegates to the pipeline', () => {
    const { chart } = appAndChart();
    const pipeline = typedPipeline();
    const published = new PublishedPipeline(chart, 'p', { pipeline, version: 'v1', versionLock: lockIn(tmpDir()) });
    expect(published.pipelineName).toBe('typed-pipeline');
    expect(published.toIr()).toEqual(pipeline.toIr());
    expect(published.toPlatformSpec()).toBeUndefined();
    expect(PublishedPipeline.isPublishedPipeline(published)).toBe(true);
    expect(PublishedPipeline.isPublishedPipeline(pipeline)).toBe(false);
  });
});

describe('PublishedPipeline bad input', () => {
  const lock = () => lockIn(tmpDir());
  test('an invalid version name, with a suggestion', () => {
    const { chart } = appAndChart();
    expect(() => new PublishedPipeline(chart, 'p', { pipeline: typedPipeline(), version: 'Release/V1.2_0', versionLock: lock() }))
      .toThrow("PublishedPipeline 'test/p': version 'Release/V1.2_0' is not a valid KFP version name; expected lowercase letters, digits, " +
        "'.' and '-', starting and ending with a letter or digit, at most 253 characters (for example 'release-v1.2-0')");
  });
  test('an invalid pipeline name or namespace', () => {
    const { chart } = appAndChart();
    expect(() => new PublishedPipeline(chart, 'p', { pipeline: typedPipeline(), name: 'My_Pipeline', versionLock: lock() }))
      .toThrow("PublishedPipeline 'test/p': name 'My_Pipeline' is not a valid Kubernetes name; expected lowercase letters, digits, '-' and '.'");
    expect(() => new PublishedPipeline(chart, 'q', { pipeline: typedPipeline(), namespace: 'Team A', versionLock: lock() }))
      .toThrow("PublishedPipeline 'test/q': namespace 'Team A' is not a valid Kubernetes name");
  });
  test('a pipelineInfo.name KFP\'s webhook rejects', () => {
    const { chart } = appAndChart();
    expect(() => new PublishedPipeline(chart, 'p', { pipeline: typedPipeline('my.pipeline'), name: 'ok', versionLock: lock() }))
      .toThrow("PublishedPipeline 'test/p': the pipeline's pipelineInfo.name is 'my.pipeline'; KFP's admission webhook expects lowercase letters, digits and '-'");
  });
  test('a PipelineVersion name over 253 characters', () => {
    const { chart } = appAndChart();
    expect(() => new PublishedPipeline(chart, 'p', { pipeline: typedPipeline(), version: 'v'.repeat(250), versionLock: lock() }))
      .toThrow(/PublishedPipeline 'test\/p': the PipelineVersion name 'typed-pipeline-v+' is 265 characters long; expected at most 253/);
  });
  test('a non-string tag value', () => {
    const { chart } = appAndChart();
    expect(() => new PublishedPipeline(chart, 'p', { pipeline: typedPipeline(), tags: { n: 1 as any }, versionLock: lock() }))
      .toThrow("PublishedPipeline 'test/p': tag 'n' has the value 1; expected a string");
  });
  test('a pipeline changed after it was published', () => {
    const { app, chart } = appAndChart();
    const ir = typedPipeline().toIr();
    let current = ir;
    const source = { pipelineName: 'typed-pipeline', toIr: () => JSON.parse(JSON.stringify(current)), toPlatformSpec: () => undefined };
    new PublishedPipeline(chart, 'p', { pipeline: source, version: 'v1', versionLock: lock() });
    current = { ...ir, sdkVersion: 'changed' };
    expect(synthError(app)).toMatch(/\[test\/p\] the pipeline 'typed-pipeline' changed after it was published \(spec hash sha256:\w+ at publish time, sha256:\w+ now\); create the PublishedPipeline after the pipeline is complete/);
  });
});

describe('versions lock file', () => {
  test('a local synth records each published version; the file is deterministic', () => {
    const dir = tmpDir();
    const { app, chart } = appAndChart();
    const a = new PublishedPipeline(chart, 'a', { pipeline: typedPipeline('alpha'), version: 'v1', versionLock: lockIn(dir) });
    const b = new PublishedPipeline(chart, 'b', { pipeline: typedPipeline('beta'), namespace: 'team-b', codeSourceUrl: 'https://x', versionLock: lockIn(dir) });
    synthApp(app);
    const lock = readLock(dir);
    expect(lock.lockfileVersion).toBe(1);
    expect(lock.pipelines).toEqual({
      'kubeflow/alpha': { v1: { specHash: a.specHash, metadataHash: expect.stringMatching(/^sha256:/) } },
      'team-b/beta': { [b.versionName]: { specHash: b.specHash, metadataHash: expect.stringMatching(/^sha256:/) } },
    });
    const text = fs.readFileSync(path.join(dir, 'kfp-versions.lock.json'), 'utf8');
    // A second identical synth leaves the file byte for byte.
    const again = appAndChart();
    new PublishedPipeline(again.chart, 'a', { pipeline: typedPipeline('alpha'), version: 'v1', versionLock: lockIn(dir) });
    synthApp(again.app);
    // Entries of versions the app no longer publishes stay: they were published once.
    expect(fs.readFileSync(path.join(dir, 'kfp-versions.lock.json'), 'utf8')).toBe(text);
    expect(text.endsWith('}\n')).toBe(true);
  });

  test('a version name reused with a different spec fails synth and names the version', () => {
    const dir = tmpDir();
    const first = appAndChart();
    new PublishedPipeline(first.chart, 'p', { pipeline: typedPipeline(), version: 'v1', versionLock: lockIn(dir) });
    synthApp(first.app);
    const second = appAndChart();
    new PublishedPipeline(second.chart, 'p', { pipeline: typedPipeline('typed-pipeline', { sdkVersion: 'kfp-2.15.0' }), version: 'v1', versionLock: lockIn(dir) });
    const error = synthError(second.app);
    expect(error).toMatch(/\[test\/p\] version 'v1' of pipeline 'kubeflow\/typed-pipeline' was already published with a different spec \(kfp-versions\.lock\.json records sha256:[0-9a-f]{64}; the spec now hashes to sha256:[0-9a-f]{64}\)\. Published KFP pipeline versions are immutable: give this spec a new version name \(for example a new git tag\), or omit 'version' to name it by its content hash/);
  });

  test('a changed description or code source URL for a published version fails synth', () => {
    const dir = tmpDir();
    const first = appAndChart();
    new PublishedPipeline(first.chart, 'p', { pipeline: typedPipeline(), version: 'v1', codeSourceUrl: 'https://a', versionLock: lockIn(dir) });
    synthApp(first.app);
    const second = appAndChart();
    new PublishedPipeline(second.chart, 'p', { pipeline: typedPipeline(), version: 'v1', codeSourceUrl: 'https://b', versionLock: lockIn(dir) });
    expect(synthError(second.app)).toContain("[test/p] version 'v1' of pipeline 'kubeflow/typed-pipeline' was already published with a different description or code source URL (KFP keeps those immutable too) (recorded in kfp-versions.lock.json)");
  });

  test('the lock file is not written when any validation in the app fails', () => {
    const dir = tmpDir();
    const { app, chart } = appAndChart();
    new PublishedPipeline(chart, 'p', { pipeline: typedPipeline(), version: 'v1', versionLock: lockIn(dir) });
    chart.node.addValidation({ validate: () => ['something else is wrong'] });
    expect(synthError(app)).toContain('something else is wrong');
    expect(fs.existsSync(path.join(dir, 'kfp-versions.lock.json'))).toBe(false);
  });

  test('two publishers of one version with different specs in one app fail', () => {
    const dir = tmpDir();
    const { app, chart } = appAndChart();
    new PublishedPipeline(chart, 'p1', { pipeline: typedPipeline(), version: 'v1', versionLock: lockIn(dir) });
    new PublishedPipeline(chart, 'p2', { pipeline: typedPipeline('typed-pipeline', { sdkVersion: 'x' }), version: 'v1', versionLock: lockIn(dir) });
    expect(synthError(app)).toContain("[test/p2] version 'v1' of pipeline 'kubeflow/typed-pipeline' is also published by test/p1 with a different spec; one version name can only hold one spec");
  });

  test('frozen (CI): a user-named version missing from the lock fails; a hash-named one passes; nothing is written', () => {
    const dir = tmpDir();
    const { app, chart } = appAndChart();
    new PublishedPipeline(chart, 'p', { pipeline: typedPipeline(), version: 'v2', versionLock: lockIn(dir, true) });
    expect(synthError(app)).toContain(`[test/p] version 'v2' of pipeline 'kubeflow/typed-pipeline' is not recorded in ${path.join(dir, 'kfp-versions.lock.json')} and the lock is frozen (CI). Run 'cdk8s synth' locally and commit kfp-versions.lock.json, so that every published version is reviewed`);
    const hashed = appAndChart();
    new PublishedPipeline(hashed.chart, 'p', { pipeline: typedPipeline(), versionLock: lockIn(dir, true) });
    expect(synthError(hashed.app)).toBe('');
    expect(fs.existsSync(path.join(dir, 'kfp-versions.lock.json'))).toBe(false);
  });

  test('frozen (CI): a recorded version with the same spec passes', () => {
    const dir = tmpDir();
    const first = appAndChart();
    new PublishedPipeline(first.chart, 'p', { pipeline: typedPipeline(), version: 'v1', versionLock: lockIn(dir) });
    synthApp(first.app);
    const ci = appAndChart();
    new PublishedPipeline(ci.chart, 'p', { pipeline: typedPipeline(), version: 'v1', versionLock: lockIn(dir, true) });
    expect(synthError(ci.app)).toBe('');
  });

  test('frozen defaults to the CI environment variable', () => {
    const saved = process.env.CI;
    try {
      process.env.CI = 'true';
      expect(VersionLock.fromFile('x.json').frozen).toBe(true);
      process.env.CI = 'false';
      expect(VersionLock.fromFile('x.json').frozen).toBe(false);
      delete process.env.CI;
      expect(VersionLock.fromFile('x.json').frozen).toBe(false);
      expect(VersionLock.fromFile('x.json').filePath).toBe(path.resolve('x.json'));
    } finally {
      if (saved === undefined) delete process.env.CI; else process.env.CI = saved;
    }
  });

  test('a corrupt lock file fails synth with its path', () => {
    const dir = tmpDir();
    fs.writeFileSync(path.join(dir, 'kfp-versions.lock.json'), '{"pipelines": 3');
    const { app, chart } = appAndChart();
    new PublishedPipeline(chart, 'p', { pipeline: typedPipeline(), version: 'v1', versionLock: lockIn(dir) });
    expect(synthError(app)).toContain(`[test/p] the versions lock file ${path.join(dir, 'kfp-versions.lock.json')} cannot be read:`);
  });
});

describeConformance('PublishedPipeline against the upstream KFP 2.17 CRDs', () => {
  test('every golden IR publishes to objects valid against the upstream CRD schemas', async () => {
    const crds = ['pipelines', 'pipelineversions'].map((n) => parseYaml(fs.readFileSync(ref('crds', `${n}.pipelines.kubeflow.org.yaml`), 'utf8')));
    const files = fs.readdirSync(goldensDir(), { recursive: true } as any).map(String).filter((f) => f.endsWith('.yaml')).sort();
    let valid = 0;
    let total = 0;
    const failures: string[] = [];
    for (const file of files) {
      let pipeline: CompiledPipeline;
      try {
        pipeline = CompiledPipeline.fromFile(path.join(goldensDir(), file));
      } catch {
        continue; // not a pipeline file (component-only YAML)
      }
      total++;
      const { app, chart } = appAndChart();
      new PublishedPipeline(chart, 'p', { pipeline, version: 'v1', versionLock: lockIn(tmpDir()) });
      const objects = synthApp(app);
      try {
        await validateManifests(objects, { crds });
        expect(objects[1].spec.pipelineSpec).toEqual(pipeline.toIr());
        valid++;
      } catch (e: any) {
        failures.push(`${file}: ${e.message}`);
      }
    }
    printScore(`deploy/PublishedPipeline: ${valid}/${total} golden pipelines publish to Pipeline/PipelineVersion objects valid against the upstream CRDs`);
    expect(failures).toEqual([]);
    expect(total).toBeGreaterThan(10);
  });
});
