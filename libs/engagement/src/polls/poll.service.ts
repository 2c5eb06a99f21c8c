import { createHmac, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@portal/audit';
import { plainText } from '@portal/content';
import {
  APP_CONFIG,
  AppConfig,
  DomainError,
  NotFoundError,
  RequestContext,
  Result,
  ScopedRepository,
  ScopedRepositoryFactory,
  TransactionRunner,
  assertCan,
  can,
  inputError,
  isUuid,
  pageSize,
} from '@portal/platform';
import { HostRoutingService } from '@portal/tenancy';
import { PublicWriteGuard, PublicWriteProof } from '../abuse/public-write-guard';
import { EngagementClock } from '../consultations/engagement-clock';
import { guarded } from '../consultations/public-result';
import { PollEntity, PollOptionEntity, PollResultsVisibility } from './poll.entity';
import { PollState, checkPollDraft, pollStateAt } from './poll-rules';
import { EngagementErrorCode } from '../errors/engagement-error-code';

export interface PollDraft {
  questionVi: string;
  questionEn?: string | null;
  options: Array<{ labelVi: string; labelEn?: string | null }>;
  opensAt: Date;
  closesAt: Date;
  resultsVisibility: PollResultsVisibility;
}

export interface PollResults {
  total: number;
  /** Votes per option, in the options' order. */
  votes: Array<{ optionId: string; votes: number }>;
}

/** A poll as a reader sees it: its options, its state now, and its results when they may be shown. */
export interface PollView {
  poll: PollEntity;
  options: PollOptionEntity[];
  state: PollState;
  /** Whether this visitor (by address) has voted; null for callers the question does not concern. */
  voted: boolean | null;
  results: PollResults | null;
}

const notFound = () => new NotFoundError('Poll', 'pollId');

/**
 * Polls (thăm dò ý kiến) of a portal. The board (and the operator) open them; anyone votes once per
 * poll from one address, behind the same public write gate as questions and ratings; results show
 * after the visitor voted or after closing, as the poll says (officers of the portal always see
 * them). The visitor's address is kept only as a keyed hash.
 */
@Injectable()
export class PollService {
  private readonly polls: ScopedRepository<PollEntity>;

  constructor(
    scoped: ScopedRepositoryFactory,
    private readonly tx: TransactionRunner,
    private readonly gate: PublicWriteGuard,
    private readonly clock: EngagementClock,
    private readonly routing: HostRoutingService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.polls = scoped.for(PollEntity, 'Poll');
  }

  create(ctx: RequestContext, draft: PollDraft): Promise<Result<PollView>> {
    return guarded(() =>
      this.tx.run(ctx, async (tx) => {
        const portal = tx.requireTenant();
        assertCan(tx, 'create', 'Poll', { tenantId: portal.id, tenantPath: portal.path });
        const clean = checkPollDraft({
          ...draft,
          questionVi: plainText(draft.questionVi ?? ''),
          questionEn: draft.questionEn ? plainText(draft.questionEn) : null,
          options: (draft.options ?? []).map((o) => ({
            labelVi: plainText(o.labelVi ?? ''),
            labelEn: o.labelEn ? plainText(o.labelEn) : null,
          })),
        });
        const m = this.tx.manager(tx);
        const poll = Object.assign(new PollEntity(), {
          id: randomUUID(),
          tenantId: portal.id,
          questionVi: clean.questionVi,
          questionEn: clean.questionEn || null,
          opensAt: clean.opensAt,
          closesAt: clean.closesAt,
          resultsVisibility: clean.resultsVisibility,
          createdBy: tx.accountId!,
          createdAt: this.clock.now(),
          closedEarlyAt: null,
          withdrawnAt: null,
          withdrawnReason: null,
        });
        await m.insert(PollEntity, poll);
        const options = clean.options.map((o, i) =>
          Object.assign(new PollOptionEntity(), {
            id: randomUUID(),
            pollId: poll.id,
            tenantId: portal.id,
            position: i + 1,
            labelVi: o.labelVi,
            labelEn: o.labelEn || null,
          }),
        );
        await m.insert(PollOptionEntity, options);
        await this.audit.record(tx, {
          tenantId: portal.id,
          action: 'poll.created',
          subjectType: 'Poll',
          subjectId: poll.id,
          before: null,
          after: { questionVi: poll.questionVi, options: options.length, closesAt: poll.closesAt },
        });
        return this.present(poll, options, null, {
          total: 0,
          votes: options.map((o) => ({ optionId: o.id, votes: 0 })),
        });
      }),
    );
  }

  /** Closes an open poll now (CLOSE) or takes it off the public pages with a reason (WITHDRAW). */
  end(
    ctx: RequestContext,
    pollId: string,
    action: 'CLOSE' | 'WITHDRAW',
    reason?: string | null,
  ): Promise<Result<PollView>> {
    return guarded(() =>
      this.tx.run(ctx, async (tx) => {
        const poll = isUuid(pollId) ? await this.polls.findById(tx, 'read', pollId) : null;
        if (!poll) throw notFound();
        const portal = this.routing.tenant(poll.tenantId)!;
        assertCan(tx, 'update', 'Poll', { tenantId: portal.id, tenantPath: portal.path });
        const now = this.clock.now();
        const state = pollStateAt(poll, now);
        const before = { state };
        if (action === 'CLOSE') {
          if (state !== PollState.OPEN && state !== PollState.UPCOMING)
            throw inputError(
              EngagementErrorCode.POLL_NOT_OPEN,
              'pollId',
              'Cuộc thăm dò này đã kết thúc.',
              'This poll has already ended.',
            );
          poll.closedEarlyAt = now;
        } else {
          const why = plainText(reason ?? '').trim();
          if (!why)
            throw inputError(
              EngagementErrorCode.REASON_REQUIRED,
              'reason',
              'Cần ghi lý do.',
              'A reason is required.',
            );
          if (poll.withdrawnAt)
            throw inputError(
              EngagementErrorCode.POLL_WITHDRAWN,
              'pollId',
              'Cuộc thăm dò đã được gỡ.',
              'The poll has already been withdrawn.',
            );
          poll.withdrawnAt = now;
          poll.withdrawnReason = why;
        }
        await this.tx.manager(tx).update(
          PollEntity,
          { id: poll.id },
          {
            closedEarlyAt: poll.closedEarlyAt,
            withdrawnAt: poll.withdrawnAt,
            withdrawnReason: poll.withdrawnReason,
          },
        );
        await this.audit.record(tx, {
          tenantId: poll.tenantId,
          action: action === 'CLOSE' ? 'poll.closed' : 'poll.withdrawn',
          subjectType: 'Poll',
          subjectId: poll.id,
          before,
          after: { state: pollStateAt(poll, now), reason: poll.withdrawnReason },
        });
        const options = await this.optionsOf(tx, [poll.id]);
        return this.present(
          poll,
          options.get(poll.id) ?? [],
          null,
          await this.tally(tx, poll.id, options.get(poll.id) ?? []),
        );
      }),
    );
  }

  /** A visitor's vote: once per poll and address, only while the poll is open. */
  vote(
    ctx: RequestContext,
    pollId: string,
    optionId: string,
    proof: PublicWriteProof | null,
  ): Promise<Result<PollView>> {
    return guarded(async () => {
      const poll = await this.publicPoll(ctx, pollId);
      await this.gate.admit(ctx, proof ?? {});
      const now = this.clock.now();
      if (pollStateAt(poll, now) !== PollState.OPEN)
        throw inputError(
          EngagementErrorCode.POLL_NOT_OPEN,
          'pollId',
          'Cuộc thăm dò không mở để bình chọn.',
          'This poll is not open for voting.',
        );
      return this.tx.run(ctx, async (tx) => {
        const options = (await this.optionsOf(tx, [poll.id])).get(poll.id) ?? [];
        if (!isUuid(optionId) || !options.some((o) => o.id === optionId))
          throw inputError(
            EngagementErrorCode.INVALID_OPTION,
            'optionId',
            'Lựa chọn không thuộc cuộc thăm dò này.',
            'The option is not one of this poll’s.',
          );
        const inserted: unknown[] = await this.tx.manager(tx).query(
          `INSERT INTO poll_votes (id, poll_id, option_id, tenant_id, address_hash, voted_at)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (poll_id, address_hash) DO NOTHING RETURNING id`,
          [randomUUID(), poll.id, optionId, poll.tenantId, this.addressHash(ctx, poll.id), now],
        );
        if (inserted.length === 0)
          throw new DomainError(
            EngagementErrorCode.ALREADY_VOTED,
            {
              vi: 'Bạn đã bình chọn trong cuộc thăm dò này. Cảm ơn bạn!',
              en: 'You have already voted in this poll. Thank you!',
            },
            'pollId',
            400,
          );
        return (await this.views(tx, [poll]))[0];
      });
    });
  }

  /** One poll of the addressed portal (withdrawn polls are gone from the public side). */
  async view(ctx: RequestContext, pollId: string): Promise<PollView | null> {
    const poll = await this.publicPoll(ctx, pollId).catch((e) => {
      if (e instanceof NotFoundError) return null;
      throw e;
    });
    if (!poll) return null;
    return (await this.views(ctx, [poll]))[0];
  }

  /** The addressed portal's polls, newest first: open and upcoming ones, then closed ones. */
  async list(ctx: RequestContext, first = 20): Promise<PollView[]> {
    const portal = ctx.requireTenant();
    // UNSCOPED: the polls of the host-resolved portal, not withdrawn; no private field is read.
    const rows = await this.tx
      .manager(ctx)
      .createQueryBuilder(PollEntity, 'p')
      .where('p.tenant_id = :tenant AND p.withdrawn_at IS NULL', { tenant: portal.id })
      .orderBy('p.opens_at', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .limit(pageSize(first))
      .getMany();
    return this.views(ctx, rows);
  }

  private async views(ctx: RequestContext, polls: PollEntity[]): Promise<PollView[]> {
    if (!polls.length) return [];
    const now = this.clock.now();
    const options = await this.optionsOf(
      ctx,
      polls.map((p) => p.id),
    );
    const voted = await this.votedBy(ctx, polls);
    return Promise.all(
      polls.map(async (poll) => {
        const opts = options.get(poll.id) ?? [];
        const state = pollStateAt(poll, now);
        const portal = this.routing.tenant(poll.tenantId);
        const officer =
          !!portal && can(ctx, 'read', 'Poll', { tenantId: portal.id, tenantPath: portal.path });
        const hasVoted = voted.has(poll.id);
        const show =
          officer ||
          state === PollState.CLOSED ||
          (poll.resultsVisibility === PollResultsVisibility.AFTER_VOTE && hasVoted);
        return this.present(poll, opts, hasVoted, show ? await this.tally(ctx, poll.id, opts) : null, state);
      }),
    );
  }

  private async publicPoll(ctx: RequestContext, pollId: string): Promise<PollEntity> {
    const portal = ctx.requireTenant();
    if (!isUuid(pollId)) throw notFound();
    // UNSCOPED: a poll of the host-resolved portal (never another portal's), unless withdrawn.
    const poll = await this.tx
      .manager(ctx)
      .createQueryBuilder(PollEntity, 'p')
      .where('p.id = :id AND p.tenant_id = :tenant AND p.withdrawn_at IS NULL', {
        id: pollId,
        tenant: portal.id,
      })
      .getOne();
    if (!poll) throw notFound();
    return poll;
  }

  private async optionsOf(ctx: RequestContext, pollIds: string[]): Promise<Map<string, PollOptionEntity[]>> {
    const rows = await this.tx
      .manager(ctx)
      .createQueryBuilder(PollOptionEntity, 'o')
      .where('o.poll_id = ANY(:ids)', { ids: pollIds })
      .orderBy('o.poll_id')
      .addOrderBy('o.position')
      .getMany();
    const out = new Map<string, PollOptionEntity[]>();
    for (const r of rows) out.set(r.pollId, [...(out.get(r.pollId) ?? []), r]);
    return out;
  }

  private async votedBy(ctx: RequestContext, polls: PollEntity[]): Promise<Set<string>> {
    if (!ctx.ip) return new Set();
    const rows: Array<{ poll_id: string }> = await this.tx
      .manager(ctx)
      .query(
        `SELECT poll_id FROM poll_votes WHERE (poll_id, address_hash) IN (SELECT * FROM unnest($1::uuid[], $2::text[]))`,
        [polls.map((p) => p.id), polls.map((p) => this.addressHash(ctx, p.id))],
      );
    return new Set(rows.map((r) => r.poll_id));
  }

  private async tally(
    ctx: RequestContext,
    pollId: string,
    options: PollOptionEntity[],
  ): Promise<PollResults> {
    const rows: Array<{ option_id: string; n: number }> = await this.tx
      .manager(ctx)
      .query('SELECT option_id, count(*)::int AS n FROM poll_votes WHERE poll_id = $1 GROUP BY option_id', [
        pollId,
      ]);
    const counts = new Map(rows.map((r) => [r.option_id, r.n]));
    const votes = options.map((o) => ({ optionId: o.id, votes: counts.get(o.id) ?? 0 }));
    return { total: votes.reduce((s, v) => s + v.votes, 0), votes };
  }

  /** Per poll, so that two polls' hashes of one address cannot be linked. */
  private addressHash(ctx: RequestContext, pollId: string): string {
    return createHmac('sha256', this.config.jwtSecret)
      .update(`poll-address:${pollId}:${ctx.ip ?? 'unknown'}`)
      .digest('base64url');
  }

  private present(
    poll: PollEntity,
    options: PollOptionEntity[],
    voted: boolean | null,
    results: PollResults | null,
    state = pollStateAt(poll, this.clock.now()),
  ): PollView {
    return { poll, options, state, voted, results };
  }
}
