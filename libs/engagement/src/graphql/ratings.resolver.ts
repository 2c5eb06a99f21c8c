import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
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
import { RatingPeriod } from '../ratings/rating-period';
import { RatingAggregate, RatingService } from '../ratings/rating.service';
import {
  PortalRatingReceiptType,
  RatePortalInput,
  RatePortalResult,
  RatingAggregateType,
  RatingBucketType,
  RatingScoresType,
} from './ratings.types';

const present = <T extends RatingAggregateType>(target: T, a: RatingAggregate): T =>
  Object.assign(target, {
    count: a.count,
    overall: a.overall,
    averages: a.averages ? Object.assign(new RatingScoresType(), a.averages) : null,
  });

/** Ratings of a portal: anyone rates (behind the write gate); officers read the results by period. */
@Resolver()
export class RatingsResolver {
  constructor(
    private readonly ratings: RatingService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Mutation(() => RatePortalResult, {
    description:
      'Rates the addressed portal (interface, content, quality, support: 1–5); once a day per visitor.',
  })
  @Public()
  async ratePortal(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => RatePortalInput }) input: RatePortalInput,
    @IdempotencyKey() key: string | null,
  ): Promise<typeof RatePortalResult> {
    const request = { ...input, proof: undefined };
    const r = await this.idempotency.run(ctx, { operation: 'ratePortal', key, request }, async (tx) => {
      const rated = await this.ratings.rate(tx, input);
      if (!rated.ok) return rated;
      const { id, ratedOn, interface: i, content, quality, support } = rated.value;
      return ok(
        Object.assign(new PortalRatingReceiptType(), {
          id,
          ratedOn,
          interface: i,
          content,
          quality,
          support,
        }),
      );
    });
    return r.ok ? r.value : InputErrorType.from(r.error, ctx.locale);
  }

  @Query(() => RatingAggregateType, {
    description: "The addressed portal's ratings so far: count and averages.",
  })
  @Public()
  async portalRatingSummary(@Ctx() ctx: RequestContext): Promise<RatingAggregateType> {
    return present(new RatingAggregateType(), await this.ratings.summary(ctx));
  }

  @Query(() => [RatingBucketType], {
    description:
      'Count and averages per month, quarter or year between two days (YYYY-MM-DD, both included, Asia/Ho_Chi_Minh).',
  })
  @CheckAbility('read', 'Rating')
  async portalRatings(
    @Ctx() ctx: RequestContext,
    @Args('period', { type: () => RatingPeriod }) period: RatingPeriod,
    @Args('from', { type: () => String }) from: string,
    @Args('to', { type: () => String }) to: string,
    @Args('tenantId', { type: () => ID, nullable: true }) tenantId?: string,
  ): Promise<RatingBucketType[]> {
    const buckets = await this.ratings.byPeriod(ctx, period, from, to, tenantId);
    return buckets.map((b) =>
      present(Object.assign(new RatingBucketType(), { periodStart: b.periodStart, label: b.label }), b),
    );
  }
}
