import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  CheckAbility,
  Ctx,
  IdempotencyKey,
  IdempotencyService,
  InputErrorType,
  Public,
  RequestContext,
  ok,
} from '@portal/platform';
import { CommentVisibility } from '../consultations/comment-state';
import { ConsultationService } from '../consultations/consultation.service';
import { DraftCommentEntity } from '../consultations/consultation.entity';
import { ModerationService } from '../consultations/moderation.service';
import {
  CommentOnDraftInput,
  CommentOnDraftResult,
  ConsultationSettingsResult,
  ConsultationSettingsType,
  ConsultationSummaryResult,
  ConsultationSummaryType,
  ConsultationType,
  DraftCommentConnectionType,
  DraftCommentQueueFilterInput,
  DraftCommentReceiptType,
  DraftCommentResult,
  DraftCommentType,
  ModerateDraftCommentInput,
  PublicDraftCommentConnectionType,
  PublicDraftCommentType,
} from './consultations.types';

const officerView = (r: DraftCommentEntity): DraftCommentType => Object.assign(new DraftCommentType(), r);

/**
 * Consultations on draft documents: citizens comment (public, behind the write gate), the board of
 * the draft's portal moderates, sets the portal's comment visibility and publishes the summary.
 * Public reads are not cached (counts and moderation change them outside the content's events).
 */
@Resolver()
export class ConsultationsResolver {
  constructor(
    private readonly consultations: ConsultationService,
    private readonly moderation: ModerationService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Mutation(() => CommentOnDraftResult, {
    description:
      'Comments on a live draft document of (or shown on) the addressed portal while its period is open; waits for moderation.',
  })
  @Public()
  async commentOnDraft(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => CommentOnDraftInput }) input: CommentOnDraftInput,
    @IdempotencyKey() key: string | null,
  ): Promise<typeof CommentOnDraftResult> {
    const request = { ...input, proof: undefined };
    const r = await this.idempotency.run(ctx, { operation: 'commentOnDraft', key, request }, async (tx) => {
      const c = await this.consultations.comment(tx, input);
      return c.ok
        ? ok(
            Object.assign(new DraftCommentReceiptType(), {
              id: c.value.id,
              itemId: c.value.itemId,
              state: c.value.state,
              receivedAt: c.value.createdAt,
            }),
          )
        : c;
    });
    return r.ok ? r.value : InputErrorType.from(r.error, ctx.locale);
  }

  @Query(() => ConsultationType, {
    nullable: true,
    description: "A draft document's comment period, counts and summary (null when it is not one).",
  })
  @Public()
  async consultation(
    @Ctx() ctx: RequestContext,
    @Args('itemId', { type: () => ID, nullable: true }) itemId?: string,
    @Args('slug', { type: () => String, nullable: true }) slug?: string,
  ): Promise<ConsultationType | null> {
    const c = await this.consultations.consultation(ctx, { itemId, slug });
    return c ? Object.assign(new ConsultationType(), c) : null;
  }

  @Query(() => PublicDraftCommentConnectionType, {
    description: 'Published comments on a draft, oldest first; empty when its portal hides comments.',
  })
  @Public()
  async draftComments(
    @Ctx() ctx: RequestContext,
    @Args('itemId', { type: () => ID, nullable: true }) itemId?: string,
    @Args('slug', { type: () => String, nullable: true }) slug?: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<PublicDraftCommentConnectionType> {
    const page = await this.consultations.publishedComments(ctx, { itemId, slug }, first, after);
    return {
      nodes: page.rows.map((r) =>
        Object.assign(new PublicDraftCommentType(), {
          id: r.id,
          name: r.name,
          organisation: r.organisation,
          text: r.text,
          createdAt: r.createdAt,
        }),
      ),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }

  @Query(() => DraftCommentConnectionType, {
    description:
      'Comments of a portal for its board (the moderation queue with state PENDING), oldest first.',
  })
  @CheckAbility('read', 'Comment')
  async draftCommentQueue(
    @Ctx() ctx: RequestContext,
    @Args('filter', { type: () => DraftCommentQueueFilterInput, nullable: true })
    filter?: DraftCommentQueueFilterInput,
  ): Promise<DraftCommentConnectionType> {
    const page = await this.moderation.queue(ctx, filter ?? {});
    return {
      nodes: page.rows.map(officerView),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }

  @Mutation(() => DraftCommentResult, {
    description: 'The board publishes a pending comment, or rejects one (with a reason).',
  })
  @CheckAbility('moderate', 'Comment')
  async moderateDraftComment(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => ModerateDraftCommentInput }) input: ModerateDraftCommentInput,
  ): Promise<typeof DraftCommentResult> {
    const r = await this.moderation.moderate(ctx, input.id, input.action, input.reason);
    return r.ok ? officerView(r.value) : InputErrorType.from(r.error, ctx.locale);
  }

  @Mutation(() => ConsultationSummaryResult, {
    description:
      'After the period closed, the board publishes how the comments were handled (replaces any earlier one).',
  })
  @CheckAbility('moderate', 'Comment')
  async publishConsultationSummary(
    @Ctx() ctx: RequestContext,
    @Args('itemId', { type: () => ID }) itemId: string,
    @Args('summaryHtml', { type: () => String }) summaryHtml: string,
  ): Promise<typeof ConsultationSummaryResult> {
    const r = await this.moderation.publishSummary(ctx, itemId, summaryHtml);
    return r.ok
      ? Object.assign(new ConsultationSummaryType(), r.value)
      : InputErrorType.from(r.error, ctx.locale);
  }

  @Mutation(() => ConsultationSettingsResult, {
    description:
      'The board chooses whether its portal shows published comments (the addressed portal by default).',
  })
  @CheckAbility('moderate', 'Comment')
  async setCommentVisibility(
    @Ctx() ctx: RequestContext,
    @Args('visibility', { type: () => CommentVisibility }) visibility: CommentVisibility,
    @Args('tenantId', { type: () => ID, nullable: true }) tenantId?: string,
  ): Promise<typeof ConsultationSettingsResult> {
    const r = await this.moderation.setVisibility(ctx, tenantId, visibility);
    return r.ok
      ? Object.assign(new ConsultationSettingsType(), r.value)
      : InputErrorType.from(r.error, ctx.locale);
  }
}
