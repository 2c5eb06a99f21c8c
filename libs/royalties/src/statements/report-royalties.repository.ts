import { Injectable } from '@nestjs/common';
import { RequestContext, ScopedRepository, ScopedRepositoryFactory } from '@portal/platform';
import {
  RoyaltyStatementEntity,
  RoyaltyStatementLineEntity,
  StatementState,
} from '../grades/royalty.entities';

/** Statements the owner has approved: the only ones a report adds up. */
const COUNTED = [StatementState.APPROVED, StatementState.LOCKED];

/** The grouping of a figure row: the whole set, a month, or the payee's unit. */
export type RoyaltyDimension = 'TOTAL' | 'MONTH' | 'UNIT';

/** Outside collaborators, who belong to no unit of the portal, grouped apart. */
export const OUTSIDE_UNIT = '~outside';

export interface RoyaltyFigureRow {
  /** The portal (per-portal figures) or null (the set's total). */
  portal: string | null;
  dimension: RoyaltyDimension;
  /** The month (MONTH), the unit's name (UNIT; null: an account in no unit; OUTSIDE_UNIT), null (TOTAL). */
  key: string | null;
  lines: number;
  payees: number;
  items: number;
  royalties: number;
  syndicated: number;
  remuneration: number;
  adjustments: number;
  total: number;
}

export interface PendingStatementRow {
  tenantId: string;
  month: string;
  state: StatementState;
}

const SUMS: Array<[string, string]> = [
  ['lines', 'count(*)::int'],
  ['payees', 'count(DISTINCT coalesce(l.account_id, l.collaborator_id))::int'],
  ['items', 'count(DISTINCT l.item_id)::int'],
  ['royalties', `coalesce(sum(l.amount) FILTER (WHERE l.kind = 'ROYALTY'), 0)::bigint`],
  ['syndicated', `coalesce(sum(l.amount) FILTER (WHERE l.kind = 'SYNDICATED'), 0)::bigint`],
  ['remuneration', `coalesce(sum(l.amount) FILTER (WHERE l.kind = 'REMUNERATION'), 0)::bigint`],
  ['adjustments', `coalesce(sum(l.amount) FILTER (WHERE l.kind IN ('ADJUSTMENT', 'CORRECTION')), 0)::bigint`],
  ['total', 'coalesce(sum(l.amount), 0)::bigint'],
];

/** The payee's unit as the "items published" figures name it: every unit it belongs to, by name. */
const UNITS_OF_ACCOUNTS = `(SELECT m.account_id, qu.tenant_id, string_agg(qu.name, '; ' ORDER BY qu.name) AS unit
    FROM question_unit_members m JOIN question_units qu ON qu.id = m.unit_id
   WHERE qu.tenant_id = ANY(CAST(:ids AS uuid[]))
   GROUP BY m.account_id, qu.tenant_id)`;
const UNIT = `CASE WHEN l.collaborator_id IS NOT NULL THEN '${OUTSIDE_UNIT}' ELSE u.unit END`;

/**
 * Royalty figures for the reports, read under the report's right (`read Report`): the lines of
 * the statements the owner approved, summed by kind, per portal or for the set, in total, per
 * month and per unit; and the statements of the period not yet approved. The same sums as the
 * royalties sheet of the report files.
 */
@Injectable()
export class ReportRoyaltiesRepository {
  private readonly lines: ScopedRepository<RoyaltyStatementLineEntity>;
  private readonly statements: ScopedRepository<RoyaltyStatementEntity>;

  constructor(scoped: ScopedRepositoryFactory) {
    this.lines = scoped.for(RoyaltyStatementLineEntity, 'Report');
    this.statements = scoped.for(RoyaltyStatementEntity, 'Report');
  }

  /** Months are YYYY-MM, both included. */
  async figures(
    ctx: RequestContext,
    ids: string[],
    fromMonth: string,
    toMonth: string,
    perPortal: boolean,
  ): Promise<RoyaltyFigureRow[]> {
    const out: RoyaltyFigureRow[] = [];
    const dimensions: Array<[RoyaltyDimension, string | null]> = [
      ['TOTAL', null],
      ['MONTH', 's.month'],
      ['UNIT', UNIT],
    ];
    for (const [dimension, key] of dimensions) {
      const qb = this.lines
        .query(ctx, 'read', 'l')
        .innerJoin('royalty_statements', 's', 's.id = l.statement_id')
        .leftJoin(UNITS_OF_ACCOUNTS, 'u', 'u.account_id = l.account_id AND u.tenant_id = l.tenant_id')
        .andWhere('s.tenant_id = ANY(CAST(:ids AS uuid[]))', { ids })
        .andWhere('s.month >= :fromMonth AND s.month <= :toMonth', { fromMonth, toMonth })
        .andWhere('s.state IN (:...counted)', { counted: COUNTED })
        .select(perPortal ? 's.tenant_id' : 'NULL', 'portal')
        .addSelect(key ?? 'NULL', 'key');
      for (const [alias, sql] of SUMS) qb.addSelect(sql, alias);
      const groups = [...(perPortal ? ['s.tenant_id'] : []), ...(key ? [key] : [])];
      groups.forEach((g, i) => (i === 0 ? qb.groupBy(g) : qb.addGroupBy(g)));
      const rows: Array<Record<string, string | number | null>> = await qb.getRawMany();
      for (const r of rows) {
        // Without a grouping the sums come back as one row even for no lines: no row then.
        if (Number(r.lines) === 0) continue;
        out.push({
          portal: (r.portal as string | null) ?? null,
          dimension,
          key: (r.key as string | null) ?? null,
          lines: Number(r.lines),
          payees: Number(r.payees),
          items: Number(r.items),
          royalties: Number(r.royalties),
          syndicated: Number(r.syndicated),
          remuneration: Number(r.remuneration),
          adjustments: Number(r.adjustments),
          total: Number(r.total),
        });
      }
    }
    return out;
  }

  /** Statements of the period the owner has not approved yet: named, never added up. */
  async pending(
    ctx: RequestContext,
    ids: string[],
    fromMonth: string,
    toMonth: string,
  ): Promise<PendingStatementRow[]> {
    const rows: Array<{ tenant_id: string; month: string; state: StatementState }> = await this.statements
      .query(ctx, 'read', 's')
      .andWhere('s.tenant_id = ANY(CAST(:ids AS uuid[]))', { ids })
      .andWhere('s.month >= :fromMonth AND s.month <= :toMonth', { fromMonth, toMonth })
      .andWhere('s.state NOT IN (:...counted)', { counted: COUNTED })
      .select('s.tenant_id', 'tenant_id')
      .addSelect('s.month', 'month')
      .addSelect('s.state', 'state')
      .orderBy('s.tenant_id')
      .addOrderBy('s.month')
      .getRawMany();
    return rows.map((r) => ({ tenantId: r.tenant_id, month: r.month, state: r.state }));
  }
}
