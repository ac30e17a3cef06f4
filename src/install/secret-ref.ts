/** A key of a Secret (internal). */
export interface SecretRef {
  readonly name: string;
  readonly key: string;
}
