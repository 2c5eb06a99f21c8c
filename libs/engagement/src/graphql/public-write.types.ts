import { Field, InputType } from '@nestjs/graphql';

/** What every public write sends besides its own fields (see PublicWriteGuard). */
@InputType('PublicWriteProofInput')
export class PublicWriteProofInput {
  @Field(() => String, {
    nullable: true,
    description: 'Leave empty: a field hidden from people, filled only by robots.',
  })
  website?: string | null;
  @Field(() => String, { nullable: true, description: 'From `writeChallenge`, when the platform asks one.' })
  challengeToken?: string | null;
  @Field(() => String, { nullable: true }) challengeAnswer?: string | null;
}
