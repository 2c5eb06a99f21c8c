import { Injectable } from '@nestjs/common';
import { ContentItemEntity, ContentService, plainText } from '@portal/content';
import {
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
import { FederationErrors } from '../errors/federation-errors';
import { SyndicationEntity } from './syndication.entity';
import { SyndicationState } from './syndication-state';
import { AcceptOptions } from './syndication-inputs';
import { SyndicationRepository } from './syndication.repository';

export const LIVE_PORTAL = [TenantStatus.ACTIVE];

/** What proposals, decisions and pushes share: the portals and items involved, and placing a copy. */
@Injectable()
export class SyndicationPlacement {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly routing: HostRoutingService,
    private readonly content: ContentService,
    private readonly rows: SyndicationRepository,
  ) {}

  /** A live portal, or null. */
  portal(id: string): RoutedTenant | null {
    const t = isUuid(id) ? this.routing.tenant(id) : null;
    return t && LIVE_PORTAL.includes(t.status as TenantStatus) ? t : null;
  }

  /** A published item of a live portal, which alone may be shared. */
  async liveItem(
    tx: RequestContext,
    itemId: string,
    field: string,
  ): Promise<{ item: ContentItemEntity; source: RoutedTenant }> {
    const item = isUuid(itemId) ? await this.rows.item(tx, itemId) : null;
    const source = item ? this.routing.tenant(item.tenantId) : null;
    if (!item || !source) throw new NotFoundError('Item', field);
    if (!item.liveRevisionId || item.withdrawnAt) throw FederationErrors.notPublished(field);
    if (!LIVE_PORTAL.includes(source.status as TenantStatus)) throw FederationErrors.portalNotActive(field);
    return { item, source };
  }

  async assertCategoryOf(
    tx: RequestContext,
    tenantId: string,
    categoryId: string,
    field: string,
  ): Promise<void> {
    const ok = isUuid(categoryId) && (await this.rows.categoryOf(tx, tenantId, categoryId));
    if (!ok) throw FederationErrors.categoryNotOnPortal(field);
  }

  /** The item's own slug when free on the target, else the first free numbered form. */
  async freeSlug(tx: RequestContext, targetId: string, item: ContentItemEntity): Promise<string> {
    const m = this.tx.manager(tx);
    let slug = item.slug;
    for (let n = 2; await this.content.slugTaken(m, targetId, item.language, slug); n++) {
      slug = `${item.slug.slice(0, 190)}-${n}`;
    }
    return slug;
  }

  /** Makes a syndication show on its target: its category, its own title, a free address. */
  async place(
    tx: RequestContext,
    row: SyndicationEntity,
    item: ContentItemEntity,
    target: RoutedTenant,
    options: AcceptOptions,
    at: Date,
  ): Promise<void> {
    if (options.categoryId) await this.assertCategoryOf(tx, target.id, options.categoryId, 'categoryId');
    const title = options.titleOverride != null ? plainText(options.titleOverride).trim() : null;
    if (options.titleOverride != null && !title) throw FederationErrors.titleRequired();
    if (title && title.length > 500) throw FederationErrors.titleTooLong();
    const summary =
      options.summaryOverride != null ? plainText(options.summaryOverride).trim() || null : null;
    Object.assign(row, {
      state: SyndicationState.ACCEPTED,
      categoryId: options.categoryId ?? null,
      titleOverride: title,
      summaryOverride: summary,
      slug: await this.freeSlug(tx, target.id, item),
      placedAt: at,
      updatedAt: at,
    });
    await this.rows.update(tx, row.id, {
      state: row.state,
      categoryId: row.categoryId,
      titleOverride: row.titleOverride,
      summaryOverride: row.summaryOverride,
      slug: row.slug,
      placedAt: row.placedAt,
      updatedAt: at,
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
