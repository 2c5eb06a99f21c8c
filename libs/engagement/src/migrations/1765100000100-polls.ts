import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Polls (thăm dò ý kiến): a question with ordered options, open between two instants; one vote per
 * visitor address per poll, the address kept only as a keyed hash (as for portal ratings). Nothing
 * is deleted: a poll is closed early or withdrawn from the public pages.
 */
export class Polls1765100000100 implements MigrationInterface {
  name = 'Polls1765100000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE polls (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        question_vi text NOT NULL,
        question_en text,
        opens_at timestamptz NOT NULL,
        closes_at timestamptz NOT NULL,
        results_visibility text NOT NULL CHECK (results_visibility IN ('AFTER_VOTE', 'AFTER_CLOSE')),
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        closed_early_at timestamptz,
        withdrawn_at timestamptz,
        withdrawn_reason text,
        CHECK (closes_at > opens_at)
      )`);
    await q.query('CREATE INDEX polls_tenant_opens ON polls (tenant_id, opens_at DESC, id)');
    await q.query(`
      CREATE TABLE poll_options (
        id uuid PRIMARY KEY,
        poll_id uuid NOT NULL REFERENCES polls(id),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        position smallint NOT NULL,
        label_vi text NOT NULL,
        label_en text,
        UNIQUE (poll_id, position)
      )`);
    await q.query('CREATE INDEX poll_options_tenant ON poll_options (tenant_id)');
    await q.query(`
      CREATE TABLE poll_votes (
        id uuid PRIMARY KEY,
        poll_id uuid NOT NULL REFERENCES polls(id),
        option_id uuid NOT NULL REFERENCES poll_options(id),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        address_hash text NOT NULL,
        voted_at timestamptz NOT NULL
      )`);
    await q.query('CREATE UNIQUE INDEX poll_votes_once ON poll_votes (poll_id, address_hash)');
    await q.query('CREATE INDEX poll_votes_tenant ON poll_votes (tenant_id)');
    await q.query('CREATE INDEX poll_votes_option ON poll_votes (poll_id, option_id)');
    // Row-level security for the scoped role officers' transactions take on (portal_tenant).
    for (const table of ['polls', 'poll_options', 'poll_votes']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY tenant_scope ON ${table} TO portal_tenant USING (portal_scope_visible(tenant_id)) WITH CHECK (portal_scope_visible(tenant_id))`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE poll_votes');
    await q.query('DROP TABLE poll_options');
    await q.query('DROP TABLE polls');
  }
}
