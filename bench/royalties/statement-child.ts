import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { resourceUsage } from 'node:process';
import { systemContext } from '../../libs/platform/src';
import {
  SheetFormat,
  StatementExportService,
  StatementService,
  SubtreeDraftingService,
} from '../../libs/royalties/src';
import { CliModule } from '../../apps/cli/src/cli.module';
import { benchConfig } from '../support/seed-tree';

/**
 * One royalty run in its own process (so that its peak memory is its own): boots the libs (no
 * HTTP), computes the subtree summary of ROYALTY_TENANT for ROYALTY_MONTH, then drafts and stores
 * every portal's statement of that subtree in one pass and writes the root's payment sheet (XLSX), and prints
 * `RESULT {json}` with the times and the process's peak RSS.
 */
const MB = 1024 * 1024;
let peakRss = 0;
let peakHeap = 0;
const sample = () => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};
const sampler = setInterval(sample, 50);

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL!;
  const tenant = process.env.ROYALTY_TENANT!;
  const month = process.env.ROYALTY_MONTH!;
  const t0 = performance.now();
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(benchConfig(url)), {
    logger: ['error'],
  });
  const bootMs = performance.now() - t0;
  const rssAfterBoot = process.memoryUsage().rss / MB;
  const ctx = systemContext('bench');
  const statements = app.get(StatementService);

  const t1 = performance.now();
  const summary = await statements.subtreeSummary(ctx, tenant, month);
  const summaryMs = performance.now() - t1;
  sample();

  const t2 = performance.now();
  const drafted = await app.get(SubtreeDraftingService).draftSubtree(ctx, tenant, month);
  const lines = drafted.lines;
  const total = drafted.total;
  const draftMs = performance.now() - t2;
  sample();

  const t3 = performance.now();
  const root = await statements.byMonth(ctx, tenant, month);
  const file = await app.get(StatementExportService).file(ctx, root!.statement.id, SheetFormat.XLSX);
  const sheetMs = performance.now() - t3;
  sample();
  await app.close();
  clearInterval(sampler);
  const summed = summary.reduce((a, p) => a + p.total, 0);
  process.stdout.write(
    `RESULT ${JSON.stringify({
      bootMs,
      summaryMs,
      draftMs,
      sheetMs,
      portals: summary.length,
      summaryLines: summary.reduce((a, p) => a + p.lines, 0),
      summaryTotal: summed,
      lines,
      total,
      rootLines: root!.lines.length,
      sheetBytes: file.content.length,
      rssAfterBootMb: rssAfterBoot,
      maxRssMb: resourceUsage().maxRSS / 1024,
      sampledPeakRssMb: peakRss / MB,
      sampledPeakHeapMb: peakHeap / MB,
    })}\n`,
  );
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
