import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '@portal/audit';
import {
  ContentItemEntity,
  ContentKind,
  ContentRevisionEntity,
  plainText,
  sanitizeRichText,
  textOf,
} from '@portal/content';
import {
  NotFoundError,
  RequestContext,
  Result,
  ScopedRepository,
  ScopedRepositoryFactory,
  TransactionRunner,
  can,
  decodeTimeIdCursor,
  encodeCursor,
  inputError,
  isUuid,
  pageSize,
} from '@portal/platform';
import { HostRoutingService, RoutedTenant } from '@portal/tenancy';
import {
  CommentVisibility,
  DraftCommentState,
  ModerationAction,
  moderationTransition,
} from './comment-state';
import {
  ConsultationSettingsEntity,
  ConsultationSummaryEntity,
  DraftCommentEntity,
} from './consultation.entity';
import { EngagementClock } from './engagement-clock';
import { guarded, vietnameseInstant } from './public-result';
import { EngagementErrorCode } from '../errors/engagement-error-code';
import { EngagementErrors } from '../errors/engagement-errors';

export interface CommentQueueFilter {
  /** The portal whose comments (the addressed one by default). */
  tenantId?: string | null;
  itemId?: string | null;
  state?: DraftCommentState | null;
  first?: number | null;
  after?: string | null;
}

export interface CommentQueuePage {
  rows: DraftCommentEntity[];
  hasNextPage: boolean;
  endCursor: string | null;
}

const SUMMARY_MAX = 100_000;
const REASON_MAX = 2_000;

const notAllowed = EngagementErrors.moderationNotAllowed;

/**
 * The board's side of consultations: the moderation queue, publishing or rejecting each comment
 * (state machine in comment-state.ts), the portal's visibility setting, and the summary of how the
 * comments were handled, published once the period has closed. Every step is audited. Rows are
 * checked with `can` on the owning portal (the item's), lists go through the scoped repository; a
 * caller who may not even read a portal's comments is told they do not exist.
 */
@Injectable()
export class ModerationService {
  private readonly comments: ScopedRepository<DraftCommentEntity>;

  constructor(
    scoped: ScopedRepositoryFactory,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly routing: HostRoutingService,
    private readonly clock: EngagementClock,
  ) {
    this.comments = scoped.for(DraftCommentEntity, 'Comment');
  }

  moderate(
    ctx: RequestContext,
    id: string,
    action: ModerationAction,
    reason?: string | null,
  ): Promise<Result<DraftCommentEntity>> {
    return guarded(() =>
      this.tx.run(ctx, async (tx) => {
        const m = this.tx.manager(tx);
        const row = isUuid(id)
          ? await m
              .createQueryBuilder(DraftCommentEntity, 'c')
              .setLock('pessimistic_write')
              .where('c.id = :id', { id })
              .getOne()
          : null;
        const portal = row ? this.routing.tenant(row.tenantId) : null;
        if (!row || !portal || !this.may(tx, 'read', portal)) throw new NotFoundError('Comment');
        if (!this.may(tx, 'moderate', portal)) throw notAllowed();
        const t = moderationTransition(action, row.state);
        if (!t) throw EngagementErrors.commentInvalidTransition(action, row.state);
        const clean = reason ? plainText(reason).trim() : '';
        if (t.needsReason && !clean)
          throw inputError(
            EngagementErrorCode.REASON_REQUIRED,
            'reason',
            'Cần ghi lý do.',
            'A reason is required.',
          );
        if (clean.length > REASON_MAX)
          throw inputError(
            EngagementErrorCode.TOO_LONG,
            'reason',
            `Lý do quá dài (tối đa ${REASON_MAX} ký tự).`,
            `The reason is too long (${REASON_MAX} characters at most).`,
          );
        const before = { state: row.state, reason: row.reason };
        Object.assign(row, {
          state: t.to,
          reason: t.needsReason ? clean : row.reason,
          moderatedBy: tx.accountId,
          moderatedAt: new Date(),
        });
        await m.update(
          DraftCommentEntity,
          { id: row.id },
          {
            state: row.state,
            reason: row.reason,
            moderatedBy: row.moderatedBy,
            moderatedAt: row.moderatedAt,
          },
        );
        await this.audit.record(tx, {
          tenantId: row.tenantId,
          action: `comment.${action.toLowerCase()}`,
          subjectType: 'Comment',
          subjectId: row.id,
          before,
          after: { state: row.state, reason: row.reason, itemId: row.itemId },
        });
        return row;
      }),
    );
  }

  /** Comments the caller may read, oldest first (the board's queue with state PENDING). */
  async queue(ctx: RequestContext, filter: CommentQueueFilter): Promise<CommentQueuePage> {
    const limit = pageSize(filter.first);
    const tenantId = filter.tenantId ?? ctx.requireTenant().id;
    if (!isUuid(tenantId) || (filter.itemId && !isUuid(filter.itemId)))
      return { rows: [], hasNextPage: false, endCursor: null };
    const qb = this.comments
      .query(ctx, 'read', 'row')
      .andWhere('row.tenant_id = :tenantId', { tenantId })
      .orderBy('row.created_at', 'ASC')
      .addOrderBy('row.id', 'ASC')
      .take(limit + 1);
    if (filter.itemId) qb.andWhere('row.item_id = :itemId', { itemId: filter.itemId });
    if (filter.state) qb.andWhere('row.state = :state', { state: filter.state });
    if (filter.after) {
      const { at, id } = decodeTimeIdCursor(filter.after);
      qb.andWhere('(row.created_at, row.id) > (CAST(:at AS timestamptz), CAST(:id AS uuid))', {
        at,
        id,
      });
    }
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      rows: page,
      hasNextPage: rows.length > limit,
      endCursor: last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
    };
  }

  /** The board publishes (or replaces) the account of how the comments were handled, after closing. */
  publishSummary(
    ctx: RequestContext,
    itemId: string,
    summaryHtml: string,
  ): Promise<Result<ConsultationSummaryEntity>> {
    return guarded(() =>
      this.tx.run(ctx, async (tx) => {
        const m = this.tx.manager(tx);
        const { item, portal, closesAt } = await this.liveDraft(tx, m, itemId);
        if (!this.may(tx, 'moderate', portal)) throw notAllowed();
        if (this.clock.now().getTime() < closesAt.getTime())
          throw inputError(
            EngagementErrorCode.CONSULTATION_NOT_CLOSED,
            'itemId',
            `Chỉ công bố kết quả sau khi hết thời gian góp ý (${vietnameseInstant(closesAt)}).`,
            `The summary is published after the comment period closes (${closesAt.toISOString()}).`,
          );
        const raw = summaryHtml ?? '';
        const clean = raw.length > SUMMARY_MAX * 2 ? null : sanitizeRichText(raw);
        if (clean === null || clean.length > SUMMARY_MAX)
          throw inputError(
            EngagementErrorCode.TOO_LONG,
            'summaryHtml',
            `Bản tổng hợp quá dài (tối đa ${SUMMARY_MAX} ký tự).`,
            `The summary is too long (${SUMMARY_MAX} characters at most).`,
          );
        if (!textOf(clean))
          throw inputError(
            EngagementErrorCode.REQUIRED,
            'summaryHtml',
            'Cần nội dung tổng hợp, tiếp thu, giải trình ý kiến góp ý.',
            'The summary of how comments were handled cannot be empty.',
          );
        const existing = await m.findOneBy(ConsultationSummaryEntity, { itemId: item.id });
        const now = new Date();
        const row = Object.assign(new ConsultationSummaryEntity(), {
          itemId: item.id,
          tenantId: item.tenantId,
          summaryHtml: clean,
          publishedBy: tx.accountId,
          publishedAt: existing?.publishedAt ?? now,
          updatedAt: now,
        });
        await m.upsert(ConsultationSummaryEntity, row, ['itemId']);
        await this.audit.record(tx, {
          tenantId: item.tenantId,
          action: 'consultation.summary_published',
          subjectType: 'ContentItem',
          subjectId: item.id,
          before: existing ? { summaryHtml: existing.summaryHtml } : null,
          after: { summaryHtml: clean },
        });
        return row;
      }),
    );
  }

  /** The board sets whether its portal shows published comments. */
  setVisibility(
    ctx: RequestContext,
    tenantId: string | null | undefined,
    visibility: CommentVisibility,
  ): Promise<Result<ConsultationSettingsEntity>> {
    return guarded(() =>
      this.tx.run(ctx, async (tx) => {
        const m = this.tx.manager(tx);
        const id = tenantId ?? tx.requireTenant().id;
        const portal = isUuid(id) ? this.routing.tenant(id) : null;
        if (!portal || !this.may(tx, 'read', portal)) throw new NotFoundError('Portal', 'tenantId');
        if (!this.may(tx, 'moderate', portal)) throw notAllowed();
        const existing = await m.findOneBy(ConsultationSettingsEntity, { tenantId: portal.id });
        const row = Object.assign(new ConsultationSettingsEntity(), {
          tenantId: portal.id,
          commentVisibility: visibility,
          updatedBy: tx.accountId,
          updatedAt: new Date(),
        });
        await m.upsert(ConsultationSettingsEntity, row, ['tenantId']);
        await this.audit.record(tx, {
          tenantId: portal.id,
          action: 'consultation.settings_changed',
          subjectType: 'Tenant',
          subjectId: portal.id,
          before: { commentVisibility: existing?.commentVisibility ?? CommentVisibility.PUBLISHED_ONLY },
          after: { commentVisibility: visibility },
        });
        return row;
      }),
    );
  }

  private may(ctx: RequestContext, action: 'read' | 'moderate', portal: RoutedTenant): boolean {
    return can(ctx, action, 'Comment', { tenantId: portal.id, tenantPath: portal.path });
  }

  private async liveDraft(
    ctx: RequestContext,
    m: EntityManager,
    itemId: string,
  ): Promise<{ item: ContentItemEntity; portal: RoutedTenant; closesAt: Date }> {
    const item = isUuid(itemId) ? await m.findOneBy(ContentItemEntity, { id: itemId }) : null;
    const portal = item ? this.routing.tenant(item.tenantId) : null;
    if (!item || !portal || !this.may(ctx, 'read', portal)) throw new NotFoundError('Item', 'itemId');
    if (item.kind !== ContentKind.DRAFT_DOCUMENT)
      throw inputError(
        EngagementErrorCode.NOT_A_CONSULTATION,
        'itemId',
        'Bài này không phải dự thảo lấy ý kiến.',
        'This item is not a draft document open for comment.',
      );
    const live =
      item.liveRevisionId && !item.withdrawnAt
        ? await m.findOneBy(ContentRevisionEntity, { id: item.liveRevisionId })
        : null;
    if (!live)
      throw inputError(
        EngagementErrorCode.NOT_PUBLISHED,
        'itemId',
        'Dự thảo chưa được đăng hoặc đã gỡ.',
        'The draft is not published (or was withdrawn).',
      );
    return { item, portal, closesAt: new Date(String(live.fields.commentClosesAt)) };
  }
}
