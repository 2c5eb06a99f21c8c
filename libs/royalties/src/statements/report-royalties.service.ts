import { Injectable } from '@nestjs/common';
import { ForbiddenError, RequestContext, TransactionRunner, can } from '@portal/platform';
import { HostRoutingService, RoutedTenant } from '@portal/tenancy';
import { StatementState } from '../grades/royalty.entities';
import { OUTSIDE_UNIT, ReportRoyaltiesRepository, RoyaltyFigureRow } from './report-royalties.repository';

export interface RoyaltyAmounts {
  lines: number;
  payees: number;
  items: number;
  royalties: number;
  syndicated: number;
  remuneration: number;
  adjustments: number;
  total: number;
}

export interface RoyaltyBreakdown extends RoyaltyAmounts {
  byMonth: Array<RoyaltyAmounts & { month: string }>;
  /** Named units first (Vietnamese order), then accounts in no unit, then outside collaborators. */
  byUnit: Array<RoyaltyAmounts & { unit: string | null; outside: boolean }>;
}

export interface NotCounted {
  tenant: RoutedTenant;
  month: string;
  state: StatementState;
}

export interface ReportRoyalties {
  total: RoyaltyBreakdown;
  portals: Array<{ tenant: RoutedTenant; figures: RoyaltyBreakdown; notCounted: NotCounted[] }>;
  notCounted: NotCounted[];
}

const ZERO: RoyaltyAmounts = {
  lines: 0,
  payees: 0,
  items: 0,
  royalties: 0,
  syndicated: 0,
  remuneration: 0,
  adjustments: 0,
  total: 0,
};
const amounts = (r: RoyaltyFigureRow | undefined): RoyaltyAmounts =>
  r
    ? {
        lines: r.lines,
        payees: r.payees,
        items: r.items,
        royalties: r.royalties,
        syndicated: r.syndicated,
        remuneration: r.remuneration,
        adjustments: r.adjustments,
        total: r.total,
      }
    : { ...ZERO };

function breakdown(rows: RoyaltyFigureRow[]): RoyaltyBreakdown {
  const rank = (key: string | null) => (key === OUTSIDE_UNIT ? 2 : key === null ? 1 : 0);
  return {
    ...amounts(rows.find((r) => r.dimension === 'TOTAL')),
    byMonth: rows
      .filter((r) => r.dimension === 'MONTH')
      .sort((a, b) => String(a.key).localeCompare(String(b.key)))
      .map((r) => ({ ...amounts(r), month: r.key! })),
    byUnit: rows
      .filter((r) => r.dimension === 'UNIT')
      .sort((a, b) => rank(a.key) - rank(b.key) || String(a.key).localeCompare(String(b.key), 'vi'))
      .map((r) => ({
        ...amounts(r),
        unit: r.key === OUTSIDE_UNIT ? null : r.key,
        outside: r.key === OUTSIDE_UNIT,
      })),
  };
}

/**
 * Royalties per unit and period for the GraphQL report: the figures of the royalties sheet of the
 * report files (approved and locked statements only; the others named, not added), per portal of
 * the report and for its whole scope. Read under the report's own right, on every portal.
 */
@Injectable()
export class ReportRoyaltiesService {
  constructor(
    private readonly repository: ReportRoyaltiesRepository,
    private readonly routing: HostRoutingService,
    private readonly tx: TransactionRunner,
  ) {}

  async forReport(
    ctx: RequestContext,
    report: { portalIds: string[]; from: string; to: string; withTotal: boolean },
  ): Promise<ReportRoyalties> {
    const portals = report.portalIds.map((id) => this.routing.tenant(id));
    // Deny by default: the report was authorised as a whole, and so is this part of it.
    if (
      !portals.length ||
      !portals.every(
        (t): t is RoutedTenant => !!t && can(ctx, 'read', 'Report', { tenantId: t.id, tenantPath: t.path }),
      )
    )
      throw new ForbiddenError({
        vi: 'Bạn không có quyền xem báo cáo của (một trong) các cổng này.',
        en: 'You may not read the report of (one of) these portals.',
      });
    const tenants = portals as RoutedTenant[];
    const ids = tenants.map((t) => t.id);
    const [fromMonth, toMonth] = [report.from.slice(0, 7), report.to.slice(0, 7)];
    const { perPortal, whole, pending } = await this.tx.run(ctx, async (tx) => ({
      perPortal: await this.repository.figures(tx, ids, fromMonth, toMonth, true),
      whole: report.withTotal ? await this.repository.figures(tx, ids, fromMonth, toMonth, false) : null,
      pending: await this.repository.pending(tx, ids, fromMonth, toMonth),
    }));
    const byId = new Map(tenants.map((t) => [t.id, t]));
    const notCounted = pending.map((p) => ({
      tenant: byId.get(p.tenantId)!,
      month: p.month,
      state: p.state,
    }));
    const each = tenants.map((tenant) => ({
      tenant,
      figures: breakdown(perPortal.filter((r) => r.portal === tenant.id)),
      notCounted: notCounted.filter((n) => n.tenant.id === tenant.id),
    }));
    return { total: whole ? breakdown(whole) : each[0].figures, portals: each, notCounted };
  }
}
