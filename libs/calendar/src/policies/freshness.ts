import { endOfLocalDay, localDayOf } from '../calendar/local-date';
import type { WorkingCalendar } from '../calendar/working-calendar';
import type { ResolvedFreshnessRule } from './deadline-policy.loader';

/**
 * When something last reviewed (or published) at `last` must be reviewed again under a freshness
 * rule: the end of the N-th working day after that day. Nothing reviewed yet (`last` null) is due at
 * once, at `since` (a section that was never filled).
 */
export function reviewDueAt(
  calendar: WorkingCalendar,
  rule: ResolvedFreshnessRule,
  last: Date | null,
  since: Date,
): Date {
  if (!last) return since;
  return endOfLocalDay(calendar.addWorkingDays(localDayOf(last), rule.rule.reviewWithinWorkingDays));
}

/** The freshness rules of `scope` that cover an item of `kind` in `language`. */
export function freshnessRulesFor(
  rules: ResolvedFreshnessRule[],
  scope: 'ITEM' | 'SECTION',
  kind: string,
  language: string,
): ResolvedFreshnessRule[] {
  return rules.filter(
    (r) =>
      r.rule.scope === scope &&
      r.rule.kinds.includes(kind) &&
      (r.rule.language === undefined || r.rule.language === language),
  );
}
