import { DomainError, inputError } from '@portal/platform';
import { ContentErrorCode } from '../errors/content-error-code';

/** Tình trạng hiệu lực, as the national legal database shows it. */
export enum LegalValidity {
  IN_FORCE = 'IN_FORCE',
  PARTLY_IN_FORCE = 'PARTLY_IN_FORCE',
  EXPIRED = 'EXPIRED',
  NOT_YET_EFFECTIVE = 'NOT_YET_EFFECTIVE',
}

/** A relation as it is stored: once, from the document that acts on the other. */
export enum StoredLegalRelation {
  REPLACES = 'REPLACES',
  AMENDS = 'AMENDS',
  GUIDES = 'GUIDES',
}

/** A relation as read from one document: the stored kinds and their inverses. */
export enum LegalRelationKind {
  REPLACES = 'REPLACES',
  REPLACED_BY = 'REPLACED_BY',
  AMENDS = 'AMENDS',
  AMENDED_BY = 'AMENDED_BY',
  GUIDES = 'GUIDES',
  GUIDED_BY = 'GUIDED_BY',
}

const INVERSE: Record<LegalRelationKind, { stored: StoredLegalRelation; reversed: boolean }> = {
  REPLACES: { stored: StoredLegalRelation.REPLACES, reversed: false },
  REPLACED_BY: { stored: StoredLegalRelation.REPLACES, reversed: true },
  AMENDS: { stored: StoredLegalRelation.AMENDS, reversed: false },
  AMENDED_BY: { stored: StoredLegalRelation.AMENDS, reversed: true },
  GUIDES: { stored: StoredLegalRelation.GUIDES, reversed: false },
  GUIDED_BY: { stored: StoredLegalRelation.GUIDES, reversed: true },
};

/**
 * The stored form of "this document <kind> that one": `REPLACED_BY` is the other's `REPLACES`,
 * so that one row answers both documents' pages.
 */
export function storedRelation(
  thisId: string,
  kind: LegalRelationKind,
  otherId: string,
): { fromId: string; toId: string; kind: StoredLegalRelation } {
  const { stored, reversed } = INVERSE[kind];
  return reversed
    ? { fromId: otherId, toId: thisId, kind: stored }
    : { fromId: thisId, toId: otherId, kind: stored };
}

const PASSIVE: Record<StoredLegalRelation, LegalRelationKind> = {
  REPLACES: LegalRelationKind.REPLACED_BY,
  AMENDS: LegalRelationKind.AMENDED_BY,
  GUIDES: LegalRelationKind.GUIDED_BY,
};

/** How a stored relation reads from one of its two documents. */
export function relationAsSeenFrom(
  stored: StoredLegalRelation,
  fromId: string,
  seenFromId: string,
): LegalRelationKind {
  if (seenFromId === fromId) return stored as unknown as LegalRelationKind;
  return PASSIVE[stored];
}

export const VALIDITY_LABELS: Record<LegalValidity, { vi: string; en: string }> = {
  IN_FORCE: { vi: 'Còn hiệu lực', en: 'In force' },
  PARTLY_IN_FORCE: { vi: 'Hết hiệu lực một phần', en: 'Partly in force' },
  EXPIRED: { vi: 'Hết hiệu lực toàn bộ', en: 'Expired' },
  NOT_YET_EFFECTIVE: { vi: 'Chưa có hiệu lực', en: 'Not yet in force' },
};

export const RELATION_LABELS: Record<LegalRelationKind, { vi: string; en: string }> = {
  REPLACES: { vi: 'Thay thế văn bản', en: 'Replaces' },
  REPLACED_BY: { vi: 'Bị thay thế bởi', en: 'Replaced by' },
  AMENDS: { vi: 'Sửa đổi, bổ sung văn bản', en: 'Amends' },
  AMENDED_BY: { vi: 'Được sửa đổi, bổ sung bởi', en: 'Amended by' },
  GUIDES: { vi: 'Hướng dẫn thi hành văn bản', en: 'Guides' },
  GUIDED_BY: { vi: 'Được hướng dẫn bởi', en: 'Guided by' },
};

/** Hosts of the national database of legal documents (Cơ sở dữ liệu quốc gia về văn bản pháp luật). */
const NATIONAL_DB_HOSTS = /^(?:[a-z0-9-]+\.)*(?:vbpl\.vn|phapluat\.gov\.vn)$/;

/**
 * A link to the document's entry in the national database: an https (or http) address on vbpl.vn or
 * phapluat.gov.vn, at most 1000 characters, no credentials. Anything else is a typed error, so a
 * public page never links to a look-alike host.
 */
export function checkNationalDbUrl(value: string, field = 'nationalDbUrl'): string | DomainError {
  const text = value.normalize('NFC').trim();
  let url: URL | null;
  try {
    url = text.length <= 1000 ? new URL(text) : null;
  } catch {
    url = null;
  }
  if (
    !url ||
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.username ||
    url.password ||
    url.port ||
    !NATIONAL_DB_HOSTS.test(url.hostname)
  )
    return inputError(
      ContentErrorCode.INVALID_NATIONAL_DB_URL,
      field,
      'Liên kết phải là địa chỉ của Cơ sở dữ liệu quốc gia về văn bản pháp luật (https://vbpl.vn/…).',
      'The link must be an address in the national legal database (https://vbpl.vn/…).',
    );
  return url.toString();
}

/** A calendar date `YYYY-MM-DD` that exists. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The validity a reader sees: a document past its expiry date reads as expired, whatever was stated. */
export function validityOn(stated: LegalValidity, expiryDate: string | null, today: string): LegalValidity {
  return expiryDate && expiryDate <= today ? LegalValidity.EXPIRED : stated;
}

/** The SQL of `validityOn` over a status row `s` (today in Vietnam). */
export const VALIDITY_NOW_SQL = `CASE WHEN s.expiry_date <= (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date THEN 'EXPIRED' ELSE s.validity END`;

export interface ValidityInput {
  validity: string;
  expiryDate?: string | null;
  nationalDbUrl?: string | null;
}

export interface CleanValidity {
  validity: LegalValidity;
  expiryDate: string | null;
  nationalDbUrl: string | null;
}

/** Checks a statement of validity; `prefix` names the fields of a file's line (e.g. `line 4: validity`). */
export function checkValidity(input: ValidityInput, prefix = ''): CleanValidity | DomainError {
  if (!Object.values(LegalValidity).includes(input.validity as LegalValidity))
    return inputError(
      ContentErrorCode.INVALID_VALIDITY,
      `${prefix}validity`,
      'Tình trạng hiệu lực phải là IN_FORCE, PARTLY_IN_FORCE, EXPIRED hoặc NOT_YET_EFFECTIVE.',
      'The validity must be IN_FORCE, PARTLY_IN_FORCE, EXPIRED or NOT_YET_EFFECTIVE.',
    );
  const expiry = input.expiryDate?.trim() || null;
  if (expiry && !isCalendarDate(expiry))
    return inputError(
      ContentErrorCode.INVALID_DATE,
      `${prefix}expiryDate`,
      'Ngày hết hiệu lực phải là ngày dạng YYYY-MM-DD.',
      'The expiry date must be a date (YYYY-MM-DD).',
    );
  let url: string | null = null;
  if (input.nationalDbUrl?.trim()) {
    const checked = checkNationalDbUrl(input.nationalDbUrl, `${prefix}nationalDbUrl`);
    if (checked instanceof DomainError) return checked;
    url = checked;
  }
  return { validity: input.validity as LegalValidity, expiryDate: expiry, nationalDbUrl: url };
}
