import { DataSource, QueryFailedError } from 'typeorm';
import type { ObjectLiteral } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import type { PostgresConnectionCredentialsOptions } from 'typeorm/driver/postgres/PostgresConnectionCredentialsOptions';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import type { ReplicationMode } from 'typeorm/driver/types/ReplicationMode';
import { currentReadScope } from './read-routing';
import { ReplicaMember, ReplicaSet, ReplicaSettings } from './replica-set';

/** A replica that does not answer must not hold a request for long: the read goes to the primary. */
const REPLICA_CONNECT_TIMEOUT_MS = 2000;

/**
 * TypeORM's postgres driver with its `replication` setting made safe to run in production:
 * a replica that is down when the api starts does not stop it (its pool connects on first use),
 * `slave` query runners go to a replica the health checks keep in rotation (else the primary),
 * and a statement that fails on a replica for the replica's sake is run again on the primary.
 * The primary's pool and every `master` runner are TypeORM's own.
 */
export class ReplicatedPostgresDriver extends PostgresDriver {
  /** Set once connected. */
  replicas: ReplicaSet | null = null;

  constructor(
    dataSource: DataSource,
    private readonly replicaSettings: ReplicaSettings,
  ) {
    super(dataSource);
  }

  override async connect(): Promise<void> {
    await super.connect();
    this.replicas = new ReplicaSet(
      this.slaves.map((pool, i) => ({ name: `replica${i}`, pool })),
      this.replicaSettings,
    );
  }

  override createQueryRunner(mode: ReplicationMode): PostgresQueryRunner {
    if (mode === 'slave' && this.replicas) return new ReplicaQueryRunner(this, this.replicas);
    return super.createQueryRunner(mode);
  }

  protected override async createPool(
    options: PostgresDataSourceOptions,
    credentials: PostgresConnectionCredentialsOptions,
  ): Promise<unknown> {
    if (!(options.replication?.slaves ?? []).includes(credentials))
      return super.createPool(options, credentials);
    // TypeORM's own createPool opens a first connection and fails when it cannot.
    const pool = new this.postgres.Pool({
      connectionString: credentials.url,
      max: options.poolSize,
      ...(options.extra ?? {}),
      connectionTimeoutMillis: REPLICA_CONNECT_TIMEOUT_MS,
    });
    pool.on('error', (error: Error) =>
      this.dataSource.logger.log('warn', `a replica's idle connection failed: ${error.message}`),
    );
    return pool;
  }
}

type FailureKind = 'unreachable' | 'refused' | null;

/**
 * Why a statement failed on a replica, if it is the replica's fault: `unreachable` (no connection,
 * connection lost, server shutting down or starting), `refused` (a write reached the standby, or
 * replay cancelled the statement); null for the statement's own errors, which the primary would
 * give too.
 */
export function replicaFailure(error: unknown): FailureKind {
  const cause = error instanceof QueryFailedError ? (error.driverError as unknown) : error;
  const { code, severity, message } = (cause ?? {}) as {
    code?: unknown;
    severity?: unknown;
    message?: unknown;
  };
  // Not sent by the server (pg's DatabaseError has a SQLSTATE and a severity): a socket error
  // (ECONNREFUSED, ECONNRESET…) or pg's own for a lost or timed-out connection is the link's;
  // anything else (a bug, a bad parameter) would fail on the primary too.
  if (typeof code !== 'string' || typeof severity !== 'string')
    return (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) ||
      /connection|terminated|timeout|socket/i.test(String(message ?? ''))
      ? 'unreachable'
      : null;
  if (code.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(code)) return 'unreachable';
  // read_only_sql_transaction, and the recovery conflicts (serialization failure, deadlock, database dropped).
  if (['25006', '40001', '40P01', '57P04'].includes(code)) return 'refused';
  return null;
}

/**
 * A `slave` runner: a connection from a replica in rotation, or from the primary when none is.
 * A statement that fails on the replica for the replica's sake (see {@link replicaFailure}) runs
 * once more on the primary, and the rest of this runner's statements follow it there. A standby
 * never applies a write, so running the statement again is safe whatever it was.
 */
class ReplicaQueryRunner extends PostgresQueryRunner {
  private member: ReplicaMember | null = null;
  private primary: PostgresQueryRunner | null = null;

  constructor(
    private readonly replicatedDriver: ReplicatedPostgresDriver,
    private readonly replicas: ReplicaSet,
  ) {
    super(replicatedDriver, 'slave');
  }

  override connect(): Promise<unknown> {
    if (this.databaseConnection) return Promise.resolve(this.databaseConnection);
    if (this.databaseConnectionPromise) return this.databaseConnectionPromise;
    const member = this.replicas.pick();
    this.member = member;
    if (!member) {
      this.replicas.readsOnPrimary++;
      this.databaseConnectionPromise = this.adopt(
        this.replicatedDriver.obtainMasterConnection() as Promise<[unknown, (err?: unknown) => void]>,
      );
      return this.databaseConnectionPromise;
    }
    const scope = currentReadScope();
    if (scope)
      scope.replicaStateAsOf = Math.min(scope.replicaStateAsOf ?? Number.POSITIVE_INFINITY, member.freshAsOf);
    const pool = member.pool as unknown as {
      connect(cb: (err: Error | undefined, client: unknown, release: (err?: unknown) => void) => void): void;
    };
    this.databaseConnectionPromise = this.adopt(
      new Promise<[unknown, (err?: unknown) => void]>((resolve, reject) =>
        pool.connect((err, client, release) => (err ? reject(err) : resolve([client, release]))),
      ),
    );
    return this.databaseConnectionPromise;
  }

  override async query(
    query: string,
    parameters?: unknown[] | ObjectLiteral,
    useStructuredResult?: boolean,
  ): ReturnType<PostgresQueryRunner['query']> {
    if (this.primary) return this.primary.query(query, parameters as unknown[], useStructuredResult);
    try {
      await this.connect();
      if (this.member) this.member.queries++;
      return await super.query(query, parameters as unknown[], useStructuredResult);
    } catch (error) {
      const member = this.member;
      const failure = member && !this.isTransactionActive ? replicaFailure(error) : null;
      if (!member || !failure) throw error;
      member.retries++;
      if (failure === 'unreachable') this.replicas.unreachable(member, error);
      this.replicatedDriver.dataSource.logger.log(
        'warn',
        `a read failed on ${member.name} (${error instanceof Error ? error.message : String(error)}); running it on the primary`,
      );
      // A broken connection is not queryable any more, and pg's pool discards it on release.
      await super.release();
      this.primary = this.replicatedDriver.createQueryRunner('master');
      return this.primary.query(query, parameters as unknown[], useStructuredResult);
    }
  }

  override async release(): Promise<void> {
    const primary = this.primary;
    this.primary = null;
    await primary?.release();
    return super.release();
  }

  /** What TypeORM's own connect does with a pooled connection, for one we chose. */
  private adopt(obtained: Promise<[unknown, (err?: unknown) => void]>): Promise<unknown> {
    return obtained.then(([connection, release]) => {
      const client = connection as {
        on(event: 'error', cb: (err: Error) => void): void;
        removeListener(event: 'error', cb: (err: Error) => void): void;
      };
      this.replicatedDriver.connectedQueryRunners.push(this);
      this.databaseConnection = connection;
      const onError = () => void this.release();
      this.releaseCallback = (err: unknown) => {
        client.removeListener('error', onError);
        release(err);
      };
      client.on('error', onError);
      return connection;
    });
  }
}
