// The gitops example: `git push` is the only way the quickstart pipeline and its nightly schedule
// reach KFP. Argo CD applies examples/dist/gitops.k8s.yaml:
// - a Pipeline and a PipelineVersion (KFP's Kubernetes-native pipeline store) holding the IR;
// - a KfpReconciler: a ConfigMap with the declared recurring run, a PostSync hook Job that
//   creates or updates it through the KFP API (so it shows in the KFP UI), and a CronJob that
//   repairs drift every 30 minutes.
// See docs/gitops.md for the step-by-step Argo CD flow.
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { KfpReconciler, PublishedPipeline, RecurringRun, Schedule, VersionLock } from '../../src';
import { addQuickstartPipeline } from '../quickstart/pipeline';

/** Options of the example app (tests use their own lock file). */
export interface GitopsOptions {
  /** @default the kfp-versions.lock.json committed next to this file */
  readonly versionLock?: VersionLock;
  /** @default process.env.PIPELINE_VERSION (e.g. a git tag set by CI), else the content hash */
  readonly version?: string;
}

/** Adds the example's chart to an app. */
export function buildGitopsApp(app: App, options: GitopsOptions = {}): Chart {
  const chart = new Chart(app, 'gitops');

  // The quickstart pipeline (examples/quickstart). It is named apart from that example's own
  // copy, because every example writes its pipeline file into the shared examples/dist/.
  const quickstart = addQuickstartPipeline(chart, 'quickstart', { name: 'gitops-quickstart' });

  const published = new PublishedPipeline(chart, 'published', {
    pipeline: quickstart,
    namespace: 'kubeflow',
    version: options.version ?? process.env.PIPELINE_VERSION,
    displayName: 'Quickstart (GitOps)',
    tags: { team: 'ml-platform', source: 'gitops' },
    codeSourceUrl: 'https://git.example.com/ml-platform/pipelines/tree/main/examples/quickstart',
    versionLock: options.versionLock ?? VersionLock.fromFile(path.join(__dirname, 'kfp-versions.lock.json')),
  });

  const reconciler = new KfpReconciler(chart, 'reconciler', {
    namespace: 'kubeflow',
    name: 'gitops-reconciler',
    apiUrl: 'http://ml-pipeline.kubeflow.svc.cluster.local:8888',
  });

  new RecurringRun(chart, 'nightly', {
    pipeline: published,
    recurringRunName: 'quickstart-nightly',
    description: 'Retrains the quickstart model every night at 02:00 (UTC, the KFP scheduler time zone).',
    schedule: Schedule.cron('0 2 * * *'),
    experiment: 'quickstart-nightly',
    experimentDescription: 'Nightly quickstart retraining, managed from git',
    parameters: { n_estimators: 300, accuracy_threshold: 0.92 },
    maxConcurrency: 1,
    noCatchup: true,
    serviceAccount: 'pipeline-runner',
    reconciler,
  });
  return chart;
}
