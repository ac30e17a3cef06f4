// Goldens of single components compiled as pipelines, container placeholders and task settings.
import { Duration } from 'cdk8s';
import { IrCase, py } from './harness';
import { Component, Input, Output, Parameter, Pipeline, Placeholder } from '../../../src';

const UBI = 'registry.access.redhat.com/ubi9/python-311:latest';

export const COMPONENT_CASES: IrCase[] = [
  {
    golden: 'hello_world',
    build: (scope) => Pipeline.fromComponent(scope, 'echo', Component.container({
      name: 'echo', image: UBI, command: ['echo'], args: ['hello world'],
    })),
  },
  {
    golden: 'container_io',
    build: (scope) => Pipeline.fromComponent(scope, 'container-io', Component.container({
      name: 'container_io',
      image: UBI,
      inputs: { text: Input.string() },
      outputs: { output_path: Output.string() },
      command: ['my_program', Placeholder.inputValue('text')],
      args: ['--output_path', Placeholder.outputPath('output_path')],
    })),
  },
  {
    golden: 'critical/add_numbers',
    build: (scope) => Pipeline.fromComponent(scope, 'add-numbers', py('critical/add_numbers', 'add_numbers', {
      inputs: { a: Input.integer(), b: Input.integer() },
      outputs: { Output: Output.integer() },
    })),
  },
  {
    golden: 'containerized_python_component',
    build: (scope) => Pipeline.fromComponent(scope, 'concat-message', Component.python({
      source: 'def concat_message(message1: str, message2: str) -> str:\n    return message1 + message2\n',
      baseImage: UBI,
      targetImage: 'kfp-image',
      inputs: { message1: Input.string(), message2: Input.string() },
      outputs: { Output: Output.string() },
    })),
  },
  {
    golden: 'component_with_metadata_fields',
    build: (scope) => Pipeline.fromComponent(scope, 'dataset-joiner', py('component_with_metadata_fields', 'dataset_joiner', {
      description: 'Concatenate dataset_a and dataset_b.\nAlso returns the concatenated string.',
      inputs: {
        dataset_a: Input.dataset({ description: 'First dataset.' }),
        dataset_b: Input.dataset({ description: 'Second dataset.' }),
      },
      outputs: {
        out_dataset: Output.dataset({ description: 'The concatenated dataset.' }),
        Output: Output.string({ description: 'The concatenated string.' }),
      },
    })),
  },
  {
    golden: 'container_with_concat_placeholder',
    build: (scope) => Pipeline.fromComponent(scope, 'c', Component.container({
      name: 'container_with_concat_placeholder',
      image: UBI,
      inputs: { text1: Input.string() },
      outputs: { text2: Output.dataset(), output_path: Output.string() },
      command: ['my_program', Placeholder.concat(['prefix-', Placeholder.inputValue('text1'), Placeholder.outputUri('text2')])],
      args: ['--output_path', Placeholder.outputPath('output_path')],
    })),
  },
  {
    golden: 'container_with_if_placeholder',
    build: (scope) => Pipeline.fromComponent(scope, 'c', Component.container({
      name: 'container_with_if_placeholder',
      image: UBI,
      inputs: { optional_input: Input.string({ default: 'default' }) },
      outputs: { output_path: Output.string(), dataset: Output.dataset() },
      command: [
        'my_program',
        Placeholder.ifPresent('optional_input', [Placeholder.inputValue('optional_input')], ['bye']),
        '--dataset',
        Placeholder.ifPresent('optional_input', [Placeholder.outputUri('dataset')], ['bye']),
      ],
      args: ['--output_path', Placeholder.outputPath('output_path')],
    })),
  },
  {
    golden: 'container_with_placeholder_in_fstring',
    build: (scope) => Pipeline.fromComponent(scope, 'c', Component.container({
      name: 'container_with_placeholder_in_fstring',
      image: UBI,
      inputs: { text1: Input.string({ default: 'text!' }) },
      outputs: { output_artifact: Output.artifact() },
      command: ['my_program', `prefix-${Placeholder.inputValue('text1')}`, `${Placeholder.outputUri('output_artifact')}/0`],
    })),
  },
  {
    golden: 'critical/pipeline_with_retry',
    build: (scope) => {
      const add = py('critical/pipeline_with_retry', 'add', {
        inputs: { a: Input.double(), b: Input.double() },
        outputs: { Output: Output.double() },
      });
      const p = new Pipeline(scope, 'test-pipeline', {
        parameters: { a: Parameter.double({ default: 1 }), b: Parameter.double({ default: 7 }) },
      });
      p.task('add', add, { inputs: { a: p.param('a'), b: p.param('b') } }).withRetry({ maxRetryCount: 3 });
      return p;
    },
  },
  {
    golden: 'pipeline_with_string_machine_fields_pipeline_input',
    build: (scope) => {
      const sum = py('pipeline_with_string_machine_fields_pipeline_input', 'sum_numbers', {
        inputs: { a: Input.integer(), b: Input.integer() },
        outputs: { Output: Output.integer() },
      });
      const p = new Pipeline(scope, 'pipeline', {
        parameters: {
          cpu_limit: Parameter.string({ default: '4000m' }),
          memory_limit: Parameter.string({ default: '15G' }),
          accelerator_type: Parameter.string({ default: 'NVIDIA_TESLA_P4' }),
          accelerator_limit: Parameter.string({ default: '1' }),
        },
      });
      p.task('sum-numbers', sum, { inputs: { a: 1, b: 2 } })
        .withCpuLimit(p.param('cpu_limit'))
        .withMemoryLimit(p.param('memory_limit'))
        .withAcceleratorType(p.param('accelerator_type'))
        .withAcceleratorLimit(p.param('accelerator_limit'));
      return p;
    },
  },
  {
    golden: 'local_execution/local_execution_pipeline_with_k8s_only_methods',
    build: (scope) => {
      const echo = py('local_execution/local_execution_pipeline_with_k8s_only_methods', 'echo', {
        inputs: { message: Input.string() },
        outputs: { Output: Output.string() },
      });
      const p = new Pipeline(scope, 'pipeline-with-k8s-only-methods', {
        parameters: { message: Parameter.string({ default: 'hello' }) },
      });
      const t = p.task('echo', echo, { inputs: { message: p.param('message') } })
        .withCpuLimit('1000m')
        .withMemoryLimit('256Mi')
        .withAcceleratorType('nvidia.com/gpu');
      p.addOutput('Output', t.output());
      return p;
    },
  },
  {
    golden: 'critical/pipeline_with_env',
    build: (scope) => {
      const printEnv = py('critical/pipeline_with_env', 'print_env_op');
      const printEnv2 = Component.fromYaml([
        'name: Print env',
        'implementation:',
        '  container:',
        '    image: alpine',
        '    command:',
        '    - sh',
        '    - -c',
        '    - |',
        '      set -e -x',
        '      echo "$ENV1"',
        '      echo "$ENV2"',
        '      echo "$ENV3"',
        '    env:',
        '      ENV1: val0',
        '      ENV2: val0',
      ].join('\n'));
      const p = new Pipeline(scope, 'pipeline-with-env');
      p.task('print-env-op', printEnv).withEnv('ENV1', 'val1');
      p.task('print-env', printEnv2).withEnv('ENV2', 'val2').withEnv('ENV3', 'val3');
      return p;
    },
  },
  {
    golden: 'critical/pipeline_with_placeholders',
    build: (scope) => {
      const comp = py('critical/pipeline_with_placeholders', 'print_all_placeholders', {
        inputs: {
          job_name: Input.string(),
          job_resource_name: Input.string(),
          job_id: Input.string(),
          task_name: Input.string(),
          task_id: Input.string(),
        },
      });
      const p = new Pipeline(scope, 'pipeline-with-placeholders');
      p.task('print-all-placeholders', comp, {
        inputs: {
          job_name: Placeholder.PIPELINE_JOB_NAME,
          job_resource_name: Placeholder.PIPELINE_JOB_RESOURCE_NAME,
          job_id: Placeholder.PIPELINE_JOB_ID,
          task_name: Placeholder.PIPELINE_TASK_NAME,
          task_id: Placeholder.PIPELINE_TASK_ID,
        },
        caching: false,
      });
      return p;
    },
  },
  {
    golden: 'essential/pipeline_with_after',
    build: (scope) => {
      const printText = Component.fromYaml([
        'name: Print Text',
        'inputs:',
        '- {name: text, type: String}',
        'implementation:',
        '  container:',
        '    image: alpine',
        '    command:',
        '    - sh',
        '    - -c',
        '    - |',
        '      set -e -x',
        '      echo "$0"',
        '    - {inputValue: text}',
      ].join('\n'));
      const p = new Pipeline(scope, 'pipeline-with-after');
      const t1 = p.task('print-text', printText, { inputs: { text: '1st task' } });
      const t2 = p.task('print-text-2', printText, { inputs: { text: '2nd task' } }).after(t1);
      p.task('print-text-3', printText, { inputs: { text: '3rd task' } }).after(t1, t2);
      return p;
    },
  },
  {
    golden: 'metrics_visualization_v2',
    build: (scope) => {
      const g = 'metrics_visualization_v2';
      const sk = { packagesToInstall: ['scikit-learn'], baseImage: UBI };
      const wine = py(g, 'wine_classification', { ...sk, outputs: { metrics: Output.classificationMetrics() } });
      const iris = py(g, 'iris_sgdclassifier', {
        ...sk,
        inputs: { test_samples_fraction: Input.double() },
        outputs: { metrics: Output.classificationMetrics() },
      });
      const digit = py(g, 'digit_classification', { ...sk, outputs: { metrics: Output.metrics() } });
      const html = py(g, 'html_visualization', { outputs: { html_artifact: Output.html() } });
      const md = py(g, 'markdown_visualization', { outputs: { markdown_artifact: Output.markdown() } });
      const p = new Pipeline(scope, 'metrics-visualization-pipeline');
      p.task('wine-classification', wine);
      p.task('iris-sgdclassifier', iris, { inputs: { test_samples_fraction: 0.3 } });
      p.task('digit-classification', digit);
      p.task('html-visualization', html);
      p.task('markdown-visualization', md);
      return p;
    },
  },
  {
    golden: 'essential/lightweight_python_functions_pipeline',
    build: (scope) => {
      const g = 'essential/lightweight_python_functions_pipeline';
      const preprocess = py(g, 'preprocess', {
        inputs: {
          message: Input.string(),
          input_dict_parameter: Input.struct(),
          input_list_parameter: Input.list(),
        },
        outputs: {
          output_dataset_one: Output.dataset(),
          output_dataset_two_path: Output.dataset(),
          output_parameter_path: Output.string(),
          output_bool_parameter_path: Output.boolean(),
          output_dict_parameter_path: Output.struct(),
          output_list_parameter_path: Output.list(),
        },
      });
      const train = py(g, 'train', {
        inputs: {
          dataset_one_path: Input.dataset(),
          dataset_two: Input.dataset(),
          message: Input.string(),
          input_bool: Input.boolean(),
          input_dict: Input.struct(),
          input_list: Input.list(),
          num_steps: Input.integer({ default: 100 }),
        },
        outputs: { model: Output.model() },
      });
      const p = new Pipeline(scope, 'my-test-pipeline-beta', {
        parameters: { message: Parameter.string(), input_dict: Parameter.struct({ default: { A: 1, B: 2 } }) },
      });
      const pre = p.task('preprocess', preprocess, {
        inputs: { message: p.param('message'), input_dict_parameter: p.param('input_dict'), input_list_parameter: ['a', 'b', 'c'] },
      });
      p.task('train', train, {
        inputs: {
          dataset_one_path: pre.output('output_dataset_one'),
          dataset_two: pre.output('output_dataset_two_path'),
          message: pre.output('output_parameter_path'),
          input_bool: pre.output('output_bool_parameter_path'),
          input_dict: pre.output('output_dict_parameter_path'),
          input_list: pre.output('output_list_parameter_path'),
        },
      });
      return p;
    },
  },
];

void Duration;

COMPONENT_CASES.push({
  golden: 'critical/pipeline_with_workspace',
  build: (scope) => {
    const g = 'critical/pipeline_with_workspace';
    const write = py(g, 'write_to_workspace', { inputs: { workspace_path: Input.string() }, outputs: { Output: Output.string() } });
    const read = py(g, 'read_from_workspace', { inputs: { file_path: Input.string() }, outputs: { Output: Output.string() } });
    const p = new Pipeline(scope, 'pipeline-with-workspace', {
      description: 'A pipeline that demonstrates workspace functionality',
      workspace: { size: '1Gi', pvcSpecPatch: { storageClassName: 'standard', accessModes: ['ReadWriteOnce'] } },
    });
    const w = p.task('write-to-workspace', write, { inputs: { workspace_path: Placeholder.WORKSPACE_PATH } });
    const r = p.task('read-from-workspace', read, { inputs: { file_path: w.output() } });
    p.addOutput('Output', r.output());
    return p;
  },
});
