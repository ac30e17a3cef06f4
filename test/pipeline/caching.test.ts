// Cache keys are written exactly as given (kfp `set_caching_options(cache_key=...)`): a change to
// their case or characters would silently split or merge cache entries. What kfp 2.17.0 writes for
// the same pipeline: cacheKey 'Model-v2_Data.2026 A' with enableCache, and 'KeepMe' without it.
import { Testing } from 'cdk8s';
import { Component, Input, Output, Pipeline } from '../../src';

const hello = Component.python({
  name: 'hello',
  baseImage: 'python:3.11',
  source: 'def hello(name: str) -> str:\n    return name\n',
  inputs: { name: Input.string() },
  outputs: { Output: Output.string() },
});

function cacheKeyPipeline(): Pipeline {
  const p = new Pipeline(Testing.app(), 'cache-key', { writeFile: false });
  p.addTask(hello, { inputs: { name: 'x' } }).withCaching(true, 'Model-v2_Data.2026 A');
  p.addTask(hello, { inputs: { name: 'y' }, caching: false, cacheKey: 'KeepMe' });
  return p;
}

describe('cache keys', () => {
  test('are written into the IR exactly as given, as kfp 2.17.0 writes them', () => {
    const tasks = cacheKeyPipeline().toIr().root.dag.tasks;
    expect(tasks.hello.cachingOptions).toEqual({ cacheKey: 'Model-v2_Data.2026 A', enableCache: true });
    expect(tasks['hello-2'].cachingOptions).toEqual({ cacheKey: 'KeepMe' });
    const text = cacheKeyPipeline().toYaml();
    expect(text).toContain('\n          cacheKey: Model-v2_Data.2026 A\n          enableCache: true\n');
    expect(text).toContain('\n          cacheKey: KeepMe\n');
  });

  test('reach the Argo driver unchanged', () => {
    const wf = JSON.stringify(cacheKeyPipeline().toArgoWorkflow());
    expect(wf).toContain('Model-v2_Data.2026 A');
    expect(wf).toContain('KeepMe');
    expect(wf).not.toContain('model-v2_data.2026 a');
  });
});
