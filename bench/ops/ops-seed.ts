import { DataSource } from 'typeorm';
import { Role, RoleAssignmentService, RoleScope } from '../../libs/access/src';
import { systemContext } from '../../libs/platform/src';
import { HostRoutingService } from '../../libs/tenancy/src';
import { generateItems } from '../support/generate-items';
import { applyTree, benchAccount, newsSections, seedingContext } from '../support/seed-tree';
import { generateNationalTree } from '../tenancy/national-tree';

/** The editorial accounts of the `soak` and `faults` benchmarks (one each, SUBTREE on the first province). */
export const OPS_ACCOUNTS = {
  writer: { username: 'ops-writer', password: 'viet-bai-mat-khau-dai-1', role: Role.CONTRIBUTOR },
  member: { username: 'ops-member', password: 'thanh-vien-mat-khau-dai-2', role: Role.BOARD_MEMBER },
  head: { username: 'ops-head', password: 'truong-ban-mat-khau-dai-3', role: Role.BOARD_HEAD },
} as const;
export type OpsAccount = keyof typeof OPS_ACCOUNTS;

/** What the load client needs to know about the seeded data. */
export interface OpsDataset {
  portals: number;
  items: number;
  /** Every portal's primary host (reads rotate over them). */
  hosts: string[];
  /** Every portal's news section (category pages). */
  sections: Array<{ host: string; categoryId: string }>;
  /** A sample of published items (reads by slug). */
  slugs: Array<{ host: string; slug: string }>;
  /** Portals the editorial accounts write on (the first province's subtree). */
  writeTargets: Array<{ host: string; tenantId: string; categoryId: string }>;
  /** A seeded live revision (the no-op scheduled-publication jobs of the `faults` benchmark point at it). */
  someRevisionId: string;
  /** The author of the seeded items. */
  authorId: string;
}

/**
 * A modest federation for long-running and fault benchmarks: `provinces` provinces of the national
 * tree (103 portals each), `items` published news items spread over every portal's news section
 * (`support/generate-items.ts`), and three editorial accounts homed on the first province holding
 * CONTRIBUTOR, BOARD_MEMBER and BOARD_HEAD over its whole subtree (four-eyes: the writer never
 * approves).
 */
export async function seedOps(url: string, provinces: number, items: number): Promise<OpsDataset> {
  const app = await seedingContext(url);
  try {
    const tree = generateNationalTree(provinces);
    await applyTree(app, tree);
    const firstHost = tree.hosts[0];
    const authorId = await benchAccount(app, firstHost, {
      username: 'ops-author',
      displayName: 'Ban biên tập',
      password: 'tac-gia-mat-khau-dai-4',
    });
    const routing = app.get(HostRoutingService);
    const root = routing.resolve(firstHost);
    if (root.type !== 'serve') throw new Error(`no portal on ${firstHost}`);
    for (const [key, a] of Object.entries(OPS_ACCOUNTS)) {
      const id = await benchAccount(app, firstHost, {
        username: a.username,
        displayName: `Ops ${key}`,
        password: a.password,
      });
      const granted = await app.get(RoleAssignmentService).grant(systemContext('bench'), {
        accountId: id,
        tenantId: root.tenant.id,
        role: a.role,
        scope: RoleScope.SUBTREE,
        fields: [],
      });
      if (!granted.ok) throw new Error(`grant ${a.username}: ${granted.error.code}`);
    }
    const ds = app.get(DataSource);
    const sectionCount = await newsSections(ds);
    await generateItems(ds, {
      total: items,
      authorId,
      select: (from, to) => ({
        sql: `SELECT g, gen_random_uuid() AS item_id, gen_random_uuid() AS rev_id, s.tenant_id, s.category_id,
                     'NEWS' AS kind, timestamptz '2026-11-01' - make_interval(secs => g * 600) AS published_at,
                     g % 997 = 0 AS pinned
                FROM generate_series($1::int, $2::int) g JOIN bench_sections s ON s.n = g % $3`,
        params: [from, to, sectionCount],
      }),
    });
    await ds.query('VACUUM ANALYZE content_items');
    await ds.query('VACUUM ANALYZE content_revisions');
    const sections: OpsDataset['sections'] = (
      await ds.query('SELECT host, category_id FROM bench_sections ORDER BY n')
    ).map((r: { host: string; category_id: string }) => ({ host: r.host, categoryId: r.category_id }));
    const slugs: OpsDataset['slugs'] = (
      await ds.query(
        `SELECT t.primary_host::text AS host, i.slug FROM content_items i JOIN tenants t ON t.id = i.tenant_id
          ORDER BY md5(i.id::text) LIMIT 3000`,
      )
    ).map((r: { host: string; slug: string }) => ({ host: r.host, slug: r.slug }));
    const writeTargets: OpsDataset['writeTargets'] = (
      await ds.query(
        `SELECT s.host, s.tenant_id, s.category_id FROM bench_sections s JOIN tenants t ON t.id = s.tenant_id
          WHERE t.path <@ (SELECT path FROM tenants WHERE id = $1) ORDER BY s.n`,
        [root.tenant.id],
      )
    ).map((r: { host: string; tenant_id: string; category_id: string }) => ({
      host: r.host,
      tenantId: r.tenant_id,
      categoryId: r.category_id,
    }));
    const [{ id: someRevisionId }] = await ds.query(
      'SELECT live_revision_id AS id FROM content_items LIMIT 1',
    );
    return {
      portals: tree.portals,
      items,
      hosts: sections.map((s) => s.host),
      sections,
      slugs,
      writeTargets,
      someRevisionId,
      authorId,
    };
  } finally {
    await app.close();
  }
}
