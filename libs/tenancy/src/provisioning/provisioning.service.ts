import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditService } from '@portal/audit';
import {
  DomainError,
  RequestContext,
  Result,
  TransactionRunner,
  assertCan,
  fail,
  isUuid,
  ok,
} from '@portal/platform';
import { HostRoutingService, RoutedTenant } from '../hosts/host-routing.service';
import { TenantEntity, pathLabelOf } from '../tenants/tenant.entity';
import { TenantHostEntity } from '../hosts/tenant-host.entity';
import { TenantKind, TenantStatus } from '../tenants/tenant-kind';
import { DEFAULT_TEMPLATE_BY_KIND } from './portal-templates';
import { TenantPlan, insertTenants } from './tenant-writer';
import {
  aliasError,
  hostTaken,
  kindError,
  labelTaken,
  nameError,
  parentNotFound,
  resolveLabel,
  templateError,
  tenantNotActive,
  unitCodeError,
} from './tenant-rules';

export interface ProvisionTenantCommand {
  parentId: string;
  kind: TenantKind;
  nameVi: string;
  nameEn?: string | null;
  label?: string | null;
  unitCode?: string | null;
  aliases?: string[] | null;
  template?: string | null;
}

function isUniqueViolation(e: unknown): e is { code: string; constraint?: string } {
  return typeof e === 'object' && e !== null && (e as { code?: string }).code === '23505';
}

/** Creates a component portal under a parent, with its hosts and its template's site structure. */
@Injectable()
export class ProvisioningService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly routing: HostRoutingService,
  ) {}

  async provision(ctx: RequestContext, command: ProvisionTenantCommand): Promise<Result<RoutedTenant>> {
    const made = await this.provisionWithin(ctx, command);
    if (made.ok) await this.routing.reload();
    return made.ok ? ok(this.routing.tenant(made.value.id) ?? made.value) : made;
  }

  /**
   * The writes of `provision`, in the caller's transaction when there is one (an idempotent request
   * stores its key in it), answered from what was written; the caller reloads the host map after
   * its commit (`refreshRouting`).
   */
  async provisionWithin(ctx: RequestContext, command: ProvisionTenantCommand): Promise<Result<RoutedTenant>> {
    let plan: TenantPlan;
    let attempted: TenantPlan | null = null;
    try {
      plan = await this.tx.run(ctx, async (tx) => {
        const manager = this.tx.manager(tx);
        const parent = isUuid(command.parentId)
          ? await manager.findOne(TenantEntity, { where: { id: command.parentId } })
          : null;
        if (!parent) throw parentNotFound();
        assertCan(tx, 'provision', 'Tenant', { tenantId: parent.id, tenantPath: parent.path });
        if (parent.status !== TenantStatus.ACTIVE) throw tenantNotActive('parentId');
        const built = this.plan(command, parent);
        attempted = built;
        const siblings = await manager.count(TenantEntity, {
          where: { parentId: parent.id, label: built.label },
        });
        if (siblings > 0) throw labelTaken(built.label);
        // An alias repeating the portal's own primary host would only fail at INSERT, naming the wrong field.
        const selfAlias = built.aliases.indexOf(built.primaryHost);
        if (selfAlias !== -1) throw hostTaken(built.primaryHost, `aliases.${selfAlias}`);
        const hosts = [built.primaryHost, ...built.aliases];
        const used = await manager
          .createQueryBuilder(TenantHostEntity, 'h')
          .where('h.host IN (:...hosts)', { hosts })
          .getMany();
        if (used.length > 0) {
          const taken = used[0].host.toLowerCase();
          const index = built.aliases.indexOf(taken);
          throw hostTaken(taken, index === -1 ? 'label' : `aliases.${index}`);
        }
        await insertTenants(manager, [built]);
        await this.audit.record(tx, {
          tenantId: built.id,
          action: 'tenant.provisioned',
          subjectType: 'Tenant',
          subjectId: built.id,
          after: { ...built },
        });
        return built;
      });
    } catch (e) {
      if (e instanceof DomainError && e.httpStatus === 400) return fail(e);
      // Two provisioners racing for one label or host: the constraint decides, the loser gets the typed error.
      if (isUniqueViolation(e) && attempted) {
        const lost: TenantPlan = attempted;
        return fail(
          e.constraint === 'tenants_label_unique_among_siblings'
            ? labelTaken(lost.label)
            : hostTaken(lost.primaryHost),
        );
      }
      throw e;
    }
    return ok({
      id: plan.id,
      parentId: plan.parentId,
      path: plan.path,
      kind: plan.kind,
      status: plan.status,
      primaryHost: plan.primaryHost,
      nameVi: plan.nameVi,
      nameEn: plan.nameEn,
      label: plan.label,
      unitCode: plan.unitCode,
      successorId: null,
    });
  }

  /** Reloads the host map after a provisioning committed by the caller's transaction. */
  refreshRouting(): Promise<void> {
    return this.routing.reload();
  }

  private plan(command: ProvisionTenantCommand, parent: TenantEntity): TenantPlan {
    const nameVi = command.nameVi?.normalize('NFC').trim() ?? '';
    const problem =
      nameError(nameVi) ??
      kindError(command.kind, parent.kind) ??
      unitCodeError(command.unitCode) ??
      aliasError((command.aliases ?? []).map((a) => a.trim().toLowerCase())) ??
      templateError(command.template ?? DEFAULT_TEMPLATE_BY_KIND[command.kind]);
    if (problem) throw problem;
    const resolved = resolveLabel(command.label, nameVi, command.kind);
    if ('error' in resolved) throw resolved.error;
    const id = randomUUID();
    return {
      id,
      kind: command.kind,
      nameVi,
      nameEn: command.nameEn?.normalize('NFC').trim() || null,
      unitCode: command.unitCode ?? null,
      parentId: parent.id,
      path: `${parent.path}.${pathLabelOf(id)}`,
      label: resolved.label,
      primaryHost: `${resolved.label}.${parent.primaryHost}`.toLowerCase(),
      aliases: [...new Set((command.aliases ?? []).map((a) => a.trim().toLowerCase()))],
      status: TenantStatus.ACTIVE,
      template: command.template ?? DEFAULT_TEMPLATE_BY_KIND[command.kind],
    };
  }
}
