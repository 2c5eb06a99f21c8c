import { readFileSync } from 'node:fs';
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { DomainError } from '@portal/platform';
import { DayNumber, parseDay, ymdOf } from './local-date';
import type { AnnouncedDay, AnnouncedYear } from './working-calendar';

export interface CalendarFileIssue {
  line: number;
  column: number;
  path: string;
  message: string;
}

export type CalendarFileResult<T> = { ok: true; value: T } | { ok: false; issues: CalendarFileIssue[] };

/** Days a portal's operator declares: its own days off and working days, with their legal source. */
export interface CalendarOverridesFile {
  source: string;
  days: AnnouncedDay[];
}

type Path = Array<string | number>;

function positionOf(doc: Document, lines: LineCounter, path: Path): { line: number; column: number } {
  let node: unknown = doc.contents;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length)
      node = node.items[segment];
    else break;
  }
  const range = (node as { range?: number[] } | null)?.range;
  const { line, col } = lines.linePos(range?.[0] ?? 0);
  return { line, column: col };
}

class Collector {
  readonly issues: CalendarFileIssue[] = [];
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}
  add(path: Path, message: string): void {
    this.issues.push({ ...positionOf(this.doc, this.lines, path), path: `/${path.join('/')}`, message });
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function text(c: Collector, value: unknown, path: Path, required: boolean): string | null {
  if (value === undefined || value === null) {
    if (required) c.add(path, 'is required');
    return null;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    c.add(path, 'must be a non-empty string');
    return null;
  }
  return value.normalize('NFC').trim();
}

function day(c: Collector, value: unknown, path: Path): DayNumber | null {
  try {
    return parseDay(String(value ?? ''), path.join('.'));
  } catch (e) {
    c.add(path, e instanceof DomainError ? e.text.en : String(e));
    return null;
  }
}

/** Reads `daysOff` and `workingDays` lists: `{ date, to?, nameVi, nameEn? }` entries (`to` makes a range). */
function readDays(
  c: Collector,
  node: Record<string, unknown>,
  base: Path,
  source: string | null,
  allowed: ReadonlySet<string>,
): AnnouncedDay[] {
  for (const key of Object.keys(node)) if (!allowed.has(key)) c.add([...base, key], `unknown field "${key}"`);
  const out: AnnouncedDay[] = [];
  for (const [listName, working] of [
    ['daysOff', false],
    ['workingDays', true],
  ] as const) {
    const list = node[listName];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      c.add([...base, listName], 'must be a list');
      continue;
    }
    list.forEach((entry: unknown, i) => {
      const path = [...base, listName, i];
      if (!isRecord(entry)) return c.add(path, 'must be a mapping with date and nameVi');
      for (const key of Object.keys(entry))
        if (!['date', 'to', 'nameVi', 'nameEn'].includes(key))
          c.add([...path, key], `unknown field "${key}"`);
      const from = day(c, entry.date, [...path, 'date']);
      const to = entry.to === undefined ? from : day(c, entry.to, [...path, 'to']);
      const nameVi = text(c, entry.nameVi, [...path, 'nameVi'], true);
      const nameEn = text(c, entry.nameEn, [...path, 'nameEn'], false);
      if (from === null || to === null || nameVi === null) return;
      if (to < from) return c.add([...path, 'to'], 'must not be before date');
      if (to - from > 31) return c.add([...path, 'to'], 'a range covers at most 32 days');
      for (let d = from; d <= to; d++)
        out.push({ day: d, working, nameVi, nameEn: nameEn ?? nameVi, source });
    });
  }
  const seen = new Set<number>();
  for (const d of out) {
    if (seen.has(d.day))
      c.add(base, `day ${new Date(d.day * 86_400_000).toISOString().slice(0, 10)} is listed twice`);
    seen.add(d.day);
  }
  return out;
}

function open(
  textContent: string,
): { doc: Document; lines: LineCounter; data: unknown; c: Collector } | { issues: CalendarFileIssue[] } {
  const lines = new LineCounter();
  const doc = parseDocument(textContent, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length) {
    return {
      issues: doc.errors.map((e) => ({
        ...(() => {
          const p = lines.linePos(e.pos[0]);
          return { line: p.line, column: p.col };
        })(),
        path: '',
        message: e.message,
      })),
    };
  }
  return { doc, lines, data: doc.toJS(), c: new Collector(doc, lines) };
}

function header(c: Collector, data: Record<string, unknown>, kind: string): void {
  if (data.apiVersion !== 'portal/v1') c.add(['apiVersion'], 'must be "portal/v1"');
  if (data.kind !== kind) c.add(['kind'], `must be "${kind}"`);
}

/** Parses a portal's calendar overrides file (kind CalendarOverrides) with line-precise issues. */
export function parseCalendarOverrides(textContent: string): CalendarFileResult<CalendarOverridesFile> {
  const opened = open(textContent);
  if ('issues' in opened) return { ok: false, issues: opened.issues };
  const { data, c } = opened;
  if (!isRecord(data))
    return { ok: false, issues: [{ line: 1, column: 1, path: '/', message: 'must be a mapping' }] };
  header(c, data, 'CalendarOverrides');
  const source = text(c, data.source, ['source'], true);
  const days = readDays(
    c,
    data,
    [],
    source,
    new Set(['apiVersion', 'kind', 'source', 'daysOff', 'workingDays']),
  );
  if (c.issues.length)
    return { ok: false, issues: c.issues.sort((a, b) => a.line - b.line || a.column - b.column) };
  return { ok: true, value: { source: source!, days } };
}

/** Parses the shipped national schedule (kind NationalSchedule): announced days off and make-up days per year. */
export function parseNationalSchedule(textContent: string): CalendarFileResult<Map<number, AnnouncedYear>> {
  const opened = open(textContent);
  if ('issues' in opened) return { ok: false, issues: opened.issues };
  const { data, c } = opened;
  if (!isRecord(data))
    return { ok: false, issues: [{ line: 1, column: 1, path: '/', message: 'must be a mapping' }] };
  header(c, data, 'NationalSchedule');
  const years = new Map<number, AnnouncedYear>();
  if (!Array.isArray(data.years)) c.add(['years'], 'must be a list');
  else
    data.years.forEach((entry: unknown, i) => {
      if (!isRecord(entry)) return c.add(['years', i], 'must be a mapping');
      const year = entry.year;
      if (typeof year !== 'number' || !Number.isInteger(year))
        return c.add(['years', i, 'year'], 'must be a year');
      const source = text(c, entry.source, ['years', i, 'source'], true);
      const days = readDays(
        c,
        entry,
        ['years', i],
        source,
        new Set(['year', 'source', 'daysOff', 'workingDays']),
      );
      const stray = days.find((d) => ymdOf(d.day).year !== year);
      if (stray) c.add(['years', i], `lists a day outside ${year}`);
      if (years.has(year)) c.add(['years', i, 'year'], `${year} is listed twice`);
      years.set(year, { year, source: source ?? '', days });
    });
  if (c.issues.length)
    return { ok: false, issues: c.issues.sort((a, b) => a.line - b.line || a.column - b.column) };
  return { ok: true, value: years };
}

export function loadNationalSchedule(path: string): Map<number, AnnouncedYear> {
  const parsed = parseNationalSchedule(readFileSync(path, 'utf8'));
  if (!parsed.ok)
    throw new Error(`${path}: ${parsed.issues.map((i) => `${i.line}:${i.column} ${i.message}`).join('; ')}`);
  return parsed.value;
}
