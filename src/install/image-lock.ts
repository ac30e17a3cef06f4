/**
 * Image digests from a committed lock file, so that every image the install runs is pinned by
 * content, not by a tag that can be moved.
 */
import * as fs from 'fs';
import { isImageReference } from './image-ref';

const DIGEST = /^sha256:[a-f0-9]{64}$/;

/**
 * The digests of container images, read from a lock file that CI (or you) writes, e.g.
 * `images.lock.json`:
 *
 * ```json
 * { "ghcr.io/kubeflow/kfp-api-server:2.17.0": "sha256:0123…" }
 * ```
 *
 * Each key is an image reference exactly as the install uses it (after `imageRegistry` and
 * `images` overrides), without a digest; each value is its `sha256:` digest (64 lowercase hex
 * digits). Synth reaches no registry: resolve the digests in CI, e.g. with
 * `crane digest <image>` or `skopeo inspect --format '{{.Digest}}' docker://<image>`, and commit
 * the file. A locked image is written as `repository@sha256:…`.
 */
export class ImageLock {
  /** The conventional file name. */
  public static readonly FILE_NAME = 'images.lock.json';

  /** Reads and validates a lock file. Fails with every problem found. */
  public static fromFile(filePath: string): ImageLock {
    const where = `ImageLock.fromFile('${filePath}')`;
    let text: string;
    try {
      text = fs.readFileSync(filePath, 'utf8');
    } catch (e: any) {
      throw new Error(`${where}: cannot read the file (${e.code ?? e.message}); expected a JSON lock file written by CI, such as ${ImageLock.FILE_NAME}`);
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e: any) {
      throw new Error(`${where}: the file is not JSON (${e.message}); expected an object mapping each image to its sha256 digest`);
    }
    return ImageLock.validated(where, data);
  }

  /** A lock from entries (`image -> sha256:…`), validated like a file. */
  public static fromEntries(entries: { [image: string]: string }): ImageLock {
    return ImageLock.validated('ImageLock.fromEntries', entries);
  }

  private static validated(where: string, data: unknown): ImageLock {
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      throw new Error(`${where}: got ${Array.isArray(data) ? 'an array' : data === null ? 'null' : typeof data}; expected an object mapping each image to its digest, e.g. { "ghcr.io/kubeflow/kfp-api-server:2.17.0": "sha256:<64 hex digits>" }`);
    }
    const problems: string[] = [];
    const entries: { [image: string]: string } = {};
    for (const [image, digest] of Object.entries(data as { [k: string]: unknown })) {
      if (!isImageReference(image)) {
        problems.push(`'${image}' is not an image reference; expected e.g. 'ghcr.io/kubeflow/kfp-api-server:2.17.0'`);
      } else if (image.includes('@')) {
        problems.push(`'${image}' already has a digest; expected the reference without '@sha256:…', as the install uses it`);
      }
      if (typeof digest !== 'string' || !DIGEST.test(digest)) {
        problems.push(`the digest of '${image}' is ${JSON.stringify(digest)}; expected 'sha256:' and 64 lowercase hex digits`);
      }
      if (typeof digest === 'string') entries[image] = digest;
    }
    if (problems.length) {
      throw new Error(`${where}: ${problems.length === 1 ? problems[0] : `${problems.length} problems:\n  - ${problems.join('\n  - ')}`}`);
    }
    return new ImageLock(entries);
  }

  /** Every entry, `image -> sha256:…`. */
  public readonly entries: { [image: string]: string };

  private constructor(entries: { [image: string]: string }) {
    this.entries = { ...entries };
  }

  /** The digest locked for an image reference, if any. */
  public digestOf(image: string): string | undefined {
    return Object.prototype.hasOwnProperty.call(this.entries, image) ? this.entries[image] : undefined;
  }

  /**
   * The reference to use: `repository@sha256:…` when the image is locked, else the image as given.
   * @internal
   */
  public _pin(image: string): string {
    const digest = this.digestOf(image);
    return digest ? `${repositoryOf(image)}@${digest}` : image;
  }
}

/** The repository of an image reference: without its tag and digest. */
export function repositoryOf(image: string): string {
  const noDigest = image.split('@')[0];
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
}

/** Whether an image reference is pinned by digest. */
export function hasDigest(image: string): boolean {
  return /@sha256:[a-f0-9]{64}$/.test(image);
}
