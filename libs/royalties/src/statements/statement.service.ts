import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { AuditService } from '@portal/audit';
import {
  AppAction,
  DomainError,
  NotFoundError,
  RequestContext,
  Result,
  ScopedRepository,
  ScopedRepositoryFactory,
  TransactionRunner,
  assertCan,
  can,
  fail,
  inputError,
  isUuid,
  ok,
} from '@portal/platform';
import { HostRoutingService, RoutedTenant } from '@portal/tenancy';
import {
  RoyaltyBudgetEntity,
  RoyaltyStatementAdjustmentEntity,
  RoyaltyStatementEntity,
  RoyaltyStatementLineEntity,
  StatementState,
} from '../grades/royalty.entities';
import { formatDong } from '../money/royalty-amount';
import { GenreName, RoyaltyProfileService, tenantNotFound } from '../profiles/royalty-profile.service';
import { ComputedStatement, StatementCalculator, monthBounds } from './statement-calculator';
import { applyCorrections } from './statement-corrections';
import { RoyaltiesErrorCode } from '../errors/royalties-error-code';

export interface BudgetStatus {
  year: number;
  budget: number | null;
  usedBefore: number;
  thisMonth: number;
  left: number | null;
  exceeded: boolean;
}

export interface StatementView {
  statement: RoyaltyStatementEntity;
  tenant: RoutedTenant;
  lines: RoyaltyStatementLineEntity[];
  /** Every correction of the statement, oldest first, with the name of who made it. */
  adjustments: Array<RoyaltyStatementAdjustmentEntity & { adjustedByName: string | null }>;
  budget: BudgetStatus;
  warnings: Array<{ code: string; vi: string; en: string }>;
  /** A line's genre by its name in the profile the statement was computed under (null: none). */
  genreName: (genre: string | null) => GenreName | null;
}

export interface SubtreePortalSummary {
  tenant: RoutedTenant;
  state: StatementState | null;
  lines: number;
  royalties: number;
  remuneration: number;
  total: number;
}

/** Steps of a statement: from which state, to which, and the CASL action taken on it. */
const STEPS: Record<
  'check' | 'approve' | 'lock',
  { from: StatementState; to: StatementState; ability: AppAction }
> = {
  // Checked by the board head, approved by the owner's representative, locked by who pays.
  check: { from: StatementState.DRAFTED, to: StatementState.CHECKED, ability: 'review' },
  approve: { from: StatementState.CHECKED, to: StatementState.APPROVED, ability: 'approve' },
  lock: { from: StatementState.APPROVED, to: StatementState.LOCKED, ability: 'lock' },
};

const wrongState = (state: string, step: string) =>
  inputError(
    RoyaltiesErrorCode.INVALID_STATEMENT_STATE,
    'statementId',
    `Bảng kê đang ở trạng thái ${state}, không thể ${step}.`,
    `The statement is ${state}; it cannot be ${step === 'draft' ? 'drafted again' : `${step}ed`}.`,
  );

/**
 * Monthly statements (bảng kê) per portal: drafted from the grades, checked, approved, then locked.
 * A locked statement is never edited: a later change of grade is an adjustment line of the next one.
 */
@Injectable()
export class StatementService {
  readonly statements: ScopedRepository<RoyaltyStatementEntity>;

  constructor(
    scoped: ScopedRepositoryFactory,
    private readonly calculator: StatementCalculator,
    private readonly routing: HostRoutingService,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly profiles: RoyaltyProfileService,
  ) {
    this.statements = scoped.for(RoyaltyStatementEntity, 'RoyaltyStatement');
  }

  async draft(ctx: RequestContext, tenantId: string, month: string): Promise<Result<StatementView>> {
    return this.guard(async () => {
      const tenant = isUuid(tenantId) ? this.routing.tenant(tenantId) : null;
      if (!tenant) throw tenantNotFound();
      assertCan(ctx, 'create', 'RoyaltyStatement', { tenantId: tenant.id, tenantPath: tenant.path });
      monthBounds(month);
      const id = await this.tx.run(ctx, async (tx) => {
        const m = this.tx.manager(tx);
        const existing = await m.findOne(RoyaltyStatementEntity, {
          where: { tenantId: tenant.id, month },
          lock: { mode: 'pessimistic_write' },
        });
        if (existing && existing.state !== StatementState.DRAFTED) throw wrongState(existing.state, 'draft');
        const computed = (await this.calculator.compute([tenant.id], month)).get(tenant.id)!;
        const statement = Object.assign(existing ?? new RoyaltyStatementEntity(), {
          id: existing?.id ?? randomUUID(),
          tenantId: tenant.id,
          month,
          state: StatementState.DRAFTED,
          profileKey: computed.profileKey,
          total: computed.total,
          draftedBy: ctx.accountId,
          draftedAt: new Date(),
        });
        // A draft's lines are computed, not written by anyone: drafting again replaces them; the
        // board head's corrections (kept in their own table) are laid on them again.
        if (existing) await m.delete(RoyaltyStatementLineEntity, { statementId: existing.id });
        await m.save(RoyaltyStatementEntity, statement);
        await this.insertLines(m, statement.id, computed);
        const corrections = await applyCorrections(m, statement.id);
        statement.total = computed.total + corrections.sum;
        const budget = await this.budgetOf(m, tenant.id, month, statement.total, statement.id);
        statement.budget = budget.budget;
        statement.budgetUsedBefore = budget.usedBefore;
        await m.update(
          RoyaltyStatementEntity,
          { id: statement.id },
          { total: statement.total, budget: budget.budget, budgetUsedBefore: budget.usedBefore },
        );
        for (const lapsed of corrections.lapsed)
          await this.audit.record(tx, {
            tenantId: tenant.id,
            action: 'royalty_statement.correction_lapsed',
            subjectType: 'RoyaltyStatement',
            subjectId: statement.id,
            before: { adjustmentId: lapsed.id, amount: lapsed.amount, reason: lapsed.reason },
            after: null,
          });
        await this.audit.record(tx, {
          tenantId: tenant.id,
          action: existing ? 'royalty_statement.redrafted' : 'royalty_statement.drafted',
          subjectType: 'RoyaltyStatement',
          subjectId: statement.id,
          before: existing ? { total: Number(existing.total) } : null,
          after: {
            month,
            total: statement.total,
            lines: computed.lines.length,
            corrections: corrections.applied,
            budgetExceeded: budget.exceeded,
          },
        });
        return statement.id;
      });
      return this.view(ctx, id);
    });
  }

  async step(
    ctx: RequestContext,
    statementId: string,
    step: keyof typeof STEPS,
  ): Promise<Result<StatementView>> {
    return this.guard(async () => {
      const { statement, tenant } = await this.load(ctx, statementId);
      const s = STEPS[step];
      assertCan(ctx, s.ability, 'RoyaltyStatement', { tenantId: tenant.id, tenantPath: tenant.path });
      await this.tx.run(ctx, async (tx) => {
        const m = this.tx.manager(tx);
        const locked = await m.findOne(RoyaltyStatementEntity, {
          where: { id: statement.id },
          lock: { mode: 'pessimistic_write' },
        });
        if (!locked || locked.state !== s.from) throw wrongState(locked?.state ?? statement.state, step);
        const now = new Date();
        const stamp =
          step === 'check'
            ? { checkedBy: ctx.accountId, checkedAt: now }
            : step === 'approve'
              ? { approvedBy: ctx.accountId, approvedAt: now }
              : { lockedBy: ctx.accountId, lockedAt: now };
        await m.update(RoyaltyStatementEntity, { id: statement.id }, { state: s.to, ...stamp });
        await this.audit.record(tx, {
          tenantId: tenant.id,
          action: `royalty_statement.${step === 'check' ? 'checked' : step === 'approve' ? 'approved' : 'locked'}`,
          subjectType: 'RoyaltyStatement',
          subjectId: statement.id,
          before: { state: s.from },
          after: { state: s.to, total: Number(statement.total) },
        });
      });
      return this.view(ctx, statement.id);
    });
  }

  async byMonth(ctx: RequestContext, tenantId: string, month: string): Promise<StatementView | null> {
    if (!isUuid(tenantId)) return null;
    const row = await this.statements
      .query(ctx, 'read')
      .andWhere('row.tenant_id = :tenantId AND row.month = :month', { tenantId, month })
      .getOne();
    return row ? this.view(ctx, row.id) : null;
  }

  async view(ctx: RequestContext, statementId: string): Promise<StatementView> {
    const { statement, tenant } = await this.load(ctx, statementId);
    const m = this.tx.manager(ctx);
    const lines = await m.find(RoyaltyStatementLineEntity, {
      where: { statementId: statement.id },
      order: { lineNo: 'ASC' },
    });
    const corrections = await m.find(RoyaltyStatementAdjustmentEntity, {
      where: { statementId: statement.id },
      order: { adjustedAt: 'ASC', id: 'ASC' },
    });
    const adjusters = [...new Set(corrections.map((a) => a.adjustedBy).filter((x): x is string => !!x))];
    const names = new Map<string, string>(
      adjusters.length
        ? (
            (await m.query('SELECT id, display_name FROM accounts WHERE id = ANY($1::uuid[])', [
              adjusters,
            ])) as Array<{ id: string; display_name: string }>
          ).map((r) => [r.id, r.display_name])
        : [],
    );
    const adjustments = corrections.map((a) =>
      Object.assign(a, { adjustedByName: a.adjustedBy ? (names.get(a.adjustedBy) ?? null) : null }),
    );
    const budget = await this.budgetOf(m, tenant.id, statement.month, Number(statement.total), statement.id);
    const warnings: StatementView['warnings'] = [];
    if (budget.exceeded && budget.budget !== null)
      warnings.push({
        code: 'BUDGET_EXCEEDED',
        vi: `Vượt kinh phí nhuận bút năm ${budget.year}: đã chi ${formatDong(budget.usedBefore)} đ, tháng này ${formatDong(budget.thisMonth)} đ, kinh phí ${formatDong(budget.budget)} đ.`,
        en: `Over the ${budget.year} royalty budget: ${formatDong(budget.usedBefore)} đ used before, ${formatDong(budget.thisMonth)} đ this month, budget ${formatDong(budget.budget)} đ.`,
      });
    // A profile not yet checked against its published text says so wherever it would pay.
    const unverified = this.profiles.listProfiles().find((p) => p.key === statement.profileKey)?.unverified;
    if (unverified)
      warnings.push({
        code: 'PROFILE_UNVERIFIED',
        vi: `Bảng nhuận bút ${statement.profileKey} chưa được đối chiếu với văn bản gốc: ${unverified}`,
        en: `Royalty profile ${statement.profileKey} has not been checked against the published text (${unverified}).`,
      });
    if (budget.budget === null)
      warnings.push({
        code: 'NO_BUDGET',
        vi: `Chưa có kinh phí nhuận bút năm ${budget.year} cho cổng này.`,
        en: `No ${budget.year} royalty budget is set for this portal.`,
      });
    const genreName = this.profiles.genreNames(statement.profileKey);
    return { statement, tenant, lines, adjustments, budget, warnings, genreName };
  }

  /**
   * The managing agency's view of a month: every portal of the subtree it may read, with its stored
   * statement's state and the month's amounts computed now (a draft or not), in one pass.
   */
  async subtreeSummary(ctx: RequestContext, rootId: string, month: string): Promise<SubtreePortalSummary[]> {
    const root = isUuid(rootId) ? this.routing.tenant(rootId) : null;
    if (!root) throw new NotFoundError('Portal', 'tenantId');
    assertCan(ctx, 'read', 'RoyaltyStatement', { tenantId: root.id, tenantPath: root.path });
    monthBounds(month);
    const portals = [root, ...this.descendants(root.id)].filter((t) =>
      can(ctx, 'read', 'RoyaltyStatement', { tenantId: t.id, tenantPath: t.path }),
    );
    const ids = portals.map((t) => t.id);
    return this.tx.run(ctx, async (tx) => {
      const m = this.tx.manager(tx);
      const computed = await this.calculator.compute(ids, month);
      const stored = await m.find(RoyaltyStatementEntity, { where: { tenantId: In(ids), month } });
      const byTenant = new Map(stored.map((s) => [s.tenantId, s]));
      // A statement past its draft stands as it was checked: its own lines, not a new computation.
      const fixed = stored.filter((s) => s.state !== StatementState.DRAFTED);
      const sums: Array<{ statement_id: string; n: number; remuneration: string }> = fixed.length
        ? await m.query(
            `SELECT statement_id, count(*)::int AS n,
                    coalesce(sum(amount) FILTER (WHERE kind = 'REMUNERATION'), 0)::bigint AS remuneration
               FROM royalty_statement_lines WHERE statement_id = ANY($1::uuid[]) GROUP BY statement_id`,
            [fixed.map((s) => s.id)],
          )
        : [];
      const sumOf = new Map(sums.map((r) => [r.statement_id, r]));
      // A draft is computed again below; the board head's corrections on it still count.
      const drafts = stored.filter((s) => s.state === StatementState.DRAFTED);
      const corrected: Array<{ tenant_id: string; sum: string }> = drafts.length
        ? await m.query(
            `SELECT tenant_id, sum(amount)::bigint AS sum FROM royalty_statement_lines
              WHERE statement_id = ANY($1::uuid[]) AND kind = 'CORRECTION' GROUP BY tenant_id`,
            [drafts.map((s) => s.id)],
          )
        : [];
      const correctionOf = new Map(corrected.map((r) => [r.tenant_id, Number(r.sum)]));
      return portals.map((tenant) => {
        const s = byTenant.get(tenant.id);
        if (s && s.state !== StatementState.DRAFTED) {
          const sum = sumOf.get(s.id);
          const remuneration = Number(sum?.remuneration ?? 0);
          const total = Number(s.total);
          return {
            tenant,
            state: s.state,
            lines: sum?.n ?? 0,
            royalties: total - remuneration,
            remuneration,
            total,
          };
        }
        const c = computed.get(tenant.id)!;
        const remuneration = c.lines
          .filter((l) => l.kind === 'REMUNERATION')
          .reduce((a, l) => a + l.amount, 0);
        const total = c.total + (correctionOf.get(tenant.id) ?? 0);
        return {
          tenant,
          state: s?.state ?? null,
          lines: c.lines.length,
          royalties: total - remuneration,
          remuneration,
          total,
        };
      });
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

  private async load(ctx: RequestContext, statementId: string) {
    const statement = isUuid(statementId) ? await this.statements.findById(ctx, 'read', statementId) : null;
    const tenant = statement ? this.routing.tenant(statement.tenantId) : null;
    if (!statement || !tenant) throw new NotFoundError('Royalty statement', 'statementId');
    return { statement, tenant };
  }

  private async budgetOf(
    m: ReturnType<TransactionRunner['manager']>,
    tenantId: string,
    month: string,
    thisMonth: number,
    statementId: string,
  ): Promise<BudgetStatus> {
    const year = Number(month.slice(0, 4));
    const budgetRow = await m.findOne(RoyaltyBudgetEntity, { where: { tenantId, year } });
    const [{ used }] = await m.query(
      `SELECT coalesce(sum(total), 0)::bigint AS used FROM royalty_statements
        WHERE tenant_id = $1 AND month LIKE $2 AND month < $3 AND id <> $4`,
      [tenantId, `${year}-%`, month, statementId],
    );
    const budget = budgetRow ? Number(budgetRow.amount) : null;
    const usedBefore = Number(used);
    const left = budget === null ? null : budget - usedBefore - thisMonth;
    return { year, budget, usedBefore, thisMonth, left, exceeded: left !== null && left < 0 };
  }

  private async insertLines(
    m: ReturnType<TransactionRunner['manager']>,
    statementId: string,
    computed: ComputedStatement,
  ): Promise<void> {
    const rows = computed.lines.map((l, i) =>
      Object.assign(new RoyaltyStatementLineEntity(), { ...l, id: randomUUID(), statementId, lineNo: i + 1 }),
    );
    for (let i = 0; i < rows.length; i += 500)
      await m.insert(RoyaltyStatementLineEntity, rows.slice(i, i + 500));
  }

  private async guard<T>(work: () => Promise<T>): Promise<Result<T>> {
    try {
      return ok(await work());
    } catch (error) {
      if (error instanceof DomainError && error.httpStatus === 400) return fail(error);
      throw error;
    }
  }
}
