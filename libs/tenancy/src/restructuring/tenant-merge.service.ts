import { Injectable } from '@nestjs/common';
import { AuditService } from '@portal/audit';
import { DomainError, RequestContext, Result, TransactionRunner, fail, ok } from '@portal/platform';
import { HostRoutingService, RoutedTenant } from '../hosts/host-routing.service';
import { TenantEntity } from '../tenants/tenant.entity';
import { TenantStatus } from '../tenants/tenant-kind';
import { TenancyErrors } from '../errors/tenancy-errors';
import {
  MergeParticipants,
  MergePlan,
  MergeScope,
  MergeTenant,
  RoleMappingProposal,
} from './merge-participants';
import { CategoryMappingProposal, SiteStructureMerge } from './site-structure-merge';
import { RestructuringRepository } from './restructuring.repository';
import { RestructuringRunner } from './restructuring-runner';

/** A merge's dry run: what each participant would move, and the proposed (or given) plan described. */
export interface MergePreview {
  sources: RoutedTenant[];
  target: RoutedTenant;
  counts: Array<{ participant: string; counts: Record<string, number> }>;
  plan: { categoryMapping: CategoryMappingProposal[]; roleMapping: RoleMappingProposal[] };
  /** The target's categories, for choosing a mapping. */
  targetCategories: Array<{ id: string; slugPath: string; nameVi: string }>;
}

const mergeTenantOf = (t: TenantEntity): MergeTenant => ({
  id: t.id,
  path: t.path,
  primaryHost: t.primaryHost,
  nameVi: t.nameVi,
});

/**
 * Merges portals of a live tree into one (the 2025 reform): the sources' content, roles and accounts
 * are re-homed through the registered merge participants, by a plan the operator confirms after a
 * dry run (`mergePreview`); the sources' hosts become redirects to the target.
 */
@Injectable()
export class TenantMergeService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly routing: HostRoutingService,
    private readonly participants: MergeParticipants,
    private readonly siteStructure: SiteStructureMerge,
    private readonly tenants: RestructuringRepository,
    private readonly runner: RestructuringRunner,
  ) {}

  /**
   * The dry run of a merge: counts per participant and the proposed plan (or, given a plan, that
   * plan checked and counted). Writes nothing.
   */
  async mergePreview(
    ctx: RequestContext,
    sourceIds: string[],
    targetId: string,
    plan?: MergePlan | null,
  ): Promise<Result<MergePreview>> {
    try {
      return ok(
        await this.tx.run(ctx, async (tx) => {
          // The participants' own interface takes the transaction's manager.
          const m = this.tx.manager(tx);
          const { sources, target } = await this.mergeScope(tx, sourceIds, targetId);
          const scope: MergeScope = { sources: sources.map(mergeTenantOf), target: mergeTenantOf(target) };
          const roles = await this.participants.proposeRoleMapping(tx, m, scope);
          const confirmed = plan ?? {
            categoryMapping: (await this.siteStructure.describe(m, scope)).map((e) => ({
              sourceCategoryId: e.sourceCategoryId,
              targetCategoryId: e.targetCategoryId,
            })),
            roleMapping: roles.map((r) => ({ assignmentId: r.assignmentId, action: r.action })),
          };
          const context = await this.participants.confirm(tx, m, scope, confirmed);
          const counts: MergePreview['counts'] = [];
          for (const participant of this.participants.all())
            counts.push({ participant: participant.name, counts: await participant.preview(m, context) });
          const actions = new Map(confirmed.roleMapping.map((r) => [r.assignmentId, r.action]));
          return {
            sources: sources.map((s) => this.routing.tenant(s.id)!),
            target: this.routing.tenant(target.id)!,
            counts,
            plan: {
              categoryMapping: await this.siteStructure.describe(m, scope, confirmed.categoryMapping),
              roleMapping: roles.map((r) => ({ ...r, action: actions.get(r.assignmentId) ?? r.action })),
            },
            targetCategories: await this.siteStructure.targetOptions(m, target.id),
          };
        }),
      );
    } catch (e) {
      if (e instanceof DomainError && e.httpStatus === 400) return fail(e);
      throw e;
    }
  }

  /**
   * Merges the sources into the target by a confirmed plan that names every source category and
   * every live role assignment of the sources. Every participant re-homes its rows in the same
   * transaction, and each share is audited with its counts.
   */
  merge(
    ctx: RequestContext,
    sourceIds: string[],
    targetId: string,
    plan: MergePlan,
  ): Promise<Result<RoutedTenant>> {
    return this.runner.run(ctx, async (tx) => {
      const m = this.tx.manager(tx);
      const { sources, target } = await this.mergeScope(tx, sourceIds, targetId);
      const scope: MergeScope = { sources: sources.map(mergeTenantOf), target: mergeTenantOf(target) };
      const context = await this.participants.confirm(tx, m, scope, plan);
      const ids = sources.map((s) => s.id);
      for (const participant of this.participants.all()) {
        const counts = await participant.apply(tx, m, context);
        await this.audit.record(tx, {
          tenantId: target.id,
          action: 'tenant.merge_participant',
          subjectType: 'Tenant',
          subjectId: target.id,
          after: { participant: participant.name, sourceIds: ids, counts },
        });
      }
      const before = sources.map((s) => ({ id: s.id, status: s.status, primaryHost: s.primaryHost }));
      await this.tenants.succeed(tx, ids, TenantStatus.MERGED, target.id);
      await this.tenants.redirectHosts(tx, ids, target.id);
      await this.audit.record(
        tx,
        ...sources.map((s, i) => ({
          tenantId: s.id,
          action: 'tenant.merged',
          subjectType: 'Tenant',
          subjectId: s.id,
          before: before[i],
          after: { status: TenantStatus.MERGED, successorId: target.id },
        })),
        {
          tenantId: target.id,
          action: 'tenant.merge_target',
          subjectType: 'Tenant',
          subjectId: target.id,
          after: { mergedFrom: ids },
        },
      );
      return target.id;
    });
  }

  /** Loads and checks what is merged into what; refuses with a typed error naming the field. */
  private async mergeScope(
    tx: RequestContext,
    sourceIds: string[],
    targetId: string,
  ): Promise<{ sources: TenantEntity[]; target: TenantEntity }> {
    if (sourceIds.length === 0) throw TenancyErrors.sourcesRequired();
    const target = await this.runner.live(tx, targetId, 'targetId');
    const sources: TenantEntity[] = [];
    for (const [i, id] of [...new Set(sourceIds)].entries()) {
      const field = `sourceIds.${i}`;
      if (id === targetId) throw TenancyErrors.mergeIntoItself(field);
      const source = await this.runner.live(tx, id, field);
      if (target.path.startsWith(`${source.path}.`)) throw TenancyErrors.mergeIntoDescendant(field);
      await this.runner.assertNoLiveChildren(tx, source, field);
      sources.push(source);
    }
    return { sources, target };
  }
}
