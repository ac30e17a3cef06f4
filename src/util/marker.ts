/**
 * A brand on objects of one kind (internal), for the type checks that must work across copies
 * of this library in one app (two versions in node_modules make `instanceof` false): the key is a
 * global symbol, so every copy reads the same brand.
 */
export class Marker {
  private readonly key: symbol;

  /** `name` is the global symbol's name, e.g. `cdk8s-kfp.pipeline`. */
  public constructor(name: string) {
    this.key = Symbol.for(name);
  }

  /** Brands `x` (not enumerable, so it never shows in output). */
  public mark(x: object): void {
    Object.defineProperty(x, this.key, { value: true, enumerable: false, configurable: false, writable: false });
  }

  /** Whether `x` was branded by `mark()`. */
  public has(x: unknown): boolean {
    return typeof x === 'object' && x !== null && (x as { [key: symbol]: unknown })[this.key] === true;
  }
}
