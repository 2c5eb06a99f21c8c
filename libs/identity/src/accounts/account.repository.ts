import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  AppAction,
  RequestContext,
  ScopedRepository,
  ScopedRepositoryFactory,
  UnscopedReads,
} from '@portal/platform';
import { AccountEntity } from './account.entity';

/**
 * Accounts: read through the scoped repository (an account is its portal's), written in the
 * context's transaction.
 */
@Injectable()
export class AccountRepository {
  private readonly accounts: ScopedRepository<AccountEntity>;

  constructor(
    scoped: ScopedRepositoryFactory,
    private readonly dataSource: DataSource,
    private readonly reads: UnscopedReads,
  ) {
    this.accounts = scoped.for(AccountEntity, 'Account');
  }

  findById(ctx: RequestContext, action: AppAction, id: string): Promise<AccountEntity | null> {
    return this.accounts.findById(ctx, action, id);
  }

  /** A portal's accounts the context may read, by username after `afterUsername`, `limit` of them. */
  page(
    ctx: RequestContext,
    tenantId: string,
    afterUsername: string | null,
    limit: number,
  ): Promise<AccountEntity[]> {
    const qb = this.accounts.query(ctx, 'read').andWhere('row.tenant_id = :tenantId', { tenantId });
    if (afterUsername !== null) qb.andWhere('row.username > :after', { after: afterUsername });
    return qb.orderBy('row.username', 'ASC').limit(limit).getMany();
  }

  async insert(ctx: RequestContext, account: AccountEntity): Promise<void> {
    await this.manager(ctx).insert(AccountEntity, account);
  }

  async update(
    ctx: RequestContext,
    id: string,
    changes: Partial<Pick<AccountEntity, 'status' | 'updatedAt' | 'suspendedAt'>>,
  ): Promise<void> {
    await this.manager(ctx).update(AccountEntity, { id }, changes);
  }

  /** The caller's own account, whichever portal it belongs to. */
  own(ctx: RequestContext, accountId: string): Promise<AccountEntity | null> {
    return this.reads
      .systemWide(ctx, 'everyone may read their own account, from any portal')
      .manager.findOne(AccountEntity, { where: { id: accountId } });
  }

  /** Any portal's account by username, for the platform's own work (the command line). */
  byUsername(ctx: RequestContext, username: string): Promise<AccountEntity | null> {
    return this.reads
      .systemWide(ctx, "the platform's operators name accounts by username, whatever their portal")
      .manager.findOne(AccountEntity, { where: { username } });
  }

  private manager(ctx: RequestContext) {
    return ctx.manager ?? this.dataSource.manager;
  }
}
