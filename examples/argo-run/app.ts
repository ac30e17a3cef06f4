// The argo-run example: the quickstart pipeline on the Argo workflow controller of a KFP install,
// applied by GitOps:
// - a Workflow (one run, content-addressed name: re-syncing is a no-op, a change starts a new run),
// - a WorkflowTemplate (start it on demand: `argo submit --from workflowtemplate/quickstart`),
// - a CronWorkflow (every night at 03:00 Berlin time), built from the same compiled Workflow.
//
// A pipeline compiled in Python works the same way: `CompiledPipeline.fromFile('pipeline.yaml')`.
import { ApiObject, App, Chart } from 'cdk8s';
import { ArgoCompiler, ArgoConcurrencyPolicy, PipelineRun, PipelineTemplate } from '../../src';
import { addQuickstartPipeline } from '../quickstart/pipeline';

/** Adds the example's chart to an app. */
export function buildArgoRunApp(app: App): Chart {
  const chart = new Chart(app, 'argo-run', { namespace: 'kubeflow' });

  // The quickstart example already writes quickstart.pipeline.yaml.
  const pipeline = addQuickstartPipeline(chart, 'quickstart', { writeFile: false });
  const install = {
    // Match the KFP install these objects run on (these are the KFP 2.17.0 defaults).
    driverImage: 'ghcr.io/kubeflow/kfp-driver:2.17.0',
    launcherImage: 'ghcr.io/kubeflow/kfp-launcher:2.17.0',
    kfpNamespace: 'kubeflow',
  };

  new PipelineRun(chart, 'run', {
    pipeline,
    parameters: { n_estimators: 300 },
    compileOptions: install,
  });

  new PipelineTemplate(chart, 'template', {
    pipeline,
    compileOptions: install,
  });

  const nightly = pipeline.toArgoWorkflow({
    ...install,
    parameterValues: { accuracy_threshold: 0.95 },
  });
  new ApiObject(chart, 'nightly', ArgoCompiler.cronWorkflow(nightly, {
    name: 'quickstart-nightly',
    schedules: ['0 3 * * *'],
    timezone: 'Europe/Berlin',
    concurrencyPolicy: ArgoConcurrencyPolicy.FORBID,
    successfulJobsHistoryLimit: 3,
    failedJobsHistoryLimit: 3,
  }));
  return chart;
}
