import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  CalendarService,
  DeadlineService,
  ReportRuleType,
  formatDay,
  localDayOf,
  weekdayOf,
  type ResolvedReportRule,
} from '@portal/calendar';
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
    private readonly db: DataSource,
    private readonly deadlines: DeadlineService,
    private readonly calendars: CalendarService,
  ) {}

  async check(portals: RoutedTenant[], p: ReportPeriod, now = new Date()): Promise<Map<string, RuleCheck[]>> {
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
        ? await this.unitCounts(ids, p, kindsOf(ReportRuleType.MIN_ITEMS_PER_UNIT_PER_MONTH))
        : new Map(),
      updateDays: has(ReportRuleType.UPDATED_EVERY_WORKING_DAY) ? await this.updateDays(ids, p) : new Map(),
      live: has(ReportRuleType.REQUIRED_LIVE_ITEMS)
        ? await this.liveAtEnd(ids, p, kindsOf(ReportRuleType.REQUIRED_LIVE_ITEMS))
        : new Map(),
      weeks: has(ReportRuleType.WEEKLY_ITEM_ON_TIME)
        ? await this.weeklyItems(ids, p, kindsOf(ReportRuleType.WEEKLY_ITEM_ON_TIME))
        : new Map(),
    };
    const out = new Map<string, RuleCheck[]>();
    const freshness = await freshnessChecks(this.db, this.deadlines, this.calendars, portals, p, now);
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

  private async unitCounts(ids: string[], p: ReportPeriod, kinds: string[]): Promise<RuleData['units']> {
    const units: Array<{ tenant_id: string; id: string; name: string }> = await this.db.query(
      `SELECT tenant_id, id, name FROM question_units WHERE tenant_id = ANY($1::uuid[])`,
      [ids],
    );
    const out: RuleData['units'] = new Map();
    for (const u of units) {
      if (!out.has(u.tenant_id)) out.set(u.tenant_id, new Map());
      out.get(u.tenant_id)!.set(u.id, { name: u.name, counts: new Map() });
    }
    if (units.length === 0) return out;
    const rows: Array<{ tenant_id: string; unit_id: string; kind: string; month: string; count: string }> =
      await this.db.query(
        `SELECT u.tenant_id, u.id AS unit_id, i.kind,
                to_char(i.published_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM') AS month, count(DISTINCT i.id)
           FROM question_units u
           JOIN question_unit_members m ON m.unit_id = u.id
           JOIN content_items i ON i.tenant_id = u.tenant_id AND i.created_by = m.account_id
          WHERE u.tenant_id = ANY($1::uuid[]) AND i.kind = ANY($4::text[])
            AND i.published_at >= $2 AND i.published_at < $3
          GROUP BY 1, 2, 3, 4`,
        [ids, p.start, p.end, kinds],
      );
    for (const r of rows)
      out.get(r.tenant_id)?.get(r.unit_id)?.counts.set(`${r.kind}|${r.month}`, Number(r.count));
    return out;
  }

  /** Local days on which something went live on the portal: its own publications, or a copy accepted or pushed onto it. */
  private async updateDays(ids: string[], p: ReportPeriod): Promise<RuleData['updateDays']> {
    const rows: Array<{ tenant_id: string; day: string }> = await this.db.query(
      `SELECT DISTINCT tenant_id, to_char(at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS day FROM (
         SELECT tenant_id, at FROM workflow_events
          WHERE tenant_id = ANY($1::uuid[]) AND action = 'PUBLISH' AND at >= $2 AND at < $3
         UNION ALL
         SELECT target_tenant_id, placed_at FROM syndications
          WHERE target_tenant_id = ANY($1::uuid[]) AND placed_at >= $2 AND placed_at < $3
       ) x`,
      [ids, p.start, p.end],
    );
    const out: RuleData['updateDays'] = new Map();
    for (const r of rows) {
      if (!out.has(r.tenant_id)) out.set(r.tenant_id, new Set());
      out.get(r.tenant_id)!.add(localDayOf(vietnamMidnight(r.day)));
    }
    return out;
  }

  private async liveAtEnd(ids: string[], p: ReportPeriod, kinds: string[]): Promise<RuleData['live']> {
    const rows: Array<{ tenant_id: string; kind: string; language: string }> = await this.db.query(
      `SELECT DISTINCT tenant_id, kind, language FROM content_items
        WHERE tenant_id = ANY($1::uuid[]) AND kind = ANY($3::text[]) AND live_revision_id IS NOT NULL
          AND published_at < $2 AND (withdrawn_at IS NULL OR withdrawn_at >= $2)`,
      [ids, p.end, kinds],
    );
    const out: RuleData['live'] = new Map();
    for (const r of rows) {
      if (!out.has(r.tenant_id)) out.set(r.tenant_id, new Set());
      out.get(r.tenant_id)!.add(`${r.kind}|${r.language}`);
    }
    return out;
  }

  /**
   * For each week start named by an item of the kinds (its `weekStart` field), whether one was
   * published by its statutory due time (or, where the policy sets none, before the week began).
   */
  private async weeklyItems(ids: string[], p: ReportPeriod, kinds: string[]): Promise<RuleData['weeks']> {
    const rows: Array<{ tenant_id: string; week: string; on_time: boolean }> = await this.db.query(
      `SELECT i.tenant_id, r.fields->>'weekStart' AS week,
              bool_or(i.published_at <= COALESCE(s.due_at, (r.fields->>'weekStart')::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')) AS on_time
         FROM content_items i
         LEFT JOIN LATERAL (
           SELECT e.revision_id FROM workflow_events e
            WHERE e.item_id = i.id AND e.action = 'PUBLISH' ORDER BY e.id LIMIT 1) f ON true
         LEFT JOIN editorial_states s ON s.revision_id = f.revision_id
         JOIN content_revisions r ON r.id = COALESCE(f.revision_id, i.live_revision_id)
        WHERE i.tenant_id = ANY($1::uuid[]) AND i.kind = ANY($4::text[]) AND i.published_at IS NOT NULL
          AND r.fields->>'weekStart' >= $2 AND r.fields->>'weekStart' <= $3
        GROUP BY 1, 2`,
      [ids, p.from, p.to, kinds],
    );
    const out: RuleData['weeks'] = new Map();
    for (const r of rows) {
      if (!out.has(r.tenant_id)) out.set(r.tenant_id, new Map());
      out.get(r.tenant_id)!.set(r.week, r.on_time);
    }
    return out;
  }
}

function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
