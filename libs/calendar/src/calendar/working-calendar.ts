import { DayNumber, LAST_SUPPORTED_YEAR, assertInRange, dayOf, weekdayOf, ymdOf } from './local-date';
import { Holiday, statutoryHolidays } from './vietnam-holidays';
import { CalendarErrors } from '../errors/calendar-errors';

/** One announced (or overriding) day: off on a weekday, or working on a weekend. */
export interface AnnouncedDay {
  day: DayNumber;
  working: boolean;
  nameVi: string;
  nameEn: string;
  source: string | null;
}

/** The government's announced schedule for one year: when present it replaces the statutory defaults. */
export interface AnnouncedYear {
  year: number;
  source: string;
  days: AnnouncedDay[];
}

interface YearBlock {
  start: DayNumber;
  working: Uint8Array;
  /** cum[i] = working days in [start, start + i]. */
  cum: Int32Array;
  total: number;
}

export interface DayInfo {
  day: DayNumber;
  working: boolean;
  nameVi: string | null;
  nameEn: string | null;
  origin: 'WEEKDAY' | 'WEEKEND' | Holiday['origin'];
  source: string | null;
}

const holidayCache = new Map<number, Holiday[]>();
function holidaysOf(year: number): Holiday[] {
  let list = holidayCache.get(year);
  if (!list) holidayCache.set(year, (list = statutoryHolidays(year)));
  return list;
}

/**
 * A working-day calendar: Monday to Friday, minus public holidays (the government's announced
 * schedule for a year when there is one, else the Labour Code's computed holidays), then the
 * overrides of a tree's root and of each portal down to this one (the closest wins). Years are
 * compiled lazily into bitmaps with running counts, so `addWorkingDays` is a short scan and
 * `workingDaysBetween` a subtraction.
 */
export class WorkingCalendar {
  private readonly blocks = new Map<number, YearBlock>();

  constructor(
    private readonly announced: ReadonlyMap<number, AnnouncedYear>,
    /** Overrides, already merged so that the closest portal's wins. */
    private readonly overrides: ReadonlyMap<DayNumber, AnnouncedDay> = new Map(),
  ) {}

  /** What a day is and why. */
  info(day: DayNumber): DayInfo {
    assertInRange(day, 'date');
    const override = this.overrides.get(day);
    if (override)
      return {
        day,
        working: override.working,
        nameVi: override.nameVi,
        nameEn: override.nameEn,
        origin: 'OVERRIDE',
        source: override.source,
      };
    const { year } = ymdOf(day);
    const announcedYear = this.announced.get(year);
    if (announcedYear) {
      const a = announcedYear.days.find((d) => d.day === day);
      if (a)
        return {
          day,
          working: a.working,
          nameVi: a.nameVi,
          nameEn: a.nameEn,
          origin: 'ANNOUNCED',
          source: a.source ?? announcedYear.source,
        };
    } else {
      const h = holidaysOf(year).find((x) => x.day === day);
      if (h)
        return {
          day,
          working: false,
          nameVi: h.nameVi,
          nameEn: h.nameEn,
          origin: h.origin,
          source: 'Bộ luật Lao động 2019, Điều 111–112',
        };
    }
    const wd = weekdayOf(day);
    const weekend = wd === 0 || wd === 6;
    return {
      day,
      working: !weekend,
      nameVi: null,
      nameEn: null,
      origin: weekend ? 'WEEKEND' : 'WEEKDAY',
      source: null,
    };
  }

  isWorkingDay(day: DayNumber): boolean {
    assertInRange(day, 'date');
    const b = this.block(ymdOf(day).year);
    return b.working[day - b.start] === 1;
  }

  /** The date of the n-th working day after `day` (which itself never counts); n = 0 gives `day`. */
  addWorkingDays(day: DayNumber, n: number): DayNumber {
    assertInRange(day, 'date');
    if (!Number.isInteger(n) || n < 0) {
      throw CalendarErrors.invalidWorkingDays();
    }
    if (n === 0) return day;
    let year = ymdOf(day).year;
    let b = this.block(year);
    let i = day - b.start;
    let need = n;
    for (;;) {
      const before = i < 0 ? 0 : b.cum[i];
      const after = b.total - before;
      if (need <= after) {
        const target = before + need;
        // Smallest j > i with cum[j] = target: binary search over the running counts.
        let lo = i + 1;
        let hi = b.cum.length - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (b.cum[mid] >= target) hi = mid;
          else lo = mid + 1;
        }
        return b.start + lo;
      }
      need -= after;
      year++;
      if (year > LAST_SUPPORTED_YEAR) assertInRange(dayOf(year, 1, 1), 'days');
      b = this.block(year);
      i = -1;
    }
  }

  /** Working days in (from, to]: so that workingDaysBetween(d, addWorkingDays(d, n)) = n. Negative when to < from. */
  workingDaysBetween(from: DayNumber, to: DayNumber): number {
    assertInRange(from, 'from');
    assertInRange(to, 'to');
    if (to < from) return -this.workingDaysBetween(to, from);
    const fromYear = ymdOf(from).year;
    const toYear = ymdOf(to).year;
    const a = this.block(fromYear);
    if (fromYear === toYear) return a.cum[to - a.start] - a.cum[from - a.start];
    let count = a.total - a.cum[from - a.start];
    for (let y = fromYear + 1; y < toYear; y++) count += this.block(y).total;
    const b = this.block(toYear);
    return count + b.cum[to - b.start];
  }

  private block(year: number): YearBlock {
    let b = this.blocks.get(year);
    if (b) return b;
    const start = dayOf(year, 1, 1);
    const length = dayOf(year + 1, 1, 1) - start;
    const working = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
      const wd = weekdayOf(start + i);
      working[i] = wd === 0 || wd === 6 ? 0 : 1;
    }
    const announcedYear = this.announced.get(year);
    if (announcedYear) for (const d of announcedYear.days) working[d.day - start] = d.working ? 1 : 0;
    else for (const h of holidaysOf(year)) working[h.day - start] = 0;
    for (const [day, o] of this.overrides)
      if (day >= start && day < start + length) working[day - start] = o.working ? 1 : 0;
    const cum = new Int32Array(length);
    let total = 0;
    for (let i = 0; i < length; i++) cum[i] = total += working[i];
    b = { start, working, cum, total };
    this.blocks.set(year, b);
    return b;
  }
}
