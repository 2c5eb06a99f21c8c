import { MigrationInterface, QueryRunner } from 'typeorm';
import { SCOPED_ROLE } from '../database/tenant-scope';

/** Scheduled backups (05/2024 art. 8.11): each run and its outcome, read by /health and /metrics. */
export class BackupRuns1763800001600 implements MigrationInterface {
  name = 'BackupRuns1763800001600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE backup_runs (
        id bigserial PRIMARY KEY,
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        outcome text NOT NULL CHECK (outcome IN ('RUNNING', 'OK', 'FAILED')),
        target text,
        bytes bigint,
        pruned text[] NOT NULL DEFAULT '{}',
        error text
      )`);
    await q.query(`CREATE INDEX backup_runs_started ON backup_runs (started_at DESC)`);
    // Platform operations, never an officer's: the scoped role has no business here. Row-level
    // security without a policy keeps it so after a restore, which grants every table again.
    await q.query(`REVOKE ALL ON backup_runs FROM ${SCOPED_ROLE}`);
    await q.query(`ALTER TABLE backup_runs ENABLE ROW LEVEL SECURITY`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE backup_runs');
  }
}
