import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, LessThanOrEqual, MoreThan } from 'typeorm';
import { ContentItemEntity, ContentRevisionEntity } from '@portal/content';
import {
  RequestContext,
  ScopedRepository,
  ScopedRepositoryFactory,
  TransactionRunner,
} from '@portal/platform';
import { ApprovalDelegationEntity, EditorialStateEntity, WorkflowEventEntity } from './editorial.entity';
import { RevisionStatus } from './workflow';

/** A row of a board's queue. */
export interface QueueRow {
  item_id: string;
  kind: string;
  title: string;
  revision_id: string;
  status: RevisionStatus;
  board_due_at: Date | null;
  unit_due_at: Date | null;
  due_at: Date | null;
  submitted_at: Date | null;
}

export interface QueueFilter {
  statuses: RevisionStatus[];
  overdueOnly?: boolean | null;
  dueWithinHours?: number | null;
  first?: number | null;
}

/** The workflow's rows: revision states, workflow events, approval delegations, and a board's queue. */
@Injectable()
export class EditorialRepository {
  private readonly items: ScopedRepository<ContentItemEntity>;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly dataSource: DataSource,
    scoped: ScopedRepositoryFactory,
  ) {
    this.items = scoped.for(ContentItemEntity, 'Content');
  }

  states(ctx: RequestContext, itemId: string): Promise<EditorialStateEntity[]> {
    return this.tx.manager(ctx).find(EditorialStateEntity, { where: { itemId } });
  }

  state(ctx: RequestContext, revisionId: string): Promise<EditorialStateEntity | null> {
    return this.tx.manager(ctx).findOne(EditorialStateEntity, { where: { revisionId } });
  }

  /**
   * A revision's state read by a job (no request, no portal), to see whether what it was scheduled
   * for still holds.
   */
  stateForJob(revisionId: string): Promise<EditorialStateEntity | null> {
    return this.dataSource.getRepository(EditorialStateEntity).findOne({ where: { revisionId } });
  }

  /**
   * Locks a revision's state for a step or a save: two taking the same item at once take turns, and
   * the second sees what the first did.
   */
  lockState(tx: RequestContext, revisionId: string): Promise<EditorialStateEntity | null> {
    return this.tx
      .manager(tx)
      .createQueryBuilder(EditorialStateEntity, 's')
      .setLock('pessimistic_write')
      .where('s.revision_id = :id', { id: revisionId })
      .getOne();
  }

  async insertState(tx: RequestContext, row: Partial<EditorialStateEntity>): Promise<void> {
    await this.tx.manager(tx).insert(EditorialStateEntity, row);
  }

  async updateState(
    tx: RequestContext,
    revisionId: string,
    changes: Partial<EditorialStateEntity>,
  ): Promise<void> {
    await this.tx.manager(tx).update(EditorialStateEntity, { revisionId }, changes);
  }

  async insertEvent(tx: RequestContext, row: Omit<WorkflowEventEntity, 'id'>): Promise<void> {
    await this.tx.manager(tx).insert(WorkflowEventEntity, row);
  }

  events(ctx: RequestContext, itemId: string): Promise<WorkflowEventEntity[]> {
    return this.tx.manager(ctx).find(WorkflowEventEntity, { where: { itemId }, order: { id: 'ASC' } });
  }

  /**
   * The delegations in force for a deputy, read while the platform builds the account's abilities
   * (before any request context exists).
   */
  delegationsInForce(deputyAccountId: string, now: Date): Promise<ApprovalDelegationEntity[]> {
    return this.dataSource.getRepository(ApprovalDelegationEntity).find({
      where: {
        deputyAccountId,
        revokedAt: IsNull(),
        validFrom: LessThanOrEqual(now),
        validTo: MoreThan(now),
      },
    });
  }

  async insertDelegation(tx: RequestContext, row: ApprovalDelegationEntity): Promise<void> {
    await this.tx.manager(tx).insert(ApprovalDelegationEntity, row);
  }

  /** Whether the account holds an unrevoked BOARD_DEPUTY role on the portal. */
  async isDeputy(ctx: RequestContext, accountId: string, tenantId: string): Promise<boolean> {
    const [{ n }] = await this.tx
      .manager(ctx)
      .query(
        `SELECT count(*)::int AS n FROM role_assignments WHERE account_id = $1 AND tenant_id = $2 AND role = 'BOARD_DEPUTY' AND revoked_at IS NULL`,
        [accountId, tenantId],
      );
    return n > 0;
  }

  /** The live BOARD_DEPUTY assignments of the portal, with their active accounts. */
  async deputies(
    ctx: RequestContext,
    tenantId: string,
  ): Promise<Array<{ accountId: string; displayName: string; username: string }>> {
    const rows: Array<{ id: string; display_name: string; username: string }> = await this.tx
      .manager(ctx)
      .query(
        `SELECT DISTINCT a.id, a.display_name, a.username::text AS username
         FROM role_assignments r JOIN accounts a ON a.id = r.account_id
        WHERE r.tenant_id = $1 AND r.role = 'BOARD_DEPUTY' AND r.revoked_at IS NULL
          AND (r.valid_to IS NULL OR r.valid_to > now()) AND a.status = 'ACTIVE'
        ORDER BY a.username::text`,
        [tenantId],
      );
    return rows.map((r) => ({ accountId: r.id, displayName: r.display_name, username: r.username }));
  }

  /** A board's queue: revisions in the given states of items the caller may read, oldest deadline first. */
  queue(ctx: RequestContext, filter: QueueFilter): Promise<QueueRow[]> {
    const qb = this.items
      .query(ctx, 'read')
      .innerJoin(EditorialStateEntity, 's', 's.item_id = row.id')
      .innerJoin(ContentRevisionEntity, 'rev', 'rev.id = s.revision_id')
      .andWhere('s.status IN (:...statuses)', { statuses: filter.statuses })
      .select([
        'row.id AS item_id',
        'row.kind AS kind',
        'rev.title AS title',
        's.revision_id AS revision_id',
        's.status AS status',
        's.board_due_at AS board_due_at',
        's.unit_due_at AS unit_due_at',
        's.due_at AS due_at',
        's.submitted_at AS submitted_at',
      ]);
    if (filter.overdueOnly)
      qb.andWhere(
        '(s.board_due_at < now() OR s.due_at < now() OR (s.status = :unitReview AND s.unit_due_at < now()))',
        {
          unitReview: RevisionStatus.UNIT_REVIEW,
        },
      );
    // Due soon: a deadline falls within the next n hours (and has not passed).
    if (filter.dueWithinHours != null)
      qb.andWhere(
        `((s.board_due_at >= now() AND s.board_due_at <= now() + make_interval(hours => :dueHours)) OR (s.due_at >= now() AND s.due_at <= now() + make_interval(hours => :dueHours)))`,
        { dueHours: filter.dueWithinHours },
      );
    return qb
      .orderBy('s.board_due_at', 'ASC', 'NULLS LAST')
      .addOrderBy('row.id', 'ASC')
      .limit(Math.min(filter.first ?? 50, 200))
      .getRawMany();
  }
}
