/**
 * Container images of the KFP 2.17.0 install, with registry mirroring and per-image overrides.
 */
import { ImageLock } from './image-lock';
import { mirrorImage } from './image-ref';

/** The KFP release this install is pinned to. */
export const KFP_VERSION = '2.17.0';

/** The Argo Workflows release KFP 2.17.0 ships. */
export const ARGO_VERSION = 'v4.0.5';

/** Per-image overrides. Each value is a full image reference used as written (not mirrored). */
export interface KfpImageOverrides {
  /** @default ghcr.io/kubeflow/kfp-api-server:2.17.0 */
  readonly apiServer?: string;
  /** @default ghcr.io/kubeflow/kfp-frontend:2.17.0 */
  readonly frontend?: string;
  /** @default ghcr.io/kubeflow/kfp-persistence-agent:2.17.0 */
  readonly persistenceAgent?: string;
  /** @default ghcr.io/kubeflow/kfp-scheduled-workflow-controller:2.17.0 */
  readonly scheduledWorkflowController?: string;
  /** @default ghcr.io/kubeflow/kfp-viewer-crd-controller:2.17.0 */
  readonly viewerController?: string;
  /** @default ghcr.io/kubeflow/kfp-visualization-server:2.17.0 */
  readonly visualizationServer?: string;
  /** @default ghcr.io/kubeflow/kfp-cache-server:2.17.0 */
  readonly cacheServer?: string;
  /** @default ghcr.io/kubeflow/kfp-metadata-writer:2.17.0 */
  readonly metadataWriter?: string;
  /** @default ghcr.io/kubeflow/kfp-metadata-envoy:2.17.0 */
  readonly metadataEnvoy?: string;
  /** @default gcr.io/tfx-oss-public/ml_metadata_store_server:1.14.0 */
  readonly metadataServer?: string;
  /** The driver image the API server compiles into every run. @default ghcr.io/kubeflow/kfp-driver:2.17.0 */
  readonly driver?: string;
  /** The launcher image the API server compiles into every run. @default ghcr.io/kubeflow/kfp-launcher:2.17.0 */
  readonly launcher?: string;
  /** The image that replaces a task's container on a cache hit. @default ghcr.io/containerd/busybox */
  readonly cacheHit?: string;
  /** @default quay.io/argoproj/workflow-controller:v4.0.5 */
  readonly workflowController?: string;
  /** @default quay.io/argoproj/argoexec:v4.0.5 */
  readonly argoExecutor?: string;
  /** The image of the wait-for-dependency init containers. @default docker.io/alpine:3.23 */
  readonly waitFor?: string;
  /** @default mysql:8.4 */
  readonly mysql?: string;
  /** @default postgres:14.7-alpine3.17 */
  readonly postgres?: string;
  /** @default ghcr.io/chrislusf/seaweedfs:4.34 */
  readonly seaweedfs?: string;
  /** @default gcr.io/ml-pipeline/minio:RELEASE.2019-08-14T20-37-41Z-license-compliance */
  readonly minio?: string;
  /**
   * `pg_dump` for PostgreSQL metadata backups (MySQL backups use the `mysql` image's `mysqldump`).
   * Its major version must be at least the server's.
   * @default postgres:16-alpine
   */
  readonly postgresClient?: string;
  /** The S3-compatible client that uploads metadata backups. @default amazon/aws-cli:2.32.8 */
  readonly objectStoreClient?: string;
}

/** Upstream 2.17.0 defaults. */
const DEFAULT_IMAGES: { [key: string]: string } = {
  apiServer: `ghcr.io/kubeflow/kfp-api-server:${KFP_VERSION}`,
  frontend: `ghcr.io/kubeflow/kfp-frontend:${KFP_VERSION}`,
  persistenceAgent: `ghcr.io/kubeflow/kfp-persistence-agent:${KFP_VERSION}`,
  scheduledWorkflowController: `ghcr.io/kubeflow/kfp-scheduled-workflow-controller:${KFP_VERSION}`,
  viewerController: `ghcr.io/kubeflow/kfp-viewer-crd-controller:${KFP_VERSION}`,
  visualizationServer: `ghcr.io/kubeflow/kfp-visualization-server:${KFP_VERSION}`,
  cacheServer: `ghcr.io/kubeflow/kfp-cache-server:${KFP_VERSION}`,
  metadataWriter: `ghcr.io/kubeflow/kfp-metadata-writer:${KFP_VERSION}`,
  metadataEnvoy: `ghcr.io/kubeflow/kfp-metadata-envoy:${KFP_VERSION}`,
  metadataServer: 'gcr.io/tfx-oss-public/ml_metadata_store_server:1.14.0',
  driver: `ghcr.io/kubeflow/kfp-driver:${KFP_VERSION}`,
  launcher: `ghcr.io/kubeflow/kfp-launcher:${KFP_VERSION}`,
  cacheHit: 'ghcr.io/containerd/busybox',
  workflowController: `quay.io/argoproj/workflow-controller:${ARGO_VERSION}`,
  argoExecutor: `quay.io/argoproj/argoexec:${ARGO_VERSION}`,
  waitFor: 'docker.io/alpine:3.23',
  mysql: 'mysql:8.4',
  postgres: 'postgres:14.7-alpine3.17',
  seaweedfs: 'ghcr.io/chrislusf/seaweedfs:4.34',
  minio: 'gcr.io/ml-pipeline/minio:RELEASE.2019-08-14T20-37-41Z-license-compliance',
  postgresClient: 'postgres:16-alpine',
  objectStoreClient: 'amazon/aws-cli:2.32.8',
};

/** The images an install runs, after mirroring and overrides. */
export class KfpImages {
  /** @internal */
  public static _resolve(registry: string | undefined, overrides: KfpImageOverrides = {}, lock?: ImageLock): KfpImages {
    const pick = (key: keyof KfpImageOverrides): string => {
      const override = overrides[key];
      const image = override ?? (registry ? mirrorImage(DEFAULT_IMAGES[key as string], registry) : DEFAULT_IMAGES[key as string]);
      // A locked image is pinned by digest (only well-formed references are looked up: the
      // install reports the others).
      return lock && typeof image === 'string' ? lock._pin(image) : image;
    };
    return new KfpImages(pick);
  }

  public readonly apiServer: string;
  public readonly frontend: string;
  public readonly persistenceAgent: string;
  public readonly scheduledWorkflowController: string;
  public readonly viewerController: string;
  public readonly visualizationServer: string;
  public readonly cacheServer: string;
  public readonly metadataWriter: string;
  public readonly metadataEnvoy: string;
  public readonly metadataServer: string;
  /** The KFP driver image (compiled into every run's Argo workflow). */
  public readonly driver: string;
  /** The KFP launcher image (compiled into every run's Argo workflow). */
  public readonly launcher: string;
  public readonly cacheHit: string;
  public readonly workflowController: string;
  /** The Argo executor image (`argoexec`). */
  public readonly argoExecutor: string;
  public readonly waitFor: string;
  public readonly mysql: string;
  public readonly postgres: string;
  public readonly seaweedfs: string;
  public readonly minio: string;
  /** `pg_dump` for PostgreSQL metadata backups. */
  public readonly postgresClient: string;
  /** The S3-compatible client that uploads metadata backups. */
  public readonly objectStoreClient: string;

  private constructor(pick: (key: keyof KfpImageOverrides) => string) {
    this.apiServer = pick('apiServer');
    this.frontend = pick('frontend');
    this.persistenceAgent = pick('persistenceAgent');
    this.scheduledWorkflowController = pick('scheduledWorkflowController');
    this.viewerController = pick('viewerController');
    this.visualizationServer = pick('visualizationServer');
    this.cacheServer = pick('cacheServer');
    this.metadataWriter = pick('metadataWriter');
    this.metadataEnvoy = pick('metadataEnvoy');
    this.metadataServer = pick('metadataServer');
    this.driver = pick('driver');
    this.launcher = pick('launcher');
    this.cacheHit = pick('cacheHit');
    this.workflowController = pick('workflowController');
    this.argoExecutor = pick('argoExecutor');
    this.waitFor = pick('waitFor');
    this.mysql = pick('mysql');
    this.postgres = pick('postgres');
    this.seaweedfs = pick('seaweedfs');
    this.minio = pick('minio');
    this.postgresClient = pick('postgresClient');
    this.objectStoreClient = pick('objectStoreClient');
  }

  /** Every image as `[key, reference]`, for validation. @internal */
  public _entries(): Array<[string, string]> {
    const images = this as unknown as Record<string, string>;
    return Object.keys(DEFAULT_IMAGES).map((k) => [k, images[k]]);
  }
}
