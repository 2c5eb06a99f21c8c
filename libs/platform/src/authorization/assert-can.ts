import type { RequestContext } from '../context/request-context';
import { AppAction, AppSubjectType, asSubject } from './app-ability';
import { forbidden } from './forbidden-hint';

/** Whether an ltree path is the request's portal or below it. */
export function withinRequestTenant(ctx: RequestContext, tenantPath: string): boolean {
  // Platform administrators act on the whole federation (e.g. moving a portal between provinces
  // when provinces merge); everyone else acts through the host of a portal that covers the target.
  if (!ctx.tenant || ctx.isPlatformAdmin) return true;
  return tenantPath === ctx.tenant.path || tenantPath.startsWith(`${ctx.tenant.path}.`);
}

/**
 * True when the context's ability allows `action` on the given subject fields and, like every
 * scoped read, the subject lies in the subtree of the portal the request addressed.
 */
export function can(
  ctx: RequestContext,
  action: AppAction,
  type: Exclude<AppSubjectType, 'all'>,
  fields: object,
): boolean {
  const path = (fields as { tenantPath?: unknown }).tenantPath;
  if (typeof path === 'string' && path !== '' && !withinRequestTenant(ctx, path)) return false;
  return ctx.ability.can(action, asSubject(type, fields) as never);
}

/** Throws FORBIDDEN (naming the roles that may) unless the context's ability allows `action` on the given subject fields. */
export function assertCan(
  ctx: RequestContext,
  action: AppAction,
  type: Exclude<AppSubjectType, 'all'>,
  fields: object,
): void {
  if (!can(ctx, action, type, fields)) throw forbidden(action, type);
}
