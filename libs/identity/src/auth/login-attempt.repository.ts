import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext } from '@portal/platform';
import { AccountEntity } from '../accounts/account.entity';

/**
 * What a login reads and writes: the account by username (with its password hash) and the failed
 * attempts counted per username and per client address. Accounts and attempts belong to no portal.
 */
@Injectable()
export class LoginAttemptRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` in a new transaction, handing it the context that carries it. */
  newTransaction<T>(ctx: RequestContext, work: (tx: RequestContext) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((m) => work(ctx.withManager(m)));
  }

  /**
   * Runs `work` in a new transaction holding the username's and then the address's lock (always in
   * that order), so concurrent attempts on either see each other's reservations.
   */
  serialised<T>(
    ctx: RequestContext,
    username: string,
    address: string,
    work: (tx: RequestContext) => Promise<T>,
  ): Promise<T> {
    return this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`login-user:${username}`]);
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`login-address:${address}`]);
      return work(ctx.withManager(m));
    });
  }

  /**
   * Failures not cleared in the last `windowMinutes`: of the username (how many, the latest), and of
   * the address (how many of its last `perAddress`, the oldest of those).
   */
  async recentFailures(
    ctx: RequestContext,
    username: string,
    address: string,
    windowMinutes: number,
    perAddress: number,
  ): Promise<{ n: string; last: Date | null; a: string; alast: Date | null }> {
    const rows: Array<{ n: string; last: Date | null; a: string; alast: Date | null }> = await this.manager(
      ctx,
    ).query(
      `SELECT u.n, u.last, a.n AS a, a.last AS alast
         FROM (SELECT count(*) AS n, max(occurred_at) AS last FROM login_failures
                WHERE username_key = $1 AND cleared_at IS NULL
                  AND occurred_at > now() - make_interval(mins => $3)) u,
              (SELECT count(*) AS n, min(occurred_at) AS last FROM (
                 SELECT occurred_at FROM login_failures
                  WHERE address_key = $2 AND cleared_at IS NULL
                    AND occurred_at > now() - make_interval(mins => $3)
                  ORDER BY occurred_at DESC LIMIT $4) recent) a`,
      [username, address, windowMinutes, perAddress],
    );
    return rows[0];
  }

  /** A failure (or a check reserved before it runs) of the username from the context's address. */
  async recordFailure(ctx: RequestContext, username: string, address: string): Promise<void> {
    await this.manager(ctx).query(
      'INSERT INTO login_failures (username_key, ip, address_key) VALUES ($1, $2, $3)',
      [username, ctx.ip, address],
    );
  }

  /** Clears the username's failures (a right password). */
  async clearFailures(ctx: RequestContext, username: string): Promise<void> {
    await this.manager(ctx).query(
      'UPDATE login_failures SET cleared_at = now() WHERE username_key = $1 AND cleared_at IS NULL',
      [username],
    );
  }

  /** The username's failures not cleared in the last `windowMinutes`: how many, and the latest. */
  async usernameFailures(
    ctx: RequestContext,
    username: string,
    windowMinutes: number,
  ): Promise<{ n: string; last: Date | null }> {
    const rows: Array<{ n: string; last: Date | null }> = await this.manager(ctx).query(
      `SELECT count(*) AS n, max(occurred_at) AS last FROM login_failures
        WHERE username_key = $1 AND cleared_at IS NULL AND occurred_at > now() - make_interval(mins => $2)`,
      [username, windowMinutes],
    );
    return rows[0];
  }

  /** The account of a username, with its password hash (never selected otherwise). */
  accountWithPassword(ctx: RequestContext, username: string): Promise<AccountEntity | null> {
    return this.manager(ctx)
      .getRepository(AccountEntity)
      .createQueryBuilder('a')
      .addSelect('a.passwordHash')
      .where('a.username = :username', { username })
      .getOne();
  }

  private manager(ctx: RequestContext) {
    return ctx.manager ?? this.dataSource.manager;
  }
}
