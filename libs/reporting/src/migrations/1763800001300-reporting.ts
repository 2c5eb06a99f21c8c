import { MigrationInterface, QueryRunner } from 'typeorm';

export class Reporting1763800001300 implements MigrationInterface {
  name = 'Reporting1763800001300';

  async up(q: QueryRunner): Promise<void> {
    // Reports read workflow steps by portal and period (decisions, publications, who did what).
    await q.query(`CREATE INDEX workflow_events_tenant_at ON workflow_events (tenant_id, at)`);
    // Publications of a period (an item's first one tells which revision went live, and its due date).
    await q.query(
      `CREATE INDEX workflow_events_publish ON workflow_events (tenant_id, at) INCLUDE (item_id, revision_id) WHERE action = 'PUBLISH'`,
    );
    await q.query(`CREATE INDEX question_events_tenant_at ON question_events (tenant_id, at)`);
    await q.query(`CREATE INDEX questions_origin_received ON questions (origin_tenant_id, received_at)`);
    // Report files generated in the background: who asked for what, and where the file is.
    await q.query(`
      CREATE TABLE report_exports (
        id uuid PRIMARY KEY,
        tenant_id uuid REFERENCES tenants(id),
        scope text NOT NULL CHECK (scope IN ('PORTAL', 'SUBTREE', 'FEDERATION')),
        period text NOT NULL,
        format text NOT NULL CHECK (format IN ('XLSX', 'CSV')),
        status text NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
        requested_by uuid NOT NULL REFERENCES accounts(id),
        requested_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        file_name text,
        sha256 text,
        size bigint,
        error text,
        CHECK (scope = 'FEDERATION' OR tenant_id IS NOT NULL),
        CHECK (status <> 'DONE' OR (sha256 IS NOT NULL AND size IS NOT NULL AND file_name IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX report_exports_requester ON report_exports (requested_by, requested_at DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE report_exports');
    await q.query('DROP INDEX questions_origin_received');
    await q.query('DROP INDEX question_events_tenant_at');
    await q.query('DROP INDEX workflow_events_publish');
    await q.query('DROP INDEX workflow_events_tenant_at');
  }
}
