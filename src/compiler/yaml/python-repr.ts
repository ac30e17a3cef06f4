/**
 * Python `str()` / `repr()` of JSON-like values, as the kfp compiler prints pipeline defaults in
 * the header comment of a pipeline file. Numbers are Python floats there (they come from a
 * `google.protobuf.Value`), so they print as `2.0`, `1e-05`, `inf`.
 */
import { pythonFloatRepr } from './pyyaml';

// Characters Python's str.isprintable() rejects: other/control/format/surrogate/private/unassigned
// and separators, except the ASCII space.
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** Python `repr(str)`. */
export function pythonStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') {
      out += `\\${ch}`;
    } else if (ch === '\t') {
      out += '\\t';
    } else if (ch === '\n') {
      out += '\\n';
    } else if (ch === '\r') {
      out += '\\r';
    } else if (cp < 0x20 || cp === 0x7f) {
      out += `\\x${cp.toString(16).padStart(2, '0')}`;
    } else if (cp < 0x7f) {
      out += ch;
    } else if (ch !== ' ' && NON_PRINTABLE.test(ch)) {
      if (cp <= 0xff) out += `\\x${cp.toString(16).padStart(2, '0')}`;
      else if (cp <= 0xffff) out += `\\u${cp.toString(16).padStart(4, '0')}`;
      else out += `\\U${cp.toString(16).padStart(8, '0')}`;
    } else {
      out += ch;
    }
  }
  return out + quote;
}

/** Python `repr()` of a value decoded from a protobuf `Value` (numbers are floats). */
export function pythonRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  switch (typeof v) {
    case 'string':
      return pythonStrRepr(v);
    case 'boolean':
      return v ? 'True' : 'False';
    case 'number':
      return pythonFloatRepr(v);
    case 'object':
      if (Array.isArray(v)) return `[${v.map(pythonRepr).join(', ')}]`;
      return `{${Object.entries(v as object)
        .filter(([, x]) => x !== undefined)
        .map(([k, x]) => `${pythonStrRepr(k)}: ${pythonRepr(x)}`)
        .join(', ')}}`;
    default:
      return String(v);
  }
}
