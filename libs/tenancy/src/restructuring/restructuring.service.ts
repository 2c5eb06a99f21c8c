import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AuditService } from '@portal/audit';
import {
  DomainError,
  RequestContext,
  Result,
  TransactionRunner,
  assertCan,
  fail,
  inputError,
  isUuid,
  ok,
} from '@portal/platform';
import { HostRoutingService, RoutedTenant } from '../hosts/host-routing.service';
import { HostRole, TenantHostEntity } from '../hosts/tenant-host.entity';
import { TenantEntity } from '../tenants/tenant.entity';
import { TenantStatus } from '../tenants/tenant-kind';
import {
  MergeParticipants,
  MergePlan,
  MergeScope,
  MergeTenant,
  RoleMappingProposal,
} from './merge-participants';
import { CategoryMappingProposal, SiteStructureMerge } from './site-structure-merge';
import {
  hostTaken,
  kindError,
  labelTaken,
  resolveLabel,
  tenantNotActive,
  tenantNotFound,
} from '../provisioning/tenant-rules';

const LIVE = [TenantStatus.ACTIVE, TenantStatus.SUSPENDED];

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
 * Merge, move and retire portals of a live tree (the 2025 reform). Each runs in one transaction and
 * keeps every old host answering: hosts of merged and retired portals, and the old hosts of moved
 * ones, become REDIRECT hosts that answer 301 to the same path on the new home. A merge re-homes the
 * sources' content, roles and accounts through the registered merge participants, by a plan the
 * operator confirms after a dry run (`mergePreview`).
 */
@Injectable()
export class RestructuringService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly routing: HostRoutingService,
    private readonly participants: MergeParticipants,
    private readonly siteStructure: SiteStructureMerge,
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
          const m = this.tx.manager(tx);
          const { sources, target } = await this.mergeScope(tx, m, sourceIds, targetId);
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
    return this.run(ctx, targetId, async (tx, m) => {
      const { sources, target } = await this.mergeScope(tx, m, sourceIds, targetId);
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
      await m.update(
        TenantEntity,
        { id: In(ids) },
        { status: TenantStatus.MERGED, successorId: target.id, updatedAt: new Date() },
      );
      // Every address the sources ever had now belongs to the target, as a redirect; each keeps
      // its origin, whose old links (item URLs) it still answers for.
      await m
        .createQueryBuilder()
        .update(TenantHostEntity)
        .set({
          tenantId: target.id,
          role: HostRole.REDIRECT,
          originTenantId: () => 'COALESCE(origin_tenant_id, tenant_id)',
        })
        .where('tenant_id IN (:...ids)', { ids })
        .execute();
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
    m: EntityManager,
    sourceIds: string[],
    targetId: string,
  ): Promise<{ sources: TenantEntity[]; target: TenantEntity }> {
    if (sourceIds.length === 0)
      throw inputError(
        'REQUIRED',
        'sourceIds',
        'Cần ít nhất một cổng để sáp nhập.',
        'At least one portal to merge is required.',
      );
    const target = await this.live(tx, m, targetId, 'targetId');
    const sources: TenantEntity[] = [];
    for (const [i, id] of [...new Set(sourceIds)].entries()) {
      const field = `sourceIds.${i}`;
      if (id === targetId)
        throw inputError(
          'MERGE_INTO_ITSELF',
          field,
          'Không thể sáp nhập một cổng vào chính nó.',
          'A portal cannot be merged into itself.',
        );
      const source = await this.live(tx, m, id, field);
      if (target.path.startsWith(`${source.path}.`))
        throw inputError(
          'MERGE_INTO_DESCENDANT',
          field,
          'Không thể sáp nhập vào cổng cấp dưới của chính nó.',
          'A portal cannot be merged into one of its descendants.',
        );
      await this.assertNoLiveChildren(m, source, field);
      sources.push(source);
    }
    return { sources, target };
  }

  move(
    ctx: RequestContext,
    tenantId: string,
    newParentId: string,
    newLabel?: string | null,
  ): Promise<Result<RoutedTenant>> {
    return this.run(ctx, tenantId, async (tx, m) => {
      const tenant = await this.live(tx, m, tenantId, 'tenantId');
      const parent = await this.live(tx, m, newParentId, 'newParentId');
      if (!tenant.parentId)
        throw inputError(
          'CANNOT_MOVE_ROOT',
          'tenantId',
          'Không thể di chuyển cổng gốc.',
          'A root portal cannot be moved.',
        );
      if (parent.id === tenant.id || parent.path.startsWith(`${tenant.path}.`)) {
        throw inputError(
          'MOVE_INTO_OWN_SUBTREE',
          'newParentId',
          'Không thể chuyển một cổng vào cây con của chính nó.',
          'A portal cannot be moved under itself or its own descendants.',
        );
      }
      const kindProblem = kindError(tenant.kind, parent.kind, 'newParentId');
      if (kindProblem) throw kindProblem;
      const resolved = newLabel
        ? resolveLabel(newLabel, tenant.nameVi, tenant.kind, 'newLabel')
        : { label: tenant.label };
      if ('error' in resolved) throw resolved.error;
      const clash = await m.findOne(TenantEntity, { where: { parentId: parent.id, label: resolved.label } });
      if (clash && clash.id !== tenant.id)
        throw labelTaken(resolved.label, newLabel ? 'newLabel' : 'tenantId');

      const subtree = await m
        .createQueryBuilder(TenantEntity, 't')
        .where('t.path <@ CAST(:path AS ltree)', { path: tenant.path })
        .orderBy('nlevel(t.path)')
        .getMany();
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
      const taken = await m.find(TenantHostEntity, { where: { host: In(newHosts) } });
      const foreign = taken.find((h) => newHostOf.get(h.tenantId) !== h.host.toLowerCase());
      if (foreign) throw hostTaken(foreign.host, 'newParentId');

      const ids = subtree.map((n) => n.id);
      // Old primary hosts become redirects to the same tenant; its new primary host is inserted.
      await m
        .createQueryBuilder()
        .update(TenantHostEntity)
        .set({ role: HostRole.REDIRECT })
        .where("tenant_id IN (:...ids) AND role = 'PRIMARY'", { ids })
        .execute();
      await m.delete(TenantHostEntity, { host: In(taken.map((h) => h.host)) }); // own former redirects being reclaimed
      const now = new Date();
      await m.insert(
        TenantHostEntity,
        subtree.map((n) => ({
          host: newHostOf.get(n.id)!,
          tenantId: n.id,
          role: HostRole.PRIMARY,
          createdAt: now,
        })),
      );
      for (const node of subtree) {
        await m.update(
          TenantEntity,
          { id: node.id },
          {
            path: newPathOf.get(node.id)!,
            primaryHost: newHostOf.get(node.id)!,
            ...(node.id === tenant.id ? { parentId: parent.id, label: resolved.label } : {}),
            updatedAt: now,
          },
        );
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

  retire(ctx: RequestContext, tenantId: string, successorId?: string | null): Promise<Result<RoutedTenant>> {
    return this.run(ctx, tenantId, async (tx, m) => {
      const tenant = await this.live(tx, m, tenantId, 'tenantId');
      const successorKey = successorId ?? tenant.parentId;
      if (!successorKey)
        throw inputError(
          'SUCCESSOR_REQUIRED',
          'successorId',
          'Cổng gốc cần chỉ định cổng kế thừa.',
          'A root portal needs a successor to be retired.',
        );
      if (successorKey === tenant.id)
        throw inputError(
          'MERGE_INTO_ITSELF',
          'successorId',
          'Cổng kế thừa phải là cổng khác.',
          'The successor must be another portal.',
        );
      const successor = await this.live(tx, m, successorKey, 'successorId');
      await this.assertNoLiveChildren(m, tenant, 'tenantId');
      await m.update(
        TenantEntity,
        { id: tenant.id },
        { status: TenantStatus.RETIRED, successorId: successor.id, updatedAt: new Date() },
      );
      await m
        .createQueryBuilder()
        .update(TenantHostEntity)
        .set({
          tenantId: successor.id,
          role: HostRole.REDIRECT,
          originTenantId: () => 'COALESCE(origin_tenant_id, tenant_id)',
        })
        .where('tenant_id = :id', { id: tenant.id })
        .execute();
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

  private async run(
    ctx: RequestContext,
    _subject: string,
    work: (tx: RequestContext, m: EntityManager) => Promise<string>,
  ): Promise<Result<RoutedTenant>> {
    let resultId: string;
    try {
      resultId = await this.tx.run(ctx, async (tx) => {
        const m = this.tx.manager(tx);
        // Restructurings rewrite paths and hosts across a subtree: one at a time.
        await m.query('SELECT pg_advisory_xact_lock(7340119423)');
        return work(tx, m);
      });
    } catch (e) {
      if (e instanceof DomainError && e.httpStatus === 400) return fail(e);
      throw e;
    }
    await this.routing.reload();
    return ok(this.routing.tenant(resultId)!);
  }

  /** Loads a live tenant and checks the caller may restructure it. */
  private async live(tx: RequestContext, m: EntityManager, id: string, field: string): Promise<TenantEntity> {
    const tenant = isUuid(id) ? await m.findOne(TenantEntity, { where: { id } }) : null;
    if (!tenant) throw tenantNotFound(field);
    assertCan(tx, 'restructure', 'Tenant', { tenantId: tenant.id, tenantPath: tenant.path });
    if (!LIVE.includes(tenant.status)) throw tenantNotActive(field);
    return tenant;
  }

  private async assertNoLiveChildren(m: EntityManager, tenant: TenantEntity, field: string): Promise<void> {
    const children = await m.count(TenantEntity, { where: { parentId: tenant.id, status: In(LIVE) } });
    if (children > 0) {
      throw inputError(
        'HAS_CHILDREN',
        field,
        'Cổng còn cổng cấp dưới đang hoạt động; hãy chuyển chúng đi trước.',
        'The portal still has live child portals; move them first.',
      );
    }
  }
}
