import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { contentHash, sha256Hex } from './hash';
import { LockFileState } from './lock-file';
import { VersionLock } from './version-lock';
import { IPipelineSource } from '../pipeline/source';
import { Marker } from '../util/marker';

/** The API group/version of KFP's Kubernetes-native pipeline store. */
const API_VERSION = 'pipelines.kubeflow.org/v2beta1';
const PUBLISHED = new Marker('cdk8s-kfp.PublishedPipeline');
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const VERSION_NAME = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/;
const PIPELINE_INFO_NAME = /^[a-z0-9][a-z0-9-]{0,127}$/;
const HASH_VERSION_PREFIX = 'sha-';

/**
 * A pipeline that exists in KFP: published by this app ({@link PublishedPipeline}) or declared as
 * published elsewhere ({@link PublishedPipeline.fromPipelineName}). Runs and recurring runs find
 * their pipeline through this.
 */
export interface IPublishedPipeline extends IConstruct {
  /** The KFP pipeline name (the `Pipeline` object's `metadata.name`). */
  readonly kfpPipelineName: string;

  /** The namespace the pipeline lives in. */
  readonly namespace: string;

  /** The version this app publishes; `undefined` for imported pipelines. */
  readonly publishedVersion?: string;

  /** The compiled pipeline, when known, used to check run parameters. */
  readonly pipelineSource?: IPipelineSource;
}

/** Props for {@link PublishedPipeline}. */
export interface PublishedPipelineProps {
  /** The pipeline to publish (a `Pipeline` construct or a `CompiledPipeline`). */
  readonly pipeline: IPipelineSource;

  /**
   * The namespace of the `Pipeline` and `PipelineVersion` objects. In single-user KFP this must be
   * the KFP namespace (the API server only reads pipelines there); in multi-user KFP a profile
   * namespace, or the KFP namespace for shared pipelines.
   *
   * @default 'kubeflow'
   */
  readonly namespace?: string;

  /**
   * The KFP pipeline name (`metadata.name` of the `Pipeline`): a DNS-1123 subdomain.
   *
   * @default - the pipeline's name (`pipelineInfo.name`)
   */
  readonly name?: string;

  /**
   * The version name, for example a git tag (`v1.4.0`): lowercase letters, digits, `.` and `-`.
   * Published versions are immutable; the versions lock file makes sure a name is never reused
   * for another spec.
   *
   * @default - `sha-` and the first 12 hex digits of the content hash (spec, platform spec,
   * description and code source URL: every field KFP keeps immutable)
   */
  readonly version?: string;

  /**
   * The pipeline's display name in the KFP UI.
   *
   * @default - the pipeline name
   */
  readonly displayName?: string;

  /**
   * Description of the pipeline and of this version.
   *
   * @default - the pipeline's description (`pipelineInfo.description`), if any
   */
  readonly description?: string;

  /**
   * Tags on the pipeline and on this version (mutable in KFP).
   *
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };

  /**
   * The version's display name in the KFP UI (mutable in KFP).
   *
   * @default - '<display name> <version>'
   */
  readonly versionDisplayName?: string;

  /**
   * Where the version's source code lives, e.g. `https://github.com/org/repo/tree/v1.4.0`.
   * Shown in the KFP UI. Immutable in KFP.
   *
   * @default - none
   */
  readonly codeSourceUrl?: string;

  /**
   * The versions lock file.
   *
   * @default VersionLock.fromFile('kfp-versions.lock.json')
   */
  readonly versionLock?: VersionLock;

  /**
   * Keep versions that git no longer declares: the `PipelineVersion` carries the Argo CD sync
   * option `Prune=false`, so publishing v2 does not delete v1 (runs pinned to v1 keep working and
   * the KFP UI keeps the history). Deleting the `Pipeline` still deletes all its versions.
   *
   * @default true
   */
  readonly retainVersions?: boolean;

  /**
   * Argo CD sync wave of the `Pipeline`; the `PipelineVersion` goes one wave later, because KFP's
   * admission webhook rejects a version whose pipeline does not exist yet.
   *
   * @default 0
   */
  readonly syncWave?: number;
}

/** Options for {@link PublishedPipeline.fromPipelineName}. */
export interface PipelineImportOptions {
  /**
   * The namespace the pipeline lives in.
   *
   * @default 'kubeflow'
   */
  readonly namespace?: string;

  /**
   * The compiled pipeline (for example `CompiledPipeline.fromFile()` of what was uploaded), used to
   * check run parameters.
   *
   * @default - parameters of runs of this pipeline are not checked at synth
   */
  readonly pipeline?: IPipelineSource;
}

/**
 * Publishes a pipeline to KFP's Kubernetes-native store as a `pipelines.kubeflow.org/v2beta1`
 * `Pipeline` and `PipelineVersion` (KFP >= 2.14 with `--pipelinesStoreKubernetes=true`). The
 * version's `pipelineSpec` and `platformSpec` are the pipeline's IR.
 *
 * It is also an `IPipelineSource`, so it can be passed wherever a pipeline is expected.
 */
export class PublishedPipeline extends Construct implements IPublishedPipeline, IPipelineSource {
  /**
   * Declares a pipeline published outside this app (KFP UI, SDK, another GitOps repository), so
   * runs and recurring runs can use it.
   *
   * @param pipelineName the KFP pipeline name
   */
  public static fromPipelineName(scope: Construct, id: string, pipelineName: string, options: PipelineImportOptions = {}): IPublishedPipeline {
    return new ImportedPipeline(scope, id, pipelineName, options);
  }

  /** Whether `x` is a published or imported pipeline. */
  public static isPublishedPipeline(x: any): boolean {
    return PUBLISHED.has(x);
  }

  public readonly kfpPipelineName: string;
  public readonly namespace: string;

  /** The version name this construct publishes (given, or derived from the content hash). */
  public readonly versionName: string;

  /** The pipeline this construct publishes. */
  public readonly pipeline: IPipelineSource;

  /** The pipeline name in the IR (`pipelineInfo.name`). */
  public readonly pipelineName: string;

  /** `sha256:<hex>` of the canonical JSON of the pipeline spec and platform spec. */
  public readonly specHash: string;

  /** The `Pipeline` object. */
  public readonly pipelineObject: ApiObject;

  /** The `PipelineVersion` object. */
  public readonly versionObject: ApiObject;

  /** @internal Whether the version name is derived from the content hash (no version given). */
  public readonly _versionIsHash: boolean;
  private readonly metadataHash?: string;

  public constructor(scope: Construct, id: string, props: PublishedPipelineProps) {
    super(scope, id);
    PUBLISHED.mark(this);
    const where = `PublishedPipeline '${this.node.path}'`;
    if (!props.pipeline || typeof props.pipeline.toIr !== 'function') {
      throw new Error(`${where}: 'pipeline' is required (a Pipeline construct or a CompiledPipeline)`);
    }
    this.pipeline = props.pipeline;
    this.pipelineName = props.pipeline.pipelineName;
    this.namespace = props.namespace ?? 'kubeflow';
    this.kfpPipelineName = props.name ?? props.pipeline.pipelineName;
    checkDnsSubdomain(where, 'namespace', this.namespace, 63);
    checkDnsSubdomain(where, 'name', this.kfpPipelineName, 253);
    if (!PIPELINE_INFO_NAME.test(this.pipelineName)) {
      throw new Error(`${where}: the pipeline's pipelineInfo.name is '${this.pipelineName}'; KFP's admission webhook expects ` +
        "lowercase letters, digits and '-', starting with a letter or digit, at most 128 characters (^[a-z0-9][a-z0-9-]{0,127}$)");
    }

    const ir = props.pipeline.toIr();
    const platformSpec = props.pipeline.toPlatformSpec();
    const description = props.description ?? ir?.pipelineInfo?.description;
    this.specHash = contentHash({ pipelineSpec: ir, platformSpec: platformSpec ?? null });
    const metadata = { description: description ?? null, codeSourceURL: props.codeSourceUrl ?? null };
    this.metadataHash = description !== undefined || props.codeSourceUrl !== undefined ? contentHash(metadata) : undefined;

    if (props.version !== undefined) {
      if (typeof props.version !== 'string' || props.version.length > 253 || !VERSION_NAME.test(props.version)) {
        const suggestion = suggestVersion(String(props.version));
        throw new Error(`${where}: version '${props.version}' is not a valid KFP version name; expected lowercase letters, digits, ` +
          `'.' and '-', starting and ending with a letter or digit, at most 253 characters${suggestion ? ` (for example '${suggestion}')` : ''}`);
      }
      this.versionName = props.version;
      this._versionIsHash = false;
    } else {
      this.versionName = HASH_VERSION_PREFIX + sha256Hex({ pipelineSpec: ir, platformSpec: platformSpec ?? null, ...metadata }).slice(0, 12);
      this._versionIsHash = true;
    }
    const versionObjectName = this.versionName === this.kfpPipelineName ? this.versionName : `${this.kfpPipelineName}-${this.versionName}`;
    if (versionObjectName.length > 253) {
      throw new Error(`${where}: the PipelineVersion name '${versionObjectName}' is ${versionObjectName.length} characters long; ` +
        'expected at most 253 (shorten the pipeline name or the version)');
    }
    const tags = props.tags;
    if (tags) {
      for (const [k, v] of Object.entries(tags)) {
        if (typeof v !== 'string') throw new Error(`${where}: tag '${k}' has the value ${JSON.stringify(v)}; expected a string`);
      }
    }
    const wave = props.syncWave ?? 0;
    if (!Number.isInteger(wave)) throw new Error(`${where}: syncWave is ${wave}; expected an integer`);
    const displayName = props.displayName ?? this.kfpPipelineName;

    this.pipelineObject = new ApiObject(this, 'Pipeline', {
      apiVersion: API_VERSION,
      kind: 'Pipeline',
      metadata: {
        name: this.kfpPipelineName,
        namespace: this.namespace,
        annotations: wave !== 0 ? { 'argocd.argoproj.io/sync-wave': String(wave) } : undefined,
      },
      spec: {
        displayName,
        description,
        tags: tags && Object.keys(tags).length ? { ...tags } : undefined,
      },
    });

    const annotations: Record<string, string> = {
      'argocd.argoproj.io/sync-wave': String(wave + 1),
      'cdk8s-kfp.io/spec-hash': this.specHash,
    };
    if (props.retainVersions ?? true) annotations['argocd.argoproj.io/sync-options'] = 'Prune=false';
    const lockState = LockFileState.of(this, props.versionLock ?? VersionLock.fromFile('kfp-versions.lock.json'));
    this.versionObject = new PipelineVersionObject(this, 'PipelineVersion', {
      apiVersion: API_VERSION,
      kind: 'PipelineVersion',
      metadata: { name: versionObjectName, namespace: this.namespace, annotations },
      spec: {
        pipelineName: this.kfpPipelineName,
        versionName: this.versionName,
        displayName: props.versionDisplayName ?? `${displayName} ${this.versionName}`,
        description,
        codeSourceURL: props.codeSourceUrl,
        tags: tags && Object.keys(tags).length ? { ...tags } : undefined,
        pipelineSpec: ir,
        platformSpec: platformSpec ?? undefined,
      },
    }, lockState);

    this.node.addValidation({
      validate: () => {
        const now = contentHash({ pipelineSpec: props.pipeline.toIr(), platformSpec: props.pipeline.toPlatformSpec() ?? null });
        if (now !== this.specHash) {
          return [`the pipeline '${this.pipelineName}' changed after it was published (spec hash ${this.specHash} at publish time, ` +
            `${now} now); create the PublishedPipeline after the pipeline is complete`];
        }
        return lockState.check({
          pipelineKey: `${this.namespace}/${this.kfpPipelineName}`,
          version: this.versionName,
          entry: { specHash: this.specHash, metadataHash: this.metadataHash },
          hashNamed: this._versionIsHash,
          owner: this.node.path,
        });
      },
    });
  }

  /** Same as `versionName` (the `IPublishedPipeline` view). */
  public get publishedVersion(): string | undefined {
    return this.versionName;
  }

  /** Same as `pipeline` (the `IPublishedPipeline` view). */
  public get pipelineSource(): IPipelineSource | undefined {
    return this.pipeline;
  }

  public toIr(): any {
    return this.pipeline.toIr();
  }

  public toPlatformSpec(): any {
    return this.pipeline.toPlatformSpec();
  }
}

/** The `PipelineVersion` object; writes the versions lock file when it is synthesized. */
class PipelineVersionObject extends ApiObject {
  private readonly lockState: LockFileState;

  public constructor(scope: Construct, id: string, props: any, lockState: LockFileState) {
    super(scope, id, props);
    this.lockState = lockState;
  }

  public toJson(): any {
    // cdk8s serializes objects only after every validation in the app has passed, so this is the
    // point where recorded versions become real.
    this.lockState.commit();
    return super.toJson();
  }
}

class ImportedPipeline extends Construct implements IPublishedPipeline {
  public readonly kfpPipelineName: string;
  public readonly namespace: string;
  public readonly publishedVersion?: string = undefined;
  public readonly pipelineSource?: IPipelineSource;

  public constructor(scope: Construct, id: string, pipelineName: string, options: PipelineImportOptions) {
    super(scope, id);
    PUBLISHED.mark(this);
    const where = `PublishedPipeline.fromPipelineName '${this.node.path}'`;
    checkDnsSubdomain(where, 'pipelineName', pipelineName, 253);
    this.kfpPipelineName = pipelineName;
    this.namespace = options.namespace ?? 'kubeflow';
    checkDnsSubdomain(where, 'namespace', this.namespace, 63);
    this.pipelineSource = options.pipeline;
  }
}

function checkDnsSubdomain(where: string, what: string, value: string, max: number): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > max || !DNS_SUBDOMAIN.test(value)) {
    throw new Error(`${where}: ${what} '${value}' is not a valid Kubernetes name; expected lowercase letters, digits, '-' and '.', ` +
      `starting and ending with a letter or digit, at most ${max} characters`);
  }
}

function suggestVersion(value: string): string | undefined {
  const s = value.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '').slice(0, 253);
  return s && VERSION_NAME.test(s) ? s : undefined;
}
