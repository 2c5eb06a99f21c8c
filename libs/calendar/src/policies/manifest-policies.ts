import { RequestContext } from '@portal/platform';
import { HostRoutingService, RoutedTenant, TenantManifest, TenantManifestNode } from '@portal/tenancy';
import { DeadlineService } from './deadline.service';

/**
 * Assigns the `deadlinePolicy` named on nodes of an applied tree manifest. A node is found under
 * its parent by its Vietnamese name (the root by its host). Idempotent: a portal already following
 * the profile is left as it is. Returns the hosts whose profile changed, and problems.
 */
export async function applyManifestPolicies(
  ctx: RequestContext,
  manifest: TenantManifest,
  routing: HostRoutingService,
  deadlines: DeadlineService,
): Promise<{ assigned: string[]; problems: string[] }> {
  const assigned: string[] = [];
  const problems: string[] = [];
  const walk = async (node: TenantManifestNode, tenant: RoutedTenant | undefined, path: string) => {
    if (!tenant) {
      if (node.deadlinePolicy) problems.push(`${path}: the portal "${node.nameVi}" was not found`);
      return;
    }
    if (node.deadlinePolicy && (await deadlines.assignedProfile(tenant.id)) !== node.deadlinePolicy) {
      const result = await deadlines.assign(ctx, tenant.id, node.deadlinePolicy);
      if (!result.ok) problems.push(`${path}/deadlinePolicy: ${result.error.text.en}`);
      else assigned.push(tenant.primaryHost);
    }
    for (const [i, child] of (node.children ?? []).entries()) {
      const match = routing.children(tenant.id).find((c) => c.nameVi === child.nameVi.normalize('NFC'));
      await walk(child, match, `${path}/children/${i}`);
    }
  };
  await routing.reload();
  const root = manifest.root.host ? routing.resolve(manifest.root.host) : null;
  await walk(manifest.root, root?.type === 'serve' ? root.tenant : undefined, '/root');
  return { assigned, problems };
}
