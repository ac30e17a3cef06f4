/**
 * The facts that make up a CustomResourceDefinition, and the `apiextensions.k8s.io/v1` object
 * they generate.
 */
import { Schema } from './schema';

/** A printer column shown by `kubectl get`. */
export interface PrinterColumnFacts {
  readonly name: string;
  readonly type: string;
  readonly jsonPath: string;
  readonly format?: string;
  readonly description?: string;
}

/** One served version of a custom resource. */
export interface CrdVersionFacts {
  readonly name: string;
  readonly schema: Schema;
  /** @default true */
  readonly served?: boolean;
  /** @default true */
  readonly storage?: boolean;
  /** `{}` enables nothing but is still written (Argo writes it for Workflows). */
  readonly subresources?: { status?: boolean; emptyObject?: boolean };
  readonly printerColumns?: PrinterColumnFacts[];
}

/** Everything that defines one CRD. */
export interface CrdFacts {
  readonly group: string;
  readonly kind: string;
  readonly plural: string;
  readonly singular: string;
  readonly shortNames?: string[];
  readonly scope: 'Namespaced' | 'Cluster';
  readonly versions: CrdVersionFacts[];
  readonly annotations?: { [key: string]: string };
}

/** The CRD's `metadata.name` (`<plural>.<group>`). */
export function crdName(facts: CrdFacts): string {
  return `${facts.plural}.${facts.group}`;
}

/** Generates the `apiextensions.k8s.io/v1` CustomResourceDefinition object. */
export function toCrdManifest(facts: CrdFacts): any {
  const names: any = {
    kind: facts.kind,
    listKind: `${facts.kind}List`,
    plural: facts.plural,
    singular: facts.singular,
  };
  if (facts.shortNames?.length) names.shortNames = [...facts.shortNames];
  const metadata: any = { name: crdName(facts) };
  if (facts.annotations) metadata.annotations = { ...facts.annotations };
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata,
    spec: {
      group: facts.group,
      names,
      scope: facts.scope,
      versions: facts.versions.map((v) => {
        const out: any = {
          name: v.name,
          served: v.served ?? true,
          storage: v.storage ?? true,
          schema: { openAPIV3Schema: JSON.parse(JSON.stringify(v.schema)) },
        };
        if (v.printerColumns?.length) {
          out.additionalPrinterColumns = v.printerColumns.map((c) => {
            const col: any = { name: c.name, type: c.type, jsonPath: c.jsonPath };
            if (c.format) col.format = c.format;
            if (c.description) col.description = c.description;
            return col;
          });
        }
        if (v.subresources) out.subresources = v.subresources.status ? { status: {} } : {};
        return out;
      }),
    },
  };
}
