/**
 * A report as a clerk opens it: one sheet per section, each with its title, the legal basis it
 * answers to, bilingual column headings and rows. Rows are an async iterable so that a report of
 * a whole province is written while it is read from the database, never held in memory at once.
 */
export type CellValue = string | number | Date | null;

export type ColumnType = 'text' | 'integer' | 'decimal' | 'percent' | 'date' | 'dateTime';

export interface ReportColumn {
  key: string;
  vi: string;
  en: string;
  type: ColumnType;
}

export interface ReportSheet {
  /** Stable key, also the sheet's short name in English (`published`, `timeliness`, ...). */
  key: string;
  /** Sheet title in Vietnamese (the workbook tab is cut to Excel's 31 characters). */
  titleVi: string;
  titleEn: string;
  /** The articles this section reports on, e.g. "Quyết định 05/2024/QĐ-UBND, Điều 24". */
  legalBasis: string;
  columns: ReportColumn[];
  /** One array per row, in the order of `columns`; percent cells are fractions (0.5 = 50 %). */
  rows: () => AsyncIterable<CellValue[]>;
}

export interface ReportHeader {
  /** The portal the report is about (the root for a subtree report). */
  portalName: string;
  portalHost: string;
  /** `PORTAL` (the portal alone), `SUBTREE` (it and every portal below) or `FEDERATION` (every tree). */
  scope: 'PORTAL' | 'SUBTREE' | 'FEDERATION';
  /** `2026-H1`, `2026-Q3`, `2026-05`, `2026` or `2026-01-01..2026-02-15`. */
  periodLabel: string;
  /** First and last day of the period, both included (YYYY-MM-DD, Vietnamese calendar days). */
  from: string;
  to: string;
  generatedAt: Date;
  /** The reporting duty the report answers, e.g. "Quyết định 05/2024/QĐ-UBND, Điều 24 và Điều 28". */
  legalBasis: string;
}
