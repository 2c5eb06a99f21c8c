import { MigrationInterface, QueryRunner } from 'typeorm';

export class Calendar1763800000600 implements MigrationInterface {
  name = 'Calendar1763800000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calendar_overrides (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        day date NOT NULL,
        working boolean NOT NULL,
        name_vi text NOT NULL CHECK (name_vi <> ''),
        name_en text,
        source text NOT NULL CHECK (source <> ''),
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoked_by uuid
      )`);
    // One live override per portal and day; replaced ones are kept, revoked.
    await q.query(
      `CREATE UNIQUE INDEX calendar_overrides_live ON calendar_overrides (tenant_id, day) WHERE revoked_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE deadline_policy_assignments (
        tenant_id uuid PRIMARY KEY REFERENCES tenants(id),
        profile_key text, -- NULL: inherit the parent's again
        assigned_by uuid,
        assigned_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Calendars and policies hang on the tree: their changes reach every instance like the tree's own.
    for (const table of ['calendar_overrides', 'deadline_policy_assignments']) {
      await q.query(
        `CREATE TRIGGER ${table}_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION notify_tenancy_changed()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE deadline_policy_assignments');
    await q.query('DROP TABLE calendar_overrides');
  }
}
