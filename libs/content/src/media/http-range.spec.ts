import { ifRangeHolds, notModified, parseRange } from './http-range';

describe('parseRange', () => {
  const size = 1000;
  it.each([
    ['bytes=0-99', { kind: 'partial', start: 0, end: 99 }],
    ['bytes=100-', { kind: 'partial', start: 100, end: 999 }],
    ['bytes=-100', { kind: 'partial', start: 900, end: 999 }],
    ['bytes=-5000', { kind: 'partial', start: 0, end: 999 }],
    ['bytes=990-5000', { kind: 'partial', start: 990, end: 999 }],
    ['bytes=999-999', { kind: 'partial', start: 999, end: 999 }],
    ['BYTES = 5-6', { kind: 'partial', start: 5, end: 6 }],
    ['bytes=1000-', { kind: 'unsatisfiable' }],
    ['bytes=1000-2000', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    // Several ranges: the whole file (documented), as do malformed and foreign units.
    ['bytes=0-1,5-6', { kind: 'full' }],
    ['bytes=5-1', { kind: 'full' }],
    ['bytes=a-b', { kind: 'full' }],
    ['bytes=1.5-2', { kind: 'full' }],
    ['items=0-1', { kind: 'full' }],
    ['bytes=', { kind: 'full' }],
    ['bytes=99999999999999999999-', { kind: 'full' }],
  ])('%s', (header, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });

  it('without a header, or on an empty file, is the whole file or unsatisfiable', () => {
    expect(parseRange(undefined, size)).toEqual({ kind: 'full' });
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-1', 0)).toEqual({ kind: 'unsatisfiable' });
  });
});

describe('validators', () => {
  const etag = '"abc"';
  const modified = new Date('2026-11-20T08:30:15.400Z');
  const date = 'Fri, 20 Nov 2026 08:30:15 GMT';

  it('If-Range holds for the same strong tag or the exact date only', () => {
    expect(ifRangeHolds(undefined, etag, modified)).toBe(true);
    expect(ifRangeHolds('"abc"', etag, modified)).toBe(true);
    expect(ifRangeHolds('W/"abc"', etag, modified)).toBe(false);
    expect(ifRangeHolds('"other"', etag, modified)).toBe(false);
    expect(ifRangeHolds(date, etag, modified)).toBe(true);
    expect(ifRangeHolds('Fri, 20 Nov 2026 08:30:16 GMT', etag, modified)).toBe(false);
    expect(ifRangeHolds('not a date', etag, modified)).toBe(false);
  });

  it('If-None-Match (weak comparison, lists, *) wins over If-Modified-Since', () => {
    expect(notModified('"abc"', undefined, etag, modified)).toBe(true);
    expect(notModified('W/"abc"', undefined, etag, modified)).toBe(true);
    expect(notModified('"x", "abc"', undefined, etag, modified)).toBe(true);
    expect(notModified('*', undefined, etag, modified)).toBe(true);
    expect(notModified('"x"', date, etag, modified)).toBe(false);
    expect(notModified(undefined, date, etag, modified)).toBe(true);
    expect(notModified(undefined, 'Fri, 20 Nov 2026 08:30:14 GMT', etag, modified)).toBe(false);
    expect(notModified(undefined, 'garbage', etag, modified)).toBe(false);
    expect(notModified(undefined, undefined, etag, modified)).toBe(false);
  });
});
