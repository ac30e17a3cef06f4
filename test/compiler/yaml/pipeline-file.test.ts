import { PipelineFile, renderPipelineFile } from '../../../src';
import { pythonRepr } from '../../../src/compiler/yaml/python-repr';

function spec(extra: Record<string, unknown> = {}, root: Record<string, unknown> = {}): any {
  return {
    components: {},
    deploymentSpec: { executors: {} },
    pipelineInfo: { name: 'my-pipeline' },
    root: { dag: { tasks: {} }, ...root },
    schemaVersion: '2.1.0',
    sdkVersion: 'kfp-2.15.2',
    ...extra,
  };
}

const BODY = `components: {}
deploymentSpec:
  executors: {}
pipelineInfo:
  name: my-pipeline
root:
  dag:
    tasks: {}
schemaVersion: 2.1.0
sdkVersion: kfp-2.15.2
`;

function header(text: string): string {
  return text.slice(0, text.indexOf('\ncomponents:') + 1);
}

describe('header comment', () => {
  test('name only', () => {
    expect(renderPipelineFile(spec())).toBe(`# PIPELINE DEFINITION\n# Name: my-pipeline\n${BODY}`);
  });

  test('multi-line description: continuation prefix, Python splitlines()', () => {
    const s = spec({ pipelineInfo: { name: 'my-pipeline', description: 'First line.\r\nSecond\x0bthird\n' } });
    expect(header(renderPipelineFile(s))).toBe(
      '# PIPELINE DEFINITION\n# Name: my-pipeline\n# Description: First line.\n#              Second\n#              third\n',
    );
  });

  test('the description option overrides pipelineInfo (bare components keep theirs outside the IR)', () => {
    expect(header(renderPipelineFile(spec(), undefined, { description: 'Doc string.' }))).toBe(
      '# PIPELINE DEFINITION\n# Name: my-pipeline\n# Description: Doc string.\n',
    );
    const s = spec({ pipelineInfo: { name: 'my-pipeline', description: 'ignored' } });
    expect(header(renderPipelineFile(s, undefined, { description: '' }))).toBe('# PIPELINE DEFINITION\n# Name: my-pipeline\n');
  });

  test('inputs and outputs: parameters and artifacts together, sorted by name, defaults as Python str()', () => {
    const s = spec({}, {
      inputDefinitions: {
        parameters: {
          text: { parameterType: 'STRING', defaultValue: "it's" },
          count: { parameterType: 'NUMBER_INTEGER', defaultValue: 2 },
          ratio: { parameterType: 'NUMBER_DOUBLE', defaultValue: 1e-5 },
          flag: { parameterType: 'BOOLEAN', defaultValue: true },
          items: { parameterType: 'LIST', defaultValue: ['a', "b'c", 1] },
          config: { parameterType: 'STRUCT', defaultValue: { A: 1, b: [null, false] } },
          status: { parameterType: 'TASK_FINAL_STATUS', isOptional: true },
          Zed: { parameterType: 'STRING' },
          taskConfig: { parameterType: 'TASK_CONFIG' },
        },
        artifacts: {
          data: { artifactType: { schemaTitle: 'system.Dataset', schemaVersion: '0.0.1' } },
        },
      },
      outputDefinitions: {
        parameters: { Output: { parameterType: 'STRING' } },
        artifacts: { model: { artifactType: { schemaTitle: 'system.Model', schemaVersion: '0.0.1' } } },
      },
    });
    expect(header(renderPipelineFile(s))).toBe([
      '# PIPELINE DEFINITION',
      '# Name: my-pipeline',
      '# Inputs:',
      '#    Zed: str',
      "#    config: dict [Default: {'A': 1.0, 'b': [None, False]}]",
      '#    count: int [Default: 2.0]',
      '#    data: system.Dataset',
      '#    flag: bool [Default: True]',
      "#    items: list [Default: ['a', \"b'c\", 1.0]]",
      '#    ratio: float [Default: 1e-05]',
      '#    status: PipelineTaskFinalStatus',
      '#    taskConfig: TaskConfig',
      "#    text: str [Default: 'it's']",
      '# Outputs:',
      '#    Output: str',
      '#    model: system.Model',
      '',
    ].join('\n'));
  });

  test('an empty inputDefinitions still writes the heading', () => {
    expect(header(renderPipelineFile(spec({}, { inputDefinitions: {} })))).toBe('# PIPELINE DEFINITION\n# Name: my-pipeline\n# Inputs:\n');
  });

  test('a line break in a name or string default continues the comment (kfp would write a broken file)', () => {
    const s = spec({ pipelineInfo: { name: 'my-pipeline' } }, {
      inputDefinitions: { parameters: { query: { parameterType: 'STRING', defaultValue: 'SELECT 1\nFROM t\r\nWHERE x' } } },
    });
    expect(header(renderPipelineFile(s))).toBe([
      '# PIPELINE DEFINITION',
      '# Name: my-pipeline',
      '# Inputs:',
      "#    query: str [Default: 'SELECT 1",
      '#              FROM t',
      "#              WHERE x']",
      '',
    ].join('\n'));
  });

  test('Python repr of strings inside lists and dicts', () => {
    expect(pythonRepr(['é', 'x\ny', 'q"\'', '\x00', '\u200b', Infinity, { k: NaN }])).toBe(
      "['é', 'x\\ny', 'q\"\\'', '\\x00', '\\u200b', inf, {'k': nan}]",
    );
  });

  test('errors name the field, the value and what was expected', () => {
    expect(() => renderPipelineFile({ root: {} })).toThrow(
      'PipelineFile: the PipelineSpec has no pipelineInfo.name (got undefined), expected a string',
    );
    expect(() => renderPipelineFile(spec({}, { inputDefinitions: { parameters: { x: { parameterType: 'FLOAT' } } } }))).toThrow(
      'PipelineFile: root.inputDefinitions.parameters.x has parameterType "FLOAT", expected one of STRING, NUMBER_INTEGER, NUMBER_DOUBLE, LIST, STRUCT, BOOLEAN, TASK_FINAL_STATUS, TASK_CONFIG',
    );
    expect(() => renderPipelineFile(spec({}, { outputDefinitions: { artifacts: { m: { artifactType: {} } } } }))).toThrow(
      "PipelineFile: root.outputDefinitions.artifacts.m has no artifactType.schemaTitle (got {}), expected a string such as 'system.Dataset'",
    );
  });
});

describe('int/float policy of kfp files', () => {
  const task = {
    componentRef: { name: 'comp-a' },
    iteratorPolicy: { parallelismLimit: 2 },
    retryPolicy: { backoffDuration: '0s', backoffFactor: 2, backoffMaxDuration: '3600s', maxRetryCount: 3 },
    inputs: { parameters: { p: { runtimeValue: { constant: 9 } } } },
    taskInfo: { name: 'a' },
  };

  test('int32 task fields are ints; Struct values, doubles and deploymentSpec are floats', () => {
    const s = spec({
      components: { 'comp-loop': { dag: { tasks: { a: task } } } },
      deploymentSpec: { executors: { 'exec-a': { container: { image: 'x', resources: { cpuLimit: 1 } }, retryPolicy: { maxRetryCount: 3 } } } },
    }, {
      dag: { tasks: { a: task } },
      inputDefinitions: { parameters: { p: { parameterType: 'STRUCT', defaultValue: { retryPolicy: { maxRetryCount: 1 } } } } },
    });
    const out = renderPipelineFile(s);
    expect(out.match(/maxRetryCount: .*/g)).toEqual(['maxRetryCount: 3', 'maxRetryCount: 3.0', 'maxRetryCount: 3', 'maxRetryCount: 1.0']);
    expect(out.match(/parallelismLimit: .*/g)).toEqual(['parallelismLimit: 2', 'parallelismLimit: 2']);
    expect(out).toContain('backoffFactor: 2.0');
    expect(out).toContain('constant: 9.0');
    expect(out).toContain('cpuLimit: 1.0');
  });

  test('PlatformSpec: pipelineConfig int32 fields are ints, executor configs are floats', () => {
    const platform = {
      platforms: {
        kubernetes: {
          deploymentSpec: { executors: { 'exec-a': { nodeAffinity: [{ weight: 50 }], activeDeadlineSeconds: '20' } } },
          pipelineConfig: { activeDeadlineSeconds: 600, resourceTtlOnSuccess: 60, workspace: { size: '1Gi' } },
        },
      },
    };
    const out = renderPipelineFile(spec(), platform);
    expect(out).toContain(`${BODY}---\nplatforms:\n  kubernetes:\n`);
    expect(out).toContain('weight: 50.0');
    expect(out).toContain("activeDeadlineSeconds: '20'");
    expect(out).toContain('activeDeadlineSeconds: 600\n');
    expect(out).toContain('resourceTtlOnSuccess: 60\n');
  });

  test('the PlatformSpec document is left out when it has no platform', () => {
    expect(renderPipelineFile(spec(), { platforms: {} })).toBe(renderPipelineFile(spec()));
    expect(renderPipelineFile(spec(), {})).toBe(renderPipelineFile(spec()));
  });
});

describe('PipelineFile (jsii API)', () => {
  test('render is renderPipelineFile', () => {
    const s = spec({ pipelineInfo: { name: 'my-pipeline', description: 'd' } });
    expect(PipelineFile.render(s, undefined, { description: 'x' })).toBe(renderPipelineFile(s, undefined, { description: 'x' }));
    expect(PipelineFile.render(s)).toContain('# Description: d\n');
  });
});
