import { Counter, Gauge, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { replicasOf } from '../database/replica-monitor.service';

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

/** The pg pools behind TypeORM's postgres driver: the primary's and one per read replica. */
function poolsOf(dataSource: DataSource): Array<{ name: string; pool: PgPool }> {
  const driver = dataSource.driver as unknown as { master?: PgPool; slaves?: PgPool[] };
  const pools: Array<{ name: string; pool: PgPool }> = [];
  if (driver.master) pools.push({ name: 'primary', pool: driver.master });
  (driver.slaves ?? []).forEach((pool, i) => pools.push({ name: `replica${i}`, pool }));
  return pools;
}

/** Connections of this process's database pools (sampled on scrape). */
export function registerDatabasePoolMetrics(registry: Registry, dataSource: DataSource): void {
  const gauge = (name: string, help: string, read: (pool: PgPool) => number | undefined) =>
    new Gauge({
      name,
      help,
      labelNames: ['pool'] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const { name: pool, pool: p } of poolsOf(dataSource)) {
          const value = read(p);
          if (value !== undefined) this.set({ pool }, value);
        }
      },
    });
  gauge('portal_db_pool_connections', 'Connections open in the pool', (p) => p.totalCount);
  gauge('portal_db_pool_idle_connections', 'Open connections not in use', (p) => p.idleCount);
  gauge('portal_db_pool_waiting_requests', 'Queries waiting for a free connection', (p) => p.waitingCount);
  gauge('portal_db_pool_max_connections', 'Configured pool size (DB_POOL_SIZE)', (p) => p.options?.max);
}

/**
 * The read replicas (none without DATABASE_REPLICA_URLS): in rotation or not, the lag their last
 * check measured, the statements each answered, those it failed and the primary ran again, and the
 * reads that went to the primary because no replica was in rotation.
 */
export function registerReplicaMetrics(registry: Registry, dataSource: DataSource): void {
  const members = () => replicasOf(dataSource)?.members ?? [];
  new Gauge({
    name: 'portal_db_replica_in_rotation',
    help: 'Whether the read replica serves anonymous reads (1) or is out of rotation (0)',
    labelNames: ['pool'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const m of members()) this.set({ pool: m.name }, m.inRotation ? 1 : 0);
    },
  });
  new Gauge({
    name: 'portal_db_replica_lag_seconds',
    help: 'How far behind the primary the replica was at its last check (at most; absent when unknown)',
    labelNames: ['pool'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const m of members()) if (m.lagSeconds !== null) this.set({ pool: m.name }, m.lagSeconds);
    },
  });
  const counter = (name: string, help: string, read: (m: ReturnType<typeof members>[number]) => number) =>
    new Counter({
      name,
      help,
      labelNames: ['pool'] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const m of members()) this.inc({ pool: m.name }, read(m));
      },
    });
  counter('portal_db_replica_queries_total', 'Statements sent to the read replica', (m) => m.queries);
  counter(
    'portal_db_replica_retries_total',
    'Statements that failed on the read replica and were run again on the primary',
    (m) => m.retries,
  );
  new Counter({
    name: 'portal_db_replica_reads_on_primary_total',
    help: 'Reads meant for a replica that went to the primary because no replica was in rotation',
    registers: [registry],
    collect() {
      const replicas = replicasOf(dataSource);
      this.reset();
      if (replicas) this.inc(replicas.readsOnPrimary);
    },
  });
}

/** How long one reading of the job queues is reused (several scrapers, or a fast scrape interval). */
export const JOB_QUEUE_SAMPLE_MS = 5000;

const QUEUE_DEPTH_SQL = `
  SELECT q.name AS queue, s.state::text AS state, count(j.id)::int AS jobs
    FROM pgboss.queue q
   CROSS JOIN unnest(ARRAY['created', 'retry', 'active']::pgboss.job_state[]) AS s(state)
    LEFT JOIN pgboss.job j ON j.name = q.name AND j.state = s.state
   WHERE q.name NOT LIKE '\\_\\_pgboss\\_\\_%'
   GROUP BY q.name, s.state
   ORDER BY q.name, s.state`;

/**
 * Jobs waiting (`created`, `retry`) and running (`active`) per pg-boss queue, counted in SQL on
 * scrape and reused for {@link JOB_QUEUE_SAMPLE_MS}. The queues are shared by every process, so
 * any one api's figure is the cluster's (take max, not sum, across instances).
 */
export function registerJobQueueMetrics(
  registry: Registry,
  dataSource: DataSource,
  sampleMs = JOB_QUEUE_SAMPLE_MS,
): void {
  let last: { at: number; rows: Promise<Array<{ queue: string; state: string; jobs: number }>> } | null =
    null;
  const sample = () => {
    if (!last || Date.now() - last.at > sampleMs) {
      const rows = dataSource.query(QUEUE_DEPTH_SQL).catch(() => {
        // No pg-boss schema yet (no process has worked or sent a job): nothing to report.
        last = null;
        return [];
      });
      last = { at: Date.now(), rows };
    }
    return last.rows;
  };
  new Gauge({
    name: 'portal_job_queue_jobs',
    help: 'pg-boss jobs per queue and state (created and retry: waiting; active: being worked)',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      const rows = await sample();
      this.reset();
      for (const row of rows) this.set({ queue: row.queue, state: row.state }, Number(row.jobs));
    },
  });
}
