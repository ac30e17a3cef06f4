/**
 * Python-compatible JSON and `str()` rendering, for the places where the kfp compiler writes
 * Python's output verbatim (static loop items, placeholders, CEL constants).
 */

function pyFloatRepr(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return String(n);
  // Python repr switches to exponent form at 1e16 and below 1e-4.
  const abs = Math.abs(n);
  if (abs >= 1e16 || (abs !== 0 && abs < 1e-4)) {
    const [mant, exp] = n.toExponential().split('e');
    const e = Number(exp);
    const sign = e < 0 ? '-' : '+';
    const digits = String(Math.abs(e)).padStart(2, '0');
    return `${mant}e${sign}${digits}`;
  }
  return String(n);
}

function pyString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') {out += '\\"';} else if (ch === '\\') {out += '\\\\';} else if (ch === '\n') {out += '\\n';} else if (ch === '\r') {out += '\\r';} else if (ch === '\t') {out += '\\t';} else if (ch === '\b') {out += '\\b';} else if (ch === '\f') {out += '\\f';} else if (code < 0x20 || (code > 0x7e && code <= 0xffff)) {
      out += '\\u' + code.toString(16).padStart(4, '0');
    } else if (code > 0xffff) {
      const v = code - 0x10000;
      const hi = 0xd800 + Math.floor(v / 0x400);
      const lo = 0xdc00 + (v % 0x400);
      out += '\\u' + hi.toString(16) + '\\u' + lo.toString(16);
    } else {out += ch;}
  }
  return out + '"';
}

/** Python `json.dumps(value, sort_keys=sortKeys)` (default separators, ensure_ascii). */
export function pyJsonDumps(value: any, sortKeys = false): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return pyFloatRepr(value);
  if (typeof value === 'string') return pyString(value);
  if (Array.isArray(value)) return '[' + value.map((v) => pyJsonDumps(v, sortKeys)).join(', ') + ']';
  const keys = Object.keys(value);
  if (sortKeys) keys.sort(codepointCompare);
  return '{' + keys.map((k) => `${pyString(k)}: ${pyJsonDumps(value[k], sortKeys)}`).join(', ') + '}';
}

/** Python `str()` of a number as kfp sees it (JS integers are Python ints). */
export function pyNumberStr(n: number): string {
  return pyFloatRepr(n);
}

/** Compare strings by Unicode code point (Python's default string order). */
export function codepointCompare(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done && y.done) return 0;
    if (x.done) return -1;
    if (y.done) return 1;
    const cx = x.value.codePointAt(0)!;
    const cy = y.value.codePointAt(0)!;
    if (cx !== cy) return cx - cy;
  }
}
