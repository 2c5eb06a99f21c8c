import { Field, ID, InputType, Int, ObjectType, createUnionType, registerEnumType } from '@nestjs/graphql';
import { GraphQLJSONObject } from '@portal/audit';
import { ContentKind } from '@portal/content';
import { InputErrorType } from '@portal/platform';
import { RefusalReason, RevisionStatus, WorkflowAction } from '../workflow/workflow';

registerEnumType(RevisionStatus, { name: 'RevisionStatus' });
registerEnumType(WorkflowAction, { name: 'WorkflowAction' });
registerEnumType(RefusalReason, {
  name: 'RefusalReason',
  description: 'Grounds for refusal (000 art. 12.3; 002 art. 6.3.b).',
});

@ObjectType('Revision')
export class RevisionType {
  @Field(() => ID) id!: string;
  @Field(() => Int) number!: number;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) summary!: string | null;
  @Field(() => String) bodyHtml!: string;
  @Field(() => GraphQLJSONObject) fields!: Record<string, unknown>;
  @Field(() => String) authorName!: string;
  @Field(() => String) source!: string;
  @Field(() => ID) createdBy!: string;
  @Field(() => Date) createdAt!: Date;
  @Field(() => RevisionStatus, { nullable: true }) status!: RevisionStatus | null;
  @Field(() => Date, { nullable: true, description: 'Board handling deadline of the submission.' })
  boardDueAt!: Date | null;
  @Field(() => Date, {
    nullable: true,
    description: 'The unit leader’s vetting deadline (unit pre-vetting).',
  })
  unitDueAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'Statutory publication deadline (kind and anchor).' })
  dueAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When a scheduled revision will be published.' })
  scheduledAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When a live revision will be withdrawn.' })
  withdrawAt!: Date | null;
}

@ObjectType('ContentItem', {
  description: 'An item as its editors see it: the revision in progress and the live one.',
})
export class ContentItemType {
  @Field(() => ID) id!: string;
  @Field(() => ID) tenantId!: string;
  @Field(() => ContentKind) kind!: ContentKind;
  @Field(() => ID, { nullable: true }) categoryId!: string | null;
  @Field(() => String) language!: string;
  @Field(() => ID, { nullable: true }) translationOf!: string | null;
  @Field(() => String) slug!: string;
  @Field(() => String, { nullable: true }) field!: string | null;
  @Field(() => ID) createdBy!: string;
  @Field(() => Date, { nullable: true }) publishedAt!: Date | null;
  @Field(() => Date, { nullable: true }) withdrawnAt!: Date | null;
  @Field(() => Boolean) pinned!: boolean;
  @Field(() => RevisionType, { nullable: true }) working!: RevisionType | null;
  @Field(() => RevisionType, { nullable: true }) live!: RevisionType | null;
}

export const ContentItemResult = createUnionType({
  name: 'ContentItemResult',
  types: () => [ContentItemType, InputErrorType] as const,
  resolveType: (value) => (value instanceof InputErrorType ? InputErrorType : ContentItemType),
});

@ObjectType('WorkflowEvent')
export class WorkflowEventType {
  @Field(() => ID) id!: string;
  @Field(() => String) action!: string;
  @Field(() => String, { nullable: true }) fromStatus!: string | null;
  @Field(() => String) toStatus!: string;
  @Field(() => ID) revisionId!: string;
  @Field(() => ID, { nullable: true }) actorAccountId!: string | null;
  @Field(() => Boolean, { description: 'An approval made under a delegation from the head.' })
  delegated!: boolean;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => Date) at!: Date;
}

@ObjectType('RevisionDiffPart')
export class RevisionDiffPartType {
  @Field(() => String) value!: string;
  @Field(() => Boolean) added!: boolean;
  @Field(() => Boolean) removed!: boolean;
}

@ObjectType('RevisionDiff')
export class RevisionDiffType {
  @Field(() => String) field!: string;
  @Field(() => [RevisionDiffPartType]) parts!: RevisionDiffPartType[];
}

@ObjectType('QueueEntry')
export class QueueEntryType {
  @Field(() => ID) itemId!: string;
  @Field(() => ID) revisionId!: string;
  @Field(() => RevisionStatus) status!: RevisionStatus;
  @Field(() => Date, { nullable: true }) submittedAt!: Date | null;
  @Field(() => Date, { nullable: true }) boardDueAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'The unit leader’s vetting deadline (UNIT_REVIEW).' })
  unitDueAt!: Date | null;
  @Field(() => Date, { nullable: true }) dueAt!: Date | null;
}

@ObjectType('ApprovalDelegation')
export class ApprovalDelegationType {
  @Field(() => ID) id!: string;
  @Field(() => ID) tenantId!: string;
  @Field(() => ID) headAccountId!: string;
  @Field(() => ID) deputyAccountId!: string;
  @Field(() => Date) validFrom!: Date;
  @Field(() => Date) validTo!: Date;
}

export const ApprovalDelegationResult = createUnionType({
  name: 'ApprovalDelegationResult',
  types: () => [ApprovalDelegationType, InputErrorType] as const,
  resolveType: (value) => (value instanceof InputErrorType ? InputErrorType : ApprovalDelegationType),
});

@InputType('RevisionInput')
export class RevisionInputType {
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) summary?: string | null;
  @Field(() => String, { description: 'Rich text; sanitised on save.' }) bodyHtml!: string;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Kind-specific fields.' }) fields?: Record<
    string,
    unknown
  > | null;
  @Field(() => String) authorName!: string;
  @Field(() => String) source!: string;
}

@InputType('CreateContentInput')
export class CreateContentInputType extends RevisionInputType {
  @Field(() => ID) tenantId!: string;
  @Field(() => ContentKind) kind!: ContentKind;
  @Field(() => ID, { nullable: true }) categoryId?: string | null;
  @Field(() => String, { nullable: true, description: 'vi (default) or en' }) language?: 'vi' | 'en' | null;
  @Field(() => ID, { nullable: true, description: 'For an English item: its Vietnamese original.' })
  translationOf?: string | null;
  @Field(() => String, { nullable: true }) slug?: string | null;
  @Field(() => String, { nullable: true, description: 'Lĩnh vực, for board review assignment.' }) field?:
    string | null;
}

@InputType('DelegateApprovalInput')
export class DelegateApprovalInputType {
  @Field(() => ID) tenantId!: string;
  @Field(() => ID) deputyAccountId!: string;
  @Field(() => Date) validFrom!: Date;
  @Field(() => Date) validTo!: Date;
}

@ObjectType('EditorialReminder')
export class ReminderType {
  @Field(() => ID) id!: string;
  @Field(() => ID) itemId!: string;
  @Field(() => ID) revisionId!: string;
  @Field(() => String, {
    description: 'UNIT_VETTING, BOARD_HANDLING, PUBLICATION or REVIEW (kept up to date)',
  })
  deadline!: string;
  @Field(() => String, {
    description:
      'DUE_IN_<n>H before the deadline, OVERDUE after it; MONTHLY_<yyyy>_<mm> for a monthly review',
  })
  stage!: string;
  @Field(() => Date) dueAt!: Date;
  @Field(() => Date) createdAt!: Date;
}
