import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext, ScopedRepository, ScopedRepositoryFactory, isUuid } from '@portal/platform';
import { AuditEntryEntity } from './audit-entry.entity';

/** The audit log's rows: appended in the context's transaction, read through the scoped repository. */
@Injectable()
export class AuditEntryRepository {
  private readonly entries: ScopedRepository<AuditEntryEntity>;

  constructor(
    private readonly dataSource: DataSource,
    scoped: ScopedRepositoryFactory,
  ) {
    this.entries = scoped.for(AuditEntryEntity, 'AuditEntry');
  }

  async append(ctx: RequestContext, rows: Array<Omit<AuditEntryEntity, 'id'>>): Promise<void> {
    const manager = ctx.manager ?? this.dataSource.manager;
    // Batches keep a national-scale apply (thousands of entries) to a handful of statements.
    for (let i = 0; i < rows.length; i += 1000) {
      await manager.insert(AuditEntryEntity, rows.slice(i, i + 1000) as never);
    }
  }

  /**
   * Newest first, `limit` entries older than `beforeId`, of the portals the context may read
   * (optionally one portal, one action).
   */
  newest(
    ctx: RequestContext,
    filter: { tenantId?: string | null; action?: string | null; beforeId?: string | null },
    limit: number,
  ): Promise<AuditEntryEntity[]> {
    const qb = this.entries.query(ctx, 'read');
    // A malformed id names no portal: it matches nothing (instead of a uuid cast error from PostgreSQL).
    if (filter.tenantId)
      qb.andWhere('row.tenant_id = :tenantId', {
        tenantId: isUuid(filter.tenantId) ? filter.tenantId : null,
      });
    if (filter.action) qb.andWhere('row.action = :action', { action: filter.action });
    if (filter.beforeId) qb.andWhere('row.id < :afterId', { afterId: filter.beforeId });
    return qb.orderBy('row.id', 'DESC').limit(limit).getMany();
  }
}
