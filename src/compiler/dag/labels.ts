/**
 * The words on a pipeline picture, read from the IR: what a task runs, its markers (GPU, cache
 * off, exit task), readable conditions and loop items.
 */

const CHANNEL = 'pipelinechannel--';

/** The display of a channel name when nothing better is known: `pipelinechannel--x-Output` is `x-Output`. */
export function channelName(name: string): string {
  const bare = name.startsWith(CHANNEL) ? name.slice(CHANNEL.length) : name;
  const subvar = /-loop-item-subvar-(.+)$/.exec(bare);
  if (subvar) return `item.${subvar[1]}`;
  if (/^loop-item-param-\d+$/.test(bare) || bare.endsWith('-loop-item')) return 'item';
  return bare;
}

/** What the values of a DAG's inputs are called on the picture (`train.model`, `threshold`, `item`). */
export type Scope = ReadonlyMap<string, string>;

/** The display of one task input binding, resolved through the enclosing DAG's scope. */
export function bindingName(binding: any, scope: Scope): string | undefined {
  if (!binding || typeof binding !== 'object') return undefined;
  let base: string | undefined;
  if (binding.taskOutputParameter) {
    base = `${binding.taskOutputParameter.producerTask}.${channelName(String(binding.taskOutputParameter.outputParameterKey))}`;
  } else if (binding.taskOutputArtifact) {
    base = `${binding.taskOutputArtifact.producerTask}.${channelName(String(binding.taskOutputArtifact.outputArtifactKey))}`;
  } else if (typeof binding.componentInputParameter === 'string') {
    base = scope.get(binding.componentInputParameter) ?? channelName(binding.componentInputParameter);
  } else if (typeof binding.componentInputArtifact === 'string') {
    base = scope.get(binding.componentInputArtifact) ?? channelName(binding.componentInputArtifact);
  } else if (binding.runtimeValue && 'constant' in binding.runtimeValue) {
    base = JSON.stringify(binding.runtimeValue.constant);
  } else if (binding.taskFinalStatus) {
    base = `${binding.taskFinalStatus.producerTask} status`;
  }
  const selector = /^parseJson\(string_value\)\["(.*)"\]$/.exec(String(binding.parameterExpressionSelector ?? ''));
  return base !== undefined && selector ? `${base}.${selector[1]}` : base;
}

/**
 * The scope inside a DAG component run by `task`: each of the component's inputs is called what
 * the task binds it to. A loop's item input is `item`.
 */
export function innerScope(task: any, outer: Scope): Map<string, string> {
  const scope = new Map<string, string>();
  for (const kind of ['parameters', 'artifacts']) {
    for (const [name, binding] of Object.entries(task?.inputs?.[kind] ?? {})) {
      const shown = bindingName(binding, outer);
      if (shown !== undefined) scope.set(name, shown);
    }
  }
  const iterator = task?.parameterIterator ?? task?.artifactIterator;
  if (typeof iterator?.itemInput === 'string') scope.set(iterator.itemInput, 'item');
  return scope;
}

/** A CEL trigger condition with its channels named as on the picture. */
export function readableCondition(cel: string, scope: Scope): string {
  return cel.replace(/inputs\.parameter_values\['([^']*)'\]/g, (_, name: string) => scope.get(name) ?? channelName(name));
}

/**
 * Splits the conditions of an If/Elif/Else chain (in branch order) into what each branch adds:
 * kfp writes branch k as `!(c1) && … && !(c(k-1)) && ck`, and Else as the negations alone.
 */
export function branchConditions(conditions: readonly string[]): Array<{ readonly keyword: 'If' | 'Elif' | 'Else'; readonly own?: string }> {
  const owns: string[] = [];
  return conditions.map((cel, i) => {
    if (i === 0) {
      owns.push(cel);
      return { keyword: 'If' as const, own: cel };
    }
    const negations = owns.map((c) => `!(${c})`).join(' && ');
    if (cel === negations) return { keyword: 'Else' as const };
    const own = cel.startsWith(`${negations} && `) ? cel.slice(negations.length + 4) : cel;
    owns.push(own);
    return { keyword: 'Elif' as const, own };
  });
}

/** The image without its registry and path, and a digest shortened to 12 hex digits. */
export function shortImage(image: string): string {
  const [name, digest] = image.split('@');
  const last = name.slice(name.lastIndexOf('/') + 1);
  if (!digest) return last;
  const [algo, hex] = digest.split(':');
  return `${last}@${algo}:${(hex ?? '').slice(0, 12)}`;
}

/**
 * What a leaf task runs: the Python function, the container image, or `importer`; otherwise the
 * component's name.
 */
export function componentSummary(componentName: string, executor: any): string {
  const container = executor?.container;
  if (container) {
    const args: unknown[] = Array.isArray(container.args) ? container.args : [];
    const at = args.indexOf('--function_to_execute');
    if (at >= 0 && typeof args[at + 1] === 'string') return `${args[at + 1]}()`;
    if (typeof container.image === 'string') return shortImage(container.image);
  }
  if (executor?.importer) {
    const title = executor.importer.typeSchema?.schemaTitle;
    return typeof title === 'string' ? `importer · ${title}` : 'importer';
  }
  return componentName.replace(/^comp-/, '');
}

/** `GPU 1× nvidia.com/gpu` for a container that requests an accelerator. */
export function gpuMarker(executor: any): string | undefined {
  const accelerator = executor?.container?.resources?.accelerator;
  if (!accelerator || typeof accelerator !== 'object') return undefined;
  const count = accelerator.resourceCount ?? accelerator.count ?? '1';
  const type = accelerator.resourceType ?? accelerator.type;
  const n = /^\{\{\$\.inputs\.parameters\[/.test(String(count)) ? 'n' : String(count);
  const t = typeof type === 'string' && !type.startsWith('{{$') ? ` ${type}` : '';
  return `GPU ${n}×${t}`;
}

/** Breaks a line at spaces so that no piece is longer than `width` (a longer word stays whole). */
export function wrapLine(line: string, width: number = 48): string[] {
  if (line.length <= width) return [line];
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current && current.length + 1 + word.length > width) {
      out.push(current);
      current = word;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  if (current) out.push(current);
  return out;
}

/** An edge's label lines: at most four, then how many more. */
export function edgeLabelLines(labels: readonly string[]): string[] {
  return labels.length <= 4 ? [...labels] : [...labels.slice(0, 3), `+${labels.length - 3} more`];
}

/** Orders names with numbers by value: `condition-8` before `condition-13`, `step-2` before `step-10`. */
export function naturalCompare(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const [x, y] = [pa[i], pb[i]];
    if (x === y) continue;
    if (/^\d/.test(x) && /^\d/.test(y)) {
      const [nx, ny] = [x.replace(/^0+(?=\d)/, ''), y.replace(/^0+(?=\d)/, '')];
      if (nx.length !== ny.length) return nx.length - ny.length;
      if (nx !== ny) return nx < ny ? -1 : 1;
    } else {
      return x < y ? -1 : 1;
    }
  }
  if (pa.length !== pb.length) return pa.length - pb.length;
  return a === b ? 0 : a < b ? -1 : 1;
}
