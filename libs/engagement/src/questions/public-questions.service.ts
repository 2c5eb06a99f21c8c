import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  DomainError,
  RequestContext,
  Result,
  TransactionRunner,
  decodeTimeIdCursor,
  encodeCursor,
  fail,
  ok,
  pageSize,
  readFromPrimary,
} from '@portal/platform';
import { PublicWriteGuard, PublicWriteProof, RateLimitedError } from '../abuse/public-write-guard';
import { QuestionAttachmentsService } from './question-attachments.service';
import { QuestionClock } from './question-clock';
import { QuestionDeadlines } from './question-deadlines';
import { QuestionEvents } from './question-events';
import { AskInput, cleanAsk, newTrackingCode, normalizeTrackingCode } from './question-input';
import { QuestionStatus, QuestionType } from './question-state';
import { QuestionEntity } from './question.entity';

export interface QuestionReceipt {
  trackingCode: string;
  type: QuestionType;
  receivedAt: Date;
  answerDueAt: Date | null;
}

export interface PublishedPage {
  nodes: QuestionEntity[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/**
 * What citizens do without an account: ask (behind PublicWriteGuard), follow a question by its
 * tracking code on the portal it was asked on, and read the published questions and answers of a
 * portal. Nothing here ever returns the asker's name, email or phone.
 */
@Injectable()
export class PublicQuestionsService {
  constructor(
    private readonly guard: PublicWriteGuard,
    private readonly tx: TransactionRunner,
    private readonly clock: QuestionClock,
    private readonly deadlines: QuestionDeadlines,
    private readonly events: QuestionEvents,
    private readonly files: QuestionAttachmentsService,
  ) {}

  async ask(
    ctx: RequestContext,
    input: AskInput,
    proof: PublicWriteProof,
    attachmentId?: string | null,
  ): Promise<Result<QuestionReceipt>> {
    try {
      // First, before anything is read or written; a flood is refused as a thrown 429.
      await this.guard.admit(ctx, proof);
    } catch (e) {
      if (e instanceof DomainError && !(e instanceof RateLimitedError) && e.httpStatus === 400)
        return fail(e);
      throw e;
    }
    const tenant = ctx.requireTenant();
    const clean = cleanAsk(input);
    if ('error' in clean) return fail(clean.error);
    const now = this.clock.now();
    const due = await this.deadlines.onReceipt(tenant.id, now);
    const row: QuestionEntity = Object.assign(new QuestionEntity(), {
      id: randomUUID(),
      tenantId: tenant.id,
      originTenantId: tenant.id,
      handlerTenantId: tenant.id,
      unitId: null,
      type: clean.value.type,
      trackingCode: newTrackingCode(clean.value.type),
      status: QuestionStatus.RECEIVED,
      askerName: clean.value.name,
      askerEmail: clean.value.email,
      askerPhone: clean.value.phone,
      topic: clean.value.topic,
      field: null,
      text: clean.value.text,
      publicText: null,
      answer: null,
      outOfScopeNotice: null,
      receivedAt: now,
      handlingSince: now,
      ...due,
      unitDueAt: null,
      boardDueAt: null,
      routedAt: null,
      answeredAt: null,
      publishedAt: null,
      closedAt: null,
      updatedAt: now,
    });
    try {
      await this.store(ctx, row, attachmentId ?? null, now);
    } catch (e) {
      if (e instanceof DomainError && e.httpStatus === 400) return fail(e);
      throw e;
    }
    return ok({
      trackingCode: row.trackingCode,
      type: row.type,
      receivedAt: now,
      answerDueAt: row.answerDueAt,
    });
  }

  /** The question, its first event and its file (if one was sent), together or not at all. */
  private store(
    ctx: RequestContext,
    row: QuestionEntity,
    attachmentId: string | null,
    now: Date,
  ): Promise<void> {
    const tenant = ctx.requireTenant();
    return this.tx.run(ctx, async (tx) => {
      await this.tx.manager(tx).insert(QuestionEntity, row);
      if (attachmentId) await this.files.claim(this.tx.manager(tx), tenant.id, attachmentId, row.id);
      await this.events.record(tx, {
        questionId: row.id,
        tenantId: tenant.id,
        action: 'ASK',
        from: null,
        to: QuestionStatus.RECEIVED,
        detail: { type: row.type, topic: row.topic, attachment: !!attachmentId },
        at: now,
      });
    });
  }

  /** A question by its code, on the portal it was asked on only (any other: null, as for an unknown code). */
  async track(ctx: RequestContext, code: string): Promise<QuestionEntity | null> {
    const tenant = ctx.requireTenant();
    const normalized = normalizeTrackingCode(code);
    if (!normalized) return null;
    // The asker follows the code they were just given: read it where it was written.
    return readFromPrimary(() =>
      this.tx
        .manager(ctx)
        .findOne(QuestionEntity, { where: { trackingCode: normalized, originTenantId: tenant.id } }),
    );
  }

  /** The addressed portal's published questions and answers, newest first, keyset-paginated. */
  async published(
    ctx: RequestContext,
    filter: { type?: QuestionType | null; first?: number | null; after?: string | null },
  ): Promise<PublishedPage> {
    const tenant = ctx.requireTenant();
    const first = pageSize(filter.first);
    const qb = this.tx
      .manager(ctx)
      .createQueryBuilder(QuestionEntity, 'q')
      .where('q.tenant_id = :tenant', { tenant: tenant.id })
      .andWhere(`q.status = 'PUBLISHED'`);
    if (filter.type) qb.andWhere('q.type = :type', { type: filter.type });
    if (filter.after) {
      const { at, id } = decodeTimeIdCursor(filter.after);
      qb.andWhere('(q.published_at, q.id) < (CAST(:at AS timestamptz), CAST(:id AS uuid))', { at, id });
    }
    const rows = await qb
      .orderBy('q.published_at', 'DESC')
      .addOrderBy('q.id', 'DESC')
      .limit(first + 1)
      .getMany();
    const nodes = rows.slice(0, first);
    const last = nodes[nodes.length - 1];
    return {
      nodes,
      hasNextPage: rows.length > first,
      endCursor: last ? encodeCursor([last.publishedAt!.toISOString(), last.id]) : null,
    };
  }
}
