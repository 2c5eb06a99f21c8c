import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ContentKind, ContentRevisionEntity, ContentService, KIND_FIELDS } from '@portal/content';
import {
  Authenticated,
  CheckAbility,
  Ctx,
  ForbiddenError,
  IdempotencyKey,
  IdempotencyService,
  InputErrorType,
  NotFoundError,
  RequestContext,
  Result,
  ok,
} from '@portal/platform';
import { EditorialStateEntity } from '../workflow/editorial.entity';
import { EditorialService, ItemView } from '../workflow/editorial.service';
import { ApprovalDelegationService } from '../workflow/approval-delegation.service';
import { RemindersService } from '../workflow/reminders.service';
import { ContentListService } from '../workflow/content-list.service';
import { RefusalReason, RevisionStatus, WorkflowAction } from '../workflow/workflow';
import {
  ApprovalDelegationResult,
  ApprovalDelegationType,
  BoardDeputyType,
  ContentItemResult,
  ContentItemType,
  ContentFieldSpecType,
  ContentItemsFilterInput,
  ContentKindSpecType,
  ContentListConnectionType,
  ContentListItemType,
  CreateContentInputType,
  ItemActionType,
  DelegateApprovalInputType,
  QueueEntryType,
  ReminderType,
  RevisionDiffType,
  RevisionInputType,
  RevisionType,
  WorkflowEventType,
} from './editorial.types';
import { EditorialErrors } from '../errors/editorial-errors';

function revisionOf(r: ContentRevisionEntity, state?: EditorialStateEntity | null): RevisionType {
  return Object.assign(new RevisionType(), {
    id: r.id,
    number: r.number,
    title: r.title,
    summary: r.summary,
    bodyHtml: r.bodyHtml,
    fields: r.fields,
    authorName: r.authorName,
    source: r.source,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    status: state?.status ?? null,
    boardDueAt: state?.boardDueAt ?? null,
    unitDueAt: state?.unitDueAt ?? null,
    dueAt: state?.dueAt ?? null,
    scheduledAt: state?.scheduledAt ?? null,
    withdrawAt: state?.withdrawAt ?? null,
  });
}

function itemOf(v: ItemView): ContentItemType {
  const i = v.item;
  return Object.assign(new ContentItemType(), {
    id: i.id,
    tenantId: i.tenantId,
    kind: i.kind,
    categoryId: i.categoryId,
    language: i.language,
    translationOf: i.translationOf,
    slug: i.slug,
    field: i.field,
    createdBy: i.createdBy,
    publishedAt: i.publishedAt,
    withdrawnAt: i.withdrawnAt,
    pinned: i.pinned,
    working: v.working ? revisionOf(v.working.revision, v.working.state) : null,
    live: v.live ? revisionOf(v.live, null) : null,
    latestNumber: v.latestNumber ?? 0,
    actions: (v.actions ?? []).map((a) => Object.assign(new ItemActionType(), a)),
  });
}

function result(ctx: RequestContext, r: Result<ItemView>): ContentItemType | InputErrorType {
  return r.ok ? itemOf(r.value) : InputErrorType.from(r.error, ctx.locale);
}

/**
 * Editors' operations. Each mutation declares the least it needs (signed in); whether the caller
 * may take the step on this item is the state machine's and the CASL rules' answer, returned as a
 * typed error (`NOT_ALLOWED`, `INVALID_TRANSITION`) that leaves the item unchanged.
 */
@Resolver()
export class EditorialResolver {
  constructor(
    private readonly editorial: EditorialService,
    private readonly content: ContentService,
    private readonly reminders: RemindersService,
    private readonly idempotency: IdempotencyService,
    private readonly list: ContentListService,
    private readonly delegations: ApprovalDelegationService,
  ) {}

  @Query(() => [ContentKindSpecType], {
    description: 'Every content kind with its own fields (for editors’ forms).',
  })
  @CheckAbility('read', 'Content')
  contentKinds(): ContentKindSpecType[] {
    type Spec = {
      type: string;
      required?: boolean;
      values?: readonly string[];
      max?: number;
      of?: Record<string, Spec>;
    };
    const fields = (specs: Record<string, Spec>): ContentFieldSpecType[] =>
      Object.entries(specs).map(([name, f]) =>
        Object.assign(new ContentFieldSpecType(), {
          name,
          type: f.type,
          required: !!f.required,
          values: f.values ? [...f.values] : null,
          max: f.max ?? null,
          of: f.of ? fields(f.of) : null,
        }),
      );
    return Object.values(ContentKind).map((kind) =>
      Object.assign(new ContentKindSpecType(), {
        kind,
        fields: fields(KIND_FIELDS[kind] as Record<string, Spec>),
      }),
    );
  }

  @Query(() => ContentListConnectionType, {
    description: 'Items the caller may read on this portal, last changed first, with their latest revision.',
  })
  @CheckAbility('read', 'Content')
  async contentItems(
    @Ctx() ctx: RequestContext,
    @Args('filter', { type: () => ContentItemsFilterInput, nullable: true }) filter?: ContentItemsFilterInput,
  ): Promise<ContentListConnectionType> {
    const page = await this.list.list(ctx, filter ?? {});
    return {
      nodes: page.rows.map((r) => Object.assign(new ContentListItemType(), r)),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }

  @Query(() => [ReminderType], {
    description: 'Deadline reminders and escalations for the items the caller may read, newest first.',
  })
  @CheckAbility('read', 'Content')
  async editorialReminders(
    @Ctx() ctx: RequestContext,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
  ): Promise<ReminderType[]> {
    return (await this.reminders.list(ctx, first ?? 50)).map((r) => Object.assign(new ReminderType(), r));
  }

  @Query(() => ContentItemType, {
    nullable: true,
    description: 'An item as its editors see it (null when not visible to the caller).',
  })
  @CheckAbility('read', 'Content')
  async contentItem(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => String }) id: string,
  ): Promise<ContentItemType | null> {
    try {
      return itemOf(await this.editorial.view(ctx, id));
    } catch (error) {
      // Not there or not visible: null, as documented. Anything else (the database away) is an error,
      // never "not found".
      if (error instanceof NotFoundError || error instanceof ForbiddenError) return null;
      throw error;
    }
  }

  @Query(() => [WorkflowEventType], { description: 'Every step of an item: who, when, what, why.' })
  @CheckAbility('read', 'Content')
  async contentHistory(
    @Ctx() ctx: RequestContext,
    @Args('itemId', { type: () => String }) itemId: string,
  ): Promise<WorkflowEventType[]> {
    return (await this.editorial.history(ctx, itemId)).map((e) => Object.assign(new WorkflowEventType(), e));
  }

  @Query(() => [RevisionType])
  @CheckAbility('read', 'Content')
  async contentRevisions(
    @Ctx() ctx: RequestContext,
    @Args('itemId', { type: () => String }) itemId: string,
  ): Promise<RevisionType[]> {
    return (await this.editorial.revisions(ctx, itemId)).map((r) => revisionOf(r));
  }

  @Query(() => [RevisionDiffType], {
    description: 'Word-level differences between two revisions of an item.',
  })
  @CheckAbility('read', 'Content')
  async compareRevisions(
    @Ctx() ctx: RequestContext,
    @Args('itemId', { type: () => String }) itemId: string,
    @Args('from', { type: () => Int }) from: number,
    @Args('to', { type: () => Int }) to: number,
  ): Promise<RevisionDiffType[]> {
    const revisions = await this.editorial.revisions(ctx, itemId);
    const a = revisions.find((r) => r.number === from);
    const b = revisions.find((r) => r.number === to);
    if (!a || !b) throw EditorialErrors.revisionNotFound(a ? 'to' : 'from');
    return this.content.compare(a, b);
  }

  @Query(() => [QueueEntryType], {
    description: 'Revisions waiting for a board, by board deadline; overdue ones when asked.',
  })
  @CheckAbility('read', 'Content')
  async editorialQueue(
    @Ctx() ctx: RequestContext,
    @Args('statuses', { type: () => [RevisionStatus], nullable: true }) statuses?: RevisionStatus[],
    @Args('overdueOnly', { type: () => Boolean, nullable: true }) overdueOnly?: boolean,
    @Args('dueWithinHours', {
      type: () => Int,
      nullable: true,
      description: 'Only items with a deadline in the next n hours.',
    })
    dueWithinHours?: number,
  ): Promise<QueueEntryType[]> {
    const rows = await this.editorial.queue(ctx, { statuses, overdueOnly, dueWithinHours });
    return rows.map((r) =>
      Object.assign(new QueueEntryType(), {
        itemId: r.item_id,
        title: r.title,
        kind: r.kind,
        revisionId: r.revision_id,
        status: r.status,
        submittedAt: r.submitted_at,
        boardDueAt: r.board_due_at,
        unitDueAt: r.unit_due_at,
        dueAt: r.due_at,
      }),
    );
  }

  @Mutation(() => ContentItemResult, { description: 'Write a new item (a draft).' })
  @Authenticated()
  async createContent(
    @Ctx() ctx: RequestContext,
    @Args('input') input: CreateContentInputType,
    @IdempotencyKey() key: string | null,
  ): Promise<ContentItemType | InputErrorType> {
    const r = await this.idempotency.run(
      ctx,
      { operation: 'createContent', key, request: input },
      async (tx) => {
        const made = await this.editorial.create(tx, input);
        return made.ok ? ok(itemOf(made.value)) : made;
      },
    );
    return r.ok ? r.value : InputErrorType.from(r.error, ctx.locale);
  }

  @Mutation(() => ContentItemResult, {
    description: 'Save a new revision (of the draft in progress, or a new draft of a live item).',
  })
  @Authenticated()
  async editContent(
    @Ctx() ctx: RequestContext,
    @Args('itemId', { type: () => String }) itemId: string,
    @Args('input') input: RevisionInputType,
    @Args('baseNumber', {
      type: () => Int,
      nullable: true,
      description: 'The latest revision number the editor started from; a later save answers EDIT_CONFLICT.',
    })
    baseNumber?: number,
  ): Promise<ContentItemType | InputErrorType> {
    return result(ctx, await this.editorial.edit(ctx, itemId, input, baseNumber));
  }

  @Mutation(() => ContentItemResult, { description: 'Restore an earlier revision as a new one.' })
  @Authenticated()
  async restoreRevision(
    @Ctx() ctx: RequestContext,
    @Args('itemId', { type: () => String }) itemId: string,
    @Args('number', { type: () => Int }) number: number,
  ): Promise<ContentItemType | InputErrorType> {
    return result(ctx, await this.editorial.restore(ctx, itemId, number));
  }

  @Mutation(() => ContentItemResult, {
    description: 'Take a workflow step: submit, take for review, return, refuse, approve, publish, withdraw.',
  })
  @Authenticated()
  async transitionContent(
    @Ctx() ctx: RequestContext,
    @Args('itemId', { type: () => String }) itemId: string,
    @Args('action', { type: () => WorkflowAction }) action: WorkflowAction,
    @Args('reason', { type: () => RefusalReason, nullable: true }) reason?: RefusalReason,
    @Args('note', { type: () => String, nullable: true }) note?: string,
  ): Promise<ContentItemType | InputErrorType> {
    return result(ctx, await this.editorial.transition(ctx, itemId, action, { reason, note }));
  }

  @Mutation(() => ContentItemResult, {
    description: 'Publish an approved revision at a future time (a job does it, exactly once).',
  })
  @Authenticated()
  async scheduleContent(
    @Ctx() ctx: RequestContext,
    @Args('itemId', { type: () => String }) itemId: string,
    @Args('publishAt', { type: () => Date }) publishAt: Date,
  ): Promise<ContentItemType | InputErrorType> {
    return result(
      ctx,
      await this.editorial.transition(ctx, itemId, WorkflowAction.SCHEDULE, { at: publishAt }),
    );
  }

  @Mutation(() => ContentItemResult, { description: 'Pin an item to the home page, or unpin it.' })
  @Authenticated()
  async pinContent(
    @Ctx() ctx: RequestContext,
    @Args('itemId', { type: () => String }) itemId: string,
    @Args('pinned', { type: () => Boolean }) pinned: boolean,
  ): Promise<ContentItemType | InputErrorType> {
    return result(ctx, await this.editorial.setPinned(ctx, itemId, pinned));
  }

  @Mutation(() => ContentItemResult, { description: 'Withdraw a live item at a future time.' })
  @Authenticated()
  async scheduleWithdrawal(
    @Ctx() ctx: RequestContext,
    @Args('itemId', { type: () => String }) itemId: string,
    @Args('withdrawAt', { type: () => Date }) withdrawAt: Date,
  ): Promise<ContentItemType | InputErrorType> {
    return result(ctx, await this.editorial.scheduleWithdrawal(ctx, itemId, withdrawAt));
  }

  @Query(() => [BoardDeputyType], {
    description: 'The deputies the head of this portal’s board may delegate approval to.',
  })
  @CheckAbility('delegate', 'Content')
  async boardDeputies(@Ctx() ctx: RequestContext): Promise<BoardDeputyType[]> {
    return (await this.delegations.deputies(ctx)).map((d) => Object.assign(new BoardDeputyType(), d));
  }

  @Mutation(() => ApprovalDelegationResult, {
    description: 'The board head lets a deputy approve for a period (38a/QĐ-STTTT art. 6.3).',
  })
  @CheckAbility('delegate', 'Content')
  async delegateApproval(
    @Ctx() ctx: RequestContext,
    @Args('input') input: DelegateApprovalInputType,
    @IdempotencyKey() key: string | null,
  ): Promise<ApprovalDelegationType | InputErrorType> {
    const r = await this.idempotency.run(
      ctx,
      { operation: 'delegateApproval', key, request: input },
      async (tx) => {
        const made = await this.delegations.delegate(tx, input);
        return made.ok ? ok(Object.assign(new ApprovalDelegationType(), made.value)) : made;
      },
    );
    return r.ok ? r.value : InputErrorType.from(r.error, ctx.locale);
  }
}
