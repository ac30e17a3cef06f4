import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Database, KubeflowPipelines, KubeflowPipelinesProps, ObjectStore } from '../../../src';
import { testImageLock } from '../../install/helpers';
import { tempDir } from '../../util/tmp';

/** A fresh app writing into a temporary directory, and one chart. */
export function appAndChart(name = 'prod'): { app: App; chart: Chart; outdir: string } {
  const outdir = tempDir('kfp-hardening-');
  const app = Testing.app({ outdir });
  const chart = new Chart(app, name);
  return { app, chart, outdir };
}

/** Install props that satisfy every install-level checklist item. */
export function productionProps(chart: Chart, extra: Partial<KubeflowPipelinesProps> = {}): KubeflowPipelinesProps {
  return {
    production: true,
    database: Database.externalPostgres({ host: 'kfp.db.example.com', credentials: kplus.Secret.fromSecretName(chart, 'kfp-db-ref', 'kfp-db') }),
    objectStore: ObjectStore.s3({ bucket: 'acme-kfp', region: 'eu-west-1', serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/kfp' } }),
    monitoring: {},
    backup: {},
    networkPolicies: {},
    imageLock: testImageLock(),
    ...extra,
  };
}

/** A default install (dev credentials) in a fresh chart; returns its objects. */
export function install(
  props: KubeflowPipelinesProps = {},
  configure?: (chart: Chart) => KubeflowPipelinesProps,
): { chart: Chart; kfp: KubeflowPipelines; objects: any[] } {
  const { chart } = appAndChart('test');
  const kfp = new KubeflowPipelines(chart, 'kfp', configure ? configure(chart) : props);
  return { chart, kfp, objects: chart.toJson() };
}

export function find(objects: any[], kind: string, name: string): any {
  const o = objects.find((x) => x.kind === kind && x.metadata?.name === name);
  if (!o) throw new Error(`no ${kind} ${name}`);
  return o;
}

/** The pod spec of a workload object. */
export function podOf(obj: any): any {
  return obj.kind === 'CronJob' ? obj.spec.jobTemplate.spec.template.spec : obj.spec.template.spec;
}

/** Synthesizes the app and returns the error message, or undefined when synth passes. */
export function synthError(app: App): string | undefined {
  try {
    app.synth();
    return undefined;
  } catch (e: any) {
    return String(e.message);
  }
}
