import { Duration } from 'cdk8s';
import { formatTime } from './time';
import { CronError, parseCron, ParsedCron, toFiveFieldCron } from '../util/cron';

/** When a schedule starts and stops firing. */
export interface ScheduleOptions {
  /**
   * No run is started before this time.
   *
   * @default - the schedule starts when KFP creates the recurring run
   */
  readonly startTime?: Date;

  /**
   * No run is started after this time. Must be later than `startTime`.
   *
   * @default - the schedule never ends
   */
  readonly endTime?: Date;
}

/**
 * When a recurring run fires: a cron expression or a fixed interval, with optional start and end
 * times. KFP evaluates crons in the time zone of its scheduled-workflow controller
 * (`cronScheduleTimezone` in the install, UTC by default).
 */
export class Schedule {
  /**
   * A cron schedule.
   *
   * A standard 5-field cron (`minute hour day-of-month month day-of-week`, e.g. `0 2 * * *`) is
   * converted to KFP's 6-field form by prepending a `0` seconds field (`0 0 2 * * *`). A 6-field
   * cron is taken as KFP's form (seconds first) and kept as is. Descriptors (`@daily`,
   * `@every 6h`, ...) are kept as is. Fields accept `*`, `?`, lists, ranges, steps and the names
   * `JAN`-`DEC` and `SUN`-`SAT`, as KFP's parser (robfig/cron v1) does. An invalid cron fails synth.
   *
   * @param expression the cron expression
   */
  public static cron(expression: string, options: ScheduleOptions = {}): Schedule {
    let parsed: ParsedCron | undefined;
    let error: string | undefined;
    try {
      parsed = parseCron(expression);
    } catch (e: any) {
      if (!(e instanceof CronError)) throw e;
      error = `cron expression '${expression}' is invalid: ${e.message}`;
    }
    return new Schedule(expression, parsed, undefined, options, error);
  }

  /**
   * A fixed interval between runs (KFP `periodic_schedule`). It must be a whole number of seconds,
   * at least 1 second.
   *
   * @param interval the time between two runs
   */
  public static interval(interval: Duration, options: ScheduleOptions = {}): Schedule {
    const millis = interval.toMilliseconds();
    let error: string | undefined;
    if (!(millis >= 1000)) {
      error = `interval ${millis / 1000} s is under 1 s; KFP needs an interval of at least 1 second`;
    } else if (millis % 1000 !== 0) {
      error = `interval ${millis / 1000} s is not a whole number of seconds; expected whole seconds (KFP stores interval_second as an integer)`;
    }
    return new Schedule(undefined, undefined, millis / 1000, options, error);
  }

  /** The cron expression as given, for cron schedules. */
  public readonly expression?: string;

  /**
   * The cron expression as KFP stores it: six fields with seconds first, or a descriptor.
   * `undefined` for interval schedules.
   */
  public readonly cronExpression?: string;

  /** The interval in seconds, for interval schedules. */
  public readonly intervalSeconds?: number;

  /** The start time, if any. */
  public readonly startTime?: Date;

  /** The end time, if any. */
  public readonly endTime?: Date;

  private readonly parsed?: ParsedCron;
  private readonly problems: string[];

  private constructor(expression: string | undefined, parsed: ParsedCron | undefined, intervalSeconds: number | undefined,
    options: ScheduleOptions, error: string | undefined) {
    this.expression = expression;
    this.parsed = parsed;
    this.cronExpression = parsed?.kfpExpression;
    this.intervalSeconds = error ? undefined : intervalSeconds;
    this.startTime = options.startTime;
    this.endTime = options.endTime;
    this.problems = error ? [error] : [];
    for (const [key, value] of [['startTime', options.startTime], ['endTime', options.endTime]] as const) {
      if (value !== undefined && (!(value instanceof Date) || isNaN(value.getTime()))) {
        this.problems.push(`${key} is not a valid date (got ${String(value)}); expected a JavaScript Date`);
      }
    }
    const start = options.startTime?.getTime();
    const end = options.endTime?.getTime();
    if (start !== undefined && end !== undefined && !isNaN(start) && !isNaN(end) && end <= start) {
      this.problems.push(`endTime ${formatTime(options.endTime!)} is not after startTime ${formatTime(options.startTime!)}; expected the end time to be later than the start time`);
    }
  }

  /** Human-readable summary, e.g. `cron '0 0 2 * * *'` or `every 3600 s`. */
  public toString(): string {
    if (this.expression !== undefined) return `cron '${this.cronExpression ?? this.expression}'`;
    return `every ${this.intervalSeconds} s`;
  }

  /**
   * What is wrong with this schedule; empty when it is valid.
   * @internal
   */
  public _problems(): string[] {
    return [...this.problems];
  }

  /**
   * The KFP v2beta1 `Trigger` (REST JSON field names).
   * @internal
   */
  public _toKfpTrigger(): any {
    const times: any = {};
    if (this.startTime) times.start_time = formatTime(this.startTime);
    if (this.endTime) times.end_time = formatTime(this.endTime);
    if (this.cronExpression !== undefined) {
      return { cron_schedule: { cron: this.cronExpression, ...times } };
    }
    return { periodic_schedule: { interval_second: String(this.intervalSeconds), ...times } };
  }

  /**
   * The Argo CronWorkflow schedule (5 fields or a descriptor).
   * @internal
   */
  public _toArgoSchedule(): string {
    if (this.parsed) return toFiveFieldCron(this.parsed);
    return `@every ${this.intervalSeconds}s`;
  }
}
