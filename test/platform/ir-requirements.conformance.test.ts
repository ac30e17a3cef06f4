/**
 * Reads every upstream IR golden (kfp SDK goldens, kfp-kubernetes goldens and the IR behind the
 * backend's compiled workflows) with the platform's IR reader, and runs each through a tenant's
 * checks: nothing may crash, every constant quantity must parse, and every error must be one of the
 * documented placement/quota messages.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { CompiledPipeline } from '../../src/pipeline/source';
import { GpuAccelerator, GpuNodePool, KarpenterNodeClass, Tenant, TenantPipelineRoot } from '../../src/platform';
import { readPipelineRequirements } from '../../src/platform/pipeline-requirements';
import { parseQuantity } from '../../src/platform/quantity';
import { describeConformance, printScore, ref } from '../conformance/reference';

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return yamlFiles(p);
    return d.name.endsWith('.yaml') ? [p] : [];
  }).sort();
}

describeConformance('platform: IR requirements of the upstream goldens', () => {
  test('every golden is read and checked without a crash', () => {
    const files = [
      ...yamlFiles(ref('kfp-ir', 'cases')),
      ...yamlFiles(ref('kfp-backend', 'compiled-workflows', 'ir')),
    ];
    let pipelines = 0;
    let executors = 0;
    let gpuExecutors = 0;
    let dynamic = 0;
    const unreadable: string[] = [];
    const invalid: string[] = [];
    const unexpected: string[] = [];
    const mismatches: string[] = [];
    let compared = 0;
    for (const file of files) {
      let source: CompiledPipeline;
      try {
        source = CompiledPipeline.fromFile(file);
      } catch (e: any) {
        unreadable.push(`${path.basename(file)}: ${e.message}`);
        continue;
      }
      pipelines++;
      // Cross-check the quantity parser against the SDK's own conversion: where both the string field and
      // the deprecated float field are written, they must agree (memory floats are decimal GB).
      for (const [label, ex] of Object.entries<any>(source.toIr().deploymentSpec?.executors ?? {})) {
        const res = ex?.container?.resources ?? {};
        for (const [str, flt, scale] of [['resourceCpuLimit', 'cpuLimit', 1], ['resourceCpuRequest', 'cpuRequest', 1],
          ['resourceMemoryLimit', 'memoryLimit', 1e9], ['resourceMemoryRequest', 'memoryRequest', 1e9]] as const) {
          if (typeof res[str] !== 'string' || typeof res[flt] !== 'number') continue;
          compared++;
          const parsed = parseQuantity(res[str]);
          if (parsed === undefined || Math.abs(parsed - res[flt] * scale) > 1e-6 * Math.max(1, parsed)) {
            mismatches.push(`${path.basename(file)} ${label}: ${str} '${res[str]}' = ${parsed}, ${flt} ${res[flt]}`);
          }
        }
      }
      const reqs = readPipelineRequirements(source);
      executors += reqs.length;
      gpuExecutors += reqs.filter((r) => r.acceleratorType || r.dynamic.includes('accelerator type')).length;
      dynamic += reqs.filter((r) => r.dynamic.length > 0).length;
      for (const r of reqs) for (const f of r.invalid) invalid.push(`${path.basename(file)} ${r.executorLabel}: ${f}`);

      const c = new Chart(Testing.app(), 'platform');
      const pool = GpuNodePool.karpenter(c, 'gpu', { accelerators: [GpuAccelerator.NVIDIA_T4], nodeClass: KarpenterNodeClass.ec2NodeClass('gpu') });
      const t = new Tenant(c, 'team', {
        quota: { cpu: '1000', memory: '10Ti', gpus: 64 },
        pipelineRoot: TenantPipelineRoot.s3({ bucket: 'ml-artifacts', region: 'eu-west-1' }),
        gpuPools: [pool],
        pipelines: [source],
      });
      for (const message of t.node.validate()) {
        const known = /requests \d+ nvidia\.com\/gpu but has no node selector|tolerates .* which matches no taint|matches none of the tenant's GPU pools/.test(message);
        if (!known) unexpected.push(`${path.basename(file)}: ${message}`);
      }
    }
    printScore(`platform IR requirements: ${pipelines}/${files.length} goldens read (${unreadable.length} not parsed by the yaml package), ${executors} executors (${gpuExecutors} with GPUs, ${dynamic} with runtime values), ${invalid.length} invalid quantities, ${compared - mismatches.length}/${compared} quantities agree with the SDK's float fields, ${unexpected.length} unexpected check errors`);
    // Three upstream files have double-quoted scalars whose continuation lines start at column 0: PyYAML
    // reads them, the `yaml` package (used by CompiledPipeline) refuses them. Reported, not hidden.
    expect(unreadable.map((u) => u.split(':')[0])).toEqual([
      'pipeline_with_secret_as_env.yaml', 'placeholder_with_if_placeholder_none_input_value.yaml', 'pipeline_with_secret_as_volume.yaml',
    ]);
    for (const u of unreadable) expect(u).toContain('is not valid YAML');
    expect(invalid).toEqual([]);
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(0);
    expect(unexpected).toEqual([]);
    expect(pipelines).toBeGreaterThan(100);
    expect(gpuExecutors).toBeGreaterThan(0);
  });
});
