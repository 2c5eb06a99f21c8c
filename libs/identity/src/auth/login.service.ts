import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@portal/audit';
import {
  APP_CONFIG,
  AppConfig,
  DomainError,
  RequestContext,
  Result,
  clientAddressKey,
  fail,
  ok,
} from '@portal/platform';
import { AccountEntity, AccountStatus } from '../accounts/account.entity';
import { IssuedTokens, SessionService } from '../sessions/session.service';
import { LoginAttemptRepository } from './login-attempt.repository';
import { verifyAgainstDummy, verifyPassword } from './password-hasher';
import { IdentityErrors } from '../errors/identity-errors';
import { IdentityErrorCode } from '../errors/identity-error-code';

const { invalidCredentials, locked, throttled, suspended } = IdentityErrors;

/**
 * Username + password login with lockout. Failures are counted per username as typed (existing or
 * not), so the lockout itself does not reveal which usernames exist, and per client address (an
 * IPv6 one by its network), so one address cannot guess across many accounts.
 *
 * Each password check is reserved before argon2 runs: under a transaction lock on the username and
 * the address, the failures in the window (reservations in flight included) are counted and, if
 * under the limits, a failure row is written at once. A right password clears it afterwards. So
 * however many attempts arrive together, at most the configured number are ever checked.
 */
@Injectable()
export class LoginService {
  constructor(
    private readonly attempts: LoginAttemptRepository,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(
    ctx: RequestContext,
    usernameRaw: string,
    password: string,
  ): Promise<Result<IssuedTokens & { accountId: string }>> {
    const username = (usernameRaw ?? '').trim().toLowerCase().normalize('NFC').slice(0, 200);
    const reserved = await this.reserveCheck(ctx, username);
    if (reserved.refusal) {
      await this.auditAttempt(
        ctx,
        null,
        reserved.refusal.code === IdentityErrorCode.LOGIN_LOCKED
          ? 'auth.login_refused_locked'
          : 'auth.login_refused_throttled',
        username,
      );
      return fail(reserved.refusal);
    }
    const account = username ? await this.attempts.accountWithPassword(ctx, username) : null;
    const valid = account
      ? await verifyPassword(account.passwordHash, password ?? '')
      : await verifyAgainstDummy(password ?? '');
    if (!account || !valid) {
      // The reservation stays: it is this failure's row.
      await this.auditAttempt(ctx, account, 'auth.login_failed', username);
      const nowLocked = await this.lockedUntil(ctx, username);
      return fail(nowLocked ? locked(nowLocked) : invalidCredentials());
    }
    if (account.status === AccountStatus.SUSPENDED) {
      // A check like any other: it stays counted (docs/decisions.md, "Identity and access").
      await this.auditAttempt(ctx, account, 'auth.login_refused_suspended', username);
      return fail(suspended());
    }
    const tokens = await this.attempts.newTransaction(ctx, async (tx) => {
      await this.attempts.clearFailures(tx, username);
      const issued = await this.sessions.issue(tx, account.id);
      // The session's own account is the actor of its login.
      const actorCtx = new RequestContext({
        ...tx,
        actor: {
          type: 'account',
          accountId: account.id,
          username: account.username,
          sessionId: issued.sessionId,
          isPlatformAdmin: account.isPlatformAdmin,
        },
      });
      await this.audit.record(actorCtx, {
        tenantId: account.tenantId,
        action: 'auth.login',
        subjectType: 'Account',
        subjectId: account.id,
        after: { sessionId: issued.sessionId, host: ctx.tenant?.primaryHost ?? null },
      });
      return issued;
    });
    return ok({ ...tokens, accountId: account.id });
  }

  /**
   * Takes one password check from the username's and the address's budgets, or says why not.
   * Serialised per username and per address (transaction-scoped advisory locks, always in that
   * order), so concurrent attempts see each other's reservations.
   */
  private async reserveCheck(
    ctx: RequestContext,
    username: string,
  ): Promise<{ refusal: DomainError | null }> {
    const { maxFailures, windowMinutes, lockMinutes, perAddress } = this.config.lockout;
    const address = clientAddressKey(ctx.ip, this.config.ipv6Prefix);
    return this.attempts.serialised(ctx, username, address, async (tx) => {
      const { n, last, a, alast } = await this.attempts.recentFailures(
        tx,
        username,
        address,
        windowMinutes,
        Math.max(perAddress, 1),
      );
      if (maxFailures > 0 && Number(n) >= maxFailures && last) {
        const until = new Date(new Date(last).getTime() + lockMinutes * 60_000);
        if (until.getTime() > Date.now()) return { refusal: locked(until) };
      }
      // The address may try again once the oldest of its last `perAddress` failures leaves the window.
      if (perAddress > 0 && Number(a) >= perAddress && alast)
        return { refusal: throttled(new Date(new Date(alast).getTime() + windowMinutes * 60_000)) };
      await this.attempts.recordFailure(tx, username, address);
      return { refusal: null };
    });
  }

  /** When the lockout for this username ends, or null if it is not locked. */
  private async lockedUntil(ctx: RequestContext, username: string): Promise<Date | null> {
    const { maxFailures, windowMinutes, lockMinutes } = this.config.lockout;
    if (maxFailures === 0) return null;
    const { n, last } = await this.attempts.usernameFailures(ctx, username, windowMinutes);
    if (Number(n) < maxFailures || !last) return null;
    const until = new Date(new Date(last).getTime() + lockMinutes * 60_000);
    return until.getTime() > Date.now() ? until : null;
  }

  private async auditAttempt(
    ctx: RequestContext,
    account: AccountEntity | null,
    action: string,
    username: string,
  ): Promise<void> {
    const tenantId = account?.tenantId ?? ctx.tenant?.id;
    if (!tenantId) return;
    await this.audit.record(ctx, {
      tenantId,
      action,
      subjectType: 'Account',
      subjectId: account?.id ?? null,
      after: { username, ip: ctx.ip },
    });
  }
}
