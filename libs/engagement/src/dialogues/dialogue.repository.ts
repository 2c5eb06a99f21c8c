import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import {
  RequestContext,
  ScopedRepository,
  ScopedRepositoryFactory,
  TransactionRunner,
  decodeTimeIdCursor,
  readFromPrimary,
  type AppAction,
} from '@portal/platform';
import {
  DialogueGuestEntity,
  DialogueQuestionEntity,
  DialogueQuestionStatus,
  DialogueSessionEntity,
  DialogueState,
} from './dialogue.entity';

/** The most questions one queue read returns (a session takes a few hundred at most). */
export const QUEUE_LIMIT = 1000;

/**
 * Every read and write of the dialogue tables. Officers' reads go through the scoped repository
 * (tenant subtree and CASL conditions); public reads name the portal the host addresses; writes
 * run in the caller's transaction and move a row on only from the state it was read in.
 */
@Injectable()
export class DialogueRepository {
  private readonly sessions: ScopedRepository<DialogueSessionEntity>;
  private readonly questions: ScopedRepository<DialogueQuestionEntity>;

  constructor(
    scoped: ScopedRepositoryFactory,
    private readonly tx: TransactionRunner,
  ) {
    this.sessions = scoped.for(DialogueSessionEntity, 'Dialogue');
    this.questions = scoped.for(DialogueQuestionEntity, 'Dialogue');
  }

  private m(ctx: RequestContext): EntityManager {
    return this.tx.manager(ctx);
  }

  // --- officers (scoped) ---

  session(ctx: RequestContext, action: AppAction, id: string): Promise<DialogueSessionEntity | null> {
    return this.sessions.findById(ctx, action, id);
  }

  question(ctx: RequestContext, action: AppAction, id: string): Promise<DialogueQuestionEntity | null> {
    return this.questions.findById(ctx, action, id);
  }

  /** Newest sessions first (by their start), keyset-paged. */
  async listSessions(
    ctx: RequestContext,
    filter: { state?: DialogueState | null; first: number; after?: string | null },
  ): Promise<DialogueSessionEntity[]> {
    const qb = this.sessions.query(ctx, 'read');
    if (filter.state) qb.andWhere('row.state = :state', { state: filter.state });
    if (filter.after) {
      const { at, id } = decodeTimeIdCursor(filter.after);
      qb.andWhere('(row.starts_at, row.id) < (CAST(:at AS timestamptz), CAST(:id AS uuid))', { at, id });
    }
    return qb
      .orderBy('row.starts_at', 'DESC')
      .addOrderBy('row.id', 'DESC')
      .limit(filter.first + 1)
      .getMany();
  }

  /** The whole queue of a session the caller was allowed to read, oldest first. */
  queue(ctx: RequestContext, dialogueId: string): Promise<DialogueQuestionEntity[]> {
    return this.questions
      .query(ctx, 'read')
      .andWhere('row.dialogue_id = :dialogueId', { dialogueId })
      .orderBy('row.received_at', 'ASC')
      .addOrderBy('row.id', 'ASC')
      .limit(QUEUE_LIMIT)
      .getMany();
  }

  /** Holds the session's row until the transaction ends (two board members acting at once). */
  lockSession(tx: RequestContext, id: string): Promise<DialogueSessionEntity | null> {
    return this.m(tx)
      .createQueryBuilder(DialogueSessionEntity, 's')
      .setLock('pessimistic_write')
      .where('s.id = :id', { id })
      .getOne();
  }

  // --- guests ---

  /** Guests of sessions (the removed ones too when asked: an answer keeps naming its guest). */
  async guests(
    ctx: RequestContext,
    dialogueIds: string[],
    withRemoved = false,
  ): Promise<DialogueGuestEntity[]> {
    if (!dialogueIds.length) return [];
    const rows = await this.m(ctx).find(DialogueGuestEntity, {
      where: { dialogueId: In(dialogueIds) },
      order: { position: 'ASC' },
    });
    return withRemoved ? rows : rows.filter((g) => !g.removedAt);
  }

  async insertGuests(tx: RequestContext, rows: DialogueGuestEntity[]): Promise<void> {
    if (rows.length) await this.m(tx).insert(DialogueGuestEntity, rows);
  }

  async updateGuest(tx: RequestContext, id: string, change: Partial<DialogueGuestEntity>): Promise<void> {
    await this.m(tx).update(DialogueGuestEntity, { id }, change);
  }

  // --- sessions ---

  async insertSession(tx: RequestContext, row: DialogueSessionEntity): Promise<void> {
    await this.m(tx).insert(DialogueSessionEntity, row);
  }

  /** Moves a session on from the state it is in; false when it had moved already. */
  async updateSession(
    tx: RequestContext,
    id: string,
    from: DialogueState,
    change: Partial<DialogueSessionEntity>,
  ): Promise<boolean> {
    const r = await this.m(tx)
      .createQueryBuilder()
      .update(DialogueSessionEntity)
      .set(change)
      .where('id = :id AND state = :from', { id, from })
      .execute();
    return r.affected === 1;
  }

  /** The session whose transcript an item is (for its publication). */
  sessionByTranscript(tx: RequestContext, itemId: string): Promise<DialogueSessionEntity | null> {
    return this.m(tx).findOne(DialogueSessionEntity, { where: { transcriptItemId: itemId } });
  }

  // --- questions ---

  async insertQuestion(tx: RequestContext, row: DialogueQuestionEntity): Promise<void> {
    await this.m(tx).insert(DialogueQuestionEntity, row);
  }

  /** Moves a question on from one of the statuses it may leave; false when it had moved already. */
  async updateQuestion(
    tx: RequestContext,
    id: string,
    from: readonly DialogueQuestionStatus[],
    change: Partial<DialogueQuestionEntity>,
  ): Promise<boolean> {
    const r = await this.m(tx)
      .createQueryBuilder()
      .update(DialogueQuestionEntity)
      .set(change)
      .where('id = :id AND status IN (:...from)', { id, from })
      .execute();
    return r.affected === 1;
  }

  /** How many questions one address (by its keyed hash) has sent to a session. */
  async countByAddress(tx: RequestContext, dialogueId: string, addressHash: string): Promise<number> {
    return this.m(tx).count(DialogueQuestionEntity, { where: { dialogueId, addressHash } });
  }

  /** Every answered question of sessions, for the transcript and the public page. */
  answered(ctx: RequestContext, dialogueIds: string[]): Promise<DialogueQuestionEntity[]> {
    if (!dialogueIds.length) return Promise.resolve([]);
    return this.m(ctx).find(DialogueQuestionEntity, {
      where: { dialogueId: In(dialogueIds), status: DialogueQuestionStatus.ANSWERED },
      order: { answeredAt: 'ASC', id: 'ASC' },
    });
  }

  // --- public reads, for the portal the host addresses ---

  publicSessions(ctx: RequestContext, tenantId: string, limit: number): Promise<DialogueSessionEntity[]> {
    return this.m(ctx).find(DialogueSessionEntity, {
      where: { tenantId },
      order: { startsAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }

  publicSession(ctx: RequestContext, tenantId: string, id: string): Promise<DialogueSessionEntity | null> {
    return this.m(ctx).findOne(DialogueSessionEntity, { where: { id, tenantId } });
  }

  /** A question by its code, read where it was written (the asker follows the code just given). */
  questionByCode(
    ctx: RequestContext,
    tenantId: string,
    code: string,
  ): Promise<DialogueQuestionEntity | null> {
    return readFromPrimary(() =>
      this.m(ctx).findOne(DialogueQuestionEntity, { where: { trackingCode: code, tenantId } }),
    );
  }

  // --- restructuring (inside the merge transaction) ---

  static async mergeCounts(m: EntityManager, sourceIds: string[]): Promise<Record<string, number>> {
    const [r]: Array<{ sessions: number; questions: number }> = await m.query(
      `SELECT (SELECT count(*) FROM dialogue_sessions WHERE tenant_id = ANY($1::uuid[]))::int AS sessions,
              (SELECT count(*) FROM dialogue_questions WHERE tenant_id = ANY($1::uuid[]))::int AS questions`,
      [sourceIds],
    );
    return { dialogues: r.sessions, dialogueQuestions: r.questions };
  }

  static async mergeMove(
    m: EntityManager,
    sourceIds: string[],
    targetId: string,
  ): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const [table, key] of [
      ['dialogue_sessions', 'dialogues'],
      ['dialogue_guests', 'dialogueGuests'],
      ['dialogue_questions', 'dialogueQuestions'],
    ] as const) {
      const [, n] = (await m.query(`UPDATE ${table} SET tenant_id = $2 WHERE tenant_id = ANY($1::uuid[])`, [
        sourceIds,
        targetId,
      ])) as [unknown, number];
      out[key] = n;
    }
    return out;
  }
}
