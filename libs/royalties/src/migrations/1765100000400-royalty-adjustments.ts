import { MigrationInterface, QueryRunner } from 'typeorm';

const SCOPED_ROLE = 'portal_tenant';

/** Row-level security of the table this migration adds (see ROYALTY_TENANT_RULES). */
export const ROYALTY_ADJUSTMENT_TENANT_RULES: Record<string, { own: string }> = {
  royalty_statement_adjustments: { own: 'portal_scope_visible(tenant_id)' },
};

/**
 * Manual adjustments of a draft statement's entries: the board head's correction with its reason,
 * kept beside the computed line (never overwriting it) and shown on the statement as a line of
 * its own (kind CORRECTION) that points at the entry it corrects.
 */
export class RoyaltyAdjustments1765100000400 implements MigrationInterface {
  name = 'RoyaltyAdjustments1765100000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE royalty_statement_adjustments (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        statement_id uuid NOT NULL REFERENCES royalty_statements(id),
        -- The entry it corrects, by what identifies it across drafting again (line numbers change).
        entry_kind text NOT NULL CHECK (entry_kind IN ('ROYALTY', 'SYNDICATED', 'REMUNERATION', 'ADJUSTMENT')),
        item_id uuid REFERENCES content_items(id),
        syndication_id uuid,
        account_id uuid REFERENCES accounts(id),
        collaborator_id uuid REFERENCES royalty_collaborators(id),
        entry_title text,
        payee_name text NOT NULL,
        -- The computed figure when the correction was made, and the correction (signed đồng).
        computed_amount bigint NOT NULL,
        amount bigint NOT NULL CHECK (amount <> 0),
        reason text NOT NULL CHECK (length(btrim(reason)) > 0),
        adjusted_by uuid,
        adjusted_at timestamptz NOT NULL DEFAULT now(),
        -- Replaced by a later correction of the same entry, or left without its entry by drafting again.
        superseded_at timestamptz,
        superseded_by uuid,
        lapsed_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX royalty_statement_adjustments_statement ON royalty_statement_adjustments (statement_id, adjusted_at)`,
    );
    await q.query(`ALTER TABLE royalty_statement_lines DROP CONSTRAINT royalty_statement_lines_kind_check`);
    await q.query(
      `ALTER TABLE royalty_statement_lines ADD CONSTRAINT royalty_statement_lines_kind_check
         CHECK (kind IN ('ROYALTY', 'SYNDICATED', 'REMUNERATION', 'ADJUSTMENT', 'CORRECTION'))`,
    );
    await q.query(
      `ALTER TABLE royalty_statement_lines ADD COLUMN adjustment_id uuid REFERENCES royalty_statement_adjustments(id)`,
    );
    await q.query(`ALTER TABLE royalty_statement_lines ADD COLUMN adjusts_line_no int`);
    for (const [table, rule] of Object.entries(ROYALTY_ADJUSTMENT_TENANT_RULES)) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY tenant_scope ON ${table} TO ${SCOPED_ROLE} USING (${rule.own}) WITH CHECK (${rule.own})`,
      );
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO ${SCOPED_ROLE}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE royalty_statement_lines DROP COLUMN adjusts_line_no`);
    await q.query(`ALTER TABLE royalty_statement_lines DROP COLUMN adjustment_id`);
    await q.query(`DELETE FROM royalty_statement_lines WHERE kind = 'CORRECTION'`);
    await q.query(`ALTER TABLE royalty_statement_lines DROP CONSTRAINT royalty_statement_lines_kind_check`);
    await q.query(
      `ALTER TABLE royalty_statement_lines ADD CONSTRAINT royalty_statement_lines_kind_check
         CHECK (kind IN ('ROYALTY', 'SYNDICATED', 'REMUNERATION', 'ADJUSTMENT'))`,
    );
    await q.query(`DROP TABLE royalty_statement_adjustments`);
  }
}
