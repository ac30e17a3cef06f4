/**
 * The kfp SDK version this library compiles as: written to `sdkVersion` (`kfp-<version>`) and
 * pinned in the Python bootstrap (`'kfp==<version>'`). The default, 2.17.0, is the kfp SDK of
 * the KFP 2.17.0 release (kubeflow/pipelines tag 2.17.0, `sdk/python/kfp/version.py`), whose
 * compiler this library reproduces byte for byte.
 */
export class KfpSdk {
  /** The version used when nothing else is set. */
  public static readonly DEFAULT_VERSION = '2.17.0';

  /** The version used by pipelines that don't set `kfpVersion`. */
  public static version(): string {
    return KfpSdk.current;
  }

  /**
   * Sets the library-wide kfp version (for example to match the kfp package installed in your
   * images). Pipelines can still override it with `PipelineProps.kfpVersion`.
   */
  public static useVersion(version: string): void {
    KfpSdk._validate(version, 'KfpSdk.useVersion');
    KfpSdk.current = version;
  }

  /** @internal */
  public static _validate(version: string, where: string): void {
    if (typeof version !== 'string' || !/^[0-9]+\.[0-9]+\.[0-9]+([.-]?[A-Za-z0-9.]+)?$/.test(version)) {
      throw new Error(`${where}: got kfp version ${JSON.stringify(version)}; expected a version such as '2.17.0'`);
    }
  }

  private static current: string = KfpSdk.DEFAULT_VERSION;

  private constructor() {}
}
