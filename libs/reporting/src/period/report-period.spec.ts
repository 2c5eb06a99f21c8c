import { DomainError } from '@portal/platform';
import { monthsOf, parseReportPeriod } from './report-period';

describe('report periods', () => {
  it.each([
    ['2026', '2026-01-01', '2026-12-31'],
    ['2026-H1', '2026-01-01', '2026-06-30'],
    ['2026-h2', '2026-07-01', '2026-12-31'],
    ['2026-Q1', '2026-01-01', '2026-03-31'],
    ['2028-02', '2028-02-01', '2028-02-29'],
    ['2026-02', '2026-02-01', '2026-02-28'],
    [' 2026-01-15..2026-02-10 ', '2026-01-15', '2026-02-10'],
  ])('%s covers %s to %s in Vietnamese days', (text, from, to) => {
    const p = parseReportPeriod(text);
    expect([p.from, p.to]).toEqual([from, to]);
    expect(p.start.toISOString()).toBe(new Date(`${from}T00:00:00+07:00`).toISOString());
    // The end is the midnight after the last day, Vietnamese time.
    expect(new Date(p.end.getTime() - 1).toISOString()).toBe(
      new Date(`${to}T23:59:59.999+07:00`).toISOString(),
    );
  });

  it.each([
    '',
    'H1-2026',
    '2026-H3',
    '2026-Q0',
    '2026-13',
    '2026-00',
    '2026-02-30..2026-03-01',
    '1999',
    '2026-03-10..2026-03-01',
    '2020-01-01..2026-01-02',
  ])('refuses %p naming the field', (text) => {
    let error: unknown;
    try {
      parseReportPeriod(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'INVALID_PERIOD', field: 'period' });
  });

  it('lists the months a period touches', () => {
    expect(monthsOf(parseReportPeriod('2025-11-20..2026-02-01'))).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    expect(monthsOf(parseReportPeriod('2026-03'))).toEqual(['2026-03']);
  });
});
