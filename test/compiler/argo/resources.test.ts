import { helloIr, paramsIr } from './fixtures';
import {
  ArgoCompiler, ArgoConcurrencyPolicy, checkArgoSchedule, checkRunParameters, compileToArgo, toCronWorkflow, toWorkflowTemplate,
} from '../../../src/compiler/argo';
import { validateManifests } from '../../util/validate';

const wf = compileToArgo(helloIr());

describe('toWorkflowTemplate', () => {
  test('wraps the compiled spec under a stable name', () => {
    const t = toWorkflowTemplate(wf, { name: 'echo', namespace: 'team-a', labels: { app: 'echo' } });
    expect(t).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'WorkflowTemplate',
      metadata: { name: 'echo', namespace: 'team-a', labels: { app: 'echo' } },
      spec: wf.spec,
    });
    expect(t.spec).not.toBe(wf.spec);
    expect(ArgoCompiler.workflowTemplate(wf, { name: 'echo' }).kind).toBe('WorkflowTemplate');
  });

  test('rejects invalid names and non-workflows', () => {
    expect(() => toWorkflowTemplate(wf, { name: 'Echo_1' })).toThrow(
      'toWorkflowTemplate: name "Echo_1" is not a valid Kubernetes object name (expected a DNS-1123 subdomain');
    expect(() => toWorkflowTemplate({ kind: 'Pod' }, { name: 'x' })).toThrow(
      'toWorkflowTemplate: expected a compiled Argo Workflow (the result of compileToArgo), got {"kind":"Pod"}');
  });
});

describe('toCronWorkflow', () => {
  test('schedule, time zone, concurrency, deadlines, history, workflow metadata', () => {
    const c = ArgoCompiler.cronWorkflow(wf, {
      name: 'echo-nightly',
      namespace: 'team-a',
      schedules: ['0 3 * * *', '30 12 * * mon-fri'],
      timezone: 'Europe/Berlin',
      concurrencyPolicy: ArgoConcurrencyPolicy.FORBID,
      startingDeadlineSeconds: 300,
      successfulJobsHistoryLimit: 5,
      failedJobsHistoryLimit: 2,
      suspend: false,
      when: '{{= cronworkflow.lastScheduledTime == nil }}',
      stopExpression: 'cronworkflow.failed >= 3',
      workflowLabels: { team: 'a' },
    });
    expect(c).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'CronWorkflow',
      metadata: { name: 'echo-nightly', namespace: 'team-a' },
      spec: {
        schedules: ['0 3 * * *', '30 12 * * mon-fri'],
        timezone: 'Europe/Berlin',
        concurrencyPolicy: 'Forbid',
        startingDeadlineSeconds: 300,
        successfulJobsHistoryLimit: 5,
        failedJobsHistoryLimit: 2,
        suspend: false,
        when: '{{= cronworkflow.lastScheduledTime == nil }}',
        stopStrategy: { expression: 'cronworkflow.failed >= 3' },
        workflowMetadata: { labels: { team: 'a' } },
        workflowSpec: wf.spec,
      },
    });
  });

  test('validates against the Argo schema', async () => {
    await validateManifests([
      toCronWorkflow(compileToArgo(paramsIr(), undefined, { parameterValues: { epochs: 1 } }), { name: 'train', schedules: ['@daily'], timezone: 'UTC' }),
      toWorkflowTemplate(wf, { name: 'echo', namespace: 'kubeflow' }),
    ]);
  });

  test.each([
    ['0 0 3 * * *', "schedule '0 0 3 * * *' has 6 fields, expected 5 (minute hour day-of-month month day-of-week) (Argo takes no seconds field; KFP recurring runs do, Argo CronWorkflows do not)"],
    ['61 * * * *', "schedule '61 * * * *': minute field '61' is invalid (expected *, a value 0-59, a range, a list or a step)"],
    ['@sometimes', "schedule '@sometimes' is not a known descriptor"],
  ])('bad schedule %s', (schedule, message) => {
    expect(checkArgoSchedule(schedule)).toContain(message);
    expect(() => toCronWorkflow(wf, { name: 'x', schedules: [schedule] })).toThrow(`toCronWorkflow 'x': ${message}`);
  });

  test.each(['*/15 * * * *', '0 9-17 * * 1-5', '0 0 1 jan,jul *', '@every 1h30m', '@hourly', '5,10 0 * * SUN'])('good schedule %s', (s) => {
    expect(checkArgoSchedule(s)).toBeUndefined();
  });

  test('other bad props', () => {
    expect(() => toCronWorkflow(wf, { name: 'x', schedules: [] })).toThrow("toCronWorkflow 'x': schedules must be a non-empty list of cron expressions, got []");
    expect(() => toCronWorkflow(wf, { name: 'x', schedules: ['@daily'], timezone: 'Mars/Olympus' })).toThrow(
      "toCronWorkflow 'x': timezone \"Mars/Olympus\" is not an IANA time zone (e.g. 'UTC', 'Europe/Berlin')");
    expect(() => toCronWorkflow(wf, { name: 'x', schedules: ['@daily'], startingDeadlineSeconds: -1 })).toThrow(
      "toCronWorkflow 'x': startingDeadlineSeconds must be a non-negative integer, got -1");
    expect(() => toCronWorkflow(wf, { name: 'a'.repeat(53), schedules: ['@daily'] })).toThrow(
      'is 53 characters; Argo limits CronWorkflow names to 52');
    expect(() => toCronWorkflow(wf, { name: 'x', schedules: ['@daily'], concurrencyPolicy: 'Sometimes' as any })).toThrow(
      "toCronWorkflow 'x': concurrencyPolicy must be one of Allow, Forbid, Replace, got \"Sometimes\"");
  });
});

describe('checkRunParameters', () => {
  test('valid values give no problems', () => {
    expect(checkRunParameters(paramsIr(), { epochs: 3, lr: 0.5, note: 'x', mode: 'slow' })).toEqual([]);
    expect(ArgoCompiler.checkParameters(paramsIr(), { epochs: 3 })).toEqual([]);
  });

  test('every problem is listed', () => {
    expect(checkRunParameters(paramsIr(), { lr: 'fast', colour: 'red' })).toEqual([
      "pipeline parameter 'lr' is NUMBER_DOUBLE, expected a number, got \"fast\"",
      "unknown pipeline parameter 'colour'; the pipeline's parameters are: epochs, lr, mode, note",
      "pipeline parameter 'epochs' (NUMBER_INTEGER) is required and has no default value",
    ]);
    expect(checkRunParameters(paramsIr(), {}, false)).toEqual([]);
  });

  test('types: boolean, list, struct', () => {
    const ir = {
      root: {
        inputDefinitions: {
          parameters: { b: { parameterType: 'BOOLEAN' }, l: { parameterType: 'LIST' }, s: { parameterType: 'STRUCT' } },
          artifacts: { data: { artifactType: { schemaTitle: 'system.Dataset' } } },
        },
      },
    };
    expect(checkRunParameters(ir, { b: 'yes', l: {}, s: [], data: 'gs://x' })).toEqual([
      "pipeline parameter 'b' is BOOLEAN, expected a boolean, got \"yes\"",
      "pipeline parameter 'l' is LIST, expected a list, got {}",
      "pipeline parameter 's' is STRUCT, expected an object, got []",
      "unknown pipeline parameter 'data' (it is an artifact input, which a run cannot set); the pipeline's parameters are: b, l, s",
    ]);
  });
});
