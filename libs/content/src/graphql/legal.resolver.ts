import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CheckAbility, Ctx, InputErrorType, RequestContext, Result } from '@portal/platform';
import { LegalSearchService } from '../legal/legal-search.service';
import { LegalDocumentView, LegalValidityService } from '../legal/legal-validity.service';
import {
  LegalDocumentMatchType,
  LegalDocumentStatusResult,
  LegalDocumentStatusType,
  LegalValidityInputType,
  RelateLegalDocumentsInputType,
} from './legal.types';

const answer = (ctx: RequestContext, r: Result<LegalDocumentView>): typeof LegalDocumentStatusResult =>
  r.ok ? LegalDocumentStatusType.from(r.value) : InputErrorType.from(r.error, ctx.locale);

/**
 * Legal documents' validity and relations: stated by those who may publish the portal's documents
 * (board, operator). Changes show on the public pages at once, without a new revision.
 */
@Resolver()
export class LegalResolver {
  constructor(
    private readonly legal: LegalValidityService,
    private readonly search: LegalSearchService,
  ) {}

  @Query(() => [LegalDocumentMatchType], {
    description:
      'Live legal documents of every portal whose number holds the text (case and spaces ignored), exact matches first, at most 20: the other side of a relation.',
  })
  @CheckAbility('publish', 'Content')
  findLegalDocuments(
    @Ctx() ctx: RequestContext,
    @Args('number', { type: () => String }) number: string,
  ): Promise<LegalDocumentMatchType[]> {
    return this.search.byNumber(ctx, number);
  }

  @Query(() => LegalDocumentStatusType, {
    nullable: true,
    description: 'A legal document’s validity and relations (both ways), for officers who may read it.',
  })
  @CheckAbility('read', 'Content')
  async legalDocumentStatus(
    @Ctx() ctx: RequestContext,
    @Args('itemId', { type: () => ID }) itemId: string,
  ): Promise<LegalDocumentStatusType | null> {
    const v = await this.legal.statusOf(ctx, itemId);
    return v ? LegalDocumentStatusType.from(v) : null;
  }

  @Mutation(() => LegalDocumentStatusResult, {
    description:
      'States a legal document’s validity (and expiry date, national database link); the same again writes nothing.',
  })
  @CheckAbility('publish', 'Content')
  async setLegalValidity(
    @Ctx() ctx: RequestContext,
    @Args('itemId', { type: () => ID }) itemId: string,
    @Args('input', { type: () => LegalValidityInputType }) input: LegalValidityInputType,
  ): Promise<typeof LegalDocumentStatusResult> {
    return answer(ctx, await this.legal.setValidity(ctx, itemId, input));
  }

  @Mutation(() => LegalDocumentStatusResult, {
    description:
      'Relates two legal documents (stored once, shown on both); the other may be another portal’s live one.',
  })
  @CheckAbility('publish', 'Content')
  async relateLegalDocuments(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => RelateLegalDocumentsInputType }) input: RelateLegalDocumentsInputType,
  ): Promise<typeof LegalDocumentStatusResult> {
    return answer(ctx, await this.legal.relate(ctx, input));
  }

  @Mutation(() => LegalDocumentStatusResult, {
    description: 'Removes a relation the portal stated (kept, marked removed).',
  })
  @CheckAbility('publish', 'Content')
  async removeLegalRelation(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<typeof LegalDocumentStatusResult> {
    return answer(ctx, await this.legal.removeRelation(ctx, id));
  }
}
