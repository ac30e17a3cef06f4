/**
 * Cron expressions as KFP reads them.
 *
 * KFP 2.17 validates and runs recurring-run crons with `github.com/robfig/cron` v1.2.0 `cron.Parse`:
 * six fields with **seconds first** (`second minute hour day-of-month month [day-of-week]`, the
 * day of week optional), `*` and `?` wildcards, lists, ranges, steps, month and weekday names,
 * and the descriptors `@yearly @annually @monthly @weekly @daily @midnight @hourly @every <duration>`.
 * Nothing in KFP converts a standard 5-field cron: `0 * * * *` would silently mean "second 0 of
 * every minute". These functions convert 5-field crons by prepending a seconds field and check
 * every field the way robfig/cron does, so a bad cron fails at synth instead of at the API server.
 *
 * Pure functions; no cdk8s import.
 */

interface FieldBounds {
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly names?: Record<string, number>;
}

const MONTH_NAMES: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};
const DOW_NAMES: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/** The six KFP fields, in order. */
const FIELDS: FieldBounds[] = [
  { label: 'second', min: 0, max: 59 },
  { label: 'minute', min: 0, max: 59 },
  { label: 'hour', min: 0, max: 23 },
  { label: 'day-of-month', min: 1, max: 31 },
  { label: 'month', min: 1, max: 12, names: MONTH_NAMES },
  { label: 'day-of-week', min: 0, max: 6, names: DOW_NAMES },
];

const DESCRIPTORS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

/** The result of reading a cron expression. */
export interface ParsedCron {
  /** The expression in the form KFP stores: six fields (seconds first) or a descriptor. */
  readonly kfpExpression: string;
  /** The six fields, when the expression is not a descriptor. */
  readonly fields?: string[];
  /** The descriptor (`@daily`, `@every 1h`, ...), when the expression is one. */
  readonly descriptor?: string;
  /** For `@every`: the interval in whole seconds. */
  readonly everySeconds?: number;
}

/** Thrown by {@link parseCron}; the message says what is wrong and what is expected. */
export class CronError extends Error {}

const EXPECTED =
  "expected a standard 5-field cron 'minute hour day-of-month month day-of-week' (for example '0 2 * * *'), " +
  "KFP's 6-field form with seconds first ('0 0 2 * * *'), or a descriptor (@yearly, @annually, @monthly, " +
  '@weekly, @daily, @midnight, @hourly, @every <duration>)';

/**
 * Reads a cron expression. 5 fields are standard cron and get a leading `0` seconds field;
 * 6 fields are KFP's form and are kept; descriptors are kept. Throws {@link CronError}.
 */
export function parseCron(expression: string): ParsedCron {
  if (typeof expression !== 'string' || expression.trim().length === 0) {
    throw new CronError(`the cron expression is empty; ${EXPECTED}`);
  }
  const spec = expression.trim();
  if (spec.startsWith('@')) return parseDescriptor(spec);

  const parts = spec.split(/\s+/);
  if (parts.length < 5 || parts.length > 6) {
    throw new CronError(`found ${parts.length} field(s); ${EXPECTED}`);
  }
  const fields = parts.length === 5 ? ['0', ...parts] : parts;
  const offset = parts.length === 5 ? 1 : 0;
  fields.forEach((field, i) => {
    if (i < offset) return;
    checkField(field, FIELDS[i]);
  });
  return { kfpExpression: fields.join(' '), fields };
}

function parseDescriptor(spec: string): ParsedCron {
  if (DESCRIPTORS.includes(spec)) return { kfpExpression: spec, descriptor: spec };
  const every = /^@every (.+)$/.exec(spec);
  if (every) {
    const seconds = parseGoDuration(every[1].trim());
    if (seconds === undefined) {
      throw new CronError(`'@every ${every[1]}' has an invalid duration; expected a Go duration such as '90s', '15m' or '1h30m'`);
    }
    if (seconds < 1) {
      throw new CronError(`'@every ${every[1]}' is shorter than 1 second; KFP schedules at most once per second`);
    }
    if (!Number.isInteger(seconds)) {
      throw new CronError(`'@every ${every[1]}' is not a whole number of seconds; KFP truncates it, so write the interval in whole seconds`);
    }
    return { kfpExpression: spec, descriptor: spec, everySeconds: seconds };
  }
  throw new CronError(`unrecognized descriptor '${spec}'; ${EXPECTED}`);
}

function checkField(field: string, bounds: FieldBounds): void {
  for (const part of field.split(',')) {
    checkRange(part, field, bounds);
  }
}

function checkRange(expr: string, field: string, b: FieldBounds): void {
  const where = `${b.label} field '${field}'`;
  if (expr.length === 0) throw new CronError(`${where} has an empty list item; expected values separated by single commas`);
  const rangeAndStep = expr.split('/');
  if (rangeAndStep.length > 2) throw new CronError(`${where} has too many slashes in '${expr}'; expected 'range/step'`);
  const lowAndHigh = rangeAndStep[0].split('-');
  let start: number;
  let end: number;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    if (lowAndHigh.length > 1) throw new CronError(`${where}: '${expr}' is not a valid range; '*' cannot start a range`);
    start = b.min;
    end = b.max;
  } else {
    if (lowAndHigh.length > 2) throw new CronError(`${where} has too many hyphens in '${expr}'; expected 'low-high'`);
    if (lowAndHigh.some((x) => x === '')) throw new CronError(`${where}: '${expr}' is missing a number (negative values are not allowed); expected 'value' or 'low-high'`);
    start = parseValue(lowAndHigh[0], where, b);
    end = lowAndHigh.length === 2 ? parseValue(lowAndHigh[1], where, b) : start;
  }
  if (rangeAndStep.length === 2) {
    const step = parseNumber(rangeAndStep[1]);
    if (step === undefined) throw new CronError(`${where}: step '${rangeAndStep[1]}' in '${expr}' is not a number`);
    if (step === 0) throw new CronError(`${where}: step 0 in '${expr}'; expected a positive step`);
    // robfig/cron reads 'N/step' as 'N-max/step'.
    if (lowAndHigh.length === 1) end = b.max;
  }
  if (start < b.min) throw new CronError(`${where}: ${start} is below the minimum ${b.min}; expected ${b.min}-${b.max}`);
  if (end > b.max) {
    const hint = b.label === 'day-of-week' && end === 7 ? " (KFP's cron parser has no 7 for Sunday; use 0 or SUN)" : '';
    throw new CronError(`${where}: ${end} is above the maximum ${b.max}; expected ${b.min}-${b.max}${hint}`);
  }
  if (start > end) throw new CronError(`${where}: range '${expr}' starts after it ends`);
}

function parseValue(text: string, where: string, b: FieldBounds): number {
  if (b.names) {
    const named = b.names[text.toLowerCase()];
    if (named !== undefined) return named;
  }
  const n = parseNumber(text);
  if (n === undefined) {
    const names = b.names ? ` or a name (${Object.keys(b.names).map((k) => k.toUpperCase()).join(', ')})` : '';
    throw new CronError(`${where}: '${text}' is not a number${names}; expected ${b.min}-${b.max}`);
  }
  return n;
}

/** Go's strconv.Atoi, restricted to non-negative values (robfig/cron rejects negatives). */
function parseNumber(text: string): number | undefined {
  if (!/^\+?[0-9]+$/.test(text)) return undefined;
  return parseInt(text, 10);
}

const DURATION_UNITS: Record<string, number> = {
  ns: 1e-9, us: 1e-6, µs: 1e-6, μs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600,
};

/**
 * Parses a Go `time.ParseDuration` string (`1h30m`, `1.5h`, `90s`) into seconds, or returns
 * `undefined` when Go would reject it.
 */
export function parseGoDuration(text: string): number | undefined {
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s.length === 0) return undefined;
  let total = 0;
  const re = /^([0-9]*(?:\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)/;
  while (s.length > 0) {
    const m = re.exec(s);
    if (!m || m[1] === '' || m[1] === '.') return undefined;
    total += parseFloat(m[1]) * DURATION_UNITS[m[2]];
    s = s.slice(m[0].length);
  }
  // Round away floating-point noise to the nanosecond, as Go holds integer nanoseconds.
  return sign * Math.round(total * 1e9) / 1e9;
}

/**
 * Converts a KFP cron to the 5-field form Argo `CronWorkflow`s use (minute resolution). Descriptors
 * are kept. Throws {@link CronError} when the seconds field is anything but `0`.
 */
export function toFiveFieldCron(parsed: ParsedCron): string {
  if (parsed.descriptor) return parsed.descriptor;
  const fields = parsed.fields!;
  if (fields[0] !== '0') {
    throw new CronError(`seconds field '${fields[0]}' cannot be expressed in an Argo CronWorkflow, which schedules by the minute; expected seconds '0'`);
  }
  return fields.slice(1).join(' ');
}
