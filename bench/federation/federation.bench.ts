import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { encodeCursor, systemContext } from '../../libs/platform/src';
import { HostRoutingService, RoutedTenant } from '../../libs/tenancy/src';
import { EditorialService, WorkflowAction } from '../../libs/editorial/src';
import { SubtreeFeedService } from '../../libs/federation/src/subtree/subtree-feed.service';
import { subtreeOf } from '../../libs/federation/src/subtree/portal-tree';
import { post, pct, startApi } from '../support/api-client';
import { benchDatabase } from '../support/bench-database';
import { num, printTable } from '../support/report';
import { NATIONAL_BIG_PROVINCE_HOST, seedNationalDataset } from '../support/seed-national';
import { seedingContext } from '../support/seed-tree';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 2_000_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const PROPAGATIONS = Number(process.env.BENCH_PROPAGATIONS ?? 20);
/** The province given about 170 portals; the others keep about 100. */
const BIG_PROVINCE_HOST = NATIONAL_BIG_PROVINCE_HOST;
/** How deep the deep pages are (fewer when BENCH_ITEMS makes the province small). */
let DEEP = 10_000;
const ADMIN = { username: 'bench-admin', password: 'quan-tri-trung-uong-2026' };

// Words of the generated titles (bench/support/generate-items.ts), typed without diacritics.
const QUERIES = [
  'ke hoach',
  'chuyen doi so',
  'cai cach hanh chinh',
  'thong bao giao duc',
  'dau tu xay dung',
  'moi truong',
  'du lich van hoa',
  'bao hiem lao dong',
  'giao thong nam 2024',
  'dat dai',
];

interface Seeded {
  portals: number;
  provincePortals: number;
  provinceId: string;
  provinceItems: number;
  syndicated: number;
  propagation: Array<{ itemId: string; slug: string; targetHost: string }>;
}

async function seed(app: INestApplicationContext): Promise<Seeded> {
  const ds = app.get(DataSource);
  // The national dataset (bench/support/seed-national.ts): item g is published about 47 s before
  // item g - 1, every portal gets its share at every date, 5 % are shown on the parent portal.
  const { routing, portals, syndicated } = await seedNationalDataset(app, ds, {
    total: ITEMS,
    admin: { ...ADMIN, displayName: 'Bench admin' },
  });
  const root = routing.resolve(BIG_PROVINCE_HOST);
  if (root.type !== 'serve') throw new Error(`no ${BIG_PROVINCE_HOST}`);
  for (const table of ['content_items', 'content_revisions', 'syndications', 'categories', 'tenants'])
    await ds.query(`VACUUM ANALYZE ${table}`);

  const province = subtreeOf(routing, root.tenant);
  const [{ n: provinceItems }] = await ds.query(
    'SELECT count(*)::int AS n FROM content_items WHERE tenant_id = ANY($1::uuid[])',
    [province.map((t) => t.id)],
  );
  // Syndicated items of different portals, for the propagation measure.
  const propagation = (await ds.query(
    `SELECT DISTINCT ON (s.source_tenant_id) s.item_id AS "itemId", s.slug, t.primary_host::text AS "targetHost"
       FROM syndications s JOIN tenants t ON t.id = s.target_tenant_id
      ORDER BY s.source_tenant_id, s.placed_at DESC LIMIT 2000`,
  )) as Seeded['propagation'];
  return {
    portals,
    provincePortals: province.length,
    provinceId: root.tenant.id,
    provinceItems,
    syndicated,
    propagation: propagation
      .filter((_, i) => i % Math.floor(propagation.length / PROPAGATIONS) === 0)
      .slice(0, PROPAGATIONS),
  };
}

/** The cursor after the DEEP-th item of a subtree (everything when `portals` is null), newest first. */
async function deepCursor(ds: DataSource, portals: string[] | null): Promise<string> {
  const [row] = await ds.query(
    `SELECT published_at, id FROM content_items
      WHERE live_revision_id IS NOT NULL AND withdrawn_at IS NULL AND language = 'vi' ${portals ? 'AND tenant_id = ANY($1::uuid[])' : ''}
      ORDER BY published_at DESC, id DESC OFFSET ${DEEP - 1} LIMIT 1`,
    portals ? [portals] : [],
  );
  return encodeCursor([new Date(row.published_at).toISOString(), row.id]);
}

/** EXPLAIN (ANALYZE, BUFFERS) of the main statement a service call runs, condensed to its shape. */
async function explain(
  ds: DataSource,
  run: (service: SubtreeFeedService) => Promise<unknown>,
  routing: HostRoutingService,
): Promise<string[]> {
  const captured: Array<{ sql: string; params: unknown[] }> = [];
  const spy = {
    query: (sql: string, params?: unknown[]) => {
      captured.push({ sql, params: params ?? [] });
      return ds.query(sql, params);
    },
  } as unknown as DataSource;
  await run(new SubtreeFeedService(spy, routing));
  const out: string[] = [];
  // The statements that read items (not the copies' lookup).
  for (const c of captured.filter((x) => !/FROM syndications\s+WHERE item_id/.test(x.sql))) {
    const plan: Array<{ 'QUERY PLAN': string }> = await ds.query(
      `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${c.sql}`,
      c.params,
    );
    const lines = plan.map((r) => r['QUERY PLAN']);
    const shape = lines.filter(
      (l) => /->|^\S|Plan|CTE/.test(l) || /Buffers: shared/.test(l) || /Rows Removed by Filter/.test(l),
    );
    out.push(...shape.slice(0, 40), '');
  }
  return out;
}

export async function runFederationBench(): Promise<void> {
  const db = await benchDatabase();
  const rows: Array<[string, string]> = [];
  const plans: string[] = [];
  const app = await seedingContext(db.url);
  try {
    const t0 = performance.now();
    const data = await seed(app);
    rows.push([
      'dataset',
      `${num(ITEMS)} live items over ${num(data.portals)} portals, ${num(data.syndicated)} syndicated (${((100 * data.syndicated) / ITEMS).toFixed(1)} %); seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    ]);
    rows.push([
      'province',
      `${BIG_PROVINCE_HOST}: ${num(data.provincePortals)} portals, ${num(data.provinceItems)} items`,
    ]);
    const ds = app.get(DataSource);
    const routing = app.get(HostRoutingService);
    DEEP = Math.min(DEEP, Math.floor(data.provinceItems / 2));
    const provinceRoots = [routing.tenant(data.provinceId)!];
    const countryRoots = routing.roots();
    const provinceCursor = await deepCursor(
      ds,
      subtreeOf(routing, provinceRoots[0]).map((t) => t.id),
    );
    const countryCursor = await deepCursor(ds, null);

    // Plans of the statements behind the measured cases, run once in this process.
    const planOf = async (label: string, run: (s: SubtreeFeedService) => Promise<unknown>) => {
      await run(new SubtreeFeedService(ds, routing)); // warm
      plans.push(`== ${label}`, ...(await explain(ds, run, routing)));
    };
    await planOf(`feed, province, ${num(DEEP)} deep`, (s) =>
      s.page(provinceRoots, { first: 20, after: provinceCursor, language: 'vi' }),
    );
    await planOf(`feed, country, ${num(DEEP)} deep`, (s) =>
      s.page(countryRoots as RoutedTenant[], { first: 20, after: countryCursor, language: 'vi' }),
    );
    await planOf('search "ke hoach", province', (s) =>
      s.search(provinceRoots, 'ke hoach', { first: 20, language: 'vi' }),
    );
    await planOf('search "ke hoach", country', (s) =>
      s.search(countryRoots, 'ke hoach', { first: 20, language: 'vi' }),
    );
    await planOf('search "giao thong nam 2024", country', (s) =>
      s.search(countryRoots, 'giao thong nam 2024', { first: 20, language: 'vi' }),
    );

    const { child, port } = await startApi({ DATABASE_URL: db.url, RUN_JOBS: 'false' });
    try {
      const login = await post(
        port,
        BIG_PROVINCE_HOST,
        `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { __typename ... on AuthSession { accessToken } ... on InputError { errorCode } } }`,
        { variables: { u: ADMIN.username, p: ADMIN.password } },
      );
      const token = (JSON.parse(login.body).data.login as { accessToken?: string }).accessToken;
      if (!token) throw new Error(`login failed: ${login.body}`);
      const measure = async (queries: string[]) => {
        const times: number[] = [];
        for (const q of queries) times.push((await post(port, BIG_PROVINCE_HOST, q, { token })).ms);
        return { p50: pct(times, 50), p95: pct(times, 95) };
      };
      const feed = (scope: string, after: string | null) =>
        `{ subtreeFeed(filter: { ${scope}, first: 20${after ? `, after: "${after}"` : ''} }) { nodes { id title publishedAt portal { primaryHost } } pageInfo { endCursor hasNextPage } } }`;
      const province = `rootTenantId: "${data.provinceId}"`;
      const country = 'everywhere: true';
      const search = (scope: string, i: number) =>
        `{ subtreeSearch(query: "${QUERIES[i % QUERIES.length]}", ${scope}, first: 20) { id title publishedAt portal { primaryHost } } }`;
      // Sanity: the deep page is a full page, 10,000 items in.
      const check = JSON.parse(
        (await post(port, BIG_PROVINCE_HOST, feed(country, countryCursor), { token })).body,
      );
      if (check.data.subtreeFeed.nodes.length !== 20) throw new Error('the deep country page is not full');
      const cases: Array<[string, (i: number) => string, number]> = [
        [`feed first page, province (${data.provincePortals} portals)`, () => feed(province, null), 50],
        ['feed first page, country', () => feed(country, null), 50],
        [`feed ${num(DEEP)} deep, province`, () => feed(province, provinceCursor), 50],
        [`feed ${num(DEEP)} deep, country`, () => feed(country, countryCursor), 50],
        ['search, province', (i) => search(province, i), 200],
        ['search, country', (i) => search(country, i), 200],
      ];
      for (const [label, query, target] of cases) {
        await measure(Array.from({ length: 20 }, (_, i) => query(i))); // warm-up
        const l = await measure(Array.from({ length: SAMPLES }, (_, i) => query(i)));
        rows.push([
          label,
          `p50 ${l.p50.toFixed(1)} ms  p95 ${l.p95.toFixed(1)} ms  (target p95 < ${target} ms)  ${l.p95 < target ? 'OK' : 'MISSED'}`,
        ]);
      }

      // Propagation: a new revision published at the source, until the target's anonymous (cached)
      // publicItem shows it.
      const editorial = app.get(EditorialService);
      const sys = systemContext('bench');
      const EDIT = `mutation($id: String!, $i: RevisionInput!) { editContent(itemId: $id, input: $i) { __typename ... on InputError { errorCode field } } }`;
      const ITEM = `query($s: String!) { publicItem(slug: $s) { id revisionNumber bodyHtml } }`;
      const revisionOn = async (host: string, slug: string) =>
        (
          JSON.parse((await post(port, host, ITEM, { variables: { s: slug } })).body).data.publicItem as {
            revisionNumber: number;
          } | null
        )?.revisionNumber ?? null;
      const lags: number[] = [];
      const afterCommit: number[] = [];
      for (const p of data.propagation) {
        // The copy is in the target's response cache before the source changes.
        if ((await revisionOn(p.targetHost, p.slug)) !== 1)
          throw new Error(`copy ${p.slug} not shown on ${p.targetHost}`);
        await revisionOn(p.targetHost, p.slug);
        // The new revision is written over the api (as the platform administrator), then taken
        // through the workflow here (as the e2e tests do).
        const edited = JSON.parse(
          (
            await post(port, p.targetHost, EDIT, {
              token,
              variables: {
                id: p.itemId,
                i: {
                  title: `Cập nhật kế hoạch ${p.slug}`,
                  bodyHtml: '<p>Nội dung đã cập nhật.</p>',
                  authorName: 'Ban biên tập',
                  source: 'Cổng thông tin',
                },
              },
            })
          ).body,
        ).data.editContent as { __typename: string; errorCode?: string };
        if (edited.__typename !== 'ContentItem') throw new Error(`edit: ${edited.errorCode}`);
        for (const a of [WorkflowAction.SUBMIT, WorkflowAction.TAKE_FOR_REVIEW, WorkflowAction.APPROVE]) {
          const r = await editorial.transition(sys, p.itemId, a);
          if (!r.ok) throw new Error(`${a}: ${r.error.code}`);
        }
        const start = performance.now();
        const published = await editorial.transition(sys, p.itemId, WorkflowAction.PUBLISH);
        if (!published.ok) throw new Error(`PUBLISH: ${published.error.code}`);
        const committed = performance.now();
        for (;;) {
          if ((await revisionOn(p.targetHost, p.slug)) === 2) break;
          if (performance.now() - start > 10_000) throw new Error(`copy ${p.slug} still stale after 10 s`);
          await new Promise((r) => setTimeout(r, 5));
        }
        const seen = performance.now();
        lags.push(seen - start);
        afterCommit.push(seen - committed);
      }
      const max = (xs: number[]) => Math.max(...xs);
      rows.push([
        `propagation, ${lags.length} items (publish call → copy shown)`,
        `p50 ${pct(lags, 50).toFixed(1)} ms  max ${max(lags).toFixed(1)} ms  (target < 1,000 ms)  ${max(lags) < 1000 ? 'OK' : 'MISSED'}`,
      ]);
      rows.push([
        'propagation after the publish commits',
        `p50 ${pct(afterCommit, 50).toFixed(1)} ms  max ${max(afterCommit).toFixed(1)} ms`,
      ]);
    } finally {
      child.kill('SIGTERM');
    }
  } finally {
    await app.close();
    await db.drop();
  }
  printTable('federation benchmark', rows);
  process.stdout.write(`\nplans (EXPLAIN ANALYZE, BUFFERS)\n\n${plans.join('\n')}\n`);
}
