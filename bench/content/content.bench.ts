import 'reflect-metadata';
import { spawn, ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { DataSource } from 'typeorm';
import { encodeCursor } from '../../libs/platform/src';
import { post, pct, startApi } from '../support/api-client';
import { benchDatabase } from '../support/bench-database';
import { generateItems } from '../support/generate-items';
import { num, printTable } from '../support/report';
import { applyTree, benchAccount, newsSections, seedingContext } from '../support/seed-tree';
import { generateNationalTree } from '../tenancy/national-tree';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 2_000_000);
const BIG_CATEGORY_ITEMS = Math.min(300_000, Math.floor(ITEMS / 5));
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);

const QUERIES = [
  'ke hoach',
  'chuyển đổi số',
  'cai cach hanh chinh',
  'thong bao giao duc',
  'đầu tư xây dựng',
  'moi truong',
  'du lich van hoa',
  'bao hiem lao dong',
];

async function latencies(
  port: number,
  cases: Array<{ host: string; query: string }>,
): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (const c of cases) times.push((await post(port, c.host, c.query)).ms);
  return { p50: pct(times, 50), p95: pct(times, 95) };
}

async function seed(url: string): Promise<{
  hosts: string[];
  bigHost: string;
  bigCategory: string;
  slugs: Array<{ host: string; slug: string }>;
}> {
  const app = await seedingContext(url);
  try {
    await applyTree(app, generateNationalTree());
    const authorId = await benchAccount(app, 'tinh01.gov.vn', {
      username: 'bench-author',
      displayName: 'Bench',
      password: 'bench-password-long',
    });
    const ds = app.get(DataSource);
    // Items of every portal go to its news section; one portal's news section holds a large share.
    const sections = await newsSections(ds);
    const [{ big_tenant, big_category, big_host }] = await ds.query(
      `SELECT tenant_id AS big_tenant, category_id AS big_category, host AS big_host FROM bench_sections WHERE host = 'tinh01.gov.vn'`,
    );
    await generateItems(ds, {
      total: ITEMS,
      authorId,
      select: (from, to) => ({
        sql: `SELECT g, gen_random_uuid() AS item_id, gen_random_uuid() AS rev_id,
                     CASE WHEN g <= $3 THEN $4::uuid ELSE s.tenant_id END AS tenant_id,
                     CASE WHEN g <= $3 THEN $5::uuid ELSE s.category_id END AS category_id,
                     'NEWS' AS kind, timestamptz '2026-11-01' - make_interval(secs => g) AS published_at,
                     g % 997 = 0 AS pinned
                FROM generate_series($1::int, $2::int) g JOIN bench_sections s ON s.n = g % $6`,
        params: [from, to, BIG_CATEGORY_ITEMS, big_tenant, big_category, sections],
      }),
    });
    await ds.query('VACUUM ANALYZE content_items');
    await ds.query('VACUUM ANALYZE content_revisions');
    const hosts: string[] = (await ds.query('SELECT host FROM bench_sections ORDER BY n')).map(
      (r: { host: string }) => r.host,
    );
    const slugs = (await ds.query(
      `SELECT i.slug, t.primary_host::text AS host FROM content_items i TABLESAMPLE SYSTEM (5) JOIN tenants t ON t.id = i.tenant_id LIMIT ${SAMPLES}`,
    )) as Array<{ host: string; slug: string }>;
    return { hosts, bigHost: big_host, bigCategory: big_category, slugs };
  } finally {
    await app.close();
  }
}

export async function runContentBench(): Promise<void> {
  const db = await benchDatabase();
  const rows: Array<[string, string]> = [];
  try {
    const t0 = performance.now();
    const data = await seed(db.url);
    rows.push([
      'dataset',
      `${num(ITEMS)} published items over ${num(data.hosts.length)} portals (${num(BIG_CATEGORY_ITEMS)} in one section); seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    ]);
    // The cursor 5,000 items into the big section, as a client would hold it after 50 pages of 100.
    const probe = new DataSource({ type: 'postgres', url: db.url });
    await probe.initialize();
    const [deep] = await probe.query(
      `SELECT published_at, id FROM content_items WHERE category_id = $1 AND live_revision_id IS NOT NULL AND withdrawn_at IS NULL ORDER BY published_at DESC, id DESC OFFSET 4999 LIMIT 1`,
      [data.bigCategory],
    );
    await probe.destroy();
    const cursor = encodeCursor([new Date(deep.published_at).toISOString(), deep.id]);
    const pick = <T>(xs: T[], i: number) => xs[(i * 7919) % xs.length];
    const homeCases = Array.from({ length: SAMPLES }, (_, i) => ({
      host: pick(data.hosts, i),
      query:
        '{ homePage { pinned { title } sections { category { name } items { title slug publishedAt } } } }',
    }));
    const deepCases = Array.from({ length: SAMPLES }, () => ({
      host: data.bigHost,
      query: `{ publicItems(filter: { categoryId: "${data.bigCategory}", first: 20, after: "${cursor}" }) { nodes { title slug } pageInfo { endCursor } } }`,
    }));
    const slugCases = data.slugs.map((s) => ({
      host: s.host,
      query: `{ publicItem(slug: "${s.slug}") { title bodyHtml authorName source publishedAt } }`,
    }));
    const searchCases = Array.from({ length: SAMPLES }, (_, i) => ({
      host: i % 3 === 0 ? data.bigHost : pick(data.hosts, i),
      query: `{ search(query: "${QUERIES[i % QUERIES.length]}", first: 20) { title slug } }`,
    }));

    const env = { DATABASE_URL: db.url, RUN_JOBS: 'false' };
    for (const cached of [false, true]) {
      const { child, port } = await startApi({ ...env, RESPONSE_CACHE: String(cached) });
      try {
        await latencies(port, homeCases.slice(0, 30)); // JIT warm-up
        const label = cached ? 'cached' : 'uncached';
        for (const [name, cases, target] of [
          ['home page', homeCases, 30],
          ['category page, 5,000 items in', deepCases, 30],
          ['item by slug', slugCases, 30],
          ['full-text search', searchCases, 150],
        ] as const) {
          // Cached: fill the cache for this group just before measuring it (entries live 60 s).
          if (cached) for (const c of cases) await post(port, c.host, c.query);
          const l = await latencies(port, cases);
          const check = cached ? '' : `  (target p95 < ${target} ms)  ${l.p95 < target ? 'OK' : 'MISSED'}`;
          rows.push([`${name}, ${label}`, `p50 ${l.p50.toFixed(1)} ms  p95 ${l.p95.toFixed(1)} ms${check}`]);
        }
        if (cached) {
          // Throughput of the cached home page next to a bare node:http server answering the same bytes.
          const bodies: Record<string, string> = {};
          for (const h of data.hosts.slice(0, 200))
            bodies[h] = (await post(port, h, homeCases[0].query)).body;
          let i = 0;
          const load = (p: number) =>
            autocannon({
              url: `http://127.0.0.1:${p}`,
              connections: 20,
              duration: DURATION,
              requests: [
                {
                  method: 'POST',
                  path: '/graphql',
                  headers: { 'content-type': 'application/json' },
                  body: JSON.stringify({ query: homeCases[0].query }),
                  setupRequest: (req: autocannon.Request) => ({
                    ...req,
                    headers: { ...req.headers, host: data.hosts[i++ % 200] },
                  }),
                },
              ],
            });
          const api = await load(port);
          child.kill('SIGTERM');
          const file = join(mkdtempSync(join(tmpdir(), 'portal-bench-')), 'bodies.json');
          writeFileSync(file, JSON.stringify(bodies));
          const bare = await new Promise<{ child: ChildProcess; port: number }>((resolve, reject) => {
            const b = spawn(process.execPath, [join(__dirname, '..', 'tenancy', 'bare-server.js'), file], {
              stdio: ['ignore', 'pipe', 'inherit'],
            });
            b.stdout!.on('data', (c: Buffer) => {
              const m = /READY (\d+)/.exec(c.toString());
              if (m) resolve({ child: b, port: Number(m[1]) });
            });
            b.on('exit', (code) => reject(new Error(`bare exited ${code}`)));
          });
          const bareResult = await load(bare.port);
          bare.child.kill('SIGTERM');
          rows.push([
            'home page throughput, cached api',
            `${num(api.requests.average)} req/s  p99 ${api.latency.p99} ms  (${api.non2xx} non-2xx)`,
          ]);
          rows.push([
            'bare node:http, same bytes',
            `${num(bareResult.requests.average)} req/s  p99 ${bareResult.latency.p99} ms`,
          ]);
          const ratio = api.requests.average / bareResult.requests.average;
          rows.push([
            'ratio cached api / bare',
            `${(ratio * 100).toFixed(1)} %  (target >= 50 %)  ${ratio >= 0.5 ? 'OK' : 'MISSED'}`,
          ]);
        }
      } finally {
        child.kill('SIGTERM');
      }
    }
  } finally {
    await db.drop();
  }
  printTable('content benchmark', rows);
}
