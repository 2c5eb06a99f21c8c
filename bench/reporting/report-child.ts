import 'reflect-metadata';
import { createWriteStream } from 'node:fs';
import { DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppConfig, systemContext } from '../../libs/platform/src';
import {
  ReportExportService,
  ReportFormat,
  ReportingModule,
  ReportScope,
  ReportService,
  type ReportSheet,
} from '../../libs/reporting/src';
import { ReportFiguresService } from '../../libs/reporting/src/figures/report-figures.service';
import { ReportRulesService } from '../../libs/reporting/src/rules/report-rules.service';
import { CliModule } from '../../apps/cli/src/cli.module';
import { benchConfig } from '../support/seed-tree';

/**
 * One report, in its own process (so that its peak memory is its own): boots the libs with the
 * reporting module (no HTTP), writes the report to REPORT_OUT with `ReportExportService.write` as
 * a system context, and prints `RESULT {json}`: the report's wall time (boot excluded), the file's
 * size, the process's peak RSS (`resourceUsage().maxRSS`, and RSS sampled every 50 ms), and where
 * the time went: per sheet (from its first row asked for to its last written), per figures query
 * method and per SQL statement (the slowest).
 *
 * Environment: DATABASE_URL, REPORT_SCOPE (PORTAL | SUBTREE | FEDERATION), REPORT_TENANT (id, not
 * for FEDERATION), REPORT_PERIOD, REPORT_FORMAT (XLSX | CSV), REPORT_OUT (file).
 */

@Module({})
class BenchReportModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: BenchReportModule, imports: [CliModule.forRoot(config), ReportingModule] };
  }
}

const MB = 1024 * 1024;
const round = (n: number) => Math.round(n * 10) / 10;

// RSS and heap sampled every 50 ms (a long synchronous stretch delays a sample: maxRSS is the
// authoritative peak); `phase` attributes the peaks to the sheet being written.
let phase = 'boot';
const peaks = new Map<string, { rss: number; heap: number }>();
function sample(): void {
  const m = process.memoryUsage();
  const p = peaks.get(phase) ?? { rss: 0, heap: 0 };
  p.rss = Math.max(p.rss, m.rss);
  p.heap = Math.max(p.heap, m.heapUsed);
  peaks.set(phase, p);
}
const sampler = setInterval(sample, 50);

interface Timing {
  calls: number;
  ms: number;
  maxMs: number;
}
const methodTimes = new Map<string, Timing>();
const statements: Array<{
  ms: number;
  method: string;
  sql: string;
  rows: number;
  text: string;
  params?: unknown[];
}> = [];
const sheetTimes: Array<{ key: string; ms: number; rows: number; firstRowMs: number }> = [];
let currentMethod = '';

function record(map: Map<string, Timing>, key: string, ms: number): void {
  const t = map.get(key) ?? { calls: 0, ms: 0, maxMs: 0 };
  t.calls += 1;
  t.ms += ms;
  t.maxMs = Math.max(t.maxMs, ms);
  map.set(key, t);
}

/** Times every method of a class's prototype (the figures and rules services), without changing them. */
function timeMethods(cls: { prototype: object; name: string }): void {
  const proto = cls.prototype as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(proto)) {
    const original = proto[name];
    if (name === 'constructor' || typeof original !== 'function') continue;
    proto[name] = function (this: unknown, ...args: unknown[]) {
      const t0 = performance.now();
      const previous = currentMethod;
      currentMethod = `${cls.name}.${name}`;
      const result = (original as (...a: unknown[]) => unknown).apply(this, args);
      currentMethod = previous;
      if (result instanceof Promise)
        return result.finally(() => record(methodTimes, `${cls.name}.${name}`, performance.now() - t0));
      record(methodTimes, `${cls.name}.${name}`, performance.now() - t0);
      return result;
    };
  }
}

/** Wraps each sheet's row source to time it (the service's private `sheets` builds them). */
function timeSheets(): boolean {
  const proto = ReportExportService.prototype as unknown as Record<string, unknown>;
  const original = proto.sheets as ((...a: unknown[]) => ReportSheet[]) | undefined;
  if (typeof original !== 'function') return false;
  proto.sheets = function (this: unknown, ...args: unknown[]) {
    return original.apply(this, args).map((sheet) => {
      const rows = sheet.rows;
      return {
        ...sheet,
        rows: () =>
          (async function* () {
            sample();
            phase = sheet.key;
            sample();
            const t0 = performance.now();
            let n = 0;
            let firstRowMs = 0;
            for await (const row of rows.call(sheet)) {
              if (n === 0) firstRowMs = performance.now() - t0;
              n++;
              yield row;
            }
            sheetTimes.push({ key: sheet.key, ms: performance.now() - t0, rows: n, firstRowMs });
            sample();
            phase = 'after sheets';
          })(),
      };
    });
  };
  return true;
}

async function main(): Promise<void> {
  const env = process.env;
  const t0 = performance.now();
  timeMethods(ReportFiguresService);
  timeMethods(ReportRulesService);
  timeMethods(ReportService);
  const sheetsTimed = timeSheets();
  const app = await NestFactory.createApplicationContext(
    BenchReportModule.forRoot(benchConfig(env.DATABASE_URL!)),
    { logger: ['error'] },
  );
  // Every statement's time, attributed to the figures method that sent it.
  const ds = app.get(DataSource);
  const query = ds.query.bind(ds);
  ds.query = (async (sql: string, params?: unknown[], runner?: never) => {
    const method = currentMethod;
    const s0 = performance.now();
    const rows = await query(sql, params, runner);
    statements.push({
      ms: performance.now() - s0,
      method,
      sql: sql.replace(/\s+/g, ' ').slice(0, 140),
      rows: Array.isArray(rows) ? rows.length : 0,
      text: sql,
      params,
    });
    return rows;
  }) as typeof ds.query;
  const bootMs = performance.now() - t0;
  sample();
  phase = 'before sheets';
  const rssBefore = process.memoryUsage().rss;
  const maxRssAfterBoot = process.resourceUsage().maxRSS * 1024;

  const out = createWriteStream(env.REPORT_OUT!);
  const closed = new Promise<void>((resolve, reject) => {
    out.on('close', resolve);
    out.on('error', reject);
  });
  const r0 = performance.now();
  await app.get(ReportExportService).write(
    systemContext('bench'),
    {
      tenantId: env.REPORT_TENANT || null,
      scope: env.REPORT_SCOPE as ReportScope,
      period: env.REPORT_PERIOD!,
      format: env.REPORT_FORMAT as ReportFormat,
    },
    out,
  );
  if (!out.writableFinished) out.end();
  await closed;
  const reportMs = performance.now() - r0;
  sample();
  clearInterval(sampler);
  const maxRss = process.resourceUsage().maxRSS * 1024;
  const sampledRss = Math.max(...[...peaks.values()].map((p) => p.rss));
  const sampledHeap = Math.max(...[...peaks.values()].map((p) => p.heap));

  // Plans of the slowest statement of the slowest methods (after the measure: not in its figures).
  const plans: string[] = [];
  const explain = Number(env.REPORT_EXPLAIN ?? 0);
  if (explain > 0) {
    const seen = new Set<string>();
    for (const st of [...statements].sort((a, b) => b.ms - a.ms)) {
      if (seen.size >= explain) break;
      if (seen.has(st.method)) continue;
      seen.add(st.method);
      const plan: Array<{ 'QUERY PLAN': string }> = await query(
        `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${st.text}`,
        st.params,
      );
      plans.push(
        `-- ${st.method || '?'} (${round(st.ms)} ms in the report)`,
        ...plan
          .map((r) => r['QUERY PLAN'].replace(/'\{[0-9a-f-,]{200,}\}'/g, "'{…ids…}'").slice(0, 220))
          .filter((l) => /->|^\S|Buffers: shared|Rows Removed|Loops|Index Cond|Filter/.test(l))
          .slice(0, 45),
        '',
      );
    }
  }

  const result = {
    plans,
    bootMs: round(bootMs),
    reportMs: round(reportMs),
    bytes: out.bytesWritten,
    maxRssMb: round(maxRss / MB),
    maxRssAfterBootMb: round(maxRssAfterBoot / MB),
    rssBeforeMb: round(rssBefore / MB),
    sampledPeakRssMb: round(sampledRss / MB),
    sampledPeakHeapMb: round(sampledHeap / MB),
    sheetsTimed,
    sheets: sheetTimes.map((s) => ({
      ...s,
      ms: round(s.ms),
      firstRowMs: round(s.firstRowMs),
      peakRssMb: round((peaks.get(s.key)?.rss ?? 0) / MB),
      peakHeapMb: round((peaks.get(s.key)?.heap ?? 0) / MB),
    })),
    methods: [...methodTimes.entries()]
      .map(([name, t]) => ({ name, calls: t.calls, ms: round(t.ms), maxMs: round(t.maxMs) }))
      .sort((a, b) => b.ms - a.ms),
    statementsCount: statements.length,
    statementsMs: round(statements.reduce((n, s) => n + s.ms, 0)),
    slowest: [...statements]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 12)
      .map((s) => ({ ms: round(s.ms), method: s.method, sql: s.sql, rows: s.rows })),
  };
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  await app.close();
}

main().then(
  () => process.exit(0),
  (e: Error) => {
    process.stderr.write(`${e.stack ?? String(e)}\n`);
    process.exit(1);
  },
);
