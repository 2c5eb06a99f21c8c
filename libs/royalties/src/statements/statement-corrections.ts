import { randomUUID } from 'node:crypto';
import { EntityManager, IsNull, Not } from 'typeorm';
import {
  RoyaltyStatementAdjustmentEntity,
  RoyaltyStatementLineEntity,
  StatementLineKind,
} from '../grades/royalty.entities';

/** What identifies an entry across drafting again (its line number does not). */
export function entryKey(e: {
  kind?: StatementLineKind;
  entryKind?: StatementLineKind;
  itemId: string | null;
  syndicationId: string | null;
  accountId: string | null;
  collaboratorId: string | null;
  title?: string | null;
  entryTitle?: string | null;
}): string {
  const kind = e.kind ?? e.entryKind;
  // Remuneration lines have no item: the role's line name tells two roles of one person apart.
  const title = kind === StatementLineKind.REMUNERATION ? (e.title ?? e.entryTitle ?? '') : '';
  return [kind, e.itemId ?? '', e.syndicationId ?? '', e.accountId ?? '', e.collaboratorId ?? '', title].join(
    '|',
  );
}

/** A correction may reduce an entry to nothing, not turn a payment into a charge (or back). */
export const crossesZero = (computed: number, delta: number) =>
  computed >= 0 ? computed + delta < 0 : computed + delta > 0;

export interface AppliedCorrections {
  /** The sum of the corrections in force, added to the computed lines' total. */
  sum: number;
  applied: number;
  /** Corrections whose entry is no longer on the draft (or would cross zero): kept, no longer applied. */
  lapsed: RoyaltyStatementAdjustmentEntity[];
}

/**
 * Writes a draft's CORRECTION lines from the corrections in force, after its computed lines and
 * numbered on from them, each pointing at the line it corrects. Called when a correction is made
 * and when the draft is computed again: a correction follows its entry, and one whose entry has
 * gone is marked lapsed rather than paid without a basis.
 */
export async function applyCorrections(
  m: EntityManager,
  statementId: string,
  now = new Date(),
): Promise<AppliedCorrections> {
  await m.delete(RoyaltyStatementLineEntity, { statementId, kind: StatementLineKind.CORRECTION });
  const lines = await m.find(RoyaltyStatementLineEntity, {
    where: { statementId, kind: Not(StatementLineKind.CORRECTION) },
    order: { lineNo: 'ASC' },
  });
  const byKey = new Map<string, RoyaltyStatementLineEntity>();
  for (const l of lines) if (!byKey.has(entryKey(l))) byKey.set(entryKey(l), l);
  const inForce = await m.find(RoyaltyStatementAdjustmentEntity, {
    where: { statementId, supersededAt: IsNull(), lapsedAt: IsNull() },
    order: { adjustedAt: 'ASC', id: 'ASC' },
  });
  const out: AppliedCorrections = { sum: 0, applied: 0, lapsed: [] };
  const rows: RoyaltyStatementLineEntity[] = [];
  for (const a of inForce) {
    const entry = byKey.get(entryKey(a));
    if (!entry || crossesZero(entry.amount, a.amount)) {
      await m.update(RoyaltyStatementAdjustmentEntity, { id: a.id }, { lapsedAt: now });
      out.lapsed.push(a);
      continue;
    }
    rows.push(
      Object.assign(new RoyaltyStatementLineEntity(), {
        ...entry,
        id: randomUUID(),
        lineNo: lines.length + rows.length + 1,
        kind: StatementLineKind.CORRECTION,
        amount: a.amount,
        note: a.reason,
        adjustmentId: a.id,
        adjustsLineNo: entry.lineNo,
      }),
    );
    out.sum += a.amount;
    out.applied += 1;
  }
  if (rows.length) await m.insert(RoyaltyStatementLineEntity, rows);
  return out;
}
