import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditLog1763800000300 implements MigrationInterface {
  name = 'AuditLog1763800000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        actor_account_id uuid,
        actor_label text NOT NULL,
        action text NOT NULL,
        subject_type text NOT NULL,
        subject_id text,
        before jsonb,
        after jsonb,
        request_id text,
        ip text
      )`);
    await q.query(`CREATE INDEX audit_log_tenant_time ON audit_log (tenant_id, occurred_at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_log_actor ON audit_log (actor_account_id, occurred_at DESC)`);
    // Append-only: the log is evidence (05/2024/QĐ-UBND art. 8), so the database itself refuses changes.
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      `CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`,
    );
    await q.query(
      `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_log');
    await q.query('DROP FUNCTION audit_log_append_only()');
  }
}
