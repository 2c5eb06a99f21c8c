import { Field, ID, InputType, ObjectType, createUnionType, registerEnumType } from '@nestjs/graphql';
import { InputErrorType } from '@portal/platform';
import { DialogueGuestKind, DialogueQuestionStatus, DialogueState } from '../dialogues/dialogue.entity';
import { DialogueStep } from '../dialogues/dialogue-state';
import { PublicWriteProofInput } from './public-write.types';

registerEnumType(DialogueState, {
  name: 'DialogueState',
  description:
    'SCHEDULED → OPEN (taking questions) → LIVE → ENDED (transcript drafted) → TRANSCRIPT_PUBLISHED; or CANCELLED before it went live.',
});
registerEnumType(DialogueStep, {
  name: 'DialogueStep',
  description: 'OPEN_QUESTIONS, START, END (writes the transcript draft) or CANCEL (with a reason).',
});
registerEnumType(DialogueGuestKind, {
  name: 'DialogueGuestKind',
  description: 'A leader or an invited expert.',
});
registerEnumType(DialogueQuestionStatus, {
  name: 'DialogueQuestionStatus',
  description: 'RECEIVED → SELECTED → ANSWERED (published), or REJECTED with a reason.',
});

@InputType('DialogueGuestInput')
export class DialogueGuestInput {
  @Field(() => ID, {
    nullable: true,
    description: 'An existing guest of the session (edited); absent: a new one.',
  })
  id?: string | null;
  @Field(() => DialogueGuestKind) kind!: DialogueGuestKind;
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'Position (chức vụ).' }) jobTitle!: string;
  @Field(() => String) unit!: string;
}

@InputType('DialogueInput', { description: 'An online dialogue session (05/2024/QĐ-UBND art. 8.5).' })
export class DialogueInput {
  @Field(() => String) titleVi!: string;
  @Field(() => String, { nullable: true }) titleEn?: string | null;
  @Field(() => String) topicVi!: string;
  @Field(() => String, { nullable: true }) topicEn?: string | null;
  @Field(() => String) place!: string;
  @Field(() => Date) startsAt!: Date;
  @Field(() => Date) endsAt!: Date;
  @Field(() => [DialogueGuestInput], { description: 'In the order the page lists them; one guest at least.' })
  guests!: DialogueGuestInput[];
}

@InputType('AskDialogueQuestionInput')
export class AskDialogueQuestionInput {
  @Field(() => ID) dialogueId!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true, description: 'Optional; read by the board only.' }) email?:
    string | null;
  @Field(() => String, { nullable: true, description: 'Optional; read by the board only.' }) phone?:
    string | null;
  @Field(() => String) text!: string;
  @Field(() => PublicWriteProofInput, { nullable: true }) proof?: PublicWriteProofInput | null;
}

@InputType('SelectDialogueQuestionInput')
export class SelectDialogueQuestionInput {
  @Field(() => String, { nullable: true, description: 'The text shown on the page (the original is kept).' })
  displayText?: string | null;
  @Field(() => ID, { nullable: true, description: 'The guest it is put to.' }) guestId?: string | null;
}

@ObjectType('DialogueGuest')
export class DialogueGuestType {
  @Field(() => ID) id!: string;
  @Field(() => DialogueGuestKind) kind!: DialogueGuestKind;
  @Field(() => String) name!: string;
  @Field(() => String) jobTitle!: string;
  @Field(() => String) unit!: string;
}

@ObjectType('DialogueQuestion', {
  description: 'A citizen’s question as the board sees it (with the contact).',
})
export class DialogueQuestionType {
  @Field(() => ID) id!: string;
  @Field(() => ID) dialogueId!: string;
  @Field(() => String) trackingCode!: string;
  @Field(() => DialogueQuestionStatus) status!: DialogueQuestionStatus;
  @Field(() => String) askerName!: string;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { description: 'As the citizen wrote it.' }) text!: string;
  @Field(() => String, { nullable: true, description: 'The board’s edit for display; null: as written.' })
  displayText!: string | null;
  @Field(() => ID, { nullable: true }) guestId!: string | null;
  @Field(() => String, { nullable: true }) answer!: string | null;
  @Field(() => String, { nullable: true }) rejectReason!: string | null;
  @Field(() => Date) receivedAt!: Date;
  @Field(() => Date, { nullable: true }) moderatedAt!: Date | null;
  @Field(() => Date, { nullable: true }) answeredAt!: Date | null;
}

@ObjectType('Dialogue', { description: 'An online dialogue session as the board sees it.' })
export class DialogueType {
  @Field(() => ID) id!: string;
  @Field(() => ID) tenantId!: string;
  @Field(() => DialogueState) state!: DialogueState;
  @Field(() => String, { description: 'In the request language (Vietnamese when no English).' })
  title!: string;
  @Field(() => String) titleVi!: string;
  @Field(() => String, { nullable: true }) titleEn!: string | null;
  @Field(() => String) topicVi!: string;
  @Field(() => String, { nullable: true }) topicEn!: string | null;
  @Field(() => String) place!: string;
  @Field(() => Date) startsAt!: Date;
  @Field(() => Date) endsAt!: Date;
  @Field(() => Date, { nullable: true }) startedAt!: Date | null;
  @Field(() => Date, { nullable: true }) endedAt!: Date | null;
  @Field(() => String, { nullable: true }) cancelReason!: string | null;
  @Field(() => ID, { nullable: true, description: 'The transcript item (a draft from the END on).' })
  transcriptItemId!: string | null;
  @Field(() => [DialogueGuestType], { description: 'The current guests, in order.' })
  guests!: DialogueGuestType[];
  @Field(() => [DialogueGuestType], {
    description: 'With the guests removed since (answers keep naming them).',
  })
  allGuests!: DialogueGuestType[];
  @Field(() => [DialogueQuestionType], {
    nullable: true,
    description:
      'The whole question queue, oldest first (in `dialogue(id)` and mutation answers; null in lists).',
  })
  questions!: DialogueQuestionType[] | null;
}

@ObjectType('DialogueConnection')
export class DialogueConnectionType {
  @Field(() => [DialogueType]) nodes!: DialogueType[];
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ObjectType('PublicDialogueAnswer')
export class PublicDialogueAnswerType {
  @Field(() => ID) id!: string;
  @Field(() => String) askerName!: string;
  @Field(() => String) question!: string;
  @Field(() => String) answer!: string;
  @Field(() => Date) answeredAt!: Date;
  @Field(() => String, { nullable: true }) guestName!: string | null;
  @Field(() => String, { nullable: true }) guestJobTitle!: string | null;
}

@ObjectType('PublicDialogue', { description: 'A session as anyone sees it on its portal.' })
export class PublicDialogueType {
  @Field(() => ID) id!: string;
  @Field(() => DialogueState) state!: DialogueState;
  @Field(() => String) title!: string;
  @Field(() => String) topic!: string;
  @Field(() => String) place!: string;
  @Field(() => Date) startsAt!: Date;
  @Field(() => Date) endsAt!: Date;
  @Field(() => String, { nullable: true }) cancelReason!: string | null;
  @Field(() => [DialogueGuestType]) guests!: DialogueGuestType[];
  @Field(() => [PublicDialogueAnswerType], { description: 'Published answers, in the order given.' })
  answers!: PublicDialogueAnswerType[];
  @Field(() => String, { nullable: true, description: 'The published transcript item’s slug.' })
  transcriptSlug!: string | null;
}

@ObjectType('DialogueQuestionReceipt', { description: 'The tracking code, shown to the asker once.' })
export class DialogueQuestionReceiptType {
  @Field(() => String) trackingCode!: string;
  @Field(() => Date) receivedAt!: Date;
}

@ObjectType('DialogueQuestionTracking', { description: 'What the asker sees by the code.' })
export class DialogueQuestionTrackingType {
  @Field(() => String) trackingCode!: string;
  @Field(() => ID) dialogueId!: string;
  @Field(() => DialogueQuestionStatus) status!: DialogueQuestionStatus;
  @Field(() => Date) receivedAt!: Date;
  @Field(() => String, { nullable: true }) rejectReason!: string | null;
  @Field(() => Date, { nullable: true }) answeredAt!: Date | null;
}

export const DialogueResult = createUnionType({
  name: 'DialogueResult',
  types: () => [DialogueType, InputErrorType] as const,
  resolveType: (v) => (v instanceof InputErrorType ? InputErrorType : DialogueType),
});

export const DialogueQuestionResult = createUnionType({
  name: 'DialogueQuestionResult',
  types: () => [DialogueQuestionType, InputErrorType] as const,
  resolveType: (v) => (v instanceof InputErrorType ? InputErrorType : DialogueQuestionType),
});

export const DialogueQuestionReceiptResult = createUnionType({
  name: 'DialogueQuestionReceiptResult',
  types: () => [DialogueQuestionReceiptType, InputErrorType] as const,
  resolveType: (v) => (v instanceof InputErrorType ? InputErrorType : DialogueQuestionReceiptType),
});
