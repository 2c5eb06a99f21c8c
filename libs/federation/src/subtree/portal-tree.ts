import type { HostRoutingService, RoutedTenant } from '@portal/tenancy';

/** A portal and every live (active or suspended) portal below it, from the in-memory host map. */
export function subtreeOf(routing: HostRoutingService, root: RoutedTenant): RoutedTenant[] {
  const out: RoutedTenant[] = [root];
  for (let i = 0; i < out.length; i++) out.push(...routing.children(out[i].id));
  return out;
}

/** Whether `t` is `root` or lies below it. */
export function isWithin(t: { path: string }, root: { path: string }): boolean {
  return t.path === root.path || t.path.startsWith(`${root.path}.`);
}
