import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig, RequestContext } from '@portal/platform';
import { SessionRepository } from './session.repository';
import { IdentityErrors } from '../errors/identity-errors';

export interface IssuedTokens {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  sessionId: string;
}

export interface AccessTokenClaims {
  sub: string;
  sid: string;
  typ: 'access';
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export const invalidRefreshToken = IdentityErrors.invalidRefreshToken;

/**
 * Issues, rotates and revokes sessions (refresh tokens) and the access tokens tied to them. Every
 * method takes the request's context first and works in its transaction when it has one.
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new session for the account, from the context's client address (in the context's transaction). */
  async issue(
    ctx: RequestContext,
    accountId: string,
    familyId: string = randomUUID(),
  ): Promise<IssuedTokens> {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const now = new Date();
    const refreshTokenExpiresAt = new Date(now.getTime() + this.config.refreshTokenTtlSeconds * 1000);
    await this.sessions.insert(ctx, {
      id,
      familyId,
      accountId,
      tokenHash: sha256(secret),
      createdAt: now,
      expiresAt: refreshTokenExpiresAt,
      rotatedAt: null,
      revokedAt: null,
      revokedReason: null,
      ip: ctx.ip,
    });
    const claims: AccessTokenClaims = { sub: accountId, sid: id, typ: 'access' };
    const accessToken = await this.jwt.signAsync(claims, {
      expiresIn: this.config.accessTokenTtlSeconds,
      algorithm: 'HS256',
    });
    return {
      accessToken,
      accessTokenExpiresAt: new Date(now.getTime() + this.config.accessTokenTtlSeconds * 1000),
      refreshToken: `${id}.${secret}`,
      refreshTokenExpiresAt,
      sessionId: id,
    };
  }

  /** Trades a refresh token for a new pair. A token presented twice revokes its whole family. */
  async rotate(
    ctx: RequestContext,
    refreshToken: string,
  ): Promise<{ accountId: string; tokens: IssuedTokens }> {
    const [id, secret] = refreshToken.split('.');
    if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) throw invalidRefreshToken();
    return this.sessions
      .newTransaction(ctx, async (tx) => {
        const session = await this.sessions.lockById(tx, id);
        if (!session) throw invalidRefreshToken();
        const presented = Buffer.from(sha256(secret));
        if (
          presented.length !== session.tokenHash.length ||
          !timingSafeEqual(presented, Buffer.from(session.tokenHash))
        )
          throw invalidRefreshToken();
        if (session.rotatedAt && !session.revokedAt) {
          await this.sessions.revokeFamily(tx, session.familyId, 'REFRESH_TOKEN_REUSED');
          return { reused: true } as const;
        }
        if (session.revokedAt || session.expiresAt.getTime() <= Date.now()) throw invalidRefreshToken();
        await this.sessions.markRotated(tx, id);
        return {
          reused: false,
          accountId: session.accountId,
          tokens: await this.issue(tx, session.accountId, session.familyId),
        } as const;
      })
      .then((outcome) => {
        // The revocation above must commit, so the error is raised only after the transaction.
        if (outcome.reused) throw invalidRefreshToken();
        return { accountId: outcome.accountId, tokens: outcome.tokens };
      });
  }

  /** Ends the session a refresh token belongs to (sign-out where only the token is at hand). */
  async revokeByRefreshToken(ctx: RequestContext, refreshToken: string, reason: string): Promise<boolean> {
    const [id, secret] = refreshToken.split('.');
    if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) return false;
    const session = await this.sessions.findById(ctx, id);
    const presented = Buffer.from(sha256(secret));
    if (
      !session ||
      presented.length !== session.tokenHash.length ||
      !timingSafeEqual(presented, Buffer.from(session.tokenHash))
    )
      return false;
    await this.sessions.revokeFamily(ctx, session.familyId, reason);
    return true;
  }

  async revokeFamilyOf(ctx: RequestContext, sessionId: string, reason: string): Promise<void> {
    const session = await this.sessions.findById(ctx, sessionId);
    if (session) await this.sessions.revokeFamily(ctx, session.familyId, reason);
  }

  revokeAllForAccount(ctx: RequestContext, accountId: string, reason: string): Promise<number> {
    return this.sessions.revokeAllForAccount(ctx, accountId, reason);
  }

  /**
   * Whether an access token's session still stands and its account is active (checked per request).
   * A session a refresh rotated stands no more: the access token issued with it dies with it.
   */
  isLive(
    ctx: RequestContext,
    sessionId: string,
    accountId: string,
  ): Promise<{ username: string; isPlatformAdmin: boolean } | null> {
    return this.sessions.liveAccount(ctx, sessionId, accountId);
  }
}
