/**
 * Wraps a compiled Workflow as the other Argo kinds that can run it: a `WorkflowTemplate`
 * (submitted on demand, by name) and a `CronWorkflow` (run on a schedule). Plain objects in and out.
 */

/** Argo CronWorkflow concurrency policy (what to do when the previous run is still going). */
export enum ArgoConcurrencyPolicy {
  /** Start the new run alongside the old one. */
  ALLOW = 'Allow',
  /** Skip the new run. */
  FORBID = 'Forbid',
  /** Stop the old run and start the new one. */
  REPLACE = 'Replace',
}

/** Metadata of a generated Argo object. */
export interface ArgoObjectMetadata {
  /**
   * Object name (a DNS-1123 subdomain).
   */
  readonly name: string;

  /**
   * Namespace.
   * @default - none (the namespace of the chart or of `kubectl apply`)
   */
  readonly namespace?: string;

  /**
   * Labels.
   * @default - none
   */
  readonly labels?: { [key: string]: string };

  /**
   * Annotations.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/** Props of `toWorkflowTemplate` / `ArgoCompiler.workflowTemplate`. */
export interface ArgoWorkflowTemplateProps extends ArgoObjectMetadata {}

/** Props of `toCronWorkflow` / `ArgoCompiler.cronWorkflow`. */
export interface ArgoCronWorkflowProps extends ArgoObjectMetadata {
  /**
   * Cron schedules in Argo's format: five fields (`minute hour day-of-month month day-of-week`)
   * or a descriptor such as `@hourly` / `@every 1h30m`. Argo v4 takes a list.
   */
  readonly schedules: string[];

  /**
   * IANA time zone of the schedules, e.g. `Europe/Berlin`.
   * @default - the workflow controller's local time (usually UTC)
   */
  readonly timezone?: string;

  /**
   * What to do when a run is due while the previous one still runs.
   * @default ArgoConcurrencyPolicy.ALLOW
   */
  readonly concurrencyPolicy?: ArgoConcurrencyPolicy;

  /**
   * Seconds after a missed schedule time during which the run may still start.
   * @default - no deadline
   */
  readonly startingDeadlineSeconds?: number;

  /**
   * Successful Workflows to keep.
   * @default 3 (Argo's default)
   */
  readonly successfulJobsHistoryLimit?: number;

  /**
   * Failed Workflows to keep.
   * @default 1 (Argo's default)
   */
  readonly failedJobsHistoryLimit?: number;

  /**
   * Create the CronWorkflow suspended.
   * @default false
   */
  readonly suspend?: boolean;

  /**
   * Argo expression that must be true for a scheduled run to start (v3.6+ `when`).
   * @default - always
   */
  readonly when?: string;

  /**
   * Argo expression that stops scheduling once true (`stopStrategy.expression`), e.g.
   * `cronworkflow.failed >= 3`.
   * @default - never stops
   */
  readonly stopExpression?: string;

  /**
   * Labels put on every Workflow the CronWorkflow creates.
   * @default - none
   */
  readonly workflowLabels?: { [key: string]: string };

  /**
   * Annotations put on every Workflow the CronWorkflow creates.
   * @default - none
   */
  readonly workflowAnnotations?: { [key: string]: string };
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const CRON_RANGES: Array<[string, number, number]> = [
  ['minute', 0, 59], ['hour', 0, 23], ['day of month', 1, 31], ['month', 1, 12], ['day of week', 0, 7],
];
const NAMES: { [field: number]: string[] } = {
  3: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'],
  4: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
};
const DESCRIPTORS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

function checkName(kind: string, name: unknown): void {
  if (typeof name !== 'string' || name.length === 0 || name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
    throw new Error(`${kind}: name ${JSON.stringify(name)} is not a valid Kubernetes object name (expected a DNS-1123 subdomain: lower-case letters, digits, '-' and '.', at most 253 characters)`);
  }
}

function checkCronField(value: string, index: number): boolean {
  const [, min, max] = CRON_RANGES[index];
  const names = NAMES[index] ?? [];
  const atom = (a: string) => {
    const lower = a.toLowerCase();
    const named = names.indexOf(lower);
    if (named >= 0) return named + (index === 3 ? 1 : 0);
    if (!/^\d+$/.test(a)) return undefined;
    const n = Number(a);
    return n >= min && n <= max ? n : undefined;
  };
  return value.split(',').every((part) => {
    const [range, step] = part.split('/');
    if (step !== undefined && !/^[1-9]\d*$/.test(step)) return false;
    if (range === '*' || range === '?') return true;
    const [lo, hi] = range.split('-');
    const a = atom(lo);
    if (a === undefined) return false;
    if (hi === undefined) return true;
    const b = atom(hi);
    return b !== undefined && a <= b;
  });
}

/** Problems with one Argo cron schedule, or undefined when it is valid. */
export function checkArgoSchedule(schedule: string): string | undefined {
  const s = schedule.trim();
  if (s.startsWith('@')) {
    if (DESCRIPTORS.includes(s)) return undefined;
    if (/^@every\s+(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(s)) return undefined;
    return `schedule '${schedule}' is not a known descriptor (expected one of ${DESCRIPTORS.join(', ')} or '@every <duration>')`;
  }
  const fields = s.split(/\s+/);
  if (fields.length !== 5) {
    const hint = fields.length === 6 ? ' (Argo takes no seconds field; KFP recurring runs do, Argo CronWorkflows do not)' : '';
    return `schedule '${schedule}' has ${fields.length} fields, expected 5 (minute hour day-of-month month day-of-week)${hint}`;
  }
  for (let i = 0; i < 5; i++) {
    if (!checkCronField(fields[i], i)) {
      const [name, min, max] = CRON_RANGES[i];
      return `schedule '${schedule}': ${name} field '${fields[i]}' is invalid (expected *, a value ${min}-${max}, a range, a list or a step)`;
    }
  }
  return undefined;
}

function checkWorkflow(kind: string, workflow: any): void {
  if (workflow === null || typeof workflow !== 'object' || workflow.kind !== 'Workflow' || typeof workflow.spec !== 'object') {
    throw new Error(`${kind}: expected a compiled Argo Workflow (the result of compileToArgo), got ${JSON.stringify(workflow)?.slice(0, 80)}`);
  }
}

function metadata(props: ArgoObjectMetadata): any {
  const m: any = { name: props.name };
  if (props.namespace !== undefined) m.namespace = props.namespace;
  if (props.labels && Object.keys(props.labels).length > 0) m.labels = { ...props.labels };
  if (props.annotations && Object.keys(props.annotations).length > 0) m.annotations = { ...props.annotations };
  return m;
}

/**
 * An Argo `WorkflowTemplate` whose spec is the compiled Workflow's spec. Submit it with
 * `argo submit --from workflowtemplate/<name>` or reference it from a Workflow's `workflowTemplateRef`.
 */
export function toWorkflowTemplate(workflow: any, props: ArgoWorkflowTemplateProps): any {
  checkWorkflow('toWorkflowTemplate', workflow);
  checkName('toWorkflowTemplate', props?.name);
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'WorkflowTemplate',
    metadata: metadata(props),
    spec: JSON.parse(JSON.stringify(workflow.spec)),
  };
}

/** An Argo `CronWorkflow` that runs the compiled Workflow on a schedule. */
export function toCronWorkflow(workflow: any, props: ArgoCronWorkflowProps): any {
  const kind = 'toCronWorkflow';
  checkWorkflow(kind, workflow);
  checkName(kind, props?.name);
  if (props.name.length > 52) {
    throw new Error(`${kind}: name '${props.name}' is ${props.name.length} characters; Argo limits CronWorkflow names to 52 (it appends a timestamp to each Workflow)`);
  }
  if (!Array.isArray(props.schedules) || props.schedules.length === 0) {
    throw new Error(`${kind} '${props.name}': schedules must be a non-empty list of cron expressions, got ${JSON.stringify(props.schedules)}`);
  }
  for (const s of props.schedules) {
    const problem = typeof s === 'string' ? checkArgoSchedule(s) : `schedule ${JSON.stringify(s)} is not a string`;
    if (problem) throw new Error(`${kind} '${props.name}': ${problem}`);
  }
  if (props.timezone !== undefined) {
    let ok = typeof props.timezone === 'string' && props.timezone.length > 0;
    if (ok) {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: props.timezone });
      } catch {
        ok = false;
      }
    }
    if (!ok) throw new Error(`${kind} '${props.name}': timezone ${JSON.stringify(props.timezone)} is not an IANA time zone (e.g. 'UTC', 'Europe/Berlin')`);
  }
  for (const k of ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit'] as const) {
    const v = props[k];
    if (v !== undefined && (!Number.isInteger(v) || v < 0)) {
      throw new Error(`${kind} '${props.name}': ${k} must be a non-negative integer, got ${JSON.stringify(v)}`);
    }
  }
  if (props.concurrencyPolicy !== undefined && !Object.values(ArgoConcurrencyPolicy).includes(props.concurrencyPolicy)) {
    throw new Error(`${kind} '${props.name}': concurrencyPolicy must be one of Allow, Forbid, Replace, got ${JSON.stringify(props.concurrencyPolicy)}`);
  }
  const spec: any = { schedules: [...props.schedules] };
  if (props.timezone !== undefined) spec.timezone = props.timezone;
  if (props.concurrencyPolicy !== undefined) spec.concurrencyPolicy = props.concurrencyPolicy;
  if (props.startingDeadlineSeconds !== undefined) spec.startingDeadlineSeconds = props.startingDeadlineSeconds;
  if (props.successfulJobsHistoryLimit !== undefined) spec.successfulJobsHistoryLimit = props.successfulJobsHistoryLimit;
  if (props.failedJobsHistoryLimit !== undefined) spec.failedJobsHistoryLimit = props.failedJobsHistoryLimit;
  if (props.suspend !== undefined) spec.suspend = props.suspend;
  if (props.when !== undefined) spec.when = props.when;
  if (props.stopExpression !== undefined) spec.stopStrategy = { expression: props.stopExpression };
  const wm: any = {};
  if (props.workflowLabels && Object.keys(props.workflowLabels).length > 0) wm.labels = { ...props.workflowLabels };
  if (props.workflowAnnotations && Object.keys(props.workflowAnnotations).length > 0) wm.annotations = { ...props.workflowAnnotations };
  if (Object.keys(wm).length > 0) spec.workflowMetadata = wm;
  spec.workflowSpec = JSON.parse(JSON.stringify(workflow.spec));
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'CronWorkflow', metadata: metadata(props), spec };
}
