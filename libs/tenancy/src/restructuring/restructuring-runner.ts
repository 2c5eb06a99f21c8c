import { Injectable } from '@nestjs/common';
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
import { TenantEntity } from '../tenants/tenant.entity';
import { TenantStatus } from '../tenants/tenant-kind';
import { TenancyErrors } from '../errors/tenancy-errors';
import { RestructuringRepository } from './restructuring.repository';

export const LIVE = [TenantStatus.ACTIVE, TenantStatus.SUSPENDED];

/** What every restructuring (merge, move, retire) shares: its transaction, and the checks of a portal. */
@Injectable()
export class RestructuringRunner {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly routing: HostRoutingService,
    private readonly tenants: RestructuringRepository,
  ) {}

  /**
   * Runs a restructuring in one transaction, one at a time; a typed input error becomes a failed
   * result. The routing table is reloaded after it commits and the resulting portal answered.
   */
  async run(
    ctx: RequestContext,
    work: (tx: RequestContext) => Promise<string>,
  ): Promise<Result<RoutedTenant>> {
    let resultId: string;
    try {
      resultId = await this.tx.run(ctx, async (tx) => {
        await this.tenants.lock(tx);
        return work(tx);
      });
    } catch (e) {
      if (e instanceof DomainError && e.httpStatus === 400) return fail(e);
      throw e;
    }
    await this.routing.reload();
    return ok(this.routing.tenant(resultId)!);
  }

  /** Loads a live tenant and checks the caller may restructure it. */
  async live(tx: RequestContext, id: string, field: string): Promise<TenantEntity> {
    const tenant = isUuid(id) ? await this.tenants.tenant(tx, id) : null;
    if (!tenant) throw TenancyErrors.tenantNotFound(field);
    assertCan(tx, 'restructure', 'Tenant', { tenantId: tenant.id, tenantPath: tenant.path });
    if (!LIVE.includes(tenant.status)) throw TenancyErrors.tenantNotActive(field);
    return tenant;
  }

  async assertNoLiveChildren(tx: RequestContext, tenant: TenantEntity, field: string): Promise<void> {
    if ((await this.tenants.countChildren(tx, tenant.id, LIVE)) > 0) throw TenancyErrors.hasChildren(field);
  }
}
