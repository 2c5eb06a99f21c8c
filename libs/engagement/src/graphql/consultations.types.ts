import { Field, ID, InputType, Int, ObjectType, createUnionType, registerEnumType } from '@nestjs/graphql';
import { InputErrorType, PageInfoType } from '@portal/platform';
import {
  CommentVisibility,
  ConsultationStatus,
  DraftCommentState,
  ModerationAction,
} from '../consultations/comment-state';
import { PublicWriteProofInput } from './public-write.types';

registerEnumType(DraftCommentState, { name: 'DraftCommentState' });
registerEnumType(ModerationAction, { name: 'CommentModerationAction' });
registerEnumType(CommentVisibility, {
  name: 'CommentVisibility',
  description: 'PUBLISHED_ONLY (default): the public reads the comments the board published; HIDDEN: none.',
});
registerEnumType(ConsultationStatus, { name: 'ConsultationStatus' });

@InputType('CommentOnDraftInput')
export class CommentOnDraftInput {
  @Field(() => ID, { nullable: true, description: 'The draft document (or name it by `slug`).' })
  itemId?: string | null;
  @Field(() => String, { nullable: true, description: 'Its address on the addressed portal.' })
  slug?: string | null;
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'Shown to the board only, never published.' }) email!: string;
  @Field(() => String, { nullable: true, description: 'For a comment on behalf of an organisation.' })
  organisation?: string | null;
  @Field(() => String, { description: 'Plain text (markup is removed), 10,000 characters at most.' })
  text!: string;
  @Field(() => PublicWriteProofInput, { nullable: true }) proof?: PublicWriteProofInput | null;
}

@ObjectType('DraftCommentReceipt', { description: 'A comment received; it waits for moderation.' })
export class DraftCommentReceiptType {
  @Field(() => ID) id!: string;
  @Field(() => ID) itemId!: string;
  @Field(() => DraftCommentState) state!: DraftCommentState;
  @Field(() => Date) receivedAt!: Date;
}

export const CommentOnDraftResult = createUnionType({
  name: 'CommentOnDraftResult',
  types: () => [DraftCommentReceiptType, InputErrorType] as const,
  resolveType: (v) => (v instanceof InputErrorType ? InputErrorType : DraftCommentReceiptType),
});

@ObjectType('DraftComment', { description: 'A comment as the board sees it.' })
export class DraftCommentType {
  @Field(() => ID) id!: string;
  @Field(() => ID, { description: "The item's own portal." }) tenantId!: string;
  @Field(() => ID) itemId!: string;
  @Field(() => ID, { description: 'The portal whose host received it.' }) viaTenantId!: string;
  @Field(() => String) name!: string;
  @Field(() => String) email!: string;
  @Field(() => String, { nullable: true }) organisation!: string | null;
  @Field(() => String) text!: string;
  @Field(() => DraftCommentState) state!: DraftCommentState;
  @Field(() => String, { nullable: true, description: 'Why it was rejected.' }) reason!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => ID, { nullable: true }) moderatedBy!: string | null;
  @Field(() => Date, { nullable: true }) moderatedAt!: Date | null;
}

export const DraftCommentResult = createUnionType({
  name: 'DraftCommentResult',
  types: () => [DraftCommentType, InputErrorType] as const,
  resolveType: (v) => (v instanceof InputErrorType ? InputErrorType : DraftCommentType),
});

@ObjectType('DraftCommentConnection')
export class DraftCommentConnectionType {
  @Field(() => [DraftCommentType]) nodes!: DraftCommentType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
}

@InputType('ModerateDraftCommentInput')
export class ModerateDraftCommentInput {
  @Field(() => ID) id!: string;
  @Field(() => ModerationAction) action!: ModerationAction;
  @Field(() => String, { nullable: true, description: 'Required to reject.' }) reason?: string | null;
}

@InputType('DraftCommentQueueFilter')
export class DraftCommentQueueFilterInput {
  @Field(() => ID, { nullable: true, description: 'The addressed portal by default.' })
  tenantId?: string | null;
  @Field(() => ID, { nullable: true }) itemId?: string | null;
  @Field(() => DraftCommentState, { nullable: true }) state?: DraftCommentState | null;
  @Field(() => Int, { nullable: true }) first?: number | null;
  @Field(() => String, { nullable: true }) after?: string | null;
}

@ObjectType('PublicDraftComment', {
  description: 'A published comment: who wrote it and what (never an email).',
})
export class PublicDraftCommentType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) organisation!: string | null;
  @Field(() => String, { description: 'Plain text; line breaks separate paragraphs.' }) text!: string;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType('PublicDraftCommentConnection')
export class PublicDraftCommentConnectionType {
  @Field(() => [PublicDraftCommentType]) nodes!: PublicDraftCommentType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
}

@ObjectType('Consultation', { description: 'A draft document open (or once open) for comment.' })
export class ConsultationType {
  @Field(() => ID) itemId!: string;
  @Field(() => ID, { description: 'The portal that owns the draft and its comments.' }) tenantId!: string;
  @Field(() => String) title!: string;
  @Field(() => Date, { description: 'Comments accepted from this instant…' }) opensAt!: Date;
  @Field(() => Date, { description: '…until this one (exclusive).' }) closesAt!: Date;
  @Field(() => ConsultationStatus) status!: ConsultationStatus;
  @Field(() => CommentVisibility) commentVisibility!: CommentVisibility;
  @Field(() => Int, { description: 'Comments received (every state).' }) received!: number;
  @Field(() => Int) published!: number;
  @Field(() => String, {
    nullable: true,
    description: 'How the comments were handled (sanitised HTML), once published.',
  })
  summaryHtml!: string | null;
  @Field(() => Date, { nullable: true }) summaryPublishedAt!: Date | null;
}

@ObjectType('ConsultationSummary')
export class ConsultationSummaryType {
  @Field(() => ID) itemId!: string;
  @Field(() => ID) tenantId!: string;
  @Field(() => String) summaryHtml!: string;
  @Field(() => Date) publishedAt!: Date;
  @Field(() => Date) updatedAt!: Date;
}

export const ConsultationSummaryResult = createUnionType({
  name: 'ConsultationSummaryResult',
  types: () => [ConsultationSummaryType, InputErrorType] as const,
  resolveType: (v) => (v instanceof InputErrorType ? InputErrorType : ConsultationSummaryType),
});

@ObjectType('ConsultationSettings')
export class ConsultationSettingsType {
  @Field(() => ID) tenantId!: string;
  @Field(() => CommentVisibility) commentVisibility!: CommentVisibility;
  @Field(() => Date) updatedAt!: Date;
}

export const ConsultationSettingsResult = createUnionType({
  name: 'ConsultationSettingsResult',
  types: () => [ConsultationSettingsType, InputErrorType] as const,
  resolveType: (v) => (v instanceof InputErrorType ? InputErrorType : ConsultationSettingsType),
});
