import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { RoyaltyStatementLineEntity, StatementLineKind } from '../grades/royalty.entities';
import { unitValue } from '../money/royalty-amount';
import { showHundredths } from '../grades/royalty-input';

export enum SheetFormat {
  XLSX = 'XLSX',
  CSV = 'CSV',
}

export interface PaymentSheet {
  portalName: string;
  portalHost: string;
  month: string;
  state: string;
  document: string;
  /** Set when the profile has not been checked against its published text. */
  unverified: string | null;
  total: number;
  lines: Array<
    RoyaltyStatementLineEntity & {
      bankAccount: string | null;
      bankName: string | null;
      /** The genre's Vietnamese name in the statement's profile (the key when it names none). */
      genreName: string | null;
    }
  >;
  /** Whether payment details are shown (the reader may see them) or masked. */
  confidentialShown: boolean;
  signers: { drafted: string | null; checked: string | null; approved: string | null };
}

const KIND_LABEL: Record<StatementLineKind, string> = {
  ROYALTY: 'Nhuận bút',
  SYNDICATED: 'Nhuận bút (tin chia sẻ)',
  REMUNERATION: 'Thù lao',
  ADJUSTMENT: 'Điều chỉnh',
  CORRECTION: 'Điều chỉnh khi kiểm tra',
};

export const SHEET_HEADINGS = [
  'STT',
  'Họ và tên người nhận',
  'Khoản',
  'Tin, bài / Nội dung',
  'Thể loại',
  'Ngày áp dụng',
  'Hệ số',
  'Tỷ lệ hưởng (%)',
  'Giá trị 1 hệ số (đ)',
  'Số tiền (đ)',
  'Số tài khoản',
  'Ngân hàng',
  'Ký nhận',
];

const percent = (bp: number) => showHundredths(bp);

/** The CSV's last column: the genre's key, for machines reading the sheet. */
export const GENRE_KEY_HEADING = 'Mã thể loại / Genre key';

/**
 * The rows of the payment sheet (bảng kê chi trả nhuận bút) as a clerk signs it: header block, lines,
 * total, signatures. `withKeys` adds the genre's key after the signature column (the CSV).
 */
export function sheetRows(s: PaymentSheet, withKeys = false): Array<Array<string | number | null>> {
  const [year, month] = s.month.split('-');
  const masked = '(bảo mật)';
  const rows: Array<Array<string | number | null>> = [
    [s.portalName.toUpperCase(), null, null, null, null, null, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
    [s.portalHost, null, null, null, null, null, 'Độc lập - Tự do - Hạnh phúc'],
    ['BẢNG KÊ CHI TRẢ NHUẬN BÚT, THÙ LAO / ROYALTY AND REMUNERATION PAYMENT SHEET'],
    [`Tháng ${month} năm ${year} / Period: ${s.month}`],
    [
      `Căn cứ / Legal basis: ${s.document}${s.unverified ? ' (CHƯA ĐỐI CHIẾU VĂN BẢN GỐC / NOT CHECKED AGAINST THE PUBLISHED TEXT)' : ''}`,
    ],
    [`Trạng thái / State: ${s.state}`],
    [],
    withKeys ? [...SHEET_HEADINGS, GENRE_KEY_HEADING] : SHEET_HEADINGS,
  ];
  s.lines.forEach((l, i) => {
    // The share paid: the factor (repost, lower level) times the author's share of the item.
    const paidBp = Math.round((l.factorBp * l.levelBp * l.shareBp) / 100_000_000);
    // A correction is money only: the line it corrects carries the figures, the reason says why.
    const correction = l.kind === StatementLineKind.CORRECTION;
    rows.push([
      i + 1,
      l.payeeName,
      KIND_LABEL[l.kind],
      correction
        ? `Điều chỉnh dòng ${l.adjustsLineNo ?? '?'}${l.title ? ` (${l.title})` : ''}. Lý do: ${l.note ?? ''}`
        : l.title,
      correction ? null : (l.genreName ?? l.genre),
      l.dated,
      correction ? null : showHundredths(l.coefficientH),
      correction ? null : percent(paidBp),
      l.base && !correction ? unitValue(l.base, l.unitBp) : null,
      l.amount,
      s.confidentialShown ? l.bankAccount : masked,
      s.confidentialShown ? l.bankName : masked,
      null,
      ...(withKeys ? [correction ? null : l.genre] : []),
    ]);
  });
  rows.push(['Tổng cộng / Total', null, null, null, null, null, null, null, null, s.total]);
  rows.push([]);
  rows.push([
    'NGƯỜI LẬP BIỂU',
    null,
    null,
    'TRƯỞNG BAN BIÊN TẬP',
    null,
    null,
    null,
    'THỦ TRƯỞNG CƠ QUAN CHỦ QUẢN',
  ]);
  rows.push([
    '(Ký, ghi rõ họ tên)',
    null,
    null,
    '(Ký, ghi rõ họ tên)',
    null,
    null,
    null,
    '(Ký tên, đóng dấu)',
  ]);
  rows.push([]);
  rows.push([s.signers.drafted, null, null, s.signers.checked, null, null, null, s.signers.approved]);
  return rows;
}

export function paymentSheetCsv(s: PaymentSheet): Buffer {
  // A byte-order mark so that Excel opens the Vietnamese text as UTF-8.
  return Buffer.from(
    `\uFEFF${stringify(sheetRows(s, true).map((r) => r.map((v) => (v === null ? '' : v))))}`,
    'utf8',
  );
}

export async function paymentSheetXlsx(s: PaymentSheet): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = s.portalName;
  const sheet = book.addWorksheet(`Bang ke ${s.month}`, {
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1 },
  });
  const rows = sheetRows(s);
  rows.forEach((r) => sheet.addRow(r));
  sheet.getRow(3).font = { bold: true, size: 13 };
  sheet.getRow(8).font = { bold: true };
  const totalRow = 8 + s.lines.length + 1;
  sheet.getRow(totalRow).font = { bold: true };
  sheet.getColumn(10).numFmt = '#,##0';
  sheet.getColumn(9).numFmt = '#,##0';
  const widths = [6, 30, 14, 40, 16, 12, 8, 10, 14, 14, 18, 18, 12];
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  return Buffer.from(await book.xlsx.writeBuffer());
}
