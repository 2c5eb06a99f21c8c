import { Injectable } from '@nestjs/common';
import {
  AppAction,
  DomainError,
  NotFoundError,
  RequestContext,
  Result,
  ScopedRepository,
  ScopedRepositoryFactory,
  TransactionRunner,
  can,
  fail,
  inputError,
  isUuid,
  ok,
} from '@portal/platform';
import { HostRoutingService, RoutedTenant, TenantStatus } from '@portal/tenancy';
import { QuestionClock } from './question-clock';
import { QuestionDeadlines } from './question-deadlines';
import { QuestionEvents, QuestionStep } from './question-events';
import { checkText, cleanLine, cleanText } from './question-input';
import {
  OPEN_STATUSES,
  QUESTION_DEADLINES,
  QUESTION_WORKFLOW,
  QuestionAction,
  QuestionStatus,
  QuestionType,
} from './question-state';
import { QuestionEntity, QuestionEventEntity } from './question.entity';
import { QuestionUnitsService } from './question-units.service';
import { EngagementErrorCode } from '../errors/engagement-error-code';
import { EngagementErrors } from '../errors/engagement-errors';

export interface QuestionView {
  question: QuestionEntity;
  /** The asker's contact is shown to the board of the holding portal only, never to units. */
  seesAsker: boolean;
}

/** What one step changes, and what it records. */
interface StepPlan {
  changes: Partial<QuestionEntity>;
  note?: string | null;
  detail?: Record<string, unknown>;
}

const { questionStepNotAllowed: notAllowed, questionInvalidTransition: invalidTransition } = EngagementErrors;

const must = (problem: DomainError | null) => {
  if (problem) throw problem;
};

/**
 * The officers' side of questions and feedback (05/2024/QĐ-UBND art. 12.1.đ): the board of the portal holding a
 * question classifies it, routes it to a unit or a child portal, answers it as out of scope or
 * forwards it to the competent portal; the unit drafts the answer; the head approves or returns it;
 * the board publishes. The state machine (question-state.ts) says which step is possible, the CASL
 * rules who may take it; both failures come back typed and change nothing. Each step is an event of
 * the question and an audit entry, under a row lock so two officers cannot take it twice.
 */
@Injectable()
export class QuestionsService {
  /** Questions by the portal holding them (its board). */
  private readonly held: ScopedRepository<QuestionEntity>;
  /** Questions by the portal answering them (a child portal they were routed to). */
  private readonly handled: ScopedRepository<QuestionEntity>;

  constructor(
    scoped: ScopedRepositoryFactory,
    private readonly tx: TransactionRunner,
    private readonly routing: HostRoutingService,
    private readonly clock: QuestionClock,
    private readonly deadlines: QuestionDeadlines,
    private readonly events: QuestionEvents,
    private readonly units: QuestionUnitsService,
  ) {
    this.held = scoped.for(QuestionEntity, 'Question');
    this.handled = scoped.for(QuestionEntity, 'Question', 'handlerTenantId');
  }

  async view(ctx: RequestContext, id: string): Promise<QuestionView> {
    const question = await this.load(ctx, id);
    return { question, seesAsker: this.can(ctx, 'route', question.tenantId) };
  }

  async history(ctx: RequestContext, id: string): Promise<QuestionEventEntity[]> {
    const q = await this.load(ctx, id);
    return this.tx
      .manager(ctx)
      .find(QuestionEventEntity, { where: { questionId: q.id }, order: { id: 'ASC' } });
  }

  /** Questions waiting on the caller's portals, oldest first; only the late ones when asked. */
  async queue(
    ctx: RequestContext,
    filter: {
      statuses?: QuestionStatus[] | null;
      type?: QuestionType | null;
      overdueOnly?: boolean | null;
      first?: number | null;
    },
  ): Promise<QuestionView[]> {
    const first = filter.first ?? 50;
    if (!Number.isInteger(first) || first < 1 || first > 200)
      throw inputError(
        EngagementErrorCode.INVALID_PAGE_SIZE,
        'first',
        'Số mục phải từ 1 đến 200.',
        'first must be between 1 and 200.',
      );
    const statuses = filter.statuses?.length ? filter.statuses : [...OPEN_STATUSES];
    const now = this.clock.now();
    const rows = new Map<string, QuestionEntity>();
    for (const repo of [this.held, this.handled]) {
      const qb = repo.query(ctx, 'read').andWhere('row.status IN (:...statuses)', { statuses });
      if (filter.type) qb.andWhere('row.type = :type', { type: filter.type });
      if (filter.overdueOnly)
        qb.andWhere(
          `(${Object.values(QUESTION_DEADLINES)
            .map(
              (d) =>
                `(row.${d.column} < :now AND row.status IN (${d.statuses.map((s) => `'${s}'`).join(',')}))`,
            )
            .join(' OR ')})`,
          { now },
        );
      for (const r of await qb
        .orderBy('row.received_at', 'ASC')
        .addOrderBy('row.id', 'ASC')
        .limit(first)
        .getMany())
        rows.set(r.id, r);
    }
    return [...rows.values()]
      .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a.id.localeCompare(b.id))
      .slice(0, first)
      .map((question) => ({ question, seesAsker: this.can(ctx, 'route', question.tenantId) }));
  }

  classify(ctx: RequestContext, id: string, input: { topic?: string | null; field?: string | null }) {
    return this.step(ctx, id, QuestionAction.CLASSIFY, (q) => {
      const changes: Partial<QuestionEntity> = {};
      if (input.topic != null) {
        changes.topic = cleanLine(input.topic);
        must(checkText('topic', changes.topic, 3, 200, { vi: 'chủ đề', en: 'topic' }));
      }
      if (input.field != null) {
        changes.field = cleanLine(input.field) || null;
        must(checkText('field', changes.field ?? '', 2, 100, { vi: 'lĩnh vực', en: 'field' }));
      }
      if (!('topic' in changes) && !('field' in changes))
        throw inputError(
          EngagementErrorCode.FIELD_REQUIRED,
          'field',
          'Cần nhập chủ đề hoặc lĩnh vực.',
          'A topic or a field is required.',
        );
      return { changes, detail: { before: { topic: q.topic, field: q.field }, ...changes } };
    });
  }

  /** To a unit of the holding portal, or to a portal below it, whose officers then draft the answer. */
  route(ctx: RequestContext, id: string, input: { unitId?: string | null; childTenantId?: string | null }) {
    return this.step(ctx, id, QuestionAction.ROUTE, async (q, now) => {
      if (!!input.unitId === !!input.childTenantId)
        throw inputError(
          EngagementErrorCode.ROUTE_TARGET_REQUIRED,
          'unitId',
          'Cần chọn đúng một nơi nhận: một đơn vị hoặc một cổng thành phần.',
          'Name exactly one of a unit or a child portal.',
        );
      const unitDueAt = await this.deadlines.unitAnswer(q.tenantId, now);
      if (input.unitId) {
        const unit = await this.units.find(ctx, input.unitId);
        if (!unit || unit.tenantId !== q.tenantId)
          throw inputError(
            EngagementErrorCode.UNIT_NOT_FOUND,
            'unitId',
            'Không tìm thấy đơn vị của cổng này.',
            'This portal has no such unit.',
          );
        return {
          changes: {
            unitId: unit.id,
            handlerTenantId: q.tenantId,
            routedAt: now,
            unitDueAt,
            boardDueAt: null,
          },
          detail: { unitId: unit.id, unitName: unit.name, unitDueAt },
        };
      }
      const holder = this.routing.tenant(q.tenantId)!;
      const child = this.live(input.childTenantId!);
      if (!child || !child.path.startsWith(`${holder.path}.`))
        throw inputError(
          EngagementErrorCode.NOT_A_CHILD_PORTAL,
          'childTenantId',
          'Cổng nhận phải là cổng thành phần đang hoạt động của cổng này.',
          'The portal must be a live portal below this one.',
        );
      return {
        changes: { unitId: null, handlerTenantId: child.id, routedAt: now, unitDueAt, boardDueAt: null },
        detail: { childTenantId: child.id, childHost: child.primaryHost, unitDueAt },
      };
    });
  }

  /**
   * To the competent portal elsewhere in the federation: the question moves there and starts again
   * as received, with that portal's deadlines counted from now; the asker's code keeps working on
   * the portal it was asked on and says where the question went.
   */
  forward(ctx: RequestContext, id: string, input: { targetTenantId: string; note?: string | null }) {
    return this.step(ctx, id, QuestionAction.FORWARD, async (q, now) => {
      const target = this.live(input.targetTenantId);
      if (!target || target.id === q.tenantId)
        throw inputError(
          EngagementErrorCode.INVALID_FORWARD_TARGET,
          'targetTenantId',
          'Cổng nhận phải là một cổng khác đang hoạt động.',
          'The target must be another live portal.',
        );
      const note = this.note(input.note, false);
      const due = await this.deadlines.onReceipt(target.id, now);
      return {
        changes: {
          tenantId: target.id,
          handlerTenantId: target.id,
          unitId: null,
          field: null,
          handlingSince: now,
          ...due,
          unitDueAt: null,
          boardDueAt: null,
          routedAt: null,
        },
        note,
        detail: { fromTenantId: q.tenantId, toTenantId: target.id, toHost: target.primaryHost, ...due },
      };
    });
  }

  answerOutOfScope(ctx: RequestContext, id: string, notice: string) {
    return this.step(ctx, id, QuestionAction.ANSWER_OUT_OF_SCOPE, (q, now) => {
      const text = cleanText(notice);
      must(checkText('notice', text, 10, 5000, { vi: 'nội dung thông báo', en: 'notice' }));
      return {
        changes: { outOfScopeNotice: text, closedAt: now },
        detail: { late: q.outOfScopeDueAt ? now > q.outOfScopeDueAt : false },
      };
    });
  }

  draftAnswer(ctx: RequestContext, id: string, answer: string) {
    return this.step(ctx, id, QuestionAction.DRAFT_ANSWER, async (q, now) => {
      // A unit's question is drafted by its members (or the board); a child portal's by its officers.
      if (
        q.unitId &&
        !this.can(ctx, 'route', q.tenantId) &&
        !(await this.units.isMember(ctx, q.unitId, ctx.accountId))
      )
        throw notAllowed(QuestionAction.DRAFT_ANSWER);
      const text = this.answerText(answer);
      const boardDueAt = await this.deadlines.boardPublish(q.tenantId, now);
      return { changes: { answer: text, answeredAt: now, boardDueAt }, detail: { boardDueAt } };
    });
  }

  returnAnswer(ctx: RequestContext, id: string, note: string) {
    return this.step(ctx, id, QuestionAction.RETURN, () => ({
      changes: { boardDueAt: null },
      note: this.note(note, true),
    }));
  }

  approve(ctx: RequestContext, id: string, answer?: string | null) {
    return this.step(ctx, id, QuestionAction.APPROVE, (q) => {
      const edited = answer != null ? this.answerText(answer) : null;
      return {
        changes: edited ? { answer: edited } : {},
        detail: { answerEdited: !!edited && edited !== q.answer },
      };
    });
  }

  /** Question (as the board edited it, without the asker's personal data) and answer go public. */
  publish(ctx: RequestContext, id: string, publicText?: string | null) {
    return this.step(ctx, id, QuestionAction.PUBLISH, (q, now) => {
      const text = publicText != null ? cleanText(publicText) : q.text;
      must(
        checkText('publicText', text, 10, 5000, { vi: 'nội dung câu hỏi công bố', en: 'published question' }),
      );
      return {
        changes: { publicText: text, publishedAt: now, closedAt: now },
        detail: { late: q.answerDueAt ? now > q.answerDueAt : false, textEdited: text !== q.text },
      };
    });
  }

  // --- helpers ---

  private async step(
    ctx: RequestContext,
    id: string,
    action: QuestionAction,
    plan: (q: QuestionEntity, now: Date) => StepPlan | Promise<StepPlan>,
  ): Promise<Result<QuestionView>> {
    try {
      const q = await this.load(ctx, id);
      const t = QUESTION_WORKFLOW.step(action, q.status);
      if (!t) throw invalidTransition(action, q.status);
      const on = action === QuestionAction.DRAFT_ANSWER ? q.handlerTenantId : q.tenantId;
      if (!this.can(ctx, t.ability, on)) throw notAllowed(action);
      const now = this.clock.now();
      const { changes, note, detail } = await plan(q, now);
      const to = QUESTION_WORKFLOW.target(t, q.status);
      const updated = await this.tx.run(ctx, async (tx) => {
        const m = this.tx.manager(tx);
        // Two officers taking a step at once: the first wins, the second finds the question moved.
        const locked = await m
          .createQueryBuilder(QuestionEntity, 'q')
          .setLock('pessimistic_write')
          .where('q.id = :id', { id: q.id })
          .getOne();
        if (!locked || locked.status !== q.status || locked.tenantId !== q.tenantId)
          throw invalidTransition(action, locked?.status ?? q.status);
        const next = { ...changes, status: to, updatedAt: now };
        await m.update(QuestionEntity, { id: q.id }, next);
        const steps: QuestionStep[] = [
          { questionId: q.id, tenantId: q.tenantId, action, from: q.status, to, note, detail, at: now },
        ];
        // The receiving portal's log shows what arrived, and from where.
        if (action === QuestionAction.FORWARD)
          steps.push({ ...steps[0], tenantId: changes.tenantId!, action: 'FORWARD_RECEIVED' });
        await this.events.record(tx, ...steps);
        return Object.assign(locked, next);
      });
      return ok({ question: updated, seesAsker: this.can(ctx, 'route', updated.tenantId) });
    } catch (e) {
      if (e instanceof DomainError && e.httpStatus !== 500 && e.httpStatus !== 429) return fail(e);
      throw e;
    }
  }

  /** A question the caller may read (its holding board, or the portal answering it), else NOT_FOUND. */
  private async load(ctx: RequestContext, id: string): Promise<QuestionEntity> {
    const q = isUuid(id)
      ? ((await this.held.findById(ctx, 'read', id)) ?? (await this.handled.findById(ctx, 'read', id)))
      : null;
    if (!q) throw new NotFoundError('Question', 'id');
    return q;
  }

  private can(ctx: RequestContext, action: AppAction, tenantId: string) {
    const tenant = this.routing.tenant(tenantId);
    return !!tenant && can(ctx, action, 'Question', { tenantId: tenant.id, tenantPath: tenant.path });
  }

  private live(id: string): RoutedTenant | null {
    const t = isUuid(id) ? this.routing.tenant(id) : null;
    return t && t.status === TenantStatus.ACTIVE ? t : null;
  }

  private answerText(answer: string): string {
    const text = cleanText(answer);
    must(checkText('answer', text, 10, 20000, { vi: 'nội dung trả lời', en: 'answer' }));
    return text;
  }

  private note(note: string | null | undefined, required: boolean): string | null {
    const text = cleanText(note);
    if (!text && required)
      throw inputError(
        EngagementErrorCode.NOTE_REQUIRED,
        'note',
        'Cần ghi nội dung yêu cầu chỉnh sửa.',
        'A note saying what to change is required.',
      );
    must(checkText('note', text, 0, 4000, { vi: 'ghi chú', en: 'note' }));
    return text || null;
  }
}
