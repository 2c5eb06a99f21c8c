import { Injectable } from '@nestjs/common';
import { AuditService } from '@portal/audit';
import { ContentItemEntity, ContentRevisionEntity, ContentService } from '@portal/content';
import {
  AppAction,
  DomainError,
  NotFoundError,
  RequestContext,
  Result,
  TransactionRunner,
  fail,
  isUuid,
  ok,
} from '@portal/platform';
import { HostRoutingService, RoutedTenant, TenantStatus } from '@portal/tenancy';
import { EditorialStateEntity } from './editorial.entity';
import { EditorialRepository } from './editorial.repository';
import { ItemActionView, itemActions } from './item-actions';
import { RevisionStatus } from './workflow';

export interface ItemView {
  item: ContentItemEntity;
  /** The revision being worked on (null when only the live one exists). */
  working: { revision: ContentRevisionEntity; state: EditorialStateEntity } | null;
  live: ContentRevisionEntity | null;
  /** The number of the item's latest revision (a console sends it back to detect edit conflicts). */
  latestNumber?: number;
  /** The steps the item's state allows, and whether the caller may take each. */
  actions?: ItemActionView[];
}

/** An item as the workflow works on it: its portal, its working and live revisions. */
export interface LoadedItem {
  item: ContentItemEntity;
  tenant: RoutedTenant;
  working: { revision: ContentRevisionEntity; state: EditorialStateEntity } | null;
  live: ContentRevisionEntity | null;
  latestNumber: number;
}

const CLOSED = [RevisionStatus.PUBLISHED, RevisionStatus.SUPERSEDED, RevisionStatus.WITHDRAWN];

/** What every workflow step shares: loading an item with its revisions, the view, and the record of a step. */
@Injectable()
export class EditorialItemsService {
  constructor(
    private readonly content: ContentService,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly routing: HostRoutingService,
    private readonly states: EditorialRepository,
  ) {}

  async load(ctx: RequestContext, itemId: string, action: AppAction = 'read'): Promise<LoadedItem> {
    const item = isUuid(itemId) ? await this.content.items.findById(ctx, action, itemId) : null;
    const tenant = item ? this.routing.tenant(item.tenantId) : null;
    if (!item || !tenant) throw new NotFoundError('Content item', 'itemId');
    // States first, then revisions: a save committing in between adds a revision whose state this
    // did not read (ignored below), never a state whose revision it missed, which would hide the
    // working draft (superseded, its successor unseen) and refuse the edit as if nothing were open.
    const states = await this.states.states(ctx, item.id);
    const revisions = await this.content.revisions(this.tx.manager(ctx), item.id);
    const byRevision = new Map(states.map((s) => [s.revisionId, s]));
    const open = revisions
      .map((revision) => ({ revision, state: byRevision.get(revision.id)! }))
      .filter(
        (x) => x.state && !CLOSED.includes(x.state.status) && x.state.status !== RevisionStatus.REFUSED,
      );
    const latest = revisions[revisions.length - 1];
    const latestState = latest ? byRevision.get(latest.id) : undefined;
    const working = open.length
      ? open[open.length - 1]
      : latestState?.status === RevisionStatus.REFUSED && !item.liveRevisionId
        ? { revision: latest, state: latestState }
        : null;
    const live = item.liveRevisionId ? (revisions.find((r) => r.id === item.liveRevisionId) ?? null) : null;
    return { item, tenant, working, live, latestNumber: latest?.number ?? 0 };
  }

  async view(ctx: RequestContext, itemId: string, action: AppAction = 'read'): Promise<ItemView> {
    const { item, working, live, tenant, latestNumber } = await this.load(ctx, itemId, action);
    const actions = itemActions(
      ctx,
      this.subject(item, tenant),
      working?.state.status ?? null,
      !!live && !item.withdrawnAt,
    );
    return { item, working, live, latestNumber, actions };
  }

  subject(item: ContentItemEntity, tenant: RoutedTenant) {
    return { tenantId: item.tenantId, tenantPath: tenant.path, createdBy: item.createdBy, field: item.field };
  }

  liveTenant(id: string): RoutedTenant | null {
    const t = isUuid(id) ? this.routing.tenant(id) : null;
    return t && t.status === TenantStatus.ACTIVE ? t : null;
  }

  /** A step taken: a workflow event and its audit record. */
  async record(
    ctx: RequestContext,
    item: ContentItemEntity,
    revisionId: string,
    action: string,
    from: string | null,
    to: string,
    extra: { delegated: boolean; reason?: string | null; note?: string | null },
  ): Promise<void> {
    await this.states.insertEvent(ctx, {
      tenantId: item.tenantId,
      itemId: item.id,
      revisionId,
      action,
      fromStatus: from,
      toStatus: to,
      actorAccountId: ctx.accountId,
      delegated: extra.delegated,
      reason: extra.reason ?? null,
      note: extra.note ?? null,
      at: new Date(),
    });
    await this.audit.record(ctx, {
      tenantId: item.tenantId,
      action: `content.${action.toLowerCase()}`,
      subjectType: 'Content',
      subjectId: item.id,
      before: from ? { status: from } : null,
      after: { status: to, revisionId, ...extra },
    });
  }
}

/** Expected failures thrown inside become typed results; the transaction has rolled back. */
export async function guarded<T>(work: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await work());
  } catch (e) {
    if (e instanceof DomainError && e.httpStatus !== 500) return fail(e);
    throw e;
  }
}
