// date-chinese ships declarations without naming them in its package exports, so TypeScript cannot
// find them; these are the members this lib uses, as the package documents them.
declare module 'date-chinese' {
  export class CalendarVietnamese {
    constructor();
    /** [cycle, year, month, leap, day] */
    get(): number[];
    set(cycle: number, year: number, month: number, leap: number | boolean, day: number): this;
    fromJDE(jde: number): this;
    toGregorian(gyear?: number): { year: number; month: number; day: number };
    /** Julian ephemeris day of the lunar new year that begins in Gregorian year `gyear`. */
    newYear(gyear: number): number;
  }
}
