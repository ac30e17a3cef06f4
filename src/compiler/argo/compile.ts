/**
 * KFP v2 IR (PipelineSpec + optional kubernetes PlatformSpec) → Argo Workflow, reproducing the
 * KFP backend's compiler (`backend/src/v2/compiler`): the same visit order, templates, task
 * arguments and `spec.arguments.parameters`, byte for byte.
 */
import { hashContainer, normalizeContainerSpec } from './container-hash';
import { compareUtf8, goJson } from './go-json';
import { ArgoCompileOptions, ResolvedOptions, resolveOptions } from './options';
import { checkRunParameters } from './parameters';
import { normalizeImporterSpec, protoMessageJson } from './proto';
import { applyStrategicMergePatch } from './spec-patch';
import {
  containerDriverTemplate, dagDriverTemplate, ExecutorVariant, executorNames, executorTemplates, importerTemplate,
} from './templates';
import { workspacePvc } from './workspace';

const ROOT = 'root';
const EXIT_STRATEGY = 'ALL_UPSTREAM_TASKS_COMPLETED';
const DUMMY_IMAGES = new Set(['argostub/createpvc', 'argostub/deletepvc']);

/** The IR schema version the KFP 2.17 backend accepts. */
export const SUPPORTED_SCHEMA_VERSION = '2.1.0';

function fail(pipeline: string, msg: string): never {
  throw new Error(`compileToArgo: pipeline '${pipeline}': ${msg}`);
}

function isObject(v: unknown): v is { [k: string]: any } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function deps(list: string[] | undefined): string | undefined {
  if (!list || list.length === 0) return undefined;
  return list.map((d) => `${d}.Succeeded`).join(' && ');
}

/** Go's `%v` for a float64 (used for the retry backoff factor). */
function goFmtV(n: number): string {
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const abs = Math.abs(n);
  if (abs < 1e-4 || abs >= 1e21) {
    const [m, e] = n.toExponential().split('e');
    const sign = e.startsWith('-') ? '-' : '+';
    const digits = e.replace(/^[+-]/, '');
    return `${m}e${sign}${digits.length < 2 ? '0' + digits : digits}`;
  }
  return String(n);
}

/** Whole seconds of a protobuf Duration in JSON form ("3600s", "1.5s"). */
function durationSeconds(v: unknown, where: string): string {
  if (typeof v === 'string') {
    const m = /^(-?)(\d+)(?:\.(\d{1,9}))?s$/.exec(v);
    if (m) return String(BigInt(m[1] + m[2]));
  }
  if (isObject(v) && (v.seconds !== undefined || v.nanos !== undefined)) return String(BigInt(v.seconds ?? 0));
  throw new Error(`${where}: expected a duration such as '30s', got ${JSON.stringify(v)}`);
}

interface DagTaskInputs {
  parentDagId: string;
  condition: string;
  exitTemplate?: string;
  hookParentDagId?: string;
}

interface DagDriverInputs {
  component: string;
  parentDagId?: string;
  task?: string;
  taskName?: string;
  runtimeConfig?: string;
  iterationIndex?: string;
}

interface TaskInputs {
  parentDagId: string;
  iterationIndex?: string;
  exitTemplate?: string;
  taskName?: string;
}

class WorkflowCompiler {
  private readonly params: Array<{ name: string; value: string }> = [];
  private readonly paramNames = new Set<string>();
  private readonly templates: any[] = [];
  private readonly templateNames = new Set<string>();
  private readonly visited = new Set<string>();
  private readonly k8sConfigs = new Map<string, any>();
  private readonly hashes = new Map<string, string>();
  private readonly components: { [name: string]: any };
  private readonly executors: { [label: string]: any };
  private readonly k8sExecutors: { [label: string]: any } | undefined;
  private readonly name: string;

  constructor(
    private readonly spec: any,
    platform: any,
    private readonly rootRuntimeConfig: any,
    private readonly o: ResolvedOptions,
  ) {
    this.name = spec.pipelineInfo.name;
    this.components = isObject(spec.components) ? spec.components : {};
    const executors = spec.deploymentSpec?.executors;
    this.executors = isObject(executors) ? executors : {};
    const k8s = platform?.deploymentSpec?.executors;
    this.k8sExecutors = isObject(k8s) ? k8s : undefined;
  }

  public compile(): any {
    this.dfs(ROOT, this.spec.root, undefined);
    return this.templates;
  }

  public get parameters(): Array<{ name: string; value: string }> {
    return this.params;
  }

  // ---- the visitor (visitor.go) ----

  private dfs(name: string, component: any, parentTask: any): void {
    if (this.visited.has(name)) return;
    this.visited.add(name);
    if (component === undefined || component === null) return;
    const label = component.executorLabel;
    if (typeof label === 'string' && label !== '') {
      const executor = this.executors[label];
      if (!isObject(executor)) {
        fail(this.name, `component '${name}' has executorLabel '${label}', but deploymentSpec.executors has no executor '${label}' (executors: ${Object.keys(this.executors).sort().join(', ') || 'none'})`);
      }
      const k8s = this.k8sExecutors?.[label];
      if (k8s !== undefined) this.addKubernetesSpec(name, k8s);
      if (executor.container !== undefined) return this.container(name, component, label);
      if (executor.importer !== undefined) return this.importer(name, component, executor.importer);
      fail(this.name, `executor '${label}' of component '${name}' is neither a container nor an importer (resolver and custom job executors are not supported by the KFP backend)`);
    }
    const dag = component.dag;
    if (!isObject(dag)) fail(this.name, `component '${name}' has neither an executorLabel nor a dag`);
    const tasks = isObject(dag.tasks) ? dag.tasks : {};
    for (const key of Object.keys(tasks).sort()) {
      const task = tasks[key];
      if (!isObject(task)) fail(this.name, `task '${key}' of component '${name}' is not an object`);
      const ref = task.componentRef?.name;
      if (typeof ref !== 'string' || ref === '') fail(this.name, `task '${key}' of component '${name}' has no componentRef.name`);
      const sub = this.components[ref];
      if (sub === undefined) {
        fail(this.name, `task '${key}' of component '${name}' references unknown component '${ref}' (components: ${Object.keys(this.components).sort().join(', ') || 'none'})`);
      }
      // A task inside a sub-DAG inherits the retry policy of the task that runs the sub-DAG.
      if (task.retryPolicy === undefined && parentTask !== undefined && parentTask.retryPolicy !== undefined) {
        task.retryPolicy = parentTask.retryPolicy;
      }
      this.dfs(ref, sub, task);
    }
    this.dag(name, component, dag);
  }

  // ---- workflow parameters ----

  private hashOf(componentName: string): string {
    if (componentName === ROOT) return ROOT;
    const cached = this.hashes.get(componentName);
    if (cached) return cached;
    let result = componentName;
    const label = this.components[componentName]?.executorLabel;
    const container = typeof label === 'string' ? this.executors[label]?.container : undefined;
    if (container !== undefined) {
      result = hashContainer(normalizeContainerSpec(container, `deploymentSpec.executors.${label}.container`));
    }
    this.hashes.set(componentName, result);
    return result;
  }

  private save(name: string, json: () => string): void {
    if (this.paramNames.has(name)) return;
    this.paramNames.add(name);
    this.params.push({ name, value: json() });
  }

  private use(name: string): string {
    if (!this.paramNames.has(name)) fail(this.name, `internal error: workflow parameter '${name}' used before it was saved`);
    return `{{workflow.parameters.${name}}}`;
  }

  private componentJson(component: any): string {
    return protoMessageJson(component);
  }

  private addKubernetesSpec(name: string, config: any): void {
    if (!isObject(config)) fail(this.name, `platform spec executor config of component '${name}' is not an object`);
    const sc = config.securityContext;
    if (isObject(sc) && this.o.defaultRunAsUser === undefined) {
      const nonRoot = sc.runAsNonRoot !== undefined ? sc.runAsNonRoot : (this.o.defaultRunAsNonRoot ?? true);
      if (nonRoot !== false && sc.runAsUser !== undefined && Number(sc.runAsUser) === 0) {
        fail(this.name, `runAsUser=0 (root) is not allowed for component '${name}': runAsNonRoot is true; use a non-root UID instead`);
      }
    }
    this.k8sConfigs.set(name, config);
    this.save(`kubernetes-${name}`, () => goJson(config));
  }

  private container(name: string, component: any, label: string): void {
    const normalized = normalizeContainerSpec(this.executors[label].container, `deploymentSpec.executors.${label}.container`);
    const h = this.hashOf(name);
    this.save(`components-${h}`, () => this.componentJson(component));
    this.save(`implementations-${h}`, () => goJson(normalized));
  }

  private importer(name: string, component: any, importer: any): void {
    const h = this.hashOf(name);
    this.save(`components-${h}`, () => this.componentJson(component));
    this.save(`implementations-${h}`, () => goJson(normalizeImporterSpec(importer)));
  }

  // ---- templates ----

  private addTemplate(t: any): string {
    if (this.templateNames.has(t.name)) {
      fail(this.name, `template '${t.name}' already exists (the KFP backend names iteration templates after the loop component only, so one loop component cannot be used by two ParallelFor tasks)`);
    }
    this.templateNames.add(t.name);
    this.templates.push(t);
    return t.name;
  }

  private ensureTemplate(name: string, build: () => any[]): string {
    if (!this.templateNames.has(name)) {
      for (const t of build()) {
        this.templateNames.add(t.name);
        this.templates.push(t);
      }
    }
    return name;
  }

  private dagDriver(): string {
    return this.ensureTemplate('system-dag-driver', () => [dagDriverTemplate(this.o, this.name)]);
  }

  private containerDriver(): string {
    return this.ensureTemplate('system-container-driver', () => [containerDriverTemplate(this.o, this.name)]);
  }

  // ---- DAG compilation (dag.go) ----

  private dag(name: string, component: any, dag: any): void {
    const where = `DAG '${name}'`;
    const tasks: { [k: string]: any } = isObject(dag.tasks) ? dag.tasks : {};
    this.addImplicitDependencies(name, tasks);
    this.save(`components-${this.hashOf(name)}`, () => this.componentJson(component));
    const keys = Object.keys(tasks).sort();
    const exitTemplateOf = new Map<string, string>();

    for (const key of keys) {
      const t = tasks[key];
      if (t.parameterIterator !== undefined && t.artifactIterator !== undefined) {
        fail(this.name, `${where}: task '${key}' has both parameterIterator and artifactIterator`);
      }
      if (t.artifactIterator !== undefined) {
        fail(this.name, `${where}: task '${key}' iterates over artifacts (artifactIterator), which the KFP backend does not implement`);
      }
      if (t.triggerPolicy?.strategy !== EXIT_STRATEGY) continue;
      const dagTasks = this.task(key, t, { parentDagId: '{{inputs.parameters.parent-dag-id}}' });
      const hookName = `exit-hook-${name}-${key}`;
      for (const dep of t.dependentTasks ?? []) exitTemplateOf.set(dep, hookName);
      this.addTemplate({ name: hookName, inputs: { parameters: [{ name: 'parent-dag-id' }] }, dag: { tasks: dagTasks } });
    }

    const dagTasks: any[] = [];
    for (const key of keys) {
      const t = tasks[key];
      if (t.triggerPolicy?.strategy === EXIT_STRATEGY) continue;
      dagTasks.push(...this.task(key, t, { parentDagId: '{{inputs.parameters.parent-dag-id}}', exitTemplate: exitTemplateOf.get(key) }));
    }
    if (dagTasks.length === 0) fail(this.name, `${where} must contain one or more non-exit tasks`);
    this.addTemplate({ name, inputs: { parameters: [{ name: 'parent-dag-id' }] }, dag: { tasks: dagTasks } });

    if (name === ROOT) {
      const driver = this.dagDriverTask('root-driver', {
        component: this.use(`components-${ROOT}`),
        runtimeConfig: goJson(this.rootRuntimeConfig),
      });
      const root = this.dagTask('root', ROOT, { parentDagId: '{{tasks.root-driver.outputs.parameters.execution-id}}', condition: '' });
      root.depends = 'root-driver.Succeeded';
      this.addTemplate({ name: 'entrypoint', dag: { tasks: [driver, reorder(root)] } });
    }
  }

  private addImplicitDependencies(dagName: string, tasks: { [k: string]: any }): void {
    for (const [key, task] of Object.entries(tasks)) {
      const producers: string[] = [];
      for (const input of Object.values<any>(isObject(task.inputs?.parameters) ? task.inputs.parameters : {})) {
        const p = input?.taskOutputParameter?.producerTask;
        if (input?.taskOutputParameter !== undefined) producers.push(p ?? '');
      }
      for (const input of Object.values<any>(isObject(task.inputs?.artifacts) ? task.inputs.artifacts : {})) {
        const p = input?.taskOutputArtifact?.producerTask;
        if (input?.taskOutputArtifact !== undefined) producers.push(p ?? '');
      }
      const list: string[] = Array.isArray(task.dependentTasks) ? [...task.dependentTasks] : [];
      for (const p of producers) {
        if (!(p in tasks)) fail(this.name, `DAG '${dagName}': task '${key}' consumes an output of unknown producer task '${p}' (not in the same DAG)`);
        if (!list.includes(p)) list.push(p);
      }
      // Sorted, as the backend does since its outputs became deterministic.
      if (list.length > 0) task.dependentTasks = list.sort(compareUtf8);
    }
  }

  private dagTask(name: string, componentName: string, inputs: DagTaskInputs): any {
    const t: any = {
      name,
      template: componentName,
      arguments: { parameters: [{ name: 'parent-dag-id', value: inputs.parentDagId }, { name: 'condition', value: inputs.condition }] },
    };
    addExitHook(t, inputs.exitTemplate, inputs.hookParentDagId);
    return t;
  }

  private dagDriverTask(name: string, inputs: DagDriverInputs): any {
    const params: any[] = [{ name: 'component', value: inputs.component }];
    if (inputs.iterationIndex) params.push({ name: 'iteration-index', value: inputs.iterationIndex });
    if (inputs.parentDagId) params.push({ name: 'parent-dag-id', value: inputs.parentDagId });
    if (inputs.runtimeConfig !== undefined) {
      params.push({ name: 'runtime-config', value: inputs.runtimeConfig }, { name: 'driver-type', value: 'ROOT_DAG' });
    }
    if (inputs.task) params.push({ name: 'task', value: inputs.task });
    if (inputs.taskName) params.push({ name: 'task-name', value: inputs.taskName });
    return { name, template: this.dagDriver(), arguments: { parameters: params } };
  }

  private task(name: string, task: any, inputs: TaskInputs): any[] {
    const componentName = task.componentRef?.name;
    const component = this.components[componentName];
    if (component === undefined) fail(this.name, `task '${name}' references unknown component '${componentName}'`);
    const componentRef = this.use(`components-${this.hashOf(componentName)}`);
    const taskJson = protoMessageJson(task);
    const isExit = task.triggerPolicy?.strategy === EXIT_STRATEGY;
    const hasCondition = typeof task.triggerPolicy?.condition === 'string' && task.triggerPolicy.condition !== '';

    if (!inputs.iterationIndex && (task.parameterIterator !== undefined || task.artifactIterator !== undefined)) {
      return this.iteratorTask(name, task, taskJson, inputs.parentDagId);
    }

    if (isObject(component.dag) && !component.executorLabel) {
      const driverName = `${name}-driver`;
      const driver = this.dagDriverTask(driverName, {
        parentDagId: inputs.parentDagId,
        component: componentRef,
        task: taskJson,
        iterationIndex: inputs.iterationIndex,
        taskName: inputs.taskName || name,
      });
      if (!inputs.iterationIndex && !isExit) setDepends(driver, deps(task.dependentTasks));
      const condition = `{{tasks.${driverName}.outputs.parameters.condition}}`;
      const dagTask = this.dagTask(name, componentName, {
        parentDagId: `{{tasks.${driverName}.outputs.parameters.execution-id}}`,
        condition,
        exitTemplate: inputs.exitTemplate,
        hookParentDagId: inputs.parentDagId,
      });
      dagTask.depends = `${driverName}.Succeeded`;
      if (hasCondition) dagTask.when = `${condition} != false`;
      return [reorder(driver), reorder(dagTask)];
    }

    const label = component.executorLabel;
    const executor = this.executors[label];
    if (!isObject(executor)) fail(this.name, `task '${name}': executor '${label}' not found in deploymentSpec.executors`);
    if (executor.container !== undefined) {
      const h = this.hashOf(componentName);
      const driverName = `${name}-driver`;
      const params: any[] = [
        { name: 'component', value: componentRef },
        { name: 'task', value: taskJson },
        { name: 'container', value: this.use(`implementations-${h}`) },
        { name: 'task-name', value: inputs.taskName || name },
        { name: 'parent-dag-id', value: inputs.parentDagId },
      ];
      if (inputs.iterationIndex) params.push({ name: 'iteration-index', value: inputs.iterationIndex });
      if (this.paramNames.has(`kubernetes-${componentName}`)) {
        params.push({ name: 'kubernetes-config', value: `{{workflow.parameters.kubernetes-${componentName}}}` });
      }
      const driver: any = { name: driverName, template: this.containerDriver(), arguments: { parameters: params } };
      if (!inputs.iterationIndex && !isExit) setDepends(driver, deps(task.dependentTasks));
      const image = executor.container?.image;
      if (typeof image === 'string' && DUMMY_IMAGES.has(image)) {
        // kfp-kubernetes CreatePVC/DeletePVC: the driver does the work, no launcher pod.
        driver.name = name;
        return [reorder(driver)];
      }
      const exec = this.containerExecutorTask(name, task, driverName, hasCondition, inputs);
      return [reorder(driver), exec];
    }
    if (executor.importer !== undefined) {
      if (hasCondition) {
        fail(this.name, `task '${name}': a condition (triggerPolicy.condition) on an importer task is not supported by the KFP backend`);
      }
      const h = this.hashOf(componentName);
      const importer = executor.importer;
      const download = isObject(importer) && importer.downloadToWorkspace === true;
      const tmpl = download ? 'system-importer-workspace' : 'system-importer';
      this.ensureTemplate(tmpl, () => [importerTemplate(this.o, this.name, download)]);
      return [{
        name,
        template: tmpl,
        arguments: {
          parameters: [
            { name: 'task', value: taskJson },
            { name: 'component', value: componentRef },
            { name: 'importer', value: this.use(`implementations-${h}`) },
            { name: 'parent-dag-id', value: inputs.parentDagId },
          ],
        },
      }];
    }
    return fail(this.name, `task '${name}': executor '${label}' is neither a container nor an importer`);
  }

  private containerExecutorTask(name: string, task: any, driverName: string, hasCondition: boolean, inputs: TaskInputs): any {
    const componentName = task.componentRef.name;
    const k8s = this.k8sConfigs.get(componentName);
    const podMetadata = isObject(k8s?.podMetadata) ? k8s.podMetadata : undefined;
    const metaParams = podMetadataParams(podMetadata);
    const retry = task.retryPolicy !== undefined && task.retryPolicy !== null && !isObject(this.components[componentName]?.dag);
    const variant: ExecutorVariant = {
      podMetadataParams: metaParams.map((p) => p.name),
      podMetadata: podMetadata ? {
        annotations: isObject(podMetadata.annotations) ? Object.keys(podMetadata.annotations).length : 0,
        labels: isObject(podMetadata.labels) ? Object.keys(podMetadata.labels).length : 0,
      } : undefined,
      retry,
    };
    const names = executorNames(variant);
    this.ensureTemplate(names.executor, () => executorTemplates(this.o, variant));

    const params: any[] = [
      { name: 'pod-spec-patch', value: `{{tasks.${driverName}.outputs.parameters.pod-spec-patch}}` },
      { name: 'cached-decision', default: 'false', value: `{{tasks.${driverName}.outputs.parameters.cached-decision}}` },
      ...metaParams,
      ...retryParams(task.retryPolicy, `task '${name}' retryPolicy`),
    ];
    const t: any = { name, template: names.executor, arguments: { parameters: params } };
    if (hasCondition) t.when = `{{tasks.${driverName}.outputs.parameters.condition}} != false`;
    addExitHook(t, inputs.exitTemplate, inputs.parentDagId);
    t.depends = `${driverName}.Succeeded`;
    return reorder(t);
  }

  private iteratorTask(name: string, task: any, taskJson: string, parentDagId: string): any[] {
    const componentName = task.componentRef.name;
    const iterationTasks = this.iterationItemTask(task, taskJson, parentDagId, name);
    const loop: any = { name: `${componentName}-${name}-iterator`, inputs: { parameters: [{ name: 'parent-dag-id' }] }, dag: { tasks: iterationTasks } };
    const limit = Number(task.iteratorPolicy?.parallelismLimit ?? 0);
    if (limit > 0) loop.parallelism = limit;
    const loopName = this.addTemplate(loop);
    const t: any = { name, template: loopName, arguments: { parameters: [{ name: 'parent-dag-id', value: parentDagId }] } };
    setDepends(t, deps(task.dependentTasks));
    return [reorder(t)];
  }

  private iterationItemTask(task: any, taskJson: string, parentDagId: string, loopTaskKey: string): any[] {
    const componentName = task.componentRef.name;
    const driver = this.dagDriverTask('iteration-driver', {
      component: this.use(`components-${this.hashOf(componentName)}`),
      parentDagId,
      task: taskJson,
      taskName: loopTaskKey,
    });
    const itemTasks = this.task('iteration-item', task, {
      parentDagId: '{{inputs.parameters.parent-dag-id}}',
      iterationIndex: '{{inputs.parameters.iteration-index}}',
      taskName: loopTaskKey,
    });
    const iterationsName = this.addTemplate({
      name: `${componentName}-iteration`,
      inputs: { parameters: [{ name: 'parent-dag-id' }, { name: 'iteration-index' }] },
      dag: { tasks: itemTasks },
    });
    const iterations: any = {
      name: 'iteration-iterations',
      template: iterationsName,
      depends: 'iteration-driver.Succeeded',
      arguments: {
        parameters: [
          { name: 'parent-dag-id', value: '{{tasks.iteration-driver.outputs.parameters.execution-id}}' },
          { name: 'iteration-index', value: '{{item}}' },
        ],
      },
      withSequence: { count: '{{tasks.iteration-driver.outputs.parameters.iteration-count}}' },
    };
    const cond = task.triggerPolicy?.condition;
    if (typeof cond === 'string' && cond !== '') iterations.when = '{{tasks.iteration-driver.outputs.parameters.condition}} != false';
    return [driver, reorder(iterations)];
  }
}

function setDepends(t: any, d: string | undefined): void {
  if (d) t.depends = d;
}

/** Puts DAG task keys in one fixed order so that output bytes never depend on build order. */
function reorder(t: any): any {
  const order = ['name', 'template', 'depends', 'when', 'arguments', 'withSequence', 'hooks'];
  const out: any = {};
  for (const k of order) if (t[k] !== undefined) out[k] = t[k];
  for (const k of Object.keys(t)) if (!(k in out)) out[k] = t[k];
  return out;
}

function addExitHook(t: any, exitTemplate: string | undefined, parentDagId: string | undefined): void {
  if (!exitTemplate) return;
  t.hooks = { exit: { template: exitTemplate, arguments: { parameters: [{ name: 'parent-dag-id', value: parentDagId ?? '' }] } } };
}

/** `pod-metadata-{annotation,label}-{key,val}[-i]` parameters with values, annotations first, keys sorted. */
function podMetadataParams(podMetadata: any): Array<{ name: string; value: string }> {
  const out: Array<{ name: string; value: string }> = [];
  if (!podMetadata) return out;
  for (const kind of ['annotation', 'label'] as const) {
    const map = podMetadata[kind === 'annotation' ? 'annotations' : 'labels'];
    if (!isObject(map)) continue;
    const keys = Object.keys(map).sort();
    keys.forEach((k, i) => {
      const suffix = keys.length > 1 ? `-${i + 1}` : '';
      out.push({ name: `pod-metadata-${kind}-key${suffix}`, value: k });
      out.push({ name: `pod-metadata-${kind}-val${suffix}`, value: String(map[k]) });
    });
  }
  return out;
}

function retryParams(policy: any, where: string): Array<{ name: string; value: string }> {
  if (policy === undefined || policy === null) return [];
  const out = [{ name: 'retry-max-count', value: String(Math.trunc(Number(policy.maxRetryCount ?? 0))) }];
  if (policy.backoffDuration !== undefined) out.push({ name: 'retry-backoff-duration', value: durationSeconds(policy.backoffDuration, `${where}.backoffDuration`) });
  out.push({ name: 'retry-backoff-factor', value: goFmtV(Number(policy.backoffFactor ?? 0)) });
  if (policy.backoffMaxDuration !== undefined) out.push({ name: 'retry-backoff-max-duration', value: durationSeconds(policy.backoffMaxDuration, `${where}.backoffMaxDuration`) });
  return out;
}

/** Splits the `{platforms: {kubernetes: ...}}` document (or a bare SinglePlatformSpec). */
function kubernetesPlatform(platformSpec: any, pipeline: string): any {
  if (platformSpec === undefined || platformSpec === null) return undefined;
  if (!isObject(platformSpec)) fail(pipeline, `the platform spec must be an object ({platforms: {kubernetes: ...}}), got ${JSON.stringify(platformSpec)}`);
  if ('platforms' in platformSpec) {
    const k8s = platformSpec.platforms?.kubernetes;
    return k8s === undefined || k8s === null ? undefined : k8s;
  }
  return platformSpec;
}

function validatePipelineSpec(ir: any): string {
  if (!isObject(ir)) throw new Error(`compileToArgo: the IR must be a PipelineSpec object, got ${JSON.stringify(ir)?.slice(0, 80)}`);
  const name = ir.pipelineInfo?.name;
  if (typeof name !== 'string' || name === '') throw new Error('compileToArgo: the IR has no pipelineInfo.name (expected a non-empty string)');
  if (ir.schemaVersion !== SUPPORTED_SCHEMA_VERSION) {
    fail(name, `unsupported IR schemaVersion ${JSON.stringify(ir.schemaVersion)}: the KFP 2.17 backend only supports '${SUPPORTED_SCHEMA_VERSION}'`);
  }
  if (!isObject(ir.root)) fail(name, 'the IR has no root component');
  return name;
}

/** Checks that every executor the platform spec configures exists in the IR. */
function validatePlatformExecutors(ir: any, k8s: any, pipeline: string): void {
  const executors = k8s?.deploymentSpec?.executors;
  if (executors === undefined || executors === null) return;
  if (!isObject(executors)) fail(pipeline, 'platform spec deploymentSpec.executors must be a map from executor label to config');
  const known = isObject(ir.deploymentSpec?.executors) ? ir.deploymentSpec.executors : {};
  for (const label of Object.keys(executors)) {
    if (!(label in known)) {
      fail(pipeline, `the platform spec configures executor '${label}', but the IR has no such executor (IR executors: ${Object.keys(known).sort().join(', ') || 'none'})`);
    }
  }
}

function runtimeConfig(ir: any, o: ResolvedOptions): any {
  const values: { [k: string]: any } = { ...o.parameterValues };
  const defs = isObject(ir.root?.inputDefinitions?.parameters) ? ir.root.inputDefinitions.parameters : {};
  for (const [name, def] of Object.entries<any>(defs)) {
    if (name in values) continue;
    if (def?.defaultValue !== undefined) values[name] = def.defaultValue;
    else if (def?.isOptional === true) values[name] = null;
  }
  const rc: any = {};
  if (o.pipelineRoot) rc.gcsOutputDirectory = o.pipelineRoot;
  if (Object.keys(values).length > 0) rc.parameterValues = values;
  return rc;
}

/**
 * Compiles KFP IR into an Argo `Workflow` object, as the KFP API server does when it starts a run.
 *
 * @param ir the PipelineSpec (first document of the pipeline file) as plain objects
 * @param platformSpec the PlatformSpec document (`{platforms: {kubernetes: ...}}`), or undefined
 * @param options compiler options; see `ArgoCompileOptions`
 */
export function compileToArgo(ir: any, platformSpec?: any, options?: ArgoCompileOptions): any {
  const pipelineName = validatePipelineSpec(ir);
  const o = resolveOptions(options);
  if (options?.parameterValues !== undefined) {
    const problems = checkRunParameters(ir, o.parameterValues, false);
    if (problems.length > 0) fail(pipelineName, problems.join('; '));
  }
  const spec = JSON.parse(JSON.stringify(ir));
  const k8s = kubernetesPlatform(platformSpec === undefined ? undefined : JSON.parse(JSON.stringify(platformSpec)), pipelineName);
  validatePlatformExecutors(spec, k8s, pipelineName);

  const pipelineConfig = isObject(k8s?.pipelineConfig) ? k8s.pipelineConfig : undefined;
  let volumeClaimTemplates: any[] | undefined;
  if (isObject(pipelineConfig?.workspace) && isObject(pipelineConfig.workspace.kubernetes)) {
    try {
      volumeClaimTemplates = [workspacePvc(pipelineConfig.workspace, o.defaultWorkspace)];
    } catch (e: any) {
      fail(pipelineName, e.message);
    }
  }

  const compiler = new WorkflowCompiler(spec, k8s, runtimeConfig(spec, o), o);
  const templates = compiler.compile();

  const securityContext: any = { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };
  if (o.pipelineRunAsUser !== undefined) securityContext.runAsUser = o.pipelineRunAsUser;
  const wfSpec: any = {
    arguments: { parameters: compiler.parameters },
    entrypoint: 'entrypoint',
    podMetadata: {
      annotations: { 'pipelines.kubeflow.org/v2_component': 'true' },
      labels: { 'pipelines.kubeflow.org/v2_component': 'true' },
    },
    securityContext,
    serviceAccountName: o.serviceAccountName,
    templates,
  };
  if (volumeClaimTemplates) wfSpec.volumeClaimTemplates = volumeClaimTemplates;
  if (pipelineConfig) {
    const ttl: any = {};
    const n = (v: any) => Math.trunc(Number(v ?? 0));
    if (n(pipelineConfig.resourceTtlOnCompletion) > 0) ttl.secondsAfterCompletion = n(pipelineConfig.resourceTtlOnCompletion);
    if (n(pipelineConfig.resourceTtlOnSuccess) > 0) ttl.secondsAfterSuccess = n(pipelineConfig.resourceTtlOnSuccess);
    if (n(pipelineConfig.resourceTtlOnFailure) > 0) ttl.secondsAfterFailure = n(pipelineConfig.resourceTtlOnFailure);
    if (Object.keys(ttl).length > 0) wfSpec.ttlStrategy = ttl;
    if (n(pipelineConfig.activeDeadlineSeconds) > 0) wfSpec.activeDeadlineSeconds = n(pipelineConfig.activeDeadlineSeconds);
  }
  const patched = o.specPatch && Object.keys(o.specPatch).length > 0 ? applyStrategicMergePatch(wfSpec, o.specPatch) : wfSpec;
  const segments = pipelineName.split('/');
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    metadata: { generateName: `${segments[segments.length - 1]}-` },
    spec: patched,
  };
}
