/**
 * `cdk8s-kfp-dag`: draws any KFP pipeline file (the IR, as `kfp.compiler` or `cdk8s synth`
 * writes it) as a Mermaid flowchart, a Markdown page or an SVG.
 */
import * as fs from 'fs';
import { DagOptions, PipelineDag } from '../compiler/dag';
import { CompiledPipeline } from '../pipeline/source';

/** Where the command writes. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const FORMATS = ['svg', 'md', 'mermaid', 'dot'] as const;
type Format = typeof FORMATS[number];

const EXTENSIONS: Record<string, Format> = { '.svg': 'svg', '.md': 'md', '.markdown': 'md', '.mmd': 'mermaid', '.mermaid': 'mermaid', '.dot': 'dot', '.gv': 'dot' };

export const USAGE = `Usage: cdk8s-kfp-dag <pipeline.yaml> [-o <file.svg|file.md|file.mmd|file.dot>] [options]

Draws a Kubeflow pipeline from its IR (a PipelineSpec YAML or JSON file, as kfp's compiler or
cdk8s synth writes it). Without -o it prints the Mermaid flowchart.

Options:
  -o, --output <file>       write to <file>; its extension chooses the format
  -f, --format <format>     svg, md (a Markdown page with the flowchart), mermaid or dot
      --max-nodes <n>       draw at most n boxes and groups (default 250); more collapse
      --collapse-depth <n>  draw groups nested deeper than n levels as one box each
  -h, --help                show this help
`;

class UsageError extends Error {}

function wholeNumber(option: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${option} got '${value}'; expected a whole number`);
  return Number(value);
}

function parse(args: readonly string[]): { input: string; output?: string; format: Format; options: DagOptions } | 'help' {
  const inputs: string[] = [];
  let output: string | undefined;
  let format: string | undefined;
  const options: { maxNodes?: number; collapseDepth?: number } = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-h' || arg === '--help') return 'help';
    if (!arg.startsWith('-') || arg === '-') {
      inputs.push(arg);
      continue;
    }
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (!['-o', '--output', '-f', '--format', '--max-nodes', '--collapse-depth'].includes(name)) throw new UsageError(`unknown option '${name}'`);
    const value = inline ?? args[++i];
    if (value === undefined) throw new UsageError(`option '${name}' needs a value`);
    if (name === '-o' || name === '--output') output = value;
    else if (name === '-f' || name === '--format') format = value;
    else if (name === '--max-nodes') options.maxNodes = wholeNumber(name, value);
    else options.collapseDepth = wholeNumber(name, value);
  }
  if (inputs.length === 0) throw new UsageError('expected a pipeline file (see --help)');
  if (inputs.length > 1) throw new UsageError(`got ${inputs.length} pipeline files (${inputs.join(', ')}); expected one`);
  if (format !== undefined && !(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format '${format}'; expected ${FORMATS.join(', ')}`);
  }
  if (format === undefined && output !== undefined) {
    const ext = /\.[^./\\]+$/.exec(output)?.[0].toLowerCase() ?? '';
    format = EXTENSIONS[ext];
    if (!format) throw new UsageError(`cannot tell the format of '${output}' from its extension; expected .svg, .md, .mmd or .dot (or --format)`);
  }
  return { input: inputs[0], output, format: (format ?? 'mermaid') as Format, options };
}

/** Runs the command; returns the exit code (0 done, 1 bad input, 2 bad usage). */
export function runDagCli(args: readonly string[], io: CliIo): number {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (e: any) {
    io.err(`cdk8s-kfp-dag: ${e.message}\n`);
    return 2;
  }
  if (parsed === 'help') {
    io.out(USAGE);
    return 0;
  }
  const { input, output, format, options } = parsed;
  let text: string;
  try {
    const ir = CompiledPipeline.fromFile(input).toIr();
    text = format === 'svg' ? PipelineDag.toSvg(ir, options)
      : format === 'md' ? PipelineDag.toMarkdown(ir, options)
        : format === 'dot' ? PipelineDag.toDot(ir, options)
          : PipelineDag.toMermaid(ir, options);
  } catch (e: any) {
    io.err(`cdk8s-kfp-dag: ${e.message}\n`);
    return 1;
  }
  if (output === undefined) {
    io.out(text);
    return 0;
  }
  try {
    fs.writeFileSync(output, text);
  } catch (e: any) {
    io.err(`cdk8s-kfp-dag: cannot write '${output}': ${e.message}\n`);
    return 1;
  }
  return 0;
}
