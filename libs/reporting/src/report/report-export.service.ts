import { Injectable } from '@nestjs/common';
import { CalendarService } from '@portal/calendar';
import { RequestContext } from '@portal/platform';
import type { RoutedTenant } from '@portal/tenancy';
import { writeCsv } from '../export/csv-writer';
import { ReportFormat } from '../export/report-export.types';
import type { ReportHeader, ReportSheet } from '../export/report-sheet';
import { writeXlsx } from '../export/xlsx-writer';
import { ReportFiguresService } from '../figures/report-figures.service';
import { parseReportPeriod, type ReportPeriod } from '../period/report-period';
import { ReportRulesService } from '../rules/report-rules.service';
import { ReportScope, ReportScopeResolver } from './report-scope';
import { ReportSectionRegistry } from './report-sections';
import { ReportService } from './report.service';
import { sheetContext } from './sheets/report-sheet-context';
import { REPORT_SHEETS } from './sheets/report-sheets';

export interface ReportRequest {
  tenantId?: string | null;
  scope: ReportScope;
  /** `2026-H1`, `2026-Q3`, `2026-05`, `2026` or `2026-01-01..2026-02-15`. */
  period: string;
  format: ReportFormat;
}

/** The statutory reporting duty every report answers (the city's regulation). */
const DUTY = 'Quyết định 05/2024/QĐ-UBND TP. Hồ Chí Minh, Điều 24 và Điều 28';

/**
 * Writes a report as the file a clerk opens: XLSX with one sheet per section, or CSV with the
 * sections one after another. Sheets are written one at a time and each reads its portals in
 * batches, so a report of the whole federation streams with flat memory.
 */
@Injectable()
export class ReportExportService {
  constructor(
    private readonly scopes: ReportScopeResolver,
    private readonly reports: ReportService,
    private readonly figures: ReportFiguresService,
    private readonly rules: ReportRulesService,
    private readonly calendars: CalendarService,
    private readonly sections: ReportSectionRegistry,
  ) {}

  /** Checks the request (period, scope, permission) before anything is written. */
  prepare(
    ctx: RequestContext,
    request: ReportRequest,
  ): { period: ReportPeriod; root: RoutedTenant | null; portals: RoutedTenant[] } {
    const period = parseReportPeriod(request.period);
    const { root, portals } = this.scopes.resolve(ctx, request.tenantId, request.scope);
    return { period, root, portals };
  }

  async write(
    ctx: RequestContext,
    request: ReportRequest,
    out: NodeJS.WritableStream,
    now = new Date(),
  ): Promise<void> {
    const { period, root, portals } = this.prepare(ctx, request);
    const header: ReportHeader = {
      portalName: root?.nameVi ?? 'Toàn bộ các cổng thông tin điện tử',
      portalHost: root?.primaryHost ?? '*',
      scope: request.scope,
      periodLabel: period.label,
      from: period.from,
      to: period.to,
      generatedAt: now,
      legalBasis: DUTY,
    };
    const sheets = this.sheets(ctx, portals, period, request.scope !== ReportScope.PORTAL, now);
    if (request.format === ReportFormat.CSV) await writeCsv(header, sheets, out);
    else await writeXlsx(header, sheets, out);
  }

  /** The file name a download proposes, e.g. `bao-cao-saigon-hochiminhcity-gov-vn-2026-H1.xlsx`. */
  fileName(root: RoutedTenant | null, period: ReportPeriod, format: ReportFormat): string {
    const who = (root?.primaryHost ?? 'toan-bo').replace(/[^a-z0-9]+/gi, '-');
    return `bao-cao-${who}-${period.label.replace(/\.\./, '_')}.${format === ReportFormat.CSV ? 'csv' : 'xlsx'}`;
  }

  private sheets(
    ctx: RequestContext,
    portals: RoutedTenant[],
    p: ReportPeriod,
    withTotal: boolean,
    now: Date,
  ): ReportSheet[] {
    const context = sheetContext(
      ctx,
      { reports: this.reports, figures: this.figures, rules: this.rules, calendars: this.calendars },
      portals,
      p,
      withTotal,
      now,
    );
    const sheets = REPORT_SHEETS.map((build) => build(context));
    // Sections of the libs built on reporting (royalties) go before the rule checks.
    sheets.splice(-1, 0, ...this.sections.sheets({ portals, period: p, withTotal }));
    return sheets;
  }
}
