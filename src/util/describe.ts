/**
 * How error messages show a value the user gave (internal): a construct by its path, numbers
 * as written (`NaN`, `Infinity`, `-0`), strings and objects as JSON, long values cut short.
 */
import { Construct } from 'constructs';

const MAX = 120;

/** The value as the user would recognise it in an error message. */
export function describeValue(value: unknown): string {
  if (value instanceof Construct) return `'${value.node.path}'`;
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return `a function${value.name ? ` (${value.name})` : ''}`;
  if (typeof value === 'symbol') return value.toString();
  let text: string;
  try {
    text = JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX ? `${text.slice(0, MAX - 3)}...` : text;
}
