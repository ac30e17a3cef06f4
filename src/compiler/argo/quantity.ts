/**
 * Kubernetes resource quantities in canonical form (what `resource.Quantity.String()` prints):
 * `1024Mi` → `1Gi`, `0.5Gi` → `512Mi`, `1.5` → `1500m`, `1000` → `1k`.
 */
const BINARY = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const DECIMAL: { [exp: number]: string } = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const DECIMAL_EXP: { [suffix: string]: number } = { 'n': -9, 'u': -6, 'm': -3, '': 0, 'k': 3, 'M': 6, 'G': 9, 'T': 12, 'P': 15, 'E': 18 };

function pow(base: bigint, n: number): bigint {
  let r = 1n;
  for (let i = 0; i < n; i++) r *= base;
  return r;
}

/** Canonical text of a Kubernetes quantity; throws on a malformed one. */
export function canonicalQuantity(text: string): string {
  const m = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/.exec(text.trim());
  if (!m) throw new Error(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$', got '${text}'`);
  const [, sign, num, suffix = ''] = m;
  const [whole, frac = ''] = num.split('.');
  const mantissa = BigInt((whole || '0') + frac);
  // value = mantissa / 10^frac.length * factor; work in nano units, rounding up like Kubernetes.
  let numerator = mantissa * 1_000_000_000n;
  let denominator = pow(10n, frac.length);
  let format: 'binary' | 'decimal' | 'exponent' = 'decimal';
  const bi = BINARY.indexOf(suffix);
  if (suffix !== '' && bi > 0) {
    format = 'binary';
    numerator *= pow(1024n, bi);
  } else {
    let exp: number;
    if (suffix in DECIMAL_EXP) {
      exp = DECIMAL_EXP[suffix];
    } else {
      format = 'exponent';
      exp = Number(suffix.slice(1));
    }
    if (exp >= 0) numerator *= pow(10n, exp);
    else denominator *= pow(10n, -exp);
  }
  let nanos = numerator / denominator;
  if (nanos * denominator !== numerator) nanos += 1n;
  if (nanos === 0n) return '0';
  const negative = sign === '-';

  if (format === 'binary') {
    const isInteger = nanos % 1_000_000_000n === 0n;
    const bytes = nanos / 1_000_000_000n;
    if (isInteger && bytes >= 1024n) {
      let k = 0;
      let value = bytes;
      while (k < BINARY.length - 1 && value % 1024n === 0n) {
        value /= 1024n;
        k++;
      }
      return `${negative ? '-' : ''}${value}${BINARY[k]}`;
    }
    format = 'decimal';
  }
  let exp = -9;
  let value = nanos;
  while (exp < 18 && value % 1000n === 0n) {
    value /= 1000n;
    exp += 3;
  }
  const suffixOut = format === 'decimal' ? DECIMAL[exp] : (exp === 0 ? '' : `e${exp}`);
  return `${negative ? '-' : ''}${value}${suffixOut}`;
}
