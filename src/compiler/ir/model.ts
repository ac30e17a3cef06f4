/**
 * The plain description of a pipeline that the IR compiler reads.
 *
 * The authoring model (`src/pipeline/`) builds this from its constructs; the compiler turns it
 * into a KFP v2 `PipelineSpec`. Everything here is plain data: no cdk8s, no constructs, no
 * classes. Names of tasks and groups are already final (the authoring model assigns them in
 * creation order, the way the kfp DSL does).
 */

/** IR parameter types. */
export type IrParameterType =
  | 'STRING' | 'NUMBER_INTEGER' | 'NUMBER_DOUBLE' | 'BOOLEAN' | 'LIST' | 'STRUCT'
  | 'TASK_FINAL_STATUS' | 'TASK_CONFIG';

/**
 * A type: a parameter type (optionally with the element type of a list or the value type of a
 * struct, which decide loop item types) or an artifact type.
 */
export interface TypeDesc {
  readonly parameterType?: IrParameterType;
  /** For LIST: the element type (decides the type of a ParallelFor item). */
  readonly itemType?: TypeDesc;
  /** For STRUCT: the value type (decides the type of a loop item field). */
  readonly valueType?: TypeDesc;
  readonly schemaTitle?: string;
  readonly schemaVersion?: string;
}

/** An input or output of a component or pipeline. */
export interface IoDesc {
  readonly type: TypeDesc;
  readonly isArtifactList?: boolean;
  readonly optional?: boolean;
  readonly default?: any;
  readonly description?: string;
}

/** A reference to a runtime value (kfp: a pipeline channel). */
export type ValueRef =
  | { readonly ref: 'param'; readonly name: string; readonly type: TypeDesc; readonly isArtifactList?: boolean }
  | { readonly ref: 'output'; readonly task: string; readonly output: string; readonly type: TypeDesc; readonly isArtifactList?: boolean }
  | { readonly ref: 'loopItem'; readonly loop: string }
  | { readonly ref: 'loopField'; readonly loop: string; readonly field: string }
  | { readonly ref: 'collected'; readonly of: ValueRef }
  | { readonly ref: 'oneOf'; readonly group: string; readonly id: number; readonly values: ValueRef[] };

/** A task argument: a reference, or a JSON constant that may embed `{{kfp.ref:N}}` tokens. */
export type ArgValue = { readonly value: ValueRef } | { readonly constant: any };

export interface ContainerImpl {
  readonly kind: 'container';
  readonly image: string;
  readonly command?: string[];
  readonly args?: string[];
  /** Environment from the component definition, in order. */
  readonly env?: Array<[string, string]>;
}

export interface PythonImpl {
  readonly kind: 'python';
  readonly functionName: string;
  /** The function source (dedented, starting at the `def` line). */
  readonly source: string;
  /** Import statements written after kfp's own (custom artifact types). */
  readonly imports?: string[];
  readonly baseImage: string;
  readonly targetImage?: string;
  readonly packagesToInstall?: string[];
  readonly pipIndexUrls?: string[];
  readonly pipTrustedHosts?: string[];
  readonly useVenv?: boolean;
  readonly installKfpPackage?: boolean;
  readonly kfpPackagePath?: string;
}

export interface ImporterImpl {
  readonly kind: 'importer';
  readonly schemaTitle: string;
  readonly schemaVersion: string;
  readonly reimport: boolean;
  /** Metadata with channels already replaced by `{{$.inputs.parameters['metadata']}}` placeholders. */
  readonly metadata?: any;
  readonly downloadToWorkspace?: boolean;
}

export interface GraphImpl {
  readonly kind: 'graph';
  /** A pipeline defined with this library. */
  readonly pipeline?: PipelineDesc;
  /** A compiled PipelineSpec (and optional PlatformSpec), e.g. loaded from YAML. */
  readonly spec?: any;
  readonly platformSpec?: any;
}

export type ComponentImpl = ContainerImpl | PythonImpl | ImporterImpl | GraphImpl;

export interface ComponentDesc {
  /** Sanitised component name (`add-numbers`). */
  readonly name: string;
  readonly description?: string;
  readonly inputs: Record<string, IoDesc>;
  readonly outputs: Record<string, IoDesc>;
  readonly impl: ComponentImpl;
}

export interface RetryDesc {
  readonly maxRetryCount: number;
  readonly backoffDurationSeconds?: number;
  readonly backoffFactor?: number;
  readonly backoffMaxDurationSeconds?: number;
}

/** Resource settings: each a constant string or a JSON constant embedding a ref token. */
export interface ResourcesDesc {
  readonly cpuRequest?: string;
  readonly cpuLimit?: string;
  readonly memoryRequest?: string;
  readonly memoryLimit?: string;
  readonly acceleratorType?: string;
  readonly acceleratorCount?: string;
}

export interface TaskDesc {
  readonly name: string;
  /** Construct path, for error messages. */
  readonly path: string;
  readonly component: ComponentDesc;
  readonly args: Record<string, ArgValue>;
  /** `.after()` targets (task names, or exit-handler group names). */
  readonly after: string[];
  readonly enableCaching: boolean;
  readonly cacheKey?: string;
  readonly displayName?: string;
  readonly retry?: RetryDesc;
  readonly resources?: ResourcesDesc;
  /** `set_env_variable` calls in order. */
  readonly env?: Array<[string, string]>;
  readonly image?: string;
  readonly ignoreUpstreamFailure?: boolean;
  /** The only task of a component compiled on its own (may receive a final status from the pipeline). */
  readonly compiledComponent?: boolean;
  /** kfp-kubernetes executor config (camelCase KubernetesExecutorConfig fields). */
  readonly kubernetes?: any;
  /** References used by the Kubernetes config (kfp registers them as task channels). */
  readonly platformRefs?: ValueRef[];
}

export type ConditionOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';

export interface ConditionOpDesc {
  readonly operator: ConditionOperator;
  readonly left: ArgValue;
  readonly right: ArgValue;
  readonly negate: boolean;
}

export interface GroupDesc {
  readonly kind: 'pipeline' | 'condition' | 'condition-branches' | 'for-loop' | 'exit-handler';
  readonly name: string;
  readonly path: string;
  readonly displayName?: string;
  readonly groups: GroupDesc[];
  /** Names of the tasks directly in this group, in creation order. */
  readonly tasks: string[];
  /** condition: the conjunction of operations (Elif/Else carry negated earlier branches). */
  readonly conditions?: ConditionOpDesc[];
  /** for-loop */
  readonly loop?: {
    /** The list: a reference, or raw items. */
    readonly items: ArgValue;
    /** For raw items: the `loop-item-param-N` name. */
    readonly itemParamName?: string;
    /** Overrides the inferred item type. */
    readonly itemType?: TypeDesc;
    readonly parallelism: number;
  };
  /** exit-handler */
  readonly exitTask?: string;
}

export interface PipelineDesc {
  readonly name: string;
  readonly path: string;
  readonly description?: string;
  readonly displayName?: string;
  readonly pipelineRoot?: string;
  readonly inputs: Record<string, IoDesc>;
  readonly outputs: Record<string, IoDesc>;
  readonly root: GroupDesc;
  /** All tasks, in creation order. */
  readonly tasks: TaskDesc[];
  readonly outputValues: Record<string, ValueRef>;
  /** Values of `{{kfp.ref:N}}` tokens that appear in constants. */
  readonly refs: Record<string, ValueRef>;
  /** `platforms.kubernetes.pipelineConfig` content. */
  readonly pipelineConfig?: any;
}

export interface CompileOptions {
  /** The kfp SDK version written to `sdkVersion` and pinned in the Python bootstrap. */
  readonly kfpVersion: string;
}

/** A compile error that points at the construct that caused it. */
export class IrCompileError extends Error {
  constructor(public readonly path: string, message: string) {
    super(message);
    this.name = 'IrCompileError';
  }
}
