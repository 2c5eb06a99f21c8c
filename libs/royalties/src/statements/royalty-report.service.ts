import { Injectable } from '@nestjs/common';
import { NotFoundError, RequestContext, TransactionRunner, assertCan, can, isUuid } from '@portal/platform';
import { parseReportPeriod } from '@portal/reporting';
import { HostRoutingService, RoutedTenant } from '@portal/tenancy';
import { StatementState } from '../grades/royalty.entities';

export interface RoyaltyReportRow {
  tenant: RoutedTenant;
  month: string;
  state: StatementState;
  lines: number;
  payees: number;
  royalties: number;
  syndicated: number;
  remuneration: number;
  adjustments: number;
  total: number;
}

/**
 * Royalties per portal and month over a reporting period (the reports' periods: 2026, 2026-H1,
 * 2026-Q3, 2026-05…), from the stored statements: what each unit paid, by kind of line.
 */
@Injectable()
export class RoyaltyReportService {
  constructor(
    private readonly routing: HostRoutingService,
    private readonly tx: TransactionRunner,
  ) {}

  async report(
    ctx: RequestContext,
    tenantId: string,
    period: string,
    subtree: boolean,
  ): Promise<RoyaltyReportRow[]> {
    const root = isUuid(tenantId) ? this.routing.tenant(tenantId) : null;
    if (!root) throw new NotFoundError('Portal', 'tenantId');
    assertCan(ctx, 'read', 'RoyaltyStatement', { tenantId: root.id, tenantPath: root.path });
    const p = parseReportPeriod(period);
    const portals = (subtree ? [root, ...this.descendants(root.id)] : [root]).filter((t) =>
      can(ctx, 'read', 'RoyaltyStatement', { tenantId: t.id, tenantPath: t.path }),
    );
    const byId = new Map(portals.map((t) => [t.id, t]));
    const rows: Array<Record<string, string>> = await this.tx.run(ctx, (tx) =>
      this.tx.manager(tx).query(
        `SELECT s.tenant_id, s.month, s.state, count(l.id)::int AS lines,
                count(DISTINCT coalesce(l.account_id, l.collaborator_id))::int AS payees,
                coalesce(sum(l.amount) FILTER (WHERE l.kind = 'ROYALTY'), 0)::bigint AS royalties,
                coalesce(sum(l.amount) FILTER (WHERE l.kind = 'SYNDICATED'), 0)::bigint AS syndicated,
                coalesce(sum(l.amount) FILTER (WHERE l.kind = 'REMUNERATION'), 0)::bigint AS remuneration,
                coalesce(sum(l.amount) FILTER (WHERE l.kind IN ('ADJUSTMENT', 'CORRECTION')), 0)::bigint AS adjustments,
                s.total
           FROM royalty_statements s LEFT JOIN royalty_statement_lines l ON l.statement_id = s.id
          WHERE s.tenant_id = ANY($1::uuid[]) AND s.month >= $2 AND s.month <= $3
          GROUP BY s.id ORDER BY s.month, s.tenant_id`,
        [[...byId.keys()], p.from.slice(0, 7), p.to.slice(0, 7)],
      ),
    );
    return rows
      .map((r) => ({
        tenant: byId.get(r.tenant_id)!,
        month: r.month,
        state: r.state as StatementState,
        lines: Number(r.lines),
        payees: Number(r.payees),
        royalties: Number(r.royalties),
        syndicated: Number(r.syndicated),
        remuneration: Number(r.remuneration),
        adjustments: Number(r.adjustments),
        total: Number(r.total),
      }))
      .sort((a, b) => a.tenant.path.localeCompare(b.tenant.path) || a.month.localeCompare(b.month));
  }

  private descendants(id: string): RoutedTenant[] {
    const out: RoutedTenant[] = [];
    const queue = [id];
    while (queue.length) {
      for (const child of this.routing.children(queue.shift()!)) {
        out.push(child);
        queue.push(child.id);
      }
    }
    return out;
  }
}
