import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditService } from '@portal/audit';
import { RequestContext, Result, TransactionRunner, can } from '@portal/platform';
import { HostRoutingService, RoutedTenant, TenantStatus } from '@portal/tenancy';
import { FederationErrors } from '../errors/federation-errors';
import { subtreeOf } from '../subtree/portal-tree';
import { SyndicationEntity } from './syndication.entity';
import { SyndicationDirection, SyndicationState } from './syndication-state';
import { PushOutcome, PushPlacement, PushTargets } from './syndication-inputs';
import { LIVE_PORTAL, SyndicationPlacement, guarded } from './syndication-placement';
import { SyndicationRepository } from './syndication.repository';

/** Downward syndication: an ancestor's board publishes one of its items on chosen descendants. */
@Injectable()
export class SyndicationPushService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly routing: HostRoutingService,
    private readonly rows: SyndicationRepository,
    private readonly placement: SyndicationPlacement,
  ) {}

  /**
   * The board of a portal publishes one of its live items on chosen descendants: it shows there
   * pinned or in the section for its kind, marked as coming from above, and they cannot edit or drop it.
   */
  push(
    ctx: RequestContext,
    itemId: string,
    targets: PushTargets,
    placement: PushPlacement,
  ): Promise<Result<PushOutcome>> {
    return guarded(() =>
      this.tx.run(ctx, async (tx) => {
        const { item, source } = await this.placement.liveItem(tx, itemId, 'itemId');
        if (!can(tx, 'push', 'Content', { tenantId: source.id, tenantPath: source.path }))
          throw FederationErrors.notAllowed();
        const chosen = this.resolveTargets(source, targets);
        const taken = await this.rows.openTargets(
          tx,
          item.id,
          chosen.map((t) => t.id),
        );
        const fresh = chosen.filter((t) => !taken.has(t.id));
        const sections = await this.rows.sectionsFor(
          tx,
          fresh.map((t) => t.id),
          item.kind,
        );
        const now = new Date();
        const rows: SyndicationEntity[] = [];
        for (const target of fresh) {
          rows.push(
            Object.assign(new SyndicationEntity(), {
              id: randomUUID(),
              itemId: item.id,
              sourceTenantId: source.id,
              targetTenantId: target.id,
              direction: SyndicationDirection.DOWN,
              state: SyndicationState.ACCEPTED,
              categoryId:
                placement === PushPlacement.ANNOUNCEMENTS ? (sections.get(target.id) ?? null) : null,
              titleOverride: null,
              summaryOverride: null,
              slug: await this.placement.freeSlug(tx, target.id, item),
              pinned: placement === PushPlacement.PINNED,
              note: null,
              proposedBy: tx.accountId,
              proposedAt: now,
              decidedBy: tx.accountId,
              decidedAt: now,
              reason: null,
              ruleId: null,
              placedAt: now,
              updatedAt: now,
            }),
          );
        }
        for (let i = 0; i < rows.length; i += 1000) await this.rows.insert(tx, rows.slice(i, i + 1000));
        await this.audit.record(
          tx,
          ...rows.map((r) => ({
            tenantId: r.targetTenantId,
            action: 'syndication.pushed',
            subjectType: 'Syndication',
            subjectId: r.id,
            after: {
              itemId: item.id,
              sourceTenantId: source.id,
              placement,
              categoryId: r.categoryId,
              slug: r.slug,
            },
          })),
        );
        return { pushed: rows, alreadyThere: chosen.length - fresh.length };
      }),
    );
  }

  /**
   * The live descendants a push reaches: all of them, or the named subtrees and portals; narrowed to
   * the named portal kinds. Every named portal must lie below the pushing one.
   */
  private resolveTargets(source: RoutedTenant, targets: PushTargets): RoutedTenant[] {
    const below = (t: RoutedTenant, root: RoutedTenant) => t.path.startsWith(`${root.path}.`);
    const named = [
      ...(targets.subtreeRootIds ?? []).map((id, i) => ({
        id,
        field: `targets.subtreeRootIds.${i}`,
        subtree: true,
      })),
      ...(targets.tenantIds ?? []).map((id, i) => ({ id, field: `targets.tenantIds.${i}`, subtree: false })),
    ];
    if (!targets.all && named.length === 0 && !targets.portalKinds?.length)
      throw FederationErrors.noTargets();
    const roots: Array<{ tenant: RoutedTenant; subtree: boolean }> = [];
    for (const n of named) {
      const t = this.placement.portal(n.id);
      if (!t || !below(t, source)) throw FederationErrors.targetNotBelow(n.field);
      roots.push({ tenant: t, subtree: n.subtree });
    }
    const descendants = subtreeOf(this.routing, source).filter(
      (t) => t.id !== source.id && LIVE_PORTAL.includes(t.status as TenantStatus),
    );
    const kinds = targets.portalKinds?.length ? new Set<string>(targets.portalKinds) : null;
    return descendants.filter((t) => {
      if (kinds && !kinds.has(t.kind)) return false;
      if (targets.all || roots.length === 0) return true;
      return roots.some((r) => r.tenant.id === t.id || (r.subtree && below(t, r.tenant)));
    });
  }
}
