/** Small IR documents for the Argo compiler's unit tests. */

/** hello_world from the upstream test data: one container task, no inputs. */
export function helloIr(): any {
  return {
    components: { 'comp-echo': { executorLabel: 'exec-echo' } },
    deploymentSpec: {
      executors: {
        'exec-echo': {
          container: { image: 'registry.access.redhat.com/ubi9/python-311:latest', command: ['echo'], args: ['hello world'] },
        },
      },
    },
    pipelineInfo: { name: 'echo' },
    root: {
      dag: {
        tasks: {
          echo: { cachingOptions: { enableCache: true }, componentRef: { name: 'comp-echo' }, taskInfo: { name: 'echo' } },
        },
      },
    },
    schemaVersion: '2.1.0',
    sdkVersion: 'kfp-2.14.3',
  };
}

/** A pipeline with typed root inputs, a retried task and a dependent task. */
export function paramsIr(): any {
  return {
    components: {
      'comp-train': {
        executorLabel: 'exec-train',
        inputDefinitions: { parameters: { lr: { parameterType: 'NUMBER_DOUBLE' }, epochs: { parameterType: 'NUMBER_INTEGER' } } },
        outputDefinitions: { parameters: { Output: { parameterType: 'STRING' } } },
      },
      'comp-report': { executorLabel: 'exec-report', inputDefinitions: { parameters: { msg: { parameterType: 'STRING' } } } },
    },
    deploymentSpec: {
      executors: {
        'exec-train': { container: { image: 'python:3.11', command: ['python', '-c'], args: ['print(1)'] } },
        'exec-report': { container: { image: 'python:3.11', command: ['echo'], args: ['{{$.inputs.parameters[\'msg\']}}'] } },
      },
    },
    pipelineInfo: { name: 'team/train-pipeline' },
    root: {
      dag: {
        tasks: {
          train: {
            componentRef: { name: 'comp-train' },
            inputs: {
              parameters: {
                lr: { componentInputParameter: 'lr' },
                epochs: { componentInputParameter: 'epochs' },
              },
            },
            retryPolicy: { maxRetryCount: 2, backoffDuration: '1.5s', backoffFactor: 0.00001, backoffMaxDuration: '3600s' },
            taskInfo: { name: 'train' },
          },
          report: {
            componentRef: { name: 'comp-report' },
            inputs: { parameters: { msg: { taskOutputParameter: { outputParameterKey: 'Output', producerTask: 'train' } } } },
            taskInfo: { name: 'report' },
          },
        },
      },
      inputDefinitions: {
        parameters: {
          lr: { parameterType: 'NUMBER_DOUBLE', defaultValue: 0.1, isOptional: true },
          epochs: { parameterType: 'NUMBER_INTEGER' },
          note: { parameterType: 'STRING', isOptional: true },
          mode: { parameterType: 'STRING', defaultValue: 'fast', literals: ['fast', 'slow'], isOptional: true },
        },
      },
    },
    schemaVersion: '2.1.0',
  };
}

export function template(wf: any, name: string): any {
  const t = wf.spec.templates.find((x: any) => x.name === name);
  if (!t) throw new Error(`no template ${name}; templates: ${wf.spec.templates.map((x: any) => x.name).join(', ')}`);
  return t;
}

export function task(wf: any, templateName: string, taskName: string): any {
  const t = template(wf, templateName).dag.tasks.find((x: any) => x.name === taskName);
  if (!t) throw new Error(`no task ${taskName} in ${templateName}`);
  return t;
}

export function arg(t: any, name: string): string | undefined {
  return t.arguments.parameters.find((p: any) => p.name === name)?.value;
}
