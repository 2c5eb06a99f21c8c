import { createHmac, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@portal/audit';
import {
  APP_CONFIG,
  AppConfig,
  DomainError,
  NotFoundError,
  RequestContext,
  Result,
  TransactionRunner,
  assertCan,
  fail,
  inputError,
  isUuid,
} from '@portal/platform';
import { HostRoutingService } from '@portal/tenancy';
import { PublicWriteGuard, PublicWriteProof, RateLimitedError } from '../abuse/public-write-guard';
import { EngagementClock } from '../consultations/engagement-clock';
import { guarded } from '../consultations/public-result';
import { randomTrackingCode } from '../questions/question-input';
import {
  AskDialogueInput,
  DIALOGUE_CODE_PREFIX,
  cleanBoardText,
  cleanDialogueAsk,
  normalizeDialogueCode,
} from './dialogue-input';
import {
  ASKING_STATES,
  DIALOGUE_QUESTION_WORKFLOW,
  DialogueQuestionAction,
  dialogueNotTakingQuestions,
} from './dialogue-state';
import {
  DialogueQuestionEntity,
  DialogueQuestionStatus,
  DialogueSessionEntity,
  DialogueState,
} from './dialogue.entity';
import { DialogueRepository } from './dialogue.repository';
import { dialogueNotFound } from './dialogue.service';
import { EngagementErrorCode } from '../errors/engagement-error-code';

/** Questions one address may send to one session (a session is an hour or two; people ask a few). */
export const QUESTIONS_PER_ADDRESS = 5;

export interface DialogueQuestionReceipt {
  trackingCode: string;
  receivedAt: Date;
}

/** What the asker sees by the code: never the contact, never who moderated. */
export interface DialogueQuestionTracking {
  trackingCode: string;
  dialogueId: string;
  status: DialogueQuestionStatus;
  receivedAt: Date;
  rejectReason: string | null;
  answeredAt: Date | null;
}

const questionNotFound = () => new NotFoundError('DialogueQuestion', 'id');

/**
 * Citizens' questions to an online dialogue and the guests' answers. Anyone sends a question while
 * the session is open for questions or live, behind the public write gate, with a name and an
 * optional contact that only the board reads; the address is kept only as a keyed hash, enough to
 * cap questions per address and session. The board selects (editing the displayed text, the
 * original kept) or rejects with a reason, assigns a guest, and records the guest's answer, which is
 * published on the session page at once.
 */
@Injectable()
export class DialogueQuestionsService {
  constructor(
    private readonly repo: DialogueRepository,
    private readonly tx: TransactionRunner,
    private readonly guard: PublicWriteGuard,
    private readonly clock: EngagementClock,
    private readonly routing: HostRoutingService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async ask(
    ctx: RequestContext,
    dialogueId: string,
    input: AskDialogueInput,
    proof: PublicWriteProof,
  ): Promise<Result<DialogueQuestionReceipt>> {
    try {
      // First, before anything is read or written; a flood is refused as a thrown 429.
      await this.guard.admit(ctx, proof);
    } catch (e) {
      if (e instanceof DomainError && !(e instanceof RateLimitedError) && e.httpStatus === 400)
        return fail(e);
      throw e;
    }
    const tenant = ctx.requireTenant();
    const session = isUuid(dialogueId) ? await this.repo.publicSession(ctx, tenant.id, dialogueId) : null;
    if (!session) return fail(dialogueNotFound('dialogueId'));
    if (!ASKING_STATES.includes(session.state)) return fail(dialogueNotTakingQuestions(session.state));
    const clean = cleanDialogueAsk(input);
    if ('error' in clean) return fail(clean.error);
    const addressHash = this.addressHash(ctx, session.id);
    return guarded(() =>
      this.tx.run(ctx, async (tx) => {
        if ((await this.repo.countByAddress(tx, session.id, addressHash)) >= QUESTIONS_PER_ADDRESS)
          throw inputError(
            EngagementErrorCode.TOO_MANY_QUESTIONS,
            'text',
            `Mỗi người gửi tối đa ${QUESTIONS_PER_ADDRESS} câu hỏi cho một buổi giao lưu.`,
            `One person may send at most ${QUESTIONS_PER_ADDRESS} questions to a dialogue.`,
          );
        const now = this.clock.now();
        const row = Object.assign(new DialogueQuestionEntity(), {
          id: randomUUID(),
          dialogueId: session.id,
          tenantId: session.tenantId,
          trackingCode: randomTrackingCode(DIALOGUE_CODE_PREFIX),
          status: DialogueQuestionStatus.RECEIVED,
          askerName: clean.value.name,
          email: clean.value.email,
          phone: clean.value.phone,
          addressHash,
          text: clean.value.text,
          displayText: null,
          guestId: null,
          answer: null,
          rejectReason: null,
          receivedAt: now,
          moderatedBy: null,
          moderatedAt: null,
          answeredBy: null,
          answeredAt: null,
        });
        await this.repo.insertQuestion(tx, row);
        return { trackingCode: row.trackingCode, receivedAt: now };
      }),
    );
  }

  /** A question by its code, on the portal it was sent to only (else null, as for an unknown code). */
  async track(ctx: RequestContext, code: string): Promise<DialogueQuestionTracking | null> {
    const normalized = normalizeDialogueCode(code);
    if (!normalized) return null;
    const row = await this.repo.questionByCode(ctx, ctx.requireTenant().id, normalized);
    if (!row) return null;
    return {
      trackingCode: row.trackingCode,
      dialogueId: row.dialogueId,
      status: row.status,
      receivedAt: row.receivedAt,
      rejectReason: row.rejectReason,
      answeredAt: row.answeredAt,
    };
  }

  /** The board selects a question: the text shown (the original is kept) and the guest it goes to. */
  select(
    ctx: RequestContext,
    id: string,
    input: { displayText?: string | null; guestId?: string | null },
  ): Promise<Result<DialogueQuestionEntity>> {
    return this.step(ctx, id, DialogueQuestionAction.SELECT, async (tx, q) => {
      let displayText: string | null = null;
      if (input.displayText != null && input.displayText.trim() !== '') {
        const clean = cleanBoardText('displayText', input.displayText, 10, 2000, {
          vi: 'nội dung hiển thị',
          en: 'displayed text',
        });
        if ('error' in clean) throw clean.error;
        displayText = clean.value === q.text ? null : clean.value;
      }
      const guestId = input.guestId ? await this.guestOf(tx, q, input.guestId) : q.guestId;
      return {
        displayText,
        guestId,
        rejectReason: null,
        moderatedBy: tx.accountId,
        moderatedAt: this.clock.now(),
      };
    });
  }

  /** The board rejects a question, with its reason (the asker sees it by the code). */
  reject(ctx: RequestContext, id: string, reason: string): Promise<Result<DialogueQuestionEntity>> {
    return this.step(ctx, id, DialogueQuestionAction.REJECT, async (tx) => {
      const clean = cleanBoardText('reason', reason, 1, 1000, { vi: 'lý do', en: 'reason' });
      if ('error' in clean) throw clean.error;
      return { rejectReason: clean.value, moderatedBy: tx.accountId, moderatedAt: this.clock.now() };
    });
  }

  /**
   * A board member records a guest's answer on the guest's behalf; it is published on the session
   * page at once. Recording it again corrects it while the session is live.
   */
  answer(
    ctx: RequestContext,
    id: string,
    input: { answer: string; guestId?: string | null },
  ): Promise<Result<DialogueQuestionEntity>> {
    return this.step(ctx, id, DialogueQuestionAction.ANSWER, async (tx, q) => {
      const guestId = input.guestId ? await this.guestOf(tx, q, input.guestId) : q.guestId;
      if (!guestId)
        throw inputError(
          EngagementErrorCode.GUEST_REQUIRED,
          'guestId',
          'Cần chọn khách mời trả lời câu hỏi.',
          'Choose the guest who answers the question.',
        );
      const clean = cleanBoardText('answer', input.answer, 2, 10000, {
        vi: 'nội dung trả lời',
        en: 'answer',
      });
      if ('error' in clean) throw clean.error;
      return { guestId, answer: clean.value, answeredBy: tx.accountId, answeredAt: this.clock.now() };
    });
  }

  /** One moderation step: the question and its session read, both checked, moved on once, audited. */
  private step(
    ctx: RequestContext,
    id: string,
    action: DialogueQuestionAction,
    change: (tx: RequestContext, q: DialogueQuestionEntity) => Promise<Partial<DialogueQuestionEntity>>,
  ): Promise<Result<DialogueQuestionEntity>> {
    return guarded(() =>
      this.tx.run(ctx, async (tx) => {
        const q = isUuid(id) ? await this.repo.question(tx, 'read', id) : null;
        if (!q) throw questionNotFound();
        const t = DIALOGUE_QUESTION_WORKFLOW.transitions[action];
        const portal = this.routing.tenant(q.tenantId)!;
        assertCan(tx, t.ability, 'Dialogue', { tenantId: portal.id, tenantPath: portal.path });
        // The session is held while its question moves: an END cannot slip between check and write.
        const session = (await this.repo.lockSession(tx, q.dialogueId)) as DialogueSessionEntity;
        if (!t.during.includes(session.state)) throw notDuring(action, session.state);
        if (!DIALOGUE_QUESTION_WORKFLOW.step(action, q.status))
          throw inputError(
            EngagementErrorCode.INVALID_TRANSITION,
            'id',
            'Không thể thực hiện thao tác này với câu hỏi ở trạng thái hiện tại.',
            `This cannot be done to a question that is ${q.status}.`,
          );
        const to = DIALOGUE_QUESTION_WORKFLOW.target(t, q.status);
        const set = { ...(await change(tx, q)), status: to };
        const before = { status: q.status, guestId: q.guestId };
        if (!(await this.repo.updateQuestion(tx, q.id, t.from, set)))
          throw inputError(
            EngagementErrorCode.INVALID_TRANSITION,
            'id',
            'Câu hỏi vừa được người khác xử lý.',
            'Someone else just handled this question.',
          );
        Object.assign(q, set);
        await this.audit.record(tx, {
          tenantId: q.tenantId,
          action: `dialogueQuestion.${action.toLowerCase()}`,
          subjectType: 'DialogueQuestion',
          subjectId: q.id,
          before,
          after: {
            status: q.status,
            guestId: q.guestId,
            displayText: q.displayText,
            reason: q.rejectReason,
            answered: action === DialogueQuestionAction.ANSWER,
          },
        });
        return q;
      }),
    );
  }

  /** A current guest of the question's own session, or a typed error naming the field. */
  private async guestOf(tx: RequestContext, q: DialogueQuestionEntity, guestId: string): Promise<string> {
    const guests = await this.repo.guests(tx, [q.dialogueId]);
    if (!isUuid(guestId) || !guests.some((g) => g.id === guestId))
      throw inputError(
        EngagementErrorCode.GUEST_NOT_FOUND,
        'guestId',
        'Khách mời không thuộc buổi giao lưu này.',
        'The guest is not a guest of this dialogue.',
      );
    return guestId;
  }

  /** Per session, so that two sessions' hashes of one address cannot be linked. */
  private addressHash(ctx: RequestContext, dialogueId: string): string {
    return createHmac('sha256', this.config.jwtSecret)
      .update(`dialogue-address:${dialogueId}:${ctx.ip ?? 'unknown'}`)
      .digest('base64url');
  }
}

function notDuring(action: DialogueQuestionAction, state: DialogueState): DomainError {
  return action === DialogueQuestionAction.ANSWER
    ? inputError(
        EngagementErrorCode.DIALOGUE_NOT_LIVE,
        'id',
        'Chỉ ghi câu trả lời khi buổi giao lưu đang diễn ra.',
        `Answers are recorded while the dialogue is live (it is ${state}).`,
      )
    : inputError(
        EngagementErrorCode.DIALOGUE_CLOSED,
        'id',
        'Buổi giao lưu không còn nhận hoặc chọn câu hỏi.',
        `The dialogue no longer takes or selects questions (it is ${state}).`,
      );
}
