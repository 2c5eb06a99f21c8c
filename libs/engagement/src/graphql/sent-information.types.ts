import { Field, ID, InputType, Int, ObjectType, createUnionType, registerEnumType } from '@nestjs/graphql';
import { GraphQLJSONObject } from '@portal/platform';
import { ContentKind } from '@portal/content';
import { InputErrorType } from '@portal/platform';
import { SentInformationStatus } from '../sent-information/sent-information.entity';
import { PublicWriteProofInput } from './public-write.types';

registerEnumType(SentInformationStatus, {
  name: 'SentInformationStatus',
  description:
    'RECEIVED: waiting in the intake queue; TAKEN_UP: a draft item was written from it; DECLINED: not used.',
});

@InputType('SendInformationInput', {
  description:
    'Information for the editorial board from an organisation or a person (05/2024/QĐ-UBND art. 14.2). ' +
    'A file goes with the website form (multipart), not here.',
})
export class SendInformationInput {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true, description: 'Unit or organisation sending it.' })
  organisation?: string | null;
  @Field(() => String, { nullable: true }) position?: string | null;
  @Field(() => String, { nullable: true, description: 'An e-mail address or a phone number is required.' })
  email?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) address?: string | null;
  @Field(() => String) title!: string;
  @Field(() => String) body!: string;
  @Field(() => PublicWriteProofInput, { nullable: true }) proof?: PublicWriteProofInput | null;
}

@ObjectType('SentInformationReceipt', { description: 'The tracking code, shown to the sender once.' })
export class SentInformationReceiptType {
  @Field(() => String) trackingCode!: string;
  @Field(() => Date) receivedAt!: Date;
}

@ObjectType('SentInformationTracking', { description: 'What the sender sees by the code.' })
export class SentInformationTrackingType {
  @Field(() => String) trackingCode!: string;
  @Field(() => String) title!: string;
  @Field(() => SentInformationStatus) status!: SentInformationStatus;
  @Field(() => Date) receivedAt!: Date;
  @Field(() => Date, { nullable: true }) handledAt!: Date | null;
  @Field(() => String, { nullable: true }) declineReason!: string | null;
  @Field(() => String, { nullable: true, description: 'The published item’s slug, once it is live.' })
  publishedSlug!: string | null;
}

@ObjectType('SentFile')
export class SentFileType {
  @Field(() => String) fileName!: string;
  @Field(() => String) mediaType!: string;
  @Field(() => Int) size!: number;
  @Field(() => String, { description: 'Where an officer downloads it.' }) href!: string;
}

@ObjectType('SentInformation', { description: 'Information sent in, as the board sees it.' })
export class SentInformationType {
  @Field(() => ID) id!: string;
  @Field(() => ID) tenantId!: string;
  @Field(() => String) trackingCode!: string;
  @Field(() => SentInformationStatus) status!: SentInformationStatus;
  @Field(() => String) senderName!: string;
  @Field(() => String, { nullable: true }) organisation!: string | null;
  @Field(() => String, { nullable: true }) position!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) address!: string | null;
  @Field(() => String) title!: string;
  @Field(() => String) body!: string;
  @Field(() => SentFileType, { nullable: true }) file!: SentFileType | null;
  @Field(() => Date) receivedAt!: Date;
  @Field(() => Date, { nullable: true }) handledAt!: Date | null;
  @Field(() => ID, { nullable: true, description: 'The draft item written from it.' }) itemId!: string | null;
  @Field(() => String, { nullable: true }) declineReason!: string | null;
}

@ObjectType('SentInformationConnection')
export class SentInformationConnectionType {
  @Field(() => [SentInformationType]) nodes!: SentInformationType[];
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@InputType('TakeUpSentInformationInput')
export class TakeUpSentInformationInput {
  @Field(() => ContentKind, { nullable: true, description: 'The draft’s kind (NEWS when absent).' })
  kind?: ContentKind | null;
  @Field(() => ID, { nullable: true }) categoryId?: string | null;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The kind’s own fields.' })
  fields?: Record<string, unknown> | null;
}

export const SentInformationReceiptResult = createUnionType({
  name: 'SentInformationReceiptResult',
  types: () => [SentInformationReceiptType, InputErrorType] as const,
  resolveType: (v) => (v instanceof InputErrorType ? InputErrorType : SentInformationReceiptType),
});

export const SentInformationResult = createUnionType({
  name: 'SentInformationResult',
  types: () => [SentInformationType, InputErrorType] as const,
  resolveType: (v) => (v instanceof InputErrorType ? InputErrorType : SentInformationType),
});
