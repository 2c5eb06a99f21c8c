import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { DataSource } from 'typeorm';
import { encodeCursor } from '../../libs/platform/src';
import { pct, startApi } from '../support/api-client';
import { benchDatabase } from '../support/bench-database';
import { generateItems } from '../support/generate-items';
import { num, printTable } from '../support/report';
import { applyTree, benchAccount, newsSections, seedingContext } from '../support/seed-tree';
import { generateNationalTree } from '../tenancy/national-tree';
import { formatScores, lighthouseScores } from './lighthouse';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 2_000_000);
const BIG_CATEGORY_ITEMS = Math.min(300_000, Math.floor(ITEMS / 5));
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
/** `BENCH_LIGHTHOUSE=false` leaves out the Lighthouse runs (a machine without chromium). */
const LIGHTHOUSE = process.env.BENCH_LIGHTHOUSE !== 'false';

/** Searches people type, with and without diacritics; two are words only the bodies carry. */
const QUERIES = [
  'ke hoach',
  'chuyển đổi số',
  'cai cach hanh chinh',
  'thong bao giao duc',
  'đầu tư xây dựng',
  'moi truong',
  'noi dung du lich',
  'tom tat bao hiem',
];
const ISSUERS = ['Ủy ban nhân dân', 'uy ban nhan dan tinh', 'Sở Tư pháp', 'so tai chinh'];

/** One GET of a page with a Host header: its status, bytes and time. */
function getPage(
  port: number,
  host: string,
  path: string,
): Promise<{ status: number; body: Buffer; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), ms: performance.now() - t0 }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

async function latencies(
  port: number,
  cases: Array<{ host: string; path: string }>,
): Promise<{ p50: number; p95: number; bad: number }> {
  const times: number[] = [];
  let bad = 0;
  for (const c of cases) {
    const r = await getPage(port, c.host, c.path);
    if (r.status !== 200) bad++;
    times.push(r.ms);
  }
  return { p50: pct(times, 50), p95: pct(times, 95), bad };
}

interface SiteData {
  hosts: string[];
  bigHost: string;
  bigCategory: string;
  slugs: Array<{ host: string; slug: string }>;
}

/**
 * The content benchmark's dataset (national tree, `ITEMS` news items, one province's news section
 * holding `BIG_CATEGORY_ITEMS`), with every 50th item of that province turned into a legal
 * document (in its documents section, with form, issuer, number and issue date), so that the
 * legal-document search page has a large set to filter.
 */
async function seed(url: string): Promise<SiteData> {
  const app = await seedingContext(url);
  try {
    await applyTree(app, generateNationalTree());
    const authorId = await benchAccount(app, 'tinh01.gov.vn', {
      username: 'bench-author',
      displayName: 'Bench',
      password: 'bench-password-long',
    });
    const ds = app.get(DataSource);
    const sections = await newsSections(ds);
    const [{ big_tenant, big_category, big_host }] = await ds.query(
      `SELECT tenant_id AS big_tenant, category_id AS big_category, host AS big_host FROM bench_sections WHERE host = 'tinh01.gov.vn'`,
    );
    const [{ docs }] = await ds.query(
      `SELECT id AS docs FROM categories WHERE tenant_id = $1 AND slug = 'van-ban'`,
      [big_tenant],
    );
    await generateItems(ds, {
      total: ITEMS,
      authorId,
      select: (from, to) => ({
        sql: `SELECT g, gen_random_uuid() AS item_id, gen_random_uuid() AS rev_id,
                     CASE WHEN g <= $3 THEN $4::uuid ELSE s.tenant_id END AS tenant_id,
                     CASE WHEN g <= $3 AND g % 50 = 0 THEN $7::uuid WHEN g <= $3 THEN $5::uuid ELSE s.category_id END AS category_id,
                     CASE WHEN g <= $3 AND g % 50 = 0 THEN 'LEGAL_DOCUMENT' ELSE 'NEWS' END AS kind,
                     timestamptz '2026-11-01' - make_interval(secs => g) AS published_at,
                     g % 997 = 0 AS pinned
                FROM generate_series($1::int, $2::int) g JOIN bench_sections s ON s.n = g % $6`,
        params: [from, to, BIG_CATEGORY_ITEMS, big_tenant, big_category, sections, docs],
      }),
    });
    await ds.query(
      `UPDATE content_revisions r SET fields = jsonb_build_object(
          'form', (ARRAY['QUYET_DINH','KE_HOACH','CONG_VAN','THONG_BAO'])[1 + n % 4],
          'issuer', (ARRAY['Ủy ban nhân dân Tỉnh','Sở Tư pháp','Sở Tài chính','Ủy ban nhân dân phường'])[1 + n % 4],
          'number', n || '/' || (2000 + n % 27) || '/QĐ-UBND',
          'issueDate', to_char(date '2026-11-01' - (n % 3000), 'YYYY-MM-DD'),
          'excerpt', r.title, 'field', 'Hành chính')
         FROM (SELECT i.id, substr(i.slug, 5)::int AS n FROM content_items i WHERE i.kind = 'LEGAL_DOCUMENT') d
        WHERE r.item_id = d.id`,
    );
    await ds.query('VACUUM ANALYZE content_items');
    await ds.query('VACUUM ANALYZE content_revisions');
    const hosts: string[] = (await ds.query('SELECT host FROM bench_sections ORDER BY n')).map(
      (r: { host: string }) => r.host,
    );
    const slugs = (await ds.query(
      `SELECT i.slug, t.primary_host::text AS host FROM content_items i TABLESAMPLE SYSTEM (5) JOIN tenants t ON t.id = i.tenant_id WHERE i.kind = 'NEWS' LIMIT ${SAMPLES}`,
    )) as Array<{ host: string; slug: string }>;
    return { hosts, bigHost: big_host, bigCategory: big_category, slugs };
  } finally {
    await app.close();
  }
}

/**
 * Lighthouse's four scores of the home and article pages, mobile and desktop, as a browser gets
 * them from the api as deployed (response cache on), at the portal's development host name
 * (chromium resolves `*.localhost` to this machine). A run that fails is reported, not fatal.
 */
async function lighthouseRows(env: NodeJS.ProcessEnv, data: SiteData): Promise<Array<[string, string]>> {
  const rows: Array<[string, string]> = [];
  const { child, port } = await startApi({ ...env, RESPONSE_CACHE: 'true', DEV_HOST_SUFFIX: 'localhost' });
  try {
    const local = (host: string) => host.replace(/\.gov\.vn$/, '.localhost');
    const article = data.slugs[0];
    const pages = [
      { name: 'home page', host: local(data.bigHost), path: '/' },
      { name: 'article', host: local(article.host), path: `/bai-viet/${article.slug}` },
    ];
    for (const page of pages) {
      const first = await getPage(port, page.host, page.path); // and into the cache
      for (const formFactor of ['mobile', 'desktop'] as const) {
        let result: string;
        try {
          if (first.status !== 200) throw new Error(`the page answered ${first.status}`);
          result = formatScores(
            await lighthouseScores(`http://${page.host}:${port}${page.path}`, formFactor),
          );
        } catch (e) {
          result = `not measured: ${(e as Error).message.slice(0, 300)}`;
        }
        rows.push([`Lighthouse, ${page.name}, ${formFactor}`, result]);
      }
    }
  } finally {
    child.kill('SIGTERM');
  }
  return rows;
}

function startBare(file: string): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const b = spawn(process.execPath, [join(__dirname, 'bare-html-server.js'), file], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    b.stdout!.on('data', (c: Buffer) => {
      const m = /READY (\d+)/.exec(c.toString());
      if (m) resolve({ child: b, port: Number(m[1]) });
    });
    b.on('exit', (code) => reject(new Error(`bare exited ${code}`)));
  });
}

/**
 * `npm run bench -- site`: the public website's pages (server-rendered HTML), uncached p50/p95 of
 * the home page, a category page 5,000 items deep, an article, the search page and the legal
 * document search page; then the cached home page's throughput next to a bare node:http server
 * sending the same bytes, each in its own process, in the same run; then Lighthouse's scores of the
 * home and article pages, mobile and desktop.
 */
export async function runSiteBench(): Promise<void> {
  const db = await benchDatabase();
  const rows: Array<[string, string]> = [];
  try {
    const t0 = performance.now();
    const data = await seed(db.url);
    rows.push([
      'dataset',
      `${num(ITEMS)} published items over ${num(data.hosts.length)} portals (${num(BIG_CATEGORY_ITEMS)} in one section); seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    ]);
    const probe = new DataSource({ type: 'postgres', url: db.url });
    await probe.initialize();
    const [deep] = await probe.query(
      `SELECT published_at, id FROM content_items WHERE category_id = $1 AND live_revision_id IS NOT NULL AND withdrawn_at IS NULL ORDER BY published_at DESC, id DESC OFFSET 4999 LIMIT 1`,
      [data.bigCategory],
    );
    await probe.destroy();
    const cursor = encodeURIComponent(encodeCursor([new Date(deep.published_at).toISOString(), deep.id]));
    const pick = <T>(xs: T[], i: number) => xs[(i * 7919) % xs.length];
    const cases = {
      home: Array.from({ length: SAMPLES }, (_, i) => ({ host: pick(data.hosts, i), path: '/' })),
      category: Array.from({ length: SAMPLES }, () => ({
        host: data.bigHost,
        path: `/chuyen-muc/tin-tuc-su-kien?after=${cursor}`,
      })),
      article: data.slugs.map((s) => ({ host: s.host, path: `/bai-viet/${s.slug}` })),
      search: Array.from({ length: SAMPLES }, (_, i) => ({
        host: i % 3 === 0 ? data.bigHost : pick(data.hosts, i),
        path: `/tim-kiem?q=${encodeURIComponent(QUERIES[i % QUERIES.length])}`,
      })),
      legal: Array.from({ length: SAMPLES }, (_, i) => ({
        host: data.bigHost,
        path:
          i % 2
            ? `/van-ban?issuer=${encodeURIComponent(ISSUERS[i % ISSUERS.length])}`
            : `/van-ban?form=KE_HOACH&issuedFrom=2020-01-01`,
      })),
    };
    const env = { DATABASE_URL: db.url, RUN_JOBS: 'false' };
    {
      const { child, port } = await startApi({ ...env, RESPONSE_CACHE: 'false' });
      try {
        await latencies(port, cases.home.slice(0, 30)); // JIT warm-up
        for (const [name, list, target] of [
          ['home page', cases.home, 30],
          ['category page, 5,000 items in', cases.category, 30],
          ['article', cases.article, 30],
          ['search page', cases.search, 150],
          // A search too (issuer and number match as contained text, diacritics folded): the
          // search target applies, not the plain pages' one.
          ['legal-document search page', cases.legal, 150],
        ] as const) {
          const l = await latencies(port, list);
          rows.push([
            `${name}, uncached`,
            `p50 ${l.p50.toFixed(1)} ms  p95 ${l.p95.toFixed(1)} ms  (target p95 < ${target} ms)  ${l.p95 < target ? 'OK' : 'MISSED'}${l.bad ? `  ${l.bad} non-200` : ''}`,
          ]);
        }
      } finally {
        child.kill('SIGTERM');
      }
    }
    {
      const { child, port } = await startApi({ ...env, RESPONSE_CACHE: 'true' });
      const hosts = data.hosts.slice(0, 200);
      const bodies: Record<string, string> = {};
      try {
        for (const h of hosts) bodies[h] = (await getPage(port, h, '/')).body.toString('utf8');
        let i = 0;
        const load = (p: number) =>
          autocannon({
            url: `http://127.0.0.1:${p}`,
            connections: CONNECTIONS,
            duration: DURATION,
            requests: [
              {
                method: 'GET',
                path: '/',
                setupRequest: (req: autocannon.Request) => ({
                  ...req,
                  headers: { ...req.headers, host: hosts[i++ % hosts.length] },
                }),
              },
            ],
          });
        const api = await load(port);
        child.kill('SIGTERM');
        const file = join(mkdtempSync(join(tmpdir(), 'portal-bench-')), 'pages.json');
        writeFileSync(file, JSON.stringify(bodies));
        const bare = await startBare(file);
        const bareResult = await load(bare.port);
        bare.child.kill('SIGTERM');
        const size = Buffer.byteLength(bodies[hosts[0]]);
        rows.push([
          'home page throughput, cached api',
          `${num(api.requests.average)} req/s  p99 ${api.latency.p99} ms  (${api.non2xx} non-2xx; ${num(size)} bytes)`,
        ]);
        rows.push([
          'bare node:http, same bytes',
          `${num(bareResult.requests.average)} req/s  p99 ${bareResult.latency.p99} ms`,
        ]);
        const ratio = api.requests.average / bareResult.requests.average;
        rows.push([
          'ratio cached api / bare',
          `${(ratio * 100).toFixed(1)} %  (target >= 60 %)  ${ratio >= 0.6 ? 'OK' : 'MISSED'}`,
        ]);
      } finally {
        child.kill('SIGTERM');
      }
    }
    if (LIGHTHOUSE) rows.push(...(await lighthouseRows(env, data)));
  } finally {
    await db.drop();
  }
  printTable('site benchmark', rows);
}
