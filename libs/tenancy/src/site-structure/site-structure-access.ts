import { Injectable } from '@nestjs/common';
import { DomainError, NotFoundError, RequestContext, Result, can, fail, isUuid, ok } from '@portal/platform';
import { HostRoutingService, RoutedTenant } from '../hosts/host-routing.service';
import { forbiddenStructure } from './site-structure-rules';

/**
 * Which portal an edit of the site structure is for, and whether the caller may make it: the
 * addressed portal by default, another one below it by id. A portal the caller may not even read
 * is "not found" (its existence is not disclosed); one it reads but may not edit is FORBIDDEN.
 */
@Injectable()
export class SiteStructureAccess {
  constructor(private readonly routing: HostRoutingService) {}

  portal(ctx: RequestContext, tenantId?: string | null): RoutedTenant {
    const id = tenantId ?? ctx.requireTenant().id;
    const portal = isUuid(id) ? this.routing.tenant(id) : null;
    const subject = portal && { tenantId: portal.id, tenantPath: portal.path };
    if (!portal || !subject || !can(ctx, 'read', 'Tenant', subject))
      throw new NotFoundError('Portal', 'tenantId');
    if (!this.mayEdit(ctx, portal)) throw forbiddenStructure();
    return portal;
  }

  mayEdit(ctx: RequestContext, portal: RoutedTenant): boolean {
    return can(ctx, 'update', 'SiteStructure', { tenantId: portal.id, tenantPath: portal.path });
  }

  tenant(id: string): RoutedTenant | null {
    return this.routing.tenant(id);
  }

  subtree(rootId: string): RoutedTenant[] {
    return this.routing.subtree(rootId);
  }
}

/** Runs work whose expected failures are typed errors (4xx), returning them as a Result. */
export async function guarded<T>(work: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await work());
  } catch (e) {
    if (e instanceof DomainError && e.httpStatus < 500) return fail(e);
    throw e;
  }
}
