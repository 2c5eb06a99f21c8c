import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  RequestContext,
  ScopedRepository,
  ScopedRepositoryFactory,
  decodeCursor,
  encodeCursor,
  isUuid,
  pageSize,
} from '@portal/platform';
import { AuditEntryEntity } from './audit-entry.entity';
import { AuditErrors } from './errors/audit-errors';

export interface AuditRecord {
  tenantId: string;
  action: string;
  subjectType: string;
  subjectId?: string | null;
  before?: object | null;
  after?: object | null;
}

export interface AuditPage {
  entries: AuditEntryEntity[];
  hasNextPage: boolean;
  endCursor: string | null;
}

function actorOf(ctx: RequestContext): { id: string | null; label: string } {
  switch (ctx.actor.type) {
    case 'account':
      return { id: ctx.actor.accountId, label: ctx.actor.username };
    case 'system':
      return { id: null, label: `system:${ctx.actor.label}` };
    default:
      return { id: null, label: 'anonymous' };
  }
}

/** Writes and reads the append-only audit log. Writes join the caller's transaction. */
@Injectable()
export class AuditService {
  private readonly entries: ScopedRepository<AuditEntryEntity>;

  constructor(
    private readonly dataSource: DataSource,
    scoped: ScopedRepositoryFactory,
  ) {
    this.entries = scoped.for(AuditEntryEntity, 'AuditEntry');
  }

  async record(ctx: RequestContext, ...records: AuditRecord[]): Promise<void> {
    if (records.length === 0) return;
    const actor = actorOf(ctx);
    const manager = ctx.manager ?? this.dataSource.manager;
    const rows = records.map((r) => ({
      occurredAt: new Date(),
      tenantId: r.tenantId,
      actorAccountId: actor.id,
      actorLabel: actor.label,
      action: r.action,
      subjectType: r.subjectType,
      subjectId: r.subjectId ?? null,
      before: (r.before as Record<string, unknown>) ?? null,
      after: (r.after as Record<string, unknown>) ?? null,
      requestId: ctx.requestId,
      ip: ctx.ip,
    }));
    // Batches keep a national-scale apply (thousands of entries) to a handful of statements.
    for (let i = 0; i < rows.length; i += 1000) {
      await manager.insert(AuditEntryEntity, rows.slice(i, i + 1000) as never);
    }
  }

  /** Newest first, keyset-paginated, restricted by the scoped repository. */
  async list(
    ctx: RequestContext,
    filter: {
      tenantId?: string | null;
      action?: string | null;
      first?: number | null;
      after?: string | null;
    },
  ): Promise<AuditPage> {
    const limit = pageSize(filter.first);
    const qb = this.entries.query(ctx, 'read');
    // A malformed id names no portal: it matches nothing (instead of a uuid cast error from PostgreSQL).
    if (filter.tenantId)
      qb.andWhere('row.tenant_id = :tenantId', {
        tenantId: isUuid(filter.tenantId) ? filter.tenantId : null,
      });
    if (filter.action) qb.andWhere('row.action = :action', { action: filter.action });
    if (filter.after) {
      const [id] = decodeCursor(filter.after, 1);
      if (!/^\d{1,18}$/.test(String(id))) throw AuditErrors.invalidCursor();
      qb.andWhere('row.id < :afterId', { afterId: String(id) });
    }
    const rows = await qb
      .orderBy('row.id', 'DESC')
      .limit(limit + 1)
      .getMany();
    const page = rows.slice(0, limit);
    return {
      entries: page,
      hasNextPage: rows.length > limit,
      endCursor: page.length ? encodeCursor([page[page.length - 1].id]) : null,
    };
  }
}
