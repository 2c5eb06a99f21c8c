import { Gauge, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';

/** The latest outcome of a scheduled backup, as /health and /metrics report it. */
export interface BackupStatus {
  lastRunAt: Date | null;
  lastOutcome: 'RUNNING' | 'OK' | 'FAILED' | null;
  lastError: string | null;
  lastSuccessAt: Date | null;
  /** Failed runs since the last success. */
  failuresSinceSuccess: number;
}

/** Reads the backup history (any process may have run it: the worker, or the api in-process). */
export async function backupStatus(dataSource: DataSource): Promise<BackupStatus> {
  const [row] = await dataSource.query(
    `SELECT (SELECT started_at FROM backup_runs ORDER BY id DESC LIMIT 1) AS last_run,
            (SELECT outcome FROM backup_runs ORDER BY id DESC LIMIT 1) AS last_outcome,
            (SELECT error FROM backup_runs ORDER BY id DESC LIMIT 1) AS last_error,
            (SELECT max(finished_at) FROM backup_runs WHERE outcome = 'OK') AS last_success,
            (SELECT count(*)::int FROM backup_runs WHERE outcome = 'FAILED'
               AND id > coalesce((SELECT max(id) FROM backup_runs WHERE outcome = 'OK'), 0)) AS failures`,
  );
  return {
    lastRunAt: row.last_run ? new Date(row.last_run) : null,
    lastOutcome: row.last_outcome ?? null,
    lastError: row.last_error ?? null,
    lastSuccessAt: row.last_success ? new Date(row.last_success) : null,
    failuresSinceSuccess: row.failures,
  };
}

/** Backup gauges, sampled on scrape: when the last one succeeded and how many failed since. */
export function registerBackupMetrics(registry: Registry, dataSource: DataSource): void {
  new Gauge({
    name: 'portal_backup_last_success_timestamp_seconds',
    help: 'When the last scheduled backup succeeded (0: never)',
    registers: [registry],
    async collect() {
      const s = await backupStatus(dataSource).catch(() => null);
      this.set(s?.lastSuccessAt ? s.lastSuccessAt.getTime() / 1000 : 0);
    },
  });
  new Gauge({
    name: 'portal_backup_failures_since_success',
    help: 'Scheduled backups that failed since the last one that succeeded',
    registers: [registry],
    async collect() {
      const s = await backupStatus(dataSource).catch(() => null);
      this.set(s?.failuresSinceSuccess ?? 0);
    },
  });
}
