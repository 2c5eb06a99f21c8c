import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { DomainError, loadAppConfig, systemContext } from '@portal/platform';
import {
  CalendarService,
  DeadlineService,
  InformationKind,
  WorkingCalendar,
  formatDay,
  loadNationalSchedule,
  localDayOf,
  parseCalendarOverrides,
  parseDay,
} from '@portal/calendar';
import { DeadlineReevaluationService } from '@portal/editorial';
import { QuestionDeadlineReevaluationService } from '@portal/engagement';
import { HostRoutingService } from '@portal/tenancy';
import { CliError, tenantRef, withApp } from '../cli-context';

/** The national calendar needs no database; a portal's calendar (with its overrides) does. */
async function withCalendar<T>(
  tenant: string | undefined,
  work: (calendar: WorkingCalendar) => T,
): Promise<T> {
  try {
    if (!tenant) {
      const config = loadAppConfig({ ...process.env, LOG_LEVEL: 'error' });
      return work(
        new WorkingCalendar(
          loadNationalSchedule(join(config.tenantsDir, 'calendar', 'vietnam-public-sector.yaml')),
        ),
      );
    }
    return await withApp(async (app) =>
      work(await app.get(CalendarService).forTenant(tenantRef(app, tenant, '--tenant').id)),
    );
  } catch (e) {
    if (e instanceof DomainError) throw new CliError(`${e.field ?? 'input'}: ${e.text.en} [${e.code}]`);
    throw e;
  }
}

function integer(text: string, field: string): number {
  if (!/^-?\d+$/.test(text))
    throw new CliError(`${field}: "${text}" is not a whole number [INVALID_WORKING_DAYS]`);
  return Number(text);
}

const out = (line: string) => process.stdout.write(`${line}\n`);

export function calendarCommand(): Command {
  const calendar = new Command('calendar').description(
    'working days in Asia/Ho_Chi_Minh (national calendar, or a portal’s with --tenant)',
  );
  const tenantOption = (cmd: Command) =>
    cmd.option(
      '--tenant <portal>',
      'host or id of a portal: use its calendar with its own and its ancestors’ days',
    );

  tenantOption(calendar.command('is-working-day').argument('<date>', 'YYYY-MM-DD'))
    .description('print "yes" or "no", and why when it is not an ordinary day')
    .action((date: string, opts: { tenant?: string }) =>
      withCalendar(opts.tenant, (cal) => {
        const info = cal.info(parseDay(date, 'date'));
        out(`${info.working ? 'yes' : 'no'}${info.nameVi ? `\t${info.nameVi} (${info.origin})` : ''}`);
      }),
    );

  tenantOption(
    calendar
      .command('add-working-days')
      .argument('<date>', 'YYYY-MM-DD')
      .argument('<n>', 'working days (≥ 0)'),
  )
    .description('print the date of the n-th working day after the date (the date itself never counts)')
    .action((date: string, n: string, opts: { tenant?: string }) =>
      withCalendar(opts.tenant, (cal) => {
        out(formatDay(cal.addWorkingDays(parseDay(date, 'date'), integer(n, 'n'))));
      }),
    );

  tenantOption(
    calendar.command('working-days-between').argument('<from>', 'YYYY-MM-DD').argument('<to>', 'YYYY-MM-DD'),
  )
    .description('print the number of working days after <from> up to and including <to>')
    .action((from: string, to: string, opts: { tenant?: string }) =>
      withCalendar(opts.tenant, (cal) => {
        out(String(cal.workingDaysBetween(parseDay(from, 'from'), parseDay(to, 'to'))));
      }),
    );

  tenantOption(calendar.command('holidays').argument('<year>'))
    .description('list a year’s weekday days off and working weekend days, with reasons')
    .action((year: string, opts: { tenant?: string }) =>
      withCalendar(opts.tenant, (cal) => {
        const y = integer(year, 'year');
        for (let d = parseDay(`${year}-01-01`, 'year'); d <= parseDay(`${y}-12-31`, 'year'); d++) {
          const info = cal.info(d);
          if (info.origin === 'WEEKDAY' || (info.origin === 'WEEKEND' && !info.working)) continue;
          out(`${formatDay(d)}\t${info.working ? 'working' : 'off'}\t${info.nameVi ?? ''}\t${info.origin}`);
        }
      }),
    );

  calendar
    .command('import')
    .description('add a portal’s own days off and working days from a CalendarOverrides YAML file')
    .argument('<file>')
    .requiredOption('--tenant <portal>', 'host or id of the portal')
    .action(async (file: string, opts: { tenant: string }) => {
      const parsed = parseCalendarOverrides(readFileSync(file, 'utf8'));
      if (!parsed.ok)
        throw new CliError(
          parsed.issues.map((i) => `${file}:${i.line}:${i.column}: ${i.message}`).join('\n'),
        );
      await withApp(async (app) => {
        const tenant = tenantRef(app, opts.tenant, '--tenant');
        const result = await app
          .get(CalendarService)
          .importFile(systemContext('cli'), tenant.id, parsed.value);
        if (!result.ok)
          throw new CliError(`${result.error.field}: ${result.error.text.en} [${result.error.code}]`);
        out(
          `${file}: added ${result.value.added}, replaced ${result.value.replaced}, unchanged ${result.value.unchanged} on ${tenant.primaryHost}`,
        );
      });
    });
  return calendar;
}

export function deadlinesCommand(): Command {
  const deadlines = new Command('deadlines').description(
    'statutory deadlines from the policy profiles in tenants/policies',
  );
  deadlines
    .command('due')
    .description('print when information of a kind is due, and the rule with its legal source')
    .argument('<kind>', Object.values(InformationKind).join(', '))
    .argument('<anchor>', 'instant (2026-11-02T09:00:00+07:00) or local date (2026-11-02)')
    .requiredOption('--tenant <portal>', 'host or id of the portal')
    .action(async (kind: string, anchor: string, opts: { tenant: string }) => {
      if (!(Object.values(InformationKind) as string[]).includes(kind))
        throw new CliError(`kind: unknown "${kind}"`);
      const instant = /^\d{4}-\d{2}-\d{2}$/.test(anchor)
        ? new Date(`${anchor}T00:00:00+07:00`)
        : new Date(anchor);
      if (Number.isNaN(instant.getTime()))
        throw new CliError(`anchor: "${anchor}" is not a date or instant [INVALID_DATE]`);
      await withApp(async (app) => {
        try {
          const due = await app
            .get(DeadlineService)
            .dueAt(kind as InformationKind, instant, tenantRef(app, opts.tenant, '--tenant').id);
          out(
            `${formatDay(localDayOf(due.dueAt))}\t${due.dueAt.toISOString()}\t${due.rule.rule.type}${due.rule.rule.workingDays ? ` ${due.rule.rule.workingDays}` : ''}\t${due.rule.rule.article}, ${due.rule.document}`,
          );
        } catch (e) {
          if (e instanceof DomainError) throw new CliError(`${e.field}: ${e.text.en} [${e.code}]`);
          throw e;
        }
      });
    });
  deadlines
    .command('assign')
    .description(
      'make a portal (and the portals below it that have none of their own) follow a policy profile',
    )
    .requiredOption('--tenant <portal>', 'host or id of the portal')
    .requiredOption('--profile <key>', 'profile key, or "inherit"')
    .action(async (opts: { tenant: string; profile: string }) => {
      await withApp(async (app) => {
        const tenant = tenantRef(app, opts.tenant, '--tenant');
        const result = await app
          .get(DeadlineService)
          .assign(systemContext('cli'), tenant.id, opts.profile === 'inherit' ? null : opts.profile);
        if (!result.ok)
          throw new CliError(`${result.error.field}: ${result.error.text.en} [${result.error.code}]`);
        out(`${tenant.primaryHost} follows ${result.value.profile.key}`);
      });
    });
  deadlines
    .command('reevaluate')
    .description(
      'recompute the stored deadlines of existing items and questions from the policies and calendars in force (after a profile or its assignment changed)',
    )
    .option('--tenant <portal>', 'host or id of a portal: it and the portals below it (default: all)')
    .action(async (opts: { tenant?: string }) => {
      await withApp(async (app) => {
        let tenantIds: string[] | null = null;
        if (opts.tenant) {
          const routing = app.get(HostRoutingService);
          const root = tenantRef(app, opts.tenant, '--tenant');
          tenantIds = [];
          const walk = (id: string): void => {
            tenantIds!.push(id);
            routing.children(id).forEach((c) => walk(c.id));
          };
          walk(root.id);
        }
        const ctx = systemContext('cli');
        const items = await app.get(DeadlineReevaluationService).reevaluate(ctx, tenantIds);
        const questions = await app.get(QuestionDeadlineReevaluationService).reevaluate(ctx, tenantIds);
        out(
          `revisions: ${items.examined} examined, ${items.changed} changed; questions: ${questions.examined} examined, ${questions.changed} changed`,
        );
      });
    });
  deadlines
    .command('profiles')
    .description('list the policy profiles and their documents')
    .action(async () => {
      await withApp(async (app) => {
        for (const p of app.get(DeadlineService).listProfiles())
          out(`${p.key}\t${p.extends ? `extends ${p.extends}` : ''}\t${p.document}`);
      });
    });
  return deadlines;
}
