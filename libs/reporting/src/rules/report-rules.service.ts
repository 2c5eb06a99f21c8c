import { Injectable } from '@nestjs/common';
import {
  CalendarService,
  DeadlineService,
  ReportRuleType,
  formatDay,
  localDayOf,
  weekdayOf,
  type ResolvedReportRule,
} from '@portal/calendar';
import { ContentFiguresRepository } from '@portal/content';
import { WorkflowFiguresRepository } from '@portal/editorial';
import { EngagementFiguresRepository } from '@portal/engagement';
import { SyndicationFiguresRepository } from '@portal/federation';
import type { RequestContext } from '@portal/platform';
import type { RoutedTenant } from '@portal/tenancy';
import type { RuleCheck, RuleOutcome } from '../figures/figures.types';
import { freshnessChecks } from './freshness-checks';
import { monthsOf, nextDay, vietnamMidnight, type ReportPeriod } from '../period/report-period';

/** How many findings a check lists (the count is always given); a clerk needs examples, not 120 dates. */
const MAX_FINDINGS = 50;

interface RuleData {
  /** tenant → unit id → { name, counts by `kind|YYYY-MM` }. */
  units: Map<string, Map<string, { name: string; counts: Map<string, number> }>>;
  /** tenant → local days (day numbers) with a publication. */
  updateDays: Map<string, Set<number>>;
  /** tenant → `kind|language` live at the period's end. */
  live: Map<string, Set<string>>;
  /** tenant → week start (YYYY-MM-DD) → published on time? */
  weeks: Map<string, Map<string, boolean>>;
}

/**
 * Rule checks of the reports. The rules are data: each portal's policy profile lists them (see
 * `ReportRule` in the calendar lib), so a province adds its own by editing its profile. Only what
 * can already be judged is judged: a month, day or week still running at `now` neither passes nor
 * fails.
 */
@Injectable()
export class ReportRulesService {
  constructor(
    private readonly deadlines: DeadlineService,
    private readonly calendars: CalendarService,
    private readonly content: ContentFiguresRepository,
    private readonly workflow: WorkflowFiguresRepository,
    private readonly engagement: EngagementFiguresRepository,
    private readonly syndications: SyndicationFiguresRepository,
  ) {}

  async check(
    ctx: RequestContext,
    portals: RoutedTenant[],
    p: ReportPeriod,
    now = new Date(),
  ): Promise<Map<string, RuleCheck[]>> {
    const rulesOf = new Map<string, ResolvedReportRule[]>();
    for (const t of portals) rulesOf.set(t.id, (await this.deadlines.effectivePolicy(t.id)).reportRules);
    const all = [...rulesOf.values()].flat();
    const kindsOf = (type: ReportRuleType) => [
      ...new Set(all.filter((r) => r.rule.type === type).flatMap((r) => r.rule.kinds ?? [])),
    ];
    const ids = portals.map((t) => t.id);
    const has = (type: ReportRuleType) => all.some((r) => r.rule.type === type);
    const data: RuleData = {
      units: has(ReportRuleType.MIN_ITEMS_PER_UNIT_PER_MONTH)
        ? await this.unitCounts(ctx, ids, p, kindsOf(ReportRuleType.MIN_ITEMS_PER_UNIT_PER_MONTH))
        : new Map(),
      updateDays: has(ReportRuleType.UPDATED_EVERY_WORKING_DAY)
        ? await this.updateDays(ctx, ids, p)
        : new Map(),
      live: has(ReportRuleType.REQUIRED_LIVE_ITEMS)
        ? await this.liveAtEnd(ctx, ids, p, kindsOf(ReportRuleType.REQUIRED_LIVE_ITEMS))
        : new Map(),
      weeks: has(ReportRuleType.WEEKLY_ITEM_ON_TIME)
        ? await this.weeklyItems(ctx, ids, p, kindsOf(ReportRuleType.WEEKLY_ITEM_ON_TIME))
        : new Map(),
    };
    const out = new Map<string, RuleCheck[]>();
    const freshness = await freshnessChecks(
      ctx,
      this.workflow,
      this.deadlines,
      this.calendars,
      portals,
      p,
      now,
    );
    for (const t of portals) {
      const checks: RuleCheck[] = [];
      for (const resolved of rulesOf.get(t.id)!) checks.push(await this.evaluate(t, resolved, data, p, now));
      checks.push(...(freshness.get(t.id) ?? []));
      out.set(t.id, checks);
    }
    return out;
  }

  private async evaluate(
    t: RoutedTenant,
    resolved: ResolvedReportRule,
    data: RuleData,
    p: ReportPeriod,
    now: Date,
  ): Promise<RuleCheck> {
    const { rule } = resolved;
    let outcome: RuleOutcome = 'PASSED';
    let findings: string[] = [];
    let failures = 0;
    const fail = (finding: string) => {
      failures += 1;
      if (findings.length < MAX_FINDINGS) findings.push(finding);
    };
    switch (rule.type) {
      case ReportRuleType.MIN_ITEMS_PER_UNIT_PER_MONTH: {
        // Whole months inside the period that have ended.
        const months = monthsOf(p).filter(
          (m) => `${m}-01` >= p.from && lastDay(m) <= p.to && vietnamMidnight(nextDay(lastDay(m))) <= now,
        );
        const units = [...(data.units.get(t.id) ?? new Map()).values()].sort((a, b) =>
          a.name.localeCompare(b.name, 'vi'),
        );
        if (months.length === 0 || units.length === 0) outcome = 'NOT_APPLICABLE';
        for (const unit of units)
          for (const month of months) {
            const count = (rule.kinds ?? []).reduce((n, k) => n + (unit.counts.get(`${k}|${month}`) ?? 0), 0);
            if (count < rule.minimum!) fail(`${unit.name} — ${month}: ${count}/${rule.minimum}`);
          }
        break;
      }
      case ReportRuleType.UPDATED_EVERY_WORKING_DAY: {
        const calendar = await this.calendars.forTenant(t.id);
        const days = data.updateDays.get(t.id) ?? new Set<number>();
        const first = localDayOf(p.start);
        // Days that have ended by `now`.
        const last = Math.min(localDayOf(p.end) - 1, localDayOf(now) - 1);
        let working = 0;
        for (let d = first; d <= last; d++) {
          if (!calendar.isWorkingDay(d)) continue;
          working += 1;
          if (!days.has(d)) fail(formatDay(d));
        }
        if (working === 0) outcome = 'NOT_APPLICABLE';
        break;
      }
      case ReportRuleType.REQUIRED_LIVE_ITEMS: {
        const live = data.live.get(t.id) ?? new Set<string>();
        const language = rule.language ?? 'vi';
        for (const kind of rule.kinds ?? [])
          if (!live.has(`${kind}|${language}`)) fail(`${kind} (${language})`);
        break;
      }
      case ReportRuleType.WEEKLY_ITEM_ON_TIME: {
        const weeks = data.weeks.get(t.id) ?? new Map<string, boolean>();
        let counted = 0;
        for (let d = localDayOf(p.start); d < localDayOf(p.end); d++) {
          if (weekdayOf(d) !== 1) continue;
          const monday = formatDay(d);
          // A week is judged once it has begun: its schedule was due before then.
          if (vietnamMidnight(monday) > now) continue;
          counted += 1;
          const onTime = weeks.get(monday);
          if (onTime === undefined) fail(`${monday}: chưa đăng / not published`);
          else if (!onTime) fail(`${monday}: đăng muộn / published late`);
        }
        if (counted === 0) outcome = 'NOT_APPLICABLE';
        break;
      }
    }
    if (failures > 0) outcome = 'FAILED';
    if (failures > findings.length)
      findings = [...findings, `… ${failures - findings.length} nữa / more (${failures} in all)`];
    return {
      key: rule.key,
      type: rule.type,
      titleVi: rule.titleVi,
      titleEn: rule.titleEn ?? null,
      document: resolved.document,
      article: rule.article,
      quote: rule.quote ?? null,
      outcome,
      findings,
    };
  }

  private async unitCounts(
    ctx: RequestContext,
    ids: string[],
    p: ReportPeriod,
    kinds: string[],
  ): Promise<RuleData['units']> {
    const units = await this.engagement.units(ctx, ids);
    const out: RuleData['units'] = new Map();
    for (const u of units) {
      if (!out.has(u.tenantId)) out.set(u.tenantId, new Map());
      out.get(u.tenantId)!.set(u.id, { name: u.name, counts: new Map() });
    }
    if (units.length === 0) return out;
    for (const r of await this.engagement.unitItemsPerMonth(ctx, ids, p, kinds))
      out.get(r.tenantId)?.get(r.unitId)?.counts.set(`${r.kind}|${r.month}`, r.count);
    return out;
  }

  /** Local days on which something went live on the portal: its own publications, or a copy accepted or pushed onto it. */
  private async updateDays(
    ctx: RequestContext,
    ids: string[],
    p: ReportPeriod,
  ): Promise<RuleData['updateDays']> {
    const [published, placed] = await Promise.all([
      this.workflow.publicationDays(ctx, ids, p),
      this.syndications.placementDays(ctx, ids, p),
    ]);
    const out: RuleData['updateDays'] = new Map();
    for (const r of [...published, ...placed]) {
      if (!out.has(r.tenantId)) out.set(r.tenantId, new Set());
      out.get(r.tenantId)!.add(localDayOf(vietnamMidnight(r.day)));
    }
    return out;
  }

  private async liveAtEnd(
    ctx: RequestContext,
    ids: string[],
    p: ReportPeriod,
    kinds: string[],
  ): Promise<RuleData['live']> {
    const out: RuleData['live'] = new Map();
    for (const r of await this.content.liveKindsAt(ctx, ids, p.end, kinds)) {
      if (!out.has(r.tenantId)) out.set(r.tenantId, new Set());
      out.get(r.tenantId)!.add(`${r.kind}|${r.language}`);
    }
    return out;
  }

  /** For each week start named by an item of the kinds, whether one was published on time. */
  private async weeklyItems(
    ctx: RequestContext,
    ids: string[],
    p: ReportPeriod,
    kinds: string[],
  ): Promise<RuleData['weeks']> {
    const out: RuleData['weeks'] = new Map();
    for (const r of await this.workflow.weeklyItemsOnTime(ctx, ids, p, kinds)) {
      if (!out.has(r.tenantId)) out.set(r.tenantId, new Map());
      out.get(r.tenantId)!.set(r.week, r.onTime);
    }
    return out;
  }
}

function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
