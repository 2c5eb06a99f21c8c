import { dayOf, formatDay } from './local-date';
import { lunarDate, lunarNewYear, statutoryHolidays } from './vietnam-holidays';

describe('Vietnamese lunar holidays, computed', () => {
  // Published first days of Tết (Vietnam), including the years the Chinese calendar differs.
  it.each([
    [1985, '1985-01-21'],
    [2007, '2007-02-17'],
    [2017, '2017-01-28'],
    [2018, '2018-02-16'],
    [2019, '2019-02-05'],
    [2020, '2020-01-25'],
    [2021, '2021-02-12'],
    [2022, '2022-02-01'],
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2028, '2028-01-26'],
  ])('Tết %i falls on %s', (year, date) => {
    expect(formatDay(lunarNewYear(year))).toBe(date);
  });

  // Hùng Kings' day (10/3 lunar), as announced in each year.
  it.each([
    [2017, '2017-04-06'],
    [2018, '2018-04-25'],
    [2019, '2019-04-14'],
    [2020, '2020-04-02'],
    [2021, '2021-04-21'],
    [2022, '2022-04-10'],
    [2023, '2023-04-29'],
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
  ])("Hùng Kings' day %i falls on %s", (year, date) => {
    expect(formatDay(lunarDate(year, 3, 10))).toBe(date);
  });
});

describe('statutory holidays (Labour Code 2019 art. 111–112)', () => {
  const days = (year: number) => statutoryHolidays(year).map((h) => `${formatDay(h.day)} ${h.origin}`);

  it('2026: Tết 16–20 Feb, Hùng Kings on Sunday 26 Apr gives Monday 27 Apr off', () => {
    const list = days(2026);
    for (const d of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'])
      expect(list).toContain(`${d} STATUTORY`);
    expect(list).toContain('2026-04-26 STATUTORY');
    expect(list).toContain('2026-04-27 COMPENSATORY');
  });

  it('a holiday on a weekend gives the next working day off, skipping other holidays', () => {
    // 2022: 1 Jan was a Saturday → Monday 3 Jan; 30 Apr a Saturday and 1 May a Sunday → 2 and 3 May.
    const list = days(2022);
    expect(list).toContain('2022-01-03 COMPENSATORY');
    expect(list).toContain('2022-05-02 COMPENSATORY');
    expect(list).toContain('2022-05-03 COMPENSATORY');
  });

  it('has 11 statutory days every year', () => {
    for (let y = 1990; y <= 2099; y++) {
      const statutory = statutoryHolidays(y).filter((h) => h.origin === 'STATUTORY');
      expect(new Set(statutory.map((h) => h.day)).size).toBe(11);
    }
  });

  it('keeps National Day on 2 September', () => {
    expect(statutoryHolidays(2030).some((h) => h.day === dayOf(2030, 9, 2))).toBe(true);
  });
});
