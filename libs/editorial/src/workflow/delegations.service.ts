import { Injectable } from '@nestjs/common';
import { RequestContext, TransactionRunner, can } from '@portal/platform';
import { HostRoutingService } from '@portal/tenancy';

export type DelegationStatus = 'UPCOMING' | 'ACTIVE' | 'ENDED' | 'REVOKED';

export interface DelegationView {
  id: string;
  headAccountId: string;
  headName: string;
  deputyAccountId: string;
  deputyName: string;
  validFrom: Date;
  validTo: Date;
  createdAt: Date;
  revokedAt: Date | null;
  status: DelegationStatus;
}

/** How many of a portal's delegations the list shows (newest first; older ones stay in the audit). */
export const DELEGATIONS_SHOWN = 100;

/** The approval delegations of the addressed portal, for those who may grant them (its board head). */
@Injectable()
export class DelegationsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly routing: HostRoutingService,
  ) {}

  async list(ctx: RequestContext): Promise<DelegationView[]> {
    const tenant = ctx.tenant ? this.routing.tenant(ctx.tenant.id) : null;
    if (!tenant || !can(ctx, 'delegate', 'Content', { tenantId: tenant.id, tenantPath: tenant.path }))
      return [];
    // As deputies(): the rows of this very portal, which the check above lets the caller see.
    const rows: Array<{
      id: string;
      head_account_id: string;
      head_name: string;
      deputy_account_id: string;
      deputy_name: string;
      valid_from: Date;
      valid_to: Date;
      created_at: Date;
      revoked_at: Date | null;
      status: DelegationStatus;
    }> = await this.tx.manager(ctx).query(
      `SELECT d.id, d.head_account_id, h.display_name AS head_name, d.deputy_account_id,
              p.display_name AS deputy_name, d.valid_from, d.valid_to, d.created_at, d.revoked_at,
              CASE WHEN d.revoked_at IS NOT NULL THEN 'REVOKED'
                   WHEN d.valid_from > now() THEN 'UPCOMING'
                   WHEN d.valid_to > now() THEN 'ACTIVE'
                   ELSE 'ENDED' END AS status
         FROM approval_delegations d
         JOIN accounts h ON h.id = d.head_account_id
         JOIN accounts p ON p.id = d.deputy_account_id
        WHERE d.tenant_id = $1
        ORDER BY d.valid_from DESC, d.id
        LIMIT ${DELEGATIONS_SHOWN}`,
      [tenant.id],
    );
    return rows.map((r) => ({
      id: r.id,
      headAccountId: r.head_account_id,
      headName: r.head_name,
      deputyAccountId: r.deputy_account_id,
      deputyName: r.deputy_name,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      createdAt: r.created_at,
      revokedAt: r.revoked_at,
      status: r.status,
    }));
  }
}
