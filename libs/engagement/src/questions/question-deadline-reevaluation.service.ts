import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@portal/audit';
import { RequestContext, TransactionRunner } from '@portal/platform';
import { QuestionDeadlines } from './question-deadlines';

const BATCH = 500;

/**
 * Recomputes the stored deadlines of questions from the policy and calendar in force now (the
 * editorial counterpart is DeadlineReevaluationService): receipt deadlines from when the holding
 * portal received it, the unit's from routing, the board's from the unit's answer. One audit entry
 * per portal whose deadlines changed. Idempotent.
 */
@Injectable()
export class QuestionDeadlineReevaluationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deadlines: QuestionDeadlines,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  async reevaluate(
    ctx: RequestContext,
    tenantIds: string[] | null,
  ): Promise<{ examined: number; changed: number }> {
    let after = '00000000-0000-0000-0000-000000000000';
    const count = { examined: 0, changed: 0 };
    const changedPer = new Map<string, number>();
    const cols = ['routing_due_at', 'out_of_scope_due_at', 'answer_due_at', 'unit_due_at', 'board_due_at'];
    for (;;) {
      // A maintenance pass over every portal (or the ones named): system work, not a user's list.
      const rows: Array<Record<string, string | null> & { id: string; tenant_id: string }> =
        await this.dataSource.query(
          `SELECT id, tenant_id, handling_since, routed_at, answered_at, ${cols.join(', ')}
             FROM questions
            WHERE id > $1 AND ($2::uuid[] IS NULL OR tenant_id = ANY($2::uuid[]))
            ORDER BY id LIMIT ${BATCH}`,
          [after, tenantIds],
        );
      if (rows.length === 0) break;
      after = rows[rows.length - 1].id;
      for (const row of rows) {
        count.examined++;
        const receipt = await this.deadlines.onReceipt(row.tenant_id, new Date(row.handling_since!));
        const next: Record<string, Date | null> = {
          routing_due_at: receipt.routingDueAt,
          out_of_scope_due_at: receipt.outOfScopeDueAt,
          answer_due_at: receipt.answerDueAt,
          // Kept as they are unless the step that anchors them happened.
          unit_due_at: row.routed_at
            ? await this.deadlines.unitAnswer(row.tenant_id, new Date(row.routed_at))
            : row.unit_due_at
              ? new Date(row.unit_due_at)
              : null,
          board_due_at: row.answered_at
            ? await this.deadlines.boardPublish(row.tenant_id, new Date(row.answered_at))
            : row.board_due_at
              ? new Date(row.board_due_at)
              : null,
        };
        if (cols.every((c) => same(next[c], row[c]))) continue;
        await this.dataSource.query(
          `UPDATE questions SET ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE id = $1`,
          [row.id, ...cols.map((c) => next[c])],
        );
        count.changed++;
        changedPer.set(row.tenant_id, (changedPer.get(row.tenant_id) ?? 0) + 1);
      }
    }
    if (changedPer.size)
      await this.tx.run(ctx, (tx) =>
        this.audit.record(
          tx,
          ...[...changedPer].map(([tenantId, changed]) => ({
            tenantId,
            action: 'engagement.question_deadlines_reevaluated',
            subjectType: 'DeadlinePolicy',
            subjectId: tenantId,
            after: { changed },
          })),
        ),
      );
    return count;
  }
}

function same(a: Date | null, b: string | null | undefined): boolean {
  if (a === null || b === null || b === undefined) return a === null && (b === null || b === undefined);
  return a.getTime() === new Date(b).getTime();
}
