import { once } from 'node:events';
import { PassThrough, Writable } from 'node:stream';
import * as XLSX from '@e965/xlsx';
import { parse } from 'csv-parse/sync';
import { writeCsv } from './csv-writer';
import { CellValue, ReportHeader, ReportSheet } from './report-sheet';
import { excelSheetNames, writeXlsx } from './xlsx-writer';

// The writers are checked by reading their output back with independent readers: SheetJS for
// XLSX and csv-parse for CSV.

const header: ReportHeader = {
  portalName: 'Ủy ban nhân dân Phường Bến Nghé',
  portalHost: 'bennghe.hochiminhcity.gov.vn',
  scope: 'SUBTREE',
  periodLabel: '2026-H1',
  from: '2026-01-01',
  to: '2026-06-30',
  // 00:30 on 17 February in Vietnam.
  generatedAt: new Date('2026-02-16T17:30:00Z'),
  legalBasis: 'Quyết định 05/2024/QĐ-UBND, Điều 24 và Điều 28',
};

const VISIT_ROWS = 20_000;
const DAY_MS = 86_400_000;

interface Progress {
  produced: number;
  onRow?: (produced: number) => void;
}

function asyncRows(rows: CellValue[][]): () => AsyncIterable<CellValue[]> {
  return async function* () {
    yield* rows;
  };
}

function visitRow(i: number): CellValue[] {
  return [
    `Phường ${i + 1}`,
    i,
    i / 8,
    (i % 1000) / 1000,
    new Date(Date.UTC(2026, 0, 1) + (i % 181) * DAY_MS).toISOString().slice(0, 10),
    new Date(Date.UTC(2026, 0, 1) + i * 60_000),
  ];
}

function makeSheets(progress: Progress = { produced: 0 }): ReportSheet[] {
  return [
    {
      key: 'published',
      titleVi: 'Tin tức, sự kiện đã đăng trên cổng theo chuyên mục',
      titleEn: 'Published news and events by category',
      legalBasis: 'Quyết định 05/2024/QĐ-UBND, Điều 24',
      columns: [
        { key: 'unit', vi: 'Đơn vị', en: 'Unit', type: 'text' },
        { key: 'category', vi: 'Chuyên mục', en: 'Category', type: 'text' },
        { key: 'published', vi: 'Số bài đã đăng', en: 'Articles published', type: 'integer' },
        { key: 'words', vi: 'Số chữ trung bình', en: 'Average words', type: 'decimal' },
        { key: 'onTime', vi: 'Tỷ lệ đúng hạn', en: 'On-time rate', type: 'percent' },
        { key: 'firstDay', vi: 'Ngày đăng đầu tiên', en: 'First published on', type: 'date' },
        { key: 'lastAt', vi: 'Cập nhật lần cuối', en: 'Last updated at', type: 'dateTime' },
      ],
      rows: asyncRows([
        [
          'Phường Bến Nghé',
          'Tin tức, sự kiện',
          42,
          512.345,
          0.5,
          '2026-01-05',
          new Date('2026-02-16T17:30:00Z'),
        ],
        // A Date in a `date` column stands for the Vietnamese day it falls on.
        [
          'Ủy ban nhân dân',
          '=HYPERLINK("x")',
          -3,
          0,
          1,
          new Date('2026-03-01T00:00:00+07:00'),
          '2026-06-30T23:59:00+07:00',
        ],
        ['Góp ý "khẩn", cần xử lý\nngay', '+84 28 3829 1234', null, null, null, null, null],
        // node-postgres returns numeric columns as strings.
        ['@admin', '-giảm', '7', '12.5', 0.1235, null, null],
      ]),
    },
    {
      key: 'byUnit',
      titleVi: 'Tin tức, sự kiện đã đăng trên cổng theo đơn vị',
      titleEn: 'Published news and events by unit',
      legalBasis: 'Quyết định 05/2024/QĐ-UBND, Điều 28',
      columns: [
        { key: 'unit', vi: 'Đơn vị', en: 'Unit', type: 'text' },
        { key: 'total', vi: 'Tổng số', en: 'Total', type: 'integer' },
        { key: 'share', vi: 'Tỷ trọng', en: 'Share', type: 'percent' },
      ],
      rows: asyncRows([
        ['Phường Đa Kao', 1234567, 0.25],
        ['Phường Cầu Ông Lãnh', 0, null],
      ]),
    },
    {
      key: 'visits',
      titleVi: 'Lượt truy cập: theo [phường/xã]',
      titleEn: 'Visits by ward',
      legalBasis: 'Nghị định 42/2022/NĐ-CP, Điều 9',
      columns: [
        { key: 'ward', vi: 'Phường, xã', en: 'Ward', type: 'text' },
        { key: 'visits', vi: 'Lượt truy cập', en: 'Visits', type: 'integer' },
        { key: 'minutes', vi: 'Số phút trung bình', en: 'Average minutes', type: 'decimal' },
        { key: 'bounce', vi: 'Tỷ lệ thoát', en: 'Bounce rate', type: 'percent' },
        { key: 'day', vi: 'Ngày', en: 'Day', type: 'date' },
        { key: 'lastAt', vi: 'Lần cuối', en: 'Last visit', type: 'dateTime' },
      ],
      rows: async function* () {
        for (let i = 0; i < VISIT_ROWS; i++) {
          progress.produced++;
          progress.onRow?.(progress.produced);
          yield visitRow(i);
        }
      },
    },
  ];
}

const EXPECTED_NAMES = [
  'Tin tức, sự kiện đã đăng trên',
  'Tin tức, sự kiện đã đăng (2)',
  'Lượt truy cập theo phường xã',
];

// Vietnamese local time computed through the time-zone database, independently of the writers.
const vietnamFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
function vietnamParts(instant: Date): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  const parts = Object.fromEntries(vietnamFormat.formatToParts(instant).map((p) => [p.type, p.value]));
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute };
}
function vietnamIso(instant: Date): string {
  const p = vietnamParts(instant);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
function vietnamShown(instant: Date): string {
  const p = vietnamParts(instant);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** A PassThrough collecting what is written, with the byte count so far. */
function sink(): { out: PassThrough; bytes: () => number; buffer: () => Promise<Buffer> } {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  let bytes = 0;
  out.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    bytes += chunk.length;
  });
  const ended = once(out, 'end');
  return {
    out,
    bytes: () => bytes,
    buffer: async () => {
      await ended;
      return Buffer.concat(chunks);
    },
  };
}

function cellAt(ws: XLSX.WorkSheet, address: string): XLSX.CellObject | undefined {
  return ws[address] as XLSX.CellObject | undefined;
}

describe('excelSheetNames', () => {
  const named = (...titles: string[]): ReportSheet[] =>
    titles.map((titleVi, i) => ({
      key: `s${i}`,
      titleVi,
      titleEn: '',
      legalBasis: '',
      columns: [],
      rows: asyncRows([]),
    }));

  it('cuts to 31 characters at a word boundary, removes forbidden characters and makes names unique', () => {
    expect(excelSheetNames(makeSheets())).toEqual(EXPECTED_NAMES);
    for (const name of EXPECTED_NAMES) expect(name.length).toBeLessThanOrEqual(31);
  });

  it('compares case-insensitively, counts suffixes up and avoids the reserved "History"', () => {
    expect(
      excelSheetNames(named('Tin tức', 'TIN TỨC', 'tin tức', 'History', "'Báo cáo'", '', ' / ')),
    ).toEqual(['Tin tức', 'TIN TỨC (2)', 'tin tức (3)', 'History (2)', 'Báo cáo', 's5', 's6']);
  });

  it('never cuts mid-word, never leaves a space or apostrophe at a cut, and keeps names NFC', () => {
    const decomposed = 'Số liệu theo đơn vị hành chính cấp xã'.normalize('NFD');
    const names = excelSheetNames(named(decomposed, decomposed, "Báo cáo tổng hợp của UBND tỉnh' x"));
    expect(names).toEqual([
      'Số liệu theo đơn vị hành chính',
      'Số liệu theo đơn vị hành (2)',
      'Báo cáo tổng hợp của UBND tỉnh',
    ]);
    for (const name of names) expect(name).toBe(name.normalize('NFC'));
    // The report's own long section title, and one word longer than the limit.
    expect(excelSheetNames(named('Thời gian xử lý của Ban biên tập', 'x'.repeat(40)))).toEqual([
      'Thời gian xử lý của Ban biên',
      'x'.repeat(31),
    ]);
  });
});

describe('writeXlsx', () => {
  const progress: Progress = { produced: 0 };
  const bytesWhileReading: number[] = [];
  let workbook: XLSX.WorkBook;
  let rawWorkbook: XLSX.WorkBook;

  beforeAll(async () => {
    const { out, bytes, buffer } = sink();
    progress.onRow = (produced) => {
      if (produced === 1 || produced === VISIT_ROWS) bytesWhileReading.push(bytes());
    };
    await writeXlsx(header, makeSheets(progress), out);
    const data = await buffer();
    workbook = XLSX.read(data, { cellDates: true, cellNF: true, cellStyles: true, bookFiles: true });
    rawWorkbook = XLSX.read(data);
  });

  it('names one worksheet per section', () => {
    expect(workbook.SheetNames).toEqual(EXPECTED_NAMES);
  });

  it('starts every sheet with the header block and the column headings', () => {
    const sheets = makeSheets();
    sheets.forEach((sheet, i) => {
      const ws = workbook.Sheets[EXPECTED_NAMES[i]];
      const text = (address: string): unknown => cellAt(ws, address)?.v;
      expect(text('A1')).toBe(`${sheet.titleVi} / ${sheet.titleEn}`);
      expect(cellAt(ws, 'B1')).toBeUndefined();
      expect([text('A2'), text('B2')]).toEqual([
        'Cổng / Portal:',
        'Ủy ban nhân dân Phường Bến Nghé (bennghe.hochiminhcity.gov.vn)',
      ]);
      expect([text('A3'), text('B3')]).toEqual([
        'Phạm vi / Scope:',
        'Cổng này và các cổng trực thuộc / This portal and every portal below it',
      ]);
      expect([text('A4'), text('B4')]).toEqual(['Kỳ báo cáo / Period:', '2026-H1 (01/01/2026 – 30/06/2026)']);
      expect([text('A5'), text('B5')]).toEqual([
        'Căn cứ / Legal basis:',
        // A section citing only what the report cites does not repeat it.
        [
          'Quyết định 05/2024/QĐ-UBND, Điều 24 và Điều 28',
          'Quyết định 05/2024/QĐ-UBND, Điều 24 và Điều 28',
          'Quyết định 05/2024/QĐ-UBND, Điều 24 và Điều 28; Nghị định 42/2022/NĐ-CP, Điều 9',
        ][i],
      ]);
      expect([text('A6'), text('B6')]).toEqual(['Lập lúc / Generated:', '17/02/2026 00:30']);
      expect(cellAt(ws, 'A7')).toBeUndefined();
      const headings = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, range: 'A8:Z8' })[0];
      expect(headings).toEqual(sheet.columns.map((c) => `${c.vi} / ${c.en}`));
      // Strings come back exactly as given, NFC.
      expect(text('B2')).toBe(String(text('B2')).normalize('NFC'));
    });
  });

  it('freezes the rows above the data and sets column widths', () => {
    const files = (workbook as unknown as { files: Record<string, { content: Uint8Array }> }).files;
    const xml = Buffer.from(files['xl/worksheets/sheet1.xml'].content).toString('utf8');
    expect(xml).toMatch(/<pane [^>]*ySplit="8"[^>]*state="frozen"/);
    const widths = (workbook.Sheets[EXPECTED_NAMES[0]]['!cols'] ?? []).map((c) => c.wch ?? c.width);
    expect(widths).toHaveLength(7);
    expect(widths[0]).toBeGreaterThanOrEqual(24);
    for (const width of widths) expect(width).toBeGreaterThanOrEqual(10);
  });

  it('writes the small sheets cell by cell with the right types and formats', () => {
    const ws = workbook.Sheets[EXPECTED_NAMES[0]];
    const expectCell = (address: string, t: string, v: unknown, w?: string, z?: string): void => {
      const cell = cellAt(ws, address);
      expect({ address, t: cell?.t, v: cell?.v }).toEqual({ address, t, v });
      if (w !== undefined) expect({ address, w: cell?.w }).toEqual({ address, w });
      if (z !== undefined) expect({ address, z: cell?.z }).toEqual({ address, z });
    };
    // SheetJS reads dates as Dates whose UTC fields are the cell's wall-clock value.
    expectCell('A9', 's', 'Phường Bến Nghé');
    expectCell('B9', 's', 'Tin tức, sự kiện');
    expectCell('C9', 'n', 42);
    expectCell('D9', 'n', 512.345, '512.35', '0.00');
    expectCell('E9', 'n', 0.5, '50.0%', '0.0%');
    expectCell('F9', 'd', new Date('2026-01-05T00:00:00Z'), '05/01/2026', 'dd/mm/yyyy');
    expectCell('G9', 'd', new Date('2026-02-17T00:30:00Z'), '17/02/2026 00:30', 'dd/mm/yyyy hh:mm');

    expectCell('A10', 's', 'Ủy ban nhân dân');
    // A string, not a formula: exceljs never writes strings as formulas.
    expectCell('B10', 's', '=HYPERLINK("x")');
    expect(cellAt(ws, 'B10')?.f).toBeUndefined();
    expectCell('C10', 'n', -3);
    expectCell('D10', 'n', 0, '0.00');
    expectCell('E10', 'n', 1, '100.0%');
    expectCell('F10', 'd', new Date('2026-03-01T00:00:00Z'), '01/03/2026');
    expectCell('G10', 'd', new Date('2026-06-30T23:59:00Z'), '30/06/2026 23:59');

    expectCell('A11', 's', 'Góp ý "khẩn", cần xử lý\nngay');
    expectCell('B11', 's', '+84 28 3829 1234');
    for (const column of 'CDEFG') expect(cellAt(ws, `${column}11`)).toBeUndefined();

    expectCell('A12', 's', '@admin');
    expectCell('B12', 's', '-giảm');
    expectCell('C12', 'n', 7);
    expectCell('D12', 'n', 12.5, '12.50');
    expectCell('E12', 'n', 0.1235, '12.4%');
    expect(cellAt(ws, 'A13')).toBeUndefined();

    const units = workbook.Sheets[EXPECTED_NAMES[1]];
    expect(XLSX.utils.sheet_to_json(units, { header: 1, raw: true, range: 8 })).toEqual([
      ['Phường Đa Kao', 1234567, 0.25],
      ['Phường Cầu Ông Lãnh', 0],
    ]);
    expect(cellAt(units, 'C9')?.z).toBe('0.0%');
  });

  it('stores dates as Excel serial numbers of the Vietnamese wall clock', () => {
    const ws = rawWorkbook.Sheets[EXPECTED_NAMES[0]];
    const serial = (utcWallClock: number): number => utcWallClock / DAY_MS + 25569;
    expect(cellAt(ws, 'F9')).toMatchObject({ t: 'n', v: serial(Date.UTC(2026, 0, 5)) });
    expect(cellAt(ws, 'G9')?.t).toBe('n');
    expect(cellAt(ws, 'G9')?.v as number).toBeCloseTo(serial(Date.UTC(2026, 1, 17, 0, 30)), 8);
  });

  it('writes all 20,000 rows of the large sheet, every cell checked', () => {
    const ws = workbook.Sheets[EXPECTED_NAMES[2]];
    expect(ws['!ref']).toBe(`A1:F${8 + VISIT_ROWS}`);
    // `UTC: true`, else sheet_to_json hands back dates in the test machine's local time (unlike
    // the cell objects, whose Dates carry the wall clock in their UTC fields).
    const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, range: 8, UTC: true });
    expect(rows).toHaveLength(VISIT_ROWS);
    const mismatches: string[] = [];
    // SheetJS turns the serial back into a Date without rounding (07:02 comes back as
    // 07:01:59.999), so compare to the second; the shown text must be exact.
    const toSecond = (date: Date): string => new Date(Math.round(date.getTime() / 1000) * 1000).toISOString();
    rows.forEach((row, i) => {
      const [ward, visits, minutes, bounce, day, lastAt] = visitRow(i) as [
        string,
        number,
        number,
        number,
        string,
        Date,
      ];
      const got = row as [string, number, number, number, Date, Date];
      const p = vietnamParts(lastAt);
      const ok =
        got.length === 6 &&
        got[0] === ward &&
        got[1] === visits &&
        got[2] === minutes &&
        got[3] === bounce &&
        got[4] instanceof Date &&
        got[4].toISOString() === `${day}T00:00:00.000Z` &&
        got[5] instanceof Date &&
        toSecond(got[5]) === `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:00.000Z` &&
        cellAt(ws, `E${9 + i}`)?.w === `${day.slice(8)}/${day.slice(5, 7)}/${day.slice(0, 4)}` &&
        cellAt(ws, `F${9 + i}`)?.w === vietnamShown(lastAt);
      if (!ok && mismatches.length < 5) mismatches.push(`row ${i}: ${JSON.stringify(got)}`);
    });
    expect(mismatches).toEqual([]);
  });

  it('streams: the rows are read while the file is written, and all of them', () => {
    expect(progress.produced).toBe(VISIT_ROWS);
    const [atFirstRow, atLastRow] = bytesWhileReading;
    // A writer holding the sheet in memory would not have emitted any of it yet.
    expect(atLastRow - atFirstRow).toBeGreaterThan(50_000);
  });

  it('stops reading rows while the output is full, and resumes when it drains', async () => {
    const progress: Progress = { produced: 0 };
    let stalled = true;
    const pending: Array<() => void> = [];
    const chunks: Buffer[] = [];
    const out = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        if (stalled) pending.push(callback);
        else callback();
      },
    });
    const done = writeXlsx(header, makeSheets(progress).slice(2), out);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const producedWhileStalled = progress.produced;
    expect(producedWhileStalled).toBeGreaterThan(0);
    expect(producedWhileStalled).toBeLessThan(VISIT_ROWS);
    stalled = false;
    pending.splice(0).forEach((callback) => callback());
    await done;
    expect(progress.produced).toBe(VISIT_ROWS);
    const ws = XLSX.read(Buffer.concat(chunks)).Sheets[EXPECTED_NAMES[2]];
    expect(ws['!ref']).toBe(`A1:F${8 + VISIT_ROWS}`);
  });

  it('rejects a cell that does not fit its column, naming where', async () => {
    const [sheet] = makeSheets();
    const bad: ReportSheet = {
      ...sheet,
      rows: asyncRows([['Phường Bến Nghé', 'x', 'mười', 0, 0, null, null]]),
    };
    await expect(writeXlsx(header, [bad], new PassThrough())).rejects.toThrow(
      'Report sheet "published", data row 1, column "published": expected a finite number, got "mười"',
    );
    const short: ReportSheet = { ...sheet, rows: asyncRows([['Phường Bến Nghé']]) };
    await expect(writeXlsx(header, [short], new PassThrough())).rejects.toThrow('1 cells for 7 columns');
    const badDay: ReportSheet = { ...sheet, rows: asyncRows([['a', 'b', 1, 1, 1, '2026-02-30', null]]) };
    await expect(writeXlsx(header, [badDay], new PassThrough())).rejects.toThrow('expected a YYYY-MM-DD day');
  });

  it('stops reading rows when the output fails', async () => {
    const progress: Progress = { produced: 0 };
    const out = new PassThrough();
    out.resume();
    progress.onRow = (produced) => {
      if (produced === 100) out.destroy(new Error('client went away'));
    };
    await expect(writeXlsx(header, makeSheets(progress).slice(2), out)).rejects.toThrow('client went away');
    expect(progress.produced).toBeLessThan(1000);
  });

  it('writes the header block alone for a section without rows', async () => {
    const { out, buffer } = sink();
    const empty: ReportSheet = { ...makeSheets()[1], rows: asyncRows([]) };
    await writeXlsx(header, [empty], out);
    const read = XLSX.read(await buffer());
    expect(read.SheetNames).toEqual(['Tin tức, sự kiện đã đăng trên']);
    const ws = read.Sheets[read.SheetNames[0]];
    expect(ws['!ref']).toBe('A1:C8');
    expect(cellAt(ws, 'C8')?.v).toBe('Tỷ trọng / Share');
  });

  it('refuses a workbook without sheets', async () => {
    await expect(writeXlsx(header, [], new PassThrough())).rejects.toThrow('at least one sheet');
  });
});

describe('writeCsv', () => {
  let data: Buffer;
  let text: string;

  beforeAll(async () => {
    const { out, buffer } = sink();
    await writeCsv(header, makeSheets(), out);
    data = await buffer();
    text = data.toString('utf8');
  });

  it('is UTF-8 with a BOM and CRLF line endings', () => {
    expect([...data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.endsWith('\r\n')).toBe(true);
    // The only bare LF is the one inside a quoted field.
    expect(text.replace('cần xử lý\nngay', '').match(/(?<!\r)\n/g)).toBeNull();
  });

  it('writes the header, each section and every cell', () => {
    const records = parse(text, { relax_column_count: true, bom: true }) as string[][];
    const visits = Array.from({ length: VISIT_ROWS }, (_, i) => {
      const [ward, count, minutes, bounce, day, lastAt] = visitRow(i) as [
        string,
        number,
        number,
        number,
        string,
        Date,
      ];
      return [ward, String(count), minutes.toFixed(2), (bounce * 100).toFixed(1), day, vietnamIso(lastAt)];
    });
    expect(records).toEqual([
      ['Cổng / Portal:', 'Ủy ban nhân dân Phường Bến Nghé (bennghe.hochiminhcity.gov.vn)'],
      ['Phạm vi / Scope:', 'Cổng này và các cổng trực thuộc / This portal and every portal below it'],
      ['Kỳ báo cáo / Period:', '2026-H1 (01/01/2026 – 30/06/2026)'],
      ['Căn cứ / Legal basis:', 'Quyết định 05/2024/QĐ-UBND, Điều 24 và Điều 28'],
      ['Lập lúc / Generated:', '17/02/2026 00:30'],
      [''],
      ['Tin tức, sự kiện đã đăng trên cổng theo chuyên mục / Published news and events by category'],
      ['Căn cứ / Legal basis:', 'Quyết định 05/2024/QĐ-UBND, Điều 24'],
      [
        'Đơn vị / Unit',
        'Chuyên mục / Category',
        'Số bài đã đăng / Articles published',
        'Số chữ trung bình / Average words',
        'Tỷ lệ đúng hạn / On-time rate (%)',
        'Ngày đăng đầu tiên / First published on',
        'Cập nhật lần cuối / Last updated at',
      ],
      ['Phường Bến Nghé', 'Tin tức, sự kiện', '42', '512.35', '50.0', '2026-01-05', '2026-02-17 00:30'],
      ['Ủy ban nhân dân', `'=HYPERLINK("x")`, '-3', '0.00', '100.0', '2026-03-01', '2026-06-30 23:59'],
      ['Góp ý "khẩn", cần xử lý\nngay', "'+84 28 3829 1234", '', '', '', '', ''],
      ["'@admin", "'-giảm", '7', '12.50', '12.4', '', ''],
      [''],
      ['Tin tức, sự kiện đã đăng trên cổng theo đơn vị / Published news and events by unit'],
      ['Căn cứ / Legal basis:', 'Quyết định 05/2024/QĐ-UBND, Điều 28'],
      ['Đơn vị / Unit', 'Tổng số / Total', 'Tỷ trọng / Share (%)'],
      ['Phường Đa Kao', '1234567', '25.0'],
      ['Phường Cầu Ông Lãnh', '0', ''],
      [''],
      ['Lượt truy cập: theo [phường/xã] / Visits by ward'],
      ['Căn cứ / Legal basis:', 'Nghị định 42/2022/NĐ-CP, Điều 9'],
      [
        'Phường, xã / Ward',
        'Lượt truy cập / Visits',
        'Số phút trung bình / Average minutes',
        'Tỷ lệ thoát / Bounce rate (%)',
        'Ngày / Day',
        'Lần cuối / Last visit',
      ],
      ...visits,
    ]);
  });

  it('quotes per RFC 4180', () => {
    expect(text).toContain('\r\n"Góp ý ""khẩn"", cần xử lý\nngay",\'+84 28 3829 1234,,,,,\r\n');
    expect(text).toContain(
      `\r\nỦy ban nhân dân,"'=HYPERLINK(""x"")",-3,0.00,100.0,2026-03-01,2026-06-30 23:59\r\n`,
    );
  });

  it('waits for the output to drain instead of reading ahead', async () => {
    const progress: Progress = { produced: 0 };
    let lines = 0;
    let maxLead = 0;
    const preamble = 5 + 4; // header lines, then the section's empty line, title, legal basis, headings
    progress.onRow = (produced) => {
      maxLead = Math.max(maxLead, produced - (lines - preamble));
    };
    const out = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, callback) {
        lines += chunk.toString('utf8').split('\r\n').length - 1;
        setImmediate(callback);
      },
    });
    await writeCsv(header, makeSheets(progress).slice(2), out);
    expect(progress.produced).toBe(VISIT_ROWS);
    expect(lines).toBe(preamble + VISIT_ROWS);
    expect(maxLead).toBeLessThan(50);
  });

  it('stops reading rows when the output fails', async () => {
    const progress: Progress = { produced: 0 };
    const out = new PassThrough();
    out.resume();
    progress.onRow = (produced) => {
      if (produced === 100) out.destroy(new Error('client went away'));
    };
    await expect(writeCsv(header, makeSheets(progress).slice(2), out)).rejects.toThrow('client went away');
    expect(progress.produced).toBeLessThan(200);
  });
});
