/**
 * Small builders for structural OpenAPI v3 schemas, as CustomResourceDefinitions use them.
 *
 * Each builder returns a fresh plain object, so a type defined once (say `Container`) can be
 * reused in many places without the output sharing references.
 */

/** A structural schema node (plain JSON). */
export type Schema = { [key: string]: any };

/** Extra keywords on a node (`default`, `pattern`, `enum`, `format`, `x-kubernetes-*`...). */
export type Extra = { [key: string]: any };

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

/** `type: string` */
export function str(extra: Extra = {}): Schema {
  return { type: 'string', ...extra };
}

/** `type: string` with `default: ""`: the shape Kubernetes uses for object-reference names. */
export function strDefaultEmpty(): Schema {
  return { type: 'string', default: '' };
}

/** `type: string` restricted to the given values. */
export function oneOf(...values: string[]): Schema {
  return { type: 'string', enum: values };
}

/** `type: boolean` */
export function bool(extra: Extra = {}): Schema {
  return { type: 'boolean', ...extra };
}

/** `type: integer, format: int32` */
export function int32(extra: Extra = {}): Schema {
  return { type: 'integer', format: 'int32', ...extra };
}

/** `type: integer, format: int64` */
export function int64(extra: Extra = {}): Schema {
  return { type: 'integer', format: 'int64', ...extra };
}

/** `type: integer` without a format. */
export function integer(extra: Extra = {}): Schema {
  return { type: 'integer', ...extra };
}

/** `type: number` */
export function num(extra: Extra = {}): Schema {
  return { type: 'number', ...extra };
}

/** An `IntOrString` value. */
export function intOrString(extra: Extra = {}): Schema {
  return { 'anyOf': [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true, ...extra };
}

/** A Kubernetes resource quantity (`100m`, `1Gi`, `2`). */
export function quantity(): Schema {
  return intOrString({
    pattern: '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$',
  });
}

/** `type: object` with no declared fields. */
export function anyObject(extra: Extra = {}): Schema {
  return { type: 'object', ...extra };
}

/** A node that keeps every field as written (`x-kubernetes-preserve-unknown-fields`). */
export function unknownFields(extra: Extra = {}): Schema {
  return { 'x-kubernetes-preserve-unknown-fields': true, ...extra };
}

/** A schemaless object that is replaced as a whole on apply (`atomic`). */
export function opaqueObject(): Schema {
  return { 'type': 'object', 'x-kubernetes-map-type': 'atomic', 'x-kubernetes-preserve-unknown-fields': true };
}

/**
 * `type: object` with the given fields.
 *
 * @param properties the fields
 * @param required the names of required fields
 * @param extra other keywords
 */
export function obj(properties: { [name: string]: Schema }, required: string[] = [], extra: Extra = {}): Schema {
  const out: Schema = { type: 'object', properties: clone(properties) };
  if (required.length > 0) out.required = [...required];
  return { ...out, ...extra };
}

/** An object that is replaced as a whole on server-side apply (`x-kubernetes-map-type: atomic`). */
export function atomic(schema: Schema): Schema {
  return { ...clone(schema), 'x-kubernetes-map-type': 'atomic' };
}

/** A map from string keys to values of one schema. */
export function mapOf(values: Schema, extra: Extra = {}): Schema {
  return { type: 'object', additionalProperties: clone(values), ...extra };
}

/** `type: array` */
export function arr(items: Schema, extra: Extra = {}): Schema {
  return { type: 'array', items: clone(items), ...extra };
}

/** An array replaced as a whole on server-side apply. */
export function atomicList(items: Schema, extra: Extra = {}): Schema {
  return arr(items, { 'x-kubernetes-list-type': 'atomic', ...extra });
}

/** An array of unique scalars. */
export function setList(items: Schema, extra: Extra = {}): Schema {
  return arr(items, { 'x-kubernetes-list-type': 'set', ...extra });
}

/** An array of objects merged by key on server-side apply. */
export function mapList(items: Schema, keys: string[], extra: Extra = {}): Schema {
  return arr(items, { 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': [...keys], ...extra });
}

/** A copy of an object schema with more keywords (for example `required` or a `default`). */
export function withExtra(schema: Schema, extra: Extra): Schema {
  return { ...clone(schema), ...extra };
}

/** The `apiVersion`/`kind`/`metadata` fields every custom resource schema starts with. */
export function resourceRoot(fields: { [name: string]: Schema }, required: string[] = []): Schema {
  return obj({ apiVersion: str(), kind: str(), metadata: anyObject(), ...fields }, required);
}
