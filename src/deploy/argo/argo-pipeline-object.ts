/**
 * Shared parts of `PipelineRun` and `PipelineTemplate`: the props, compiling the pipeline at
 * synth time, checking run parameters, and the decorations the KFP API server adds to a run.
 */
import { createHash } from 'crypto';
import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { compileToArgo } from '../../compiler/argo/compile';
import { ArgoCompileOptions } from '../../compiler/argo/options';
import { checkRunParameters } from '../../compiler/argo/parameters';
import { IPipelineSource } from '../../pipeline/source';
import { describeValue } from '../../util/describe';
import { IRunNamespace, isRunNamespace, markWorkload, runNamespaceOf } from '../workloads';

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const ISTIO_INJECT = 'sidecar.istio.io/inject';

/** Props shared by `PipelineRun` and `PipelineTemplate`. */
export interface ArgoPipelineProps {
  /** The pipeline: a `Pipeline` construct, a `CompiledPipeline` or a `PublishedPipeline`. */
  readonly pipeline: IPipelineSource;

  /**
   * Run parameter values by root input name. Checked at synth time against the pipeline's
   * `inputDefinitions`: unknown names, wrong types and missing required values fail synth.
   *
   * @default - the pipeline's defaults
   */
  readonly parameters?: { [name: string]: any };

  /**
   * Namespace of the object, where its pods run. In multi-user KFP, a profile namespace.
   *
   * @default - the tenant's namespace, else the chart's namespace
   */
  readonly namespace?: string;

  /**
   * The team namespace to run in: its namespace, runner service account and, when the tenant is
   * connected to an install, that install's KFP namespace and driver/launcher images. The
   * tenant checks the pipeline against its quota, LimitRange and GPU pools. Naming a tenant's
   * namespace in `namespace` has the same effect.
   *
   * @default - the tenant owning `namespace`, if any
   */
  readonly tenant?: IRunNamespace;

  /**
   * Service account of the workflow pods. It needs the RBAC of KFP's `pipeline-runner`
   * (in multi-user KFP use the profile's `default-editor`).
   *
   * @default - the tenant's runner service account, else 'pipeline-runner'
   */
  readonly serviceAccountName?: string;

  /**
   * Compiler options: images, pipeline root, cache, TLS, KFP namespace and service names...
   * Set them to match the KFP install. `parameterValues` and `serviceAccountName` here are
   * ignored in favour of `parameters` and `serviceAccountName` above.
   *
   * @default - KFP 2.17.0 defaults (images `ghcr.io/kubeflow/kfp-{driver,launcher}:2.17.0`, namespace `kubeflow`)
   */
  readonly compileOptions?: ArgoCompileOptions;

  /**
   * Annotate every template with `sidecar.istio.io/inject: "false"`, as the KFP API server
   * does for the runs it starts (an injected sidecar keeps driver pods from completing).
   *
   * @default true
   */
  readonly disableIstioSidecar?: boolean;

  /**
   * Extra labels on the object.
   *
   * @default - none
   */
  readonly labels?: { [key: string]: string };

  /**
   * Extra annotations on the object.
   *
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/** Checks props that can be checked at construction; returns the path-prefixed error. */
export function checkArgoPipelineProps(scope: Construct, kind: string, props: ArgoPipelineProps, name?: string): void {
  const where = `${kind} ${scope.node.path}`;
  if (!props || !props.pipeline || typeof props.pipeline.toIr !== 'function') {
    throw new Error(`${where}: 'pipeline' must be a pipeline (a Pipeline, CompiledPipeline or PublishedPipeline), got ${JSON.stringify(props?.pipeline)}`);
  }
  if (name !== undefined && (typeof name !== 'string' || name.length > 63 || !DNS_SUBDOMAIN.test(name))) {
    throw new Error(`${where}: name ${JSON.stringify(name)} is not a valid ${kind} name (expected lower-case letters, digits, '-' and '.', at most 63 characters)`);
  }
  const params = props.parameters;
  if (params !== undefined && (params === null || typeof params !== 'object' || Array.isArray(params))) {
    throw new Error(`${where}: parameters must be an object of values by parameter name, got ${JSON.stringify(params)}`);
  }
  const sa = props.serviceAccountName;
  if (sa !== undefined && (typeof sa !== 'string' || !DNS_SUBDOMAIN.test(sa))) {
    throw new Error(`${where}: serviceAccountName ${JSON.stringify(sa)} is not a valid ServiceAccount name`);
  }
  const ns = props.namespace;
  if (ns !== undefined && (typeof ns !== 'string' || ns.length > 63 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(ns))) {
    throw new Error(`${where}: namespace ${JSON.stringify(ns)} is not a valid namespace name`);
  }
  checkTenant(where, props.tenant, ns, 'namespace');
}

/** Checks a `tenant` prop against an explicit namespace. */
export function checkTenant(where: string, tenant: IRunNamespace | undefined, namespace: string | undefined, field: string): void {
  if (tenant === undefined) return;
  if (!isRunNamespace(tenant)) {
    throw new Error(`${where}: tenant is ${describeValue(tenant)} (expected a Tenant)`);
  }
  if (namespace !== undefined && namespace !== tenant.namespaceName) {
    throw new Error(`${where}: ${field} '${namespace}' is not the namespace of tenant ${tenant.node.path} ('${tenant.namespaceName}'); expected no ${field}, or '${tenant.namespaceName}'`);
  }
}

/** The namespace an object of `scope` lands in: the explicit one, the tenant's, or the chart's. */
export function effectiveNamespace(scope: Construct, namespace: string | undefined, tenant: IRunNamespace | undefined): string | undefined {
  if (namespace !== undefined) return namespace;
  if (tenant) return tenant.namespaceName;
  try {
    return Chart.of(scope).namespace;
  } catch {
    return undefined;
  }
}

/** The tenant a run targets: the explicit one, or the tenant owning its namespace. */
export function targetTenant(scope: Construct, namespace: string | undefined, tenant: IRunNamespace | undefined): IRunNamespace | undefined {
  return tenant ?? runNamespaceOf(scope, effectiveNamespace(scope, namespace, undefined));
}

/**
 * Compile options with the connected install's KFP namespace and driver/launcher images filled
 * in where the caller set none.
 */
export function tenantCompileOptions(tenant: IRunNamespace | undefined, options: ArgoCompileOptions | undefined): ArgoCompileOptions {
  return { ...(tenant?.compileDefaults ?? {}), ...(options ?? {}) };
}

/** Registers a run with the tenant of its namespace, which checks its pipeline at synth. */
export function registerTenantWorkload(scope: Construct, kind: string, props: ArgoPipelineProps): void {
  markWorkload(scope, () => ({
    kind,
    namespace: effectiveNamespace(scope, props.namespace, props.tenant),
    pipeline: props.pipeline,
  }));
}

/** Synth-time problems: run parameters against the IR. */
export function argoPipelineProblems(scope: Construct, kind: string, props: ArgoPipelineProps): string[] {
  const where = `${kind} ${scope.node.path}`;
  try {
    return checkRunParameters(props.pipeline.toIr(), props.parameters ?? {}, true).map((p) => `${where}: ${p}`);
  } catch (e: any) {
    return [`${where}: ${e.message}`];
  }
}

/** Compiles the pipeline with the props' parameters, service account and options. */
export function compileArgoPipeline(scope: Construct, kind: string, props: ArgoPipelineProps): any {
  const tenant = targetTenant(scope, props.namespace, props.tenant);
  const options: ArgoCompileOptions = {
    ...tenantCompileOptions(tenant, props.compileOptions),
    parameterValues: props.parameters ?? {},
    serviceAccountName: props.serviceAccountName ?? tenant?.serviceAccountName ?? 'pipeline-runner',
  };
  let wf: any;
  try {
    wf = compileToArgo(props.pipeline.toIr(), props.pipeline.toPlatformSpec(), options);
  } catch (e: any) {
    throw new Error(`${kind} ${scope.node.path}: ${e.message}`);
  }
  if (props.disableIstioSidecar ?? true) {
    for (const t of wf.spec.templates) {
      const annotations = t.metadata?.annotations ?? {};
      if (!(ISTIO_INJECT in annotations)) t.metadata = { ...(t.metadata ?? {}), annotations: { ...annotations, [ISTIO_INJECT]: 'false' } };
    }
  }
  return wf;
}

/** A DNS label made of the pipeline name's last segment (for default object names). */
export function baseName(pipelineName: string, max: number): string {
  const last = pipelineName.split('/').pop() ?? pipelineName;
  const cleaned = last.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  return (cleaned || 'pipeline').slice(0, max).replace(/-+$/, '');
}

/** First hex digits of the SHA-256 of a value's JSON. */
export function shortHash(value: any, length: number): string {
  return createHash('sha256').update(JSON.stringify(value), 'utf8').digest('hex').slice(0, length);
}

/** What a lazily built object contributes at synth time. */
export interface LazyParts {
  readonly spec: any;
  /** Overrides `metadata.name` (for names computed from the spec). */
  readonly name?: string;
}

/** An ApiObject whose spec (and possibly name) is computed when it is synthesized, after validation. */
export class LazySpecObject extends ApiObject {
  private readonly build: () => LazyParts;

  public constructor(scope: Construct, id: string, props: any, build: () => LazyParts) {
    super(scope, id, props);
    this.build = build;
  }

  public toJson(): any {
    const json = super.toJson();
    const parts = this.build();
    if (parts.name !== undefined) json.metadata = { ...json.metadata, name: parts.name };
    return { ...json, spec: parts.spec };
  }
}
