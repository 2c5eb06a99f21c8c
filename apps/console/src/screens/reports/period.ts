// A report period as the API spells it: 2026, 2026-H1, 2026-Q3, 2026-05 or 2026-01-01..2026-02-15.

export type PeriodKind = 'YEAR' | 'HALF' | 'QUARTER' | 'MONTH' | 'RANGE';

export interface PeriodChoice {
  kind: PeriodKind;
  year: number;
  /** Half (1-2), quarter (1-4) or month (1-12). */
  part: number;
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function periodOf(p: PeriodChoice): string {
  switch (p.kind) {
    case 'YEAR':
      return String(p.year);
    case 'HALF':
      return `${p.year}-H${p.part}`;
    case 'QUARTER':
      return `${p.year}-Q${p.part}`;
    case 'MONTH':
      return `${p.year}-${pad(p.part)}`;
    case 'RANGE':
      return `${p.from}..${p.to}`;
  }
}

/** Today in Asia/Ho_Chi_Minh, whatever the browser's zone. */
export function vietnamToday(): { year: number; month: number; iso: string } {
  const iso = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
  const [year, month] = iso.split('-').map(Number);
  return { year, month, iso };
}

export const PERIOD_KINDS: Array<[PeriodKind, string, string]> = [
  ['YEAR', 'Cả năm', 'Year'],
  ['HALF', '6 tháng', 'Half year'],
  ['QUARTER', 'Quý', 'Quarter'],
  ['MONTH', 'Tháng', 'Month'],
  ['RANGE', 'Từ ngày đến ngày', 'Date range'],
];

/** The choices of the second select for a kind of period. */
export function partsOf(kind: PeriodKind, vi: boolean): Array<{ value: string; label: string }> {
  const n = kind === 'HALF' ? 2 : kind === 'QUARTER' ? 4 : kind === 'MONTH' ? 12 : 0;
  const name =
    kind === 'HALF'
      ? (i: number) =>
          vi ? `6 tháng ${i === 1 ? 'đầu' : 'cuối'} năm` : i === 1 ? 'First half' : 'Second half'
      : kind === 'QUARTER'
        ? (i: number) => (vi ? `Quý ${i}` : `Quarter ${i}`)
        : (i: number) =>
            vi
              ? `Tháng ${i}`
              : new Date(Date.UTC(2000, i - 1, 1)).toLocaleString('en', { month: 'long', timeZone: 'UTC' });
  return Array.from({ length: n }, (_, i) => ({ value: String(i + 1), label: name(i + 1) }));
}
