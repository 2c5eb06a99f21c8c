import { Field, ID, InputType, Int, ObjectType, createUnionType, registerEnumType } from '@nestjs/graphql';
import { InputErrorType } from '@portal/platform';
import { PollResultsVisibility } from '../polls/poll.entity';
import { PollState } from '../polls/poll-rules';
import { PublicWriteProofInput } from './public-write.types';

registerEnumType(PollResultsVisibility, {
  name: 'PollResultsVisibility',
  description: 'AFTER_VOTE: a visitor sees results once they voted; AFTER_CLOSE: only once the poll closed.',
});
registerEnumType(PollState, { name: 'PollState' });

@InputType('PollOptionInput')
export class PollOptionInput {
  @Field(() => String) labelVi!: string;
  @Field(() => String, { nullable: true }) labelEn?: string | null;
}

@InputType('CreatePollInput', { description: 'A poll of the addressed portal (thăm dò ý kiến).' })
export class CreatePollInput {
  @Field(() => String) questionVi!: string;
  @Field(() => String, { nullable: true }) questionEn?: string | null;
  @Field(() => [PollOptionInput], { description: '2 to 12 options, in the order shown.' })
  options!: PollOptionInput[];
  @Field(() => Date) opensAt!: Date;
  @Field(() => Date) closesAt!: Date;
  @Field(() => PollResultsVisibility, { defaultValue: PollResultsVisibility.AFTER_VOTE })
  resultsVisibility!: PollResultsVisibility;
}

@InputType('VotePollInput')
export class VotePollInput {
  @Field(() => ID) pollId!: string;
  @Field(() => ID) optionId!: string;
  @Field(() => PublicWriteProofInput, { nullable: true }) proof?: PublicWriteProofInput | null;
}

@ObjectType('PollOption')
export class PollOptionType {
  @Field(() => ID) id!: string;
  @Field(() => Int) position!: number;
  @Field(() => String, { description: 'In the request language (Vietnamese when no English label).' })
  label!: string;
  @Field(() => String) labelVi!: string;
  @Field(() => String, { nullable: true }) labelEn!: string | null;
  @Field(() => Int, { nullable: true, description: 'Null while the results are not shown to this caller.' })
  votes!: number | null;
}

@ObjectType('Poll')
export class PollType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'In the request language (Vietnamese when no English text).' })
  question!: string;
  @Field(() => String) questionVi!: string;
  @Field(() => String, { nullable: true }) questionEn!: string | null;
  @Field(() => PollState) state!: PollState;
  @Field(() => Date) opensAt!: Date;
  @Field(() => Date, { description: 'When it closes (or closed early).' }) closesAt!: Date;
  @Field(() => PollResultsVisibility) resultsVisibility!: PollResultsVisibility;
  @Field(() => Boolean, { nullable: true, description: 'Whether this visitor (by address) has voted.' })
  voted!: boolean | null;
  @Field(() => Boolean, { description: 'Whether the vote counts are shown to this caller.' })
  resultsShown!: boolean;
  @Field(() => Int, { nullable: true }) totalVotes!: number | null;
  @Field(() => [PollOptionType]) options!: PollOptionType[];
}

export const PollResult = createUnionType({
  name: 'PollResult',
  types: () => [PollType, InputErrorType] as const,
  resolveType: (v) => (v instanceof InputErrorType ? InputErrorType : PollType),
});
