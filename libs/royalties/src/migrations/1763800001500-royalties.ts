import { MigrationInterface, QueryRunner } from 'typeorm';

const SCOPED_ROLE = 'portal_tenant';

/**
 * Row-level security of the royalty tables, as the platform's RowLevelSecurity migration does for
 * the tables before them: a scoped transaction sees and writes only its subtree's rows.
 */
export const ROYALTY_TENANT_RULES: Record<string, { own: string }> = {
  royalty_profile_assignments: { own: 'portal_scope_visible(tenant_id)' },
  royalty_budgets: { own: 'portal_scope_visible(tenant_id)' },
  royalty_collaborators: { own: 'portal_scope_visible(tenant_id)' },
  royalty_grades: { own: 'portal_scope_visible(tenant_id)' },
  royalty_grade_authors: { own: 'portal_scope_visible(tenant_id)' },
  royalty_statements: { own: 'portal_scope_visible(tenant_id)' },
  royalty_statement_lines: { own: 'portal_scope_visible(tenant_id)' },
};

export class Royalties1763800001500 implements MigrationInterface {
  name = 'Royalties1763800001500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE royalty_profile_assignments (
        tenant_id uuid PRIMARY KEY REFERENCES tenants(id),
        profile_key text, -- NULL: inherit the parent's again
        assigned_by uuid,
        assigned_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE royalty_budgets (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        amount bigint NOT NULL CHECK (amount >= 0),
        set_by uuid,
        set_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, year)
      )`);
    await q.query(`
      CREATE TABLE royalty_collaborators (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        pen_name text NOT NULL CHECK (pen_name <> ''),
        real_name text NOT NULL CHECK (real_name <> ''),
        account_id uuid REFERENCES accounts(id),
        id_number text,
        tax_code text,
        bank_account text,
        bank_name text,
        address text,
        phone text,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        archived_at timestamptz
      )`);
    await q.query(`CREATE INDEX royalty_collaborators_tenant ON royalty_collaborators (tenant_id, pen_name)`);
    await q.query(`
      CREATE TABLE royalty_grades (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        item_id uuid NOT NULL REFERENCES content_items(id),
        profile_key text NOT NULL,
        genre text,
        coefficient_h int CHECK (coefficient_h >= 0),
        photo_count int NOT NULL DEFAULT 0 CHECK (photo_count >= 0),
        photo_coefficient_h int NOT NULL DEFAULT 0 CHECK (photo_coefficient_h >= 0),
        reposted boolean NOT NULL DEFAULT false,
        not_paid_reason text,
        note text,
        graded_by uuid,
        graded_at timestamptz NOT NULL DEFAULT now(),
        superseded_at timestamptz,
        CHECK ((not_paid_reason IS NULL) = (genre IS NOT NULL AND coefficient_h IS NOT NULL))
      )`);
    // One grade in force per item; a change supersedes it (kept, audited), never edits it.
    await q.query(
      `CREATE UNIQUE INDEX royalty_grades_current ON royalty_grades (item_id) WHERE superseded_at IS NULL`,
    );
    await q.query(`CREATE INDEX royalty_grades_tenant ON royalty_grades (tenant_id, graded_at)`);
    await q.query(`
      CREATE TABLE royalty_grade_authors (
        id uuid PRIMARY KEY,
        grade_id uuid NOT NULL REFERENCES royalty_grades(id),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        account_id uuid REFERENCES accounts(id),
        collaborator_id uuid REFERENCES royalty_collaborators(id),
        share_bp int NOT NULL CHECK (share_bp > 0 AND share_bp <= 10000),
        position int NOT NULL DEFAULT 0,
        CHECK ((account_id IS NULL) <> (collaborator_id IS NULL))
      )`);
    await q.query(`CREATE INDEX royalty_grade_authors_grade ON royalty_grade_authors (grade_id)`);
    await q.query(`
      CREATE TABLE royalty_statements (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        month text NOT NULL CHECK (month ~ '^\\d{4}-(0[1-9]|1[0-2])$'),
        state text NOT NULL CHECK (state IN ('DRAFTED', 'CHECKED', 'APPROVED', 'LOCKED')),
        profile_key text NOT NULL,
        total bigint NOT NULL,
        budget bigint,
        budget_used_before bigint NOT NULL DEFAULT 0,
        drafted_by uuid,
        drafted_at timestamptz NOT NULL DEFAULT now(),
        checked_by uuid,
        checked_at timestamptz,
        approved_by uuid,
        approved_at timestamptz,
        locked_by uuid,
        locked_at timestamptz,
        CONSTRAINT royalty_statements_month UNIQUE (tenant_id, month)
      )`);
    await q.query(`
      CREATE TABLE royalty_statement_lines (
        id uuid PRIMARY KEY,
        statement_id uuid NOT NULL REFERENCES royalty_statements(id),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        line_no int NOT NULL,
        kind text NOT NULL CHECK (kind IN ('ROYALTY', 'SYNDICATED', 'REMUNERATION', 'ADJUSTMENT')),
        item_id uuid REFERENCES content_items(id),
        grade_id uuid REFERENCES royalty_grades(id),
        syndication_id uuid,
        account_id uuid REFERENCES accounts(id),
        collaborator_id uuid REFERENCES royalty_collaborators(id),
        payee_name text NOT NULL,
        title text,
        genre text,
        coefficient_h int NOT NULL,
        factor_bp int NOT NULL,
        level_bp int NOT NULL,
        base bigint NOT NULL,
        unit_bp int NOT NULL,
        dated date NOT NULL,
        share_bp int NOT NULL,
        amount bigint NOT NULL,
        note text,
        CONSTRAINT royalty_statement_lines_no UNIQUE (statement_id, line_no)
      )`);
    await q.query(`CREATE INDEX royalty_statement_lines_item ON royalty_statement_lines (item_id)`);
    for (const [table, rule] of Object.entries(ROYALTY_TENANT_RULES)) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY tenant_scope ON ${table} TO ${SCOPED_ROLE} USING (${rule.own}) WITH CHECK (${rule.own})`,
      );
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO ${SCOPED_ROLE}`);
    }
    // A portal's profile hangs on the tree: a change reaches every instance like the tree's own.
    await q.query(
      `CREATE TRIGGER royalty_profile_assignments_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON royalty_profile_assignments FOR EACH STATEMENT EXECUTE FUNCTION notify_tenancy_changed()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of Object.keys(ROYALTY_TENANT_RULES).reverse()) await q.query(`DROP TABLE ${table}`);
  }
}
