import { Field, ID, InputType, Int, ObjectType, createUnionType, registerEnumType } from '@nestjs/graphql';
import { ContentKind } from '@portal/content';
import { InputErrorType, PageInfoType } from '@portal/platform';
import { TenantKind } from '@portal/tenancy';
import { SyndicationStatusFilter } from '../subtree/subtree-feed.service';
import { PushPlacement } from '../syndication/syndication.service';
import { SyndicationDirection, SyndicationState } from '../syndication/syndication-state';

registerEnumType(SyndicationDirection, { name: 'SyndicationDirection' });
registerEnumType(SyndicationState, { name: 'SyndicationState' });
registerEnumType(PushPlacement, { name: 'PushPlacement' });
registerEnumType(SyndicationStatusFilter, { name: 'SyndicationStatusFilter' });

@ObjectType('PortalRef', { description: 'A portal as other portals name it.' })
export class PortalRefType {
  @Field(() => ID) id!: string;
  @Field(() => String) nameVi!: string;
  @Field(() => String) primaryHost!: string;
  @Field(() => String) kind!: string;
}

@ObjectType('Syndication', {
  description: 'One item of one portal shown (or proposed to be shown) on another.',
})
export class SyndicationType {
  @Field(() => ID) id!: string;
  @Field(() => ID) itemId!: string;
  @Field(() => String, { nullable: true, description: "The source item's live title." }) itemTitle!:
    string | null;
  @Field(() => PortalRefType, { nullable: true }) sourcePortal!: PortalRefType | null;
  @Field(() => PortalRefType, { nullable: true }) targetPortal!: PortalRefType | null;
  @Field(() => SyndicationDirection) direction!: SyndicationDirection;
  @Field(() => SyndicationState) state!: SyndicationState;
  @Field(() => ID, { nullable: true }) categoryId!: string | null;
  @Field(() => String, { nullable: true }) titleOverride!: string | null;
  @Field(() => String, { nullable: true }) summaryOverride!: string | null;
  @Field(() => String, { nullable: true, description: 'Its address on the receiving portal.' }) slug!:
    string | null;
  @Field(() => Boolean) pinned!: boolean;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => ID, { nullable: true }) proposedBy!: string | null;
  @Field(() => Date) proposedAt!: Date;
  @Field(() => ID, { nullable: true }) decidedBy!: string | null;
  @Field(() => Date, { nullable: true }) decidedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Why it was refused or dropped.' }) reason!:
    string | null;
  @Field(() => ID, { nullable: true, description: 'The auto-accept rule that accepted it.' }) ruleId!:
    string | null;
  @Field(() => Date, { nullable: true }) placedAt!: Date | null;
}

export const SyndicationResult = createUnionType({
  name: 'SyndicationResult',
  types: () => [SyndicationType, InputErrorType] as const,
  resolveType: (v) => (v instanceof InputErrorType ? InputErrorType : SyndicationType),
});

@ObjectType('PushOutcome')
export class PushOutcomeType {
  @Field(() => [SyndicationType]) pushed!: SyndicationType[];
  @Field(() => Int, { description: 'Chosen portals where the item already shows or waits.' })
  alreadyThere!: number;
}

export const PushResult = createUnionType({
  name: 'PushResult',
  types: () => [PushOutcomeType, InputErrorType] as const,
  resolveType: (v) => (v instanceof InputErrorType ? InputErrorType : PushOutcomeType),
});

@ObjectType('SyndicationRule', {
  description: 'A standing decision of a board to accept matching proposals.',
})
export class SyndicationRuleType {
  @Field(() => ID) id!: string;
  @Field(() => ID) tenantId!: string;
  @Field(() => [ContentKind], { nullable: true }) kinds!: ContentKind[] | null;
  @Field(() => [TenantKind], { nullable: true }) sourcePortalKinds!: TenantKind[] | null;
  @Field(() => ID, { nullable: true }) sourceRootId!: string | null;
  @Field(() => ID, { nullable: true }) categoryId!: string | null;
  @Field(() => ID, { nullable: true }) createdBy!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) disabledAt!: Date | null;
}

export const SyndicationRuleResult = createUnionType({
  name: 'SyndicationRuleResult',
  types: () => [SyndicationRuleType, InputErrorType] as const,
  resolveType: (v) => (v instanceof InputErrorType ? InputErrorType : SyndicationRuleType),
});

@InputType('AcceptSyndicationInput')
export class AcceptSyndicationInput {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true, description: "One of the receiving portal's categories." })
  categoryId?: string | null;
  @Field(() => String, { nullable: true }) titleOverride?: string | null;
  @Field(() => String, { nullable: true }) summaryOverride?: string | null;
}

@InputType('PushTargetsInput', { description: 'Which descendants receive a push; kinds narrow the rest.' })
export class PushTargetsInput {
  @Field(() => Boolean, { nullable: true }) all?: boolean | null;
  @Field(() => [TenantKind], { nullable: true }) portalKinds?: TenantKind[] | null;
  @Field(() => [ID], { nullable: true }) subtreeRootIds?: string[] | null;
  @Field(() => [ID], { nullable: true }) tenantIds?: string[] | null;
}

@InputType('PushItemInput')
export class PushItemInput {
  @Field(() => ID) itemId!: string;
  @Field(() => PushTargetsInput) targets!: PushTargetsInput;
  @Field(() => PushPlacement) placement!: PushPlacement;
}

@InputType('SyndicationRuleInput')
export class SyndicationRuleInput {
  @Field(() => ID) tenantId!: string;
  @Field(() => [ContentKind], { nullable: true }) kinds?: ContentKind[] | null;
  @Field(() => [TenantKind], { nullable: true }) sourcePortalKinds?: TenantKind[] | null;
  @Field(() => ID, { nullable: true }) sourceRootId?: string | null;
  @Field(() => ID, { nullable: true }) categoryId?: string | null;
}

@InputType('SubtreeFeedFilter')
export class SubtreeFeedFilterInput {
  @Field(() => ID, { nullable: true, description: 'The subtree root (the addressed portal by default).' })
  rootTenantId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Every tree of the federation (central office).' })
  everywhere?: boolean | null;
  @Field(() => [ContentKind], { nullable: true }) kinds?: ContentKind[] | null;
  @Field(() => String, { nullable: true, description: 'Category name; case and diacritics ignored.' })
  categoryName?: string | null;
  @Field(() => [TenantKind], { nullable: true }) portalKinds?: TenantKind[] | null;
  @Field(() => Date, { nullable: true }) publishedFrom?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Exclusive.' }) publishedTo?: Date | null;
  @Field(() => String, { nullable: true, description: 'vi (default) or en.' }) language?: string | null;
  @Field(() => SyndicationStatusFilter, { nullable: true }) syndication?: SyndicationStatusFilter | null;
  @Field(() => Int, { nullable: true }) first?: number | null;
  @Field(() => String, { nullable: true }) after?: string | null;
}

@ObjectType('SubtreeCopy')
export class SubtreeCopyType {
  @Field(() => PortalRefType, { nullable: true }) portal!: PortalRefType | null;
  @Field(() => SyndicationDirection) direction!: SyndicationDirection;
  @Field(() => SyndicationState) state!: SyndicationState;
}

@ObjectType('SubtreeItem', { description: 'A published item of a portal in the subtree.' })
export class SubtreeItemType {
  @Field(() => ID) id!: string;
  @Field(() => PortalRefType, { nullable: true }) portal!: PortalRefType | null;
  @Field(() => ContentKind) kind!: ContentKind;
  @Field(() => ID, { nullable: true }) categoryId!: string | null;
  @Field(() => String, { nullable: true }) categoryName!: string | null;
  @Field(() => String) language!: string;
  @Field(() => String) slug!: string;
  @Field(() => String) url!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) summary!: string | null;
  @Field(() => String) authorName!: string;
  @Field(() => Date) publishedAt!: Date;
  @Field(() => Int) revisionNumber!: number;
  @Field(() => [SubtreeCopyType], { description: 'Where it is proposed or shown besides its own portal.' })
  copies!: SubtreeCopyType[];
}

@ObjectType('SubtreeItemConnection')
export class SubtreeItemConnectionType {
  @Field(() => [SubtreeItemType]) nodes!: SubtreeItemType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
}
