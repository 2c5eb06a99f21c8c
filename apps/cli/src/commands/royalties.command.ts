import { writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { DomainError, systemContext } from '@portal/platform';
import {
  SheetFormat,
  StatementExportService,
  StatementService,
  StatementState,
  SubtreeDraftingService,
} from '@portal/royalties';
import { CliError, tenantRef, withApp } from '../cli-context';

/**
 * `portal royalties statement <portal> --month 2026-11 [--format xlsx|csv] [--out file]`: the
 * monthly payment sheet (bảng kê chi trả nhuận bút) of a portal. A month without a statement, or
 * whose statement is still a draft, is drafted (again) from the grades first; a checked, approved
 * or locked statement is written as it stands. With `--subtree`, every portal below is drafted too,
 * in one pass (those past their draft are left as they are).
 */
export function royaltiesCommand(): Command {
  const royalties = new Command('royalties').description('royalties and remuneration (nhuận bút, thù lao)');
  royalties
    .command('statement')
    .description('write the payment sheet of a portal for a month')
    .argument('<tenant>', 'host (kiengiang.gov.vn) or id of the portal')
    .requiredOption('--month <month>', 'YYYY-MM, e.g. 2026-11')
    .addOption(new Option('--format <format>', 'file format').choices(['xlsx', 'csv']).default('xlsx'))
    .option('--subtree', 'also draft the month of every portal below it, in one pass')
    .option(
      '--out <file>',
      'where to write (default: bang-ke-nhuan-but-<host>-<month>.<format>; "-" for standard output)',
    )
    .action(
      async (
        tenant: string,
        options: { month: string; format: 'xlsx' | 'csv'; out?: string; subtree?: boolean },
      ) => {
        await withApp(async (app) => {
          const portal = tenantRef(app, tenant, 'tenant');
          const ctx = systemContext('cli');
          const statements = app.get(StatementService);
          try {
            if (options.subtree) {
              const t0 = performance.now();
              const d = await app.get(SubtreeDraftingService).draftSubtree(ctx, portal.id, options.month);
              process.stderr.write(
                `subtree of ${portal.primaryHost}: ${d.drafted} statements drafted, ${d.skipped} past their draft left as they are, ${d.lines} lines, total ${d.total} đ in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
              );
            }
            let view = await statements.byMonth(ctx, portal.id, options.month);
            if (!view || (!options.subtree && view.statement.state === StatementState.DRAFTED)) {
              const drafted = await statements.draft(ctx, portal.id, options.month);
              if (!drafted.ok) throw drafted.error;
              view = drafted.value;
            }
            const format = options.format === 'csv' ? SheetFormat.CSV : SheetFormat.XLSX;
            const file = await app.get(StatementExportService).file(ctx, view.statement.id, format);
            const target = options.out ?? file.fileName;
            if (target === '-') process.stdout.write(file.content);
            else writeFileSync(target, file.content);
            for (const w of view.warnings) process.stderr.write(`warning ${w.code}: ${w.en}\n`);
            process.stderr.write(
              `statement ${view.statement.month} of ${portal.primaryHost}: ${view.statement.state}, ${view.lines.length} lines, total ${view.statement.total} đ${target === '-' ? '' : `, written to ${target}`}\n`,
            );
          } catch (e) {
            if (e instanceof DomainError)
              throw new CliError(`${e.field ?? 'input'}: ${e.text.en} [${e.code}]`);
            throw e;
          }
        });
      },
    );
  return royalties;
}
