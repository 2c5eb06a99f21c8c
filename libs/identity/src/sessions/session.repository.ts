import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { RequestContext, UnscopedReads } from '@portal/platform';
import { SessionEntity } from './session.entity';

/**
 * Sessions (refresh tokens) in the database. Sessions and accounts belong to no portal: they are
 * read and written by id, never filtered by tenant. Every method works in the context's transaction
 * when it has one.
 */
@Injectable()
export class SessionRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reads: UnscopedReads,
  ) {}

  /**
   * Runs `work` in a new transaction of its own, even inside another: what it decides (a revoked
   * family) commits whatever the caller does next.
   */
  newTransaction<T>(ctx: RequestContext, work: (tx: RequestContext) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((m) => work(ctx.withManager(m)));
  }

  async insert(ctx: RequestContext, session: SessionEntity): Promise<void> {
    await this.manager(ctx).insert(SessionEntity, session);
  }

  findById(ctx: RequestContext, id: string): Promise<SessionEntity | null> {
    return this.manager(ctx).findOne(SessionEntity, { where: { id } });
  }

  /** The session, locked until the context's transaction ends (a rotation in progress). */
  lockById(ctx: RequestContext, id: string): Promise<SessionEntity | null> {
    return this.manager(ctx)
      .createQueryBuilder(SessionEntity, 's')
      .setLock('pessimistic_write')
      .where('s.id = :id', { id })
      .getOne();
  }

  async markRotated(ctx: RequestContext, id: string): Promise<void> {
    await this.manager(ctx).update(SessionEntity, { id }, { rotatedAt: new Date() });
  }

  async revokeFamily(ctx: RequestContext, familyId: string, reason: string): Promise<void> {
    await this.manager(ctx).update(
      SessionEntity,
      { familyId, revokedAt: IsNull() },
      { revokedAt: new Date(), revokedReason: reason },
    );
  }

  /** Revokes every live session of an account; how many there were. */
  async revokeAllForAccount(ctx: RequestContext, accountId: string, reason: string): Promise<number> {
    const result = await this.manager(ctx).update(
      SessionEntity,
      { accountId, revokedAt: IsNull() },
      { revokedAt: new Date(), revokedReason: reason },
    );
    return result.affected ?? 0;
  }

  /** The account of a session that stands (neither revoked nor rotated) when the account is active. */
  async liveAccount(
    ctx: RequestContext,
    sessionId: string,
    accountId: string,
  ): Promise<{ username: string; isPlatformAdmin: boolean } | null> {
    const rows = await this.reads
      .systemWide(ctx, 'the session check runs for every portal before the request knows its actor')
      .query<{ username: string; is_platform_admin: boolean }>(
        `SELECT a.username::text AS username, a.is_platform_admin
           FROM sessions s JOIN accounts a ON a.id = s.account_id
          WHERE s.id = $1 AND s.account_id = $2 AND s.revoked_at IS NULL AND s.rotated_at IS NULL
            AND a.status = 'ACTIVE'`,
        [sessionId, accountId],
      );
    return rows[0] ? { username: rows[0].username, isPlatformAdmin: rows[0].is_platform_admin } : null;
  }

  private manager(ctx: RequestContext): EntityManager {
    return ctx.manager ?? this.dataSource.manager;
  }
}
