// The pure parts of the IR compiler: naming, Python-compatible JSON, quantities, bootstrap.
import { compilePipeline } from '../../../src/compiler/ir/compile';
import { IrCompileError, PipelineDesc } from '../../../src/compiler/ir/model';
import { makeUnique, sanitizeInputName, sanitizeK8sName } from '../../../src/compiler/ir/names';
import { pyJsonDumps, codepointCompare } from '../../../src/compiler/ir/pyjson';
import { normalizePythonSource, pyRepr } from '../../../src/compiler/ir/python-executor';
import { cpuToFloat, memoryToFloat } from '../../../src/compiler/ir/resources';

test('names', () => {
  expect(sanitizeK8sName('collected_param_pipeline')).toBe('collected-param-pipeline');
  expect(sanitizeK8sName('--Print  Text!!--')).toBe('print-text');
  expect(sanitizeInputName('Training data')).toBe('training_data');
  expect(makeUnique('a', new Set(['a', 'a-2']))).toBe('a-3');
  expect(['comp-for-loop-2', 'comp-for-loop-10', 'Output', 'a'].sort(codepointCompare)).toEqual(['Output', 'a', 'comp-for-loop-10', 'comp-for-loop-2']);
});

test('Python json.dumps', () => {
  expect(pyJsonDumps([{ B_b: '2', A_a: '1' }], true)).toBe('[{"A_a": "1", "B_b": "2"}]');
  expect(pyJsonDumps([1, 2.5, true, null, 'caf\u00e9'])).toBe('[1, 2.5, true, null, "caf\\u00e9"]');
  expect(pyJsonDumps(1e-5)).toBe('1e-05');
});

test('quantities as kfp floats', () => {
  expect(cpuToFloat('500m')).toBe(0.5);
  expect(cpuToFloat('2')).toBe(2);
  expect(memoryToFloat('256Mi')).toBe(0.268435456);
  expect(memoryToFloat('1Gi')).toBe(1.073741824);
  expect(memoryToFloat('15G')).toBe(15);
});

test('Python sources and repr', () => {
  expect(normalizePythonSource('  @dsl.component\n  def f(a):\n      return a\n')).toBe('def f(a):\n    return a\n');
  expect(pyRepr("it's")).toBe('"it\'s"');
  expect(pyRepr('scikit-learn')).toBe("'scikit-learn'");
});

test('the compiler is a pure function of a plain description', () => {
  const desc: PipelineDesc = {
    name: 'plain',
    path: 'plain',
    inputs: {},
    outputs: {},
    root: { kind: 'pipeline', name: 'plain', path: 'plain', groups: [], tasks: ['echo'] },
    tasks: [{
      name: 'echo',
      path: 'plain/echo',
      component: { name: 'echo', inputs: {}, outputs: {}, impl: { kind: 'container', image: 'alpine', command: ['echo'], args: ['hi'] } },
      args: {},
      after: [],
      enableCaching: true,
    }],
    outputValues: {},
    refs: {},
  };
  const { pipelineSpec, platformSpec } = compilePipeline(desc, { kfpVersion: '2.15.2' });
  expect(platformSpec).toBeUndefined();
  expect(pipelineSpec).toEqual({
    components: { 'comp-echo': { executorLabel: 'exec-echo' } },
    deploymentSpec: { executors: { 'exec-echo': { container: { args: ['hi'], command: ['echo'], image: 'alpine' } } } },
    pipelineInfo: { name: 'plain' },
    root: { dag: { tasks: { echo: { cachingOptions: { enableCache: true }, componentRef: { name: 'comp-echo' }, taskInfo: { name: 'echo' } } } } },
    schemaVersion: '2.1.0',
    sdkVersion: 'kfp-2.15.2',
  });
  const bad: PipelineDesc = { ...desc, tasks: [{ ...desc.tasks[0], after: ['nope'] }] };
  expect(() => compilePipeline(bad, { kfpVersion: '2.15.2' })).toThrow(IrCompileError);
  expect(() => compilePipeline(bad, { kfpVersion: '2.15.2' })).toThrow("task 'plain/echo' runs after 'nope', which is not a task of pipeline 'plain'");
});
