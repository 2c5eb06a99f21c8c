import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ContentKind, PublicContentService, PublicItemRow } from '@portal/content';
import {
  NotFoundError,
  RequestContext,
  Result,
  decodeTimeIdCursor,
  encodeCursor,
  inputError,
  isUuid,
  pageSize,
} from '@portal/platform';
import { PublicWriteGuard, PublicWriteProof } from '../abuse/public-write-guard';
import { CommentFields, validateComment } from './comment-input';
import {
  CommentVisibility,
  ConsultationStatus,
  DraftCommentState,
  consultationStatus,
} from './comment-state';
import { ConsultationSettingsEntity, DraftCommentEntity } from './consultation.entity';
import { EngagementClock } from './engagement-clock';
import { guarded, vietnameseInstant } from './public-result';
import { EngagementErrorCode } from '../errors/engagement-error-code';

/** Names a draft document as the public does: by id, or by its address on the addressed portal. */
export interface DraftRef {
  itemId?: string | null;
  slug?: string | null;
}

export interface CommentSubmission extends DraftRef, CommentFields {
  proof?: PublicWriteProof | null;
}

/** A live draft document as shown on the addressed portal, with its comment period. */
export interface OpenDraft {
  itemId: string;
  /** The item's own portal, which owns its comments. */
  tenantId: string;
  title: string;
  opensAt: Date;
  closesAt: Date;
}

export interface ConsultationView extends OpenDraft {
  status: ConsultationStatus;
  commentVisibility: CommentVisibility;
  received: number;
  published: number;
  summaryHtml: string | null;
  summaryPublishedAt: Date | null;
}

export interface PublishedCommentsPage {
  rows: DraftCommentEntity[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/**
 * The public side of consultations on draft documents (docs/domain.md; Decree 42 art. 4): citizens and
 * organisations comment on a live draft while its period is open, identified by name and email;
 * every comment waits for the board; the public reads the published ones (never an email) when the
 * item's portal shows comments, and the consultation's dates, counts and summary.
 *
 * A draft is found through the addressed portal's public placements, so it must be live there
 * (its own, or shown there by syndication); its comments belong to the item's own portal.
 */
// UNSCOPED: anonymous reads and writes on live items the addressed portal shows publicly.
@Injectable()
export class ConsultationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly gate: PublicWriteGuard,
    private readonly content: PublicContentService,
    private readonly clock: EngagementClock,
  ) {}

  /** A citizen's comment: the gate first, then the draft, its period, the fields; stored PENDING. */
  comment(ctx: RequestContext, input: CommentSubmission): Promise<Result<DraftCommentEntity>> {
    return guarded(async () => {
      await this.gate.admit(ctx, input.proof ?? {});
      const draft = await this.draft(ctx, input);
      const now = this.clock.now();
      const status = consultationStatus(draft.opensAt, draft.closesAt, now);
      if (status === ConsultationStatus.UPCOMING)
        throw inputError(
          EngagementErrorCode.COMMENTS_NOT_OPEN,
          'commentOpensAt',
          `Dự thảo chưa mở lấy ý kiến; thời gian góp ý bắt đầu từ ${vietnameseInstant(draft.opensAt)}.`,
          `This draft is not open for comment yet; comments open at ${draft.opensAt.toISOString()}.`,
        );
      if (status === ConsultationStatus.CLOSED)
        throw inputError(
          EngagementErrorCode.COMMENTS_CLOSED,
          'commentClosesAt',
          `Đã hết thời gian góp ý cho dự thảo này (kết thúc lúc ${vietnameseInstant(draft.closesAt)}).`,
          `The comment period of this draft closed at ${draft.closesAt.toISOString()}.`,
        );
      const clean = validateComment(input);
      const row = Object.assign(new DraftCommentEntity(), {
        id: randomUUID(),
        tenantId: draft.tenantId,
        itemId: draft.itemId,
        viaTenantId: ctx.requireTenant().id,
        ...clean,
        state: DraftCommentState.PENDING,
        reason: null,
        createdAt: now,
        moderatedBy: null,
        moderatedAt: null,
      });
      await this.dataSource.manager.insert(DraftCommentEntity, row);
      return row;
    });
  }

  /** The consultation of a draft shown on the addressed portal; null when there is none. */
  async consultation(ctx: RequestContext, ref: DraftRef): Promise<ConsultationView | null> {
    const row = await this.placement(ctx, ref);
    if (!row || row.kind !== ContentKind.DRAFT_DOCUMENT) return null;
    const draft = this.toDraft(row);
    const [counts]: Array<{ received: number; published: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS received, count(*) FILTER (WHERE state = 'PUBLISHED')::int AS published
         FROM draft_comments WHERE item_id = $1`,
      [draft.itemId],
    );
    const [summary]: Array<{ summary_html: string; published_at: Date }> = await this.dataSource.query(
      `SELECT summary_html, published_at FROM consultation_summaries WHERE item_id = $1`,
      [draft.itemId],
    );
    return {
      ...draft,
      status: consultationStatus(draft.opensAt, draft.closesAt, this.clock.now()),
      commentVisibility: await this.visibility(draft.tenantId),
      received: counts.received,
      published: counts.published,
      summaryHtml: summary?.summary_html ?? null,
      summaryPublishedAt: summary ? new Date(summary.published_at) : null,
    };
  }

  /** Published comments of a draft, oldest first; none when the item's portal hides comments. */
  async publishedComments(
    ctx: RequestContext,
    ref: DraftRef,
    first?: number | null,
    after?: string | null,
  ): Promise<PublishedCommentsPage> {
    const limit = pageSize(first);
    const empty = { rows: [], hasNextPage: false, endCursor: null };
    const row = await this.placement(ctx, ref);
    if (!row || row.kind !== ContentKind.DRAFT_DOCUMENT) return empty;
    if ((await this.visibility(row.tenant_id)) === CommentVisibility.HIDDEN) return empty;
    const qb = this.dataSource.manager
      .createQueryBuilder(DraftCommentEntity, 'c')
      .where('c.item_id = :item AND c.state = :state', { item: row.id, state: DraftCommentState.PUBLISHED })
      .orderBy('c.created_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .take(limit + 1);
    if (after) {
      const { at, id } = decodeTimeIdCursor(after);
      qb.andWhere('(c.created_at, c.id) > (CAST(:at AS timestamptz), CAST(:id AS uuid))', {
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

  /** A portal's comment visibility (the default when it never chose). */
  async visibility(tenantId: string): Promise<CommentVisibility> {
    const s = await this.dataSource.manager.findOneBy(ConsultationSettingsEntity, { tenantId });
    return s?.commentVisibility ?? CommentVisibility.PUBLISHED_ONLY;
  }

  /** The live draft document a public write names on the addressed portal; typed errors otherwise. */
  private async draft(ctx: RequestContext, ref: DraftRef): Promise<OpenDraft> {
    if (!ref.itemId && !ref.slug)
      throw inputError(
        EngagementErrorCode.REQUIRED,
        'itemId',
        'Cần chỉ rõ dự thảo được góp ý.',
        'Name the draft document to comment on.',
      );
    const row = await this.placement(ctx, ref);
    const field = ref.itemId ? 'itemId' : 'slug';
    if (!row) throw new NotFoundError('Item', field);
    if (row.kind !== ContentKind.DRAFT_DOCUMENT)
      throw inputError(
        EngagementErrorCode.NOT_A_CONSULTATION,
        field,
        'Bài này không phải dự thảo lấy ý kiến.',
        'This item is not a draft document open for comment.',
      );
    return this.toDraft(row);
  }

  private async placement(ctx: RequestContext, ref: DraftRef): Promise<PublicItemRow | null> {
    const host = ctx.requireTenant().id;
    if (ref.itemId) return isUuid(ref.itemId) ? this.content.byId(host, ref.itemId) : null;
    if (ref.slug) return this.content.bySlug(host, ref.slug, ctx.locale);
    return null;
  }

  private toDraft(row: PublicItemRow): OpenDraft {
    return {
      itemId: row.id,
      tenantId: row.tenant_id,
      title: row.title,
      opensAt: new Date(String(row.fields.commentOpensAt)),
      closesAt: new Date(String(row.fields.commentClosesAt)),
    };
  }
}
