/**
 * Kubernetes resource quantities (`500m`, `2`, `16Gi`, `512M`, `1e9`), parsed into numbers so
 * that requests, limits and quotas can be compared at synth time.
 *
 * Pure functions, no cdk8s: CPU is returned in cores, everything else (memory, storage, GPUs)
 * in base units (bytes, devices).
 */

const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const DECIMAL: Record<string, number> = {
  'n': 1e-9,
  'u': 1e-6,
  'm': 1e-3,
  '': 1,
  'k': 1e3,
  'M': 1e6,
  'G': 1e9,
  'T': 1e12,
  'P': 1e15,
  'E': 1e18,
};

// <sign><number><suffix>, as in k8s.io/apimachinery/pkg/api/resource.
const QUANTITY = /^([+-]?)([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?[0-9]+|[numkMGTPE])?$/;

/** What a quantity field is expected to hold, for messages. */
export const QUANTITY_HELP = "a Kubernetes quantity such as '500m', '2', '16Gi', '512M' or '1e9'";

/**
 * Parses a Kubernetes quantity. Returns `undefined` when the text is not a quantity.
 * The result may be negative: callers decide whether that is allowed.
 */
export function parseQuantity(text: string): number | undefined {
  if (typeof text !== 'string') return undefined;
  const m = QUANTITY.exec(text.trim() === text ? text : '');
  if (!m) return undefined;
  const [, sign, digits, suffix = ''] = m;
  const base = Number(digits);
  if (!Number.isFinite(base)) return undefined;
  let factor: number;
  if (suffix in BINARY) factor = BINARY[suffix];
  else if (suffix in DECIMAL) factor = DECIMAL[suffix];
  else factor = 10 ** Number(suffix.slice(1));
  const value = base * factor;
  if (!Number.isFinite(value)) return undefined;
  return sign === '-' ? -value : value;
}

/** True for a KFP runtime placeholder such as `{{$.inputs.parameters['pipelinechannel--cpu']}}`. */
export function isPlaceholder(text: unknown): boolean {
  return typeof text === 'string' && text.includes('{{$');
}

/**
 * Parses a non-negative quantity for a construct prop, or throws a message naming the path,
 * the field, the value and what was expected.
 */
export function requireQuantity(path: string, field: string, value: string): number {
  const parsed = parseQuantity(value);
  if (parsed === undefined) {
    throw new Error(`${path}: ${field} '${value}' is not a valid quantity (expected ${QUANTITY_HELP})`);
  }
  if (parsed < 0) {
    throw new Error(`${path}: ${field} '${value}' is negative (expected a quantity of 0 or more)`);
  }
  return parsed;
}

/** Requires a whole number of at least `min`. */
export function requireCount(path: string, field: string, value: number, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new Error(`${path}: ${field} is ${JSON.stringify(value)} (expected a whole number of ${min} or more)`);
  }
  return value;
}

/** Formats cores for messages: `100m` below one core, else cores: `4`, `4.1`. */
export function formatCpu(cores: number): string {
  if (cores < 1) return `${Math.round(cores * 1000 * 1000) / 1000}m`;
  return `${Math.round(cores * 1000) / 1000}`;
}

/** Formats bytes for messages, in the largest binary unit that keeps two decimals: `16Gi`, `192Mi`, `1.5Gi`. */
export function formatBytes(bytes: number): string {
  for (const unit of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki']) {
    const size = BINARY[unit];
    if (bytes >= size) {
      const value = Math.round((bytes / size) * 100) / 100;
      return `${value}${unit}`;
    }
  }
  return `${Math.round(bytes)}`;
}

/** Formats a value of the given resource for messages. */
export function formatResource(resource: string, value: number): string {
  if (resource === 'cpu') return formatCpu(value);
  if (resource === 'memory' || resource === 'storage' || resource === 'ephemeral-storage') return formatBytes(value);
  return `${value}`;
}
