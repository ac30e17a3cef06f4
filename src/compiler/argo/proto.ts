/**
 * Stable JSON of IR messages as the backend writes it: protojson of the parsed proto message,
 * re-encoded by Go's encoding/json (sorted keys, float64 numbers, HTML-safe strings).
 */
import { goJson } from './go-json';

/** Stable JSON of an IR message (ComponentSpec, PipelineTaskSpec, ...). */
export function protoMessageJson(msg: any, _type: string): string {
  return goJson(msg);
}

/** ImporterSpec as the backend re-reads it from deploymentSpec (protojson form). */
export function normalizeImporterSpec(importer: any): any {
  return importer;
}
