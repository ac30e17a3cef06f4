import * as fs from 'fs';
import * as path from 'path';
import { IConstruct } from 'constructs';

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

/** What the lock records about one published version. */
export interface LockEntry {
  readonly specHash: string;
  readonly metadataHash?: string;
}

/** What a publisher asks the lock to check. */
export interface LockRequest {
  /** `<namespace>/<pipeline name>` */
  readonly pipelineKey: string;
  readonly version: string;
  readonly entry: LockEntry;
  /** The version name is the content hash (no entry is required in frozen mode). */
  readonly hashNamed: boolean;
  /** Construct path, for messages. */
  readonly owner: string;
}

const LOCKFILE_VERSION = 1;

/**
 * The state of one lock file within one app: entries read from disk plus entries recorded by this
 * synth. Shared by every publisher in the app that uses the same file.
 */
export class LockFileState {
  /** The state for `lock` in the app that contains `scope`. */
  public static of(scope: IConstruct, lock: VersionLock): LockFileState {
    const root = scope.node.root;
    let byPath = STATES.get(root);
    if (!byPath) {
      byPath = new Map();
      STATES.set(root, byPath);
    }
    let state = byPath.get(lock.filePath);
    if (!state) {
      state = new LockFileState(lock);
      byPath.set(lock.filePath, state);
    }
    return state;
  }

  private readonly lock: VersionLock;
  private entries?: Record<string, Record<string, LockEntry>>;
  private readError?: string;
  private readonly staged = new Map<string, LockRequest>();
  private dirty = false;

  private constructor(lock: VersionLock) {
    this.lock = lock;
  }

  /** Returns the problems with `request`, recording it when it is new and the lock is not frozen. */
  public check(request: LockRequest): string[] {
    const entries = this.load();
    if (this.readError) return [this.readError];
    const file = path.basename(this.lock.filePath);
    const where = `version '${request.version}' of pipeline '${request.pipelineKey}'`;
    const stagedKey = `${request.pipelineKey}\u0000${request.version}`;
    const staged = this.staged.get(stagedKey);
    if (staged && staged.owner !== request.owner) {
      const difference = differs(staged.entry, request.entry);
      if (difference) {
        return [`${where} is also published by ${staged.owner} with ${difference}; one version name can only hold one spec`];
      }
    }
    const existing = entries[request.pipelineKey]?.[request.version];
    if (existing) {
      const difference = differs(existing, request.entry);
      if (difference) {
        const hashes = existing.specHash !== request.entry.specHash ? ` (${file} records ${existing.specHash}; the spec now hashes to ${request.entry.specHash})` : ` (recorded in ${file})`;
        return [
          `${where} was already published with ${difference}${hashes}. ` +
          'Published KFP pipeline versions are immutable: give this spec a new version name (for example a new git tag), ' +
          "or omit 'version' to name it by its content hash",
        ];
      }
      return [];
    }
    if (this.lock.frozen && !request.hashNamed) {
      return [
        `${where} is not recorded in ${this.lock.filePath} and the lock is frozen (CI). ` +
        `Run 'cdk8s synth' locally and commit ${file}, so that every published version is reviewed`,
      ];
    }
    if (!this.lock.frozen) {
      this.staged.set(stagedKey, request);
      this.dirty = true;
    }
    return [];
  }

  /** Writes recorded entries to the file. Idempotent; does nothing when frozen or unchanged. */
  public commit(): void {
    if (this.lock.frozen || !this.dirty || this.readError) return;
    const entries = this.load();
    for (const request of this.staged.values()) {
      entries[request.pipelineKey] ??= {};
      const entry: any = { specHash: request.entry.specHash };
      if (request.entry.metadataHash) entry.metadataHash = request.entry.metadataHash;
      entries[request.pipelineKey][request.version] = entry;
    }
    const sorted: Record<string, Record<string, LockEntry>> = {};
    for (const key of Object.keys(entries).sort()) {
      sorted[key] = {};
      for (const version of Object.keys(entries[key]).sort()) sorted[key][version] = entries[key][version];
    }
    const text = JSON.stringify({
      lockfileVersion: LOCKFILE_VERSION,
      comment: 'Generated by cdk8s-kfp: the spec hash of every published KFP pipeline version. Commit this file; published versions are immutable.',
      pipelines: sorted,
    }, null, 2) + '\n';
    const current = fs.existsSync(this.lock.filePath) ? fs.readFileSync(this.lock.filePath, 'utf8') : undefined;
    if (current !== text) {
      fs.mkdirSync(path.dirname(this.lock.filePath), { recursive: true });
      fs.writeFileSync(this.lock.filePath, text);
    }
    this.dirty = false;
  }

  private load(): Record<string, Record<string, LockEntry>> {
    if (this.entries) return this.entries;
    this.entries = {};
    if (!fs.existsSync(this.lock.filePath)) return this.entries;
    try {
      const parsed = JSON.parse(fs.readFileSync(this.lock.filePath, 'utf8'));
      if (parsed?.lockfileVersion !== LOCKFILE_VERSION || typeof parsed.pipelines !== 'object' || parsed.pipelines === null) {
        throw new Error(`expected {"lockfileVersion": ${LOCKFILE_VERSION}, "pipelines": {...}}`);
      }
      this.entries = parsed.pipelines;
    } catch (e: any) {
      this.readError = `the versions lock file ${this.lock.filePath} cannot be read: ${e.message}. Fix it or restore it from git`;
    }
    return this.entries!;
  }
}

const STATES = new WeakMap<IConstruct, Map<string, LockFileState>>();

function differs(recorded: LockEntry, now: LockEntry): string | undefined {
  if (recorded.specHash !== now.specHash) return 'a different spec';
  if ((recorded.metadataHash ?? '') !== (now.metadataHash ?? '')) {
    return 'a different description or code source URL (KFP keeps those immutable too)';
  }
  return undefined;
}
