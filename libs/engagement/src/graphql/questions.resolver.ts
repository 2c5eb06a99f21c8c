import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  Authenticated,
  CheckAbility,
  Ctx,
  IdempotencyKey,
  IdempotencyService,
  InputErrorType,
  PageInfoType,
  Public,
  RequestContext,
  Result,
  ok,
} from '@portal/platform';
import { HostRoutingService } from '@portal/tenancy';
import { PublicQuestionsService } from '../questions/public-questions.service';
import { QuestionAttachmentsService, attachmentView } from '../questions/question-attachments.service';
import { QuestionRemindersService } from '../questions/question-reminders.service';
import { QuestionType, publicStatusOf, QuestionStatus } from '../questions/question-state';
import { QuestionUnitsService, UnitView } from '../questions/question-units.service';
import { QuestionsService, QuestionView } from '../questions/questions.service';
import {
  AskQuestionInput,
  AskQuestionResult,
  CreateQuestionUnitInput,
  PublishedQuestionConnectionType,
  PublishedQuestionType,
  QuestionAskerType,
  QuestionEscalationType,
  QuestionEventType,
  QuestionPortalType,
  QuestionQueueFilterInput,
  QuestionReceiptType,
  QuestionResult,
  QuestionTrackingType,
  QuestionUnitResult,
  QuestionUnitType,
  QuestionViewType,
  QuestionAttachmentType,
} from './questions.types';

function unitOf(v: UnitView): QuestionUnitType {
  return Object.assign(new QuestionUnitType(), {
    id: v.unit.id,
    tenantId: v.unit.tenantId,
    name: v.unit.name,
    memberAccountIds: v.memberAccountIds,
  });
}

/**
 * Questions and feedback (docs/domain.md; 05/2024/QĐ-UBND art. 12.1.đ). Citizens ask, track and read without an
 * account, on the portal they address; officers' mutations declare the least they need (signed in)
 * and the service answers, per question, whether the caller may take the step (typed errors:
 * NOT_FOUND, NOT_ALLOWED, INVALID_TRANSITION, and the input errors naming the field).
 */
@Resolver()
export class QuestionsResolver {
  constructor(
    private readonly publicQuestions: PublicQuestionsService,
    private readonly questions: QuestionsService,
    private readonly units: QuestionUnitsService,
    private readonly reminders: QuestionRemindersService,
    private readonly routing: HostRoutingService,
    private readonly files: QuestionAttachmentsService,
    private readonly idempotency: IdempotencyService,
  ) {}

  // --- public ---

  @Mutation(() => AskQuestionResult, {
    description: 'Ask the addressed portal a question, or send feedback on administrative regulations.',
  })
  @Public()
  async askQuestion(
    @Ctx() ctx: RequestContext,
    @Args('input') input: AskQuestionInput,
    @IdempotencyKey() key: string | null,
  ): Promise<QuestionReceiptType | InputErrorType> {
    // A retry may carry a new proof of its own: the question is what must match.
    const request = { ...input, proof: undefined };
    const r = await this.idempotency.run(ctx, { operation: 'askQuestion', key, request }, async (tx) => {
      const asked = await this.publicQuestions.ask(tx, input, input.proof ?? {}, input.attachmentId);
      return asked.ok ? ok(Object.assign(new QuestionReceiptType(), asked.value)) : asked;
    });
    return r.ok ? r.value : InputErrorType.from(r.error, ctx.locale);
  }

  @Query(() => QuestionTrackingType, {
    nullable: true,
    description: 'A question by its tracking code, on the portal it was asked on (null otherwise).',
  })
  @Public()
  async questionStatus(
    @Ctx() ctx: RequestContext,
    @Args('trackingCode', { type: () => String }) trackingCode: string,
  ): Promise<QuestionTrackingType | null> {
    const q = await this.publicQuestions.track(ctx, trackingCode);
    if (!q) return null;
    const published = q.status === QuestionStatus.PUBLISHED;
    return Object.assign(new QuestionTrackingType(), {
      trackingCode: q.trackingCode,
      type: q.type,
      topic: q.topic,
      status: publicStatusOf(q.status),
      receivedAt: q.receivedAt,
      answerDueAt: q.answerDueAt,
      forwardedTo: q.tenantId !== q.originTenantId ? this.portal(q.tenantId) : null,
      outOfScopeNotice: q.outOfScopeNotice,
      question: published ? q.publicText : null,
      answer: published ? q.answer : null,
      answeredAt: published ? q.publishedAt : null,
    });
  }

  @Query(() => PublishedQuestionConnectionType, {
    description: 'The addressed portal’s published questions and answers, newest first.',
  })
  @Public()
  async publishedQuestions(
    @Ctx() ctx: RequestContext,
    @Args('type', { type: () => QuestionType, nullable: true }) type?: QuestionType,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<PublishedQuestionConnectionType> {
    const page = await this.publicQuestions.published(ctx, { type, first, after });
    return Object.assign(new PublishedQuestionConnectionType(), {
      nodes: page.nodes.map((q) =>
        Object.assign(new PublishedQuestionType(), {
          id: q.id,
          type: q.type,
          topic: q.topic,
          field: q.field,
          question: q.publicText,
          answer: q.answer,
          receivedAt: q.receivedAt,
          publishedAt: q.publishedAt,
        }),
      ),
      pageInfo: Object.assign(new PageInfoType(), {
        hasNextPage: page.hasNextPage,
        endCursor: page.endCursor,
      }),
    });
  }

  // --- officers ---

  @Query(() => [QuestionViewType], {
    description: 'Questions waiting on the caller’s portals, oldest first; only late ones when asked.',
  })
  @CheckAbility('read', 'Question')
  async questionQueue(
    @Ctx() ctx: RequestContext,
    @Args('filter', { type: () => QuestionQueueFilterInput, nullable: true })
    filter?: QuestionQueueFilterInput,
  ): Promise<QuestionViewType[]> {
    const rows = await this.questions.queue(ctx, filter ?? {});
    return Promise.all(rows.map((v) => this.present(ctx, v)));
  }

  @Query(() => QuestionViewType, { nullable: true, description: 'A question, when the caller may read it.' })
  @CheckAbility('read', 'Question')
  async question(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<QuestionViewType | null> {
    try {
      return await this.present(ctx, await this.questions.view(ctx, id));
    } catch {
      return null;
    }
  }

  @Query(() => [QuestionEventType], { description: 'Every step of a question: who, when, what.' })
  @CheckAbility('read', 'Question')
  async questionHistory(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<QuestionEventType[]> {
    return (await this.questions.history(ctx, id)).map((e) => Object.assign(new QuestionEventType(), e));
  }

  @Query(() => [QuestionEscalationType], {
    description: 'Late questions escalated to the board head (the caller’s boards), newest first.',
  })
  @CheckAbility('approve', 'Question')
  async questionEscalations(
    @Ctx() ctx: RequestContext,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
  ): Promise<QuestionEscalationType[]> {
    return (await this.reminders.list(ctx, first ?? 50)).map((e) =>
      Object.assign(new QuestionEscalationType(), e),
    );
  }

  @Query(() => [QuestionUnitType], { description: 'The units a portal routes questions to.' })
  @CheckAbility('route', 'Question')
  async questionUnits(
    @Ctx() ctx: RequestContext,
    @Args('tenantId', { type: () => ID }) tenantId: string,
  ): Promise<QuestionUnitType[]> {
    return (await this.units.list(ctx, tenantId)).map(unitOf);
  }

  @Mutation(() => QuestionUnitResult, { description: 'Set up a unit that answers the portal’s questions.' })
  @Authenticated()
  async createQuestionUnit(
    @Ctx() ctx: RequestContext,
    @Args('input') input: CreateQuestionUnitInput,
    @IdempotencyKey() key: string | null,
  ): Promise<QuestionUnitType | InputErrorType> {
    const r = await this.idempotency.run(
      ctx,
      { operation: 'createQuestionUnit', key, request: input },
      async (tx) => {
        const made = await this.units.create(tx, input);
        return made.ok ? ok(unitOf(made.value)) : made;
      },
    );
    return r.ok ? r.value : InputErrorType.from(r.error, ctx.locale);
  }

  @Mutation(() => QuestionUnitResult, { description: 'Replace the members of a unit.' })
  @Authenticated()
  async setQuestionUnitMembers(
    @Ctx() ctx: RequestContext,
    @Args('unitId', { type: () => ID }) unitId: string,
    @Args('memberAccountIds', { type: () => [ID] }) memberAccountIds: string[],
  ): Promise<QuestionUnitType | InputErrorType> {
    const r = await this.units.setMembers(ctx, unitId, memberAccountIds);
    return r.ok ? unitOf(r.value) : InputErrorType.from(r.error, ctx.locale);
  }

  @Mutation(() => QuestionResult, { description: 'Set the topic or field (lĩnh vực) of a question.' })
  @Authenticated()
  async classifyQuestion(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('topic', { type: () => String, nullable: true }) topic?: string,
    @Args('field', { type: () => String, nullable: true }) field?: string,
  ): Promise<QuestionViewType | InputErrorType> {
    return this.result(ctx, await this.questions.classify(ctx, id, { topic, field }));
  }

  @Mutation(() => QuestionResult, { description: 'Route a question to a unit, or to a portal below.' })
  @Authenticated()
  async routeQuestion(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('unitId', { type: () => ID, nullable: true }) unitId?: string,
    @Args('childTenantId', { type: () => ID, nullable: true }) childTenantId?: string,
  ): Promise<QuestionViewType | InputErrorType> {
    return this.result(ctx, await this.questions.route(ctx, id, { unitId, childTenantId }));
  }

  @Mutation(() => QuestionResult, {
    description: 'Forward a question to the competent portal; the asker is told where it went.',
  })
  @Authenticated()
  async forwardQuestion(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('targetTenantId', { type: () => ID }) targetTenantId: string,
    @Args('note', { type: () => String, nullable: true }) note?: string,
  ): Promise<QuestionViewType | InputErrorType> {
    return this.result(ctx, await this.questions.forward(ctx, id, { targetTenantId, note }));
  }

  @Mutation(() => QuestionResult, {
    description: 'Tell the asker the question is outside this portal’s scope.',
  })
  @Authenticated()
  async answerQuestionOutOfScope(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('notice', { type: () => String }) notice: string,
  ): Promise<QuestionViewType | InputErrorType> {
    return this.result(ctx, await this.questions.answerOutOfScope(ctx, id, notice));
  }

  @Mutation(() => QuestionResult, { description: 'The unit’s answer, for the board head to approve.' })
  @Authenticated()
  async draftQuestionAnswer(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('answer', { type: () => String }) answer: string,
  ): Promise<QuestionViewType | InputErrorType> {
    return this.result(ctx, await this.questions.draftAnswer(ctx, id, answer));
  }

  @Mutation(() => QuestionResult, { description: 'The head sends the answer back to the unit.' })
  @Authenticated()
  async returnQuestionAnswer(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('note', { type: () => String }) note: string,
  ): Promise<QuestionViewType | InputErrorType> {
    return this.result(ctx, await this.questions.returnAnswer(ctx, id, note));
  }

  @Mutation(() => QuestionResult, { description: 'The head approves the answer (optionally edited).' })
  @Authenticated()
  async approveQuestionAnswer(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('answer', { type: () => String, nullable: true }) answer?: string,
  ): Promise<QuestionViewType | InputErrorType> {
    return this.result(ctx, await this.questions.approve(ctx, id, answer));
  }

  @Mutation(() => QuestionResult, {
    description: 'Publish the question (as edited for publication, never with personal data) and its answer.',
  })
  @Authenticated()
  async publishQuestion(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('publicText', { type: () => String, nullable: true }) publicText?: string,
  ): Promise<QuestionViewType | InputErrorType> {
    return this.result(ctx, await this.questions.publish(ctx, id, publicText));
  }

  // --- helpers ---

  private portal(id: string): QuestionPortalType {
    const t = this.routing.tenant(id);
    return Object.assign(new QuestionPortalType(), {
      id,
      nameVi: t?.nameVi ?? '',
      nameEn: t?.nameEn ?? null,
      primaryHost: t?.primaryHost ?? '',
    });
  }

  private async result(
    ctx: RequestContext,
    r: Result<QuestionView>,
  ): Promise<QuestionViewType | InputErrorType> {
    return r.ok ? this.present(ctx, r.value) : InputErrorType.from(r.error, ctx.locale);
  }

  private async present(ctx: RequestContext, v: QuestionView): Promise<QuestionViewType> {
    const q = v.question;
    const unit = q.unitId ? await this.units.unitOf(ctx, q.unitId) : null;
    const file = await this.files.of(ctx, q.id);
    return Object.assign(new QuestionViewType(), {
      id: q.id,
      attachment: file ? Object.assign(new QuestionAttachmentType(), attachmentView(file)) : null,
      type: q.type,
      status: q.status,
      topic: q.topic,
      field: q.field,
      text: q.text,
      publicText: q.publicText,
      answer: q.answer,
      outOfScopeNotice: q.outOfScopeNotice,
      portal: this.portal(q.tenantId),
      originPortal: this.portal(q.originTenantId),
      answeringPortal: this.portal(q.handlerTenantId),
      unit: unit ? unitOf({ unit, memberAccountIds: [] }) : null,
      asker: v.seesAsker
        ? Object.assign(new QuestionAskerType(), {
            name: q.askerName,
            email: q.askerEmail,
            phone: q.askerPhone,
          })
        : null,
      receivedAt: q.receivedAt,
      handlingSince: q.handlingSince,
      routingDueAt: q.routingDueAt,
      outOfScopeDueAt: q.outOfScopeDueAt,
      answerDueAt: q.answerDueAt,
      unitDueAt: q.unitDueAt,
      boardDueAt: q.boardDueAt,
      routedAt: q.routedAt,
      answeredAt: q.answeredAt,
      publishedAt: q.publishedAt,
    });
  }
}
