/**
 * A KFP install and a connected tenant, as the constructs that attach to an install see them.
 * `KubeflowPipelines` implements `IKubeflowPipelines`, and the platform's `Tenant` implements
 * `IKfpTenant`, so the install's own hardening (monitoring, backups, NetworkPolicies) and the
 * platform layer depend on this file instead of on each other.
 */
import { IConstruct } from 'constructs';
import { IKfpComponent } from './component';
import { Database } from './database';
import { KfpImages } from './images';
import { ObjectStore } from './object-store';

/** A team namespace whose pipelines an install runs (a `Tenant` is one). */
export interface IKfpTenant extends IConstruct {
  /** The namespace the team's pipelines run in. */
  readonly namespaceName: string;
  /**
   * @internal Called once by `KubeflowPipelines.addTenant()`: writes what the install's runs
   * need in the namespace.
   */
  _connect(kfp: IKubeflowPipelines): void;
}

/** Whether `x` can be connected as a tenant (it has a namespace and the connect hook). */
export function isKfpTenant(x: unknown): x is IKfpTenant {
  const t = x as Partial<IKfpTenant> | null;
  return typeof t === 'object' && t !== null && typeof t.namespaceName === 'string' && typeof t._connect === 'function';
}

/** A KFP 2.17 install (`KubeflowPipelines`). */
export interface IKubeflowPipelines extends IConstruct {
  /** The namespace of the install. */
  readonly namespace: string;
  /** The database. */
  readonly database: Database;
  /** The object store. */
  readonly objectStore: ObjectStore;
  /** The images of every component. */
  readonly images: KfpImages;
  /** The API server (`ml-pipeline`). */
  readonly apiServer: IKfpComponent;
  /** The UI (`ml-pipeline-ui`). */
  readonly ui: IKfpComponent;
  /** The persistence agent. */
  readonly persistenceAgent: IKfpComponent;
  /** The ScheduledWorkflow controller. */
  readonly scheduledWorkflowController: IKfpComponent;
  /** The viewer controller. */
  readonly viewerController: IKfpComponent;
  /** The visualization server. */
  readonly visualizationServer: IKfpComponent;
  /** The ML Metadata gRPC server. */
  readonly metadataGrpcServer: IKfpComponent;
  /** The ML Metadata Envoy proxy. */
  readonly metadataEnvoy: IKfpComponent;
  /** The metadata writer. */
  readonly metadataWriter: IKfpComponent;
  /** The Argo workflow controller. */
  readonly workflowController: IKfpComponent;
  /** The v1 cache server, if installed. */
  readonly cacheServer?: IKfpComponent;
  /** The in-cluster database server, if any. */
  readonly databaseServer?: IKfpComponent;
  /** The in-cluster object store server, if any. */
  readonly objectStoreServer?: IKfpComponent;
  /** The tenants connected to the install. */
  readonly tenants: IKfpTenant[];
  /** @internal The Secret and keys of the database credentials. */
  readonly _databaseSecret: DatabaseSecretRef;
  /** @internal The Secret and keys of the object store access keys, if any. */
  readonly _objectStoreKeys?: ObjectStoreKeysRef;
  /** The component with this workload name (`ml-pipeline`, `mysql`...), if installed. */
  component(componentName: string): IKfpComponent | undefined;
  /** @internal Adds the install's Argo CD sync waves to the objects under `scope`. */
  _annotateForArgoCd(scope: IConstruct): void;
}

/** @internal Where the install reads its database credentials. */
export interface DatabaseSecretRef {
  readonly name: string;
  readonly usernameKey: string;
  readonly passwordKey: string;
}

/** @internal Where the install reads its object store keys. */
export interface ObjectStoreKeysRef {
  readonly name: string;
  readonly accessKeyKey: string;
  readonly secretKeyKey: string;
}
