import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@portal/platform';
import { SessionEntity } from './session.entity';
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

/** Issues, rotates and revokes sessions (refresh tokens) and the access tokens tied to them. */
@Injectable()
export class SessionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async issue(
    manager: EntityManager,
    accountId: string,
    ip: string | null,
    familyId: string = randomUUID(),
  ): Promise<IssuedTokens> {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const now = new Date();
    const refreshTokenExpiresAt = new Date(now.getTime() + this.config.refreshTokenTtlSeconds * 1000);
    await manager.insert(SessionEntity, {
      id,
      familyId,
      accountId,
      tokenHash: sha256(secret),
      createdAt: now,
      expiresAt: refreshTokenExpiresAt,
      rotatedAt: null,
      revokedAt: null,
      revokedReason: null,
      ip,
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
    refreshToken: string,
    ip: string | null,
  ): Promise<{ accountId: string; tokens: IssuedTokens }> {
    const [id, secret] = refreshToken.split('.');
    if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) throw invalidRefreshToken();
    return this.dataSource
      .transaction(async (m) => {
        const session = await m
          .createQueryBuilder(SessionEntity, 's')
          .setLock('pessimistic_write')
          .where('s.id = :id', { id })
          .getOne();
        if (!session) throw invalidRefreshToken();
        const presented = Buffer.from(sha256(secret));
        if (
          presented.length !== session.tokenHash.length ||
          !timingSafeEqual(presented, Buffer.from(session.tokenHash))
        )
          throw invalidRefreshToken();
        if (session.rotatedAt && !session.revokedAt) {
          await this.revokeFamily(m, session.familyId, 'REFRESH_TOKEN_REUSED');
          return { reused: true } as const;
        }
        if (session.revokedAt || session.expiresAt.getTime() <= Date.now()) throw invalidRefreshToken();
        await m.update(SessionEntity, { id }, { rotatedAt: new Date() });
        return {
          reused: false,
          accountId: session.accountId,
          tokens: await this.issue(m, session.accountId, ip, session.familyId),
        } as const;
      })
      .then((outcome) => {
        // The revocation above must commit, so the error is raised only after the transaction.
        if (outcome.reused) throw invalidRefreshToken();
        return { accountId: outcome.accountId, tokens: outcome.tokens };
      });
  }

  /** Ends the session a refresh token belongs to (sign-out where only the token is at hand). */
  async revokeByRefreshToken(refreshToken: string, reason: string): Promise<boolean> {
    const [id, secret] = refreshToken.split('.');
    if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) return false;
    const session = await this.dataSource.manager.findOne(SessionEntity, { where: { id } });
    const presented = Buffer.from(sha256(secret));
    if (
      !session ||
      presented.length !== session.tokenHash.length ||
      !timingSafeEqual(presented, Buffer.from(session.tokenHash))
    )
      return false;
    await this.revokeFamily(this.dataSource.manager, session.familyId, reason);
    return true;
  }

  async revokeFamilyOf(manager: EntityManager, sessionId: string, reason: string): Promise<void> {
    const session = await manager.findOne(SessionEntity, { where: { id: sessionId } });
    if (session) await this.revokeFamily(manager, session.familyId, reason);
  }

  async revokeAllForAccount(manager: EntityManager, accountId: string, reason: string): Promise<number> {
    const result = await manager.update(
      SessionEntity,
      { accountId, revokedAt: IsNull() },
      { revokedAt: new Date(), revokedReason: reason },
    );
    return result.affected ?? 0;
  }

  private async revokeFamily(manager: EntityManager, familyId: string, reason: string): Promise<void> {
    await manager.update(
      SessionEntity,
      { familyId, revokedAt: IsNull() },
      { revokedAt: new Date(), revokedReason: reason },
    );
  }

  /**
   * Whether an access token's session still stands and its account is active (checked per request).
   * A session a refresh rotated stands no more: the access token issued with it dies with it.
   */
  async isLive(
    sessionId: string,
    accountId: string,
  ): Promise<{ username: string; isPlatformAdmin: boolean } | null> {
    const rows: Array<{ username: string; is_platform_admin: boolean }> = await this.dataSource.query(
      `SELECT a.username::text AS username, a.is_platform_admin
         FROM sessions s JOIN accounts a ON a.id = s.account_id
        WHERE s.id = $1 AND s.account_id = $2 AND s.revoked_at IS NULL AND s.rotated_at IS NULL
          AND a.status = 'ACTIVE'`,
      [sessionId, accountId],
    );
    return rows[0] ? { username: rows[0].username, isPlatformAdmin: rows[0].is_platform_admin } : null;
  }
}
