/**
 * JSON text exactly as Go's `encoding/json` writes it.
 *
 * The KFP backend stores component specs, task specs and the runtime config as JSON strings
 * inside the Workflow (`spec.arguments.parameters`, driver arguments), and names parameters
 * after a SHA-256 of JSON. To produce the same bytes we follow Go's rules:
 * - strings: `"` `\` and control characters escaped (`\n`, `\r`, `\t`, `\b`, `\f`, else `\u00XX`);
 *   `<`, `>`, `&`, U+2028 and U+2029 escaped as `\u003c`... (HTML-safe escaping, on by default);
 *   lone surrogates become U+FFFD (Go replaces invalid UTF-8);
 * - numbers are float64: shortest round-trip digits, exponent form only below 1e-6 or from 1e21
 *   (`1e-7`, `1e+21`), which is what JavaScript's `Number.prototype.toString` also does;
 * - map keys sorted by their UTF-8 bytes, no whitespace.
 */

/** Encodes a string the way Go's json.Marshal does (HTML escaping on). */
export function goString(s: string): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string | undefined;
    if (c < 0x20) {
      switch (c) {
        case 0x0a: rep = '\\n'; break;
        case 0x0d: rep = '\\r'; break;
        case 0x09: rep = '\\t'; break;
        case 0x08: rep = '\\b'; break;
        case 0x0c: rep = '\\f'; break;
        default: rep = '\\u00' + (c < 0x10 ? '0' : '') + c.toString(16);
      }
    } else if (c === 0x22) {
      rep = '\\"';
    } else if (c === 0x5c) {
      rep = '\\\\';
    } else if (c === 0x3c) {
      rep = '\\u003c';
    } else if (c === 0x3e) {
      rep = '\\u003e';
    } else if (c === 0x26) {
      rep = '\\u0026';
    } else if (c === 0x2028) {
      rep = '\\u2028';
    } else if (c === 0x2029) {
      rep = '\\u2029';
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = s.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        i++; // a valid surrogate pair: copied as is
        continue;
      }
      rep = '\ufffd';
    }
    if (rep !== undefined) {
      out += s.slice(start, i) + rep;
      start = i + 1;
    }
  }
  return out + s.slice(start) + '"';
}

/** Formats a float64 the way Go's encoding/json does. */
export function goNumber(n: number): string {
  if (!Number.isFinite(n)) {
    throw new Error(`json: unsupported value: ${n} (Go's encoding/json cannot encode NaN or Infinity)`);
  }
  if (Object.is(n, -0)) return '-0';
  // JavaScript's shortest round-trip formatting uses the same digits and the same exponent
  // thresholds (< 1e-6, >= 1e21) as Go's 'f'/'e' choice, and the same exponent spelling
  // after Go's cleanup of "e-07" to "e-7".
  return String(n);
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Compares two strings by their UTF-8 bytes (Go's sort order for map keys). */
export function compareUtf8(a: string, b: string): number {
  if (isAscii(a) && isAscii(b)) return a < b ? -1 : a > b ? 1 : 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * Go's `json.Marshal` of a generic value (`map[string]interface{}`, `[]interface{}`, string,
 * float64, bool, nil): sorted keys, Go number and string rules. `undefined` members are skipped.
 */
export function goJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string': return goString(value);
    case 'number': return goNumber(value);
    case 'boolean': return value ? 'true' : 'false';
    case 'bigint': return value.toString();
    case 'object': {
      if (Array.isArray(value)) return '[' + value.map((v) => goJson(v)).join(',') + ']';
      const obj = value as { [key: string]: unknown };
      const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort(compareUtf8);
      return '{' + keys.map((k) => goString(k) + ':' + goJson(obj[k])).join(',') + '}';
    }
    default:
      throw new Error(`json: unsupported type ${typeof value}`);
  }
}
