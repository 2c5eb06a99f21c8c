import type { RequestContext } from '@portal/platform';
import type { CalendarService } from '@portal/calendar';
import type { RoutedTenant } from '@portal/tenancy';
import type { CellValue, ReportColumn, ReportSheet } from '../../export/report-sheet';
import type { ReportFiguresService } from '../../figures/report-figures.service';
import type { ReportPeriod } from '../../period/report-period';
import type { ReportRulesService } from '../../rules/report-rules.service';
import type { ReportFigures, ReportService } from '../report.service';

/** Portals per database round trip: small enough to keep memory flat, large enough to be quick. */
export const BATCH = 500;

export const col = (
  key: string,
  vi: string,
  en: string,
  type: ReportColumn['type'] = 'integer',
): ReportColumn => ({
  key,
  vi,
  en,
  type,
});

export const PORTAL_COLUMNS = [
  col('host', 'Cổng', 'Portal', 'text'),
  col('name', 'Tên cổng', 'Name', 'text'),
];

const TOTAL_HOST = 'Tổng / Total';

export const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** Rows of one portal (or, with `null`, of the total) from its figures. */
export type PortalRows = (portal: RoutedTenant | null, figures: ReportFigures) => CellValue[][];

/** What every sheet builder is given: the report's portals and period, and the figures read once. */
export interface SheetContext {
  /** The request's context: every figure is read in it. */
  ctx: RequestContext;
  portals: RoutedTenant[];
  period: ReportPeriod;
  now: Date;
  figures: ReportFiguresService;
  rules: ReportRulesService;
  calendars: CalendarService;
  /** The rows generator of a sheet whose rows come from each portal's figures (and the total's). */
  perPortal(rows: PortalRows): ReportSheet['rows'];
  /** The first two cells of a row: the portal's host and name, or the total. */
  who(portal: RoutedTenant | null): CellValue[];
}

/** A sheet of the report file, built from the context. */
export type SheetBuilder = (context: SheetContext) => ReportSheet;

/**
 * The context of one report file. Every figure of a batch of portals is read once (by the first
 * sheet) and kept for the other sheets: a few kilobytes per portal, while the rows behind them stay
 * in the database. The total is added up from them (see ReportService.total).
 */
export function sheetContext(
  ctx: RequestContext,
  services: Pick<SheetContext, 'figures' | 'rules' | 'calendars'> & { reports: ReportService },
  portals: RoutedTenant[],
  period: ReportPeriod,
  withTotal: boolean,
  now: Date,
): SheetContext {
  const { reports } = services;
  const ids = portals.map((t) => t.id);
  const computed = new Map<string, ReportFigures>();
  let total: ReportFigures | null = null;
  const figuresOf = async (batch: RoutedTenant[]) => {
    if (!computed.has(batch[0].id)) {
      const values = await reports.collect(
        ctx,
        batch.map((t) => t.id),
        period,
        true,
      );
      for (const [id, v] of values) computed.set(id, v);
    }
  };
  // Each sheet walks the portals batch by batch, then (for a subtree) adds the total row.
  const perPortal = (rows: PortalRows) =>
    async function* () {
      for (let i = 0; i < portals.length; i += BATCH) {
        const batch = portals.slice(i, i + BATCH);
        await figuresOf(batch);
        for (const t of batch) yield* rows(t, computed.get(t.id)!);
      }
      if (withTotal) {
        total ??= await reports.total(
          ctx,
          ids,
          period,
          ids.map((id) => computed.get(id)!),
        );
        yield* rows(null, total);
      }
    };
  const who = (t: RoutedTenant | null): CellValue[] => (t ? [t.primaryHost, t.nameVi] : [TOTAL_HOST, null]);
  return {
    ctx,
    portals,
    period,
    now,
    figures: services.figures,
    rules: services.rules,
    calendars: services.calendars,
    perPortal,
    who,
  };
}
