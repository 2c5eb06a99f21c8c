import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HostRoutingService } from '../../libs/tenancy/src';
import { generateNationalTree } from '../tenancy/national-tree';
import { generateItems } from './generate-items';
import { num } from './report';
import { applyTree, benchAccount } from './seed-tree';

/** The province given about 170 portals (the others keep about 100). */
export const NATIONAL_BIG_PROVINCE_HOST = 'tinh01.gov.vn';

/** Item g's publication in the federation benchmark: about 47 s apart over three years. */
export const FEDERATION_PUBLISHED_AT = `timestamptz '2026-11-01' - make_interval(secs => g * 47.0 + g::bigint * 7919 % 600)`;

export interface NationalDataset {
  routing: HostRoutingService;
  authorId: string;
  adminId: string;
  portals: number;
  items: number;
  syndicated: number;
}

/**
 * The national dataset of the `federation` and `reporting` benchmarks: the tree with one province
 * enlarged (`generateNationalTree(34, 101, { 0: 170 })`, 3,471 portals), the bench author and a
 * platform administrator homed on the big province, `total` live items spread over every portal
 * (item g on portal g mod portals; 70 % news, 20 % announcements, 10 % directives), and every 20th
 * item of a portal with a parent shown on the parent (an ACCEPTED UP syndication, 5 %).
 *
 * `publishedAt` is the SQL expression of item g's publication instant (the federation benchmark's:
 * 47 s apart over three years, ending 2026-11-01). Leaves `bench_portals` (temporary) on the
 * connection of `db` and runs no VACUUM: the caller does, once it has written everything.
 */
export async function seedNationalDataset(
  app: INestApplicationContext,
  /** Where the seeding SQL runs: one connection, as `bench_portals` is a temporary table. */
  db: Pick<DataSource, 'query'>,
  options: {
    total: number;
    publishedAt?: string;
    author?: { username: string; displayName: string; password: string };
    admin?: { username: string; displayName: string; password: string };
  },
): Promise<NationalDataset> {
  const routing = await applyTree(app, generateNationalTree(34, 101, { 0: 170 }));
  const authorId = await benchAccount(
    app,
    NATIONAL_BIG_PROVINCE_HOST,
    options.author ?? { username: 'bench-author', displayName: 'Bench', password: 'bench-password-long' },
  );
  const adminId = await benchAccount(app, NATIONAL_BIG_PROVINCE_HOST, {
    ...(options.admin ?? {
      username: 'bench-admin',
      displayName: 'Bench admin',
      password: 'quan-tri-trung-uong-2026',
    }),
    platformAdmin: true,
  });

  // Every portal with its news section, its announcements and direction sections (where its
  // template has them), and its parent's news section (where its syndicated items are placed).
  await db.query(`CREATE TEMP TABLE bench_portals AS
    SELECT row_number() OVER (ORDER BY t.path) - 1 AS n, t.id AS tenant_id, t.parent_id,
           news.id AS news_id, coalesce(ann.id, news.id) AS announcements_id, coalesce(dir.id, news.id) AS directives_id,
           pnews.id AS parent_news_id
      FROM tenants t
      JOIN categories news ON news.tenant_id = t.id AND news.slug = 'tin-tuc-su-kien' AND news.parent_id IS NULL
      LEFT JOIN categories ann ON ann.tenant_id = t.id AND ann.slug = 'thong-bao'
      LEFT JOIN categories dir ON dir.tenant_id = t.id AND dir.slug = 'chi-dao-dieu-hanh' AND dir.parent_id IS NULL
      LEFT JOIN categories pnews ON pnews.tenant_id = t.parent_id AND pnews.slug = 'tin-tuc-su-kien' AND pnews.parent_id IS NULL`);
  const [{ portals }] = await db.query('SELECT count(*)::int AS portals FROM bench_portals');
  const publishedAt = options.publishedAt ?? FEDERATION_PUBLISHED_AT;
  await generateItems(db as DataSource, {
    total: options.total,
    authorId,
    select: (from, to) => ({
      sql: `SELECT g, gen_random_uuid() AS item_id, gen_random_uuid() AS rev_id, p.tenant_id,
                   CASE WHEN g % 10 < 7 THEN p.news_id WHEN g % 10 < 9 THEN p.announcements_id ELSE p.directives_id END AS category_id,
                   CASE WHEN g % 10 < 7 THEN 'NEWS' WHEN g % 10 < 9 THEN 'ANNOUNCEMENT' ELSE 'DIRECTIVE' END AS kind,
                   ${publishedAt} AS published_at,
                   g % 997 = 0 AS pinned
              FROM generate_series($1::int, $2::int) g JOIN bench_portals p ON p.n = g % $3`,
      params: [from, to, portals],
    }),
  });
  // 5 % of the items (every 20th, of portals with a parent) are shown on the parent portal.
  const t0 = performance.now();
  await db.query(
    `INSERT INTO syndications (id, item_id, source_tenant_id, target_tenant_id, direction, state, category_id, slug,
                               proposed_by, proposed_at, decided_by, decided_at, placed_at, updated_at)
     SELECT gen_random_uuid(), i.id, i.tenant_id, p.parent_id, 'UP', 'ACCEPTED', p.parent_news_id, i.slug,
            $1, i.published_at, $1, i.published_at + interval '1 hour', i.published_at + interval '1 hour', now()
       FROM content_items i JOIN bench_portals p ON p.tenant_id = i.tenant_id
      WHERE p.parent_id IS NOT NULL AND substr(i.slug, 5)::int % 20 = 0`,
    [authorId],
  );
  const [{ syndicated }] = await db.query('SELECT count(*)::int AS syndicated FROM syndications');
  process.stdout.write(
    `  syndicated ${num(syndicated)} items in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );
  return { routing, authorId, adminId, portals, items: options.total, syndicated };
}
