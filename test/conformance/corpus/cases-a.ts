// Upstream corpus pipelines ported to TypeScript (share a of the corpus): see corpus.ts.
import * as fs from 'fs';
import { Chart } from 'cdk8s';
import { CorpusCase, corpusPy, NotPorted, pyComponent } from './corpus';
import {
  ArtifactType, Collected, Component, Condition, ExitHandler, If, Input, Output, ParallelFor, Parameter,
  ParameterType, Pipeline, PipelineProps, Placeholder,
} from '../../../src';

const UBI = 'registry.access.redhat.com/ubi9/python-311:latest';

/**
 * The triple-quoted string literals of a corpus file, in order (the YAML components and scripts
 * that a Python file embeds, read at test time rather than copied).
 */
function pyStrings(casePath: string): string[] {
  const text = fs.readFileSync(corpusPy(casePath), 'utf8');
  return [...text.matchAll(/"""([\s\S]*?)"""/g)].map((m) => m[1]);
}

/** Python's `textwrap.dedent`: whitespace-only lines emptied, the common indentation removed. */
function dedent(text: string): string {
  const lines = text.split('\n').map((l) => (/^[ \t]+$/.test(l) ? '' : l));
  const indents = lines.filter((l) => l !== '').map((l) => /^[ \t]*/.exec(l)![0]);
  let common = indents[0] ?? '';
  for (const i of indents) while (!i.startsWith(common)) common = common.slice(0, -1);
  return lines.map((l) => l.slice(common.length)).join('\n');
}

/** A sub-pipeline (`@dsl.pipeline` used inside another pipeline): it writes no file of its own. */
function subPipeline(scope: Chart, id: string, props: PipelineProps = {}): Pipeline {
  return new Pipeline(scope, id, { writeFile: false, ...props });
}

export const CASES_A: CorpusCase[] = [
  {
    path: 'arguments_parameters',
    build: (scope) => Pipeline.fromComponent(scope, 'echo', Component.container({
      name: 'echo',
      image: UBI,
      inputs: { param1: Input.string(), param2: Input.string() },
      command: ['echo'],
      args: [`${Placeholder.inputValue('param1')}-${Placeholder.inputValue('param2')}`],
    })),
  },
  {
    path: 'artifacts_complex',
    build: (scope) => {
      const g = 'artifacts_complex';
      const double = pyComponent(g, 'double', { inputs: { num: Input.integer() }, outputs: { out_dataset: Output.dataset() } });
      const add = pyComponent(g, 'add', {
        inputs: { in_datasets: Input.artifactList(ArtifactType.DATASET) },
        outputs: { out_dataset: Output.dataset() },
      });
      const addTwoInts = pyComponent(g, 'add_two_ints', {
        inputs: { in_dataset1: Input.dataset(), in_dataset2: Input.dataset() },
        outputs: { out_dataset: Output.dataset() },
      });
      const lists = subPipeline(scope, 'add_two_lists_of_datasets', {
        parameters: {
          in_datasets1: Input.artifactList(ArtifactType.DATASET),
          in_datasets2: Input.artifactList(ArtifactType.DATASET),
        },
        outputs: { Output: Output.dataset() },
      });
      const sum1 = lists.addTask(add, { inputs: { in_datasets: lists.param('in_datasets1') } });
      const sum2 = lists.addTask(add, { inputs: { in_datasets: lists.param('in_datasets2') } });
      const both = lists.addTask(addTwoInts, {
        inputs: { in_dataset1: sum1.output('out_dataset'), in_dataset2: sum2.output('out_dataset') },
      });
      lists.addOutput('Output', both.output('out_dataset'));

      const p = new Pipeline(scope, 'math_pipeline', {
        parameters: { threshold: Parameter.integer({ default: 2 }) },
        outputs: { sum: Output.dataset(), datasets: Output.artifactList(ArtifactType.DATASET) },
      });
      const x = new ParallelFor(p, 'x', { items: [1, 2, 3] });
      const double1 = x.addTask(double, { inputs: { num: x.item } });
      const y = new ParallelFor(x, 'y', { items: [1, 2, 3] });
      const big = new If(y, 'big', Condition.greaterThanOrEqualTo(y.item, p.param('threshold')));
      const double2 = big.addTask(double, { inputs: { num: y.item } });
      const sum = p.addTask(lists.asComponent(), {
        inputs: {
          in_datasets1: Collected.of(double1.output('out_dataset')),
          in_datasets2: Collected.of(double2.output('out_dataset')),
        },
      });
      p.addOutput('sum', sum.output());
      p.addOutput('datasets', Collected.of(double1.output('out_dataset')));
      return p;
    },
  },
  {
    path: 'artifacts_simple',
    build: (scope) => {
      const g = 'artifacts_simple';
      const double = pyComponent(g, 'double', { inputs: { num: Input.integer() }, outputs: { out_dataset: Output.dataset() } });
      const add = pyComponent(g, 'add', {
        inputs: { in_datasets: Input.artifactList(ArtifactType.DATASET) },
        outputs: { out_dataset: Output.dataset() },
      });
      const addContainer = Component.container({
        name: 'add_container',
        image: UBI,
        inputs: { in_datasets: Input.artifactList(ArtifactType.DATASET) },
        outputs: { out_dataset: Output.dataset() },
        command: ['python', '-c'],
        args: [dedent(pyStrings(g)[0]), Placeholder.inputArtifactList('in_datasets'), Placeholder.outputUri('out_dataset')],
      });
      const p = new Pipeline(scope, 'math_pipeline', { outputs: { Output: Output.artifactList(ArtifactType.DATASET) } });
      const x = new ParallelFor(p, 'x', { items: [1, 2, 3] });
      const t = x.addTask(double, { inputs: { num: x.item } });
      p.addTask(add, { inputs: { in_datasets: Collected.of(t.output('out_dataset')) } });
      p.addTask(addContainer, { inputs: { in_datasets: Collected.of(t.output('out_dataset')) } });
      p.addOutput('Output', Collected.of(t.output('out_dataset')));
      return p;
    },
  },
  {
    path: 'component_with_task_final_status',
    build: (scope) => Pipeline.fromComponent(scope, 'exit-comp', pyComponent('component_with_task_final_status', 'exit_comp', {
      inputs: { status: Input.taskFinalStatus() },
    })),
  },
  {
    path: 'conditional_producer_and_consumers',
    build: (scope) => {
      const g = 'conditional_producer_and_consumers';
      const double = pyComponent(g, 'double', { inputs: { num: Input.integer() }, outputs: { Output: Output.integer() } });
      const add = pyComponent(g, 'add', {
        inputs: { nums: Input.list({ itemType: ParameterType.NUMBER_INTEGER }) },
        outputs: { Output: Output.integer() },
      });
      const p = new Pipeline(scope, 'math_pipeline', {
        parameters: { threshold: Parameter.integer({ default: 2 }) },
        outputs: { Output: Output.list({ itemType: ParameterType.NUMBER_INTEGER }) },
      });
      const x = new ParallelFor(p, 'x', { items: [1, 2, 3] });
      const big = new If(x, 'big', Condition.greaterThanOrEqualTo(x.item, p.param('threshold')));
      const t1 = big.addTask(double, { inputs: { num: x.item } });
      const two = new If(p, 'two', Condition.equalTo(p.param('threshold'), 2));
      const t2 = two.addTask(add, { inputs: { nums: Collected.of(t1.output()) } });
      p.addOutput('Output', Collected.of(t2.output()));
      return p;
    },
  },
  {
    path: 'container_with_artifact_output',
    build: (scope) => Pipeline.fromComponent(scope, 'c', Component.container({
      name: 'container_with_artifact_output',
      image: 'gcr.io/my-image',
      inputs: { num_epochs: Input.integer() },
      outputs: { model: Output.model(), model_config_path: Output.string() },
      command: ['sh', 'run.sh'],
      args: [
        '--epochs', Placeholder.inputValue('num_epochs'),
        '--model_path', Placeholder.outputUri('model'),
        '--model_metadata', Placeholder.outputMetadata('model'),
        '--model_config_path', Placeholder.outputPath('model_config_path'),
      ],
    })),
  },
  {
    path: 'create_pod_metadata_complex',
    build: (scope) => {
      const g = 'create_pod_metadata_complex';
      const optional = Input.string({ optional: true });
      const validate = pyComponent(g, 'validate_pod_metadata', {
        inputs: {
          annotation_path_1: optional,
          annotation_exp_val_1: optional,
          annotation_path_2: optional,
          annotation_exp_val_2: optional,
          label_path_1: optional,
          label_exp_val_1: optional,
          label_path_2: optional,
          label_exp_val_2: optional,
        },
        outputs: { Output: Output.boolean() },
      });
      const validateNone = pyComponent(g, 'validate_no_pod_metadata', {
        inputs: { annotation_path: Input.string(), label_path: Input.string() },
        outputs: { Output: Output.boolean() },
      });
      const p = new Pipeline(scope, 'pipeline_with_pod_metadata');
      p.addTask(validate, {
        inputs: {
          annotation_path_1: 'POD_TASK_ANNOTATION',
          annotation_exp_val_1: 'annotation',
          label_path_1: 'POD_TASK_LABEL_1',
          label_exp_val_1: 'label-1',
          label_path_2: 'POD_TASK_LABEL_2',
          label_exp_val_2: 'label-2',
        },
        caching: false,
      }).kubernetes
        .addPodLabel('task-label-1', 'label-1')
        .addPodLabel('task-label-2', 'label-2')
        .addPodAnnotation('task-annotation', 'annotation')
        .useFieldPathAsEnv('POD_TASK_ANNOTATION', "metadata.annotations['task-annotation']")
        .useFieldPathAsEnv('POD_TASK_LABEL_1', "metadata.labels['task-label-1']")
        .useFieldPathAsEnv('POD_TASK_LABEL_2', "metadata.labels['task-label-2']");
      p.addTask(validate, {
        inputs: {
          annotation_path_1: 'POD_TASK_ANNOTATION_1',
          annotation_exp_val_1: 'annotation-1',
          annotation_path_2: 'POD_TASK_ANNOTATION_2',
          annotation_exp_val_2: 'annotation-2',
        },
        caching: false,
      }).kubernetes
        .addPodAnnotation('task-annotation-1', 'annotation-1')
        .addPodAnnotation('task-annotation-2', 'annotation-2')
        .useFieldPathAsEnv('POD_TASK_ANNOTATION_1', "metadata.annotations['task-annotation-1']")
        .useFieldPathAsEnv('POD_TASK_ANNOTATION_2', "metadata.annotations['task-annotation-2']");
      p.addTask(validateNone, { inputs: { annotation_path: 'POD_TASK_ANNOTATION', label_path: 'POD_TASK_LABEL' }, caching: false });
      return p;
    },
  },
  {
    path: 'critical/artifact_cache',
    build: (scope) => {
      const g = 'critical/artifact_cache';
      const coreComp = pyComponent(g, 'core_comp', { outputs: { dataset: Output.dataset() } });
      const crustComp = pyComponent(g, 'crust_comp', { inputs: { input: Input.dataset() } });
      const core = subPipeline(scope, 'core', { outputs: { Output: Output.dataset() } });
      core.addOutput('Output', core.addTask(coreComp).output());
      const mantle = subPipeline(scope, 'mantle', { outputs: { Output: Output.dataset() } });
      mantle.addOutput('Output', mantle.addTask(core.asComponent()).output());
      const crust = new Pipeline(scope, 'artifact_cache-pipeline');
      const dag = crust.addTask(mantle.asComponent());
      crust.addTask(crustComp, { inputs: { input: dag.output() } });
      return crust;
    },
  },
  {
    path: 'critical/artifact_crust',
    build: (scope) => {
      const g = 'critical/artifact_crust';
      const coreComp = pyComponent(g, 'core_comp', { outputs: { dataset: Output.dataset() } });
      const crustComp = pyComponent(g, 'crust_comp', { inputs: { input: Input.dataset() } });
      const core = subPipeline(scope, 'core', { outputs: { Output: Output.dataset() } });
      core.addOutput('Output', core.addTask(coreComp, { caching: false }).output());
      const mantle = subPipeline(scope, 'mantle', { outputs: { Output: Output.dataset() } });
      mantle.addOutput('Output', mantle.addTask(core.asComponent(), { caching: false }).output());
      const crust = new Pipeline(scope, 'artifact_crust-pipeline');
      const dag = crust.addTask(mantle.asComponent(), { caching: false });
      crust.addTask(crustComp, { inputs: { input: dag.output() }, caching: false });
      return crust;
    },
  },
  {
    path: 'critical/component_with_optional_inputs',
    build: (scope) => {
      const op = pyComponent('critical/component_with_optional_inputs', 'component_op', {
        inputs: {
          input1: Input.string({ default: 'default value' }),
          input2: Input.string({ optional: true }),
          input3: Input.string({ optional: true }),
        },
      });
      const p = new Pipeline(scope, 'v2-component-optional-input');
      p.addTask(op, { inputs: { input1: 'Hello', input2: 'World' } });
      return p;
    },
  },
  {
    path: 'critical/container_component_with_no_inputs',
    build: (scope) => {
      const hello = Component.container({ name: 'hello_world_container', image: UBI, command: ['echo', 'hello world'], args: [] });
      const p = new Pipeline(scope, 'v2-container-component-no-input');
      p.addTask(hello);
      return p;
    },
  },
  {
    path: 'critical/missing_kubernetes_optional_inputs',
    build: (scope) => {
      const log = pyComponent('critical/missing_kubernetes_optional_inputs', 'log_message', { inputs: { message: Input.string() } });
      const p = new Pipeline(scope, 'missing_kubernetes_optional_inputs_pipeline', {
        parameters: {
          optional_affinity: Parameter.struct({ optional: true }),
          optional_selector: Parameter.struct({ optional: true }),
          optional_secret_name: Parameter.string({ optional: true }),
          optional_config_map_name: Parameter.string({ optional: true }),
          optional_image_pull_secret_name: Parameter.string({ optional: true }),
          optional_tolerations: Parameter.list({ optional: true }),
        },
      });
      p.addTask(log, { inputs: { message: 'baseline task' }, caching: false }).kubernetes
        .addNodeAffinityJson(p.param('optional_affinity'))
        .addNodeSelectorJson(p.param('optional_selector'))
        .useSecretAsEnv(p.param('optional_secret_name'), { password: 'PASSWORD' }, { optional: true })
        .useSecretAsVolume(p.param('optional_secret_name'), '/mnt/secret', { optional: true })
        .useConfigMapAsEnv(p.param('optional_config_map_name'), { setting: 'SETTING' }, { optional: true })
        .useConfigMapAsVolume(p.param('optional_config_map_name'), '/mnt/config', { optional: true })
        .addImagePullSecrets(p.param('optional_image_pull_secret_name'))
        .addTolerationJson(p.param('optional_tolerations'));
      return p;
    },
  },
  {
    path: 'critical/mixed_parameters',
    build: (scope) => {
      const g = 'critical/mixed_parameters';
      const coreComp = pyComponent(g, 'core_comp', { outputs: { Output: Output.integer() } });
      const crustComp = pyComponent(g, 'crust_comp', { inputs: { x: Input.integer(), y: Input.integer() } });
      const core = subPipeline(scope, 'core', { outputs: { Output: Output.integer() } });
      core.addOutput('Output', core.addTask(coreComp, { caching: false }).output());
      const mantle = subPipeline(scope, 'mantle', { outputs: { Output: Output.integer() } });
      mantle.addOutput('Output', mantle.addTask(core.asComponent(), { caching: false }).output());
      const crust = new Pipeline(scope, 'mixed_parameters-pipeline');
      const dag = crust.addTask(mantle.asComponent(), { caching: false });
      crust.addTask(crustComp, { inputs: { x: 2, y: dag.output() }, caching: false });
      return crust;
    },
  },
  {
    path: 'critical/modelcar/modelcar',
    build: (scope) => {
      const g = 'critical/modelcar/modelcar';
      const buildModelCar = pyComponent(g, 'build_model_car', { outputs: { model: Output.model() } });
      const listFiles = pyComponent(g, 'get_model_files_list', { inputs: { input_model: Input.model() }, outputs: { Output: Output.string() } });
      const p = new Pipeline(scope, 'pipeline-with-modelcar-model', {
        parameters: { model_uri: Parameter.string({ default: 'oci://registry.domain.local/modelcar:test' }) },
      });
      const model = p.addImporter({ artifactUri: p.param('model_uri'), artifactType: ArtifactType.MODEL });
      p.addTask(listFiles, { inputs: { input_model: model.output() }, caching: false });
      p.addTask(buildModelCar, { caching: false });
      return p;
    },
  },
  {
    path: 'critical/multiple_artifacts_namedtuple',
    build: (scope) => {
      const g = 'critical/multiple_artifacts_namedtuple';
      const coreComp = pyComponent(g, 'core_comp', { outputs: { ds1: Output.dataset(), ds2: Output.dataset() } });
      const crustComp = pyComponent(g, 'crust_comp', { inputs: { ds1: Input.dataset(), ds2: Input.dataset() } });
      const outputs = { ds1: Output.dataset(), ds2: Output.dataset() };
      const core = subPipeline(scope, 'core', { outputs });
      const coreTask = core.addTask(coreComp, { caching: false });
      core.addOutput('ds1', coreTask.output('ds1')).addOutput('ds2', coreTask.output('ds2'));
      const mantle = subPipeline(scope, 'mantle', { outputs });
      const mantleTask = mantle.addTask(core.asComponent(), { caching: false });
      mantle.addOutput('ds1', mantleTask.output('ds1')).addOutput('ds2', mantleTask.output('ds2'));
      const crust = new Pipeline(scope, 'multiple_artifacts_namedtuple-pipeline');
      const dag = crust.addTask(mantle.asComponent(), { caching: false });
      crust.addTask(crustComp, { inputs: { ds1: dag.output('ds1'), ds2: dag.output('ds2') }, caching: false });
      return crust;
    },
  },
  {
    path: 'critical/multiple_parameters_namedtuple',
    build: (scope) => {
      const g = 'critical/multiple_parameters_namedtuple';
      const outputs = { val1: Output.string(), val2: Output.string() };
      const coreComp = pyComponent(g, 'core_comp', { outputs });
      const crustComp = pyComponent(g, 'crust_comp', { inputs: { val1: Input.string(), val2: Input.string() } });
      const core = subPipeline(scope, 'core', { outputs });
      const coreTask = core.addTask(coreComp, { caching: false });
      core.addOutput('val1', coreTask.output('val1')).addOutput('val2', coreTask.output('val2'));
      const mantle = subPipeline(scope, 'mantle', { outputs });
      const mantleTask = mantle.addTask(core.asComponent(), { caching: false });
      mantle.addOutput('val1', mantleTask.output('val1')).addOutput('val2', mantleTask.output('val2'));
      const crust = new Pipeline(scope, 'multiple_parameters_namedtuple-pipeline');
      const dag = crust.addTask(mantle.asComponent(), { caching: false });
      crust.addTask(crustComp, { inputs: { val1: dag.output('val1'), val2: dag.output('val2') }, caching: false });
      return crust;
    },
  },
  {
    path: 'critical/parallel_for_after_dependency',
    build: (scope) => {
      const printOp = pyComponent('critical/parallel_for_after_dependency', 'print_op', {
        inputs: { message: Input.string() },
        outputs: { Output: Output.string() },
      });
      const p = new Pipeline(scope, 'loop_with_after_dependency_set');
      const loop = new ParallelFor(p, 'loop', { items: [1, 2, 3] });
      const one = loop.addTask(printOp, { inputs: { message: 'foo' } });
      p.addTask(printOp, { inputs: { message: 'bar' } }).after(one);
      p.addTask(printOp, { inputs: { message: 'baz' } }).after(one);
      return p;
    },
  },
  {
    path: 'critical/parameter_cache',
    build: (scope) => {
      const g = 'critical/parameter_cache';
      const coreComp = pyComponent(g, 'core_comp', { outputs: { Output: Output.string() } });
      const crustComp = pyComponent(g, 'crust_comp', { inputs: { input: Input.string() } });
      const core = subPipeline(scope, 'core', { outputs: { Output: Output.string() } });
      core.addOutput('Output', core.addTask(coreComp).output());
      const mantle = subPipeline(scope, 'mantle', { outputs: { Output: Output.string() } });
      mantle.addOutput('Output', mantle.addTask(core.asComponent()).output());
      const crust = new Pipeline(scope, 'parameter_cache-pipeline');
      const dag = crust.addTask(mantle.asComponent());
      crust.addTask(crustComp, { inputs: { input: dag.output() } });
      return crust;
    },
  },
  {
    path: 'critical/parameters_simple',
    build: (scope) => {
      const g = 'critical/parameters_simple';
      const ints = ParameterType.NUMBER_INTEGER;
      const double = pyComponent(g, 'double', { inputs: { num: Input.integer() }, outputs: { Output: Output.integer() } });
      const add = pyComponent(g, 'add', { inputs: { nums: Input.list({ itemType: ints }) }, outputs: { Output: Output.integer() } });
      const sum = Placeholder.outputPath('sum');
      const addContainer = Component.container({
        name: 'add_container',
        image: 'jetbrainsinfra/jq',
        inputs: { nums: Input.list({ itemType: ints }) },
        outputs: { sum: Output.integer() },
        command: ['sh', '-c'],
        args: [[
          '',
          '            set -ex',
          `            mkdir -p $(dirname ${sum})`,
          `            echo ${Placeholder.inputValue('nums')} | jq 'add' > ${sum}`,
          '            ',
        ].join('\n')],
      });
      const p = new Pipeline(scope, 'math_pipeline', { outputs: { Output: Output.list({ itemType: ints }) } });
      const x = new ParallelFor(p, 'x', { items: [1, 2, 3] });
      const t = x.addTask(double, { inputs: { num: x.item } });
      p.addTask(add, { inputs: { nums: Collected.of(t.output()) } });
      p.addTask(addContainer, { inputs: { nums: Collected.of(t.output()) } });
      p.addOutput('Output', Collected.of(t.output()));
      return p;
    },
  },
  {
    path: 'critical/pipeline_with_artifact_custom_path',
    build: (scope) => {
      const g = 'critical/pipeline_with_artifact_custom_path';
      const produce = pyComponent(g, 'component_output_artifact', { outputs: { out_dataset: Output.dataset() } });
      const validate = pyComponent(g, 'validate_input_artifact', { inputs: { in_dataset: Input.dataset() }, outputs: { Output: Output.boolean() } });
      const p = new Pipeline(scope, 'pipeline_with_custom_path_artifact', { description: 'pipeline with artifact with custom path' });
      const out = p.addTask(produce, { caching: false });
      p.addTask(validate, { inputs: { in_dataset: out.output('out_dataset') } });
      return p;
    },
  },
  {
    path: 'critical/pipeline_with_artifact_upload_download',
    build: (scope) => {
      const g = 'critical/pipeline_with_artifact_upload_download';
      const download = pyComponent(g, 'download_dataset_and_upload_as_artifact', {
        packagesToInstall: ['datasets==4.0.0'],
        inputs: { dataset_repo: Input.string(), dataset_name: Input.string() },
        outputs: { output_dataset: Output.dataset() },
      });
      const info = pyComponent(g, 'print_dataset_info', { inputs: { dataset: Input.dataset() } });
      const p = new Pipeline(scope, 'pipeline-with-datasets', {
        description: 'Download Hugging Face Data Set, upload it as an artifact and print its metadata',
        parameters: {
          dataset_repo: Parameter.string({ default: 'google/frames-benchmark' }),
          dataset_name: Parameter.string({ default: '' }),
        },
      });
      const d = p.addTask(download, { inputs: { dataset_repo: p.param('dataset_repo'), dataset_name: p.param('dataset_name') } });
      p.addTask(info, { inputs: { dataset: d.output() } });
      return p;
    },
  },
  {
    path: 'critical/pipeline_with_input_status_state',
    build: (scope) => {
      const g = 'critical/pipeline_with_input_status_state';
      const echoState = pyComponent(g, 'echo_state', { inputs: { status: Input.taskFinalStatus() } });
      const someTask = pyComponent(g, 'some_task');
      const p = new Pipeline(scope, 'status_state_pipeline');
      const exit = p.addTask(echoState);
      new ExitHandler(p, 'handler', { exitTask: exit }).addTask(someTask);
      return p;
    },
  },
  {
    path: 'critical/pipeline_with_pod_metadata',
    build: (scope) => {
      const g = 'critical/pipeline_with_pod_metadata';
      const p = new Pipeline(scope, 'pipeline_with_pod_metadata');
      /** A task of `fn` whose inputs are the given strings, not cached, returning a bool. */
      const validate = (fn: string, inputs: Record<string, string>) => p.addTask(pyComponent(g, fn, {
        inputs: Object.fromEntries(Object.keys(inputs).map((k) => [k, Input.string()])),
        outputs: { Output: Output.boolean() },
      }), { inputs, caching: false }).kubernetes;
      const annotation = (n: string) => `metadata.annotations['task-annotation${n}']`;
      const label = (n: string) => `metadata.labels['task-label${n}']`;
      validate('validate_pod_metadata_task_a', {
        annotation_path: 'POD_TASK_ANNOTATION',
        annotation_exp_val: 'annotation',
        label_path_1: 'POD_TASK_LABEL_1',
        label_exp_val_1: 'label-1',
        label_path_2: 'POD_TASK_LABEL_2',
        label_exp_val_2: 'label-2',
      })
        .addPodLabel('task-label-1', 'label-1')
        .addPodLabel('task-label-2', 'label-2')
        .addPodAnnotation('task-annotation', 'annotation')
        .useFieldPathAsEnv('POD_TASK_ANNOTATION', annotation(''))
        .useFieldPathAsEnv('POD_TASK_LABEL_1', label('-1'))
        .useFieldPathAsEnv('POD_TASK_LABEL_2', label('-2'));
      validate('validate_pod_metadata_task_b', {
        annotation_path_1: 'POD_TASK_ANNOTATION_1',
        annotation_exp_val_1: 'annotation-1',
        annotation_path_2: 'POD_TASK_ANNOTATION_2',
        annotation_exp_val_2: 'annotation-2',
        annotation_path_3: 'POD_TASK_ANNOTATION_3',
        annotation_exp_val_3: 'annotation-3',
        annotation_path_4: 'POD_TASK_ANNOTATION_4',
        annotation_exp_val_4: 'annotation-4',
        label_path_1: 'POD_TASK_LABEL_1',
        label_exp_val_1: 'label-1',
        label_path_2: 'POD_TASK_LABEL_2',
        label_exp_val_2: 'label-2',
        label_path_3: 'POD_TASK_LABEL_3',
        label_exp_val_3: 'label-3',
      })
        .addPodAnnotation('task-annotation-1', 'annotation-1')
        .addPodAnnotation('task-annotation-2', 'annotation-2')
        .addPodAnnotation('task-annotation-3', 'annotation-3')
        .addPodAnnotation('task-annotation-4', 'annotation-4')
        .addPodLabel('task-label-1', 'label-1')
        .addPodLabel('task-label-2', 'label-2')
        .addPodLabel('task-label-3', 'label-3')
        .useFieldPathAsEnv('POD_TASK_ANNOTATION_1', annotation('-1'))
        .useFieldPathAsEnv('POD_TASK_ANNOTATION_2', annotation('-2'))
        .useFieldPathAsEnv('POD_TASK_ANNOTATION_3', annotation('-3'))
        .useFieldPathAsEnv('POD_TASK_ANNOTATION_4', annotation('-4'))
        .useFieldPathAsEnv('POD_TASK_LABEL_1', label('-1'))
        .useFieldPathAsEnv('POD_TASK_LABEL_2', label('-2'))
        .useFieldPathAsEnv('POD_TASK_LABEL_3', label('-3'));
      validate('validate_pod_metadata_task_c', {
        annotation_path_1: 'POD_TASK_ANNOTATION_1',
        annotation_exp_val_1: 'annotation-1',
        annotation_path_2: 'POD_TASK_ANNOTATION_2',
        annotation_exp_val_2: 'annotation-2',
      })
        .addPodAnnotation('task-annotation-1', 'annotation-1')
        .addPodAnnotation('task-annotation-2', 'annotation-2')
        .useFieldPathAsEnv('POD_TASK_ANNOTATION_1', annotation('-1'))
        .useFieldPathAsEnv('POD_TASK_ANNOTATION_2', annotation('-2'));
      validate('validate_pod_metadata_task_d', {
        label_path_1: 'POD_TASK_LABEL_1',
        label_exp_val_1: 'label-1',
        label_path_2: 'POD_TASK_LABEL_2',
        label_exp_val_2: 'label-2',
        label_path_3: 'POD_TASK_LABEL_3',
        label_exp_val_3: 'label-3',
      })
        .addPodLabel('task-label-1', 'label-1')
        .addPodLabel('task-label-2', 'label-2')
        .addPodLabel('task-label-3', 'label-3')
        .useFieldPathAsEnv('POD_TASK_LABEL_1', label('-1'))
        .useFieldPathAsEnv('POD_TASK_LABEL_2', label('-2'))
        .useFieldPathAsEnv('POD_TASK_LABEL_3', label('-3'));
      validate('validate_no_pod_metadata', {})
        .useFieldPathAsEnv('POD_TASK_ANNOTATION', annotation(''))
        .useFieldPathAsEnv('POD_TASK_ANNOTATION_1', annotation('-1'))
        .useFieldPathAsEnv('POD_TASK_LABEL', label(''))
        .useFieldPathAsEnv('POD_TASK_LABEL_1', label('-1'));
      return p;
    },
  },
  {
    path: 'critical/pipeline_with_secret_as_env',
    build: (scope) => {
      const g = 'critical/pipeline_with_secret_as_env';
      const comp = pyComponent(g, 'comp');
      const generate = pyComponent(g, 'generate_secret_name', { outputs: { some_output: Output.string() } });
      const p = new Pipeline(scope, 'pipeline_secret_env', { parameters: { secret_parm: Parameter.string({ default: 'test-secret-1' }) } });
      const task = p.addTask(comp);
      task.kubernetes
        .useSecretAsEnv(p.param('secret_parm'), { username: 'USER_NAME' })
        .useSecretAsEnv('test-secret-2', { password: 'PASSWORD_VAR1' });
      const task2 = p.addTask(generate);
      task.kubernetes.useSecretAsEnv(task2.output(), { password: 'PASSWORD_VAR2' });
      return p;
    },
  },
  {
    path: 'critical/pipeline_with_submit_request',
    build: (scope) => {
      const submit = pyComponent('critical/pipeline_with_submit_request', 'submit_request', {
        baseImage: UBI,
        packagesToInstall: ['requests'],
        inputs: { url: Input.string() },
      });
      const p = new Pipeline(scope, 'pipeline-with-external-request', { description: 'A pipeline that requests both in-cluster & external URLs.' });
      p.addTask(submit, { inputs: { url: 'httpbin.org/get' }, caching: false });
      p.addTask(submit, { inputs: { url: 'ml-pipeline:8888/apis/v2beta1/healthz' }, caching: false });
      return p;
    },
  },
  {
    path: 'critical/producer_consumer_param',
    build: (scope) => {
      const [producerYaml, consumerYaml] = pyStrings('critical/producer_consumer_param');
      const producer = Component.fromYaml(producerYaml);
      const consumer = Component.fromYaml(consumerYaml);
      const p = new Pipeline(scope, 'producer-consumer-param-pipeline', { parameters: { text: Parameter.string({ default: 'Hello world' }) } });
      const t = p.addTask(producer, { inputs: { input_text: p.param('text') } });
      p.addTask(consumer, { inputs: { input_value: t.output('output_value') } });
      return p;
    },
  },
  {
    path: 'critical/pythonic_artifacts_test_pipeline',
    build: (scope) => {
      const g = 'critical/pythonic_artifacts_test_pipeline';
      const genData = pyComponent(g, 'gen_data', { outputs: { Output: Output.dataset() } });
      const train = pyComponent(g, 'train_model', { inputs: { dataset: Input.dataset() }, outputs: { Output: Output.model() } });
      const p = new Pipeline(scope, 'pythonic-artifacts-test');
      const t1 = p.addTask(genData, { caching: false });
      p.addTask(train, { inputs: { dataset: t1.output() }, caching: false });
      return p;
    },
  },
  {
    path: 'critical/two_step_pipeline_containerized',
    build: (scope) => {
      const component1 = Component.container({
        name: 'component1',
        image: 'alpine',
        inputs: { text: Input.string() },
        outputs: { output_gcs: Output.dataset() },
        command: ['sh', '-c', 'mkdir --parents $(dirname "$1") && echo "$0" > "$1"'],
        args: [Placeholder.inputValue('text'), Placeholder.outputPath('output_gcs')],
      });
      const component2 = Component.container({
        name: 'component2',
        image: 'alpine',
        inputs: { input_gcs: Input.dataset() },
        command: ['cat'],
        args: [Placeholder.inputPath('input_gcs')],
      });
      const p = new Pipeline(scope, 'containerized-two-step-pipeline', { parameters: { text: Parameter.string() } });
      const c1 = p.addTask(component1, { inputs: { text: p.param('text') } });
      p.addTask(component2, { inputs: { input_gcs: c1.output('output_gcs') } });
      return p;
    },
  },
  {
    path: 'env_var',
    build: (scope) => {
      const comp = pyComponent('env_var', 'comp', {
        baseImage: 'public.ecr.aws/docker/library/python:3.12',
        inputs: { env_var: Input.string() },
        outputs: { Output: Output.string() },
      });
      const p = new Pipeline(scope, 'test_env_exists', { parameters: { env_var: Parameter.string() } });
      p.addOutput('Output', p.addTask(comp, { inputs: { env_var: p.param('env_var') }, caching: false }).output());
      return p;
    },
  },
  {
    path: 'essential/component_with_pip_index_urls',
    build: (scope) => {
      const op = pyComponent('essential/component_with_pip_index_urls', 'component_op', {
        pipIndexUrls: ['https://pypi.org/simple'],
        packagesToInstall: ['yapf'],
      });
      const p = new Pipeline(scope, 'v2-component-pip-index-urls');
      p.addTask(op);
      return p;
    },
  },
  {
    path: 'essential/component_with_pip_install',
    build: (scope) => Pipeline.fromComponent(scope, 'c', pyComponent('essential/component_with_pip_install', 'component_with_pip_install', {
      pipIndexUrls: ['https://pypi.org/simple'],
      packagesToInstall: ['yapf'],
    })),
  },
  {
    path: 'essential/component_with_pip_install_in_venv',
    build: (scope) => Pipeline.fromComponent(scope, 'c', pyComponent('essential/component_with_pip_install_in_venv', 'component_with_pip_install', {
      pipIndexUrls: ['https://pypi.org/simple'],
      packagesToInstall: ['yapf'],
      useVenv: true,
    })),
  },
];

/** Why kfp itself doesn't write the same file twice: the notebook is embedded as a gzip whose header holds the compile time. */
const NOTEBOOK = 'a notebook component (@dsl.notebook_component): kfp embeds the notebook as a base64 tar.gz made with gzip.compress() '
  + '(kfp/dsl/component_factory.py), whose header carries the current time as mtime, so kfp 2.17.0 itself writes different bytes '
  + 'on every compile (two compiles 2 s apart differ in __KFP_EMBEDDED_ARCHIVE_B64); nothing byte-identical can be reproduced';

export const NOT_PORTED_A: NotPorted[] = [
  { path: 'critical/notebook_component_mixed', reason: NOTEBOOK },
  { path: 'critical/notebook_component_simple', reason: NOTEBOOK },
];
