// The argo-run example: a pipeline on the Argo workflow controller of a KFP install, applied by GitOps:
// - a Workflow (one run, content-addressed name: re-syncing is a no-op, a change starts a new run),
// - a WorkflowTemplate (start it on demand: `argo submit --from workflowtemplate/hello-pipeline`),
// - a CronWorkflow (every night at 03:00 Berlin time), built from the same compiled Workflow.
//
// The pipeline is the IR file next to this app (the format `kfp.compiler.Compiler().compile()`
// writes); a `Pipeline` construct works the same way.
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { ArgoCompiler, ArgoConcurrencyPolicy, CompiledPipeline, PipelineRun, PipelineTemplate } from '../../src';

/** Adds the example's chart to an app. */
export function buildArgoRunApp(app: App): Chart {
  const chart = new Chart(app, 'argo-run', { namespace: 'kubeflow' });

  const pipeline = CompiledPipeline.fromFile(path.join(__dirname, 'hello-pipeline.yaml'));
  const install = {
    // Match the KFP install these objects run on (these are the KFP 2.17.0 defaults).
    driverImage: 'ghcr.io/kubeflow/kfp-driver:2.17.0',
    launcherImage: 'ghcr.io/kubeflow/kfp-launcher:2.17.0',
    kfpNamespace: 'kubeflow',
  };

  new PipelineRun(chart, 'run', {
    pipeline,
    parameters: { recipient: 'GitOps' },
    compileOptions: install,
  });

  new PipelineTemplate(chart, 'template', {
    pipeline,
    compileOptions: install,
  });

  const nightly = ArgoCompiler.compile(pipeline.toIr(), pipeline.toPlatformSpec(), {
    ...install,
    parameterValues: { recipient: 'night shift' },
  });
  new ApiObject(chart, 'nightly', ArgoCompiler.cronWorkflow(nightly, {
    name: 'hello-pipeline-nightly',
    schedules: ['0 3 * * *'],
    timezone: 'Europe/Berlin',
    concurrencyPolicy: ArgoConcurrencyPolicy.FORBID,
    successfulJobsHistoryLimit: 3,
    failedJobsHistoryLimit: 3,
  }));
  return chart;
}
