import { Field, ID, InputType, Int, ObjectType, createUnionType, registerEnumType } from '@nestjs/graphql';
import { GraphQLJSONObject } from '@portal/platform';
import { ContentKind } from '@portal/content';
import { InputErrorType, PageInfoType } from '@portal/platform';
import { RefusalReason, RevisionStatus, WorkflowAction } from '../workflow/workflow';

registerEnumType(RevisionStatus, { name: 'RevisionStatus' });
registerEnumType(WorkflowAction, { name: 'WorkflowAction' });
registerEnumType(RefusalReason, {
  name: 'RefusalReason',
  description: 'Grounds for refusal (1376/QĐ-SVHTT art. 12.3; 517/QĐ-SNV art. 6.3.b).',
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

@ObjectType('ItemAction', { description: 'A workflow step and whether the caller may take it.' })
export class ItemActionType {
  @Field(() => WorkflowAction) action!: WorkflowAction;
  @Field(() => Boolean) allowed!: boolean;
  @Field(() => Boolean, { description: 'An approval that would be made under the head’s delegation.' })
  delegated!: boolean;
  @Field(() => String, {
    nullable: true,
    description: 'Why not: FOUR_EYES (the caller wrote the item) or NOT_ALLOWED (no role for it).',
  })
  blockedCode!: string | null;
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
  @Field(() => Int, {
    description: 'Number of the latest revision; send it back as baseNumber when saving to detect conflicts.',
  })
  latestNumber!: number;
  @Field(() => [ItemActionType], {
    description: 'The steps the item’s state allows now, and whether the caller may take each.',
  })
  actions!: ItemActionType[];
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
  @Field(() => String, { description: 'Title of the waiting revision.' }) title!: string;
  @Field(() => ContentKind) kind!: ContentKind;
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

@ObjectType('ContentListItem', { description: 'One item in the editors’ list, with its latest revision.' })
export class ContentListItemType {
  @Field(() => ID) id!: string;
  @Field(() => ContentKind) kind!: ContentKind;
  @Field(() => String) language!: string;
  @Field(() => String) slug!: string;
  @Field(() => ID, { nullable: true }) categoryId!: string | null;
  @Field(() => ID) createdBy!: string;
  @Field(() => Date) updatedAt!: Date;
  @Field(() => String) title!: string;
  @Field(() => Int) number!: number;
  @Field(() => RevisionStatus, { nullable: true }) status!: RevisionStatus | null;
  @Field(() => Date, { nullable: true }) boardDueAt!: Date | null;
  @Field(() => Date, { nullable: true }) dueAt!: Date | null;
  @Field(() => Boolean, { description: 'A revision is live on the public site.' }) isLive!: boolean;
}

@ObjectType('ContentListConnection')
export class ContentListConnectionType {
  @Field(() => [ContentListItemType]) nodes!: ContentListItemType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
}

@InputType('ContentItemsFilter')
export class ContentItemsFilterInput {
  @Field(() => ContentKind, { nullable: true }) kind?: ContentKind | null;
  @Field(() => [RevisionStatus], { nullable: true, description: 'State of the latest revision.' })
  statuses?: RevisionStatus[] | null;
  @Field(() => ID, { nullable: true }) categoryId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The account that created the item.' })
  createdBy?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Only the caller’s own items.' }) mine?:
    boolean | null;
  @Field(() => String, { nullable: true, description: 'vi or en' }) language?: string | null;
  @Field(() => Date, { nullable: true }) updatedFrom?: Date | null;
  @Field(() => Date, { nullable: true }) updatedTo?: Date | null;
  @Field(() => String, { nullable: true, description: 'Words of the title, diacritics optional.' })
  query?: string | null;
  @Field(() => Int, { nullable: true }) first?: number | null;
  @Field(() => String, { nullable: true }) after?: string | null;
}

@ObjectType('ContentFieldSpec', {
  description: 'One kind-specific field: its type and rules, as the server checks them.',
})
export class ContentFieldSpecType {
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'text, longText, date, dateTime, number, enum, time or list' })
  type!: string;
  @Field(() => Boolean) required!: boolean;
  @Field(() => [String], { nullable: true }) values!: string[] | null;
  @Field(() => Int, { nullable: true }) max!: number | null;
  @Field(() => [ContentFieldSpecType], { nullable: true, description: 'The fields of each entry of a list.' })
  of!: ContentFieldSpecType[] | null;
}

@ObjectType('ContentKindSpec')
export class ContentKindSpecType {
  @Field(() => ContentKind) kind!: ContentKind;
  @Field(() => [ContentFieldSpecType]) fields!: ContentFieldSpecType[];
}

@ObjectType('BoardDeputy', { description: 'A deputy head of the addressed portal’s board.' })
export class BoardDeputyType {
  @Field(() => ID) accountId!: string;
  @Field(() => String) displayName!: string;
  @Field(() => String) username!: string;
}
