import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext } from '../context/request-context';

/** Runs a unit of work in one transaction, reusing the caller's transaction when there is one. */
@Injectable()
export class TransactionRunner {
  constructor(private readonly dataSource: DataSource) {}

  async run<T>(ctx: RequestContext, work: (tx: RequestContext) => Promise<T>): Promise<T> {
    if (ctx.manager?.queryRunner?.isTransactionActive) return work(ctx);
    return this.dataSource.transaction((manager) => work(ctx.withManager(manager)));
  }

  manager(ctx: RequestContext) {
    return ctx.manager ?? this.dataSource.manager;
  }
}
