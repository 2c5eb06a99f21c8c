import { CalendarErrors } from '../errors/calendar-errors';

export { CalendarInputError } from '../errors/calendar-errors';

/**
 * Calendar dates as day numbers (days since 1970-01-01), the unit all working-day arithmetic uses.
 * Vietnam keeps UTC+07:00 all year (no daylight saving), so instants map to local dates by a fixed
 * offset.
 */
export type DayNumber = number;

export const MS_PER_DAY = 86_400_000;
export const VN_OFFSET_MS = 7 * 3_600_000;
export const FIRST_SUPPORTED_YEAR = 1990;
export const LAST_SUPPORTED_YEAR = 2099;

export const dayOf = (year: number, month: number, day: number): DayNumber =>
  Date.UTC(year, month - 1, day) / MS_PER_DAY;
export const FIRST_DAY = dayOf(FIRST_SUPPORTED_YEAR, 1, 1);
export const LAST_DAY = dayOf(LAST_SUPPORTED_YEAR, 12, 31);

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export const weekdayOf = (day: DayNumber): number => (((day + 4) % 7) + 7) % 7;

export function ymdOf(day: DayNumber): { year: number; month: number; day: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function formatDay(day: DayNumber): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Parses `YYYY-MM-DD`, refusing dates that do not exist (2026-02-30) and years outside the range. */
export function parseDay(text: string, field = 'date'): DayNumber {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text ?? '').trim());
  if (!m) throw CalendarErrors.notADate(field, text);
  const [year, month, date] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = dayOf(year, month, date);
  const back = ymdOf(day);
  if (back.year !== year || back.month !== month || back.day !== date) {
    throw CalendarErrors.noSuchDate(field, text);
  }
  assertInRange(day, field);
  return day;
}

export function assertInRange(day: DayNumber, field: string): void {
  if (day < FIRST_DAY || day > LAST_DAY) {
    throw CalendarErrors.dateOutOfRange(field, FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR);
  }
}

/** The local (Asia/Ho_Chi_Minh) date of an instant. */
export const localDayOf = (instant: Date): DayNumber =>
  Math.floor((instant.getTime() + VN_OFFSET_MS) / MS_PER_DAY);

/** The instant a local date starts, plus `hours:minutes` local time. */
export const localInstant = (day: DayNumber, hours = 0, minutes = 0): Date =>
  new Date(day * MS_PER_DAY - VN_OFFSET_MS + (hours * 60 + minutes) * 60_000);

/** The last millisecond of a local date. */
export const endOfLocalDay = (day: DayNumber): Date => new Date((day + 1) * MS_PER_DAY - VN_OFFSET_MS - 1);
