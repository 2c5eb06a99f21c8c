import { Injectable } from '@nestjs/common';
import { RequestContext, decodeCursor, encodeCursor, pageSize } from '@portal/platform';
import { AuditEntryEntity } from './audit-entry.entity';
import { AuditEntryRepository } from './audit-entry.repository';
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
  constructor(private readonly entries: AuditEntryRepository) {}

  async record(ctx: RequestContext, ...records: AuditRecord[]): Promise<void> {
    if (records.length === 0) return;
    const actor = actorOf(ctx);
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
    await this.entries.append(ctx, rows);
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
    let beforeId: string | null = null;
    if (filter.after) {
      const [id] = decodeCursor(filter.after, 1);
      if (!/^\d{1,18}$/.test(String(id))) throw AuditErrors.invalidCursor();
      beforeId = String(id);
    }
    const rows = await this.entries.newest(
      ctx,
      { tenantId: filter.tenantId, action: filter.action, beforeId },
      limit + 1,
    );
    const page = rows.slice(0, limit);
    return {
      entries: page,
      hasNextPage: rows.length > limit,
      endCursor: page.length ? encodeCursor([page[page.length - 1].id]) : null,
    };
  }
}
