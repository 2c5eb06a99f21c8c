import type { Stream } from 'node:stream';
import ExcelJS from 'exceljs';
import { CellValue, ColumnType, ReportColumn, ReportHeader, ReportSheet } from './report-sheet';

// Asia/Ho_Chi_Minh has been UTC+7 all year since 1975 (no daylight saving), so a fixed offset is
// exact and keeps the output independent of the server's TZ.
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

// Excel's limits: https://support.microsoft.com/office/excel-specifications-and-limits
const SHEET_NAME_MAX = 31;
const CELL_TEXT_MAX = 32_767;

// The header block: title, five lines, an empty row, then the column headings.
const HEADING_ROW = 8;

// How many rows are written between two yields to the event loop (see `writeSheet`).
const ROWS_PER_YIELD = 500;

const SCOPE_LABELS: Record<ReportHeader['scope'], string> = {
  PORTAL: 'Cổng này / This portal',
  SUBTREE: 'Cổng này và các cổng trực thuộc / This portal and every portal below it',
  FEDERATION: 'Toàn bộ các cổng / Every portal',
};

const NUMBER_FORMATS: Partial<Record<ColumnType, string>> = {
  decimal: '0.00',
  percent: '0.0%',
  date: 'dd/mm/yyyy',
  dateTime: 'dd/mm/yyyy hh:mm',
};

// Minimum column widths (in characters) so values fit without Excel showing "####".
const MIN_WIDTHS: Record<ColumnType, number> = {
  text: 30,
  integer: 10,
  decimal: 12,
  percent: 10,
  date: 12,
  dateTime: 17,
};
const MAX_WIDTH = 60;
// Column A also holds the header labels ("Căn cứ / Legal basis:").
const FIRST_COLUMN_MIN_WIDTH = 24;

/** The bilingual labels of the report header lines. */
export const REPORT_HEADER_LABELS = {
  portal: 'Cổng / Portal:',
  scope: 'Phạm vi / Scope:',
  period: 'Kỳ báo cáo / Period:',
  legalBasis: 'Căn cứ / Legal basis:',
  generated: 'Lập lúc / Generated:',
} as const;

/** One line of the report header: a bilingual label and its value. */
export interface ReportHeaderLine {
  label: string;
  value: string;
}

/**
 * A cell checked against its column's type, ready for a writer to render:
 * `day` is a Vietnamese calendar day (YYYY-MM-DD), `instant` a point in time.
 */
export type NormalisedCell =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'day'; day: string }
  | { kind: 'instant'; instant: Date };

/**
 * The header lines every export starts with (shared by the XLSX and CSV writers so both say the
 * same thing): portal, scope, period, legal basis and generation time. `sectionLegalBasis` is
 * appended to the report's legal basis after "; " when it adds something (the XLSX block repeats it
 * per sheet); a section citing only what the report already cites adds nothing.
 */
export function reportHeaderLines(header: ReportHeader, sectionLegalBasis?: string): ReportHeaderLine[] {
  const legalBasis =
    sectionLegalBasis && !coveredBy(sectionLegalBasis, header.legalBasis)
      ? `${header.legalBasis}; ${sectionLegalBasis}`
      : header.legalBasis;
  return [
    { label: REPORT_HEADER_LABELS.portal, value: `${header.portalName} (${header.portalHost})` },
    { label: REPORT_HEADER_LABELS.scope, value: SCOPE_LABELS[header.scope] },
    {
      label: REPORT_HEADER_LABELS.period,
      value: `${header.periodLabel} (${displayDay(header.from)} – ${displayDay(header.to)})`,
    },
    { label: REPORT_HEADER_LABELS.legalBasis, value: legalBasis },
    { label: REPORT_HEADER_LABELS.generated, value: displayDateTime(header.generatedAt) },
  ];
}

/** The parts of a legal basis ("Quyết định …, Điều 24 và Điều 28" → the decision, Điều 24, Điều 28). */
const basisParts = (basis: string) =>
  basis
    .split(/,|;|\s+và\s+/)
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean);

/** A section basis saying nothing the report's basis does not already say (it would repeat it). */
function coveredBy(section: string, report: string): boolean {
  const reportParts = new Set(basisParts(report));
  return basisParts(section).every((p) => reportParts.has(p));
}

/** A section's title as shown above its table: "titleVi / titleEn". */
export function sectionTitle(sheet: ReportSheet): string {
  return `${sheet.titleVi} / ${sheet.titleEn}`;
}

/** A column's heading as shown above its values: "vi / en". */
export function columnHeading(column: ReportColumn): string {
  return `${column.vi} / ${column.en}`;
}

/** The Vietnamese calendar day (YYYY-MM-DD) an instant falls on. */
export function vietnamDay(instant: Date): string {
  return vietnamWallClock(instant).toISOString().slice(0, 10);
}

/** The Vietnamese wall-clock time of an instant as "YYYY-MM-DD HH:MM". */
export function vietnamDateTime(instant: Date): string {
  const iso = vietnamWallClock(instant).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/**
 * Checks a row's cell against its column and normalises it:
 * - numbers may also come as numeric strings (node-postgres returns `bigint` and `numeric` so);
 * - a `date` is a 'YYYY-MM-DD' string or a Date, which stands for the Vietnamese day it falls on
 *   (so both UTC-midnight and Vietnam-midnight Dates give the intended day);
 * - a `dateTime` is a Date or an ISO 8601 string with an offset.
 * Throws on a value that does not fit: a report must not show a blank or a wrong figure silently.
 */
export function normaliseCell(
  sheet: ReportSheet,
  rowIndex: number,
  column: ReportColumn,
  value: CellValue,
): NormalisedCell {
  if (value === null || value === undefined) return { kind: 'empty' };
  const fail = (expected: string): never => {
    const shown = value instanceof Date ? value.toString() : JSON.stringify(value);
    throw new Error(
      `Report sheet "${sheet.key}", data row ${rowIndex + 1}, column "${column.key}": expected ${expected}, got ${shown}`,
    );
  };
  switch (column.type) {
    case 'text':
      if (typeof value === 'string') return { kind: 'text', text: value };
      if (typeof value === 'number') return { kind: 'text', text: String(value) };
      return isValidDate(value) ? { kind: 'text', text: value.toISOString() } : fail('text');
    case 'integer':
    case 'decimal':
    case 'percent': {
      const n = typeof value === 'string' && NUMERIC.test(value.trim()) ? Number(value) : value;
      return typeof n === 'number' && Number.isFinite(n)
        ? { kind: 'number', value: n }
        : fail('a finite number');
    }
    case 'date':
      if (typeof value === 'string')
        return DAY.test(value) && isRealDay(value) ? { kind: 'day', day: value } : fail('a YYYY-MM-DD day');
      return isValidDate(value) ? { kind: 'day', day: vietnamDay(value) } : fail('a date');
    case 'dateTime': {
      const instant = typeof value === 'string' && ZONED_ISO.test(value) ? new Date(value) : value;
      return isValidDate(instant)
        ? { kind: 'instant', instant }
        : fail('a Date or an ISO 8601 time with an offset');
    }
  }
}

/**
 * The worksheet names `writeXlsx` gives the sections, in order: each `titleVi` in NFC, with the
 * characters Excel forbids (`[]:*?/\`) replaced by spaces, cut to 31 characters at a word boundary, and made unique
 * (case-insensitively, as Excel compares them) with " (2)", " (3)", ... suffixes.
 */
export function excelSheetNames(sheets: ReportSheet[]): string[] {
  const taken = new Set<string>();
  return sheets.map((sheet, index) => {
    const base = cleanSheetName(sheet.titleVi) || cleanSheetName(sheet.key) || `Sheet ${index + 1}`;
    let name = cutName(base, SHEET_NAME_MAX);
    // "History" is reserved by Excel for its change-tracking sheet.
    for (let n = 2; taken.has(name.toLowerCase()) || name.toLowerCase() === 'history'; n++) {
      const suffix = ` (${n})`;
      name = cutName(base, SHEET_NAME_MAX - suffix.length) + suffix;
    }
    taken.add(name.toLowerCase());
    return name;
  });
}

/**
 * Writes the report as an XLSX workbook to `out`, one worksheet per section, with exceljs's
 * streaming writer: each row is committed (serialised and handed to the zip) as soon as it is
 * read and each sheet is committed before the next starts, so memory does not grow with the
 * report. Resolves once the workbook is committed and `out` has finished.
 *
 * Each sheet: row 1 the section title (bold); rows 2–6 the {@link reportHeaderLines} (label in
 * A, value in B, the legal basis line adding the section's own); row 7 empty; row 8 the column
 * headings (bold, frozen); data from row 9. Numbers are numbers (decimals shown '0.00',
 * percents as fractions shown '0.0%'), dates are real Excel dates ('dd/mm/yyyy',
 * 'dd/mm/yyyy hh:mm' in Vietnamese time), text is text, null an empty cell.
 *
 * On failure (a bad cell, a failing row source, an output error) the promise rejects and the
 * output is left incomplete and not ended; the caller should destroy it.
 *
 * @throws if `sheets` is empty: Excel refuses a workbook without a worksheet.
 */
export async function writeXlsx(
  header: ReportHeader,
  sheets: ReportSheet[],
  out: NodeJS.WritableStream,
): Promise<void> {
  if (sheets.length === 0) throw new Error('An XLSX report needs at least one sheet');
  const outputFailure = watchOutput(out);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out as NodeJS.WritableStream & Stream,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = header.portalName;
  workbook.created = header.generatedAt;
  workbook.modified = header.generatedAt;

  const names = excelSheetNames(sheets);
  try {
    for (const [index, sheet] of sheets.entries()) {
      await writeSheet(workbook, names[index], header, sheet, out, outputFailure);
    }
    await Promise.race([workbook.commit(), outputFailure.promise]);
  } finally {
    outputFailure.dispose();
  }
}

/**
 * Waits until `out` can take more data when it has asked for a pause, and fails when it errors or
 * closes early. Shared with the CSV writer.
 */
export async function drainIfNeeded(out: NodeJS.WritableStream, failure: OutputWatch): Promise<void> {
  failure.throwIfFailed();
  if ((out as { writableNeedDrain?: boolean }).writableNeedDrain === true) await waitForDrain(out, failure);
}

/** Waits for `out`'s next 'drain' (after `write` returned false). Shared with the CSV writer. */
export async function waitForDrain(out: NodeJS.WritableStream, failure: OutputWatch): Promise<void> {
  let onDrain: () => void = () => undefined;
  try {
    await Promise.race([
      new Promise<void>((resolve) => out.once('drain', (onDrain = resolve))),
      failure.promise,
    ]);
  } finally {
    out.removeListener('drain', onDrain);
  }
}

/** Tracks an output stream's 'error' and premature 'close' so long writes stop early. */
export interface OutputWatch {
  /** Rejects when the output fails; never resolves. */
  promise: Promise<never>;
  throwIfFailed(): void;
  dispose(): void;
}

/** Starts an {@link OutputWatch} on `out`. Shared with the CSV writer. */
export function watchOutput(out: NodeJS.WritableStream): OutputWatch {
  let failure: Error | undefined;
  let reject: (error: Error) => void = () => undefined;
  const promise = new Promise<never>((_resolve, rejectPromise) => (reject = rejectPromise));
  // Nobody may be racing against it when it fails; that must not be an unhandled rejection.
  promise.catch(() => undefined);
  const onError = (error: Error): void => {
    failure ??= error;
    reject(failure);
  };
  const onClose = (): void => {
    if ((out as { writableFinished?: boolean }).writableFinished === true) return;
    onError(new Error('The report output closed before the report was written'));
  };
  out.on('error', onError);
  out.on('close', onClose);
  return {
    promise,
    throwIfFailed: () => {
      if (failure) throw failure;
    },
    dispose: () => {
      out.removeListener('error', onError);
      out.removeListener('close', onClose);
    },
  };
}

async function writeSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  header: ReportHeader,
  sheet: ReportSheet,
  out: NodeJS.WritableStream,
  outputFailure: OutputWatch,
): Promise<void> {
  const worksheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADING_ROW, topLeftCell: `A${HEADING_ROW + 1}` }],
  });
  // The streaming writer emits column widths with the first row, so they are set up front from
  // the headings and types (the data is not known yet).
  const widths = sheet.columns.map((column, index) =>
    Math.min(
      MAX_WIDTH,
      Math.max(
        columnHeading(column).length + 2,
        MIN_WIDTHS[column.type],
        index === 0 ? FIRST_COLUMN_MIN_WIDTH : 0,
      ),
    ),
  );
  worksheet.columns =
    widths.length > 0 ? widths.map((width) => ({ width })) : [{ width: FIRST_COLUMN_MIN_WIDTH }];

  const title = worksheet.addRow([sectionTitle(sheet)]);
  title.getCell(1).font = { bold: true, size: 13 };
  title.commit();
  for (const line of reportHeaderLines(header, sheet.legalBasis)) {
    worksheet.addRow([line.label, line.value]).commit();
  }
  worksheet.addRow([]).commit();
  const headings = worksheet.addRow(sheet.columns.map(columnHeading));
  headings.eachCell((cell) => {
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: 'top' };
  });
  // Excel does not grow a row for wrapped text it did not lay out itself, so give long headings
  // the lines they need.
  const lines = Math.max(
    1,
    ...sheet.columns.map((column, i) => Math.ceil(columnHeading(column).length / widths[i])),
  );
  headings.height = 15 * lines;
  headings.commit();

  let rowIndex = 0;
  for await (const values of sheet.rows()) {
    if (values.length !== sheet.columns.length) {
      throw new Error(
        `Report sheet "${sheet.key}", data row ${rowIndex + 1}: ${values.length} cells for ${sheet.columns.length} columns`,
      );
    }
    const row = worksheet.addRow([]);
    sheet.columns.forEach((column, i) => {
      const normalised = normaliseCell(sheet, rowIndex, column, values[i]);
      if (normalised.kind === 'empty') return;
      const cell = row.getCell(i + 1);
      cell.value = excelValue(normalised);
      const numFmt = NUMBER_FORMATS[column.type];
      if (numFmt) cell.numFmt = numFmt;
    });
    row.commit();
    rowIndex++;
    // exceljs's internal buffers ignore back-pressure, and a row source that resolves at once
    // never lets the zip run; so yield now and then, and pause while `out` is full, to keep
    // memory flat and stop reading rows the client cannot take yet.
    if (rowIndex % ROWS_PER_YIELD === 0) {
      await new Promise((resolve) => setImmediate(resolve));
      await drainIfNeeded(out, outputFailure);
    }
  }
  outputFailure.throwIfFailed();
  worksheet.commit();
}

function excelValue(cell: Exclude<NormalisedCell, { kind: 'empty' }>): string | number | Date {
  switch (cell.kind) {
    // exceljs writes strings as inline strings, never as formulas, so the CSV writer's formula
    // guard is not needed here. Excel refuses cells longer than 32,767 characters.
    case 'text':
      return cell.text.length > CELL_TEXT_MAX ? cut(cell.text, CELL_TEXT_MAX - 1) + '…' : cell.text;
    case 'number':
      return cell.value;
    // exceljs turns a Date into an Excel serial from its UTC fields; UTC midnight of the day
    // makes Excel show that calendar day whatever the reader's time zone.
    case 'day':
      return new Date(`${cell.day}T00:00:00Z`);
    // Excel dates have no time zone: they are wall-clock readings. Shifting the instant by +7 h
    // makes the UTC fields exceljs reads equal Vietnamese local time, which is what a clerk
    // expects to see (2026-02-16T17:30Z shows as 17/02/2026 00:30).
    case 'instant':
      return vietnamWallClock(cell.instant);
  }
}

/**
 * A Date whose UTC fields read as the Vietnamese wall clock at `instant`, cut to the minute the
 * cell shows: a deadline at the day's last millisecond (23:59:59.999) would otherwise be shown
 * rounded up to the next day's 00:00.
 */
function vietnamWallClock(instant: Date): Date {
  const wall = instant.getTime() + VIETNAM_OFFSET_MS;
  return new Date(wall - (wall % 60_000));
}

/** 'YYYY-MM-DD' as 'dd/mm/yyyy' (left as is when not in that form). */
function displayDay(day: string): string {
  return DAY.test(day) ? `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}` : day;
}

/** An instant as 'dd/mm/yyyy HH:MM', Vietnamese time. */
function displayDateTime(instant: Date): string {
  const local = vietnamDateTime(instant);
  return `${displayDay(local.slice(0, 10))} ${local.slice(11)}`;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ZONED_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const NUMERIC = /^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function isRealDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day);
}

function isValidDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

function cleanSheetName(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[[\]:*?/\\\p{Cc}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^'+|'+$/g, '') // Excel forbids a leading or trailing apostrophe
    .trim();
}

/** A sheet name cut to `max`, without the trailing space or apostrophe the cut may leave. */
function cutName(name: string, max: number): string {
  let short = cut(name, max);
  // Never mid-word: back to the last space when the cut falls inside a word (a single word too long
  // for the limit is cut where it must be).
  if (short.length < name.length && !/\s/.test(name[short.length]) && !/\s$/.test(short)) {
    const space = short.lastIndexOf(' ');
    if (space > 0) short = short.slice(0, space);
  }
  return short
    .trimEnd()
    .replace(/[',]+$/, '')
    .trimEnd();
}

/** The longest prefix of `text` of at most `max` UTF-16 units that does not split a character. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let result = '';
  for (const char of text) {
    if (result.length + char.length > max) break;
    result += char;
  }
  return result;
}
