import * as fs from 'fs';
import * as path from 'path';
import { CompiledPipeline } from '../../src';
import { tempDir } from '../util/tmp';

const IR = `# PIPELINE DEFINITION
# Name: echo
components:
  comp-echo:
    executorLabel: exec-echo
deploymentSpec:
  executors:
    exec-echo:
      container:
        image: alpine
pipelineInfo:
  name: echo
root:
  dag:
    tasks: {}
schemaVersion: 2.1.0
sdkVersion: kfp-2.15.2
---
platforms:
  kubernetes:
    deploymentSpec:
      executors:
        exec-echo:
          nodeSelector:
            labels:
              gpu: 'true'
`;

describe('CompiledPipeline', () => {
  test('reads the PipelineSpec and PlatformSpec documents of a pipeline file', () => {
    const dir = tempDir('kfp-');
    const file = path.join(dir, 'echo.yaml');
    fs.writeFileSync(file, IR);
    const p = CompiledPipeline.fromFile(file);
    expect(p.pipelineName).toBe('echo');
    expect(p.toIr().deploymentSpec.executors['exec-echo'].container.image).toBe('alpine');
    expect(p.toPlatformSpec().platforms.kubernetes.deploymentSpec.executors['exec-echo'].nodeSelector.labels).toEqual({ gpu: 'true' });
  });

  test('returns copies, so callers cannot change the source', () => {
    const p = CompiledPipeline.fromYaml(IR);
    p.toIr().pipelineInfo.name = 'changed';
    expect(p.toIr().pipelineInfo.name).toBe('echo');
  });

  test('has no PlatformSpec when the file has one document', () => {
    expect(CompiledPipeline.fromYaml(IR.split('---')[0]).toPlatformSpec()).toBeUndefined();
  });

  test('rejects a file without a PipelineSpec', () => {
    expect(() => CompiledPipeline.fromYaml('a: 1\n', 'x.yaml'))
      .toThrow("CompiledPipeline: x.yaml has no PipelineSpec document (expected a document with 'pipelineInfo' and 'root')");
  });

  test('rejects a missing name, a missing root and another schema version', () => {
    expect(() => CompiledPipeline.fromObjects({ root: {}, schemaVersion: '2.1.0', pipelineInfo: {} }))
      .toThrow('CompiledPipeline: pipeline spec has no pipelineInfo.name (expected a non-empty string)');
    expect(() => CompiledPipeline.fromObjects({ schemaVersion: '2.1.0', pipelineInfo: { name: 'p' } }))
      .toThrow("CompiledPipeline: pipeline spec (pipeline 'p') has no root component");
    expect(() => CompiledPipeline.fromObjects({ root: {}, schemaVersion: '2.0.0', pipelineInfo: { name: 'p' } }))
      .toThrow("CompiledPipeline: pipeline spec (pipeline 'p') has schemaVersion '2.0.0', expected '2.1.0'");
  });

  test('rejects invalid YAML and unreadable files', () => {
    expect(() => CompiledPipeline.fromYaml('a: [1\n', 'bad.yaml')).toThrow(/CompiledPipeline: bad.yaml is not valid YAML/);
    expect(() => CompiledPipeline.fromFile('/nonexistent/p.yaml')).toThrow("CompiledPipeline.fromFile: cannot read '/nonexistent/p.yaml'");
  });
});
