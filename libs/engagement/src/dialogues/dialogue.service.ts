import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditService } from '@portal/audit';
import { PublicContentService, plainText } from '@portal/content';
import {
  NotFoundError,
  RequestContext,
  Result,
  TransactionRunner,
  assertCan,
  encodeCursor,
  inputError,
  isUuid,
  pageSize,
} from '@portal/platform';
import { HostRoutingService } from '@portal/tenancy';
import { EngagementClock } from '../consultations/engagement-clock';
import { guarded } from '../consultations/public-result';
import { CleanDialogue, DialogueInput, cleanDialogue } from './dialogue-input';
import { DIALOGUE_WORKFLOW, DialogueAction, invalidDialogueTransition } from './dialogue-state';
import { shownText } from './dialogue-transcript';
import { DialogueTranscriptService } from './dialogue-transcript.service';
import {
  DialogueGuestEntity,
  DialogueQuestionEntity,
  DialogueSessionEntity,
  DialogueState,
} from './dialogue.entity';
import { DialogueRepository } from './dialogue.repository';
import { EngagementErrorCode } from '../errors/engagement-error-code';

/** A session with its current guests, as the board sees it (with its whole question queue). */
export interface DialogueBoardView {
  session: DialogueSessionEntity;
  guests: DialogueGuestEntity[];
  /** Guests removed since, still named by the answers they gave. */
  allGuests: DialogueGuestEntity[];
  questions: DialogueQuestionEntity[];
}

/** One published answer as the public page shows it. */
export interface PublicDialogueAnswer {
  id: string;
  askerName: string;
  question: string;
  answer: string;
  answeredAt: Date;
  guest: { name: string; jobTitle: string; unit: string } | null;
}

/** A session as anyone sees it: guests, schedule, the published answers, the transcript's address. */
export interface PublicDialogueView {
  session: DialogueSessionEntity;
  guests: DialogueGuestEntity[];
  /** In the order they were answered. */
  answers: PublicDialogueAnswer[];
  /** The published transcript item's slug, once it is live. */
  transcriptSlug: string | null;
}

export interface DialoguePage {
  nodes: DialogueSessionEntity[];
  hasNextPage: boolean;
  endCursor: string | null;
}

export const dialogueNotFound = (field = 'id') => new NotFoundError('Dialogue', field);

/**
 * Online dialogues (giao lưu trực tuyến, 05/2024/QĐ-UBND art. 8.5): the board schedules a session
 * with its guests, opens it for questions, takes it live and ends it; ending writes the transcript
 * as a draft item of the portal (the caller its writer), which goes through the editorial workflow
 * like any item; its publication marks the session TRANSCRIPT_PUBLISHED. Citizens' questions and
 * the guests' answers are DialogueQuestionsService's, the transcript DialogueTranscriptService's.
 */
@Injectable()
export class DialogueService {
  constructor(
    private readonly repo: DialogueRepository,
    private readonly tx: TransactionRunner,
    private readonly clock: EngagementClock,
    private readonly transcripts: DialogueTranscriptService,
    private readonly published: PublicContentService,
    private readonly routing: HostRoutingService,
    private readonly audit: AuditService,
  ) {}

  /** Schedules a session on the portal the request addresses. */
  schedule(ctx: RequestContext, input: DialogueInput): Promise<Result<DialogueBoardView>> {
    return guarded(() =>
      this.tx.run(ctx, async (tx) => {
        const tenant = tx.requireTenant();
        assertCan(tx, 'create', 'Dialogue', { tenantId: tenant.id, tenantPath: tenant.path });
        const clean = cleanOrThrow(input);
        const now = this.clock.now();
        const session = Object.assign(new DialogueSessionEntity(), {
          id: randomUUID(),
          tenantId: tenant.id,
          state: DialogueState.SCHEDULED,
          titleVi: clean.titleVi,
          titleEn: clean.titleEn,
          topicVi: clean.topicVi,
          topicEn: clean.topicEn,
          place: clean.place,
          startsAt: clean.startsAt,
          endsAt: clean.endsAt,
          createdBy: tx.accountId!,
          createdAt: now,
          updatedAt: now,
          startedAt: null,
          endedAt: null,
          cancelReason: null,
          transcriptItemId: null,
        });
        if (clean.guests.some((g) => g.id))
          throw inputError(
            EngagementErrorCode.NOT_FOUND,
            'guests.id',
            'Không tìm thấy khách mời.',
            'Guest not found.',
          );
        await this.repo.insertSession(tx, session);
        await this.repo.insertGuests(
          tx,
          clean.guests.map((g, i) => this.newGuest(session, g, i)),
        );
        await this.record(tx, session, 'dialogue.scheduled', null, describe(session));
        return this.boardView(tx, session);
      }),
    );
  }

  /** Edits a session not yet ended: its text, schedule and guests (a guest left out is marked removed). */
  update(ctx: RequestContext, id: string, input: DialogueInput): Promise<Result<DialogueBoardView>> {
    return guarded(() =>
      this.tx.run(ctx, async (tx) => {
        const session = await this.locked(tx, id, 'update');
        if (!DIALOGUE_WORKFLOW.step(DialogueAction.EDIT, session.state))
          throw invalidDialogueTransition(DialogueAction.EDIT, session.state);
        const clean = cleanOrThrow(input);
        const before = describe(session);
        const existing = await this.repo.guests(tx, [session.id]);
        const known = new Map(existing.map((g) => [g.id, g]));
        for (const [i, g] of clean.guests.entries())
          if (g.id && !known.has(g.id))
            throw inputError(
              EngagementErrorCode.NOT_FOUND,
              `guests.${i}.id`,
              'Không tìm thấy khách mời.',
              'Guest not found.',
            );
        const now = this.clock.now();
        const kept = new Set<string>();
        const added: DialogueGuestEntity[] = [];
        for (const [i, g] of clean.guests.entries()) {
          if (g.id) {
            kept.add(g.id);
            await this.repo.updateGuest(tx, g.id, {
              position: i,
              kind: g.kind,
              name: g.name,
              jobTitle: g.jobTitle,
              unit: g.unit,
            });
          } else added.push(this.newGuest(session, g, i));
        }
        for (const g of existing)
          if (!kept.has(g.id)) await this.repo.updateGuest(tx, g.id, { removedAt: now });
        await this.repo.insertGuests(tx, added);
        const change = {
          titleVi: clean.titleVi,
          titleEn: clean.titleEn,
          topicVi: clean.topicVi,
          topicEn: clean.topicEn,
          place: clean.place,
          startsAt: clean.startsAt,
          endsAt: clean.endsAt,
          updatedAt: now,
        };
        if (!(await this.repo.updateSession(tx, session.id, session.state, change)))
          throw invalidDialogueTransition(DialogueAction.EDIT, session.state);
        Object.assign(session, change);
        await this.record(tx, session, 'dialogue.updated', before, describe(session));
        return this.boardView(tx, session);
      }),
    );
  }

  /**
   * A step of the session's workflow (open for questions, start, end, cancel). END writes the
   * transcript as a draft item; CANCEL needs the reason the page shows.
   */
  transition(
    ctx: RequestContext,
    id: string,
    action: DialogueAction,
    reason?: string | null,
  ): Promise<Result<DialogueBoardView>> {
    return guarded(() =>
      this.tx.run(ctx, async (tx) => {
        const session = await this.locked(tx, id, 'read');
        const t = DIALOGUE_WORKFLOW.step(action, session.state);
        if (!t || !t.ability || action === DialogueAction.EDIT)
          throw invalidDialogueTransition(action, session.state);
        const portal = this.routing.tenant(session.tenantId)!;
        assertCan(tx, t.ability, 'Dialogue', { tenantId: portal.id, tenantPath: portal.path });
        const now = this.clock.now();
        const change: Partial<DialogueSessionEntity> = {
          state: DIALOGUE_WORKFLOW.target(t, session.state),
          updatedAt: now,
        };
        if (action === DialogueAction.CANCEL) {
          const why = plainText(reason ?? '').trim();
          if (!why)
            throw inputError(
              EngagementErrorCode.REASON_REQUIRED,
              'reason',
              'Cần ghi lý do hủy buổi giao lưu.',
              'A reason is required.',
            );
          if ([...why].length > 1000)
            throw inputError(
              EngagementErrorCode.TOO_LONG,
              'reason',
              'Lý do dài quá 1.000 ký tự.',
              'The reason is over 1,000 characters.',
            );
          change.cancelReason = why;
        }
        if (action === DialogueAction.START) change.startedAt = now;
        if (action === DialogueAction.END) {
          change.endedAt = now;
          change.transcriptItemId = await this.transcripts.write(tx, { ...session, ...change });
        }
        if (!(await this.repo.updateSession(tx, session.id, session.state, change)))
          throw invalidDialogueTransition(action, session.state);
        const before = { state: session.state };
        Object.assign(session, change);
        await this.record(tx, session, `dialogue.${action.toLowerCase()}`, before, {
          state: session.state,
          reason: session.cancelReason,
          transcriptItemId: session.transcriptItemId,
        });
        return this.boardView(tx, session);
      }),
    );
  }

  /** Sessions of the addressed portal (and below, for subtree roles), newest start first. */
  async list(
    ctx: RequestContext,
    filter: { state?: DialogueState | null; first?: number | null; after?: string | null },
  ): Promise<DialoguePage> {
    const first = pageSize(filter.first);
    const rows = await this.repo.listSessions(ctx, { state: filter.state, first, after: filter.after });
    const nodes = rows.slice(0, first);
    const last = nodes[nodes.length - 1];
    return {
      nodes,
      hasNextPage: rows.length > first,
      endCursor: last ? encodeCursor([last.startsAt.toISOString(), last.id]) : null,
    };
  }

  /** Guests of sessions the caller listed (for the list's rows). */
  guestsOf(ctx: RequestContext, sessions: DialogueSessionEntity[]): Promise<DialogueGuestEntity[]> {
    return this.repo.guests(
      ctx,
      sessions.map((s) => s.id),
    );
  }

  /** One session with its guests and whole question queue (NOT_FOUND when the caller may not read it). */
  async view(ctx: RequestContext, id: string): Promise<DialogueBoardView> {
    const session = isUuid(id) ? await this.repo.session(ctx, 'read', id) : null;
    if (!session) throw dialogueNotFound();
    return this.boardView(ctx, session);
  }

  /** The portal's sessions as its website lists them (every state: a cancellation is news too). */
  publicList(ctx: RequestContext, limit = 100): Promise<DialogueSessionEntity[]> {
    return this.repo.publicSessions(ctx, ctx.requireTenant().id, limit);
  }

  /** A session of the addressed portal as anyone sees it, or null (another portal's, or none). */
  async publicView(ctx: RequestContext, id: string): Promise<PublicDialogueView | null> {
    const session = isUuid(id) ? await this.repo.publicSession(ctx, ctx.requireTenant().id, id) : null;
    if (!session) return null;
    const all = await this.repo.guests(ctx, [session.id], true);
    const answered = await this.repo.answered(ctx, [session.id]);
    const byId = new Map(all.map((g) => [g.id, g]));
    const live = session.transcriptItemId
      ? await this.published.byId(session.tenantId, session.transcriptItemId)
      : null;
    return {
      session,
      guests: all.filter((g) => !g.removedAt),
      answers: answered.map((q) => {
        const g = q.guestId ? byId.get(q.guestId) : undefined;
        return {
          id: q.id,
          askerName: q.askerName,
          question: shownText(q),
          answer: q.answer!,
          answeredAt: q.answeredAt!,
          guest: g ? { name: g.name, jobTitle: g.jobTitle, unit: g.unit } : null,
        };
      }),
      transcriptSlug: live?.slug ?? null,
    };
  }

  private async locked(
    tx: RequestContext,
    id: string,
    action: 'read' | 'update',
  ): Promise<DialogueSessionEntity> {
    const seen = isUuid(id) ? await this.repo.session(tx, 'read', id) : null;
    if (!seen) throw dialogueNotFound();
    const portal = this.routing.tenant(seen.tenantId)!;
    if (action === 'update')
      assertCan(tx, 'update', 'Dialogue', { tenantId: portal.id, tenantPath: portal.path });
    const session = await this.repo.lockSession(tx, seen.id);
    if (!session) throw dialogueNotFound();
    return session;
  }

  private newGuest(
    session: DialogueSessionEntity,
    g: CleanDialogue['guests'][number],
    position: number,
  ): DialogueGuestEntity {
    return Object.assign(new DialogueGuestEntity(), {
      id: randomUUID(),
      dialogueId: session.id,
      tenantId: session.tenantId,
      position,
      kind: g.kind,
      name: g.name,
      jobTitle: g.jobTitle,
      unit: g.unit,
      removedAt: null,
    });
  }

  private async boardView(ctx: RequestContext, session: DialogueSessionEntity): Promise<DialogueBoardView> {
    const all = await this.repo.guests(ctx, [session.id], true);
    const questions = await this.repo.queue(ctx, session.id);
    return { session, guests: all.filter((g) => !g.removedAt), allGuests: all, questions };
  }

  private record(
    tx: RequestContext,
    session: DialogueSessionEntity,
    action: string,
    before: Record<string, unknown> | null,
    after: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record(tx, {
      tenantId: session.tenantId,
      action,
      subjectType: 'Dialogue',
      subjectId: session.id,
      before,
      after,
    });
  }
}

function cleanOrThrow(input: DialogueInput): CleanDialogue {
  const clean = cleanDialogue(input);
  if ('error' in clean) throw clean.error;
  return clean.value;
}

const describe = (s: DialogueSessionEntity): Record<string, unknown> => ({
  state: s.state,
  titleVi: s.titleVi,
  place: s.place,
  startsAt: s.startsAt.toISOString(),
  endsAt: s.endsAt.toISOString(),
});
