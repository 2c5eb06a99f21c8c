import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { DataSource } from 'typeorm';
import { parseReportPeriod } from '../../libs/reporting/src';
import { subtreeOf } from '../../libs/federation/src/subtree/portal-tree';
import { benchDatabase } from '../support/bench-database';
import { num, printTable } from '../support/report';
import { seedReportingHistory } from '../support/seed-history';
import { NATIONAL_BIG_PROVINCE_HOST, seedNationalDataset } from '../support/seed-national';
import { seedingContext } from '../support/seed-tree';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 2_000_000);
const QUESTIONS = Number(process.env.BENCH_QUESTIONS ?? 50_000);
const RATINGS = Number(process.env.BENCH_RATINGS ?? 100_000);
const PERIOD = process.env.BENCH_PERIOD ?? '2026-H1';
/** Runs of the national XLSX report (the first on a cold cache of the report's code paths). */
const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 1);
/** The dataset ends at the first instant of 2026-11-01 in Vietnam and spans two years (730 days). */
const END = `timestamptz '2026-11-01 00:00:00+07'`;
const SPAN = 730 * 86_400;
/** Item g: SPAN / ITEMS seconds apart (31.5 s for 2,000,000), newest first, with up to 10 minutes of jitter. */
const PUBLISHED_AT = `${END} - make_interval(secs => g * ${SPAN / ITEMS} + g::bigint * 7919 % 600)`;

/** How many of the slowest statements (one per figures method) the last national XLSX run explains. */
const EXPLAIN = process.env.BENCH_EXPLAIN ?? '4';

const TARGET_MS = 60_000;
const TARGET_MB = 512;

interface ChildResult {
  bootMs: number;
  reportMs: number;
  bytes: number;
  maxRssMb: number;
  maxRssAfterBootMb: number;
  rssBeforeMb: number;
  sampledPeakRssMb: number;
  sampledPeakHeapMb: number;
  sheetsTimed: boolean;
  sheets: Array<{
    key: string;
    ms: number;
    rows: number;
    firstRowMs: number;
    peakRssMb: number;
    peakHeapMb: number;
  }>;
  methods: Array<{ name: string; calls: number; ms: number; maxMs: number }>;
  statementsCount: number;
  statementsMs: number;
  slowest: Array<{ ms: number; method: string; sql: string; rows: number }>;
  plans: string[];
}

/** Runs bench/reporting/report-child.js for one report; resolves with its figures and the whole process's wall time. */
function runReport(env: Record<string, string>): Promise<{ result: ChildResult; wallMs: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, 'report-child.js')], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const wallMs = performance.now() - t0;
      const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
      if (code !== 0 || !line) reject(new Error(`report child exited with ${code}: ${stdout.slice(-2000)}`));
      else resolve({ result: JSON.parse(line.slice(7)) as ChildResult, wallMs });
    });
  });
}

/** What the seed holds for the period, counted in SQL straight from the tables (to check the report's totals). */
async function expectations(ds: DataSource): Promise<Record<string, number>> {
  const p = parseReportPeriod(PERIOD);
  const [row] = await ds.query(
    `SELECT
       (SELECT count(*) FROM content_items WHERE published_at >= $1 AND published_at < $2) AS published,
       (SELECT count(s.due_at) FROM content_items i JOIN editorial_states s ON s.revision_id = i.live_revision_id
         WHERE i.published_at >= $1 AND i.published_at < $2) AS "withDeadline",
       (SELECT count(*) FROM content_items i JOIN editorial_states s ON s.revision_id = i.live_revision_id
         WHERE i.published_at >= $1 AND i.published_at < $2 AND i.published_at > s.due_at) AS late,
       (SELECT count(*) FROM workflow_events WHERE at >= $1 AND at < $2 AND action IN ('APPROVE', 'RETURN', 'REFUSE')) AS decisions,
       (SELECT count(*) FROM workflow_events e JOIN editorial_states s ON s.revision_id = e.revision_id
         WHERE e.at >= $1 AND e.at < $2 AND e.action IN ('APPROVE', 'RETURN', 'REFUSE') AND e.at > s.board_due_at) AS "boardLate",
       (SELECT count(*) FROM workflow_events WHERE at >= $1 AND at < $2 AND action = 'REFUSE') AS refused,
       (SELECT count(*) FROM workflow_events WHERE at >= $1 AND at < $2 AND action = 'RETURN') AS returned,
       (SELECT count(*) FROM syndications WHERE direction = 'UP' AND placed_at >= $1 AND placed_at < $2) AS "sentUp",
       (SELECT count(*) FROM syndications WHERE direction = 'DOWN' AND placed_at >= $1 AND placed_at < $2) AS "pushedDown",
       (SELECT count(*) FROM syndications WHERE state = 'REFUSED' AND decided_at >= $1 AND decided_at < $2) AS "refusedUp",
       (SELECT count(*) FROM questions WHERE received_at >= $1 AND received_at < $2) AS questions,
       (SELECT count(*) FROM questions WHERE received_at >= $1 AND received_at < $2 AND answered_at <= answer_due_at) AS "answeredOnTime",
       (SELECT count(*) FROM draft_comments WHERE created_at >= $1 AND created_at < $2) AS comments,
       (SELECT count(*) FROM portal_ratings WHERE rated_on >= $3::date AND rated_on <= $4::date) AS ratings,
       (SELECT count(*) FROM content_items WHERE published_at >= $1 AND published_at < $2 AND kind = 'DRAFT_DOCUMENT') AS "draftsPublished"`,
    [p.start, p.end, p.from, p.to],
  );
  return Object.fromEntries(Object.entries(row as Record<string, string>).map(([k, v]) => [k, Number(v)]));
}

/** Sheet names, rows and the rolled-up total row of each sheet of an XLSX file, read with SheetJS. */
function readXlsx(
  file: string,
): Array<{ name: string; rows: number; totals: unknown[][]; headings: unknown[]; first: unknown[][] }> {
  const book = XLSX.read(readFileSync(file), { type: 'buffer', dense: true, cellDates: true });
  return book.SheetNames.map((name) => {
    const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[name], {
      header: 1,
      raw: true,
      blankrows: true,
    });
    // The header block is 7 lines; the column headings are line 8; data from line 9.
    return {
      name,
      rows: Math.max(0, rows.length - 8),
      headings: rows[7] ?? [],
      totals: rows.filter((r) => Array.isArray(r) && r[0] === 'Tổng / Total'),
      first: rows.slice(8, 10),
    };
  });
}

/**
 * The bundled server's data folder when it had to live under /var/tmp (run as root, see
 * embedded-postgres.server.ts): `db.drop()` removes only the folder it asked for. Found by the
 * port in its postmaster.opts, and removed once the server has stopped (no postmaster.pid).
 */
function removeStrayDataDir(url: string, since: number): void {
  const port = new URL(url).port;
  if (!port) return;
  let names: string[];
  try {
    names = readdirSync('/var/tmp').filter((n) => n.startsWith('portal-pg-'));
  } catch {
    return;
  }
  for (const name of names) {
    const dir = join('/var/tmp', name);
    try {
      if (statSync(dir).birthtimeMs < since - 1000 || existsSync(join(dir, 'postmaster.pid'))) continue;
      if (readFileSync(join(dir, 'postmaster.opts'), 'utf8').includes(`"-p" "${port}"`))
        rmSync(dir, { recursive: true, force: true });
    } catch {
      // not ours, or gone
    }
  }
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

export async function runReportingBench(): Promise<void> {
  const started = Date.now();
  const db = await benchDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'portal-reporting-bench-'));
  const rows: Array<[string, string]> = [];
  const detail: string[] = [];
  try {
    // --- Seeding (the federation benchmark's national dataset, then the report's history). ---
    const app = await seedingContext(db.url);
    let provinceId = '';
    let provincePortals = 0;
    let expected: Record<string, number> = {};
    try {
      const ds = app.get(DataSource);
      const runner = ds.createQueryRunner();
      await runner.connect();
      const conn = { query: (sql: string, params?: unknown[]) => runner.query(sql, params) };
      try {
        const t0 = performance.now();
        const data = await seedNationalDataset(app, conn, { total: ITEMS, publishedAt: PUBLISHED_AT });
        const nationalMs = performance.now() - t0;
        const t1 = performance.now();
        const history = await seedReportingHistory(conn, {
          authorId: data.authorId,
          end: END,
          span: SPAN,
          questions: QUESTIONS,
          ratings: RATINGS,
        });
        const historyMs = performance.now() - t1;
        const t2 = performance.now();
        for (const table of [
          'content_items',
          'content_revisions',
          'editorial_states',
          'workflow_events',
          'syndications',
          'categories',
          'tenants',
          'accounts',
          'role_assignments',
          'question_units',
          'question_unit_members',
          'questions',
          'question_events',
          'draft_comments',
          'portal_ratings',
        ])
          await conn.query(`VACUUM ANALYZE ${table}`);
        const vacuumMs = performance.now() - t2;
        const [counts] = await conn.query(
          `SELECT (SELECT count(*) FROM editorial_states)::int AS states, (SELECT count(*) FROM workflow_events)::int AS events,
                  (SELECT count(*) FROM syndications)::int AS syndications, (SELECT count(*) FROM questions)::int AS questions,
                  (SELECT count(*) FROM question_events)::int AS "questionEvents", (SELECT count(*) FROM question_units)::int AS units,
                  (SELECT count(*) FROM draft_comments)::int AS comments, (SELECT count(*) FROM portal_ratings)::int AS ratings,
                  (SELECT count(*) FROM role_assignments)::int AS roles, pg_size_pretty(pg_database_size(current_database())) AS size`,
        );
        rows.push([
          'dataset',
          `${num(ITEMS)} items over ${num(data.portals)} portals (published ${(SPAN / ITEMS).toFixed(1)} s apart, 2024-11-01 – 2026-10-31), database ${counts.size}`,
        ]);
        rows.push([
          'history',
          `${num(counts.states)} editorial states, ${num(counts.events)} workflow events, ${num(counts.syndications)} syndications, ${num(counts.questions)} questions (${num(counts.questionEvents)} events), ${num(counts.units)} units, ${num(counts.comments)} comments, ${num(counts.ratings)} ratings, ${num(counts.roles)} role assignments`,
        ]);
        rows.push([
          'seeding',
          `${secs(nationalMs + historyMs + vacuumMs)}: national dataset ${secs(nationalMs)}, history ${secs(historyMs)}${history.fkChecksOff ? ' (FK checks off)' : ''}, VACUUM ANALYZE ${secs(vacuumMs)}`,
        ]);
        detail.push(
          'seeding steps (history):',
          ...history.steps.map(([l, s]) => `  ${l}: ${s.toFixed(1)} s`),
        );
        const root = data.routing.resolve(NATIONAL_BIG_PROVINCE_HOST);
        if (root.type !== 'serve') throw new Error(`no ${NATIONAL_BIG_PROVINCE_HOST}`);
        provinceId = root.tenant.id;
        provincePortals = subtreeOf(data.routing, root.tenant).length;
        expected = await expectations(ds);
      } finally {
        await runner.release();
      }
    } finally {
      await app.close();
    }
    detail.push(
      `seed, ${PERIOD} (counted in SQL): ${Object.entries(expected)
        .map(([k, v]) => `${k} ${num(v)}`)
        .join(', ')}`,
    );

    // --- The reports, each in its own process. ---
    const cases: Array<{ label: string; env: Record<string, string>; file: string; target: boolean }> = [];
    for (let i = 0; i < RUNS; i++)
      cases.push({
        label: `national (FEDERATION) XLSX${RUNS > 1 ? ` #${i + 1}` : ''}`,
        env: {
          REPORT_SCOPE: 'FEDERATION',
          REPORT_FORMAT: 'XLSX',
          REPORT_EXPLAIN: i === RUNS - 1 ? EXPLAIN : '0',
        },
        file: join(dir, `federation-${i}.xlsx`),
        target: true,
      });
    cases.push({
      label: 'national (FEDERATION) CSV',
      env: { REPORT_SCOPE: 'FEDERATION', REPORT_FORMAT: 'CSV' },
      file: join(dir, 'federation.csv'),
      target: true,
    });
    cases.push({
      label: `${NATIONAL_BIG_PROVINCE_HOST} (SUBTREE, ${provincePortals} portals) XLSX`,
      env: { REPORT_SCOPE: 'SUBTREE', REPORT_TENANT: provinceId, REPORT_FORMAT: 'XLSX' },
      file: join(dir, 'province.xlsx'),
      target: false,
    });
    const results: Array<{ label: string; result: ChildResult; wallMs: number; file: string }> = [];
    for (const c of cases) {
      process.stdout.write(`  report: ${c.label} …\n`);
      const { result, wallMs } = await runReport({
        ...c.env,
        DATABASE_URL: db.url,
        REPORT_PERIOD: PERIOD,
        REPORT_OUT: c.file,
      });
      results.push({ label: c.label, result, wallMs, file: c.file });
      const r = result;
      const timeOk = r.reportMs < TARGET_MS;
      const memOk = r.maxRssMb < TARGET_MB;
      rows.push([
        c.label,
        `report ${secs(r.reportMs)} (boot + report ${secs(wallMs)}), ${(statSync(c.file).size / 1024 / 1024).toFixed(1)} MB file, peak RSS ${r.maxRssMb.toFixed(0)} MB (after boot ${r.maxRssAfterBootMb.toFixed(0)} MB, heap ≤ ${r.sampledPeakHeapMb.toFixed(0)} MB)`,
      ]);
      if (c.target)
        rows.push([
          '  against the targets',
          `wall ${((100 * r.reportMs) / TARGET_MS).toFixed(0)} % of 60 s ${verdict(timeOk)}; peak ${((100 * r.maxRssMb) / TARGET_MB).toFixed(0)} % of 512 MB ${verdict(memOk)}`,
        ]);
      detail.push(
        '',
        `== ${c.label}: report ${secs(r.reportMs)}, boot ${secs(r.bootMs)}, ${num(r.statementsCount)} statements (${secs(r.statementsMs)} in the database, summed)`,
        r.sheetsTimed
          ? 'per sheet (first row asked for → last row written; rows; sampled peaks):'
          : '(sheets not timed)',
        ...r.sheets.map(
          (s) =>
            `  ${s.key.padEnd(22)} ${secs(s.ms).padStart(8)}  first row ${secs(s.firstRowMs).padStart(7)}  ${num(s.rows).padStart(8)} rows  RSS ≤ ${s.peakRssMb.toFixed(0)} MB  heap ≤ ${s.peakHeapMb.toFixed(0)} MB`,
        ),
        'per method (calls; summed time, overlapping under Promise.all; slowest call):',
        ...r.methods.map(
          (m) =>
            `  ${m.name.padEnd(44)} ${String(m.calls).padStart(4)}  ${secs(m.ms).padStart(8)}  max ${secs(m.maxMs)}`,
        ),
        'slowest statements:',
        ...r.slowest.map(
          (s) => `  ${secs(s.ms).padStart(8)}  ${s.method || '?'}  ${num(s.rows)} rows  ${s.sql}`,
        ),
        ...(r.plans.length
          ? ['plans (EXPLAIN ANALYZE, BUFFERS) of the slowest statements, run after the report:', ...r.plans]
          : []),
      );
    }

    // --- The files: the XLSX opened with SheetJS, the CSV counted. ---
    for (const r of results) {
      if (r.file.endsWith('.xlsx')) {
        const t0 = performance.now();
        const sheets = readXlsx(r.file);
        detail.push(
          '',
          `== ${r.label}: opened with @e965/xlsx in ${secs(performance.now() - t0)}, ${sheets.length} sheets`,
          ...sheets.flatMap((s) => [
            `  ${s.name.padEnd(32)} ${num(s.rows).padStart(8)} data rows`,
            `    ${JSON.stringify(s.headings.slice(2))}`.slice(0, 400),
            ...s.first.map((row) => `    first: ${JSON.stringify(row)}`.slice(0, 400)),
            ...s.totals.slice(0, 16).map((row) => `    total: ${JSON.stringify(row.slice(2))}`.slice(0, 400)),
            ...(s.totals.length > 16 ? [`    … ${s.totals.length - 16} more total rows`] : []),
          ]),
        );
        const summary = sheets[0];
        if (summary?.totals.length && r.label.includes('FEDERATION')) {
          // Summary columns: host, name, published, onTimeShare, late, boardOnTimeShare, sentUp,
          // receivedDown, questions, answeredOnTime, answerLate, comments, refused.
          const t = summary.totals[0] as number[];
          const checks: Array<[string, unknown, number]> = [
            ['published', t[2], expected.published],
            ['late', t[4], expected.late],
            ['sentUp', t[6], expected.sentUp],
            ['receivedDown', t[7], expected.pushedDown],
            ['questions', t[8], expected.questions],
            ['comments', t[11], expected.comments],
            ['refused', t[12], expected.refused],
          ];
          detail.push(
            'summary total vs seed:',
            ...checks.map(
              ([k, got, want]) =>
                `  ${k.padEnd(14)} report ${String(got).padStart(9)}  seed ${num(want).padStart(9)}  ${Number(got) === want ? 'same' : 'DIFFERENT'}`,
            ),
            `  on-time share ${String(t[3])} (seed ${(1 - expected.late / Math.max(1, expected.withDeadline)).toFixed(4)}), board on-time share ${String(t[5])} (seed ${(1 - expected.boardLate / Math.max(1, expected.decisions)).toFixed(4)})`,
          );
          const late = sheets.find((s) => /trễ hạn/i.test(s.name) && /tin/i.test(s.name));
          if (late) detail.push(`  late-item rows ${num(late.rows)}  seed ${num(expected.late)}`);
        }
      } else {
        const text = readFileSync(r.file, 'utf8');
        const lines = text.split('\r\n').length;
        detail.push(
          '',
          `== ${r.label}: ${num(lines)} lines, ${(text.length / 1024 / 1024).toFixed(1)} M characters`,
        );
      }
    }
  } finally {
    if (!process.env.BENCH_KEEP_FILES) rmSync(dir, { recursive: true, force: true });
    else process.stdout.write(`  report files kept in ${dir}\n`);
    await db.drop();
    removeStrayDataDir(db.url, started);
  }
  printTable(`reporting benchmark (${PERIOD}; targets: report < 60 s, peak RSS < 512 MB)`, rows);
  process.stdout.write(`\n${detail.join('\n')}\n`);
}
