import {
  Args,
  Field,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  createUnionType,
} from '@nestjs/graphql';
import { Authenticated, CheckAbility, Ctx, InputErrorType, RequestContext } from '@portal/platform';
import { FreshnessEntry, FreshnessService } from '../freshness/freshness.service';

@ObjectType('FreshnessEntry', {
  description:
    'A live item, or a portal section, that must be kept up to date ("thường xuyên"), and when it is due for review.',
})
export class FreshnessEntryType {
  @Field(() => ID) tenantId!: string;
  @Field(() => ID, { nullable: true, description: 'Null for a section.' }) itemId!: string | null;
  @Field(() => String, { nullable: true }) kind!: string | null;
  @Field(() => String, { description: 'ITEM or SECTION' }) scope!: string;
  @Field(() => [String], { description: 'Content kinds the rule covers.' }) kinds!: string[];
  @Field(() => String) ruleKey!: string;
  @Field(() => String) titleVi!: string;
  @Field(() => String, { nullable: true }) titleEn!: string | null;
  @Field(() => Int) reviewWithinWorkingDays!: number;
  @Field(() => String) profileKey!: string;
  @Field(() => String) document!: string;
  @Field(() => String) article!: string;
  @Field(() => Date, { nullable: true, description: 'Last publication or review.' })
  lastReviewedAt!: Date | null;
  @Field(() => Date) reviewDueAt!: Date;
  @Field(() => Boolean) overdue!: boolean;

  static from(e: FreshnessEntry): FreshnessEntryType {
    return Object.assign(new FreshnessEntryType(), {
      tenantId: e.tenantId,
      itemId: e.itemId,
      kind: e.kind,
      scope: e.rule.rule.scope,
      kinds: e.rule.rule.kinds,
      ruleKey: e.rule.rule.key,
      titleVi: e.rule.rule.titleVi,
      titleEn: e.rule.rule.titleEn ?? null,
      reviewWithinWorkingDays: e.rule.rule.reviewWithinWorkingDays,
      profileKey: e.rule.profileKey,
      document: e.rule.document,
      article: e.rule.rule.article,
      lastReviewedAt: e.lastReviewedAt,
      reviewDueAt: e.reviewDueAt,
      overdue: e.overdue,
    });
  }
}

@ObjectType('ContentReview', { description: 'A recorded review: the item’s freshness entries after it.' })
export class ContentReviewType {
  @Field(() => [FreshnessEntryType]) entries!: FreshnessEntryType[];
}

export const ContentReviewResult = createUnionType({
  name: 'ContentReviewResult',
  types: () => [ContentReviewType, InputErrorType] as const,
  resolveType: (value) => (value instanceof InputErrorType ? InputErrorType : ContentReviewType),
});

@Resolver()
export class FreshnessResolver {
  constructor(private readonly freshness: FreshnessService) {}

  @Query(() => [FreshnessEntryType], {
    description:
      'Items and sections to keep up to date that the caller may read, by review date; only the overdue ones when asked.',
  })
  @CheckAbility('read', 'Content')
  async freshnessQueue(
    @Ctx() ctx: RequestContext,
    @Args('overdueOnly', { type: () => Boolean, nullable: true }) overdueOnly?: boolean,
  ): Promise<FreshnessEntryType[]> {
    return (await this.freshness.queue(ctx, { overdueOnly })).map((e) => FreshnessEntryType.from(e));
  }

  @Mutation(() => ContentReviewResult, {
    description: 'Record that a live item was reviewed and is still correct (restarts its review period).',
  })
  @Authenticated()
  async markContentReviewed(
    @Ctx() ctx: RequestContext,
    @Args('itemId', { type: () => ID }) itemId: string,
    @Args('note', { type: () => String, nullable: true }) note?: string,
  ): Promise<typeof ContentReviewResult> {
    const r = await this.freshness.markReviewed(ctx, itemId, note ?? null);
    if (!r.ok) return InputErrorType.from(r.error, ctx.locale);
    return Object.assign(new ContentReviewType(), {
      entries: r.value.map((e) => FreshnessEntryType.from(e)),
    });
  }
}
