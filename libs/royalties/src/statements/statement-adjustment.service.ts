import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { AuditService } from '@portal/audit';
import {
  DomainError,
  NotFoundError,
  RequestContext,
  Result,
  ScopedRepository,
  ScopedRepositoryFactory,
  TransactionRunner,
  assertCan,
  fail,
  inputError,
  isUuid,
  ok,
} from '@portal/platform';
import { HostRoutingService } from '@portal/tenancy';
import {
  RoyaltyStatementAdjustmentEntity,
  RoyaltyStatementEntity,
  RoyaltyStatementLineEntity,
  StatementLineKind,
  StatementState,
} from '../grades/royalty.entities';
import { formatDong } from '../money/royalty-amount';
import { applyCorrections, crossesZero, entryKey } from './statement-corrections';
import { RoyaltiesErrorCode } from '../errors/royalties-error-code';

export interface AdjustLineInput {
  statementId: string;
  /** The line of the draft as it is shown now. */
  lineNo: number;
  /** The correction in đồng, signed: "-8500", "+10.000"; "0" withdraws the correction in force. */
  amount: string;
  reason: string;
}

const REASON_MAX = 500;

/** "-8.500", "+10 000", "8500": integer đồng, dots or spaces between thousands. */
export function parseDong(text: string): number | null {
  const t = text.normalize('NFC').trim().replace(/^−/, '-');
  if (!/^[+-]?(\d{1,3}([. ]\d{3})+|\d{1,15})$/.test(t)) return null;
  const n = Number(t.replace(/[. +]/g, ''));
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * Manual corrections of a draft statement by the board head, who checks it (the `review` right):
 * an entry's computed amount stays as it was computed, and the correction is kept beside it with
 * its reason and shown on the statement as a line of its own. A new correction of the same entry
 * supersedes the one in force (both kept); everything is audited. Only a draft is corrected: once
 * checked, the statement goes on as it stands, and after the lock a change is an adjustment line
 * of a later statement.
 */
@Injectable()
export class StatementAdjustmentService {
  private readonly statements: ScopedRepository<RoyaltyStatementEntity>;

  constructor(
    scoped: ScopedRepositoryFactory,
    private readonly routing: HostRoutingService,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
  ) {
    this.statements = scoped.for(RoyaltyStatementEntity, 'RoyaltyStatement');
  }

  /** Corrects one entry; answers the statement's id. */
  async adjust(ctx: RequestContext, input: AdjustLineInput): Promise<Result<string>> {
    try {
      return ok(await this.run(ctx, input));
    } catch (error) {
      if (error instanceof DomainError && error.httpStatus === 400) return fail(error);
      throw error;
    }
  }

  private async run(ctx: RequestContext, input: AdjustLineInput): Promise<string> {
    const found = isUuid(input.statementId)
      ? await this.statements.findById(ctx, 'read', input.statementId)
      : null;
    const tenant = found ? this.routing.tenant(found.tenantId) : null;
    if (!found || !tenant) throw new NotFoundError('Royalty statement', 'statementId');
    assertCan(ctx, 'review', 'RoyaltyStatement', { tenantId: tenant.id, tenantPath: tenant.path });
    const delta = parseDong(input.amount ?? '');
    if (delta === null)
      throw inputError(
        RoyaltiesErrorCode.INVALID_AMOUNT,
        'amount',
        'Số tiền điều chỉnh phải là số nguyên đồng, có dấu, ví dụ -8500 hoặc +10.000.',
        'The correction must be whole đồng with a sign, such as -8500 or +10.000.',
      );
    const reason = (input.reason ?? '').normalize('NFC').trim();
    if (!reason)
      throw inputError(
        RoyaltiesErrorCode.REASON_REQUIRED,
        'reason',
        'Cần ghi lý do điều chỉnh.',
        'A correction needs its reason.',
      );
    if (reason.length > REASON_MAX)
      throw inputError(
        RoyaltiesErrorCode.REASON_TOO_LONG,
        'reason',
        `Lý do dài tối đa ${REASON_MAX} ký tự.`,
        `The reason may be at most ${REASON_MAX} characters.`,
      );
    return this.tx.run(ctx, async (tx) => {
      const m = this.tx.manager(tx);
      const statement = await m.findOne(RoyaltyStatementEntity, {
        where: { id: found.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!statement || statement.state !== StatementState.DRAFTED)
        throw inputError(
          RoyaltiesErrorCode.INVALID_STATEMENT_STATE,
          'statementId',
          `Bảng kê đang ở trạng thái ${statement?.state ?? found.state}: chỉ điều chỉnh được bảng kê đang lập.`,
          `The statement is ${statement?.state ?? found.state}: only a draft can be corrected.`,
        );
      const entry = Number.isInteger(input.lineNo)
        ? await m.findOne(RoyaltyStatementLineEntity, {
            where: { statementId: statement.id, lineNo: input.lineNo },
          })
        : null;
      if (!entry)
        throw inputError(
          RoyaltiesErrorCode.LINE_NOT_FOUND,
          'lineNo',
          `Bảng kê không có dòng ${input.lineNo}.`,
          `The statement has no line ${input.lineNo}.`,
        );
      if (entry.kind === StatementLineKind.CORRECTION)
        throw inputError(
          RoyaltiesErrorCode.LINE_NOT_ADJUSTABLE,
          'lineNo',
          `Dòng ${entry.lineNo} là một điều chỉnh; hãy điều chỉnh dòng ${entry.adjustsLineNo}.`,
          `Line ${entry.lineNo} is a correction; correct line ${entry.adjustsLineNo} instead.`,
        );
      const key = entryKey(entry);
      const previous = (
        await m.find(RoyaltyStatementAdjustmentEntity, {
          where: { statementId: statement.id, supersededAt: IsNull(), lapsedAt: IsNull() },
        })
      ).find((a) => entryKey(a) === key);
      if (delta === 0 && !previous)
        throw inputError(
          RoyaltiesErrorCode.INVALID_AMOUNT,
          'amount',
          'Số tiền điều chỉnh phải khác 0 (0 chỉ dùng để bỏ điều chỉnh đang có).',
          'The correction cannot be 0 (0 only withdraws a correction in force).',
        );
      if (crossesZero(entry.amount, delta))
        throw inputError(
          RoyaltiesErrorCode.AMOUNT_OUT_OF_RANGE,
          'amount',
          `Sau điều chỉnh, dòng ${entry.lineNo} không được đổi dấu: số tiền tính được là ${formatDong(entry.amount)} đ.`,
          `A correction cannot turn line ${entry.lineNo} past zero: its computed amount is ${formatDong(entry.amount)} đ.`,
        );
      const now = new Date();
      const id = randomUUID();
      if (previous)
        await m.update(
          RoyaltyStatementAdjustmentEntity,
          { id: previous.id },
          { supersededAt: now, supersededBy: delta === 0 ? null : id },
        );
      if (delta !== 0)
        await m.insert(
          RoyaltyStatementAdjustmentEntity,
          Object.assign(new RoyaltyStatementAdjustmentEntity(), {
            id,
            tenantId: statement.tenantId,
            statementId: statement.id,
            entryKind: entry.kind,
            itemId: entry.itemId,
            syndicationId: entry.syndicationId,
            accountId: entry.accountId,
            collaboratorId: entry.collaboratorId,
            entryTitle: entry.title,
            payeeName: entry.payeeName,
            computedAmount: entry.amount,
            amount: delta,
            reason,
            adjustedBy: ctx.accountId,
            adjustedAt: now,
            supersededAt: null,
            supersededBy: null,
            lapsedAt: null,
          }),
        );
      const applied = await applyCorrections(m, statement.id, now);
      const computed = await m
        .createQueryBuilder(RoyaltyStatementLineEntity, 'l')
        .select('coalesce(sum(l.amount), 0)::bigint', 'sum')
        .where('l.statement_id = :id AND l.kind <> :kind', {
          id: statement.id,
          kind: StatementLineKind.CORRECTION,
        })
        .getRawOne<{ sum: string }>();
      const total = Number(computed?.sum ?? 0) + applied.sum;
      await m.update(RoyaltyStatementEntity, { id: statement.id }, { total });
      await this.audit.record(tx, {
        tenantId: statement.tenantId,
        action: delta === 0 ? 'royalty_statement.correction_withdrawn' : 'royalty_statement.corrected',
        subjectType: 'RoyaltyStatement',
        subjectId: statement.id,
        before: {
          lineNo: entry.lineNo,
          payee: entry.payeeName,
          computed: entry.amount,
          correction: previous ? previous.amount : null,
          total: Number(statement.total),
        },
        after: { correction: delta || null, paid: entry.amount + delta, reason, total },
      });
      return statement.id;
    });
  }
}
