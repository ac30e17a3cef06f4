import { Duration } from 'cdk8s';
import * as fc from 'fast-check';
import { Schedule } from '../../src/deploy/schedule';
import { CronError, parseCron, parseGoDuration, toFiveFieldCron } from '../../src/util/cron';

describe('Schedule.cron', () => {
  test.each([
    ['0 2 * * *', '0 0 2 * * *'],
    ['*/15 * * * *', '0 */15 * * * *'],
    ['30 2 * * MON-FRI', '0 30 2 * * MON-FRI'],
    ['0 0 1 jan,jul *', '0 0 0 1 jan,jul *'],
    ['5/10 1-5 1,15 * 0', '0 5/10 1-5 1,15 * 0'],
    ['0 2 ? * SUN', '0 0 2 ? * SUN'],
  ])('converts the standard 5-field cron %p to KFP\'s 6-field %p', (input, kfp) => {
    const s = Schedule.cron(input);
    expect(s._problems()).toEqual([]);
    expect(s.cronExpression).toBe(kfp);
    expect(s.expression).toBe(input);
    expect(s._toKfpTrigger()).toEqual({ cron_schedule: { cron: kfp } });
  });

  test.each(['0 30 2 * * ?', '15 0 2 * * *', '0 0 9 ? * 2-6', '*/10 * * * * *', '0 0 2 * *  '.trim() + ' *'])(
    'keeps the 6-field cron %p as it is', (input) => {
      expect(Schedule.cron(input).cronExpression).toBe(input.trim().split(/\s+/).join(' '));
    });

  test.each(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly', '@every 6h', '@every 1h30m', '@every 90s', '@every 1.5h'])(
    'keeps the descriptor %p', (input) => {
      const s = Schedule.cron(input);
      expect(s._problems()).toEqual([]);
      expect(s.cronExpression).toBe(input);
    });

  test.each([
    ['', 'the cron expression is empty'],
    ['0 2 * *', 'found 4 field(s); expected a standard 5-field cron'],
    ['0 0 0 2 * * *', 'found 7 field(s)'],
    ['60 2 * * *', "minute field '60': 60 is above the maximum 59; expected 0-59"],
    ['0 24 * * *', "hour field '24': 24 is above the maximum 23; expected 0-23"],
    ['0 2 0 * *', "day-of-month field '0': 0 is below the minimum 1; expected 1-31"],
    ['0 2 * 13 *', "month field '13': 13 is above the maximum 12; expected 1-12"],
    ['0 2 * * 7', "day-of-week field '7': 7 is above the maximum 6; expected 0-6 (KFP's cron parser has no 7 for Sunday; use 0 or SUN)"],
    ['0 2 * * FUNDAY', "day-of-week field 'FUNDAY': 'FUNDAY' is not a number or a name (SUN, MON, TUE, WED, THU, FRI, SAT); expected 0-6"],
    ['x 2 * * *', "minute field 'x': 'x' is not a number; expected 0-59"],
    ['*/0 2 * * *', "minute field '*/0': step 0 in '*/0'; expected a positive step"],
    ['1-2-3 2 * * *', "minute field '1-2-3' has too many hyphens in '1-2-3'"],
    ['0/5/2 2 * * *', "minute field '0/5/2' has too many slashes"],
    ['30-10 2 * * *', "minute field '30-10': range '30-10' starts after it ends"],
    ['0,,5 2 * * *', "minute field '0,,5' has an empty list item"],
    ['-5 2 * * *', "minute field '-5': '-5' is missing a number (negative values are not allowed)"],
    ['61 0 2 * * *', "second field '61': 61 is above the maximum 59"],
    ['@weekdays', "unrecognized descriptor '@weekdays'"],
    ['@every 500ms', "'@every 500ms' is shorter than 1 second; KFP schedules at most once per second"],
    ['@every 1500ms', "'@every 1500ms' is not a whole number of seconds"],
    ['@every soon', "'@every soon' has an invalid duration; expected a Go duration such as '90s', '15m' or '1h30m'"],
  ])('rejects %p', (input, message) => {
    const problems = Schedule.cron(input)._problems();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`cron expression '${input}' is invalid: `);
    expect(problems[0]).toContain(message);
  });

  test('every valid 5-field cron of numbers becomes 6 fields that parse again unchanged', () => {
    const field = (min: number, max: number) => fc.oneof(
      fc.constant('*'),
      fc.integer({ min, max }).map(String),
      fc.tuple(fc.integer({ min, max }), fc.integer({ min, max })).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
      fc.integer({ min: 1, max: 10 }).map((s) => `*/${s}`),
    );
    fc.assert(fc.property(field(0, 59), field(0, 23), field(1, 31), field(1, 12), field(0, 6), (...f) => {
      const parsed = parseCron(f.join(' '));
      expect(parsed.kfpExpression).toBe(`0 ${f.join(' ')}`);
      expect(parseCron(parsed.kfpExpression).kfpExpression).toBe(parsed.kfpExpression);
      expect(toFiveFieldCron(parsed)).toBe(f.join(' '));
    }));
  });

  test('Go durations', () => {
    expect(parseGoDuration('1h30m')).toBe(5400);
    expect(parseGoDuration('1.5h')).toBe(5400);
    expect(parseGoDuration('250ms')).toBe(0.25);
    expect(parseGoDuration('0')).toBe(0);
    expect(parseGoDuration('-1m')).toBe(-60);
    expect(parseGoDuration('1d')).toBeUndefined();
    expect(parseGoDuration('h')).toBeUndefined();
    expect(parseGoDuration('')).toBeUndefined();
  });

  test('Argo form: drops a zero seconds field, rejects other seconds', () => {
    expect(Schedule.cron('0 2 * * *')._toArgoSchedule()).toBe('0 2 * * *');
    expect(Schedule.cron('@daily')._toArgoSchedule()).toBe('@daily');
    expect(() => Schedule.cron('30 0 2 * * *')._toArgoSchedule()).toThrow(CronError);
    expect(() => Schedule.cron('30 0 2 * * *')._toArgoSchedule()).toThrow("seconds field '30' cannot be expressed in an Argo CronWorkflow");
  });
});

describe('Schedule.interval', () => {
  test('whole seconds become a periodic_schedule with a string interval', () => {
    const s = Schedule.interval(Duration.hours(6));
    expect(s._problems()).toEqual([]);
    expect(s.intervalSeconds).toBe(21600);
    expect(s._toKfpTrigger()).toEqual({ periodic_schedule: { interval_second: '21600' } });
    expect(s._toArgoSchedule()).toBe('@every 21600s');
    expect(s.toString()).toBe('every 21600 s');
  });
  test('an interval under 1 s is rejected', () => {
    expect(Schedule.interval(Duration.millis(500))._problems()).toEqual(['interval 0.5 s is under 1 s; KFP needs an interval of at least 1 second']);
    expect(Schedule.interval(Duration.seconds(0))._problems()).toEqual(['interval 0 s is under 1 s; KFP needs an interval of at least 1 second']);
  });
  test('a fractional interval is rejected', () => {
    expect(Schedule.interval(Duration.millis(1500))._problems()[0]).toBe(
      'interval 1.5 s is not a whole number of seconds; expected whole seconds (KFP stores interval_second as an integer)');
  });
});

describe('start and end times', () => {
  const start = new Date('2026-03-01T00:00:00Z');
  const end = new Date('2026-12-31T23:59:59.500Z');
  test('are RFC 3339 in the trigger', () => {
    expect(Schedule.cron('0 2 * * *', { startTime: start, endTime: end })._toKfpTrigger()).toEqual({
      cron_schedule: { cron: '0 0 2 * * *', start_time: '2026-03-01T00:00:00Z', end_time: '2026-12-31T23:59:59.500Z' },
    });
    expect(Schedule.interval(Duration.minutes(5), { startTime: start })._toKfpTrigger()).toEqual({
      periodic_schedule: { interval_second: '300', start_time: '2026-03-01T00:00:00Z' },
    });
  });
  test('an end time before (or at) the start time is rejected', () => {
    expect(Schedule.cron('0 2 * * *', { startTime: end, endTime: start })._problems()).toEqual([
      'endTime 2026-03-01T00:00:00Z is not after startTime 2026-12-31T23:59:59.500Z; expected the end time to be later than the start time',
    ]);
    expect(Schedule.interval(Duration.hours(1), { startTime: start, endTime: start })._problems()).toHaveLength(1);
  });
  test('an invalid date is rejected', () => {
    expect(Schedule.cron('@daily', { startTime: new Date('nope') })._problems()).toEqual([
      'startTime is not a valid date (got Invalid Date); expected a JavaScript Date',
    ]);
  });
});
