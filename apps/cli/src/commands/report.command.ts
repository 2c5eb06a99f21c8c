import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { Command, Option } from 'commander';
import { DomainError, systemContext } from '@portal/platform';
import { ReportExportService, ReportFormat, ReportScope, parseReportPeriod } from '@portal/reporting';
import { CliError, tenantRef, withApp } from '../cli-context';

/**
 * `portal report <tenant> --period 2026-H1 --format xlsx [--subtree] [--out file]`: the report
 * file of a portal (or its subtree), streamed to a file or standard output. `portal report --all`
 * reports on every portal of the federation.
 */
export function reportCommand(): Command {
  return new Command('report')
    .description('write the report of a portal (XLSX: one sheet per section; CSV: UTF-8 with BOM)')
    .argument('[tenant]', 'host (saigon.hochiminhcity.gov.vn) or id of the portal')
    .requiredOption('--period <period>', '2026, 2026-H1, 2026-Q3, 2026-05 or 2026-01-01..2026-02-15')
    .addOption(new Option('--format <format>', 'file format').choices(['xlsx', 'csv']).default('xlsx'))
    .option('--subtree', 'the portal and every portal below it, with per-portal rows and totals')
    .option('--all', 'every portal of the federation')
    .option(
      '--out <file>',
      'where to write (default: bao-cao-<host>-<period>.<format>; "-" for standard output)',
    )
    .action(
      async (
        tenant: string | undefined,
        options: { period: string; format: 'xlsx' | 'csv'; subtree?: boolean; all?: boolean; out?: string },
      ) => {
        if (!tenant && !options.all) throw new CliError('name a portal, or use --all');
        if (tenant && options.all) throw new CliError('--all reports on every portal: do not name one');
        const format = options.format === 'csv' ? ReportFormat.CSV : ReportFormat.XLSX;
        try {
          parseReportPeriod(options.period);
        } catch (e) {
          if (e instanceof DomainError) throw new CliError(`--period: ${e.text.en}`);
          throw e;
        }
        await withApp(async (app) => {
          const exporter = app.get(ReportExportService);
          const root = tenant ? tenantRef(app, tenant, 'tenant') : null;
          const scope = options.all
            ? ReportScope.FEDERATION
            : options.subtree
              ? ReportScope.SUBTREE
              : ReportScope.PORTAL;
          const request = { tenantId: root?.id ?? null, scope, period: options.period, format };
          const ctx = systemContext('cli');
          const target =
            options.out ?? exporter.fileName(root, exporter.prepare(ctx, request).period, format);
          const out = target === '-' ? process.stdout : createWriteStream(target);
          try {
            await exporter.write(ctx, request, out);
          } catch (e) {
            if (e instanceof DomainError)
              throw new CliError(`${e.field ?? 'input'}: ${e.text.en} [${e.code}]`);
            throw e;
          }
          if (out !== process.stdout) {
            if (!out.writableEnded) out.end();
            await finished(out);
            process.stderr.write(`report written to ${target}\n`);
          }
        });
      },
    );
}
