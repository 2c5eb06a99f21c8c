import { Inject } from '@nestjs/common';
import { Field, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Public } from '@portal/platform';
import { CHALLENGE_VERIFIER, ChallengeVerifier } from '../abuse/challenge';

@ObjectType('WriteChallenge', {
  description: 'A check to answer before a public write (send back token and answer).',
})
export class WriteChallengeType {
  @Field(() => String) token!: string;
  @Field(() => String) promptVi!: string;
  @Field(() => String) promptEn!: string;
}

@Resolver()
export class ChallengeResolver {
  constructor(@Inject(CHALLENGE_VERIFIER) private readonly challenge: ChallengeVerifier) {}

  @Query(() => WriteChallengeType, {
    nullable: true,
    description: 'A fresh check for the next public write; null when this platform asks none.',
  })
  @Public()
  writeChallenge(): WriteChallengeType | null {
    const issued = this.challenge.issue();
    return issued ? Object.assign(new WriteChallengeType(), issued) : null;
  }
}
