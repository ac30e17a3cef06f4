import { App, Chart, Testing } from 'cdk8s';
import { Component, Input, Parameter, Pipeline, Placeholder } from '../../src';
import { CompiledPipeline } from '../../src/pipeline/source';
import { ref } from '../conformance/reference';
import { tempDir } from '../util/tmp';

/** The kfp SDK goldens (only inside a conformance suite, which skips without the references). */
export function goldensDir(): string {
  return ref('kfp-ir', 'cases', 'valid');
}

/** A small pipeline with one parameter of every type. */
export function typedPipeline(name = 'typed-pipeline', extra: any = {}): CompiledPipeline {
  return CompiledPipeline.fromObjects({
    components: { 'comp-echo': { executorLabel: 'exec-echo' } },
    deploymentSpec: { executors: { 'exec-echo': { container: { image: 'alpine:3.20', command: ['echo'] } } } },
    pipelineInfo: { name, description: 'A pipeline with typed inputs' },
    root: {
      dag: { tasks: { echo: { componentRef: { name: 'comp-echo' }, taskInfo: { name: 'echo' } } } },
      inputDefinitions: {
        parameters: {
          message: { parameterType: 'STRING' },
          epochs: { parameterType: 'NUMBER_INTEGER', defaultValue: 3, isOptional: true },
          rate: { parameterType: 'NUMBER_DOUBLE', defaultValue: 0.1, isOptional: true },
          dry_run: { parameterType: 'BOOLEAN', defaultValue: false, isOptional: true },
          items: { parameterType: 'LIST', defaultValue: [], isOptional: true },
          config: { parameterType: 'STRUCT', defaultValue: {}, isOptional: true },
        },
      },
    },
    schemaVersion: '2.1.0',
    sdkVersion: 'kfp-2.14.6',
    ...extra,
  });
}

/** A real DSL pipeline that adds two integers (like kfp's `add_numbers` sample). */
export function sumPipeline(): Pipeline {
  const add = Component.container({
    name: 'add',
    image: 'python:3.11-slim',
    command: ['python3', '-c', 'import sys; print(int(sys.argv[1]) + int(sys.argv[2]))'],
    args: [Placeholder.inputValue('a'), Placeholder.inputValue('b')],
    inputs: { a: Input.integer(), b: Input.integer() },
  });
  const pipeline = new Pipeline(new App(), 'add-numbers', { parameters: { a: Parameter.integer(), b: Parameter.integer() } });
  pipeline.task('add', add, { inputs: { a: pipeline.param('a'), b: pipeline.param('b') } });
  return pipeline;
}

/** A DSL pipeline that uses kfp-kubernetes settings, so it has a PlatformSpec document. */
export function kubernetesPipeline(): Pipeline {
  const train = Component.container({ name: 'train', image: 'python:3.11-slim', command: ['python3', '-c', 'print(1)'] });
  const pipeline = new Pipeline(new App(), 'with-secrets');
  const task = pipeline.task('train', train);
  task.kubernetes.useSecretAsEnv('db-credentials', { password: 'DB_PASSWORD' });
  task.kubernetes.addNodeSelector('cloud.google.com/gke-accelerator', 'nvidia-tesla-t4');
  return pipeline;
}

/** A fresh temp directory. */
export function tmpDir(): string {
  return tempDir('cdk8s-kfp-deploy-');
}

/** An app writing to a temp directory, and a chart in it. */
export function appAndChart(id = 'test'): { app: App; chart: Chart } {
  const app = Testing.app();
  return { app, chart: new Chart(app, id) };
}

/** Every object of every chart of the app, after validation (as `cdk8s synth` does). */
export function synthApp(app: App): any[] {
  app.synth();
  return app.charts.flatMap((c) => Testing.synth(c));
}

/** The validation errors `cdk8s synth` would report, or '' when the app is valid. */
export function synthError(app: App): string {
  try {
    app.synth();
    return '';
  } catch (e: any) {
    return e.message;
  }
}
