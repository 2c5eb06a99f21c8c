import { CalendarVietnamese } from 'date-chinese';
import { DayNumber, dayOf, weekdayOf } from './local-date';

export type HolidayOrigin = 'STATUTORY' | 'COMPENSATORY' | 'ANNOUNCED' | 'OVERRIDE';

export interface Holiday {
  day: DayNumber;
  nameVi: string;
  nameEn: string;
  origin: HolidayOrigin;
}

const lunar = new CalendarVietnamese();

/**
 * First day of the lunar year that begins in Gregorian `year` (Tết Nguyên đán), computed with the
 * Vietnamese calendar's own meridian (UTC+7), which differs from the Chinese one in some years
 * (Tết 1985 fell on 21 January in Vietnam, 20 February in China; 2007: 17 vs 18 February).
 */
const newYearCache = new Map<number, { day: DayNumber; cycle: number; lunarYear: number }>();

// The astronomical computation costs milliseconds: each year's is done once per process.
function newYearOf(year: number) {
  let cached = newYearCache.get(year);
  if (!cached) {
    const cal = new CalendarVietnamese().fromJDE(lunar.newYear(year));
    const g = cal.toGregorian(year);
    const [cycle, lunarYear] = cal.get();
    cached = { day: dayOf(g.year, g.month, g.day), cycle, lunarYear };
    newYearCache.set(year, cached);
  }
  return cached;
}

export function lunarNewYear(year: number): DayNumber {
  return newYearOf(year).day;
}

/** The Gregorian date of a day of a (non-leap) lunar month in the lunar year beginning in `year`. */
export function lunarDate(year: number, month: number, day: number): DayNumber {
  const { cycle, lunarYear } = newYearOf(year);
  const g = new CalendarVietnamese().set(cycle, lunarYear, month, 0, day).toGregorian(year);
  return dayOf(g.year, g.month, g.day);
}

/**
 * Public holidays of the Labour Code 2019, art. 112, for any year: 1 January; Tết, 5 days (by default
 * the last day of the old lunar year and the first four of the new: the Prime Minister fixes the
 * days each year); Hùng Kings' day (10th day of the 3rd lunar month); 30 April; 1 May; National Day
 * 2 September with one adjacent day (by default 1 September). A holiday falling on a weekly rest day
 * (Saturday or Sunday in the public sector) gives a compensatory day off on the next working day
 * (art. 111).
 */
export function statutoryHolidays(year: number): Holiday[] {
  const tet = lunarNewYear(year);
  const fixed = (
    [
      { day: dayOf(year, 1, 1), nameVi: 'Tết Dương lịch', nameEn: "New Year's Day", origin: 'STATUTORY' },
      {
        day: tet - 1,
        nameVi: 'Tết Nguyên đán (ngày cuối năm)',
        nameEn: 'Lunar New Year (eve)',
        origin: 'STATUTORY',
      },
      ...[0, 1, 2, 3].map((i) => ({
        day: tet + i,
        nameVi: `Tết Nguyên đán (mùng ${i + 1})`,
        nameEn: `Lunar New Year (day ${i + 1})`,
        origin: 'STATUTORY' as const,
      })),
      {
        day: lunarDate(year, 3, 10),
        nameVi: 'Giỗ Tổ Hùng Vương',
        nameEn: "Hung Kings' Commemoration Day",
        origin: 'STATUTORY',
      },
      {
        day: dayOf(year, 4, 30),
        nameVi: 'Ngày Chiến thắng',
        nameEn: 'Reunification Day',
        origin: 'STATUTORY',
      },
      {
        day: dayOf(year, 5, 1),
        nameVi: 'Ngày Quốc tế lao động',
        nameEn: 'International Labour Day',
        origin: 'STATUTORY',
      },
      {
        day: dayOf(year, 9, 1),
        nameVi: 'Quốc khánh (ngày liền kề)',
        nameEn: 'National Day (adjacent day)',
        origin: 'STATUTORY',
      },
      { day: dayOf(year, 9, 2), nameVi: 'Quốc khánh', nameEn: 'National Day', origin: 'STATUTORY' },
    ] as Holiday[]
  ).sort((a, b) => a.day - b.day);
  const taken = new Set(fixed.map((h) => h.day));
  const compensatory: Holiday[] = [];
  for (const h of fixed) {
    const wd = weekdayOf(h.day);
    if (wd !== 0 && wd !== 6) continue;
    let d = h.day + 1;
    while (weekdayOf(d) === 0 || weekdayOf(d) === 6 || taken.has(d)) d++;
    taken.add(d);
    compensatory.push({
      day: d,
      nameVi: `Nghỉ bù ${h.nameVi}`,
      nameEn: `Compensatory day off (${h.nameEn})`,
      origin: 'COMPENSATORY',
    });
  }
  return [...fixed, ...compensatory].sort((a, b) => a.day - b.day);
}
