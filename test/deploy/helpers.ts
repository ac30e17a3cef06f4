import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import { CompiledPipeline } from '../../src/pipeline/source';

export const GOLDENS = path.resolve(__dirname, '..', '..', '..', 'shared', 'reference', 'kfp-ir', 'cases', 'valid');

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

/** A fresh temp directory. */
export function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-kfp-deploy-'));
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
