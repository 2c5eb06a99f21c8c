import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../context/request-context';

/** The database role whose rows are limited by the row-level security policies. */
export const SCOPED_ROLE = 'portal_tenant';

const LTREE_PATH = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The subtree a context's database work is confined to, or null when its work is cross-portal by
 * nature: the public site (it shows what other portals placed on it), jobs and the command line
 * (system actors), platform administrators, and requests that address no portal.
 */
export function tenantScopeOf(ctx: RequestContext): { path: string; accountId: string } | null {
  if (ctx.actor.type !== 'account' || ctx.actor.isPlatformAdmin || !ctx.tenant) return null;
  return { path: ctx.tenant.path, accountId: ctx.actor.accountId };
}

/**
 * Confines the transaction in progress to the context's subtree: for its remainder it runs as the
 * scoped role with the portal's path (and the account) as settings, so the policies see them. Both
 * end with the transaction. One round trip; the values are checked, not quoted, before use.
 */
export async function applyTenantScope(manager: EntityManager, ctx: RequestContext): Promise<boolean> {
  const scope = tenantScopeOf(ctx);
  if (!scope) return false;
  if (!LTREE_PATH.test(scope.path) || !UUID.test(scope.accountId))
    throw new Error('A tenant scope needs an ltree path and an account id');
  await manager.query(
    `SET LOCAL ROLE ${SCOPED_ROLE}; SET LOCAL portal.scope = '${scope.path}'; SET LOCAL portal.account = '${scope.accountId}'`,
  );
  return true;
}
