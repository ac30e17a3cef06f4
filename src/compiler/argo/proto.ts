/**
 * Stable JSON of IR messages as the backend writes it: the protojson form of the parsed proto
 * message, re-encoded by Go's encoding/json (sorted keys, float64 numbers, HTML-safe strings).
 *
 * IR written by the kfp SDK (or by this library's IR compiler) is already canonical protojson,
 * so this is mostly Go-JSON encoding. For IR written by hand it also applies the protojson rules
 * that change text: scalar fields at their default (`false`, `0`, `""`, unspecified enums) and
 * empty repeated fields are left out, and Durations are spelled with 0, 3, 6 or 9 fractional
 * digits (`1.5s` → `1.500s`). Free-form values (`google.protobuf.Value`/`Struct` fields such as
 * `defaultValue`, `constant`, `metadata`) are kept exactly as given.
 */
import { goJson } from './go-json';

/** Fields whose content is a google.protobuf.Value/Struct (or a list or map of them). */
const FREE_FORM = new Set(['defaultValue', 'constant', 'constantValue', 'metadata', 'literals', 'runtimeValue']);
const ENUM_FIELDS = new Set(['parameterType', 'strategy']);
const DURATION_FIELDS = new Set(['backoffDuration', 'backoffMaxDuration']);

/** protojson spelling of a google.protobuf.Duration given as JSON text (`"90s"`, `"1.5s"`). */
export function canonicalDuration(v: string): string {
  const m = /^(-?)(\d+)(?:\.(\d{1,9}))?s$/.exec(v);
  if (!m) return v;
  const [, sign, secs, frac = ''] = m;
  const nanos = frac.padEnd(9, '0');
  let fraction = '';
  if (nanos !== '000000000') {
    fraction = nanos.endsWith('000000') ? nanos.slice(0, 3) : nanos.endsWith('000') ? nanos.slice(0, 6) : nanos;
    fraction = '.' + fraction;
  }
  const seconds = BigInt(secs).toString();
  const negative = sign === '-' && (seconds !== '0' || fraction !== '');
  return `${negative ? '-' : ''}${seconds}${fraction}s`;
}

function canonical(value: any, key?: string): any {
  if (key !== undefined && FREE_FORM.has(key)) return value;
  if (Array.isArray(value)) return value.map((v) => canonical(v));
  if (value === null || typeof value !== 'object') {
    if (key !== undefined && DURATION_FIELDS.has(key) && typeof value === 'string') return canonicalDuration(value);
    return value;
  }
  const out: any = {};
  for (const [k, v] of Object.entries(value)) {
    if (FREE_FORM.has(k)) {
      if (v !== undefined) out[k] = v;
      continue;
    }
    if (v === false || v === 0 || v === '' || v === null || v === undefined) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (ENUM_FIELDS.has(k) && typeof v === 'string' && v.endsWith('_UNSPECIFIED')) continue;
    out[k] = canonical(v, k);
  }
  return out;
}

/** Stable JSON of an IR message (ComponentSpec, PipelineTaskSpec). */
export function protoMessageJson(msg: any): string {
  return goJson(canonical(msg));
}

/** ImporterSpec in protojson form, as the backend re-reads it from deploymentSpec. */
export function normalizeImporterSpec(importer: any): any {
  return canonical(importer);
}
