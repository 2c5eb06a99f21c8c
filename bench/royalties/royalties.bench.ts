import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { systemContext } from '../../libs/platform/src';
import { RoyaltyProfileService } from '../../libs/royalties/src';
import { subtreeOf } from '../../libs/federation/src/subtree/portal-tree';
import { benchDatabase } from '../support/bench-database';
import { num, printTable } from '../support/report';
import { NATIONAL_BIG_PROVINCE_HOST, seedNationalDataset } from '../support/seed-national';
import { seedingContext } from '../support/seed-tree';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 2_000_000);
/** The dataset ends at the first instant of 2026-11-01 in Vietnam and spans two years, as the reporting benchmark's. */
const END = `timestamptz '2026-11-01 00:00:00+07'`;
const SPAN = 730 * 86_400;
const PUBLISHED_AT = `${END} - make_interval(secs => g * ${SPAN / ITEMS} + g::bigint * 7919 % 600)`;
const MONTH = process.env.BENCH_MONTH ?? '2026-10';
const PREVIOUS = process.env.BENCH_PREVIOUS_MONTH ?? '2026-09';
const TARGET_MS = 10_000;
const TARGET_MB = 256;

interface ChildResult {
  bootMs: number;
  summaryMs: number;
  draftMs: number;
  sheetMs: number;
  portals: number;
  summaryLines: number;
  summaryTotal: number;
  lines: number;
  total: number;
  rootLines: number;
  sheetBytes: number;
  rssAfterBootMb: number;
  maxRssMb: number;
  sampledPeakRssMb: number;
  sampledPeakHeapMb: number;
}

function runChild(env: Record<string, string>): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, 'statement-child.js')], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
      if (code !== 0 || !line)
        reject(new Error(`statement child exited with ${code}: ${stdout.slice(-2000)}`));
      else resolve(JSON.parse(line.slice(7)) as ChildResult);
    });
  });
}

const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

/**
 * `npm run bench -- royalties`: the national dataset (seed-national.ts, BENCH_ITEMS items over two
 * years), every news item graded (a tenth with two authors, a collaborator among them), the largest
 * province on the Ninh Thuận profile (its portals below paid a 20 % share), the previous month's
 * statements of its subtree drafted and locked; then, in a fresh process, the subtree summary of
 * the month and the drafting of every portal's statement, with time and peak memory.
 */
export async function runRoyaltiesBench(): Promise<void> {
  const db = await benchDatabase();
  const rows: Array<[string, string]> = [];
  try {
    const app = await seedingContext(db.url);
    let provinceId = '';
    let portals = 0;
    try {
      const ds = app.get(DataSource);
      const runner = ds.createQueryRunner();
      await runner.connect();
      const conn = { query: (sql: string, params?: unknown[]) => runner.query(sql, params) };
      try {
        const t0 = performance.now();
        const data = await seedNationalDataset(app, conn, { total: ITEMS, publishedAt: PUBLISHED_AT });
        const seedMs = performance.now() - t0;
        const root = data.routing.resolve(NATIONAL_BIG_PROVINCE_HOST);
        if (root.type !== 'serve') throw new Error(`no ${NATIONAL_BIG_PROVINCE_HOST}`);
        provinceId = root.tenant.id;
        portals = subtreeOf(data.routing, root.tenant).length;

        const t1 = performance.now();
        // A collaborator per portal; every news item graded 1.0–2.5 (in hundredths), 2 photos on every fifth.
        await conn.query(
          `INSERT INTO royalty_collaborators (id, tenant_id, pen_name, real_name, bank_account, bank_name)
           SELECT gen_random_uuid(), id, 'Bút danh ' || left(id::text, 8), 'Cộng tác viên ' || left(id::text, 8), '700' || left(md5(id::text), 9), 'Agribank'
             FROM tenants`,
        );
        await conn.query(
          `INSERT INTO royalty_grades (id, tenant_id, item_id, profile_key, genre, coefficient_h, photo_count, photo_coefficient_h, reposted, graded_by, graded_at)
           SELECT gen_random_uuid(), i.tenant_id, i.id, 'ninhthuan-23-2020', 'IN_DEPTH_NEWS', 120 + (hashtext(i.id::text) & 127) % 131,
                  CASE WHEN hashtext(i.id::text) % 5 = 0 THEN 2 ELSE 0 END, CASE WHEN hashtext(i.id::text) % 5 = 0 THEN 150 ELSE 0 END,
                  false, $1, i.published_at + interval '1 hour'
             FROM content_items i WHERE i.kind = 'NEWS'`,
          [data.authorId],
        );
        await conn.query(
          `INSERT INTO royalty_grade_authors (id, grade_id, tenant_id, account_id, collaborator_id, share_bp, position)
           SELECT gen_random_uuid(), g.id, g.tenant_id, $1, NULL, CASE WHEN hashtext(g.id::text) % 10 = 0 THEN 5000 ELSE 10000 END, 0
             FROM royalty_grades g`,
          [data.authorId],
        );
        await conn.query(
          `INSERT INTO royalty_grade_authors (id, grade_id, tenant_id, account_id, collaborator_id, share_bp, position)
           SELECT gen_random_uuid(), g.id, g.tenant_id, NULL, c.id, 5000, 1
             FROM royalty_grades g JOIN royalty_collaborators c ON c.tenant_id = g.tenant_id
            WHERE hashtext(g.id::text) % 10 = 0`,
        );
        for (const table of [
          'royalty_grades',
          'royalty_grade_authors',
          'royalty_collaborators',
          'content_items',
          'syndications',
        ])
          await conn.query(`VACUUM ANALYZE ${table}`);
        const gradeMs = performance.now() - t1;
        const [counts] = await conn.query(
          `SELECT (SELECT count(*) FROM royalty_grades)::int AS grades, (SELECT count(*) FROM royalty_grade_authors)::int AS authors,
                  pg_size_pretty(pg_database_size(current_database())) AS size`,
        );
        const ctx = systemContext('bench');
        const assigned = await app.get(RoyaltyProfileService).assign(ctx, provinceId, 'ninhthuan-23-2020');
        if (!assigned.ok) throw new Error(assigned.error.code);
        rows.push([
          'dataset',
          `${num(ITEMS)} items over ${num(data.portals)} portals, ${num(data.syndicated)} syndicated, ${num(counts.grades)} grades (${num(counts.authors)} author shares), database ${counts.size}`,
        ]);
        rows.push(['seeding', `national dataset ${secs(seedMs)}, grades ${secs(gradeMs)}`]);
      } finally {
        await runner.release();
      }
    } finally {
      await app.close();
    }

    // The previous month, drafted and locked: this month's statements must skip what it paid.
    const previous = await runChild({
      DATABASE_URL: db.url,
      ROYALTY_TENANT: provinceId,
      ROYALTY_MONTH: PREVIOUS,
    });
    const lockDb = await seedingContext(db.url);
    try {
      await lockDb
        .get(DataSource)
        .query(`UPDATE royalty_statements SET state = 'LOCKED', locked_at = now() WHERE month = $1`, [
          PREVIOUS,
        ]);
    } finally {
      await lockDb.close();
    }
    rows.push([
      `${PREVIOUS} (previous month, then locked)`,
      `${num(previous.lines)} lines, ${num(previous.total)} đ over ${previous.portals} portals`,
    ]);

    const r = await runChild({ DATABASE_URL: db.url, ROYALTY_TENANT: provinceId, ROYALTY_MONTH: MONTH });
    const wall = r.summaryMs;
    rows.push([
      `${NATIONAL_BIG_PROVINCE_HOST} subtree, ${MONTH}`,
      `${r.portals} portals (of ${portals}), ${num(r.summaryLines)} lines, ${num(r.summaryTotal)} đ`,
    ]);
    rows.push(['subtree summary (computed)', `${secs(r.summaryMs)}`]);
    rows.push([
      'draft and store every statement (one pass)',
      `${secs(r.draftMs)} (${num(r.lines)} lines, ${num(r.total)} đ)`,
    ]);
    rows.push([
      'root payment sheet (XLSX)',
      `${secs(r.sheetMs)}, ${num(r.rootLines)} lines, ${num(r.sheetBytes)} bytes`,
    ]);
    rows.push([
      'memory',
      `peak RSS ${r.maxRssMb.toFixed(0)} MB (after boot ${r.rssAfterBootMb.toFixed(0)} MB, sampled heap ≤ ${r.sampledPeakHeapMb.toFixed(0)} MB)`,
    ]);
    rows.push([
      'against the targets',
      `subtree statement ${((100 * wall) / TARGET_MS).toFixed(0)} % of 10 s ${verdict(wall < TARGET_MS)}; peak ${((100 * r.maxRssMb) / TARGET_MB).toFixed(0)} % of 256 MB ${verdict(r.maxRssMb < TARGET_MB)}; drafting and storing all of them ${((100 * r.draftMs) / TARGET_MS).toFixed(0)} % of 10 s ${verdict(r.draftMs < TARGET_MS)}`,
    ]);
    if (r.summaryTotal !== r.total)
      rows.push(['CHECK', `summary total ${r.summaryTotal} ≠ drafted total ${r.total}`]);
    printTable('royalties: monthly statements of the largest province', rows);
  } finally {
    await db.drop();
  }
}
