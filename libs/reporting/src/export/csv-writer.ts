import { stringify } from 'csv-stringify/sync';
import { ReportColumn, ReportHeader, ReportSheet } from './report-sheet';
import {
  columnHeading,
  NormalisedCell,
  normaliseCell,
  OutputWatch,
  REPORT_HEADER_LABELS,
  reportHeaderLines,
  sectionTitle,
  vietnamDateTime,
  waitForDrain,
  watchOutput,
} from './xlsx-writer';

// Excel on Windows reads a CSV file without a BOM in the ANSI code page (Windows-1258 in
// Vietnam) and garbles the diacritics; the UTF-8 BOM makes it read UTF-8.
const BOM = '\uFEFF';
const RECORD_DELIMITER = '\r\n';

// Formatting numbers through Intl rounds the shortest decimal form of the number, as Excel
// shows it (12.35 → "12.4", where toFixed gives "12.3"), with '.' as the decimal point, no
// grouping and no "-0.0".
const FIXED = [0, 1, 2].map(
  (digits) =>
    new Intl.NumberFormat('en-US', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      useGrouping: false,
      signDisplay: 'negative',
    }),
);

// Spreadsheet programs run a cell starting with one of these as a formula (tab and CR too, as
// some drop leading whitespace first; the full-width forms as some normalise them). A citizen's
// feedback or an article title could then run `=HYPERLINK(...)` or worse when the clerk opens
// the file, so such text gets a leading apostrophe and stays inert text (OWASP "CSV
// Injection"). csv-stringify's own `escape_formulas` is not used: numbers reach it already
// formatted as strings, so it would also mark "-3".
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * Writes the report as CSV to `out`: UTF-8 with a BOM, CRLF line endings, comma separator and
 * RFC 4180 quoting, so Excel on Windows opens it with the Vietnamese intact.
 *
 * Layout: the {@link reportHeaderLines} once at the top (label, value), then per section an
 * empty line, the section title, its legal basis, the column headings ("vi / en", percent
 * headings with " (%)") and the rows. Values: integers as plain numbers, decimals with two
 * places, percents as percentages with one place and no sign (0.5 → 50.0), dates as
 * YYYY-MM-DD, date-times as "YYYY-MM-DD HH:MM" in Vietnamese time, null as an empty field.
 * Text that a spreadsheet would run as a formula gets a leading apostrophe.
 *
 * Rows are read one at a time and written as `out` takes them (it waits for 'drain').
 * On failure the promise rejects and `out` is left incomplete and not ended; the caller should
 * destroy it. Resolves once `out` has finished.
 */
export async function writeCsv(
  header: ReportHeader,
  sheets: ReportSheet[],
  out: NodeJS.WritableStream,
): Promise<void> {
  const watch = watchOutput(out);
  try {
    const headerRecords = reportHeaderLines(header).map((line) => [line.label, guardFormula(line.value)]);
    await writeRecords(out, watch, headerRecords, BOM);
    for (const sheet of sheets) {
      await writeRecords(out, watch, [
        [],
        [guardFormula(sectionTitle(sheet))],
        [REPORT_HEADER_LABELS.legalBasis, guardFormula(sheet.legalBasis)],
        sheet.columns.map(csvHeading),
      ]);
      let rowIndex = 0;
      for await (const values of sheet.rows()) {
        if (values.length !== sheet.columns.length) {
          throw new Error(
            `Report sheet "${sheet.key}", data row ${rowIndex + 1}: ${values.length} cells for ${sheet.columns.length} columns`,
          );
        }
        const record = sheet.columns.map((column, i) =>
          csvValue(column, normaliseCell(sheet, rowIndex, column, values[i])),
        );
        await writeRecords(out, watch, [record]);
        rowIndex++;
      }
    }
    const ended = new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    await Promise.race([ended, watch.promise]);
  } finally {
    watch.dispose();
  }
}

async function writeRecords(
  out: NodeJS.WritableStream,
  watch: OutputWatch,
  records: string[][],
  prefix = '',
): Promise<void> {
  watch.throwIfFailed();
  // csv-stringify quotes fields holding a comma, a quote, CR or LF and doubles inner quotes.
  const text = prefix + stringify(records, { record_delimiter: RECORD_DELIMITER });
  if (!out.write(text)) await waitForDrain(out, watch);
}

function csvHeading(column: ReportColumn): string {
  return column.type === 'percent' ? `${columnHeading(column)} (%)` : columnHeading(column);
}

function csvValue(column: ReportColumn, cell: NormalisedCell): string {
  switch (cell.kind) {
    case 'empty':
      return '';
    case 'text':
      return guardFormula(cell.text);
    case 'number':
      if (column.type === 'percent') return FIXED[1].format(cell.value * 100);
      if (column.type === 'decimal') return FIXED[2].format(cell.value);
      return Number.isInteger(cell.value) ? String(cell.value) : FIXED[0].format(cell.value);
    case 'day':
      return cell.day;
    case 'instant':
      return vietnamDateTime(cell.instant);
  }
}

function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
