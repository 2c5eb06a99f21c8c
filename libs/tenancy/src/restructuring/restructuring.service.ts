import { Injectable } from '@nestjs/common';
import { AuditService } from '@portal/audit';
import { RequestContext, Result } from '@portal/platform';
import { RoutedTenant } from '../hosts/host-routing.service';
import { TenantStatus } from '../tenants/tenant-kind';
import { TenancyErrors } from '../errors/tenancy-errors';
import { kindError, resolveLabel } from '../provisioning/tenant-rules';
import { MergePlan } from './merge-participants';
import { RestructuringRepository } from './restructuring.repository';
import { RestructuringRunner } from './restructuring-runner';
import { MergePreview, TenantMergeService } from './tenant-merge.service';

export type { MergePreview } from './tenant-merge.service';

/**
 * Merge, move and retire portals of a live tree (the 2025 reform). Each runs in one transaction and
 * keeps every old host answering: hosts of merged and retired portals, and the old hosts of moved
 * ones, become REDIRECT hosts that answer 301 to the same path on the new home. Merges are
 * TenantMergeService's; this is the one entry the resolver and the tests call.
 */
@Injectable()
export class RestructuringService {
  constructor(
    private readonly audit: AuditService,
    private readonly tenants: RestructuringRepository,
    private readonly runner: RestructuringRunner,
    private readonly merges: TenantMergeService,
  ) {}

  /** The dry run of a merge (TenantMergeService.mergePreview). Writes nothing. */
  mergePreview(
    ctx: RequestContext,
    sourceIds: string[],
    targetId: string,
    plan?: MergePlan | null,
  ): Promise<Result<MergePreview>> {
    return this.merges.mergePreview(ctx, sourceIds, targetId, plan);
  }

  /** Merges the sources into the target by a confirmed plan (TenantMergeService.merge). */
  merge(
    ctx: RequestContext,
    sourceIds: string[],
    targetId: string,
    plan: MergePlan,
  ): Promise<Result<RoutedTenant>> {
    return this.merges.merge(ctx, sourceIds, targetId, plan);
  }

  /** Moves a portal with its subtree under another parent; every host of the subtree changes. */
  move(
    ctx: RequestContext,
    tenantId: string,
    newParentId: string,
    newLabel?: string | null,
  ): Promise<Result<RoutedTenant>> {
    return this.runner.run(ctx, async (tx) => {
      const tenant = await this.runner.live(tx, tenantId, 'tenantId');
      const parent = await this.runner.live(tx, newParentId, 'newParentId');
      if (!tenant.parentId) throw TenancyErrors.cannotMoveRoot();
      if (parent.id === tenant.id || parent.path.startsWith(`${tenant.path}.`))
        throw TenancyErrors.moveIntoOwnSubtree();
      const kindProblem = kindError(tenant.kind, parent.kind, 'newParentId');
      if (kindProblem) throw kindProblem;
      const resolved = newLabel
        ? resolveLabel(newLabel, tenant.nameVi, tenant.kind, 'newLabel')
        : { label: tenant.label };
      if ('error' in resolved) throw resolved.error;
      const clash = await this.tenants.childLabelled(tx, parent.id, resolved.label);
      if (clash && clash.id !== tenant.id)
        throw TenancyErrors.labelTaken(resolved.label, newLabel ? 'newLabel' : 'tenantId');

      const subtree = await this.tenants.subtree(tx, tenant.path);
      const newHostOf = new Map<string, string>();
      const newPathOf = new Map<string, string>();
      const oldPrefixLength = tenant.path.split('.').length - 1;
      for (const node of subtree) {
        const isTop = node.id === tenant.id;
        const parentHost = isTop ? parent.primaryHost : newHostOf.get(node.parentId!)!;
        newHostOf.set(node.id, `${isTop ? resolved.label : node.label}.${parentHost}`.toLowerCase());
        newPathOf.set(node.id, [parent.path, ...node.path.split('.').slice(oldPrefixLength)].join('.'));
      }
      const newHosts = [...newHostOf.values()];
      const taken = await this.tenants.hostsNamed(tx, newHosts);
      const foreign = taken.find((h) => newHostOf.get(h.tenantId) !== h.host.toLowerCase());
      if (foreign) throw TenancyErrors.hostTaken(foreign.host, 'newParentId');

      const ids = subtree.map((n) => n.id);
      // Old primary hosts become redirects to the same tenant; its new primary host is inserted.
      await this.tenants.demotePrimaryHosts(tx, ids);
      // Own former redirects being reclaimed.
      await this.tenants.deleteHosts(
        tx,
        taken.map((h) => h.host),
      );
      const now = new Date();
      await this.tenants.insertPrimaryHosts(
        tx,
        subtree.map((n) => ({ host: newHostOf.get(n.id)!, tenantId: n.id, createdAt: now })),
      );
      for (const node of subtree) {
        await this.tenants.relocate(tx, node.id, {
          path: newPathOf.get(node.id)!,
          primaryHost: newHostOf.get(node.id)!,
          ...(node.id === tenant.id ? { parentId: parent.id, label: resolved.label } : {}),
          updatedAt: now,
        });
      }
      await this.audit.record(
        tx,
        ...subtree.map((n) => ({
          tenantId: n.id,
          action: n.id === tenant.id ? 'tenant.moved' : 'tenant.moved_with_parent',
          subjectType: 'Tenant',
          subjectId: n.id,
          before: { parentId: n.parentId, path: n.path, primaryHost: n.primaryHost, label: n.label },
          after: {
            parentId: n.id === tenant.id ? parent.id : n.parentId,
            path: newPathOf.get(n.id),
            primaryHost: newHostOf.get(n.id),
          },
        })),
      );
      return tenant.id;
    });
  }

  /** Retires a portal without live children; its hosts redirect to the successor (its parent by default). */
  retire(ctx: RequestContext, tenantId: string, successorId?: string | null): Promise<Result<RoutedTenant>> {
    return this.runner.run(ctx, async (tx) => {
      const tenant = await this.runner.live(tx, tenantId, 'tenantId');
      const successorKey = successorId ?? tenant.parentId;
      if (!successorKey) throw TenancyErrors.successorRequired();
      if (successorKey === tenant.id) throw TenancyErrors.successorIsItself();
      const successor = await this.runner.live(tx, successorKey, 'successorId');
      await this.runner.assertNoLiveChildren(tx, tenant, 'tenantId');
      await this.tenants.succeed(tx, [tenant.id], TenantStatus.RETIRED, successor.id);
      await this.tenants.redirectHosts(tx, [tenant.id], successor.id);
      await this.audit.record(tx, {
        tenantId: tenant.id,
        action: 'tenant.retired',
        subjectType: 'Tenant',
        subjectId: tenant.id,
        before: { status: tenant.status },
        after: { status: TenantStatus.RETIRED, successorId: successor.id },
      });
      return successor.id;
    });
  }
}
