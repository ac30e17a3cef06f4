import { createHash } from 'crypto';
import { Chart, Testing } from 'cdk8s';
import { ImageLock, KubeflowPipelines, KubeflowPipelinesProps } from '../../src';

/** cert-manager kinds have no schema package; this minimal structural CRD checks the fields we write. */
export const CERT_MANAGER_CRDS = [
  {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'certificates.cert-manager.io' },
    spec: {
      group: 'cert-manager.io',
      names: { kind: 'Certificate', plural: 'certificates' },
      scope: 'Namespaced',
      versions: [{
        name: 'v1',
        schema: {
          openAPIV3Schema: {
            type: 'object',
            required: ['spec'],
            properties: {
              spec: {
                type: 'object',
                required: ['secretName', 'issuerRef'],
                additionalProperties: false,
                properties: {
                  commonName: { type: 'string' },
                  dnsNames: { type: 'array', items: { type: 'string' } },
                  isCA: { type: 'boolean' },
                  issuerRef: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, kind: { type: 'string' } } },
                  secretName: { type: 'string' },
                },
              },
            },
          },
        },
      }],
    },
  },
  {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'issuers.cert-manager.io' },
    spec: {
      group: 'cert-manager.io',
      names: { kind: 'Issuer', plural: 'issuers' },
      scope: 'Namespaced',
      versions: [{
        name: 'v1',
        schema: {
          openAPIV3Schema: {
            type: 'object',
            required: ['spec'],
            properties: { spec: { type: 'object', additionalProperties: false, properties: { selfSigned: { type: 'object' } } } },
          },
        },
      }],
    },
  },
];

export interface Synthesized {
  readonly chart: Chart;
  readonly kfp: KubeflowPipelines;
  readonly objects: any[];
}

/** Synthesizes an install in a fresh chart. */
export function synthInstall(props?: KubeflowPipelinesProps, configure?: (chart: Chart) => KubeflowPipelinesProps): Synthesized {
  const app = Testing.app();
  const chart = new Chart(app, 'test');
  const kfp = new KubeflowPipelines(chart, 'kfp', configure ? configure(chart) : props);
  return { chart, kfp, objects: chart.toJson() };
}

export function find(objects: any[], kind: string, name: string): any {
  const o = objects.find((x) => x.kind === kind && x.metadata?.name === name);
  if (!o) throw new Error(`no ${kind} ${name}`);
  return o;
}

export function container(deployment: any, name?: string): any {
  const cs = deployment.spec.template.spec.containers;
  return name ? cs.find((c: any) => c.name === name) : cs[0];
}

export function envOf(c: any, name: string): any {
  return (c.env ?? []).find((e: any) => e.name === name);
}

/**
 * A lock with a made-up digest (the sha256 of the reference) for every image an install with
 * these image props would use: tests pin images without a registry.
 */
export function testImageLock(props: Pick<KubeflowPipelinesProps, 'imageRegistry' | 'images'> = {}): ImageLock {
  const chart = new Chart(Testing.app(), 'lock');
  const kfp = new KubeflowPipelines(chart, 'kfp', props);
  const entries: { [image: string]: string } = {};
  for (const [, image] of kfp.images._entries()) entries[image] = `sha256:${createHash('sha256').update(image).digest('hex')}`;
  return ImageLock.fromEntries(entries);
}
