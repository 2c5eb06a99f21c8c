import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, RequestContext } from '@portal/platform';
import { CollaboratorService } from '../collaborators/collaborator.service';
import { NotPaidReason } from '../grades/grading.service';
import { showHundredths } from '../grades/royalty-input';
import { RoyaltyProfileService } from '../profiles/royalty-profile.service';
import { CollaboratorItemType, CollaboratorPaymentType, CollaboratorType } from './royalties.types';

/**
 * A collaborator's record in the registry (cộng tác viên): their items and what they were paid.
 * The list of collaborators needs `read Collaborator`; each part of the record needs its own right
 * on the collaborator's portal (grades: `read Royalty`, statements: `read RoyaltyStatement`), and
 * is null for who lacks it. Payment details stay with `collaboratorPaymentDetails`.
 */
@Resolver(() => CollaboratorType)
export class CollaboratorRecordResolver {
  constructor(
    private readonly registry: CollaboratorService,
    private readonly profiles: RoyaltyProfileService,
  ) {}

  @ResolveField(() => [CollaboratorItemType], {
    nullable: true,
    description:
      'Their items by the grades in force, newest grade first (200 at most); null without `read Royalty`.',
  })
  async items(
    @Ctx() ctx: RequestContext,
    @Parent() c: CollaboratorType,
  ): Promise<CollaboratorItemType[] | null> {
    const rows = await this.registry.items(ctx, c);
    return (
      rows?.map((r) => ({
        itemId: r.itemId,
        title: r.title,
        genre: r.genre,
        genreNameVi: this.profiles.genreNames(r.profileKey)(r.genre)?.vi ?? null,
        sharePercent: showHundredths(r.shareBp),
        notPaidReason: (r.notPaidReason as NotPaidReason | null) ?? null,
        publishedAt: r.publishedAt,
        gradedAt: r.gradedAt,
      })) ?? null
    );
  }

  @ResolveField(() => [CollaboratorPaymentType], {
    nullable: true,
    description:
      'Statement lines paid to them, newest month first (200 at most); null without `read RoyaltyStatement`.',
  })
  async payments(
    @Ctx() ctx: RequestContext,
    @Parent() c: CollaboratorType,
  ): Promise<CollaboratorPaymentType[] | null> {
    const rows = await this.registry.payments(ctx, c);
    return (
      rows?.map((r) => ({
        month: r.month,
        state: r.state,
        kind: r.kind,
        itemId: r.itemId,
        title: r.title,
        genreNameVi: this.profiles.genreNames(r.profileKey)(r.genre)?.vi ?? null,
        amount: String(r.amount),
      })) ?? null
    );
  }
}
