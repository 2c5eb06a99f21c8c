import { Field, ID, InputType, Int, ObjectType, createUnionType, registerEnumType } from '@nestjs/graphql';
import { InputErrorType, PageInfoType } from '@portal/platform';
import { AccountEntity, AccountStatus } from '../accounts/account.entity';

registerEnumType(AccountStatus, { name: 'AccountStatus' });

@ObjectType('Account')
export class AccountType {
  @Field(() => ID) id!: string;
  @Field(() => ID, { description: 'Home portal, whose operators manage this account.' }) tenantId!: string;
  @Field(() => String) username!: string;
  @Field(() => String) displayName!: string;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => AccountStatus) status!: AccountStatus;
  @Field(() => Boolean) isPlatformAdmin!: boolean;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) suspendedAt!: Date | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Sessions this very suspension revoked (on suspendAccount’s answer only).',
  })
  sessionsRevoked!: number | null;

  static from(a: AccountEntity & { sessionsRevoked?: number }): AccountType {
    return Object.assign(new AccountType(), {
      id: a.id,
      tenantId: a.tenantId,
      username: a.username,
      displayName: a.displayName,
      email: a.email,
      status: a.status,
      isPlatformAdmin: a.isPlatformAdmin,
      createdAt: a.createdAt,
      suspendedAt: a.suspendedAt,
      sessionsRevoked: a.sessionsRevoked ?? null,
    });
  }
}

@ObjectType('AccountConnection')
export class AccountConnectionType {
  @Field(() => [AccountType]) nodes!: AccountType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
}

@ObjectType('AuthSession', { description: 'Tokens of a new or rotated session.' })
export class AuthSessionType {
  @Field(() => String) accessToken!: string;
  @Field(() => Date) accessTokenExpiresAt!: Date;
  @Field(() => String, {
    description: 'Single use: each refresh returns a new one; reusing an old one revokes the session.',
  })
  refreshToken!: string;
  @Field(() => Date) refreshTokenExpiresAt!: Date;
  @Field(() => ID) accountId!: string;
}

export const AuthResult = createUnionType({
  name: 'AuthResult',
  types: () => [AuthSessionType, InputErrorType] as const,
  resolveType: (value) => (value instanceof InputErrorType ? InputErrorType : AuthSessionType),
});

export const AccountResult = createUnionType({
  name: 'AccountResult',
  types: () => [AccountType, InputErrorType] as const,
  resolveType: (value) => (value instanceof InputErrorType ? InputErrorType : AccountType),
});

@InputType('CreateAccountInput')
export class CreateAccountInput {
  @Field(() => ID, { description: 'Home portal of the account.' }) tenantId!: string;
  @Field(() => String) username!: string;
  @Field(() => String) displayName!: string;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { description: 'At least 12 characters, not containing the username.' })
  password!: string;
}

@InputType('AccountsFilter')
export class AccountsFilterInput {
  @Field(() => ID, {
    nullable: true,
    description: 'Portal whose accounts to list; the addressed portal when absent.',
  })
  tenantId?: string | null;
  @Field(() => Int, { nullable: true }) first?: number | null;
  @Field(() => String, { nullable: true }) after?: string | null;
}
