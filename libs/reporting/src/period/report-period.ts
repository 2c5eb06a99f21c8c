import { ReportingErrors } from '../errors/reporting-errors';

/** A reporting period: whole Vietnamese calendar days, from `from` to `to` (both included). */
export interface ReportPeriod {
  /** `2026-H1`, `2026-Q3`, `2026-05`, `2026` or `2026-01-01..2026-02-15`. */
  label: string;
  from: string;
  to: string;
  /** The first instant of `from` in Asia/Ho_Chi_Minh. */
  start: Date;
  /** The first instant after `to` in Asia/Ho_Chi_Minh (exclusive end). */
  end: Date;
}

/** The longest custom period (statutory reports are yearly at most; 5 years allows comparisons). */
const MAX_DAYS = 5 * 366;

const invalid = ReportingErrors.invalidPeriod;

const pad = (n: number) => String(n).padStart(2, '0');

function lastDayOfMonth(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month, 0));
  return `${year}-${pad(month)}-${pad(d.getUTCDate())}`;
}

function validDay(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** Midnight of a calendar day in Vietnam (UTC+7, no daylight saving). */
export const vietnamMidnight = (day: string): Date => new Date(`${day}T00:00:00+07:00`);

/** The calendar day after `day`. */
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Parses the period a clerk names. The statutory reports are the 6-month (`H1`, `H2`) and the
 * yearly one (05/2024/QĐ-UBND art. 24, 28); months, quarters and custom ranges serve the board's own follow-up.
 */
export function parseReportPeriod(text: string): ReportPeriod {
  const value = (text ?? '').trim().toUpperCase();
  let from: string;
  let to: string;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(value))) {
    from = `${m[1]}-01-01`;
    to = `${m[1]}-12-31`;
  } else if ((m = /^(\d{4})-H([12])$/.exec(value))) {
    const first = m[2] === '1' ? 1 : 7;
    from = `${m[1]}-${pad(first)}-01`;
    to = lastDayOfMonth(Number(m[1]), first + 5);
  } else if ((m = /^(\d{4})-Q([1-4])$/.exec(value))) {
    const first = (Number(m[2]) - 1) * 3 + 1;
    from = `${m[1]}-${pad(first)}-01`;
    to = lastDayOfMonth(Number(m[1]), first + 2);
  } else if ((m = /^(\d{4})-(\d{2})$/.exec(value))) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) throw invalid();
    from = `${m[1]}-${m[2]}-01`;
    to = lastDayOfMonth(Number(m[1]), month);
  } else if ((m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(value))) {
    if (!validDay(m[1]) || !validDay(m[2])) throw invalid();
    from = m[1];
    to = m[2];
    if (to < from) throw ReportingErrors.periodReversed();
  } else throw invalid();
  if (Number(from.slice(0, 4)) < 2000 || Number(to.slice(0, 4)) > 2099) throw invalid();
  const start = vietnamMidnight(from);
  const end = vietnamMidnight(nextDay(to));
  if ((end.getTime() - start.getTime()) / 86_400_000 > MAX_DAYS) throw ReportingErrors.periodTooLong();
  const label = /\.\./.test(value) ? `${from}..${to}` : value;
  return { label, from, to, start, end };
}

/** The calendar months touching the period, as `YYYY-MM` (for monthly rule checks). */
export function monthsOf(period: ReportPeriod): string[] {
  const out: string[] = [];
  let y = Number(period.from.slice(0, 4));
  let mo = Number(period.from.slice(5, 7));
  const last = period.to.slice(0, 7);
  for (;;) {
    const key = `${y}-${pad(mo)}`;
    out.push(key);
    if (key >= last) break;
    mo += 1;
    if (mo > 12) {
      mo = 1;
      y += 1;
    }
  }
  return out;
}
