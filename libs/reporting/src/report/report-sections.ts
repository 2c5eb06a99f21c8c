import { Injectable } from '@nestjs/common';
import type { RoutedTenant } from '@portal/tenancy';
import type { ReportSheet } from '../export/report-sheet';
import type { ReportPeriod } from '../period/report-period';

/** What a section of another lib is asked for: the report's portals (already authorised) and period. */
export interface ReportSectionRequest {
  /** Root first, then breadth first; the reader holds `read Report` on every one. */
  portals: RoutedTenant[];
  period: ReportPeriod;
  /** A subtree or federation report: add a total row over every portal. */
  withTotal: boolean;
}

/** A lib downstream of reporting (royalties) that adds sheets to the report files. */
export interface ReportSectionProvider {
  key: string;
  sheets(request: ReportSectionRequest): ReportSheet[];
}

/**
 * Sheets other libs add to the report files. Reporting cannot depend on the libs built on it, so
 * they register here when their module starts (the api, the worker that writes queued exports,
 * and the `portal report` command all load them).
 */
@Injectable()
export class ReportSectionRegistry {
  private readonly providers: ReportSectionProvider[] = [];

  register(provider: ReportSectionProvider): void {
    if (!this.providers.some((p) => p.key === provider.key)) this.providers.push(provider);
  }

  sheets(request: ReportSectionRequest): ReportSheet[] {
    return this.providers.flatMap((p) => p.sheets(request));
  }
}
