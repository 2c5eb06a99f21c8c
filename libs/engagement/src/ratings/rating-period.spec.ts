import { DomainError } from '@portal/platform';
import { RatingPeriod, bucketsBetween, parseCalendarDate, periodStart } from './rating-period';

describe('rating periods', () => {
  it('buckets months, quarters and years touching the range, partial ends included', () => {
    expect(bucketsBetween(RatingPeriod.MONTH, '2026-01-15', '2026-03-01').map((b) => b.label)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
    expect(bucketsBetween(RatingPeriod.QUARTER, '2025-11-30', '2026-04-01')).toEqual([
      { start: '2025-10-01', label: '2025-Q4' },
      { start: '2026-01-01', label: '2026-Q1' },
      { start: '2026-04-01', label: '2026-Q2' },
    ]);
    expect(bucketsBetween(RatingPeriod.YEAR, '2024-12-31', '2026-01-01').map((b) => b.label)).toEqual([
      '2024',
      '2025',
      '2026',
    ]);
    expect(bucketsBetween(RatingPeriod.MONTH, '2026-12-01', '2027-01-31').map((b) => b.start)).toEqual([
      '2026-12-01',
      '2027-01-01',
    ]);
  });

  it('period starts', () => {
    expect(periodStart(RatingPeriod.QUARTER, '2026-09-30')).toBe('2026-07-01');
    expect(periodStart(RatingPeriod.QUARTER, '2026-10-01')).toBe('2026-10-01');
    expect(periodStart(RatingPeriod.MONTH, '2026-02-28')).toBe('2026-02-01');
    expect(periodStart(RatingPeriod.YEAR, '2026-02-28')).toBe('2026-01-01');
  });

  it('refuses bad dates and ranges with typed errors', () => {
    const codeOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return [(e as DomainError).code, (e as DomainError).field];
      }
      return null;
    };
    expect(codeOf(() => parseCalendarDate('2026-02-30', 'from'))).toEqual(['INVALID_DATE', 'from']);
    expect(codeOf(() => parseCalendarDate('2026-2-1', 'to'))).toEqual(['INVALID_DATE', 'to']);
    expect(codeOf(() => parseCalendarDate('1999-12-31', 'from'))).toEqual(['INVALID_DATE', 'from']);
    expect(parseCalendarDate('2028-02-29', 'from')).toBe('2028-02-29');
    expect(codeOf(() => bucketsBetween(RatingPeriod.MONTH, '2026-02-01', '2026-01-31'))).toEqual([
      'INVALID_RANGE',
      'to',
    ]);
    expect(codeOf(() => bucketsBetween(RatingPeriod.MONTH, '2016-01-01', '2026-01-01'))).toEqual([
      'INVALID_RANGE',
      'to',
    ]);
    expect(bucketsBetween(RatingPeriod.MONTH, '2017-01-01', '2026-12-31')).toHaveLength(120);
  });
});
