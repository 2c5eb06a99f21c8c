import type { RequestContext } from '@portal/platform';
import type { RoutedTenant } from '@portal/tenancy';
import { showHundredths } from '../grades/royalty-input';
import { unitValue } from '../money/royalty-amount';
import type { StatementView } from '../statements/statement.service';
import { RoyaltyAdjustmentStatus, RoyaltyPortalType, RoyaltyStatementType } from './royalties.types';

export const portal = (t: RoutedTenant): RoyaltyPortalType => ({
  id: t.id,
  host: t.primaryHost,
  nameVi: t.nameVi,
});
const money = (n: number | null) => (n === null ? null : String(n));

/** A stored statement as GraphQL shows it: amounts as decimal strings, warnings in the reader's language. */
export const statementType = (ctx: RequestContext, v: StatementView): RoyaltyStatementType =>
  Object.assign(new RoyaltyStatementType(), {
    id: v.statement.id,
    portal: portal(v.tenant),
    month: v.statement.month,
    state: v.statement.state,
    profileKey: v.statement.profileKey,
    total: String(v.statement.total),
    draftedAt: v.statement.draftedAt,
    checkedAt: v.statement.checkedAt,
    approvedAt: v.statement.approvedAt,
    lockedAt: v.statement.lockedAt,
    lines: v.lines.map((l) => ({
      lineNo: l.lineNo,
      kind: l.kind,
      itemId: l.itemId,
      accountId: l.accountId,
      collaboratorId: l.collaboratorId,
      payeeName: l.payeeName,
      title: l.title,
      genre: l.genre,
      genreNameVi: v.genreName(l.genre)?.vi ?? null,
      genreNameEn: v.genreName(l.genre)?.en ?? null,
      coefficient: showHundredths(l.coefficientH),
      factorPercent: showHundredths(l.factorBp),
      levelPercent: showHundredths(l.levelBp),
      sharePercent: showHundredths(l.shareBp),
      unitValue: String(l.base ? unitValue(l.base, l.unitBp) : 0),
      dated: l.dated,
      amount: String(l.amount),
      note: l.note,
      adjustsLineNo: l.adjustsLineNo ?? null,
    })),
    adjustments: v.adjustments.map((a) => ({
      id: a.id,
      status: a.lapsedAt
        ? RoyaltyAdjustmentStatus.LAPSED
        : a.supersededAt
          ? a.supersededBy
            ? RoyaltyAdjustmentStatus.SUPERSEDED
            : RoyaltyAdjustmentStatus.WITHDRAWN
          : RoyaltyAdjustmentStatus.IN_FORCE,
      lineNo: v.lines.find((l) => l.adjustmentId === a.id)?.adjustsLineNo ?? null,
      entryKind: a.entryKind,
      payeeName: a.payeeName,
      entryTitle: a.entryTitle,
      computedAmount: String(a.computedAmount),
      amount: String(a.amount),
      reason: a.reason,
      adjustedBy: a.adjustedByName,
      adjustedAt: a.adjustedAt,
      supersededAt: a.supersededAt,
      lapsedAt: a.lapsedAt,
    })),
    budget: {
      ...v.budget,
      budget: money(v.budget.budget),
      usedBefore: String(v.budget.usedBefore),
      thisMonth: String(v.budget.thisMonth),
      left: money(v.budget.left),
    },
    warnings: v.warnings.map((w) => ({ code: w.code, message: ctx.locale === 'vi' ? w.vi : w.en })),
  });
