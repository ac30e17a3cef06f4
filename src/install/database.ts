/**
 * Where KFP keeps its state: the API server's runs and experiments (`mlpipeline`), the v1 cache
 * (`cachedb`) and ML Metadata (`metadb`).
 */
import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';

/** The SQL engine behind KFP. */
export enum DatabaseEngine {
  /** MySQL 8 (upstream's default). */
  MYSQL = 'mysql',
  /** PostgreSQL. Upstream still treats KFP's PostgreSQL support as not production-ready. */
  POSTGRES = 'postgres',
}

/** Database names shared by every factory. */
export interface DatabaseNames {
  /** The API server's database. @default mlpipeline */
  readonly pipelineDatabase?: string;
  /** The v1 cache server's database. @default cachedb */
  readonly cacheDatabase?: string;
  /** ML Metadata's database. @default metadb */
  readonly metadataDatabase?: string;
}

/** Credentials held in a Secret you manage. */
export interface DatabaseCredentials {
  /** The Secret (in the KFP namespace) holding the user name and password. */
  readonly credentials?: kplus.ISecret;
  /** The key of the user name in `credentials`. @default username */
  readonly usernameKey?: string;
  /** The key of the password in `credentials`. @default password */
  readonly passwordKey?: string;
}

/** Options for a database server run in the cluster. */
export interface InClusterDatabaseOptions extends DatabaseNames, DatabaseCredentials {
  /** Size of the data volume. @default 20Gi */
  readonly storage?: Size;
  /** StorageClass of the data volume. @default the cluster's default StorageClass */
  readonly storageClassName?: string;
  /** Container resources of the database server. @default requests only (MySQL 100m/800Mi, PostgreSQL 100m/256Mi) */
  readonly resources?: kplus.ContainerResources;
}

/** Options for a database you run outside the install (RDS, Cloud SQL, an operator...). */
export interface ExternalDatabaseOptions extends DatabaseNames, DatabaseCredentials {
  /** Host name or IP address of the server. */
  readonly host: string;
  /** Port of the server. @default 3306 for MySQL, 5432 for PostgreSQL */
  readonly port?: number;
}

/**
 * The database of a KFP install. Use one of the static factories.
 *
 * @example Database.externalPostgres({ host: 'kfp.abc.eu-west-1.rds.amazonaws.com', credentials: dbSecret })
 */
export class Database {
  /** MySQL 8.4 in the cluster (Deployment, Service and PVC `mysql`), as upstream installs it. */
  public static mysql(options: InClusterDatabaseOptions = {}): Database {
    return new Database('Database.mysql()', DatabaseEngine.MYSQL, true, 'mysql', 3306, options);
  }

  /**
   * PostgreSQL in the cluster (Deployment `postgres`, Service `postgres-service`, PVC
   * `postgres-pvc`). One server holds the pipeline, cache and metadata databases, created on
   * first start.
   */
  public static postgres(options: InClusterDatabaseOptions = {}): Database {
    return new Database('Database.postgres()', DatabaseEngine.POSTGRES, true, 'postgres-service', 5432, options);
  }

  /** A MySQL server you run. The databases are created by KFP if the user may create them. */
  public static externalMysql(options: ExternalDatabaseOptions): Database {
    return new Database('Database.externalMysql()', DatabaseEngine.MYSQL, false, options?.host, options?.port ?? 3306, options ?? {});
  }

  /** A PostgreSQL server you run. Create the three databases beforehand, or grant CREATEDB. */
  public static externalPostgres(options: ExternalDatabaseOptions): Database {
    return new Database('Database.externalPostgres()', DatabaseEngine.POSTGRES, false, options?.host, options?.port ?? 5432, options ?? {});
  }

  /** The SQL engine. */
  public readonly engine: DatabaseEngine;
  /** Whether the install runs the server itself. */
  public readonly inCluster: boolean;
  /** Host name of the server (for an in-cluster server, the Service name in the KFP namespace). */
  public readonly host: string;
  /** Port of the server. */
  public readonly port: number;
  public readonly pipelineDatabase: string;
  public readonly cacheDatabase: string;
  public readonly metadataDatabase: string;
  /** The Secret with the credentials, or `undefined` when the install's dev credentials are used. */
  public readonly credentials?: kplus.ISecret;
  public readonly usernameKey: string;
  public readonly passwordKey: string;
  /** @internal */
  public readonly _factory: string;
  /** @internal */
  public readonly _options: InClusterDatabaseOptions;

  private constructor(factory: string, engine: DatabaseEngine, inCluster: boolean, host: string, port: number, options: any) {
    this._factory = factory;
    this.engine = engine;
    this.inCluster = inCluster;
    this.host = host;
    this.port = port;
    this.pipelineDatabase = options.pipelineDatabase ?? 'mlpipeline';
    this.cacheDatabase = options.cacheDatabase ?? 'cachedb';
    this.metadataDatabase = options.metadataDatabase ?? 'metadb';
    this.credentials = options.credentials;
    this.usernameKey = options.usernameKey ?? 'username';
    this.passwordKey = options.passwordKey ?? 'password';
    this._options = options;
  }

  /** Problems with the options, each a complete sentence. @internal */
  public _problems(): string[] {
    const out: string[] = [];
    const f = this._factory;
    if (!this.inCluster) {
      if (typeof this.host !== 'string' || this.host.trim() === '') {
        out.push(`${f}: host is ${JSON.stringify(this.host)}; expected the database server's host name or IP address`);
      } else if (!/^[A-Za-z0-9]([A-Za-z0-9.:_-]*[A-Za-z0-9])?$/.test(this.host)) {
        out.push(`${f}: host '${this.host}' is not a host name or IP address`);
      }
      if (!this.credentials) {
        out.push(`${f}: credentials is missing; expected an ISecret holding the '${this.usernameKey}' and '${this.passwordKey}' keys`);
      }
    }
    if (!Number.isInteger(this.port) || this.port < 1 || this.port > 65535) {
      out.push(`${f}: port is ${this.port}; expected an integer from 1 to 65535`);
    }
    for (const [field, name] of [['pipelineDatabase', this.pipelineDatabase], ['cacheDatabase', this.cacheDatabase], ['metadataDatabase', this.metadataDatabase]]) {
      if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) {
        out.push(`${f}: ${field} is '${name}'; expected a database name of letters, digits and '_' (at most 63, not starting with a digit)`);
      }
    }
    return out;
  }
}
