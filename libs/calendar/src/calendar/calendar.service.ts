import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { AuditService } from '@portal/audit';
import {
  APP_CONFIG,
  AppConfig,
  NotFoundError,
  RequestContext,
  Result,
  TransactionRunner,
  assertCan,
  fail,
  isUuid,
  ok,
  systemContext,
} from '@portal/platform';
import { HostRoutingService, RoutedTenant, TenantStatus } from '@portal/tenancy';
import { CalendarOverrideEntity } from './calendar-override.entity';
import { CalendarOverrideRepository } from './calendar-override.repository';
import { CalendarOverridesFile, loadNationalSchedule } from './calendar-files';
import { DayNumber, formatDay, parseDay, dayOf } from './local-date';
import { AnnouncedDay, AnnouncedYear, DayInfo, WorkingCalendar } from './working-calendar';
import { CalendarErrors } from '../errors/calendar-errors';

export interface SetOverrideCommand {
  tenantId: string;
  date: string;
  working: boolean;
  nameVi: string;
  nameEn?: string | null;
  source: string;
}

/**
 * Working-day calendars per portal: the national one (announced schedules, else the Labour Code)
 * refined by the overrides of the tree's root and of each portal down to the one asked about.
 * Compiled calendars are shared by every portal with the same overrides and dropped when any
 * instance changes overrides or the tree (LISTEN/NOTIFY through the host map's version).
 */
/** The context of the cache's own reads: every portal's overrides, whoever asks next. */
const CALENDAR_CACHE = systemContext('calendar-cache');

/**
 * Calendars and their overrides are public information (CalendarOverrideRepository reads them as
 * such); writes check the ability. `forTenant` and `nationalCalendar` answer from memory, for any
 * caller (deadline computations deep in other libs' work), so they take no context.
 */
@Injectable()
export class CalendarService implements OnModuleInit {
  private national = new Map<number, AnnouncedYear>();
  private nationalCalendar_: WorkingCalendar | null = null;
  private overrides = new Map<string, AnnouncedDay[]>();
  private compiled = new Map<string, WorkingCalendar>();
  private loaded: Promise<void> | null = null;

  constructor(
    private readonly overridesRepo: CalendarOverrideRepository,
    private readonly routing: HostRoutingService,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    this.national = loadNationalSchedule(
      join(this.config.tenantsDir, 'calendar', 'vietnam-public-sector.yaml'),
    );
    this.nationalCalendar_ = new WorkingCalendar(this.national);
    this.routing.onChange(() => {
      this.loaded = null;
    });
    await this.ensureLoaded();
  }

  /** The national calendar, without any portal's overrides. */
  nationalCalendar(): WorkingCalendar {
    return this.nationalCalendar_!;
  }

  async forTenant(tenantId: string): Promise<WorkingCalendar> {
    await this.ensureLoaded();
    const chain = this.chain(tenantId);
    const withOverrides = chain.filter((t) => this.overrides.has(t.id));
    if (withOverrides.length === 0) return this.nationalCalendar();
    const key = withOverrides.map((t) => t.id).join('>');
    let calendar = this.compiled.get(key);
    if (!calendar) {
      // Root first, so the closest portal's override of a day wins.
      const merged = new Map<DayNumber, AnnouncedDay>();
      for (const t of withOverrides) for (const o of this.overrides.get(t.id)!) merged.set(o.day, o);
      calendar = new WorkingCalendar(this.national, merged);
      this.compiled.set(key, calendar);
    }
    return calendar;
  }

  /** The days of a year that are not ordinary (weekday holidays and working weekends), with reasons. */
  async specialDays(_ctx: RequestContext, tenantId: string | null, year: number): Promise<DayInfo[]> {
    const calendar = tenantId ? await this.forTenant(tenantId) : this.nationalCalendar();
    const first = parseDay(`${String(year).padStart(4, '0')}-01-01`, 'year');
    const out: DayInfo[] = [];
    for (let d = first; d < dayOf(year + 1, 1, 1); d++) {
      const info = calendar.info(d);
      if (
        (info.origin !== 'WEEKDAY' && info.origin !== 'WEEKEND') ||
        (info.origin === 'WEEKEND' && info.working)
      )
        out.push(info);
    }
    return out;
  }

  async listOverrides(
    ctx: RequestContext,
    tenantId: string,
    includeRevoked = false,
  ): Promise<CalendarOverrideEntity[]> {
    if (!isUuid(tenantId)) return [];
    return this.overridesRepo.ofTenant(ctx, tenantId, includeRevoked);
  }

  /** Sets a portal's own day (replacing its earlier override of that day, which is kept, revoked). */
  async setOverride(
    ctx: RequestContext,
    command: SetOverrideCommand,
  ): Promise<Result<CalendarOverrideEntity>> {
    const tenant = this.liveTenant(command.tenantId);
    if (!tenant) return fail(CalendarErrors.tenantNotFound());
    assertCan(ctx, 'update', 'Calendar', { tenantId: tenant.id, tenantPath: tenant.path });
    let day: DayNumber;
    try {
      day = parseDay(command.date, 'date');
    } catch (e) {
      return fail(e as never);
    }
    const nameVi = command.nameVi?.normalize('NFC').trim();
    const source = command.source?.normalize('NFC').trim();
    if (!nameVi) return fail(CalendarErrors.reasonRequired());
    if (!source) return fail(CalendarErrors.sourceRequired());
    const result = await this.writeDays(ctx, tenant, [
      {
        day,
        working: command.working,
        nameVi,
        nameEn: command.nameEn?.normalize('NFC').trim() || nameVi,
        source,
      },
    ]);
    return ok(result.rows[0]);
  }

  /** Applies an overrides file to a portal: new days added, changed days replaced, identical ones left. */
  async importFile(
    ctx: RequestContext,
    tenantId: string,
    file: CalendarOverridesFile,
  ): Promise<Result<{ added: number; replaced: number; unchanged: number }>> {
    const tenant = this.liveTenant(tenantId);
    if (!tenant) return fail(CalendarErrors.tenantNotFound());
    assertCan(ctx, 'update', 'Calendar', { tenantId: tenant.id, tenantPath: tenant.path });
    const { added, replaced, unchanged } = await this.writeDays(ctx, tenant, file.days);
    return ok({ added, replaced, unchanged });
  }

  async removeOverride(ctx: RequestContext, id: string): Promise<Result<CalendarOverrideEntity>> {
    const row = isUuid(id) ? await this.overridesRepo.findById(ctx, id) : null;
    const tenant = row ? this.routing.tenant(row.tenantId) : null;
    if (!row || !tenant) return fail(new NotFoundError('CalendarOverride', 'id'));
    assertCan(ctx, 'update', 'Calendar', { tenantId: tenant.id, tenantPath: tenant.path });
    if (row.revokedAt) return ok(row);
    const changes = { revokedAt: new Date(), revokedBy: ctx.accountId };
    await this.tx.run(ctx, async (tx) => {
      await this.overridesRepo.revoke(tx, id, changes);
      await this.audit.record(tx, {
        tenantId: tenant.id,
        action: 'calendar.override_removed',
        subjectType: 'CalendarOverride',
        subjectId: id,
        before: { day: row.day, working: row.working, nameVi: row.nameVi },
        after: changes,
      });
    });
    await this.reload();
    return ok(Object.assign(row, changes));
  }

  private async writeDays(ctx: RequestContext, tenant: RoutedTenant, days: AnnouncedDay[]) {
    const counts = { added: 0, replaced: 0, unchanged: 0, rows: [] as CalendarOverrideEntity[] };
    // In a caller's transaction (an idempotent request), the caller reloads after its commit.
    const callersTransaction = !!ctx.manager?.queryRunner?.isTransactionActive;
    await this.tx.run(ctx, async (tx) => {
      const existing = new Map((await this.overridesRepo.inForce(tx, tenant.id)).map((o) => [o.day, o]));
      for (const d of days) {
        const date = formatDay(d.day);
        const current = existing.get(date);
        if (
          current &&
          current.working === d.working &&
          current.nameVi === d.nameVi &&
          current.source === d.source
        ) {
          counts.unchanged++;
          counts.rows.push(current);
          continue;
        }
        if (current) {
          await this.overridesRepo.revoke(tx, current.id, {
            revokedAt: new Date(),
            revokedBy: ctx.accountId,
          });
          counts.replaced++;
        } else counts.added++;
        const row = Object.assign(new CalendarOverrideEntity(), {
          id: randomUUID(),
          tenantId: tenant.id,
          day: date,
          working: d.working,
          nameVi: d.nameVi,
          nameEn: d.nameEn,
          source: d.source ?? '',
          createdBy: ctx.accountId,
          createdAt: new Date(),
          revokedAt: null,
          revokedBy: null,
        });
        await this.overridesRepo.insert(tx, row);
        counts.rows.push(row);
        await this.audit.record(tx, {
          tenantId: tenant.id,
          action: 'calendar.override_set',
          subjectType: 'CalendarOverride',
          subjectId: row.id,
          before: current
            ? { day: current.day, working: current.working, nameVi: current.nameVi, source: current.source }
            : null,
          after: { day: date, working: d.working, nameVi: d.nameVi, source: d.source },
        });
      }
    });
    if (!callersTransaction) await this.reload();
    return counts;
  }

  /** Reloads the days after a change committed by the caller's own transaction. */
  refresh(): Promise<void> {
    return this.reload();
  }

  private liveTenant(id: string): RoutedTenant | null {
    const t = isUuid(id) ? this.routing.tenant(id) : null;
    return t && (t.status === TenantStatus.ACTIVE || t.status === TenantStatus.SUSPENDED) ? t : null;
  }

  private chain(tenantId: string): RoutedTenant[] {
    const tenant = this.routing.tenant(tenantId);
    return tenant ? [...this.routing.ancestors(tenant), tenant] : [];
  }

  private ensureLoaded(): Promise<void> {
    this.loaded ??= this.load();
    return this.loaded;
  }

  private async reload(): Promise<void> {
    this.loaded = this.load();
    await this.loaded;
  }

  private async load(): Promise<void> {
    // Kept until the next change: from the primary, never from a replica a moment behind it.
    const rows = await this.overridesRepo.allInForce(CALENDAR_CACHE);
    const byTenant = new Map<string, AnnouncedDay[]>();
    for (const r of rows) {
      const list = byTenant.get(r.tenantId) ?? [];
      list.push({
        day: parseDay(r.day),
        working: r.working,
        nameVi: r.nameVi,
        nameEn: r.nameEn ?? r.nameVi,
        source: r.source,
      });
      byTenant.set(r.tenantId, list);
    }
    this.overrides = byTenant;
    this.compiled = new Map();
  }
}
