import type { ImportProblem, ImportRow, TabularSpec } from '../import/tabular-file';
import { isCalendarDate } from '../legal/legal-validity';
import { plainText } from '../sanitize/html-sanitizer';

/**
 * How far a service is online (Decree 42/2022 art. 11, 05/2024/QĐ-UBND art. 4.2.d): wholly
 * (toàn trình), in part (một phần), or only in person (the earlier levels 4, 3 and 1–2).
 */
export enum ServiceLevel {
  FULL_ONLINE = 'FULL_ONLINE',
  PARTIAL_ONLINE = 'PARTIAL_ONLINE',
  OFFLINE = 'OFFLINE',
}

export const SERVICE_LEVEL_LABELS: Record<ServiceLevel, { vi: string; en: string }> = {
  FULL_ONLINE: { vi: 'Toàn trình', en: 'Fully online' },
  PARTIAL_ONLINE: { vi: 'Một phần', en: 'Partly online' },
  OFFLINE: { vi: 'Trực tiếp', en: 'In person' },
};

/** The file of a catalogue import (docs/citizens.md, "Administrative procedures and online public services"). */
export const SERVICE_IMPORT: TabularSpec = {
  columns: [
    'code',
    'name',
    'nameEn',
    'field',
    'level',
    'portalUrl',
    'received',
    'processed',
    'countsAsOf',
    'status',
  ],
  listColumns: [],
  required: ['code'],
  jsonKey: 'services',
  maxRows: 5000,
};

export interface CleanServiceRow {
  line: number;
  code: string;
  /** Absent when the line only updates the counts (or the status) of a known service. */
  nameVi: string | null;
  nameEn: string | null;
  field: string | null;
  level: ServiceLevel | null;
  portalUrl: string | null;
  receivedCount: number | null;
  processedCount: number | null;
  countsAsOf: string | null;
  withdrawn: boolean;
  /** Whether the line gave a status (a known service's standing changes only when it does). */
  statusGiven: boolean;
}

const MAX_COUNT = 2_147_483_647;

/**
 * The address of the service on a public-service portal: http(s) on a government host (`*.gov.vn`,
 * e.g. dichvucong.gov.vn, dichvucong.hochiminhcity.gov.vn), no credentials or port.
 */
export function checkServiceUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if (value.length > 1000 || (url.protocol !== 'https:' && url.protocol !== 'http:')) return null;
  if (url.username || url.password || url.port) return null;
  if (!/^(?:[a-z0-9-]+\.)+gov\.vn$/.test(url.hostname)) return null;
  return url.toString();
}

/** Checks one line of a catalogue file; every problem on it is named. */
export function checkServiceRow(row: ImportRow): CleanServiceRow | ImportProblem[] {
  const v = row.values;
  const problems: ImportProblem[] = [];
  const bad = (field: string, code: string, vi: string, en: string) =>
    problems.push({ line: row.line, field, code, vi, en });
  const code = v.code ?? '';
  if (!code || code.length > 50)
    bad(
      'code',
      'REQUIRED',
      'Cần mã thủ tục (tối đa 50 ký tự).',
      'The procedure code is required (at most 50 characters).',
    );
  const text = (key: string, max: number) => {
    const t = v[key] ? plainText(v[key]) : '';
    if (t.length > max) bad(key, 'TOO_LONG', `Dài quá ${max} ký tự.`, `Longer than ${max} characters.`);
    return t || null;
  };
  const nameVi = text('name', 1000);
  const nameEn = text('nameEn', 1000);
  const field = text('field', 200);
  let level: ServiceLevel | null = null;
  if (v.level) {
    if (Object.values(ServiceLevel).includes(v.level as ServiceLevel)) level = v.level as ServiceLevel;
    else
      bad(
        'level',
        'INVALID_LEVEL',
        'Mức độ phải là FULL_ONLINE, PARTIAL_ONLINE hoặc OFFLINE.',
        'The level must be FULL_ONLINE, PARTIAL_ONLINE or OFFLINE.',
      );
  }
  let portalUrl: string | null = null;
  if (v.portalUrl) {
    portalUrl = checkServiceUrl(v.portalUrl);
    if (!portalUrl)
      bad(
        'portalUrl',
        'INVALID_SERVICE_URL',
        'Liên kết phải là địa chỉ trên Cổng dịch vụ công (https://…gov.vn/…).',
        'The link must be an address on a public-service portal (https://…gov.vn/…).',
      );
  }
  const count = (key: string): number | null => {
    if (!v[key]) return null;
    if (!/^\d+$/.test(v[key]) || Number(v[key]) > MAX_COUNT) {
      bad(key, 'INVALID_COUNT', 'Phải là số nguyên không âm.', 'Must be a whole number, not negative.');
      return null;
    }
    return Number(v[key]);
  };
  const receivedCount = count('received');
  const processedCount = count('processed');
  const countsAsOf = v.countsAsOf ?? null;
  if (countsAsOf && !isCalendarDate(countsAsOf))
    bad('countsAsOf', 'INVALID_DATE', 'Ngày phải có dạng YYYY-MM-DD.', 'The date must be YYYY-MM-DD.');
  if ((receivedCount !== null || processedCount !== null) && !countsAsOf)
    bad('countsAsOf', 'REQUIRED', 'Cần ngày chốt số liệu.', 'The counts need the date they were taken.');
  const status = v.status ?? 'ACTIVE';
  if (status !== 'ACTIVE' && status !== 'WITHDRAWN')
    bad(
      'status',
      'INVALID_STATUS',
      'Trạng thái phải là ACTIVE hoặc WITHDRAWN.',
      'The status must be ACTIVE or WITHDRAWN.',
    );
  if (problems.length) return problems;
  return {
    line: row.line,
    code,
    nameVi,
    nameEn,
    field,
    level,
    portalUrl,
    receivedCount,
    processedCount,
    countsAsOf,
    withdrawn: status === 'WITHDRAWN',
    statusGiven: !!v.status,
  };
}
