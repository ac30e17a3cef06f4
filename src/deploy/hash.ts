/**
 * Content hashes for published pipeline versions and declared runs.
 *
 * Canonical JSON: object keys sorted at every level, no whitespace, `undefined` members dropped
 * (as `JSON.stringify` does). Two specs that differ only in key order hash the same.
 */
import { createHash } from 'crypto';

/** JSON text with object keys sorted recursively. */
export function canonicalJson(value: any): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: any): any {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortKeys(v)));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, any> = {};
  for (const key of Object.keys(value).sort()) {
    if (value[key] !== undefined) out[key] = sortKeys(value[key]);
  }
  return out;
}

/** Hex SHA-256 of the canonical JSON of `value`. */
export function sha256Hex(value: any): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/** `sha256:<hex>` of the canonical JSON of `value`. */
export function contentHash(value: any): string {
  return `sha256:${sha256Hex(value)}`;
}
