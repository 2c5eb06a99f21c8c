/**
 * HTTP range and conditional requests (RFC 9110 §13–14) for files served as streams, as pure
 * functions of the request headers and the file's validators.
 */

export type RangeAnswer =
  { kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

const DIGITS = /^\d+$/;
const num = (s: string): number | null => {
  if (!DIGITS.test(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : null;
};

/**
 * What a `Range` header asks of a file of `size` bytes. One range (`a-b`, `a-`, `-n`) is served
 * as 206; several ranges are answered with the whole file (200), as RFC 9110 §14.2 allows, since
 * players ask for one; a header that is not a byte range, or is malformed, is ignored (200). A
 * range starting at or past the end (or an empty suffix) cannot be satisfied (416).
 */
export function parseRange(header: string | undefined, size: number): RangeAnswer {
  if (!header) return { kind: 'full' };
  const m = /^\s*bytes\s*=\s*(.+)$/i.exec(header);
  if (!m) return { kind: 'full' };
  const specs = m[1]
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (specs.length !== 1) return { kind: 'full' };
  const dash = specs[0].indexOf('-');
  if (dash < 0) return { kind: 'full' };
  const first = specs[0].slice(0, dash).trim();
  const last = specs[0].slice(dash + 1).trim();
  if (first === '') {
    const suffix = num(last);
    if (suffix === null) return { kind: 'full' };
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = num(first);
  if (start === null) return { kind: 'full' };
  let end = size - 1;
  if (last !== '') {
    const asked = num(last);
    if (asked === null || asked < start) return { kind: 'full' };
    end = Math.min(asked, size - 1);
  }
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end };
}

/** An HTTP-date to whole seconds (validators compare at the second), or null. */
function httpSeconds(value: string): number | null {
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : Math.floor(t / 1000);
}

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

/**
 * Whether a range request's `If-Range` lets the range apply: absent, the same strong ETag, or the
 * exact Last-Modified date. Anything else (a weak tag, another tag, another date) means "send it all".
 */
export function ifRangeHolds(header: string | undefined, etag: string, lastModified: Date): boolean {
  if (header === undefined) return true;
  const value = header.trim();
  if (value.startsWith('"') || value.startsWith('W/')) return value === etag;
  const asked = httpSeconds(value);
  return asked !== null && asked === seconds(lastModified);
}

/**
 * Whether a GET may be answered 304: `If-None-Match` (weak comparison, `*` matches) when present,
 * otherwise `If-Modified-Since` not earlier than the file's date.
 */
export function notModified(
  ifNoneMatch: string | undefined,
  ifModifiedSince: string | undefined,
  etag: string,
  lastModified: Date,
): boolean {
  if (ifNoneMatch !== undefined) {
    const bare = (tag: string) => tag.trim().replace(/^W\//, '');
    return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
  }
  if (ifModifiedSince !== undefined) {
    const since = httpSeconds(ifModifiedSince);
    return since !== null && seconds(lastModified) <= since;
  }
  return false;
}
