import * as fs from 'fs';
import { loadComponentYaml } from './component-yaml';
import { InputSpec, OutputSpec } from './io';
import { ComponentDesc, ComponentImpl, IoDesc } from '../compiler/ir/model';
import { sanitizeK8sName } from '../compiler/ir/names';
import { normalizePythonSource } from '../compiler/ir/python-executor';

/** Inputs and outputs shared by every component definition. */
export interface ComponentIoProps {
  /**
   * Typed inputs, by name.
   * @default - none
   */
  readonly inputs?: { [name: string]: InputSpec };
  /**
   * Typed outputs, by name. A Python function's return value is named `Output`.
   * @default - none
   */
  readonly outputs?: { [name: string]: OutputSpec };
  /**
   * A description. When the component is compiled on its own it heads the pipeline file.
   * @default - none
   */
  readonly description?: string;
}

/** A container component (kfp `@dsl.container_component`). */
export interface ContainerComponentProps extends ComponentIoProps {
  /** The component name (sanitised into task names, e.g. `Print Text` becomes `print-text`). */
  readonly name: string;
  /** The container image. */
  readonly image: string;
  /**
   * The entrypoint. Elements are strings, placeholders (`Placeholder.inputValue('x')`) or
   * strings with placeholders inside.
   * @default - the image's entrypoint
   */
  readonly command?: string[];
  /**
   * The arguments, with placeholders as in `command`.
   * @default - none
   */
  readonly args?: string[];
  /**
   * Environment variables of the container.
   * @default - none
   */
  readonly env?: { [name: string]: string };
}

/** A lightweight Python component (kfp `@dsl.component`). */
export interface PythonComponentProps extends ComponentIoProps {
  /**
   * The Python source of the function (for example `fs.readFileSync('train.py', 'utf8')`).
   * It is dedented and starts at the first `def` line, as kfp does: put imports inside the
   * function.
   */
  readonly source: string;
  /**
   * The function to run.
   * @default - the first function defined in `source`
   */
  readonly functionName?: string;
  /**
   * The component name.
   * @default - the function name
   */
  readonly name?: string;
  /**
   * Module-level import statements written after kfp's own (`import kfp` ... `from typing import *`),
   * for names the function's signature needs when the module is loaded, such as custom artifact
   * types (`['from aiplatform import VertexModel']`, or `['import aiplatform']` for
   * `Output[aiplatform.VertexModel]`): kfp writes these from the annotations' modules.
   * @default - none
   */
  readonly imports?: string[];
  /**
   * The image the function runs in.
   * @default 'python:3.11'
   */
  readonly baseImage?: string;
  /**
   * An image with the component already installed (kfp `target_image`): the container runs
   * `python3 -m kfp.dsl.executor_main` instead of installing kfp.
   * @default - a lightweight component
   */
  readonly targetImage?: string;
  /**
   * Python packages to `pip install` before running.
   * @default - none
   */
  readonly packagesToInstall?: string[];
  /**
   * Package indexes: the first is `--index-url`, the others `--extra-index-url`.
   * @default - pip's default index
   */
  readonly pipIndexUrls?: string[];
  /**
   * Hosts passed to `--trusted-host`.
   * @default - each index URL is trusted
   */
  readonly pipTrustedHosts?: string[];
  /**
   * Install kfp into a virtual environment.
   * @default false
   */
  readonly useVenv?: boolean;
  /**
   * Whether to install the kfp package at runtime.
   * @default true
   */
  readonly installKfpPackage?: boolean;
  /**
   * Install kfp from this pip specifier instead of `kfp==<version>`.
   * @default - the library-level kfp version
   */
  readonly kfpPackagePath?: string;
}

/** @internal */
export interface ComponentInterface {
  readonly inputs: Record<string, IoDesc>;
  readonly outputs: Record<string, IoDesc>;
  readonly kind: ComponentImpl['kind'];
}

/**
 * The parameter names of `def name(...)` in a Python source, or undefined when the signature
 * can't be read (then nothing is checked).
 */
function functionParameters(source: string, name: string): string[] | undefined {
  const m = new RegExp(`^def\\s+${name}\\s*\\(`, 'm').exec(source);
  if (!m) return undefined;
  let i = m.index + m[0].length;
  let depth = 0;
  let quote: string | undefined;
  let current = '';
  const parts: string[] = [];
  for (; i < source.length; i++) {
    const ch = source[i];
    if (quote) {
      current += ch;
      if (ch === '\\') {
        current += source[++i] ?? '';
      } else if (ch === quote) {
        quote = undefined;
      }
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      current += ch;
    } else if (ch === '#') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if ('([{'.includes(ch)) {
      depth++;
      current += ch;
    } else if (')]}'.includes(ch)) {
      if (depth === 0) {
        parts.push(current);
        break;
      }
      depth--;
      current += ch;
    } else if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  if (i >= source.length) return undefined;
  const names: string[] = [];
  for (const part of parts) {
    const p = part.trim();
    if (p === '' || p === '*' || p === '/' || p.startsWith('**') || p.startsWith('*')) continue;
    const n = /^([A-Za-z_][A-Za-z0-9_]*)/.exec(p);
    if (!n) return undefined;
    names.push(n[1]);
  }
  return names;
}

const IO_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

function ioDescs<T extends { _toDesc(): IoDesc }>(what: string, where: string, specs: { [name: string]: T } | undefined): Record<string, IoDesc> {
  const out: Record<string, IoDesc> = {};
  for (const [name, spec] of Object.entries(specs ?? {})) {
    if (!IO_NAME.test(name) || name.startsWith('pipelinechannel--')) {
      throw new Error(`${where}: ${what} name '${name}' is not valid; expected a letter followed by letters, digits, '_' or '-'`);
    }
    if (!spec || typeof (spec as { _toDesc?: unknown })._toDesc !== 'function') {
      throw new Error(`${where}: ${what} '${name}' got ${JSON.stringify(spec)}; expected an ${what === 'input' ? 'InputSpec (Input.string(), Input.dataset(), ...)' : 'OutputSpec (Output.string(), Output.model(), ...)'}`);
    }
    out[name] = spec._toDesc();
  }
  return out;
}

const PLACEHOLDER = /\{\{\$\.(inputs|outputs)\.(parameters|artifacts)\['([^']*)'\](?:\.(path|uri|metadata|output_file))?[^}]*\}\}/g;

/** Checks placeholders against the declared inputs/outputs; rewrites `outputPath` of parameters. */
export function checkPlaceholders(where: string, items: string[], inputs: Record<string, IoDesc>, outputs: Record<string, IoDesc>): string[] {
  return items.map((item) => {
    if (typeof item !== 'string') {
      throw new Error(`${where}: command/args element ${JSON.stringify(item)} is not a string; expected a string or a Placeholder`);
    }
    return item.replace(PLACEHOLDER, (match, dir: string, kind: string, name: string, attr: string | undefined) => {
      const ios = dir === 'inputs' ? inputs : outputs;
      const io = ios[name];
      if (!io) {
        throw new Error(`${where}: placeholder ${match} refers to ${dir === 'inputs' ? 'input' : 'output'} '${name}', which is not declared; expected one of ${JSON.stringify(Object.keys(ios))}`);
      }
      const isParam = io.type.parameterType !== undefined;
      if (dir === 'outputs' && kind === 'artifacts' && attr === 'path' && isParam) {
        return `{{$.outputs.parameters['${name}'].output_file}}`;
      }
      if (kind === 'parameters' && !isParam) {
        const expected = io.isArtifactList ? 'inputArtifactList' : dir === 'inputs' ? 'inputPath/inputUri' : 'outputPath/outputUri';
        throw new Error(`${where}: placeholder ${match} reads artifact ${dir === 'inputs' ? 'input' : 'output'} '${name}' as a parameter; expected Placeholder.${expected}`);
      }
      if (kind === 'artifacts' && !isParam && io.isArtifactList && attr !== undefined) {
        throw new Error(`${where}: placeholder ${match} reads the ${attr} of '${name}', a list of artifacts, which has none; expected Placeholder.inputArtifactList('${name}')`);
      }
      if (kind === 'artifacts' && !isParam && !io.isArtifactList && attr === undefined) {
        throw new Error(`${where}: placeholder ${match} passes artifact ${dir === 'inputs' ? 'input' : 'output'} '${name}' whole, which kfp allows only for a list of artifacts; expected Placeholder.${dir === 'inputs' ? 'inputPath/inputUri/inputMetadata' : 'outputPath/outputUri/outputMetadata'}`);
      }
      if (kind === 'artifacts' && isParam) {
        throw new Error(`${where}: placeholder ${match} reads parameter ${dir === 'inputs' ? 'input' : 'output'} '${name}' as an artifact; expected Placeholder.${dir === 'inputs' ? 'inputValue' : 'outputPath'}`);
      }
      return match;
    });
  });
}

/**
 * A reusable component definition. Components are plain values, not constructs: define them
 * once (in a module of their own, say) and use them in many pipelines.
 */
export class Component {
  /** A container component: an image, a command and args with placeholders. */
  public static container(props: ContainerComponentProps): Component {
    const where = `Component.container(${JSON.stringify(props?.name)})`;
    if (!props || typeof props.name !== 'string' || sanitizeK8sName(props.name) === '') {
      throw new Error(`${where}: got name ${JSON.stringify(props?.name)}; expected a name with letters or digits`);
    }
    if (typeof props.image !== 'string' || props.image.trim() === '') {
      throw new Error(`${where}: got image ${JSON.stringify(props.image)}; expected a container image reference`);
    }
    const inputs = ioDescs('input', where, props.inputs);
    const outputs = ioDescs('output', where, props.outputs);
    const command = checkPlaceholders(where, props.command ?? [], inputs, outputs);
    const args = checkPlaceholders(where, props.args ?? [], inputs, outputs);
    const env = Object.entries(props.env ?? {}).map(([k, v]) => [k, String(v)] as [string, string]);
    return new Component({
      name: sanitizeK8sName(props.name),
      description: props.description,
      inputs,
      outputs,
      impl: { kind: 'container', image: props.image, command, args, ...(env.length ? { env } : {}) },
    });
  }

  /** A lightweight Python component: a function's source, run with the kfp executor. */
  public static python(props: PythonComponentProps): Component {
    const where = `Component.python(${JSON.stringify(props?.name ?? props?.functionName)})`;
    if (!props || typeof props.source !== 'string' || props.source.trim() === '') {
      throw new Error(`${where}: got source ${JSON.stringify(props?.source)}; expected the Python source of a function`);
    }
    const source = normalizePythonSource(props.source);
    const defs = [...source.matchAll(/^def\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(/gm)].map((m) => m[1]);
    if (defs.length === 0) {
      throw new Error(`${where}: the source has no top-level 'def'; expected the source of a Python function`);
    }
    const functionName = props.functionName ?? defs[0];
    if (!defs.includes(functionName)) {
      throw new Error(`${where}: got functionName '${functionName}', which the source doesn't define; expected one of ${JSON.stringify(defs)}`);
    }
    const at = `Component.python(${JSON.stringify(props.name ?? functionName)})`;
    const name = sanitizeK8sName(props.name ?? functionName.replace(/_/g, ' '));
    if (name === '') throw new Error(`${at}: got name ${JSON.stringify(props.name)}; expected a name with letters or digits`);
    const inputs = ioDescs('input', at, props.inputs);
    const outputs = ioDescs('output', at, props.outputs);
    for (const n of Object.keys(inputs)) {
      if (n === 'Output') throw new Error(`${at}: input name 'Output' is reserved for the return value; expected another name`);
    }
    for (const statement of props.imports ?? []) {
      if (typeof statement !== 'string' || !/^(import|from)\s+\S[^\n]*$/.test(statement)) {
        throw new Error(`${at}: got import ${JSON.stringify(statement)}; expected one Python import statement on one line, such as 'from aiplatform import VertexModel'`);
      }
    }
    const params = functionParameters(source, functionName);
    if (params) {
      for (const n of Object.keys(inputs)) {
        if (!params.includes(n)) {
          throw new Error(`${at}: input '${n}' is not a parameter of ${functionName}(); expected one of ${JSON.stringify(params)}`);
        }
      }
      for (const n of params) {
        if (!(n in inputs) && !(n in outputs)) {
          throw new Error(`${at}: parameter '${n}' of ${functionName}() is neither an input nor an output; expected it in inputs (or in outputs for Output[...] and OutputPath parameters)`);
        }
      }
    }
    return new Component({
      name,
      description: props.description,
      inputs,
      outputs,
      impl: {
        kind: 'python',
        functionName,
        source,
        baseImage: props.baseImage ?? 'python:3.11',
        ...(props.targetImage ? { targetImage: props.targetImage } : {}),
        ...(props.imports?.length ? { imports: [...props.imports] } : {}),
        ...(props.packagesToInstall ? { packagesToInstall: [...props.packagesToInstall] } : {}),
        ...(props.pipIndexUrls ? { pipIndexUrls: [...props.pipIndexUrls] } : {}),
        ...(props.pipTrustedHosts ? { pipTrustedHosts: [...props.pipTrustedHosts] } : {}),
        ...(props.useVenv ? { useVenv: true } : {}),
        ...(props.installKfpPackage === false ? { installKfpPackage: false } : {}),
        ...(props.kfpPackagePath ? { kfpPackagePath: props.kfpPackagePath } : {}),
      },
    });
  }

  /**
   * Loads a component from YAML text: a KFP v2 component or pipeline file (compiled IR), or a
   * v1 `component.yaml` (`implementation.container` with `inputValue`/`inputPath`/`outputPath`
   * placeholders).
   *
   * @param text the YAML
   * @param source where it came from, for error messages
   */
  public static fromYaml(text: string, source: string = 'component YAML'): Component {
    return new Component(loadComponentYaml(text, source));
  }

  /** Reads a component YAML file (see `fromYaml`). */
  public static fromFile(path: string): Component {
    let text: string;
    try {
      text = fs.readFileSync(path, 'utf8');
    } catch (e: any) {
      throw new Error(`Component.fromFile: cannot read '${path}': ${e.message}`);
    }
    return Component.fromYaml(text, path);
  }

  /** @internal A component whose implementation is built when compiled (pipelines, importers). */
  public static _lazy(
    name: string, description: string | undefined, build: () => ComponentDesc, iface?: () => ComponentInterface, owner?: any,
  ): Component {
    const c = new Component(build, name, description);
    c.iface = iface;
    c._owner = owner;
    return c;
  }

  /** @internal The pipeline this component runs, when it is `pipeline.asComponent()`. */
  public _owner?: any;
  private iface?: () => ComponentInterface;

  /** The sanitised component name (the default task name). */
  public readonly name: string;
  /** The description, if any. */
  public readonly description?: string;
  private readonly fixed?: ComponentDesc;
  private readonly build?: () => ComponentDesc;

  private constructor(desc: ComponentDesc | (() => ComponentDesc), name?: string, description?: string) {
    if (typeof desc === 'function') {
      this.build = desc;
      this.name = name!;
      this.description = description;
    } else {
      this.fixed = desc;
      this.name = desc.name;
      this.description = desc.description;
    }
  }

  /** Input names. */
  public get inputNames(): string[] {
    return Object.keys(this._interface().inputs);
  }

  /** Output names. */
  public get outputNames(): string[] {
    return Object.keys(this._interface().outputs);
  }

  /** @internal The interface (inputs, outputs, kind), without building the implementation. */
  public _interface(): ComponentInterface {
    if (this.iface) return this.iface();
    const d = this._desc();
    return { inputs: d.inputs, outputs: d.outputs, kind: d.impl.kind };
  }

  /** @internal */
  public _desc(): ComponentDesc {
    return this.fixed ?? this.build!();
  }

  /** @internal */
  public _withImpl(name: string, impl: ComponentImpl, inputs: Record<string, IoDesc>, outputs: Record<string, IoDesc>): Component {
    return new Component({ name, description: this.description, inputs, outputs, impl });
  }
}
