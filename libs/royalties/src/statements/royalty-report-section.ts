import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  type CellValue,
  type ReportColumn,
  type ReportPeriod,
  ReportSectionRegistry,
  type ReportSectionRequest,
  type ReportSheet,
} from '@portal/reporting';
import type { RoutedTenant } from '@portal/tenancy';

/** Portals per query, as the report's own sheets read them. */
const BATCH = 500;

const col = (key: string, vi: string, en: string, type: ReportColumn['type'] = 'integer'): ReportColumn => ({
  key,
  vi,
  en,
  type,
});

const TOTAL = 'Tổng / Total';
const NO_UNIT = '(không thuộc đơn vị) / (no unit)';
const OUTSIDE = '(cộng tác viên ngoài) / (outside collaborator)';
const STATE_VI: Record<string, string> = {
  DRAFTED: 'đang lập / drafted',
  CHECKED: 'đã kiểm tra / checked',
  APPROVED: 'đã phê duyệt / approved',
  LOCKED: 'đã khóa / locked',
};

interface FigureRow {
  portal: string | null;
  dimension: 'TOTAL' | 'MONTH' | 'UNIT';
  key: string | null;
  lines: number;
  payees: number;
  items: number;
  royalties: string;
  syndicated: string;
  remuneration: string;
  adjustments: string;
  total: string;
}

/**
 * The royalties sheet of the report files (Nhuận bút, thù lao): per portal, and for a subtree in
 * total, what its statements paid in the period, by month and by the payee's unit (the same units
 * as the "items published" sheet; outside collaborators apart), split by kind of line. Only
 * statements approved by the owner count: a draft or a statement being checked can still change,
 * so it is named (month and state) but not added up.
 */
@Injectable()
export class RoyaltyReportSection implements OnModuleInit {
  constructor(
    private readonly registry: ReportSectionRegistry,
    private readonly db: DataSource,
  ) {}

  onModuleInit(): void {
    this.registry.register({ key: 'royalties', sheets: (r) => [this.sheet(r)] });
  }

  sheet({ portals, period, withTotal }: ReportSectionRequest): ReportSheet {
    const figures = (ids: string[], perPortal: boolean) => this.figures(ids, period, perPortal);
    const pending = (ids: string[]) => this.pending(ids, period);
    const who = (t: RoutedTenant | null): CellValue[] => (t ? [t.primaryHost, t.nameVi] : [TOTAL, null]);
    const rowsOf = (t: RoutedTenant | null, rows: FigureRow[], notCounted: string | null): CellValue[][] => {
      const total = rows.find((r) => r.dimension === 'TOTAL');
      const line = (
        dimension: string,
        value: string | null,
        r: FigureRow | undefined,
        note: string | null,
      ) => [
        ...who(t),
        dimension,
        value,
        r?.lines ?? 0,
        r?.payees ?? 0,
        r?.items ?? 0,
        Number(r?.royalties ?? 0),
        Number(r?.syndicated ?? 0),
        Number(r?.remuneration ?? 0),
        Number(r?.adjustments ?? 0),
        Number(r?.total ?? 0),
        note,
      ];
      // Named units first (Vietnamese order), then accounts in no unit, then outside collaborators.
      const rank = (key: string | null) => (key === '~outside' ? 2 : key === null ? 1 : 0);
      return [
        line(TOTAL, null, total, notCounted),
        ...rows
          .filter((r) => r.dimension === 'MONTH')
          .sort((a, b) => String(a.key).localeCompare(String(b.key)))
          .map((r) => line('Tháng / Month', r.key, r, null)),
        ...rows
          .filter((r) => r.dimension === 'UNIT')
          .sort((a, b) => rank(a.key) - rank(b.key) || String(a.key).localeCompare(String(b.key), 'vi'))
          .map((r) => line('Đơn vị / Unit', r.key === '~outside' ? OUTSIDE : (r.key ?? NO_UNIT), r, null)),
      ];
    };
    return {
      key: 'royalties',
      titleVi: 'Nhuận bút, thù lao',
      titleEn: 'Royalties and remuneration',
      legalBasis:
        'Nghị định 18/2014/NĐ-CP; 05/2024/QĐ-UBND Điều 23, Điều 29 khoản 2; bảng kê đã phê duyệt / approved statements',
      columns: [
        col('host', 'Cổng', 'Portal', 'text'),
        col('name', 'Tên cổng', 'Name', 'text'),
        col('dimension', 'Phân loại theo', 'By', 'text'),
        col('value', 'Giá trị', 'Value', 'text'),
        col('lines', 'Số dòng chi trả', 'Payment lines'),
        col('payees', 'Số người nhận', 'Recipients'),
        col('items', 'Số tin bài', 'Items'),
        col('royalties', 'Nhuận bút (đ)', 'Royalties (đ)'),
        col('syndicated', 'Nhuận bút tin chia sẻ (đ)', 'Syndicated copies (đ)'),
        col('remuneration', 'Thù lao (đ)', 'Remuneration (đ)'),
        col('adjustments', 'Điều chỉnh (đ)', 'Adjustments (đ)'),
        col('total', 'Tổng cộng (đ)', 'Total (đ)'),
        col(
          'notCounted',
          'Bảng kê chưa phê duyệt (không cộng)',
          'Statements not yet approved (not added)',
          'text',
        ),
      ],
      rows: async function* () {
        for (let i = 0; i < portals.length; i += BATCH) {
          const batch = portals.slice(i, i + BATCH);
          const ids = batch.map((t) => t.id);
          const [rows, open] = await Promise.all([figures(ids, true), pending(ids)]);
          for (const t of batch)
            yield* rowsOf(
              t,
              rows.filter((r) => r.portal === t.id),
              open.get(t.id) ?? null,
            );
        }
        if (withTotal) {
          const ids = portals.map((t) => t.id);
          yield* rowsOf(null, await figures(ids, false), null);
        }
      },
    };
  }

  private async figures(ids: string[], p: ReportPeriod, perPortal: boolean): Promise<FigureRow[]> {
    const sums = `count(*)::int AS lines,
        count(DISTINCT coalesce(account_id, collaborator_id))::int AS payees,
        count(DISTINCT item_id)::int AS items,
        coalesce(sum(amount) FILTER (WHERE kind = 'ROYALTY'), 0)::bigint AS royalties,
        coalesce(sum(amount) FILTER (WHERE kind = 'SYNDICATED'), 0)::bigint AS syndicated,
        coalesce(sum(amount) FILTER (WHERE kind = 'REMUNERATION'), 0)::bigint AS remuneration,
        coalesce(sum(amount) FILTER (WHERE kind IN ('ADJUSTMENT', 'CORRECTION')), 0)::bigint AS adjustments,
        coalesce(sum(amount), 0)::bigint AS total`;
    return this.db.query(
      `WITH lines AS (
         SELECT CASE WHEN $4 THEN s.tenant_id END AS portal, s.month, l.kind, l.amount, l.account_id,
                l.collaborator_id, l.item_id,
                CASE WHEN l.collaborator_id IS NOT NULL THEN '~outside' ELSE
                  (SELECT string_agg(qu.name, '; ' ORDER BY qu.name)
                     FROM question_unit_members m JOIN question_units qu ON qu.id = m.unit_id
                    WHERE m.account_id = l.account_id AND qu.tenant_id = l.tenant_id) END AS unit
           FROM royalty_statements s JOIN royalty_statement_lines l ON l.statement_id = s.id
          WHERE s.tenant_id = ANY($1::uuid[]) AND s.month >= $2 AND s.month <= $3
            AND s.state IN ('APPROVED', 'LOCKED'))
       SELECT portal, 'TOTAL' AS dimension, NULL AS key, ${sums} FROM lines GROUP BY portal
       UNION ALL SELECT portal, 'MONTH', month, ${sums} FROM lines GROUP BY portal, month
       UNION ALL SELECT portal, 'UNIT', unit, ${sums} FROM lines GROUP BY portal, unit`,
      [ids, p.from.slice(0, 7), p.to.slice(0, 7), perPortal],
    );
  }

  /** Statements of the period not yet approved, per portal: "2026-12 (đang lập / drafted)". */
  private async pending(ids: string[], p: ReportPeriod): Promise<Map<string, string>> {
    const rows: Array<{ tenant_id: string; month: string; state: string }> = await this.db.query(
      `SELECT tenant_id, month, state FROM royalty_statements
        WHERE tenant_id = ANY($1::uuid[]) AND month >= $2 AND month <= $3 AND state NOT IN ('APPROVED', 'LOCKED')
        ORDER BY tenant_id, month`,
      [ids, p.from.slice(0, 7), p.to.slice(0, 7)],
    );
    const out = new Map<string, string>();
    for (const r of rows) {
      const text = `${r.month} (${STATE_VI[r.state] ?? r.state})`;
      out.set(r.tenant_id, out.has(r.tenant_id) ? `${out.get(r.tenant_id)}, ${text}` : text);
    }
    return out;
  }
}
