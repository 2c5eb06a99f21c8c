import { Field, ID, InputType, Int, ObjectType, createUnionType, registerEnumType } from '@nestjs/graphql';
import { InputErrorType } from '@portal/platform';
import { MergePlan, RoleMappingAction } from '../restructuring/merge-participants';
import type { MergePreview } from '../restructuring/restructuring.service';
import { PortalSummaryType } from './tenancy.types';
import { MergeTargetCategoryType } from './tenant-tree.types';

registerEnumType(RoleMappingAction, {
  name: 'RoleMappingAction',
  description:
    'MOVE: re-created on the target and revoked on the source; REVOKE: revoked on the source only.',
});

@InputType('CategoryMappingInput')
export class CategoryMappingInput {
  @Field(() => ID) sourceCategoryId!: string;
  @Field(() => ID, {
    nullable: true,
    description: 'A category of the target; null copies the source category.',
  })
  targetCategoryId?: string | null;
}

@InputType('RoleMappingInput')
export class RoleMappingInput {
  @Field(() => ID) assignmentId!: string;
  @Field(() => RoleMappingAction) action!: RoleMappingAction;
}

@InputType('MergePlanInput', {
  description: 'Every category of the sources and every live role assignment on them, each with its fate.',
})
export class MergePlanInput {
  @Field(() => [CategoryMappingInput]) categoryMapping!: CategoryMappingInput[];
  @Field(() => [RoleMappingInput]) roleMapping!: RoleMappingInput[];
}

@InputType('MergeInput')
export class MergeInput {
  @Field(() => [ID]) sourceIds!: string[];
  @Field(() => ID) targetId!: string;
  @Field(() => MergePlanInput, {
    nullable: true,
    description: 'An edited plan to check and count; the proposal when absent.',
  })
  plan?: MergePlanInput | null;
}

@InputType('MergeTenantsInput')
export class MergeTenantsInput {
  @Field(() => [ID]) sourceIds!: string[];
  @Field(() => ID) targetId!: string;
  @Field(() => MergePlanInput, { description: 'The confirmed plan (start from mergePreview’s).' })
  plan!: MergePlanInput;
}

export function planOf(input: MergePlanInput): MergePlan {
  return {
    categoryMapping: input.categoryMapping.map((e) => ({
      sourceCategoryId: e.sourceCategoryId,
      targetCategoryId: e.targetCategoryId ?? null,
    })),
    roleMapping: input.roleMapping.map((e) => ({ assignmentId: e.assignmentId, action: e.action })),
  };
}

@ObjectType('MergeCount')
export class MergeCountType {
  @Field(() => String) name!: string;
  @Field(() => Int) value!: number;
}

@ObjectType('MergeParticipantCounts', {
  description: 'What one part of the platform would re-home, leave or revoke.',
})
export class MergeParticipantCountsType {
  @Field(() => String, { description: 'categories, accounts, roles, content, editorial, calendar…' })
  participant!: string;
  @Field(() => [MergeCountType]) counts!: MergeCountType[];
}

@ObjectType('CategoryMapping')
export class CategoryMappingType {
  @Field(() => ID) sourceCategoryId!: string;
  @Field(() => ID) sourceTenantId!: string;
  @Field(() => String, { description: 'Slugs from the root, e.g. chi-dao-dieu-hanh/lich-cong-tac.' })
  slugPath!: string;
  @Field(() => String) nameVi!: string;
  @Field(() => ID, { nullable: true, description: 'Null: the category is copied into the target.' })
  targetCategoryId!: string | null;
  @Field(() => String, { nullable: true }) targetSlugPath!: string | null;
}

@ObjectType('RoleMapping')
export class RoleMappingType {
  @Field(() => ID) assignmentId!: string;
  @Field(() => ID) sourceTenantId!: string;
  @Field(() => ID) accountId!: string;
  @Field(() => String) username!: string;
  @Field(() => String) role!: string;
  @Field(() => String) scope!: string;
  @Field(() => [String]) fields!: string[];
  @Field(() => RoleMappingAction) action!: RoleMappingAction;
  @Field(() => Boolean, {
    description: 'The account already holds this role on the target: moving skips it.',
  })
  duplicate!: boolean;
}

@ObjectType('MergePlan')
export class MergePlanType {
  @Field(() => [CategoryMappingType]) categoryMapping!: CategoryMappingType[];
  @Field(() => [RoleMappingType]) roleMapping!: RoleMappingType[];
}

@ObjectType('MergePreview', {
  description: 'The dry run of a merge: counts and the plan to confirm. Nothing written.',
})
export class MergePreviewType {
  @Field(() => [PortalSummaryType]) sources!: PortalSummaryType[];
  @Field(() => PortalSummaryType) target!: PortalSummaryType;
  @Field(() => [MergeParticipantCountsType]) participants!: MergeParticipantCountsType[];
  @Field(() => MergePlanType) plan!: MergePlanType;
  @Field(() => [MergeTargetCategoryType], {
    description: 'The target’s categories, what a source category may be mapped onto.',
  })
  targetCategories!: MergeTargetCategoryType[];

  static from(preview: MergePreview, locale: 'vi' | 'en'): MergePreviewType {
    return Object.assign(new MergePreviewType(), {
      sources: preview.sources.map((s) => PortalSummaryType.from(s, locale)),
      target: PortalSummaryType.from(preview.target, locale),
      participants: preview.counts.map((c) =>
        Object.assign(new MergeParticipantCountsType(), {
          participant: c.participant,
          counts: Object.entries(c.counts).map(([name, value]) =>
            Object.assign(new MergeCountType(), { name, value }),
          ),
        }),
      ),
      plan: Object.assign(new MergePlanType(), {
        categoryMapping: preview.plan.categoryMapping.map((e) => Object.assign(new CategoryMappingType(), e)),
        roleMapping: preview.plan.roleMapping.map((e) => Object.assign(new RoleMappingType(), e)),
      }),
      targetCategories: preview.targetCategories.map((c) => Object.assign(new MergeTargetCategoryType(), c)),
    });
  }
}

export const MergePreviewResult = createUnionType({
  name: 'MergePreviewResult',
  description: 'The dry run, or why the merge could not be planned.',
  types: () => [MergePreviewType, InputErrorType] as const,
  resolveType: (value) => (value instanceof InputErrorType ? InputErrorType : MergePreviewType),
});
