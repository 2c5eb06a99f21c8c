import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { AuditRecord, AuditService } from '@portal/audit';
import { NotFoundError, RequestContext, TransactionRunner, assertCan, can, isUuid } from '@portal/platform';
import { HostRoutingService, RoutedTenant } from '@portal/tenancy';
import {
  RoyaltyStatementEntity,
  RoyaltyStatementLineEntity,
  StatementState,
} from '../grades/royalty.entities';
import { StatementCalculator, monthBounds } from './statement-calculator';
import { applyCorrections } from './statement-corrections';

export interface SubtreeDraft {
  drafted: number;
  /** Portals whose statement for the month is already checked, approved or locked: left as they are. */
  skipped: number;
  lines: number;
  total: number;
}

/**
 * Drafts the month's statement of every portal of a subtree the caller may draft, in one pass:
 * one computation for all of them, one transaction, lines written in batches. What each portal gets
 * is exactly what `StatementService.draft` would give it; statements past their draft are skipped.
 */
@Injectable()
export class SubtreeDraftingService {
  constructor(
    private readonly calculator: StatementCalculator,
    private readonly routing: HostRoutingService,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  async draftSubtree(ctx: RequestContext, rootId: string, month: string): Promise<SubtreeDraft> {
    const root = isUuid(rootId) ? this.routing.tenant(rootId) : null;
    if (!root) throw new NotFoundError('Portal', 'tenantId');
    assertCan(ctx, 'create', 'RoyaltyStatement', { tenantId: root.id, tenantPath: root.path });
    const { year } = monthBounds(month);
    const portals = [root, ...this.descendants(root.id)].filter((t) =>
      can(ctx, 'create', 'RoyaltyStatement', { tenantId: t.id, tenantPath: t.path }),
    );
    const ids = portals.map((t) => t.id);
    return this.tx.run(ctx, async (tx) => {
      const m = this.tx.manager(tx);
      const existing = await m.find(RoyaltyStatementEntity, {
        where: { tenantId: In(ids), month },
        lock: { mode: 'pessimistic_write' },
      });
      const byTenant = new Map(existing.map((s) => [s.tenantId, s]));
      const open = ids.filter(
        (id) => (byTenant.get(id)?.state ?? StatementState.DRAFTED) === StatementState.DRAFTED,
      );
      const computed = await this.calculator.compute(open, month);
      const budgets: Array<{ tenant_id: string; amount: string }> = await m.query(
        `SELECT tenant_id, amount FROM royalty_budgets WHERE tenant_id = ANY($1::uuid[]) AND year = $2`,
        [open, year],
      );
      const used: Array<{ tenant_id: string; used: string }> = await m.query(
        `SELECT tenant_id, sum(total)::bigint AS used FROM royalty_statements
          WHERE tenant_id = ANY($1::uuid[]) AND month LIKE $2 AND month < $3 GROUP BY tenant_id`,
        [open, `${year}-%`, month],
      );
      const budgetOf = new Map(budgets.map((b) => [b.tenant_id, Number(b.amount)]));
      const usedOf = new Map(used.map((u) => [u.tenant_id, Number(u.used)]));
      const redrafted = open.map((id) => byTenant.get(id)?.id).filter((x): x is string => !!x);
      if (redrafted.length) await m.delete(RoyaltyStatementLineEntity, { statementId: In(redrafted) });
      const statements: RoyaltyStatementEntity[] = [];
      const lines: RoyaltyStatementLineEntity[] = [];
      const audits: AuditRecord[] = [];
      const now = new Date();
      for (const id of open) {
        const c = computed.get(id)!;
        const before = byTenant.get(id);
        const statement = Object.assign(before ?? new RoyaltyStatementEntity(), {
          id: before?.id ?? randomUUID(),
          tenantId: id,
          month,
          state: StatementState.DRAFTED,
          profileKey: c.profileKey,
          total: c.total,
          budget: budgetOf.get(id) ?? null,
          budgetUsedBefore: usedOf.get(id) ?? 0,
          draftedBy: ctx.accountId,
          draftedAt: now,
        });
        statements.push(statement);
        c.lines.forEach((l, i) =>
          lines.push(
            Object.assign(new RoyaltyStatementLineEntity(), {
              ...l,
              id: randomUUID(),
              statementId: statement.id,
              lineNo: i + 1,
            }),
          ),
        );
        audits.push({
          tenantId: id,
          action: before ? 'royalty_statement.redrafted' : 'royalty_statement.drafted',
          subjectType: 'RoyaltyStatement',
          subjectId: statement.id,
          before: before ? { total: Number(before.total) } : null,
          after: { month, total: c.total, lines: c.lines.length, subtreeOf: root.id },
        });
      }
      for (let i = 0; i < statements.length; i += 200)
        await m.save(RoyaltyStatementEntity, statements.slice(i, i + 200));
      for (let i = 0; i < lines.length; i += 500)
        await m.insert(RoyaltyStatementLineEntity, lines.slice(i, i + 500));
      // The board head's corrections of drafts drafted again are laid on the new lines, as `draft` does.
      const corrected: Array<{ statement_id: string }> = redrafted.length
        ? await m.query(
            `SELECT DISTINCT statement_id FROM royalty_statement_adjustments
              WHERE statement_id = ANY($1::uuid[]) AND superseded_at IS NULL AND lapsed_at IS NULL`,
            [redrafted],
          )
        : [];
      for (const { statement_id } of corrected) {
        const statement = statements.find((x) => x.id === statement_id)!;
        const c = await applyCorrections(m, statement_id, now);
        statement.total = Number(statement.total) + c.sum;
        await m.update(RoyaltyStatementEntity, { id: statement_id }, { total: statement.total });
        for (const lapsed of c.lapsed)
          audits.push({
            tenantId: statement.tenantId,
            action: 'royalty_statement.correction_lapsed',
            subjectType: 'RoyaltyStatement',
            subjectId: statement_id,
            before: { adjustmentId: lapsed.id, amount: lapsed.amount, reason: lapsed.reason },
            after: null,
          });
      }
      await this.audit.record(tx, ...audits);
      return {
        drafted: open.length,
        skipped: ids.length - open.length,
        lines: lines.length,
        total: statements.reduce((a, s) => a + Number(s.total), 0),
      };
    });
  }

  private descendants(id: string): RoutedTenant[] {
    const out: RoutedTenant[] = [];
    const queue = [id];
    while (queue.length) {
      for (const child of this.routing.children(queue.shift()!)) {
        out.push(child);
        queue.push(child.id);
      }
    }
    return out;
  }
}
