import { Component } from './component';
import { checkJsonValue } from './json';
import { Reference } from './reference';
import { ArtifactType } from './types';
import { IoDesc, TypeDesc } from '../compiler/ir/model';
import { makeUnique } from '../compiler/ir/names';

/** Options of an importer task. */
export interface ImporterOptions {
  /** The artifact URI: a string, or a reference to a string parameter. */
  readonly artifactUri: any;
  /**
   * The artifact type.
   * @default ArtifactType.ARTIFACT
   */
  readonly artifactType?: ArtifactType;
  /**
   * Import the artifact again even if it was imported before.
   * @default false
   */
  readonly reimport?: boolean;
  /**
   * Metadata of the artifact. Values (and keys) may be references.
   * @default - none
   */
  readonly metadata?: { [key: string]: any };
  /**
   * Download the artifact into the pipeline workspace.
   * @default false
   */
  readonly downloadToWorkspace?: boolean;
  /**
   * Whether the importer task is cached.
   * @default true
   */
  readonly caching?: boolean;
}

/** @internal Builds the importer component and the task inputs for it. */
export function importerComponent(where: string, options: ImporterOptions): { component: Component; inputs: { [name: string]: any } } {
  const uri = options?.artifactUri;
  const uriIsRef = uri instanceof Reference;
  if (!uriIsRef && (typeof uri !== 'string' || uri === '')) {
    throw new Error(`Importer '${where}': got artifactUri ${JSON.stringify(uri)}; expected a URI string or a reference to a string parameter`);
  }
  if (uriIsRef && uri._type.parameterType !== 'STRING') {
    throw new Error(`Importer '${where}': got artifactUri ${uri._describe()} of type ${uri.typeName}; expected a STRING parameter`);
  }
  const type = options.artifactType ?? ArtifactType.ARTIFACT;
  const componentInputs: Record<string, IoDesc> = { uri: { type: { parameterType: 'STRING' } } };
  const callInputs: { [name: string]: any } = { uri };
  const byToken = new Map<string, string>();
  const placeholderFor = (r: Reference): string => {
    const key = JSON.stringify(r._toValueRef());
    let name = byToken.get(key);
    if (!name) {
      name = makeUnique('metadata', new Set(Object.keys(callInputs).filter((k) => k !== 'uri')));
      byToken.set(key, name);
      callInputs[name] = r;
      componentInputs[name] = { type: r._type as TypeDesc };
    }
    return `{{$.inputs.parameters['${name}']}}`;
  };
  const walk = (v: any): any => {
    if (v instanceof Reference) return placeholderFor(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: any = {};
      for (const [k, x] of Object.entries(v)) out[walk(k)] = walk(x);
      return out;
    }
    if (typeof v === 'string') {
      let s = v;
      for (const r of Reference._tokensIn(v)) s = s.split(r.toString()).join(placeholderFor(r));
      return s;
    }
    return v;
  };
  const metadata = options.metadata === undefined ? undefined : walk(options.metadata);
  if (metadata !== undefined) checkJsonValue(metadata, `Importer '${where}' metadata`);
  const component = Component._lazy('importer', undefined, () => ({
    name: 'importer',
    inputs: componentInputs,
    outputs: { artifact: { type: type._toTypeDesc() } },
    impl: {
      kind: 'importer',
      schemaTitle: type.schemaTitle,
      schemaVersion: type.schemaVersion,
      reimport: !!options.reimport,
      ...(metadata !== undefined ? { metadata } : {}),
      ...(options.downloadToWorkspace ? { downloadToWorkspace: true } : {}),
    },
  }));
  return { component, inputs: callInputs };
}
