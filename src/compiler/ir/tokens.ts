/**
 * References embedded in strings. A reference rendered into a string (for example with a
 * template literal) becomes `{{kfp.ref:N}}`; the compiler finds these tokens in constants and
 * turns them into compiler-injected inputs, the way kfp handles f-strings with channels.
 */

export const REF_TOKEN_PATTERN = /\{\{kfp\.ref:(\d+)\}\}/g;

export function refToken(id: number | string): string {
  return `{{kfp.ref:${id}}}`;
}

/**
 * Visits every string of a JSON-like value (strings, and keys and values of lists and objects), in
 * order. `visitOther` sees every value first and returns true to stop descending into it.
 */
export function visitStrings(value: any, visitString: (s: string) => void, visitOther?: (v: any) => boolean): void {
  const visit = (v: any) => {
    if (visitOther?.(v)) return;
    if (typeof v === 'string') {
      visitString(v);
    } else if (Array.isArray(v)) {
      v.forEach(visit);
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        visit(k);
        visit(x);
      }
    }
  };
  visit(value);
}

/** Token ids in a JSON value (strings, and keys and values of lists and objects), in order. */
export function findRefTokens(value: any): string[] {
  const found: string[] = [];
  visitStrings(value, (s) => {
    for (const m of s.matchAll(REF_TOKEN_PATTERN)) found.push(m[1]);
  });
  return found;
}

/** Replaces every occurrence of `search` in the strings (and keys) of a JSON value. */
export function replaceInValue(value: any, search: string, replacement: string): any {
  if (typeof value === 'string') return value.split(search).join(replacement);
  if (Array.isArray(value)) return value.map((v) => replaceInValue(v, search, replacement));
  if (value && typeof value === 'object') {
    const out: Record<string, any> = {};
    for (const [k, v] of Object.entries(value)) out[k.split(search).join(replacement)] = replaceInValue(v, search, replacement);
    return out;
  }
  return value;
}
