import { pyJsonDumps } from '../compiler/ir/pyjson';

/**
 * Placeholders for container component commands and args. Each returns the string kfp writes
 * in the IR, so they can be used as whole arguments or inside strings
 * (`` `--out=${Placeholder.outputPath('model')}` ``).
 */
export class Placeholder {
  /** The executor input JSON (`{{$}}`). */
  public static readonly EXECUTOR_INPUT = '{{$}}';
  /** The path of the executor output file (`{{$.outputs.output_file}}`). */
  public static readonly EXECUTOR_OUTPUT_FILE = '{{$.outputs.output_file}}';
  /** The pipeline job name (`dsl.PIPELINE_JOB_NAME_PLACEHOLDER`). */
  public static readonly PIPELINE_JOB_NAME = '{{$.pipeline_job_name}}';
  /** The pipeline job resource name. */
  public static readonly PIPELINE_JOB_RESOURCE_NAME = '{{$.pipeline_job_resource_name}}';
  /** The pipeline job id. */
  public static readonly PIPELINE_JOB_ID = '{{$.pipeline_job_uuid}}';
  /** The task name. */
  public static readonly PIPELINE_TASK_NAME = '{{$.pipeline_task_name}}';
  /** The task id. */
  public static readonly PIPELINE_TASK_ID = '{{$.pipeline_task_uuid}}';
  /** The pipeline root. */
  public static readonly PIPELINE_ROOT = '{{$.pipeline_root}}';
  /** The job creation time (UTC). */
  public static readonly PIPELINE_JOB_CREATE_TIME_UTC = '{{$.pipeline_job_create_time_utc}}';
  /** The scheduled time of a recurring run (UTC). */
  public static readonly PIPELINE_JOB_SCHEDULE_TIME_UTC = '{{$.pipeline_job_schedule_time_utc}}';
  /** The mount path of the pipeline workspace. */
  public static readonly WORKSPACE_PATH = '{{$.workspace_path}}';

  /** The value of an input parameter. */
  public static inputValue(inputName: string): string {
    return `{{$.inputs.parameters['${inputName}']}}`;
  }

  /** The local path of an input artifact. */
  public static inputPath(inputName: string): string {
    return `{{$.inputs.artifacts['${inputName}'].path}}`;
  }

  /** The URI of an input artifact. */
  public static inputUri(inputName: string): string {
    return `{{$.inputs.artifacts['${inputName}'].uri}}`;
  }

  /**
   * The artifacts of an `Input.artifactList()` input, passed whole: the runtime writes a JSON
   * list of the artifacts (kfp passes an `Input[List[Dataset]]` parameter of a container
   * component this way, `InputListOfArtifactsPlaceholder`).
   */
  public static inputArtifactList(inputName: string): string {
    return `{{$.inputs.artifacts['${inputName}']}}`;
  }

  /** The metadata of an input artifact. */
  public static inputMetadata(inputName: string): string {
    return `{{$.inputs.artifacts['${inputName}'].metadata}}`;
  }

  /**
   * The local path to write an output to: for an artifact output its path, for a parameter
   * output the file the parameter value is read from (`OutputPath(str)`).
   */
  public static outputPath(outputName: string): string {
    return `{{$.outputs.artifacts['${outputName}'].path}}`;
  }

  /** The file to write an output parameter to. */
  public static outputParameterFile(outputName: string): string {
    return `{{$.outputs.parameters['${outputName}'].output_file}}`;
  }

  /** The URI of an output artifact. */
  public static outputUri(outputName: string): string {
    return `{{$.outputs.artifacts['${outputName}'].uri}}`;
  }

  /** The metadata of an output artifact. */
  public static outputMetadata(outputName: string): string {
    return `{{$.outputs.artifacts['${outputName}'].metadata}}`;
  }

  /** Concatenates items (strings and placeholders) into one argument (`ConcatPlaceholder`). */
  public static concat(items: string[]): string {
    return pyJsonDumps({ Concat: items.map(structOrString) });
  }

  /**
   * Arguments that depend on whether an optional input was given (`IfPresentPlaceholder`).
   *
   * @param inputName the optional input
   * @param then the arguments when it is present
   * @param otherwise the arguments when it is absent
   */
  public static ifPresent(inputName: string, then: string[], otherwise?: string[]): string {
    const body: any = { InputName: inputName, Then: then.map(structOrString) };
    if (otherwise && otherwise.length > 0) body.Else = otherwise.map(structOrString);
    return pyJsonDumps({ IfPresent: body });
  }

  private constructor() {}
}

/** Nested Concat/IfPresent placeholders are embedded as objects, not strings. */
function structOrString(item: string): any {
  if (typeof item === 'string' && (item.startsWith('{"Concat": ') || item.startsWith('{"IfPresent": '))) {
    try {
      return JSON.parse(item);
    } catch {
      return item;
    }
  }
  return item;
}
