import { inputError } from '@portal/platform';
import { EngagementErrorCode } from '../errors/engagement-error-code';

/** How rating results are bucketed, by calendar periods in Asia/Ho_Chi_Minh. */
export enum RatingPeriod {
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}

export const RATING_CRITERIA = ['interface', 'content', 'quality', 'support'] as const;
export type RatingCriterion = (typeof RATING_CRITERIA)[number];

/** The longest range one report covers (120 monthly buckets). */
export const MAX_RANGE_YEARS = 10;

export interface PeriodBucket {
  /** First day of the calendar period (YYYY-MM-DD). */
  start: string;
  /** `2026-03`, `2026-Q1` or `2026`. */
  label: string;
}

/** A `YYYY-MM-DD` calendar date that exists; throws INVALID_DATE naming the field otherwise. */
export function parseCalendarDate(value: string, field: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? '');
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !d || d.toISOString().slice(0, 10) !== value || Number(m[1]) < 2000)
    throw inputError(
      EngagementErrorCode.INVALID_DATE,
      field,
      'Ngày phải có dạng YYYY-MM-DD (từ năm 2000).',
      'The date must be a YYYY-MM-DD calendar date (year 2000 or later).',
    );
  return value;
}

/** The first day of the period containing a date. */
export function periodStart(period: RatingPeriod, date: string): string {
  const y = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  if (period === RatingPeriod.YEAR) return `${y}-01-01`;
  if (period === RatingPeriod.MONTH) return `${date.slice(0, 7)}-01`;
  const first = month - ((month - 1) % 3);
  return `${y}-${String(first).padStart(2, '0')}-01`;
}

function label(period: RatingPeriod, start: string): string {
  if (period === RatingPeriod.YEAR) return start.slice(0, 4);
  if (period === RatingPeriod.MONTH) return start.slice(0, 7);
  return `${start.slice(0, 4)}-Q${(Number(start.slice(5, 7)) + 2) / 3}`;
}

/**
 * Every calendar period touching [from, to] (both days included), in order. The first and last may
 * be partial: only the days inside the range count.
 */
export function bucketsBetween(period: RatingPeriod, from: string, to: string): PeriodBucket[] {
  if (to < from)
    throw inputError(
      EngagementErrorCode.INVALID_RANGE,
      'to',
      'Ngày kết thúc phải không trước ngày bắt đầu.',
      'The range must not end before it starts.',
    );
  if (Number(to.slice(0, 4)) - Number(from.slice(0, 4)) >= MAX_RANGE_YEARS)
    throw inputError(
      EngagementErrorCode.INVALID_RANGE,
      'to',
      `Mỗi báo cáo tối đa ${MAX_RANGE_YEARS} năm.`,
      `One report covers ${MAX_RANGE_YEARS} years at most.`,
    );
  const step = period === RatingPeriod.YEAR ? 12 : period === RatingPeriod.QUARTER ? 3 : 1;
  const out: PeriodBucket[] = [];
  const start = periodStart(period, from);
  let y = Number(start.slice(0, 4));
  let mo = Number(start.slice(5, 7));
  for (;;) {
    const s = `${y}-${String(mo).padStart(2, '0')}-01`;
    if (s > to) break;
    out.push({ start: s, label: label(period, s) });
    mo += step;
    if (mo > 12) {
      y += Math.floor((mo - 1) / 12);
      mo = ((mo - 1) % 12) + 1;
    }
  }
  return out;
}
