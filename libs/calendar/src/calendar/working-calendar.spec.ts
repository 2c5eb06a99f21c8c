import { join } from 'node:path';
import { loadNationalSchedule, parseCalendarOverrides, parseNationalSchedule } from './calendar-files';
import { dayOf, formatDay, parseDay } from './local-date';
import { WorkingCalendar } from './working-calendar';

const national = loadNationalSchedule(
  join(__dirname, '..', '..', '..', '..', 'tenants', 'calendar', 'vietnam-public-sector.yaml'),
);
const cal = new WorkingCalendar(national);
const d = (s: string) => parseDay(s);
const add = (date: string, n: number) => formatDay(cal.addWorkingDays(d(date), n));
const working = (date: string) => cal.isWorkingDay(d(date));

describe('working days around the 2025 breaks (announced schedule)', () => {
  it('Tết 2025: off 27–31 Jan (break 25 Jan–2 Feb), back on Monday 3 Feb', () => {
    for (const day of [
      '2025-01-25',
      '2025-01-26',
      '2025-01-27',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-02-01',
      '2025-02-02',
    ])
      expect(working(day)).toBe(false);
    expect(working('2025-01-24')).toBe(true);
    expect(working('2025-02-03')).toBe(true);
    expect(add('2025-01-24', 1)).toBe('2025-02-03');
    expect(add('2025-01-23', 2)).toBe('2025-02-03');
    expect(cal.workingDaysBetween(d('2025-01-24'), d('2025-02-03'))).toBe(1);
  });

  it("Hùng Kings' day Monday 7 Apr 2025 is off", () => {
    expect(working('2025-04-07')).toBe(false);
    expect(add('2025-04-04', 1)).toBe('2025-04-08');
  });

  it('30 Apr – 4 May 2025: off, with Saturday 26 Apr worked in exchange for Friday 2 May', () => {
    expect(working('2025-04-26')).toBe(true);
    for (const day of ['2025-04-30', '2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04'])
      expect(working(day)).toBe(false);
    expect(add('2025-04-25', 1)).toBe('2025-04-26');
    expect(add('2025-04-29', 1)).toBe('2025-05-05');
  });

  it('National Day 2025: off Mon 1 and Tue 2 Sep', () => {
    expect(working('2025-09-01')).toBe(false);
    expect(working('2025-09-02')).toBe(false);
    expect(add('2025-08-29', 1)).toBe('2025-09-03');
  });
});

describe('working days around the 2026 breaks (announced schedule)', () => {
  it('New Year 2026: off 1–2 Jan, Saturday 10 Jan worked', () => {
    expect(working('2026-01-01')).toBe(false);
    expect(working('2026-01-02')).toBe(false);
    expect(working('2026-01-10')).toBe(true);
    expect(working('2026-01-17')).toBe(false);
    expect(add('2025-12-31', 1)).toBe('2026-01-05');
    expect(add('2026-01-09', 1)).toBe('2026-01-10');
  });

  it('Tết 2026: off 16–20 Feb (break 14–22 Feb)', () => {
    for (let day = dayOf(2026, 2, 14); day <= dayOf(2026, 2, 22); day++)
      expect(cal.isWorkingDay(day)).toBe(false);
    expect(add('2026-02-13', 1)).toBe('2026-02-23');
    // Thu 12, Fri 13, then 23–27 Feb, 2–4 Mar.
    expect(add('2026-02-11', 10)).toBe('2026-03-04');
    expect(cal.workingDaysBetween(d('2026-02-13'), d('2026-02-23'))).toBe(1);
  });

  it("Hùng Kings' day on Sunday 26 Apr 2026: Monday 27 Apr off; 30 Apr and 1 May off", () => {
    expect(working('2026-04-27')).toBe(false);
    expect(add('2026-04-24', 1)).toBe('2026-04-28');
    expect(add('2026-04-29', 1)).toBe('2026-05-04');
  });

  it('National Day 2026: off 31 Aug – 2 Sep, Saturday 22 Aug worked', () => {
    expect(working('2026-08-22')).toBe(true);
    for (const day of ['2026-08-29', '2026-08-30', '2026-08-31', '2026-09-01', '2026-09-02'])
      expect(working(day)).toBe(false);
    expect(add('2026-08-28', 1)).toBe('2026-09-03');
    expect(add('2026-08-21', 1)).toBe('2026-08-22');
  });
});

describe('years without an announced schedule use the Labour Code', () => {
  it('2027: Tết (6 Feb, a Saturday) gives 5 Feb – 9 Feb off and compensatory days after', () => {
    // 5 Feb (eve, Fri), 6 (Sat), 7 (Sun), 8 (Mon), 9 (Tue); Sat and Sun give Wed 10 and Thu 11 Feb.
    for (const day of ['2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'])
      expect(working(day)).toBe(false);
    expect(working('2027-02-12')).toBe(true);
    expect(add('2027-02-04', 1)).toBe('2027-02-12');
  });

  it('explains a day', () => {
    expect(cal.info(d('2027-04-16'))).toMatchObject({
      working: false,
      origin: 'STATUTORY',
      nameVi: 'Giỗ Tổ Hùng Vương',
    });
    expect(cal.info(d('2026-08-22'))).toMatchObject({ working: true, origin: 'ANNOUNCED' });
    expect(cal.info(d('2026-11-21'))).toMatchObject({ working: false, origin: 'WEEKEND' });
  });
});

describe('arithmetic', () => {
  it('never counts the given date, and agrees with workingDaysBetween', () => {
    expect(add('2026-11-20', 1)).toBe('2026-11-23'); // Friday → Monday
    expect(add('2026-11-21', 1)).toBe('2026-11-23'); // Saturday → Monday
    expect(add('2026-11-23', 0)).toBe('2026-11-23');
    for (let start = dayOf(2025, 1, 1); start < dayOf(2027, 1, 1); start += 3) {
      for (const n of [1, 2, 5, 10, 15, 20, 30, 300])
        expect(cal.workingDaysBetween(start, cal.addWorkingDays(start, n))).toBe(n);
    }
    expect(cal.workingDaysBetween(d('2026-02-23'), d('2026-02-13'))).toBe(-1);
  });

  it('crosses year ends', () => {
    expect(add('2026-12-31', 1)).toBe('2027-01-04');
    expect(cal.workingDaysBetween(d('2025-12-31'), d('2026-01-05'))).toBe(1);
  });

  it('refuses bad input with a clear error', () => {
    expect(() => parseDay('2026-02-30')).toThrow('There is no such date: 2026-02-30.');
    expect(() => parseDay('22/11/2026')).toThrow(/YYYY-MM-DD/);
    expect(() => parseDay('1989-12-31')).toThrow(/1990–2099/);
    expect(() => cal.addWorkingDays(d('2026-01-05'), -1)).toThrow(/non-negative/);
    expect(() => cal.addWorkingDays(d('2026-01-05'), 1.5)).toThrow(/non-negative/);
    expect(() => cal.addWorkingDays(d('2099-12-30'), 5)).toThrow(/1990–2099/);
  });

  it('applies overrides: a portal day off and a working Saturday', () => {
    const parsed = parseCalendarOverrides(
      [
        'apiVersion: portal/v1',
        'kind: CalendarOverrides',
        'source: Quyết định 1/QĐ-UBND',
        'daysOff:',
        '  - { date: 2026-11-24, nameVi: Nghỉ riêng }',
        'workingDays:',
        '  - { date: 2026-11-28, nameVi: Làm bù }',
        '',
      ].join('\n'),
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const local = new WorkingCalendar(national, new Map(parsed.value.days.map((x) => [x.day, x])));
    expect(formatDay(local.addWorkingDays(d('2026-11-23'), 1))).toBe('2026-11-25');
    expect(formatDay(local.addWorkingDays(d('2026-11-27'), 1))).toBe('2026-11-28');
    expect(add('2026-11-23', 1)).toBe('2026-11-24');
  });
});

describe('calendar files', () => {
  it('report problems with their line', () => {
    const result = parseNationalSchedule(
      [
        'apiVersion: portal/v1',
        'kind: NationalSchedule',
        'years:',
        '  - year: 2030',
        '    source: X',
        '    daysOff:',
        '      - { date: 2030-02-30, nameVi: Sai }',
        '      - { date: 2031-01-01, nameVi: Lạc năm }',
        '',
      ].join('\n'),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toContainEqual(
      expect.objectContaining({ line: 7, column: 17, message: 'There is no such date: 2030-02-30.' }),
    );
    expect(result.issues).toContainEqual(
      expect.objectContaining({ line: 4, message: 'lists a day outside 2030' }),
    );
  });
});
