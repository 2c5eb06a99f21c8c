import { MigrationInterface, QueryRunner } from 'typeorm';

export class Federation1763800000900 implements MigrationInterface {
  name = 'Federation1763800000900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE syndication_rules (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        kinds text[],
        source_portal_kinds text[],
        source_root_id uuid REFERENCES tenants(id),
        category_id uuid REFERENCES categories(id),
        created_by uuid REFERENCES accounts(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        disabled_at timestamptz,
        disabled_by uuid REFERENCES accounts(id)
      )`);
    await q.query(
      `CREATE INDEX syndication_rules_tenant ON syndication_rules (tenant_id) WHERE disabled_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE syndications (
        id uuid PRIMARY KEY,
        item_id uuid NOT NULL REFERENCES content_items(id),
        source_tenant_id uuid NOT NULL REFERENCES tenants(id),
        target_tenant_id uuid NOT NULL REFERENCES tenants(id),
        direction text NOT NULL CHECK (direction IN ('UP', 'DOWN')),
        state text NOT NULL CHECK (state IN ('PROPOSED', 'ACCEPTED', 'REFUSED', 'DROPPED', 'WITHDRAWN', 'RETRACTED')),
        category_id uuid REFERENCES categories(id),
        title_override text CHECK (title_override <> ''),
        summary_override text,
        slug text CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        pinned boolean NOT NULL DEFAULT false,
        note text,
        proposed_by uuid REFERENCES accounts(id),
        proposed_at timestamptz NOT NULL DEFAULT now(),
        decided_by uuid REFERENCES accounts(id),
        decided_at timestamptz,
        reason text,
        rule_id uuid REFERENCES syndication_rules(id),
        placed_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (source_tenant_id <> target_tenant_id),
        CHECK (state <> 'ACCEPTED' OR (placed_at IS NOT NULL AND slug IS NOT NULL))
      )`);
    // One open syndication of an item per portal; a refused or dropped one may be proposed again.
    await q.query(
      `CREATE UNIQUE INDEX syndications_open ON syndications (item_id, target_tenant_id) WHERE state IN ('PROPOSED', 'ACCEPTED')`,
    );
    await q.query(
      `CREATE UNIQUE INDEX syndications_slug ON syndications (target_tenant_id, slug) WHERE state = 'ACCEPTED'`,
    );
    await q.query(
      `CREATE INDEX syndications_placed ON syndications (target_tenant_id, placed_at DESC, item_id DESC) WHERE state = 'ACCEPTED'`,
    );
    await q.query(
      `CREATE INDEX syndications_placed_category ON syndications (target_tenant_id, category_id, placed_at DESC, item_id DESC) WHERE state = 'ACCEPTED'`,
    );
    await q.query(
      `CREATE INDEX syndications_queue ON syndications (target_tenant_id, proposed_at, id) WHERE state = 'PROPOSED'`,
    );
    await q.query(`CREATE INDEX syndications_item ON syndications (item_id)`);
    await q.query(`CREATE INDEX syndications_source ON syndications (source_tenant_id, proposed_at DESC)`);

    // Accepted syndications show on their target like its own items (content's public reads use this
    // view). The id is the syndication's item_id, so a keyset cursor is an index condition there.
    await q.query(`
      CREATE OR REPLACE VIEW public_copies AS
        SELECT s.item_id AS id, i.tenant_id, i.kind, i.language, i.live_revision_id, i.published_at, i.field,
               s.target_tenant_id AS place_tenant_id, s.category_id AS place_category_id, s.slug AS place_slug,
               s.placed_at AS place_at, s.pinned AS place_pinned,
               s.id AS syndication_id, s.direction AS syndication_direction,
               s.title_override, s.summary_override, i.slug AS source_slug
          FROM syndications s JOIN content_items i ON i.id = s.item_id
         WHERE s.state = 'ACCEPTED' AND i.live_revision_id IS NOT NULL AND i.withdrawn_at IS NULL`);

    // A change at the source is a change on every portal showing a copy: their caches drop too.
    await q.query(`
      CREATE OR REPLACE FUNCTION notify_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('content_changed', NEW.tenant_id::text);
        PERFORM pg_notify('content_changed', s.target_tenant_id::text)
           FROM syndications s WHERE s.item_id = NEW.id AND s.state = 'ACCEPTED';
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION notify_syndication_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.target_tenant_id <> NEW.target_tenant_id THEN
          PERFORM pg_notify('content_changed', OLD.target_tenant_id::text);
        END IF;
        PERFORM pg_notify('content_changed', NEW.target_tenant_id::text);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER syndications_public_changed AFTER INSERT OR UPDATE ON syndications FOR EACH ROW
      WHEN (NEW.state <> 'PROPOSED')
      EXECUTE FUNCTION notify_syndication_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER syndications_public_changed ON syndications');
    await q.query('DROP FUNCTION notify_syndication_changed()');
    await q.query(`
      CREATE OR REPLACE FUNCTION notify_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('content_changed', NEW.tenant_id::text);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE OR REPLACE VIEW public_copies AS
        SELECT id, tenant_id, kind, language, live_revision_id, published_at, field, place_tenant_id,
               place_category_id, place_slug, place_at, place_pinned, syndication_id, syndication_direction,
               title_override, summary_override, source_slug
          FROM public_own WHERE false`);
    await q.query('DROP TABLE syndications');
    await q.query('DROP TABLE syndication_rules');
  }
}
