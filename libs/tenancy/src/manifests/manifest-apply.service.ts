import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditRecord, AuditService } from '@portal/audit';
import { APP_CONFIG, AppConfig, RequestContext, TransactionRunner, assertCan } from '@portal/platform';
import { HostRoutingService } from '../hosts/host-routing.service';
import { HostRole, TenantHostEntity } from '../hosts/tenant-host.entity';
import { TenantEntity, pathLabelOf } from '../tenants/tenant.entity';
import { TenantStatus } from '../tenants/tenant-kind';
import { DEFAULT_TEMPLATE_BY_KIND } from '../provisioning/portal-templates';
import { TenantPlan, insertTenants } from '../provisioning/tenant-writer';
import { resolveLabel, templateError } from '../provisioning/tenant-rules';
import type { TenantManifest, TenantManifestNode } from './tenant-manifest.types';

export interface ApplyProblem {
  /** Where in the manifest, e.g. `/root/children/3`. */
  path: string;
  code: string;
  message: string;
}

export interface ApplyReport {
  created: number;
  updated: number;
  unchanged: number;
  problems: ApplyProblem[];
}

interface ExistingTenant {
  entity: TenantEntity;
  hosts: Map<string, HostRole>;
}

type Update = {
  entity: TenantEntity;
  changes: Partial<TenantEntity>;
  addAliases: string[];
  retireAliases: string[];
};

/**
 * Applies a declarative tree idempotently: creates what is missing, updates what differs, leaves
 * the rest alone, and never deletes (portals that left the manifest are restructured explicitly).
 * The whole tree is planned in memory against one read of the current state, then written in one
 * transaction, so a national tree costs a few hundred statements and a failed plan writes nothing.
 */
@Injectable()
export class ManifestApplyService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly routing: HostRoutingService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `dryRun`: plan and count against the current state, write nothing. */
  async apply(
    ctx: RequestContext,
    manifest: TenantManifest,
    options: { dryRun?: boolean } = {},
  ): Promise<ApplyReport> {
    const report = await this.tx.run(ctx, async (tx) => {
      const manager = this.tx.manager(tx);
      // One applier at a time: two concurrent applies would each plan against a stale read.
      await manager.query('SELECT pg_advisory_xact_lock(7340119423)');
      const state = await this.loadState(manager);
      const plan = this.plan(tx, manifest, state);
      if (plan.problems.length > 0)
        return { created: 0, updated: 0, unchanged: plan.unchanged, problems: plan.problems };
      if (options.dryRun)
        return {
          created: plan.creates.length,
          updated: plan.updates.length,
          unchanged: plan.unchanged,
          problems: [],
        };
      await this.write(tx, manager, plan.creates, plan.updates);
      return {
        created: plan.creates.length,
        updated: plan.updates.length,
        unchanged: plan.unchanged,
        problems: [],
      };
    });
    if (!options.dryRun && report.created + report.updated > 0) await this.routing.reload();
    return report;
  }

  private async loadState(manager: EntityManager) {
    const tenants = await manager.find(TenantEntity);
    const hostRows = await manager.find(TenantHostEntity);
    const byId = new Map<string, ExistingTenant>(tenants.map((t) => [t.id, { entity: t, hosts: new Map() }]));
    const hostOwner = new Map<string, string>();
    for (const h of hostRows) {
      const host = h.host.toLowerCase();
      hostOwner.set(host, h.tenantId);
      byId.get(h.tenantId)?.hosts.set(host, h.role);
    }
    const byParentLabel = new Map<string, ExistingTenant>();
    for (const t of byId.values()) byParentLabel.set(`${t.entity.parentId ?? ''}/${t.entity.label}`, t);
    return { byId, hostOwner, byParentLabel };
  }

  private plan(
    ctx: RequestContext,
    manifest: TenantManifest,
    state: Awaited<ReturnType<ManifestApplyService['loadState']>>,
  ) {
    const creates: TenantPlan[] = [];
    const updates: Update[] = [];
    const problems: ApplyProblem[] = [];
    let unchanged = 0;
    const claimed = new Map<string, string>(); // host → manifest path, for hosts new in this manifest

    const claimHost = (host: string, tenantId: string, path: string): boolean => {
      const owner = state.hostOwner.get(host);
      const other = claimed.get(host);
      if ((owner && owner !== tenantId) || (other && other !== path)) {
        problems.push({
          path,
          code: 'HOST_TAKEN',
          message: `host "${host}" is already used by another portal`,
        });
        return false;
      }
      claimed.set(host, path);
      return true;
    };

    const visit = (
      node: TenantManifestNode,
      path: string,
      parent: { id: string; path: string; host: string } | null,
    ) => {
      const resolved = parent
        ? resolveLabel(node.label, node.nameVi, node.kind)
        : { label: node.label ?? node.host!.split('.')[0] };
      if ('error' in resolved) {
        problems.push({ path, code: resolved.error.code, message: resolved.error.text.en });
        return;
      }
      const label = resolved.label;
      const host = (
        parent ? `${label}.${parent.host}` : (node.host ?? `${label}.${this.config.publicSuffixes[0]}`)
      ).toLowerCase();
      const aliases = [...new Set((node.aliases ?? []).map((a) => a.toLowerCase()))];
      const existing = parent
        ? state.byParentLabel.get(`${parent.id}/${label}`)
        : state.byId.get(state.hostOwner.get(host) ?? '');
      const status = node.status ?? TenantStatus.ACTIVE;
      if (existing) {
        const t = existing.entity;
        if (t.status === TenantStatus.MERGED || t.status === TenantStatus.RETIRED) {
          problems.push({
            path,
            code: 'TENANT_NOT_ACTIVE',
            message: `"${host}" was ${t.status.toLowerCase()}; it cannot be declared again`,
          });
          return;
        }
        assertCan(ctx, 'update', 'Tenant', { tenantId: t.id, tenantPath: t.path });
        const changes: Partial<TenantEntity> = {};
        if (t.kind !== node.kind) changes.kind = node.kind;
        if (t.nameVi !== node.nameVi) changes.nameVi = node.nameVi;
        if ((t.nameEn ?? null) !== (node.nameEn ?? null)) changes.nameEn = node.nameEn ?? null;
        if ((t.unitCode ?? null) !== (node.unitCode ?? null)) changes.unitCode = node.unitCode ?? null;
        if (t.status !== status) changes.status = status;
        const addAliases = aliases.filter(
          (a) => existing.hosts.get(a) !== HostRole.ALIAS && claimHost(a, t.id, `${path}/aliases`),
        );
        // An alias dropped from the manifest keeps answering, as a redirect: links to it must not break.
        const retireAliases = [...existing.hosts]
          .filter(([h, role]) => role === HostRole.ALIAS && !aliases.includes(h))
          .map(([h]) => h);
        if (Object.keys(changes).length || addAliases.length || retireAliases.length)
          updates.push({ entity: t, changes, addAliases, retireAliases });
        else unchanged++;
        for (const [i, child] of (node.children ?? []).entries())
          visit(child, `${path}/children/${i}`, {
            id: t.id,
            path: t.path,
            host: t.primaryHost.toLowerCase(),
          });
        return;
      }
      if (!parent) assertCan(ctx, 'manage', 'Tenant', { tenantId: '', tenantPath: '' });
      else assertCan(ctx, 'provision', 'Tenant', { tenantId: parent.id, tenantPath: parent.path });
      const template = node.template ?? DEFAULT_TEMPLATE_BY_KIND[node.kind];
      const templateProblem = templateError(template);
      if (templateProblem)
        problems.push({
          path: `${path}/template`,
          code: templateProblem.code,
          message: templateProblem.text.en,
        });
      const okHosts = [
        claimHost(host, '', path),
        ...aliases.map((a) => claimHost(a, '', `${path}/aliases`)),
      ].every(Boolean);
      if (!okHosts || templateProblem) return;
      const id = randomUUID();
      const tenantPath = parent ? `${parent.path}.${pathLabelOf(id)}` : pathLabelOf(id);
      creates.push({
        id,
        kind: node.kind,
        nameVi: node.nameVi,
        nameEn: node.nameEn ?? null,
        unitCode: node.unitCode ?? null,
        parentId: parent?.id ?? null,
        path: tenantPath,
        label,
        primaryHost: host,
        aliases,
        status,
        template,
      });
      for (const [i, child] of (node.children ?? []).entries())
        visit(child, `${path}/children/${i}`, { id, path: tenantPath, host });
    };
    visit(manifest.root, '/root', null);
    return { creates, updates, problems, unchanged };
  }

  private async write(
    ctx: RequestContext,
    manager: EntityManager,
    creates: TenantPlan[],
    updates: Update[],
  ): Promise<void> {
    await insertTenants(manager, creates);
    const records: AuditRecord[] = creates.map((p) => ({
      tenantId: p.id,
      action: 'tenant.provisioned',
      subjectType: 'Tenant',
      subjectId: p.id,
      after: { ...p, via: 'manifest' },
    }));
    const now = new Date();
    for (const u of updates) {
      if (Object.keys(u.changes).length)
        await manager.update(TenantEntity, { id: u.entity.id }, { ...u.changes, updatedAt: now });
      if (u.addAliases.length) {
        await manager.upsert(
          TenantHostEntity,
          u.addAliases.map((host) => ({ host, tenantId: u.entity.id, role: HostRole.ALIAS, createdAt: now })),
          ['host'],
        );
      }
      if (u.retireAliases.length) {
        await manager
          .createQueryBuilder()
          .update(TenantHostEntity)
          .set({ role: HostRole.REDIRECT })
          .where('host IN (:...hosts)', { hosts: u.retireAliases })
          .execute();
      }
      const before = Object.fromEntries(
        Object.keys(u.changes).map((k) => [k, u.entity[k as keyof TenantEntity]]),
      );
      records.push({
        tenantId: u.entity.id,
        action: 'tenant.updated',
        subjectType: 'Tenant',
        subjectId: u.entity.id,
        before: { ...before, aliasesRetired: u.retireAliases },
        after: { ...u.changes, aliasesAdded: u.addAliases, via: 'manifest' },
      });
    }
    await this.audit.record(ctx, ...records);
  }
}
