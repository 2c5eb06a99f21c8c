import { Field, ID, InputType, Int, ObjectType, createUnionType, registerEnumType } from '@nestjs/graphql';
import { InputErrorType, PageInfoType } from '@portal/platform';
import { QuestionPublicStatus, QuestionStatus, QuestionType } from '../questions/question-state';
import { PublicWriteProofInput } from './public-write.types';

registerEnumType(QuestionType, {
  name: 'QuestionType',
  description: 'A question (hỏi đáp) or feedback on administrative regulations (phản ánh, kiến nghị).',
});
registerEnumType(QuestionStatus, { name: 'QuestionStatus' });
registerEnumType(QuestionPublicStatus, {
  name: 'QuestionPublicStatus',
  description: 'Where a question stands, as its asker sees it.',
});

@InputType('AskQuestionInput')
export class AskQuestionInput {
  @Field(() => QuestionType) type!: QuestionType;
  @Field(() => String, { description: 'The asker’s name (never published).' }) name!: string;
  @Field(() => String, { nullable: true, description: 'Email or phone, at least one (never published).' })
  email?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String) topic!: string;
  @Field(() => String, { description: 'Plain text; markup is removed.' }) text!: string;
  @Field(() => ID, {
    nullable: true,
    description: 'A file sent first to POST /questions/attachments (within the hour, same portal).',
  })
  attachmentId?: string | null;
  @Field(() => PublicWriteProofInput, { nullable: true }) proof?: PublicWriteProofInput | null;
}

@ObjectType('QuestionAttachment', {
  description: 'The file sent with a question (GET /questions/:id/attachment).',
})
export class QuestionAttachmentType {
  @Field(() => ID) id!: string;
  @Field(() => String) fileName!: string;
  @Field(() => Int) size!: number;
  @Field(() => String) mediaType!: string;
}

@ObjectType('QuestionReceipt', { description: 'Keep the tracking code: it shows the status and the answer.' })
export class QuestionReceiptType {
  @Field(() => String) trackingCode!: string;
  @Field(() => QuestionType) type!: QuestionType;
  @Field(() => Date) receivedAt!: Date;
  @Field(() => Date, { nullable: true }) answerDueAt!: Date | null;
}

export const AskQuestionResult = createUnionType({
  name: 'AskQuestionResult',
  types: () => [QuestionReceiptType, InputErrorType] as const,
  resolveType: (v) => (v instanceof InputErrorType ? InputErrorType : QuestionReceiptType),
});

@ObjectType('QuestionPortal')
export class QuestionPortalType {
  @Field(() => ID) id!: string;
  @Field(() => String) nameVi!: string;
  @Field(() => String, { nullable: true }) nameEn!: string | null;
  @Field(() => String) primaryHost!: string;
}

@ObjectType('QuestionTracking', { description: 'A question as its asker follows it (no personal data).' })
export class QuestionTrackingType {
  @Field(() => String) trackingCode!: string;
  @Field(() => QuestionType) type!: QuestionType;
  @Field(() => String) topic!: string;
  @Field(() => QuestionPublicStatus) status!: QuestionPublicStatus;
  @Field(() => Date) receivedAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When the portal now holding it must answer.' })
  answerDueAt!: Date | null;
  @Field(() => QuestionPortalType, {
    nullable: true,
    description: 'The competent portal it was forwarded to (null while on this portal).',
  })
  forwardedTo!: QuestionPortalType | null;
  @Field(() => String, { nullable: true, description: 'Why it is outside this portal’s scope.' })
  outOfScopeNotice!: string | null;
  @Field(() => String, { nullable: true, description: 'The question as published.' }) question!:
    string | null;
  @Field(() => String, { nullable: true, description: 'The published answer.' }) answer!: string | null;
  @Field(() => Date, { nullable: true }) answeredAt!: Date | null;
}

@ObjectType('PublishedQuestion')
export class PublishedQuestionType {
  @Field(() => ID) id!: string;
  @Field(() => QuestionType) type!: QuestionType;
  @Field(() => String) topic!: string;
  @Field(() => String, { nullable: true }) field!: string | null;
  @Field(() => String) question!: string;
  @Field(() => String) answer!: string;
  @Field(() => Date) receivedAt!: Date;
  @Field(() => Date) publishedAt!: Date;
}

@ObjectType('PublishedQuestionConnection')
export class PublishedQuestionConnectionType {
  @Field(() => [PublishedQuestionType]) nodes!: PublishedQuestionType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
}

@ObjectType('QuestionAsker', { description: 'Shown to the board of the portal holding the question only.' })
export class QuestionAskerType {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
}

@ObjectType('QuestionUnit', { description: 'A unit that answers questions: a named group of accounts.' })
export class QuestionUnitType {
  @Field(() => ID) id!: string;
  @Field(() => ID) tenantId!: string;
  @Field(() => String) name!: string;
  @Field(() => [ID]) memberAccountIds!: string[];
}

export const QuestionUnitResult = createUnionType({
  name: 'QuestionUnitResult',
  types: () => [QuestionUnitType, InputErrorType] as const,
  resolveType: (v) => (v instanceof InputErrorType ? InputErrorType : QuestionUnitType),
});

@InputType('CreateQuestionUnitInput')
export class CreateQuestionUnitInput {
  @Field(() => ID) tenantId!: string;
  @Field(() => String) name!: string;
  @Field(() => [ID], { defaultValue: [] }) memberAccountIds!: string[];
}

@ObjectType('Question', { description: 'A question or feedback as officers see it.' })
export class QuestionViewType {
  @Field(() => ID) id!: string;
  @Field(() => QuestionAttachmentType, { nullable: true }) attachment!: QuestionAttachmentType | null;
  @Field(() => QuestionType) type!: QuestionType;
  @Field(() => QuestionStatus) status!: QuestionStatus;
  @Field(() => String) topic!: string;
  @Field(() => String, { nullable: true }) field!: string | null;
  @Field(() => String) text!: string;
  @Field(() => String, { nullable: true }) publicText!: string | null;
  @Field(() => String, { nullable: true }) answer!: string | null;
  @Field(() => String, { nullable: true }) outOfScopeNotice!: string | null;
  @Field(() => QuestionPortalType, { description: 'The portal whose board holds it.' })
  portal!: QuestionPortalType;
  @Field(() => QuestionPortalType, { description: 'The portal it was asked on.' })
  originPortal!: QuestionPortalType;
  @Field(() => QuestionPortalType, { description: 'The portal whose officers draft the answer.' })
  answeringPortal!: QuestionPortalType;
  @Field(() => QuestionUnitType, { nullable: true }) unit!: QuestionUnitType | null;
  @Field(() => QuestionAskerType, { nullable: true }) asker!: QuestionAskerType | null;
  @Field(() => Date) receivedAt!: Date;
  @Field(() => Date) handlingSince!: Date;
  @Field(() => Date, { nullable: true }) routingDueAt!: Date | null;
  @Field(() => Date, { nullable: true }) outOfScopeDueAt!: Date | null;
  @Field(() => Date, { nullable: true }) answerDueAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'The unit’s deadline, where the profile splits it.' })
  unitDueAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'The board’s deadline to publish the unit’s answer.' })
  boardDueAt!: Date | null;
  @Field(() => Date, { nullable: true }) routedAt!: Date | null;
  @Field(() => Date, { nullable: true }) answeredAt!: Date | null;
  @Field(() => Date, { nullable: true }) publishedAt!: Date | null;
}

export const QuestionResult = createUnionType({
  name: 'QuestionResult',
  types: () => [QuestionViewType, InputErrorType] as const,
  resolveType: (v) => (v instanceof InputErrorType ? InputErrorType : QuestionViewType),
});

@ObjectType('QuestionEvent')
export class QuestionEventType {
  @Field(() => ID) id!: string;
  @Field(() => ID) tenantId!: string;
  @Field(() => String) action!: string;
  @Field(() => String, { nullable: true }) fromStatus!: string | null;
  @Field(() => String) toStatus!: string;
  @Field(() => ID, { nullable: true }) actorAccountId!: string | null;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => Date) at!: Date;
}

@ObjectType('QuestionEscalation', { description: 'A passed deadline, escalated to the board head.' })
export class QuestionEscalationType {
  @Field(() => ID) id!: string;
  @Field(() => ID) tenantId!: string;
  @Field(() => ID) questionId!: string;
  @Field(() => String, { description: 'ROUTING, ANSWER, UNIT_ANSWER or BOARD_PUBLISH.' }) deadline!: string;
  @Field(() => Date) dueAt!: Date;
  @Field(() => Date) createdAt!: Date;
}

@InputType('QuestionQueueFilter')
export class QuestionQueueFilterInput {
  @Field(() => [QuestionStatus], { nullable: true, description: 'Default: every open status.' })
  statuses?: QuestionStatus[] | null;
  @Field(() => QuestionType, { nullable: true }) type?: QuestionType | null;
  @Field(() => Boolean, { nullable: true, description: 'Only questions past a running deadline.' })
  overdueOnly?: boolean | null;
  @Field(() => Int, { nullable: true }) first?: number | null;
}
