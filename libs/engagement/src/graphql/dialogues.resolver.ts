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
import { DialogueQuestionsService } from '../dialogues/dialogue-questions.service';
import { DialogueAction, DialogueStep } from '../dialogues/dialogue-state';
import {
  DialogueGuestEntity,
  DialogueQuestionEntity,
  DialogueSessionEntity,
  DialogueState,
} from '../dialogues/dialogue.entity';
import { DialogueBoardView, DialogueService, PublicDialogueView } from '../dialogues/dialogue.service';
import {
  AskDialogueQuestionInput,
  DialogueConnectionType,
  DialogueGuestType,
  DialogueInput,
  DialogueQuestionReceiptResult,
  DialogueQuestionReceiptType,
  DialogueQuestionResult,
  DialogueQuestionTrackingType,
  DialogueQuestionType,
  DialogueResult,
  DialogueType,
  PublicDialogueAnswerType,
  PublicDialogueType,
  SelectDialogueQuestionInput,
} from './dialogues.types';

const guest = (g: DialogueGuestEntity) =>
  Object.assign(new DialogueGuestType(), {
    id: g.id,
    kind: g.kind,
    name: g.name,
    jobTitle: g.jobTitle,
    unit: g.unit,
  });

function presentQuestion(q: DialogueQuestionEntity): DialogueQuestionType {
  return Object.assign(new DialogueQuestionType(), {
    id: q.id,
    dialogueId: q.dialogueId,
    trackingCode: q.trackingCode,
    status: q.status,
    askerName: q.askerName,
    email: q.email,
    phone: q.phone,
    text: q.text,
    displayText: q.displayText,
    guestId: q.guestId,
    answer: q.answer,
    rejectReason: q.rejectReason,
    receivedAt: q.receivedAt,
    moderatedAt: q.moderatedAt,
    answeredAt: q.answeredAt,
  });
}

function present(
  ctx: RequestContext,
  s: DialogueSessionEntity,
  guests: DialogueGuestEntity[],
  view: DialogueBoardView | null,
): DialogueType {
  return Object.assign(new DialogueType(), {
    id: s.id,
    tenantId: s.tenantId,
    state: s.state,
    title: (ctx.locale === 'en' && s.titleEn) || s.titleVi,
    titleVi: s.titleVi,
    titleEn: s.titleEn,
    topicVi: s.topicVi,
    topicEn: s.topicEn,
    place: s.place,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    startedAt: s.startedAt,
    endedAt: s.endedAt,
    cancelReason: s.cancelReason,
    transcriptItemId: s.transcriptItemId,
    guests: guests.filter((g) => !g.removedAt).map(guest),
    allGuests: (view?.allGuests ?? guests).map(guest),
    questions: view ? view.questions.map(presentQuestion) : null,
  });
}

const board = (ctx: RequestContext, v: DialogueBoardView) => present(ctx, v.session, v.guests, v);

function presentPublic(ctx: RequestContext, v: PublicDialogueView): PublicDialogueType {
  const s = v.session;
  const en = ctx.locale === 'en';
  return Object.assign(new PublicDialogueType(), {
    id: s.id,
    state: s.state,
    title: (en && s.titleEn) || s.titleVi,
    topic: (en && s.topicEn) || s.topicVi,
    place: s.place,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    cancelReason: s.cancelReason,
    guests: v.guests.map(guest),
    answers: v.answers.map((a) =>
      Object.assign(new PublicDialogueAnswerType(), {
        id: a.id,
        askerName: a.askerName,
        question: a.question,
        answer: a.answer,
        answeredAt: a.answeredAt,
        guestName: a.guest?.name ?? null,
        guestJobTitle: a.guest?.jobTitle ?? null,
      }),
    ),
    transcriptSlug: v.transcriptSlug,
  });
}

/**
 * Online dialogues (giao lưu trực tuyến): the board schedules sessions with their guests, moves
 * them through their states, moderates citizens' questions and records the guests' answers; anyone
 * reads a portal's sessions and sends questions while one is open or live.
 */
@Resolver()
export class DialoguesResolver {
  constructor(
    private readonly sessions: DialogueService,
    private readonly questions: DialogueQuestionsService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Query(() => DialogueConnectionType, {
    description: 'Sessions of the portal (and below, for subtree roles), newest start first.',
  })
  @CheckAbility('read', 'Dialogue')
  async dialogues(
    @Ctx() ctx: RequestContext,
    @Args('state', { type: () => DialogueState, nullable: true }) state?: DialogueState,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<DialogueConnectionType> {
    const page = await this.sessions.list(ctx, { state, first, after });
    const guests = await this.sessions.guestsOf(ctx, page.nodes);
    return Object.assign(new DialogueConnectionType(), {
      ...page,
      nodes: page.nodes.map((s) =>
        present(
          ctx,
          s,
          guests.filter((g) => g.dialogueId === s.id),
          null,
        ),
      ),
    });
  }

  @Query(() => DialogueType, { description: 'One session with its whole question queue.' })
  @CheckAbility('read', 'Dialogue')
  async dialogue(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<DialogueType> {
    return board(ctx, await this.sessions.view(ctx, id));
  }

  @Query(() => [PublicDialogueType], {
    description: 'The addressed portal’s sessions, newest first (public).',
  })
  @Public()
  async publicDialogues(@Ctx() ctx: RequestContext): Promise<PublicDialogueType[]> {
    const rows = await this.sessions.publicList(ctx, 100);
    const guests = await this.sessions.guestsOf(ctx, rows);
    return rows.map((s) =>
      presentPublic(ctx, {
        session: s,
        guests: guests.filter((g) => g.dialogueId === s.id),
        answers: [],
        transcriptSlug: null,
      }),
    );
  }

  @Query(() => PublicDialogueType, {
    nullable: true,
    description: 'A session of the addressed portal with its published answers (null for another portal’s).',
  })
  @Public()
  async publicDialogue(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<PublicDialogueType | null> {
    const v = await this.sessions.publicView(ctx, id);
    return v ? presentPublic(ctx, v) : null;
  }

  @Query(() => DialogueQuestionTrackingType, {
    nullable: true,
    description: 'A question to a dialogue by its tracking code, on the portal it was sent to.',
  })
  @Public()
  async dialogueQuestionStatus(
    @Ctx() ctx: RequestContext,
    @Args('trackingCode', { type: () => String }) trackingCode: string,
  ): Promise<DialogueQuestionTrackingType | null> {
    const found = await this.questions.track(ctx, trackingCode);
    return found ? Object.assign(new DialogueQuestionTrackingType(), found) : null;
  }

  @Mutation(() => DialogueResult, { description: 'Schedules a session on the addressed portal.' })
  @CheckAbility('create', 'Dialogue')
  async scheduleDialogue(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => DialogueInput }) input: DialogueInput,
    @IdempotencyKey() key: string | null,
  ): Promise<typeof DialogueResult> {
    const r = await this.idempotency.run(
      ctx,
      { operation: 'scheduleDialogue', key, request: input },
      async (tx) => {
        const done = await this.sessions.schedule(tx, input);
        return done.ok ? ok(board(tx, done.value)) : done;
      },
    );
    return r.ok ? Object.assign(new DialogueType(), r.value) : InputErrorType.from(r.error, ctx.locale);
  }

  @Mutation(() => DialogueResult, {
    description: 'Edits a session not yet ended (guests left out are removed).',
  })
  @CheckAbility('update', 'Dialogue')
  async updateDialogue(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { type: () => DialogueInput }) input: DialogueInput,
  ): Promise<typeof DialogueResult> {
    const r = await this.sessions.update(ctx, id, input);
    return r.ok ? board(ctx, r.value) : InputErrorType.from(r.error, ctx.locale);
  }

  @Mutation(() => DialogueResult, {
    description: 'A step of the session: OPEN_QUESTIONS, START, END (drafts the transcript item), CANCEL.',
  })
  @CheckAbility('update', 'Dialogue')
  async transitionDialogue(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('step', { type: () => DialogueStep }) step: DialogueStep,
    @Args('reason', { type: () => String, nullable: true }) reason: string | null,
    @IdempotencyKey() key: string | null,
  ): Promise<typeof DialogueResult> {
    const r = await this.idempotency.run(
      ctx,
      { operation: 'transitionDialogue', key, request: { id, step, reason } },
      async (tx) => {
        const done = await this.sessions.transition(tx, id, step as unknown as DialogueAction, reason);
        return done.ok ? ok(board(tx, done.value)) : done;
      },
    );
    return r.ok ? Object.assign(new DialogueType(), r.value) : InputErrorType.from(r.error, ctx.locale);
  }

  @Mutation(() => DialogueQuestionReceiptResult, {
    description: 'Sends a question to a session open for questions or live; answers a tracking code.',
  })
  @Public()
  async askDialogueQuestion(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => AskDialogueQuestionInput }) input: AskDialogueQuestionInput,
    @IdempotencyKey() key: string | null,
  ): Promise<typeof DialogueQuestionReceiptResult> {
    const { proof, dialogueId, ...request } = input;
    const r = await this.idempotency.run(
      ctx,
      { operation: 'askDialogueQuestion', key, request: { dialogueId, ...request } },
      (tx) => this.questions.ask(tx, dialogueId, request, proof ?? {}),
    );
    return r.ok
      ? Object.assign(new DialogueQuestionReceiptType(), r.value)
      : InputErrorType.from(r.error, ctx.locale);
  }

  @Mutation(() => DialogueQuestionResult, {
    description: 'Selects a question: the text shown (the original kept) and the guest it is put to.',
  })
  @CheckAbility('moderate', 'Dialogue')
  async selectDialogueQuestion(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { type: () => SelectDialogueQuestionInput, nullable: true })
    input: SelectDialogueQuestionInput | null,
  ): Promise<typeof DialogueQuestionResult> {
    const r = await this.questions.select(ctx, id, input ?? {});
    return r.ok ? presentQuestion(r.value) : InputErrorType.from(r.error, ctx.locale);
  }

  @Mutation(() => DialogueQuestionResult, {
    description: 'Rejects a question with a reason (never deleted).',
  })
  @CheckAbility('moderate', 'Dialogue')
  async rejectDialogueQuestion(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => String }) reason: string,
  ): Promise<typeof DialogueQuestionResult> {
    const r = await this.questions.reject(ctx, id, reason);
    return r.ok ? presentQuestion(r.value) : InputErrorType.from(r.error, ctx.locale);
  }

  @Mutation(() => DialogueQuestionResult, {
    description: 'Records a guest’s answer on the guest’s behalf and publishes it on the session page.',
  })
  @CheckAbility('answer', 'Dialogue')
  async answerDialogueQuestion(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('answer', { type: () => String }) answer: string,
    @Args('guestId', { type: () => ID, nullable: true }) guestId: string | null,
  ): Promise<typeof DialogueQuestionResult> {
    const r = await this.questions.answer(ctx, id, { answer, guestId });
    return r.ok ? presentQuestion(r.value) : InputErrorType.from(r.error, ctx.locale);
  }
}
