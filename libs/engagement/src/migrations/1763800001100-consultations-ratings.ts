import { MigrationInterface, QueryRunner } from 'typeorm';

export class ConsultationsRatings1763800001100 implements MigrationInterface {
  name = 'ConsultationsRatings1763800001100';

  async up(q: QueryRunner): Promise<void> {
    // Comments on a draft document belong to the item's own portal, whichever host they came through.
    await q.query(`
      CREATE TABLE draft_comments (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        item_id uuid NOT NULL REFERENCES content_items(id),
        via_tenant_id uuid NOT NULL REFERENCES tenants(id),
        name text NOT NULL CHECK (name <> '' AND length(name) <= 200),
        email text NOT NULL CHECK (email <> '' AND length(email) <= 254),
        organisation text CHECK (organisation <> '' AND length(organisation) <= 300),
        text text NOT NULL CHECK (text <> '' AND length(text) <= 10000),
        state text NOT NULL CHECK (state IN ('PENDING', 'PUBLISHED', 'REJECTED')),
        reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        moderated_by uuid REFERENCES accounts(id),
        moderated_at timestamptz,
        CHECK (state <> 'REJECTED' OR reason IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX draft_comments_item ON draft_comments (item_id, state, created_at, id)`);
    await q.query(`CREATE INDEX draft_comments_queue ON draft_comments (tenant_id, state, created_at, id)`);

    await q.query(`
      CREATE TABLE consultation_summaries (
        item_id uuid PRIMARY KEY REFERENCES content_items(id),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        summary_html text NOT NULL CHECK (summary_html <> ''),
        published_by uuid REFERENCES accounts(id),
        published_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);

    await q.query(`
      CREATE TABLE consultation_settings (
        tenant_id uuid PRIMARY KEY REFERENCES tenants(id),
        comment_visibility text NOT NULL CHECK (comment_visibility IN ('PUBLISHED_ONLY', 'HIDDEN')),
        updated_by uuid REFERENCES accounts(id),
        updated_at timestamptz NOT NULL
      )`);

    // One rating per client address per portal per Vietnamese calendar day; the address is kept only
    // as a keyed hash.
    await q.query(`
      CREATE TABLE portal_ratings (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        score_interface smallint NOT NULL CHECK (score_interface BETWEEN 1 AND 5),
        score_content smallint NOT NULL CHECK (score_content BETWEEN 1 AND 5),
        score_quality smallint NOT NULL CHECK (score_quality BETWEEN 1 AND 5),
        score_support smallint NOT NULL CHECK (score_support BETWEEN 1 AND 5),
        address_hash text NOT NULL,
        rated_on date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX portal_ratings_once_a_day ON portal_ratings (tenant_id, rated_on, address_hash)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE portal_ratings');
    await q.query('DROP TABLE consultation_settings');
    await q.query('DROP TABLE consultation_summaries');
    await q.query('DROP TABLE draft_comments');
  }
}
