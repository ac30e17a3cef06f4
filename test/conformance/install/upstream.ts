/**
 * Loads the upstream KFP 2.17.0 kustomize renderings (the pin) for the install conformance suites.
 */
import * as fs from 'fs';
import { parseAllDocuments } from 'yaml';
import { ref } from '../reference';

const cache = new Map<string, any[]>();

/** The objects of `kfp-manifests/release-2.17.0/<file>`. */
export function upstream(file: string): any[] {
  let docs = cache.get(file);
  if (!docs) {
    const text = fs.readFileSync(ref('kfp-manifests', 'release-2.17.0', file), 'utf8');
    docs = parseAllDocuments(text).map((d) => d.toJSON()).filter((d) => d && typeof d === 'object');
    cache.set(file, docs);
  }
  return docs;
}

/** `Kind/namespace/name` (namespace empty for cluster-scoped objects). */
export function keyOf(obj: any): string {
  return `${obj.kind}/${obj.metadata?.namespace ?? ''}/${obj.metadata?.name}`;
}

/** A deep copy without `description` keywords (schemas compare on structure, not prose). */
export function withoutDescriptions(value: any): any {
  if (Array.isArray(value)) return value.map(withoutDescriptions);
  if (value === null || typeof value !== 'object') return value;
  const out: any = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'description' && typeof v === 'string') continue;
    out[k] = withoutDescriptions(v);
  }
  return out;
}
