import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext } from '../context/request-context';
import { applyTenantScope } from './tenant-scope';

/**
 * Runs a unit of work in one transaction, reusing the caller's transaction when there is one. A
 * transaction for an officer of one portal is confined to that portal's subtree by the database's
 * row-level security (tenant-scope.ts) before the work starts.
 */
@Injectable()
export class TransactionRunner {
  constructor(private readonly dataSource: DataSource) {}

  async run<T>(ctx: RequestContext, work: (tx: RequestContext) => Promise<T>): Promise<T> {
    if (ctx.manager?.queryRunner?.isTransactionActive) return work(ctx);
    return this.dataSource.transaction(async (manager) => {
      await applyTenantScope(manager, ctx);
      return work(ctx.withManager(manager));
    });
  }

  manager(ctx: RequestContext) {
    return ctx.manager ?? this.dataSource.manager;
  }
}
