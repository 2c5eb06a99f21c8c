import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A portal's search without scanning it (PublicContentService.searchPage):
 * - a portal's newest live items carry their language and live revision in the index, so the
 *   bounded newest-first walk of a search never reads the items' table;
 * - a portal's live items of one kind in publication order (lists by kind);
 * - `portal_search`, a text search configuration that folds diacritics (and đ) the way the stored
 *   vectors were built, so that `ts_headline` marks "Phường Bến Nghé" in the original text for the
 *   query "phuong ben nghe".
 */
export class PortalSearch1763800001550 implements MigrationInterface {
  name = 'PortalSearch1763800001550';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX content_items_live_portal_walk ON content_items (tenant_id, published_at DESC, id DESC)
         INCLUDE (language, live_revision_id) WHERE live_revision_id IS NOT NULL AND withdrawn_at IS NULL`,
    );
    // Same keys as the new index, which serves every query that used it.
    await q.query('DROP INDEX content_items_live_all');
    // A portal's live items of one kind, newest first: legal documents, drafts, schedules, contacts…
    // Without it a list of a rare (or absent) kind walks every item of the portal.
    await q.query(
      `CREATE INDEX content_items_live_kind ON content_items (tenant_id, kind, published_at DESC, id DESC)
         WHERE live_revision_id IS NOT NULL AND withdrawn_at IS NULL`,
    );
    await q.query(`CREATE TEXT SEARCH CONFIGURATION portal_search (COPY = pg_catalog.simple)`);
    await q.query(
      `ALTER TEXT SEARCH CONFIGURATION portal_search ALTER MAPPING FOR asciiword, word, numword, asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart WITH public.unaccent, pg_catalog.simple`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TEXT SEARCH CONFIGURATION portal_search');
    await q.query('DROP INDEX content_items_live_kind');
    await q.query(
      `CREATE INDEX content_items_live_all ON content_items (tenant_id, published_at DESC, id DESC) WHERE live_revision_id IS NOT NULL AND withdrawn_at IS NULL`,
    );
    await q.query('DROP INDEX content_items_live_portal_walk');
  }
}
