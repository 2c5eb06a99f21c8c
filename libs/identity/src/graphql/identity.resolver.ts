import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  Authenticated,
  CheckAbility,
  Ctx,
  DomainError,
  IdempotencyKey,
  IdempotencyService,
  InputErrorType,
  Public,
  RequestContext,
  Result,
  UnauthenticatedError,
  ok,
} from '@portal/platform';
import { AccountEntity, AccountStatus } from '../accounts/account.entity';
import { AccountService } from '../accounts/account.service';
import { LoginService } from '../auth/login.service';
import { IssuedTokens, SessionService } from '../sessions/session.service';
import {
  AccountConnectionType,
  AccountResult,
  AccountType,
  AccountsFilterInput,
  AuthResult,
  AuthSessionType,
  CreateAccountInput,
} from './identity.types';
import { IdentityErrorCode } from '../errors/identity-error-code';

function session(tokens: IssuedTokens, accountId: string): AuthSessionType {
  return Object.assign(new AuthSessionType(), {
    accessToken: tokens.accessToken,
    accessTokenExpiresAt: tokens.accessTokenExpiresAt,
    refreshToken: tokens.refreshToken,
    refreshTokenExpiresAt: tokens.refreshTokenExpiresAt,
    accountId,
  });
}

function accountResult(ctx: RequestContext, result: Result<AccountEntity>): AccountType | InputErrorType {
  return result.ok ? AccountType.from(result.value) : InputErrorType.from(result.error, ctx.locale);
}

@Resolver()
export class IdentityResolver {
  constructor(
    private readonly login_: LoginService,
    private readonly sessions: SessionService,
    private readonly accountService: AccountService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Mutation(() => AuthResult, { description: 'Sign in with username and password.' })
  @Public()
  async login(
    @Ctx() ctx: RequestContext,
    @Args('username') username: string,
    @Args('password') password: string,
  ): Promise<AuthSessionType | InputErrorType> {
    const result = await this.login_.login(ctx, username, password);
    return result.ok
      ? session(result.value, result.value.accountId)
      : InputErrorType.from(result.error, ctx.locale);
  }

  @Mutation(() => AuthResult, {
    description: 'Trade a refresh token for a new access token and a new refresh token.',
  })
  @Public()
  async refreshSession(
    @Ctx() ctx: RequestContext,
    @Args('refreshToken') refreshToken: string,
  ): Promise<AuthSessionType | InputErrorType> {
    try {
      const { accountId, tokens } = await this.sessions.rotate(ctx, refreshToken);
      return session(tokens, accountId);
    } catch (e) {
      if (e instanceof DomainError && e.code === IdentityErrorCode.INVALID_REFRESH_TOKEN)
        return InputErrorType.from(e, ctx.locale);
      throw e;
    }
  }

  @Mutation(() => Boolean, {
    description: 'End the current session: its access and refresh tokens stop working.',
  })
  @Authenticated()
  async logout(@Ctx() ctx: RequestContext): Promise<boolean> {
    if (ctx.actor.type !== 'account') throw new UnauthenticatedError();
    await this.sessions.revokeFamilyOf(ctx, ctx.actor.sessionId, 'LOGOUT');
    return true;
  }

  @Query(() => AccountType, { description: 'The signed-in account.' })
  @Authenticated()
  async me(@Ctx() ctx: RequestContext): Promise<AccountType> {
    const account = await this.accountService.me(ctx);
    if (!account) throw new UnauthenticatedError();
    return AccountType.from(account);
  }

  @Query(() => AccountConnectionType, {
    description: "Accounts of a portal (its operators', managers' and owners' eyes only).",
  })
  @CheckAbility('read', 'Account')
  async accounts(
    @Ctx() ctx: RequestContext,
    @Args('filter', { type: () => AccountsFilterInput, nullable: true }) filter?: AccountsFilterInput,
  ): Promise<AccountConnectionType> {
    const page = await this.accountService.list(ctx, filter ?? {});
    return {
      nodes: page.nodes.map(AccountType.from),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }

  @Query(() => AccountType, { nullable: true })
  @CheckAbility('read', 'Account')
  async account(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => String }) id: string,
  ): Promise<AccountType | null> {
    const account = await this.accountService.findVisible(ctx, 'read', id);
    return account ? AccountType.from(account) : null;
  }

  @Mutation(() => AccountResult)
  @CheckAbility('create', 'Account')
  async createAccount(
    @Ctx() ctx: RequestContext,
    @Args('input') input: CreateAccountInput,
    @IdempotencyKey() key: string | null,
  ): Promise<AccountType | InputErrorType> {
    // The password is not part of what a retry must repeat word for word (and is never stored here).
    const request = { ...input, password: undefined };
    const r = await this.idempotency.run(ctx, { operation: 'createAccount', key, request }, async (tx) => {
      const made = await this.accountService.create(tx, input);
      return made.ok ? ok(AccountType.from(made.value)) : made;
    });
    return r.ok ? r.value : InputErrorType.from(r.error, ctx.locale);
  }

  @Mutation(() => AccountResult, { description: 'Suspend an account: all its sessions are revoked at once.' })
  @CheckAbility('suspend', 'Account')
  async suspendAccount(
    @Ctx() ctx: RequestContext,
    @Args('accountId', { type: () => String }) accountId: string,
    @Args('reason', { type: () => String, nullable: true }) reason?: string,
  ): Promise<AccountType | InputErrorType> {
    return accountResult(
      ctx,
      await this.accountService.setStatus(ctx, accountId, AccountStatus.SUSPENDED, reason ?? null),
    );
  }

  @Mutation(() => AccountResult)
  @CheckAbility('suspend', 'Account')
  async reactivateAccount(
    @Ctx() ctx: RequestContext,
    @Args('accountId', { type: () => String }) accountId: string,
  ): Promise<AccountType | InputErrorType> {
    return accountResult(
      ctx,
      await this.accountService.setStatus(ctx, accountId, AccountStatus.ACTIVE, null),
    );
  }
}
