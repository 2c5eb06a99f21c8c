import { Injectable } from '@nestjs/common';
import { RequestContext, can, isUuid } from '@portal/platform';
import { HostRoutingService, RoutedTenant, TenantStatus } from '@portal/tenancy';
import { ReportingErrors } from '../errors/reporting-errors';

/** Which portals a report covers: the portal alone, it and every portal below it, or every tree. */
export enum ReportScope {
  PORTAL = 'PORTAL',
  SUBTREE = 'SUBTREE',
  FEDERATION = 'FEDERATION',
}

export interface ScopedPortals {
  root: RoutedTenant | null;
  /** Root first, then breadth first. */
  portals: RoutedTenant[];
}

/**
 * Resolves and authorises a report's portals. Reading a report needs `read Report` on every portal
 * it covers: a ward's officers see their ward, a province's managing agency holding its role over
 * the subtree sees the province, and nobody sees a sibling's (their rules do not reach it).
 */
@Injectable()
export class ReportScopeResolver {
  constructor(private readonly routing: HostRoutingService) {}

  resolve(ctx: RequestContext, tenantId: string | null | undefined, scope: ReportScope): ScopedPortals {
    const denied = ReportingErrors.reportDenied;
    const allowed = (t: RoutedTenant) => can(ctx, 'read', 'Report', { tenantId: t.id, tenantPath: t.path });
    if (scope === ReportScope.FEDERATION) {
      const roots = this.routing.roots().filter(live);
      const portals = roots.flatMap((r) => this.subtree(r));
      if (!portals.every(allowed)) throw denied();
      return { root: null, portals };
    }
    const id = tenantId ?? ctx.tenant?.id ?? null;
    if (!id || !isUuid(id)) throw ReportingErrors.tenantNotFound();
    const root = this.routing.tenant(id);
    if (!root || !live(root)) {
      // The same answer whether the portal does not exist or is out of reach.
      throw denied();
    }
    const portals = scope === ReportScope.SUBTREE ? this.subtree(root) : [root];
    if (!portals.every(allowed)) throw denied();
    return { root, portals };
  }

  private subtree(root: RoutedTenant): RoutedTenant[] {
    const out: RoutedTenant[] = [root];
    for (let i = 0; i < out.length; i++) out.push(...this.routing.children(out[i].id));
    return out;
  }
}

/** Merged and retired portals have no report of their own: their rows moved to their successor. */
const live = (t: RoutedTenant) => t.status === TenantStatus.ACTIVE || t.status === TenantStatus.SUSPENDED;
