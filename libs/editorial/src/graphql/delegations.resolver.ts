import { Field, ID, ObjectType, Query, Resolver, registerEnumType } from '@nestjs/graphql';
import { CheckAbility, Ctx, RequestContext } from '@portal/platform';
import { DelegationsService } from '../workflow/delegations.service';

export enum DelegationStatus {
  UPCOMING = 'UPCOMING',
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
  REVOKED = 'REVOKED',
}
registerEnumType(DelegationStatus, {
  name: 'DelegationStatus',
  description: 'Where a delegation stands now: not begun, in force, over, or withdrawn.',
});

@ObjectType('ApprovalDelegationEntry', {
  description:
    'A delegation of approval as the board head reviews it: who, to whom, when, and where it stands.',
})
export class ApprovalDelegationEntryType {
  @Field(() => ID) id!: string;
  @Field(() => ID) headAccountId!: string;
  @Field(() => String) headName!: string;
  @Field(() => ID) deputyAccountId!: string;
  @Field(() => String) deputyName!: string;
  @Field(() => Date) validFrom!: Date;
  @Field(() => Date) validTo!: Date;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
  @Field(() => DelegationStatus) status!: DelegationStatus;
}

@Resolver()
export class DelegationsResolver {
  constructor(private readonly delegations: DelegationsService) {}

  @Query(() => [ApprovalDelegationEntryType], {
    description:
      'The approval delegations of the addressed portal, newest window first (the last 100): for its board head.',
  })
  @CheckAbility('delegate', 'Content')
  async approvalDelegations(@Ctx() ctx: RequestContext): Promise<ApprovalDelegationEntryType[]> {
    return (await this.delegations.list(ctx)).map((d) =>
      Object.assign(new ApprovalDelegationEntryType(), d, { status: DelegationStatus[d.status] }),
    );
  }
}
