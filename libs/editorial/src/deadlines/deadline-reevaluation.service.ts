import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@portal/audit';
import { ContentKind } from '@portal/content';
import { RequestContext, TransactionRunner } from '@portal/platform';
import { ItemDeadlines } from './item-deadlines.service';

export interface ReevaluationCount {
  examined: number;
  changed: number;
}

const BATCH = 500;

/**
 * Recomputes the stored deadlines of existing revisions (statutory `due_at`, the board's
 * `board_due_at`) from the policy and calendar in force now: after a profile changed, a portal was
 * given another profile, or the meaning of a rule type changed. Every revision is re-read,
 * published ones too, because the reports' on-time figures read them. One audit entry per portal
 * whose deadlines changed, with the count. Idempotent: a second run changes nothing.
 */
@Injectable()
export class DeadlineReevaluationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deadlines: ItemDeadlines,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  /** `tenantIds` null: every portal. */
  async reevaluate(ctx: RequestContext, tenantIds: string[] | null): Promise<ReevaluationCount> {
    let after = '00000000-0000-0000-0000-000000000000';
    const count: ReevaluationCount = { examined: 0, changed: 0 };
    const changedPer = new Map<string, number>();
    for (;;) {
      // A maintenance pass over every portal (or the ones named): system work, not a user's list.
      const rows: Array<{
        revision_id: string;
        tenant_id: string;
        kind: ContentKind;
        created_at: Date;
        fields: Record<string, unknown>;
        submitted_at: Date | null;
        due_at: Date | null;
        board_due_at: Date | null;
      }> = await this.dataSource.query(
        `SELECT s.revision_id, s.tenant_id, i.kind, i.created_at, r.fields, s.submitted_at, s.due_at, s.board_due_at
           FROM editorial_states s
           JOIN content_items i ON i.id = s.item_id
           JOIN content_revisions r ON r.id = s.revision_id
          WHERE s.revision_id > $1 AND ($2::uuid[] IS NULL OR s.tenant_id = ANY($2::uuid[]))
          ORDER BY s.revision_id
          LIMIT ${BATCH}`,
        [after, tenantIds],
      );
      if (rows.length === 0) break;
      after = rows[rows.length - 1].revision_id;
      for (const row of rows) {
        count.examined++;
        const item = { kind: row.kind, tenantId: row.tenant_id, createdAt: new Date(row.created_at) };
        const dueAt = await this.deadlines.statutoryDue(item, row.fields ?? {});
        const boardDueAt = row.submitted_at
          ? await this.deadlines.boardDue(new Date(row.submitted_at), row.tenant_id)
          : null;
        if (same(dueAt, row.due_at) && same(boardDueAt, row.board_due_at)) continue;
        await this.dataSource.query(
          `UPDATE editorial_states SET due_at = $2, board_due_at = $3 WHERE revision_id = $1`,
          [row.revision_id, dueAt, boardDueAt],
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
            action: 'editorial.deadlines_reevaluated',
            subjectType: 'DeadlinePolicy',
            subjectId: tenantId,
            after: { changed },
          })),
        ),
      );
    return count;
  }
}

function same(a: Date | null, b: Date | string | null): boolean {
  if (a === null || b === null) return a === b;
  return a.getTime() === new Date(b).getTime();
}
