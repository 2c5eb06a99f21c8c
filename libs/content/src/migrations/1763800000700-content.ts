import { MigrationInterface, QueryRunner } from 'typeorm';

export class Content1763800000700 implements MigrationInterface {
  name = 'Content1763800000700';

  async up(q: QueryRunner): Promise<void> {
    // unaccent() is only STABLE (its dictionary could change); search columns need an IMMUTABLE one.
    await q.query(`
      CREATE FUNCTION portal_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, replace(replace($1, 'đ', 'd'), 'Đ', 'D')) $$`);
    await q.query(`
      CREATE TABLE content_items (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        kind text NOT NULL,
        category_id uuid REFERENCES categories(id),
        language text NOT NULL CHECK (language IN ('vi', 'en')),
        translation_of uuid REFERENCES content_items(id),
        slug text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 200),
        field text,
        created_by uuid NOT NULL REFERENCES accounts(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        live_revision_id uuid,
        published_at timestamptz,
        withdrawn_at timestamptz,
        pinned boolean NOT NULL DEFAULT false,
        CONSTRAINT content_items_slug_unique UNIQUE (tenant_id, language, slug)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX content_items_one_translation ON content_items (translation_of, language) WHERE translation_of IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX content_items_live ON content_items (tenant_id, category_id, published_at DESC, id DESC) WHERE live_revision_id IS NOT NULL AND withdrawn_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX content_items_live_all ON content_items (tenant_id, published_at DESC, id DESC) WHERE live_revision_id IS NOT NULL AND withdrawn_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE content_revisions (
        id uuid PRIMARY KEY,
        item_id uuid NOT NULL REFERENCES content_items(id),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        number int NOT NULL,
        title text NOT NULL CHECK (title <> ''),
        summary text,
        body_html text NOT NULL,
        body_text text NOT NULL,
        fields jsonb NOT NULL DEFAULT '{}',
        author_name text NOT NULL CHECK (author_name <> ''),
        source text NOT NULL CHECK (source <> ''),
        created_by uuid NOT NULL REFERENCES accounts(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        search tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('simple', portal_unaccent(title)), 'A') ||
          setweight(to_tsvector('simple', portal_unaccent(coalesce(summary, ''))), 'B') ||
          setweight(to_tsvector('simple', portal_unaccent(body_text)), 'C')
        ) STORED,
        title_search tsvector GENERATED ALWAYS AS (to_tsvector('simple', portal_unaccent(title))) STORED,
        CONSTRAINT content_revisions_number_unique UNIQUE (item_id, number)
      )`);
    await q.query(
      `ALTER TABLE content_items ADD CONSTRAINT content_items_live_revision FOREIGN KEY (live_revision_id) REFERENCES content_revisions(id)`,
    );
    // Search is always within one portal: the tenant leads the index (btree_gin), so a common word
    // in a national dataset costs only that portal's postings.
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
    await q.query(`CREATE INDEX content_revisions_search ON content_revisions USING gin (tenant_id, search)`);
    await q.query(
      `CREATE INDEX content_revisions_title_search ON content_revisions USING gin (tenant_id, title_search)`,
    );
    await q.query(
      `CREATE INDEX content_revisions_title_trgm ON content_revisions USING gin (portal_unaccent(lower(title)) gin_trgm_ops)`,
    );
    await q.query(`CREATE INDEX content_revisions_item ON content_revisions (item_id, number DESC)`);
    // What the public sees of a portal changed: every instance drops that portal's cached reads.
    await q.query(`
      CREATE FUNCTION notify_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('content_changed', NEW.tenant_id::text);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER content_items_public_changed AFTER UPDATE ON content_items FOR EACH ROW
      WHEN (OLD.live_revision_id IS DISTINCT FROM NEW.live_revision_id OR OLD.withdrawn_at IS DISTINCT FROM NEW.withdrawn_at
            OR OLD.pinned IS DISTINCT FROM NEW.pinned OR OLD.category_id IS DISTINCT FROM NEW.category_id OR OLD.slug IS DISTINCT FROM NEW.slug)
      EXECUTE FUNCTION notify_content_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE content_items DROP CONSTRAINT content_items_live_revision');
    await q.query('DROP TABLE content_revisions');
    await q.query('DROP TABLE content_items');
    await q.query('DROP FUNCTION portal_unaccent(text)');
    await q.query('DROP FUNCTION notify_content_changed()');
  }
}
