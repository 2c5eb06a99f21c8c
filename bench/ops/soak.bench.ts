import 'reflect-metadata';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { num, printTable } from '../support/report';
import { restartableDatabase } from '../support/restartable-database';
import { checkAcknowledgedWrites } from './acknowledged-writes';
import { msText, percentile, startLoad, windowStats } from './load-driver';
import { KINDS } from './load-types';
import { OPS_ACCOUNTS, seedOps } from './ops-seed';
import { killAndWait, scrapeMetrics, sleep, startOpsApi, vmRssMb } from './processes';

/** Measured seconds after the warm-up (10 minutes by default). */
const SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 600);
const WARMUP = Number(process.env.BENCH_SOAK_WARMUP_SECONDS ?? 30);
const SAMPLE_MS = 5000;
const PROVINCES = 2;
const ITEMS = Number(process.env.BENCH_ITEMS ?? 20_000);
const READERS = Number(process.env.BENCH_SOAK_CONNECTIONS ?? 8);
const UNCACHED = Number(process.env.BENCH_SOAK_UNCACHED ?? 0.3);
const WRITERS = 2;
const ASKS_PER_SECOND = 5;

/**
 * "Flat" memory: the end RSS at most max(10 %, 30 MB) above the RSS after the warm-up, and the
 * least-squares slope of RSS over the second half of the run at most +1 MB per minute (a leak of
 * 1 MB/min is 1.4 GB a day: what a 10-minute run can still tell from the garbage collector's swings).
 */
const GROWTH_SHARE = 0.1;
const GROWTH_MB = 30;
const SLOPE_MB_PER_MIN = 1;

interface Sample {
  /** Seconds since the load started. */
  t: number;
  rss: number | null;
  heapUsed: number | null;
  heapTotal: number | null;
  external: number | null;
}

/** Least-squares slope of y over x. */
function slope(points: Array<[number, number]>): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return sxy / sxx;
}

const mb = (n: number | null) => (n === null || Number.isNaN(n) ? '–' : `${n.toFixed(1)} MB`);
/** m:ss, rounded to the second first (so 1139.6 s is 19:00, not 18:60). */
const clock = (t: number) => {
  const s = Math.round(t);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

export async function runSoakBench(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'portal-ops-soak-'));
  const db = await restartableDatabase();
  const rows: Array<[string, string]> = [];
  const cleanup: Array<() => void> = [];
  try {
    const t0 = performance.now();
    const data = await seedOps(db.url, PROVINCES, ITEMS);
    rows.push([
      'dataset',
      `${num(data.portals)} portals (${PROVINCES} provinces), ${num(ITEMS)} published items; seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    ]);
    const api = await startOpsApi(
      {
        DATABASE_URL: db.url,
        RUN_JOBS: 'false',
        TRUST_PROXY: 'true',
        ACCESS_TOKEN_TTL_SECONDS: '7200',
        PORTAL_DATA_DIR: join(scratch, 'data'),
      },
      0,
      join(scratch, 'api.log'),
    );
    cleanup.push(() => api.child.kill('SIGKILL'));
    const rssAtBoot = vmRssMb(api.pid);
    const ackFile = join(scratch, 'acks.jsonl');
    const load = startLoad({
      ports: [api.port],
      hosts: data.hosts,
      sections: data.sections,
      slugs: data.slugs,
      writeTargets: data.writeTargets,
      accounts: {
        writer: OPS_ACCOUNTS.writer,
        member: OPS_ACCOUNTS.member,
        head: OPS_ACCOUNTS.head,
      },
      readConnections: READERS,
      uncachedShare: UNCACHED,
      writers: WRITERS,
      thinkMs: 100,
      askPerSecond: ASKS_PER_SECOND,
      ackFile,
      failTimeoutMs: 5000,
      requestTimeoutMs: 15_000,
    });
    cleanup.push(() => load.kill());
    let samples: Sample[] = [];
    let start = 0;
    try {
      await load.ready;
      start = Date.now();
      const sample = async (): Promise<Sample> => {
        const t = (Date.now() - start) / 1000;
        const rss = vmRssMb(api.pid);
        const metrics = await scrapeMetrics(api.port).catch(() => null);
        const get = (name: string) => (metrics?.has(name) ? metrics.get(name)! / 1024 / 1024 : null);
        return {
          t,
          rss,
          heapUsed: get('nodejs_heap_size_used_bytes'),
          heapTotal: get('nodejs_heap_size_total_bytes'),
          external: get('nodejs_external_memory_bytes'),
        };
      };
      samples.push(await sample());
      const end = start + (WARMUP + SECONDS) * 1000;
      let lastPrint = 0;
      while (Date.now() < end) {
        await sleep(Math.min(SAMPLE_MS - ((Date.now() - start) % SAMPLE_MS), end - Date.now()));
        const s = await sample();
        samples.push(s);
        if (s.t - lastPrint >= 60 || Date.now() >= end) {
          lastPrint = s.t;
          const w = windowStats(load.buckets, Date.now() - 60_000, Date.now());
          process.stdout.write(
            `  soak ${clock(s.t)}  rss ${mb(s.rss)}  heap ${mb(s.heapUsed)}  last minute ${num(w.requests / 60)} req/s, ${w.errors} errors\n`,
          );
        }
      }
    } finally {
      samples = samples.filter((s) => s.rss !== null);
    }
    const result = await load.stop();
    const metrics = await scrapeMetrics(api.port).catch(() => null);
    await killAndWait(api.child, 'SIGTERM');
    const acks = await checkAcknowledgedWrites(db.url, ackFile);

    // Memory.
    const measured = samples.filter((s) => s.t >= WARMUP - 0.5);
    const secondHalf = measured.filter((s) => s.t >= WARMUP + SECONDS / 2 - 0.5);
    const first = measured[0];
    const last = measured[measured.length - 1];
    const maxRss = Math.max(...measured.map((s) => s.rss!));
    const rssSlope = slope(secondHalf.map((s) => [s.t / 60, s.rss!]));
    const rssSlopeAll = slope(measured.map((s) => [s.t / 60, s.rss!]));
    const heapSlope = slope(
      secondHalf.filter((s) => s.heapUsed !== null).map((s) => [s.t / 60, s.heapUsed!]),
    );
    const allowed = Math.max(first.rss! * GROWTH_SHARE, GROWTH_MB);
    const growth = last.rss! - first.rss!;
    const flat = growth <= allowed && rssSlope <= SLOPE_MB_PER_MIN;

    // Requests.
    const all = windowStats(load.buckets, start + WARMUP * 1000, Number.MAX_SAFE_INTEGER);
    const whole = windowStats(load.buckets, 0, Number.MAX_SAFE_INTEGER);
    const requests = KINDS.reduce((s, k) => s + result.totals[k][0] + result.totals[k][1], 0);
    const errors = KINDS.reduce((s, k) => s + result.totals[k][1], 0);
    const hitRatio = metrics?.get('portal_response_cache_hit_ratio');

    rows.push([
      'run',
      `${WARMUP} s warm-up + ${SECONDS} s measured; ${READERS} read loops (${(UNCACHED * 100).toFixed(0)} % of GraphQL reads uncached), ${WRITERS} editorial flows, ${ASKS_PER_SECOND} questions/s`,
    ]);
    rows.push(['api RSS at boot (before load)', mb(rssAtBoot)]);
    rows.push([`api RSS after warm-up (${clock(first.t)})`, mb(first.rss)]);
    rows.push([
      `api RSS at the end (${clock(last.t)})`,
      `${mb(last.rss)}  (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB; allowed +${allowed.toFixed(1)} MB)`,
    ]);
    rows.push(['api RSS max (after warm-up)', mb(maxRss)]);
    rows.push([
      'RSS slope, second half (least squares)',
      `${rssSlope >= 0 ? '+' : ''}${rssSlope.toFixed(2)} MB/min (target <= +${SLOPE_MB_PER_MIN}); whole measured part ${rssSlopeAll >= 0 ? '+' : ''}${rssSlopeAll.toFixed(2)} MB/min`,
    ]);
    rows.push([
      'heap used after warm-up → end',
      `${mb(first.heapUsed)} → ${mb(last.heapUsed)} (max ${mb(Math.max(...measured.map((s) => s.heapUsed ?? 0)))}); slope second half ${heapSlope >= 0 ? '+' : ''}${heapSlope.toFixed(2)} MB/min`,
    ]);
    rows.push(['**memory flat**', flat ? 'PASS' : 'MISS']);
    rows.push([
      'RSS every minute',
      measured
        .filter((s, i) => i === 0 || Math.round(s.t - WARMUP) % 60 === 0)
        .map((s) => `${clock(s.t)} ${s.rss!.toFixed(0)}`)
        .join(', '),
    ]);
    rows.push([
      'heap used every minute',
      measured
        .filter((s, i) => i === 0 || Math.round(s.t - WARMUP) % 60 === 0)
        .map((s) => `${clock(s.t)} ${(s.heapUsed ?? Number.NaN).toFixed(0)}`)
        .join(', '),
    ]);
    rows.push([
      'requests served (whole run)',
      `${num(requests)} (${num(requests / (WARMUP + SECONDS || 1))} req/s): cached ${num(result.totals.cached[0])}, uncached ${num(result.totals.uncached[0])}, feeds ${num(result.totals.feed[0])}, editorial writes ${num(result.totals.write[0])}, questions ${num(result.totals.ask[0])}`,
    ]);
    rows.push(['errors', `${num(errors)}${errors ? `  ${JSON.stringify(result.errors)}` : ''}`]);
    for (const sample of load.samples.slice(0, 5))
      rows.push(['  error sample', `${sample.cls} ${sample.message}`]);
    rows.push([
      'read latency after warm-up',
      `cached p50 ${msText(percentile(all.latencies.cached, 50))} p99 ${msText(percentile(all.latencies.cached, 99))}; uncached p50 ${msText(percentile(all.latencies.uncached, 50))} p99 ${msText(percentile(all.latencies.uncached, 99))}; feed p50 ${msText(percentile(all.latencies.feed, 50))} p99 ${msText(percentile(all.latencies.feed, 99))}`,
    ]);
    rows.push([
      'editorial writes',
      `${num(result.published)} items published in the run; write p50 ${msText(percentile(whole.latencies.write, 50))} p99 ${msText(percentile(whole.latencies.write, 99))}`,
    ]);
    rows.push([
      'response cache hit ratio (api)',
      hitRatio === undefined ? '–' : `${(hitRatio * 100).toFixed(1)} %`,
    ]);
    rows.push([
      'acknowledged writes in the database',
      `${num(acks.acknowledged.create)} creates, ${num(acks.acknowledged.edit)} edits, ${num(acks.acknowledged.transition)} workflow steps, ${num(acks.acknowledged.ask)} questions; missing ${acks.missing.length} ${acks.missing.length === 0 ? 'OK' : `MISSED: ${acks.missing.slice(0, 20).join(', ')}`}`,
    ]);
  } finally {
    for (const c of cleanup) c();
    await db.drop();
    // BENCH_KEEP_LOGS=<folder>: keep the api's log and the acknowledgements for inspection.
    if (process.env.BENCH_KEEP_LOGS)
      cpSync(scratch, process.env.BENCH_KEEP_LOGS, { recursive: true, filter: (f) => !f.includes('/data') });
    rmSync(scratch, { recursive: true, force: true });
  }
  printTable('soak benchmark', rows);
}
