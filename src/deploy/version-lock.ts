import * as path from 'path';

/** Options for {@link VersionLock.fromFile}. */
export interface VersionLockOptions {
  /**
   * Never write the lock file: a published version that is missing from it, or whose spec
   * changed, fails synth. Use it in CI, like `npm ci`.
   *
   * @default - true when the `CI` environment variable is set (and not `false` or `0`)
   */
  readonly frozen?: boolean;
}

/**
 * The versions lock file: a JSON file committed next to the app (default
 * `kfp-versions.lock.json`) that records the spec hash of every pipeline version the app has
 * published. KFP pipeline versions are immutable, so synth fails when a version name is reused
 * with a different spec.
 *
 * Workflow, like npm's lockfile: a local `cdk8s synth` records new versions (the file is written
 * only after the whole app has validated); commit it with the change. In CI (`CI=true`, or
 * `frozen: true`) the file is only read: a user-named version missing from it fails synth, so an
 * unreviewed version cannot be published. Versions named by their content hash need no entry in
 * CI, because their name cannot be reused for another spec.
 */
export class VersionLock {
  /**
   * A lock file at `filePath` (relative paths resolve against the working directory, which is
   * the app directory under `cdk8s synth`).
   */
  public static fromFile(filePath: string, options: VersionLockOptions = {}): VersionLock {
    return new VersionLock(path.resolve(filePath), options.frozen ?? isCi());
  }

  /** The absolute path of the lock file. */
  public readonly filePath: string;

  /** Whether the file is read-only (CI). */
  public readonly frozen: boolean;

  private constructor(filePath: string, frozen: boolean) {
    this.filePath = filePath;
    this.frozen = frozen;
  }
}

function isCi(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

