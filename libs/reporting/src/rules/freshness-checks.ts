import {
  CalendarService,
  DeadlineService,
  formatDay,
  freshnessRulesFor,
  localDayOf,
  reviewDueAt,
  type ResolvedFreshnessRule,
} from '@portal/calendar';
import type { WorkflowFiguresRepository } from '@portal/editorial';
import type { RequestContext } from '@portal/platform';
import type { RoutedTenant } from '@portal/tenancy';
import type { RuleCheck, RuleOutcome } from '../figures/figures.types';
import type { ReportPeriod } from '../period/report-period';

const MAX_FINDINGS = 50;

/**
 * The freshness rules of each portal's profile ("kept up to date", 641 art. 16.1.a and h; 05/2024
 * art. 12.1.a and h; 1376 art. 19.3; 517 art. 7.2.c) judged at the end of the period (or now, for
 * a period still running): an item or section past its review date then fails the check.
 */
export async function freshnessChecks(
  ctx: RequestContext,
  workflow: WorkflowFiguresRepository,
  deadlines: DeadlineService,
  calendars: CalendarService,
  portals: RoutedTenant[],
  p: ReportPeriod,
  now: Date,
): Promise<Map<string, RuleCheck[]>> {
  const asOf = new Date(Math.min(p.end.getTime(), now.getTime()));
  const rulesOf = new Map<string, ResolvedFreshnessRule[]>();
  for (const t of portals) rulesOf.set(t.id, (await deadlines.effectivePolicy(t.id)).freshnessRules);
  const kinds = [...new Set([...rulesOf.values()].flat().flatMap((r) => r.rule.kinds))];
  const out = new Map<string, RuleCheck[]>();
  if (kinds.length === 0) return out;
  const items = await workflow.lastReviews(
    ctx,
    portals.map((t) => t.id),
    asOf,
    kinds,
  );
  for (const t of portals) {
    const calendar = await calendars.forTenant(t.id);
    const checks: RuleCheck[] = [];
    for (const rule of rulesOf.get(t.id) ?? []) {
      const findings: string[] = [];
      let covered = 0;
      let stale = 0;
      const judge = (label: string, last: Date | null) => {
        covered += 1;
        const due = reviewDueAt(calendar, rule, last, asOf);
        if (due.getTime() < asOf.getTime() || last === null) {
          stale += 1;
          if (findings.length < MAX_FINDINGS)
            findings.push(
              `${label}: ${last ? `rà soát lần cuối ${formatDay(localDayOf(last))}, ` : ''}hạn ${formatDay(localDayOf(due))}`,
            );
        }
      };
      const own = items.filter((i) => i.tenant_id === t.id && rule.rule.kinds.includes(i.kind));
      if (rule.rule.scope === 'ITEM') {
        for (const i of own)
          if (freshnessRulesFor([rule], 'ITEM', i.kind, i.language).length)
            judge(i.title, i.last ? new Date(i.last) : null);
      } else {
        const lasts = own.map((i) => (i.last ? new Date(i.last).getTime() : 0));
        const latest = lasts.length ? Math.max(...lasts) : 0;
        judge(rule.rule.kinds.join(', '), latest ? new Date(latest) : null);
      }
      const outcome: RuleOutcome = covered === 0 ? 'NOT_APPLICABLE' : stale ? 'FAILED' : 'PASSED';
      checks.push({
        key: `freshness-${rule.rule.key}`,
        type: 'FRESHNESS',
        titleVi: rule.rule.titleVi,
        titleEn: rule.rule.titleEn ?? null,
        document: rule.document,
        article: rule.rule.article,
        quote: rule.rule.quote ?? null,
        outcome,
        findings,
      });
    }
    out.set(t.id, checks);
  }
  return out;
}
