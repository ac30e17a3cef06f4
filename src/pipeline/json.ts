/** Checks that a constant is JSON-serializable the way kfp needs it (a protobuf Value). */
export function checkJsonValue(value: any, where: string): void {
  const problem = findProblem(value, new Set());
  if (problem) {
    throw new Error(`${where}: got ${problem}; expected a JSON value (string, finite number, boolean, list or plain object)`);
  }
}

function describe(v: any): string {
  if (v === undefined) return 'undefined';
  if (typeof v === 'function') return `a function${v.name ? ` (${v.name})` : ''}`;
  if (typeof v === 'symbol') return `a symbol (${String(v)})`;
  if (typeof v === 'bigint') return `a bigint (${String(v)}n)`;
  if (typeof v === 'number') return String(v);
  if (v && typeof v === 'object') return `an instance of ${v.constructor?.name ?? 'an unknown class'}`;
  return String(v);
}

function findProblem(v: any, seen: Set<any>, path = ''): string | undefined {
  const at = path ? ` at ${path}` : '';
  if (v === null) return `null${at}`;
  if (typeof v === 'string' || typeof v === 'boolean') return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? undefined : `${describe(v)}${at}`;
  if (Array.isArray(v)) {
    if (seen.has(v)) return `a circular reference${at}`;
    seen.add(v);
    for (let i = 0; i < v.length; i++) {
      const p = findProblem(v[i], seen, `${path}[${i}]`);
      if (p) return p;
    }
    seen.delete(v);
    return undefined;
  }
  if (v && typeof v === 'object') {
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return `${describe(v)}${at}`;
    if (seen.has(v)) return `a circular reference${at}`;
    seen.add(v);
    for (const [k, x] of Object.entries(v)) {
      const p = findProblem(x, seen, path ? `${path}.${k}` : k);
      if (p) return p;
    }
    seen.delete(v);
    return undefined;
  }
  return `${describe(v)}${at}`;
}
