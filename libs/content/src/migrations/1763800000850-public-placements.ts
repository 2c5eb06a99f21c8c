import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where each live item shows. `public_own`: every portal's own live items. `public_copies`: items of
 * other portals shown on a portal — empty here; the federation migration defines it from
 * syndications, so content's public reads need no change when it does. `public_placements`: both.
 * Lists read the two views separately, each in index order with its own limit, then merge: a
 * UNION ALL view cannot pass an ORDER BY … LIMIT down to its branches, so a list over
 * `public_placements` would sort a whole portal.
 */
const COLUMNS = `id, tenant_id, kind, language, live_revision_id, published_at, field, place_tenant_id,
  place_category_id, place_slug, place_at, place_pinned, syndication_id, syndication_direction,
  title_override, summary_override, source_slug`;

export class PublicPlacements1763800000850 implements MigrationInterface {
  name = 'PublicPlacements1763800000850';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE VIEW public_own AS
        SELECT i.id, i.tenant_id, i.kind, i.language, i.live_revision_id, i.published_at, i.field,
               i.tenant_id AS place_tenant_id, i.category_id AS place_category_id, i.slug AS place_slug,
               i.published_at AS place_at, i.pinned AS place_pinned,
               NULL::uuid AS syndication_id, NULL::text AS syndication_direction,
               NULL::text AS title_override, NULL::text AS summary_override, i.slug AS source_slug
          FROM content_items i
         WHERE i.live_revision_id IS NOT NULL AND i.withdrawn_at IS NULL`);
    await q.query(`CREATE VIEW public_copies AS SELECT ${COLUMNS} FROM public_own WHERE false`);
    await q.query(`
      CREATE VIEW public_placements AS
        SELECT ${COLUMNS} FROM public_own UNION ALL SELECT ${COLUMNS} FROM public_copies`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP VIEW public_placements');
    await q.query('DROP VIEW public_copies');
    await q.query('DROP VIEW public_own');
  }
}
