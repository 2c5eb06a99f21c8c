import { DataSource, DataSourceOptions, EntityManager, ObjectLiteral, QueryRunner } from 'typeorm';
import type { ReplicationMode } from 'typeorm/driver/types/ReplicationMode';
import { replicaReadsAllowed } from './read-routing';
import { ReplicatedPostgresDriver } from './replicated-postgres-driver';
import type { ReplicaSet, ReplicaSettings } from './replica-set';

/**
 * The platform's DataSource. With read replicas configured (TypeORM's `replication`, with
 * `defaultMode: 'master'`), a read that names no query runner goes to a replica when the current
 * request allows it (`allowReplicaReads`, set by the access guard for anonymous reads of a portal)
 * and to the primary otherwise: SelectQueryBuilder and the `find*` methods (through
 * `defaultReplicationModeForReads`), and raw `dataSource.query` / `manager.query` (which TypeORM
 * would always send to the primary). Transactions, writes, query runners created without a mode,
 * migrations, LISTEN and pg-boss stay on the primary. Without replicas it is TypeORM's DataSource.
 */
export class PortalDataSource extends DataSource {
  constructor(options: DataSourceOptions, replicaSettings?: ReplicaSettings) {
    super(options);
    if (options.type === 'postgres' && options.replication && replicaSettings)
      (this as { driver: DataSource['driver'] }).driver = new ReplicatedPostgresDriver(this, replicaSettings);
  }

  /** The replicas of this process, once initialised; null without replication. */
  get replicas(): ReplicaSet | null {
    return this.driver instanceof ReplicatedPostgresDriver ? this.driver.replicas : null;
  }

  override defaultReplicationModeForReads(): ReplicationMode {
    return this.replicas && replicaReadsAllowed() ? 'slave' : 'master';
  }

  override async query<T = unknown>(
    query: string,
    parameters?: unknown[] | ObjectLiteral,
    queryRunner?: QueryRunner,
  ): Promise<T> {
    if (queryRunner || this.defaultReplicationModeForReads() === 'master')
      return super.query<T>(query, parameters as unknown[], queryRunner);
    const runner = this.createQueryRunner('slave');
    try {
      return (await runner.query(query, parameters as unknown[])) as T;
    } finally {
      await runner.release();
    }
  }

  override createEntityManager(queryRunner?: QueryRunner): EntityManager {
    return new ReadRoutingEntityManager(this, queryRunner);
  }
}

/** `manager.query()` without a query runner of its own follows the DataSource's read routing. */
class ReadRoutingEntityManager extends EntityManager {
  override async query<T = unknown>(query: string, parameters?: unknown[] | ObjectLiteral): Promise<T> {
    if (this.queryRunner) return super.query<T>(query, parameters as unknown[]);
    return this.connection.query<T>(query, parameters as unknown[]);
  }
}
