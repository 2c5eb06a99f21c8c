import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeadlineService } from '@portal/calendar';
import type { ContentItemEntity } from '@portal/content';
import { ItemDeadlines } from '../deadlines/item-deadlines.service';
import type { EditorialStateEntity } from '../workflow/editorial.entity';
import { RevisionStatus, WorkflowAction } from '../workflow/workflow';

/** Platform reading where a regulation asks for vetting but names no time for it. */
export const DEFAULT_VETTING_WORKING_DAYS = 1;

/**
 * Unit pre-vetting, where the portal's regulation asks for it (its profile's
 * `workflow.unitPreVetting`: 1376 art. 18.2; 38a art. 8.1; 517 art. 7.2.a): a submission first goes
 * to the unit leader (UNIT_REVIEW, with the unit's own deadline), who passes it on to the board
 * (VET: only then is it submitted to the board, whose deadline starts) or returns it. It applies when
 * the portal has a unit leader covering the item's field; without one a submission goes straight
 * to the board, as everywhere else.
 */
@Injectable()
export class UnitVetting {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deadlines: DeadlineService,
    private readonly itemDeadlines: ItemDeadlines,
  ) {}

  /** Whether a submission of `item` goes to a unit leader first, and that step's deadline in working days. */
  async applies(item: ContentItemEntity): Promise<number | null> {
    const { workflow } = await this.deadlines.effectivePolicy(item.tenantId);
    const choice = workflow.unitPreVetting?.choice;
    if (!choice?.enabled) return null;
    // The leaders of the units of the item's portal (a role on it: a unit's fields, or all of them).
    const [{ n }] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM role_assignments
        WHERE tenant_id = $1 AND role = 'UNIT_LEADER' AND revoked_at IS NULL
          AND valid_from <= now() AND (valid_to IS NULL OR valid_to > now())
          AND (cardinality(fields) = 0 OR $2 = ANY(fields))`,
      [item.tenantId, item.field ?? ''],
    );
    return n > 0 ? (choice.workingDays ?? DEFAULT_VETTING_WORKING_DAYS) : null;
  }

  /**
   * The state a step leads to and what it sets, for the steps vetting changes (SUBMIT, VET); null
   * for the others, which keep their usual effect.
   */
  async step(
    action: WorkflowAction,
    item: ContentItemEntity,
    now: Date,
  ): Promise<{ to: RevisionStatus; changes: Partial<EditorialStateEntity> } | null> {
    if (action === WorkflowAction.SUBMIT) {
      const days = await this.applies(item);
      if (days === null) return null;
      const unitDueAt = await this.itemDeadlines.workingDaysDue(now, days, item.tenantId);
      return { to: RevisionStatus.UNIT_REVIEW, changes: { unitDueAt, submittedAt: null, boardDueAt: null } };
    }
    if (action === WorkflowAction.VET)
      return {
        to: RevisionStatus.SUBMITTED,
        changes: { submittedAt: now, boardDueAt: await this.itemDeadlines.boardDue(now, item.tenantId) },
      };
    return null;
  }
}
