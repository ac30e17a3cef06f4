import * as fs from 'fs';
import { parseAllDocuments } from 'yaml';
import { DagOptions, PipelineDag } from '../compiler/dag';

/**
 * Anything that yields a compiled KFP v2 pipeline: a `Pipeline` construct, or IR compiled
 * elsewhere (for example by the kfp Python SDK) and imported with `CompiledPipeline`.
 *
 * Deployment constructs (pipeline versions, runs, recurring runs, Argo workflows) consume this
 * interface, so they work the same for pipelines written here and pipelines compiled in Python.
 */
export interface IPipelineSource {
  /** The pipeline name (`pipelineInfo.name`). */
  readonly pipelineName: string;

  /** The PipelineSpec (the first document of the pipeline file) as plain objects. */
  toIr(): any;

  /**
   * The PlatformSpec (the second document, `{ platforms: { kubernetes: ... } }`) as plain
   * objects, or `undefined` when the pipeline uses no platform feature.
   */
  toPlatformSpec(): any;
}

/**
 * A pipeline compiled elsewhere: a KFP v2 IR file (PipelineSpec YAML, with an optional
 * PlatformSpec document), such as the output of `kfp.compiler.Compiler().compile()`.
 */
export class CompiledPipeline implements IPipelineSource {
  /** Reads a pipeline file (`*.yaml` or `*.json`) at synth time. */
  public static fromFile(path: string): CompiledPipeline {
    let text: string;
    try {
      text = fs.readFileSync(path, 'utf8');
    } catch (e: any) {
      throw new Error(`CompiledPipeline.fromFile: cannot read '${path}': ${e.message}`);
    }
    return CompiledPipeline.fromYaml(text, path);
  }

  /**
   * Parses the text of a pipeline file: one PipelineSpec document, optionally followed by a
   * PlatformSpec document.
   *
   * @param text the YAML (or JSON) text
   * @param source where the text came from, for error messages
   */
  public static fromYaml(text: string, source: string = 'pipeline YAML'): CompiledPipeline {
    const docs = parseAllDocuments(text);
    const values: any[] = [];
    for (const doc of docs) {
      if (doc.errors.length > 0) {
        throw new Error(`CompiledPipeline: ${source} is not valid YAML: ${doc.errors[0].message}`);
      }
      const value = doc.toJSON();
      if (value !== null && value !== undefined) values.push(value);
    }
    const spec = values.find((d) => d && typeof d === 'object' && ('pipelineInfo' in d || 'root' in d));
    const platform = values.find((d) => d && typeof d === 'object' && 'platforms' in d);
    if (!spec) {
      throw new Error(`CompiledPipeline: ${source} has no PipelineSpec document (expected a document with 'pipelineInfo' and 'root')`);
    }
    return new CompiledPipeline(spec, platform, source);
  }

  /**
   * Wraps IR that is already parsed.
   *
   * @param pipelineSpec the PipelineSpec object
   * @param platformSpec the PlatformSpec object (`{ platforms: { kubernetes: ... } }`)
   */
  public static fromObjects(pipelineSpec: any, platformSpec?: any): CompiledPipeline {
    return new CompiledPipeline(pipelineSpec, platformSpec, 'pipeline spec');
  }

  public readonly pipelineName: string;
  private readonly spec: any;
  private readonly platform: any;

  private constructor(spec: any, platform: any, source: string) {
    const name = spec?.pipelineInfo?.name;
    if (typeof name !== 'string' || name.length === 0) {
      throw new Error(`CompiledPipeline: ${source} has no pipelineInfo.name (expected a non-empty string)`);
    }
    if (!spec.root || typeof spec.root !== 'object') {
      throw new Error(`CompiledPipeline: ${source} (pipeline '${name}') has no root component`);
    }
    if (spec.schemaVersion !== '2.1.0') {
      throw new Error(`CompiledPipeline: ${source} (pipeline '${name}') has schemaVersion '${spec.schemaVersion}', expected '2.1.0'`);
    }
    this.pipelineName = name;
    this.spec = spec;
    this.platform = platform;
  }

  public toIr(): any {
    return JSON.parse(JSON.stringify(this.spec));
  }

  public toPlatformSpec(): any {
    return this.platform === undefined ? undefined : JSON.parse(JSON.stringify(this.platform));
  }

  /**
   * A picture of the pipeline as a Mermaid flowchart (see `PipelineDag.toMermaid`).
   *
   * @param options how much to draw
   */
  public toMermaid(options?: DagOptions): string {
    return PipelineDag.toMermaid(this.spec, options);
  }

  /**
   * A picture of the pipeline as SVG, laid out by Graphviz (see `PipelineDag.toSvg`).
   *
   * @param options how much to draw
   */
  public toSvg(options?: DagOptions): string {
    return PipelineDag.toSvg(this.spec, options);
  }
}
