import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadAppConfig } from '../../libs/platform/src';
import { graphqlPost as raw, pct, post, startApi } from '../support/api-client';
import { benchDatabase } from '../support/bench-database';
import { generateItems } from '../support/generate-items';
import { num, printTable } from '../support/report';
import { applyTree, benchAccount, newsSections, seedingContext } from '../support/seed-tree';
import { generateNationalTree } from '../tenancy/national-tree';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);
const FLOOD = Number(process.env.BENCH_FLOOD ?? 10_000);
/**
 * Connections of the flooding address. With the tarpit (PUBLIC_WRITES_REFUSAL_DELAY_MS, 1 s by
 * default) each connection gets about one answer a second, so 200 connections send the 10,000
 * requests in about 50 s.
 */
const FLOOD_CONNECTIONS = Number(process.env.BENCH_FLOOD_CONNECTIONS ?? 200);
/** Requests per second of the flood; 0 (the default) is as fast as the server answers. */
const FLOOD_RATE = Number(process.env.BENCH_FLOOD_RATE ?? 0);
/** How often another citizen asks portal A or B, with and without the flood. */
const LEGIT_EVERY_MS = 250;
/** Length of each phase without the flood, before and after it. */
const QUIET_SECONDS = Number(process.env.BENCH_QUIET_SECONDS ?? 20);
const ADDRESSES = 100_000;
const ITEMS = Number(process.env.BENCH_ITEMS ?? 40_000);
/** Portal A (flooded) and portal B (read), in different provinces. */
const HOST_A = 'tinh01.gov.vn';
const HOST_B = 'tinh02.gov.vn';

const ASK = `mutation($i: AskQuestionInput!) { askQuestion(input: $i) { __typename ... on QuestionReceipt { trackingCode } ... on InputError { errorCode field } } }`;
const HOME =
  '{ homePage { pinned { title } sections { category { name } items { title slug publishedAt } } } }';

const askInput = (n: number) => ({
  type: 'QUESTION',
  name: 'Trần Thị Bình',
  email: `binh${n}@example.vn`,
  topic: 'Hộ tịch',
  text: `Xin hỏi thủ tục đăng ký khai sinh cho con, câu hỏi số ${n}.`,
  proof: { website: '' },
});

interface LoadResult {
  requests: number;
  total: number;
  sent: number;
  p50: number;
  p99: number;
  non2xx: number;
  ok: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  seconds: number;
}

/** Starts the load generator in its own process; `started` resolves when it sends, `done` with its figures. */
function load(options: {
  port: number;
  hosts: string[];
  addresses: string[] | number;
  connections: number;
  amount?: number;
  duration?: number;
  overallRate?: number;
}): { started: Promise<void>; done: Promise<LoadResult> } {
  const child = spawn(
    process.execPath,
    [join(__dirname, 'flood-client.js'), JSON.stringify({ ...options, query: ASK })],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  let onStart!: () => void;
  const started = new Promise<void>((r) => (onStart = r));
  const done = new Promise<LoadResult>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('STARTED')) onStart();
      const m = /RESULT (.*)\n/.exec(out);
      if (m) resolve(JSON.parse(m[1]) as LoadResult);
    });
    child.on('exit', (code) => {
      onStart();
      if (code !== 0) reject(new Error(`load generator exited with ${code}`));
    });
  });
  return { started, done };
}

async function seed(url: string): Promise<{ hosts: string[] }> {
  const app = await seedingContext(url);
  try {
    await applyTree(app, generateNationalTree(4));
    const authorId = await benchAccount(app, HOST_A, {
      username: 'bench-author',
      displayName: 'Bench',
      password: 'bench-password-long',
    });
    const ds = app.get(DataSource);
    // Some published news on every portal, so that the home page read is a real one.
    const sections = await newsSections(ds);
    await generateItems(ds, {
      total: ITEMS,
      authorId,
      select: (from, to) => ({
        sql: `SELECT g, gen_random_uuid() AS item_id, gen_random_uuid() AS rev_id, s.tenant_id, s.category_id,
                     'NEWS' AS kind, timestamptz '2026-11-01' - make_interval(secs => g * 60) AS published_at,
                     g % 997 = 0 AS pinned
                FROM generate_series($1::int, $2::int) g JOIN bench_sections s ON s.n = g % $3`,
        params: [from, to, sections],
      }),
    });
    await ds.query('VACUUM ANALYZE content_items');
    await ds.query('VACUUM ANALYZE content_revisions');
    const hosts = (await ds.query('SELECT host FROM bench_sections ORDER BY n')).map(
      (r: { host: string }) => r.host,
    ) as string[];
    return { hosts };
  } finally {
    await app.close();
  }
}

export async function runEngagementBench(): Promise<void> {
  const db = await benchDatabase();
  const rows: Array<[string, string]> = [];
  const sql = new Client({ connectionString: db.url });
  try {
    const t0 = performance.now();
    const { hosts } = await seed(db.url);
    rows.push([
      'dataset',
      `${num(hosts.length)} portals (4 provinces), ${num(ITEMS)} published items; seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    ]);
    await sql.connect();
    const count = async (where = 'TRUE', params: unknown[] = []) =>
      Number((await sql.query(`SELECT count(*)::int AS n FROM questions WHERE ${where}`, params)).rows[0].n);
    // Rows once the writes still in flight when a load stops have committed (two equal counts).
    const settled = async () => {
      for (let last = -1; ;) {
        const now = await count();
        if (now === last) return now;
        last = now;
        await new Promise((r) => setTimeout(r, 300));
      }
    };
    const tenantOf = async (host: string) =>
      String((await sql.query('SELECT id FROM tenants WHERE primary_host = $1', [host])).rows[0].id);
    const [tenantA, tenantB] = [await tenantOf(HOST_A), await tenantOf(HOST_B)];

    // 1. Sustained submissions: citizens from 100,000 addresses, limits raised out of the way.
    {
      const { child, port } = await startApi({
        DATABASE_URL: db.url,
        RUN_JOBS: 'false',
        TRUST_PROXY: 'true',
        PUBLIC_WRITES_PER_PORTAL: '100000000',
      });
      try {
        // Warm-up (JIT, connection pool).
        await load({
          port,
          hosts: [HOST_B],
          addresses: ['198.51.100.1', '198.51.100.2'],
          connections: 2,
          amount: 20,
        }).done;
        for (const [label, targets] of [
          ['one portal', [HOST_A]],
          [`spread over ${num(hosts.length)} portals`, hosts],
        ] as const) {
          const before = await count();
          const r = await load({
            port,
            hosts: [...targets],
            addresses: ADDRESSES,
            connections: CONNECTIONS,
            duration: DURATION,
          }).done;
          const stored = (await settled()) - before;
          rows.push([
            `submissions, ${label}`,
            `${num(r.requests)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  (${num(r.total)} answered: ${num(r.ok)} 2xx, ${num(r.non2xx)} non-2xx; ${r.errors} errors)`,
          ]);
          // autocannon stops with up to one request per connection unanswered; the api still stores it.
          rows.push([
            `  rows stored = sent`,
            `${num(stored)} = ${num(r.sent)} (${num(r.ok)} answered 2xx + ${num(r.sent - r.total)} in flight at the stop)  ${stored === r.sent && r.ok === r.total ? 'OK' : 'MISSED'}`,
          ]);
        }
      } finally {
        child.kill('SIGTERM');
      }
    }

    // 2. One address floods portal A with the default limits while portal B is read.
    const { child, port } = await startApi({ DATABASE_URL: db.url, RUN_JOBS: 'false', TRUST_PROXY: 'true' });
    try {
      const perAddress = loadAppConfig({ ...process.env, JWT_SECRET: 'b'.repeat(48), DATABASE_URL: db.url })
        .publicWrites.perAddress;
      const read = async (cached: boolean, i: number) =>
        // An operation name of its own: a new cache key each time (unused variables no longer are).
        (await post(port, HOST_B, cached ? HOME : `query Sample${i < 0 ? `M${-i}` : i} ${HOME}`)).ms;
      // Warm-up (JIT, the pool, the cache entry).
      for (let i = 0; i < 500; i++) await read(true, i);
      for (let i = 0; i < 100; i++) await read(false, -i);
      let flooder = 0;
      let legit = 0;
      for (const cached of [true, false]) {
        const kind = cached ? 'cached' : 'uncached';
        let n = cached ? 1_000 : 100_000;
        // Warm up first (the first reads fill the cache and the JIT), so that "no flood" is the
        // steady state the flood is compared with.
        for (let i = 0; i < SAMPLES; i++) await read(cached, n++);

        // Portal B is read in a loop for a phase; other citizens ask portal A and B in turn, one
        // question every LEGIT_EVERY_MS (paced by time, so that they stay within the portals' own
        // limits however long a phase lasts). The phases without the flood carry the same
        // citizens' questions as the flood's, so that the flood is the only difference.
        const others: string[] = [];
        const phase = async (until: () => boolean): Promise<number[]> => {
          const samples: number[] = [];
          let nextLegit = performance.now() + LEGIT_EVERY_MS / 2;
          while (!until()) {
            const ms = await read(cached, n++);
            if (!until()) samples.push(ms);
            if (performance.now() >= nextLegit && !until()) {
              nextLegit += LEGIT_EVERY_MS;
              const r = await raw(
                port,
                others.length % 2 === 0 ? HOST_A : HOST_B,
                { query: ASK, variables: { i: askInput(++legit) } },
                { 'x-forwarded-for': `172.16.${legit >> 8}.${legit & 255}` },
              );
              others.push(
                r.status === 200 && JSON.parse(r.body).data?.askQuestion?.__typename === 'QuestionReceipt'
                  ? 'ok'
                  : `${r.status} ${r.body.slice(0, 200)}`,
              );
            }
          }
          return samples;
        };
        const forSeconds = (seconds: number) => {
          const end = performance.now() + seconds * 1000;
          return () => performance.now() >= end;
        };

        const beforeA = await count('tenant_id = $1', [tenantA]);
        const beforeB = await count('tenant_id = $1', [tenantB]);
        const baseline = await phase(forSeconds(QUIET_SECONDS));
        const address = `203.0.113.${++flooder}`;
        const flood = load({
          port,
          hosts: [HOST_A],
          addresses: [address],
          connections: FLOOD_CONNECTIONS,
          amount: FLOOD,
          ...(FLOOD_RATE ? { overallRate: FLOOD_RATE } : {}),
        });
        let finished = false;
        const floodDone = flood.done.finally(() => (finished = true));
        await flood.started;
        const floodStart = performance.now();
        const during = await phase(() => finished);
        const floodMs = performance.now() - floodStart;
        const f = await floodDone;
        const after = await phase(forSeconds(QUIET_SECONDS));
        const storedA = (await count('tenant_id = $1', [tenantA])) - beforeA;
        const storedB = (await count('tenant_id = $1', [tenantB])) - beforeB;
        const legitA = others.filter((_, i) => i % 2 === 0).filter((o) => o === 'ok').length;
        const legitB = others.filter((_, i) => i % 2 === 1).filter((o) => o === 'ok').length;

        // "Without the flood" is sampled on both sides of it, for as long each, and pooled: the
        // machine drifts over a run (other processes, the JIT, the database's caches), and a
        // baseline taken on one side only carries that drift into the ratio. Each side's own
        // ratio is printed too.
        const without = [...baseline, ...after];
        const w95 = pct(without, 95);
        const d95 = pct(during, 95);
        const ratio = d95 / w95;
        const line = (label: string, xs: number[]) =>
          rows.push([
            `portal B homePage, ${kind}, ${label} (${num(xs.length)})`,
            `p50 ${pct(xs, 50).toFixed(2)} ms  p95 ${pct(xs, 95).toFixed(2)} ms  p99 ${pct(xs, 99).toFixed(2)} ms`,
          ]);
        line(`no flood, ${QUIET_SECONDS} s before`, baseline);
        line('during flood', during);
        line(`no flood, ${QUIET_SECONDS} s after`, after);
        rows.push([
          `  ratio p95 during / without (${kind})`,
          `${ratio.toFixed(2)}  (target <= 1.20)  ${ratio <= 1.2 ? 'OK' : 'MISSED'}  (before alone ${(d95 / pct(baseline, 95)).toFixed(2)}, after alone ${(d95 / pct(after, 95)).toFixed(2)})`,
        ]);
        rows.push([
          `  flood ${address} → A`,
          `${num(f.total)} sent in ${(floodMs / 1000).toFixed(2)} s (${num(f.requests)} req/s, ${FLOOD_CONNECTIONS} conn${FLOOD_RATE ? `, paced ${FLOOD_RATE}/s` : ''}), p50 ${f.p50} ms p99 ${f.p99} ms; ${num(f.statusCodes['429'] ?? 0)} × 429, ${num(f.ok)} accepted (limit ${perAddress}) ${f.ok === perAddress && (f.statusCodes['429'] ?? 0) === f.total - perAddress ? 'OK' : 'MISSED'}; other codes ${JSON.stringify(f.statusCodes)}`,
        ]);
        rows.push([
          `  other addresses before, during and after the flood`,
          `A ${legitA}/${Math.ceil(others.length / 2)} accepted, B ${legitB}/${Math.floor(others.length / 2)} accepted ${others.every((o) => o === 'ok') ? 'OK' : `MISSED ${others.find((o) => o !== 'ok')}`}`,
        ]);
        rows.push([
          `  rows stored over the three phases`,
          `A ${storedA} (= ${perAddress} + ${legitA} ${storedA === perAddress + legitA ? 'OK' : 'MISSED'}), B ${storedB} (= ${legitB} ${storedB === legitB ? 'OK' : 'MISSED'})`,
        ]);
      }
      // The refusal itself, from a fresh address: its 11th and 12th questions within the window
      // answer 429 with Retry-After and the typed error (the 11th through the GraphQL pipeline, the
      // 12th from the early refusal, held back by the tarpit).
      const answers = [];
      for (let i = 0; i < 12; i++)
        answers.push(
          await raw(
            port,
            HOST_B,
            { query: ASK, variables: { i: askInput(900_000 + i) } },
            { 'x-forwarded-for': '198.51.100.99' },
          ),
        );
      for (const [label, refused] of [
        ['refusal (pipeline)', answers[10]],
        ['refusal (early, tarpit)', answers[11]],
      ] as const) {
        const ext = JSON.parse(refused.body).errors?.[0]?.extensions ?? {};
        rows.push([
          label,
          `HTTP ${refused.status}, Retry-After ${String(refused.headers['retry-after'])}, ${ext.code} (retryAfterSeconds ${ext.retryAfterSeconds}) ${refused.status === 429 && ext.code === 'RATE_LIMITED' && Number(refused.headers['retry-after']) === ext.retryAfterSeconds ? 'OK' : 'MISSED'}`,
        ]);
      }
    } finally {
      child.kill('SIGTERM');
    }
  } finally {
    await sql.end().catch(() => undefined);
    await db.drop();
  }
  printTable('engagement benchmark', rows);
}
