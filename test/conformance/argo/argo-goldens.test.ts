/**
 * Conformance: compile each upstream IR test file and compare with the Workflow the KFP backend
 * compiled from it (the 147 goldens in kfp-backend/compiled-workflows/argo), strictly.
 *
 * Where the goldens come from: every golden is byte-identical to `test_data/compiled-workflows`
 * at kubeflow/pipelines commit f4b1fdeec6 ("validate required driver and launcher flags",
 * #13711), a master commit after the 2.17.0 tag. Compared with the 2.17.0 tag, that commit only
 * makes the driver/importer flag tail explicit (`--cache_disabled=false --log_level 1
 * --publish_logs true --ml_pipeline_tls_enabled=false --metadata_tls_enabled=false
 * --ca_cert_path ""`) instead of omitting flags at their default, drops the same flags from the
 * launcher init container, sorts `dependentTasks`, and adds driver pod labels/annotations. Each
 * explicit flag equals the 2.17.0 driver's and launcher's own default, so the 2.17.0 images read
 * both forms the same way. We reproduce the goldens.
 *
 * Normalization (the only one): the goldens are Go structs written by sigs.k8s.io/yaml, which
 * leaves empty serialization artifacts. Before comparing we drop, from both sides,
 * 1. a top-level `status` whose values are all null (`{finishedAt: null, startedAt: null}`);
 * 2. `metadata: {}`, `inputs: {}`, `outputs: {}`, `resources: {}` and `status: {}` (empty maps);
 * 3. `name: ""` (the unnamed template container).
 * Everything else, including every `spec.arguments.parameters` name, order and string value,
 * must be equal.
 *
 * Compiler environment: upstream's golden test (backend/test/compiler/argo_ginkgo_test.go) runs
 * with no proxy, default env (images `:latest`, namespace kubeflow, log level 1, publish logs
 * true), plus per-file env for four goldens; we pass the same values as options.
 */
import * as fs from 'fs';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import { parse } from 'yaml';
import { DRIVER_FLAGS, flagNames, LAUNCHER_FLAGS } from './binary-flags';
import { ArgoCompileOptions, compileToArgo, toCronWorkflow, toWorkflowTemplate } from '../../../src/compiler/argo';
import { findFile, readIrFile } from '../../compiler/argo/ir-files';
import { validateManifests } from '../../util/validate';
import { describeConformance, printScore, ref } from '../reference';

const GOLDEN_ENV: ArgoCompileOptions = {
  driverImage: 'ghcr.io/kubeflow/kfp-driver:latest',
  launcherImage: 'ghcr.io/kubeflow/kfp-launcher:latest',
  kfpNamespace: 'kubeflow',
  cacheDisabled: false,
};

/** Per-golden environment, from argo_ginkgo_test.go's testParams. */
const PER_FILE_ENV: { [file: string]: ArgoCompileOptions } = {
  // env PIPELINE_RUN_AS_USER=1001, PIPELINE_LOG_LEVEL=3. Upstream's test compiles
  // run_as_user_cache_disabled with CacheDisabled: true, but its golden carries
  // `--cache_disabled=false`: with CacheDisabled: true the backend writes `--cache_disabled=true`
  // (see the test "run_as_user_cache_disabled golden was written with caching enabled" below),
  // and upstream's loose matcher does not notice. The golden is reproduced with caching enabled.
  'run_as_user_cache_disabled.yaml': { pipelineRunAsUser: 1001, logLevel: '3' },
  'run_as_user_cache_enabled.yaml': { pipelineRunAsUser: 1001, logLevel: '3' },
  // env CABUNDLE_CONFIGMAP_NAME=test-configmap-name, CABUNDLE_KEY_NAME=test-configmap-key
  'mounted_cabundle_configmap.yaml': { caBundleConfigMapName: 'test-configmap-name', caBundleKey: 'test-configmap-key' },
  // env CABUNDLE_SECRET_NAME=test-secret-name
  'mounted_cabundle_secret.yaml': { caBundleSecretName: 'test-secret-name' },
};

const EMPTY_ARTIFACT_KEYS = new Set(['metadata', 'inputs', 'outputs', 'resources', 'status']);

/** The normalization listed in the header, and nothing else. */
function normalize(value: any, topLevel = true): any {
  if (Array.isArray(value)) return value.map((v) => normalize(v, false));
  if (value === null || typeof value !== 'object') return value;
  const out: any = {};
  for (const [k, v] of Object.entries(value)) {
    const isEmptyMap = v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0;
    if (EMPTY_ARTIFACT_KEYS.has(k) && isEmptyMap) continue;
    if (k === 'name' && v === '') continue;
    if (topLevel && k === 'status' && v !== null && typeof v === 'object' && Object.values(v).every((x) => x === null)) continue;
    out[k] = normalize(v, false);
  }
  return out;
}

/** First differences between two values, as readable paths. */
function differences(ours: any, golden: any, at = '', out: string[] = []): string[] {
  if (out.length >= 5 || isDeepStrictEqual(ours, golden)) return out;
  if (ours && golden && typeof ours === 'object' && typeof golden === 'object' && Array.isArray(ours) === Array.isArray(golden)) {
    if (Array.isArray(ours) && ours.length !== golden.length) out.push(`${at}: ${ours.length} items, golden has ${golden.length}`);
    for (const k of new Set([...Object.keys(ours), ...Object.keys(golden)])) differences(ours[k], golden[k], `${at}.${k}`, out);
    return out;
  }
  out.push(`${at}: ours ${JSON.stringify(ours)?.slice(0, 200)}, golden ${JSON.stringify(golden)?.slice(0, 200)}`);
  return out;
}

function optionsFor(file: string): ArgoCompileOptions {
  return { ...GOLDEN_ENV, ...(PER_FILE_ENV[file] ?? {}) };
}

describeConformance('Argo compiler conformance (KFP backend goldens)', () => {
  const goldenDir = () => ref('kfp-backend', 'compiled-workflows', 'argo');
  const irDir = () => ref('kfp-backend', 'compiled-workflows', 'ir');
  const cases: Array<{ file: string; workflow: any; golden: any; error?: string }> = [];

  beforeAll(() => {
    for (const file of fs.readdirSync(goldenDir()).filter((f) => f.endsWith('.yaml')).sort()) {
      const golden = parse(fs.readFileSync(path.join(goldenDir(), file), 'utf8'));
      const irFile = findFile(irDir(), file);
      if (!irFile) {
        cases.push({ file, workflow: undefined, golden, error: 'no IR file of that name' });
        continue;
      }
      const { ir, platform } = readIrFile(irFile);
      try {
        cases.push({ file, workflow: compileToArgo(ir, platform, optionsFor(file)), golden });
      } catch (e: any) {
        cases.push({ file, workflow: undefined, golden, error: e.message });
      }
    }
  });

  // The goldens come from after the 2.17.0 tag, so check what we pass against the 2.17.0 binaries.
  test('every flag we pass to the driver and launcher is defined by the 2.17.0 binaries', () => {
    const used = { driver: new Set<string>(), launcher: new Set<string>() };
    for (const c of cases.filter((x) => x.workflow)) {
      for (const t of c.workflow.spec.templates) {
        for (const container of [t.container, ...(t.initContainers ?? [])].filter(Boolean)) {
          const command: string[] = container.command ?? [];
          const args: string[] = [...command.slice(1), ...(container.args ?? [])];
          if (command[0] === 'driver') flagNames(args).forEach((f) => used.driver.add(f));
          if (command.some((x) => x.endsWith('launcher-v2'))) flagNames(args).forEach((f) => used.launcher.add(f));
        }
      }
    }
    expect(used.driver.size).toBeGreaterThan(20);
    expect(used.launcher.size).toBeGreaterThan(5);
    expect([...used.driver].filter((f) => !(f in DRIVER_FLAGS)).sort()).toEqual([]);
    expect([...used.launcher].filter((f) => !(f in LAUNCHER_FLAGS)).sort()).toEqual([]);
  });

  test('there are 147 goldens, each with its IR file', () => {
    expect(cases.length).toBe(147);
    expect(cases.filter((c) => c.error).map((c) => `${c.file}: ${c.error}`)).toEqual([]);
  });

  test('spec.arguments.parameters: names, order and string values are exactly equal', () => {
    const bad = cases.filter((c) => !isDeepStrictEqual(c.workflow?.spec?.arguments?.parameters, c.golden.spec.arguments.parameters));
    expect(bad.map((c) => `${c.file}: ${differences(c.workflow?.spec?.arguments?.parameters, c.golden.spec.arguments.parameters).join('; ')}`)).toEqual([]);
  });

  test('whole workflows are equal after the listed normalization', () => {
    let equal = 0;
    const failures: string[] = [];
    for (const c of cases) {
      const ours = normalize(JSON.parse(JSON.stringify(c.workflow ?? null)));
      const golden = normalize(c.golden);
      if (isDeepStrictEqual(ours, golden)) equal++;
      else failures.push(`${c.file}: ${differences(ours, golden).join('; ')}`);
    }
    printScore(`Argo conformance: ${equal}/${cases.length} equal`);
    expect(failures).toEqual([]);
    expect(equal).toBe(147);
  });

  test('the normalization only removes empty Go serialization leftovers', () => {
    // Our own output never contains those leftovers, so normalizing it changes nothing.
    for (const c of cases) expect(normalize(c.workflow)).toEqual(c.workflow);
  });

  test('output is deterministic: compiling again gives the same bytes', () => {
    for (const c of cases.slice(0, 40)) {
      const { ir, platform } = readIrFile(findFile(irDir(), c.file)!);
      expect(JSON.stringify(compileToArgo(ir, platform, optionsFor(c.file)))).toBe(JSON.stringify(c.workflow));
    }
  });

  test('run_as_user_cache_disabled golden was written with caching enabled (upstream cannot reproduce it with its own test options)', () => {
    const { ir, platform } = readIrFile(findFile(irDir(), 'run_as_user_cache_disabled.yaml')!);
    const golden = cases.find((c) => c.file === 'run_as_user_cache_disabled.yaml')!.golden;
    // upstream's test options for this file: CacheDisabled: true
    const upstream = compileToArgo(ir, platform, { ...optionsFor('run_as_user_cache_disabled.yaml'), cacheDisabled: true });
    const diffs = differences(normalize(upstream), normalize(golden));
    expect(diffs.length).toBeGreaterThan(0);
    for (const d of diffs) expect(d).toMatch(/args\.\d+: ours "--cache_disabled=true", golden "--cache_disabled=false"/);
  });

  test('every compiled Workflow, and its WorkflowTemplate and CronWorkflow, passes schema validation', async () => {
    const objects: any[] = [];
    for (const c of cases) {
      objects.push(c.workflow);
      const name = c.file.replace(/\.yaml$/, '').replace(/_/g, '-').toLowerCase().slice(0, 40).replace(/-+$/, '');
      objects.push(toWorkflowTemplate(c.workflow, { name, namespace: 'kubeflow' }));
      objects.push(toCronWorkflow(c.workflow, { name, namespace: 'kubeflow', schedules: ['0 3 * * *'] }));
    }
    await validateManifests(objects);
  });
});
