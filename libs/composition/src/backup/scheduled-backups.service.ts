import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BLOB_STORE, BlobStore, LocalDiskBlobStore } from '@portal/content';
import { BlobSource, JobQueue, appPackage, createBackup } from '@portal/platform';
import { backupName, backupsToKeep } from './backup-retention';

export const BACKUP_JOB = 'scheduled-backup';

/** Scheduled backups as configured; `dir` null: switched off. */
export interface BackupSchedule {
  dir: string | null;
  /** Cron in UTC; the default is 02:00 in Vietnam. */
  cron: string;
  keepDaily: number;
  keepMonthly: number;
}

const count = (env: NodeJS.ProcessEnv, name: string, fallback: number): number => {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 1000)
    throw new Error(`Configuration ${name} must be a whole number from 0 to 1000, got "${raw}"`);
  return n;
};

/** BACKUP_DIR, BACKUP_SCHEDULE, BACKUP_KEEP_DAILY (7), BACKUP_KEEP_MONTHLY (12). */
export function backupSchedule(env: NodeJS.ProcessEnv = process.env): BackupSchedule {
  const dir = env.BACKUP_DIR?.trim() || null;
  const cron = env.BACKUP_SCHEDULE?.trim() || '0 19 * * *';
  if (cron.split(/\s+/).length !== 5)
    throw new Error(`Configuration BACKUP_SCHEDULE must be a cron expression of 5 fields, got "${cron}"`);
  const schedule = {
    dir: dir ? resolve(dir) : null,
    cron,
    keepDaily: count(env, 'BACKUP_KEEP_DAILY', 7),
    keepMonthly: count(env, 'BACKUP_KEEP_MONTHLY', 12),
  };
  if (schedule.dir && schedule.keepDaily + schedule.keepMonthly === 0)
    throw new Error('Configuration BACKUP_KEEP_DAILY and BACKUP_KEEP_MONTHLY cannot both be 0');
  return schedule;
}

/**
 * Backups on a schedule (05/2024 art. 8.11: the operator unit backs the portal up): a job (pg-boss,
 * once across any number of workers) writes `portal-<UTC instant>.tar` into BACKUP_DIR with the
 * same archive `portal backup` makes, then keeps the newest of the last N days and M months and
 * removes the other scheduled archives. Every run is recorded in `backup_runs`, which /health and
 * /metrics read, so a failure shows wherever the api is watched.
 */
@Injectable()
export class ScheduledBackupsService implements OnModuleInit {
  private readonly logger = new Logger('Backups');
  readonly schedule = backupSchedule();

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    @Inject(BLOB_STORE) private readonly store: BlobStore,
  ) {}

  onModuleInit(): void {
    if (!this.schedule.dir) return;
    this.jobs.register(BACKUP_JOB, () => this.run(new Date()).then(() => undefined), {
      cron: this.schedule.cron,
    });
  }

  /** One scheduled run: back up, then prune. Failures are recorded, not thrown (no retry storm). */
  async run(
    now: Date,
    schedule = this.schedule,
  ): Promise<{ ok: boolean; target: string | null; pruned: string[] }> {
    if (!schedule.dir) return { ok: false, target: null, pruned: [] };
    const [{ id }] = await this.dataSource.query(
      `INSERT INTO backup_runs (started_at, outcome) VALUES ($1, 'RUNNING') RETURNING id`,
      [now],
    );
    const target = join(schedule.dir, backupName(now));
    try {
      mkdirSync(schedule.dir, { recursive: true });
      const url = (this.dataSource.options as { url?: string }).url;
      if (!url) throw new Error('the database URL is unknown to this process');
      const blobs: BlobSource =
        this.store instanceof LocalDiskBlobStore
          ? { kind: 'local', root: this.store.root }
          : { kind: 'remote', description: 'the remote attachment store (backed up by its provider)' };
      await createBackup({
        target,
        databaseUrl: url,
        blobs,
        app: appPackage(__dirname),
        env: process.env,
        progress: (line) => this.logger.log(line),
      });
      const keep = backupsToKeep(readdirSync(schedule.dir), schedule.keepDaily, schedule.keepMonthly);
      const pruned = readdirSync(schedule.dir).filter(
        (n) => /^portal-\d{8}T\d{6}Z\.tar$/.test(n) && !keep.has(n),
      );
      for (const name of pruned) rmSync(join(schedule.dir, name), { force: true });
      await this.dataSource.query(
        `UPDATE backup_runs SET finished_at = now(), outcome = 'OK', target = $2, bytes = $3, pruned = $4 WHERE id = $1`,
        [id, target, statSync(target).size, pruned],
      );
      this.logger.log(`backup written to ${target}; removed ${pruned.length} older`);
      return { ok: true, target, pruned };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      await this.dataSource.query(
        `UPDATE backup_runs SET finished_at = now(), outcome = 'FAILED', target = $2, error = $3 WHERE id = $1`,
        [id, target, message.slice(0, 2000)],
      );
      this.logger.error(`scheduled backup failed: ${message}`);
      return { ok: false, target, pruned: [] };
    }
  }
}
