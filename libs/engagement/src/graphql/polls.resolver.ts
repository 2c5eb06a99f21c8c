import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  CheckAbility,
  Ctx,
  IdempotencyKey,
  IdempotencyService,
  InputErrorType,
  Public,
  RequestContext,
  Result,
  ok,
} from '@portal/platform';
import { PollService, PollView } from '../polls/poll.service';
import { CreatePollInput, PollOptionType, PollResult, PollType, VotePollInput } from './polls.types';

function present(ctx: RequestContext, v: PollView): PollType {
  const en = ctx.locale === 'en';
  const counts = new Map(v.results?.votes.map((r) => [r.optionId, r.votes]) ?? []);
  return Object.assign(new PollType(), {
    id: v.poll.id,
    question: (en && v.poll.questionEn) || v.poll.questionVi,
    questionVi: v.poll.questionVi,
    questionEn: v.poll.questionEn,
    state: v.state,
    opensAt: v.poll.opensAt,
    closesAt: v.poll.closedEarlyAt ?? v.poll.closesAt,
    resultsVisibility: v.poll.resultsVisibility,
    voted: v.voted,
    resultsShown: !!v.results,
    totalVotes: v.results?.total ?? null,
    options: v.options.map((o) =>
      Object.assign(new PollOptionType(), {
        id: o.id,
        position: o.position,
        label: (en && o.labelEn) || o.labelVi,
        labelVi: o.labelVi,
        labelEn: o.labelEn,
        votes: v.results ? (counts.get(o.id) ?? 0) : null,
      }),
    ),
  });
}

const answer = (ctx: RequestContext, r: Result<PollView>): typeof PollResult =>
  r.ok ? present(ctx, r.value) : InputErrorType.from(r.error, ctx.locale);

/**
 * Polls: the board and the operator open and close them; anyone votes (behind the public write
 * gate). Answers depend on the visitor (voted or not), so they are never shared by caches.
 */
@Resolver()
export class PollsResolver {
  constructor(
    private readonly polls: PollService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Query(() => [PollType], {
    name: 'polls',
    description: "The addressed portal's polls, newest first (withdrawn ones left out).",
  })
  @Public()
  async pollList(
    @Ctx() ctx: RequestContext,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first: number,
  ): Promise<PollType[]> {
    return (await this.polls.list(ctx, first)).map((v) => present(ctx, v));
  }

  @Query(() => PollType, { nullable: true, description: 'A poll of the addressed portal.' })
  @Public()
  async poll(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<PollType | null> {
    const v = await this.polls.view(ctx, id);
    return v ? present(ctx, v) : null;
  }

  @Mutation(() => PollResult, { description: 'Opens a poll on the addressed portal (board or operator).' })
  @CheckAbility('create', 'Poll')
  async createPoll(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => CreatePollInput }) input: CreatePollInput,
    @IdempotencyKey() key: string | null,
  ): Promise<typeof PollResult> {
    const r = await this.idempotency.run(
      ctx,
      { operation: 'createPoll', key, request: input },
      async (tx) => {
        const made = await this.polls.create(tx, input);
        return made.ok ? ok(present(tx, made.value)) : made;
      },
    );
    return r.ok ? Object.assign(new PollType(), r.value) : InputErrorType.from(r.error, ctx.locale);
  }

  @Mutation(() => PollResult, { description: 'Closes a poll now; its results become public.' })
  @CheckAbility('update', 'Poll')
  async closePoll(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<typeof PollResult> {
    return answer(ctx, await this.polls.end(ctx, id, 'CLOSE'));
  }

  @Mutation(() => PollResult, {
    description: 'Takes a poll off the public pages, with a reason (kept, never deleted).',
  })
  @CheckAbility('update', 'Poll')
  async withdrawPoll(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => String }) reason: string,
  ): Promise<typeof PollResult> {
    return answer(ctx, await this.polls.end(ctx, id, 'WITHDRAW', reason));
  }

  @Mutation(() => PollResult, {
    description: 'A visitor votes once per poll (behind the public write gate).',
  })
  @Public()
  async votePoll(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => VotePollInput }) input: VotePollInput,
    @IdempotencyKey() key: string | null,
  ): Promise<typeof PollResult> {
    // A retry may carry a new proof of its own: the vote is what must match.
    const request = { pollId: input.pollId, optionId: input.optionId };
    const r = await this.idempotency.run(ctx, { operation: 'votePoll', key, request }, async (tx) => {
      const voted = await this.polls.vote(tx, input.pollId, input.optionId, input.proof ?? null);
      return voted.ok ? ok(present(tx, voted.value)) : voted;
    });
    return r.ok ? Object.assign(new PollType(), r.value) : InputErrorType.from(r.error, ctx.locale);
  }
}
