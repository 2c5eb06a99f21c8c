import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { RequestContext, TransactionRunner } from '@portal/platform';
import { HostRole, TenantHostEntity } from '../hosts/tenant-host.entity';
import { TenantEntity } from '../tenants/tenant.entity';
import { TenantStatus } from '../tenants/tenant-kind';

/** The tenant and host rows a restructuring reads and rewrites, inside the caller's transaction. */
@Injectable()
export class RestructuringRepository {
  constructor(private readonly tx: TransactionRunner) {}

  /** Restructurings rewrite paths and hosts across a subtree: one at a time. */
  async lock(tx: RequestContext): Promise<void> {
    await this.tx.manager(tx).query('SELECT pg_advisory_xact_lock(7340119423)');
  }

  tenant(tx: RequestContext, id: string): Promise<TenantEntity | null> {
    return this.tx.manager(tx).findOne(TenantEntity, { where: { id } });
  }

  countChildren(tx: RequestContext, parentId: string, statuses: TenantStatus[]): Promise<number> {
    return this.tx.manager(tx).count(TenantEntity, { where: { parentId, status: In(statuses) } });
  }

  childLabelled(tx: RequestContext, parentId: string, label: string): Promise<TenantEntity | null> {
    return this.tx.manager(tx).findOne(TenantEntity, { where: { parentId, label } });
  }

  /** The tenant at `path` and all below it, parents before children. */
  subtree(tx: RequestContext, path: string): Promise<TenantEntity[]> {
    return this.tx
      .manager(tx)
      .createQueryBuilder(TenantEntity, 't')
      .where('t.path <@ CAST(:path AS ltree)', { path })
      .orderBy('nlevel(t.path)')
      .getMany();
  }

  hostsNamed(tx: RequestContext, hosts: string[]): Promise<TenantHostEntity[]> {
    return this.tx.manager(tx).find(TenantHostEntity, { where: { host: In(hosts) } });
  }

  /** Marks tenants merged or retired into their successor. */
  async succeed(tx: RequestContext, ids: string[], status: TenantStatus, successorId: string): Promise<void> {
    await this.tx
      .manager(tx)
      .update(TenantEntity, { id: In(ids) }, { status, successorId, updatedAt: new Date() });
  }

  /**
   * Every address the tenants ever had now belongs to the successor, as a redirect; each keeps its
   * origin, whose old links (item URLs) it still answers for.
   */
  async redirectHosts(tx: RequestContext, ids: string[], successorId: string): Promise<void> {
    await this.tx
      .manager(tx)
      .createQueryBuilder()
      .update(TenantHostEntity)
      .set({
        tenantId: successorId,
        role: HostRole.REDIRECT,
        originTenantId: () => 'COALESCE(origin_tenant_id, tenant_id)',
      })
      .where('tenant_id IN (:...ids)', { ids })
      .execute();
  }

  /** Old primary hosts of the tenants become redirects to the same tenant. */
  async demotePrimaryHosts(tx: RequestContext, ids: string[]): Promise<void> {
    await this.tx
      .manager(tx)
      .createQueryBuilder()
      .update(TenantHostEntity)
      .set({ role: HostRole.REDIRECT })
      .where("tenant_id IN (:...ids) AND role = 'PRIMARY'", { ids })
      .execute();
  }

  async deleteHosts(tx: RequestContext, hosts: string[]): Promise<void> {
    await this.tx.manager(tx).delete(TenantHostEntity, { host: In(hosts) });
  }

  async insertPrimaryHosts(
    tx: RequestContext,
    rows: Array<{ host: string; tenantId: string; createdAt: Date }>,
  ): Promise<void> {
    await this.tx.manager(tx).insert(
      TenantHostEntity,
      rows.map((r) => ({ ...r, role: HostRole.PRIMARY })),
    );
  }

  async relocate(
    tx: RequestContext,
    id: string,
    changes: Pick<TenantEntity, 'path' | 'primaryHost' | 'updatedAt'> &
      Partial<Pick<TenantEntity, 'parentId' | 'label'>>,
  ): Promise<void> {
    await this.tx.manager(tx).update(TenantEntity, { id }, changes);
  }
}
