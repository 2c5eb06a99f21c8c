import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decodeTimeIdCursor, encodeCursor, inputError, isUuid, pageSize } from '@portal/platform';
import { ContentKind } from '../kinds/content-kind';
import { LegalValidity, VALIDITY_NOW_SQL } from '../legal/legal-validity';
import { ContentErrorCode } from '../errors/content-error-code';

export interface PublicItemRow {
  id: string;
  /** The portal the item belongs to (its source). */
  tenant_id: string;
  kind: ContentKind;
  /** The category where it shows on the portal read (the receiving portal's own for a copy). */
  category_id: string | null;
  language: 'vi' | 'en';
  /** Its address on the portal read. */
  slug: string;
  published_at: Date;
  /** When it took its place on the portal read: publication, or acceptance of a copy. */
  place_at: Date;
  pinned: boolean;
  title: string;
  summary: string | null;
  body_html: string;
  fields: Record<string, unknown>;
  author_name: string;
  source: string;
  revision_number: number;
  /** When the live revision was written (the item's last public change). */
  revised_at: Date;
  /** Set when the row is a copy of another portal's item. */
  syndication_id: string | null;
  syndication_direction: 'UP' | 'DOWN' | null;
  /** The item's address on its own portal (the canonical one). */
  source_slug: string;
  rank?: number;
  /** Legal documents (the legal search): the validity today, when the portal stated one. */
  validity?: LegalValidity | null;
  expiry_date?: string | null;
}

export interface PublicPage {
  rows: PublicItemRow[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/**
 * Public reads go through the placement views (migration 850): a portal's own live items
 * (`public_own`) and the live items of other portals shown there (`public_copies`, syndication).
 * `p` is the placement, `r` its live revision; a copy may carry the receiving board's own title and
 * summary.
 */
export const PLACEMENT_COLUMNS = `p.id, p.tenant_id, p.kind, p.place_category_id AS category_id, p.language,
  p.place_slug AS slug, p.published_at, p.place_at, p.place_pinned AS pinned,
  COALESCE(p.title_override, r.title) AS title, COALESCE(p.summary_override, r.summary) AS summary,
  r.body_html, r.fields, r.author_name, r.source, r.number AS revision_number, r.created_at AS revised_at,
  p.syndication_id, p.syndication_direction, p.source_slug`;
const FROM = `public_placements p JOIN content_revisions r ON r.id = p.live_revision_id`;

/**
 * The words of a search as the text index sees them (NFC, letters and digits, at most twelve); a
 * query with none is a typed error.
 */
export function searchWords(query: string): string[] {
  const words = query
    .normalize('NFC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 12);
  if (words.length === 0)
    throw inputError(
      ContentErrorCode.EMPTY_QUERY,
      'query',
      'Vui lòng nhập từ khóa tìm kiếm.',
      'Please enter something to search for.',
    );
  return words;
}

/**
 * The newest placements matching a condition on `p` (and `r`, the live revision, when `withRevision`),
 * own items and copies each read in index order up to `limit`, then merged. Each branch needs its
 * own ORDER BY and LIMIT: over the union view the planner would sort every match.
 */
export function newestPlacements(
  where: { own: string; copies: string } | string,
  limit: string,
  withRevision = false,
): string {
  const join = withRevision ? 'JOIN content_revisions r ON r.id = p.live_revision_id' : '';
  const branch = (view: string, condition: string) =>
    `(SELECT p.* FROM ${view} p ${join} WHERE ${condition} ORDER BY p.place_at DESC, p.id DESC LIMIT ${limit})`;
  const { own, copies } = typeof where === 'string' ? { own: where, copies: where } : where;
  return `(${branch('public_own', own)} UNION ALL ${branch('public_copies', copies)})`;
}

/** `SELECT PLACEMENT_COLUMNS` over the newest placements, newest first. */
export function selectNewest(
  where: { own: string; copies: string } | string,
  limit: string,
  withRevision = false,
): string {
  return `SELECT ${PLACEMENT_COLUMNS} FROM ${newestPlacements(where, limit, withRevision)} p
    JOIN content_revisions r ON r.id = p.live_revision_id
    ORDER BY p.place_at DESC, p.id DESC LIMIT ${limit}`;
}

/**
 * What the public reads: only live (published, not withdrawn) items, only of the portal the request
 * addressed. Lists are keyset-paginated on (published_at, id); search ignores diacritics.
 * The tenant condition here is the portal's own id, given by host resolution, not a caller's choice.
 */
// UNSCOPED: anonymous public reads of the host-resolved portal; only live items, by design.
@Injectable()
export class PublicContentService {
  constructor(private readonly dataSource: DataSource) {}

  async list(
    tenantId: string,
    filter: {
      categoryId?: string | null;
      kind?: ContentKind | null;
      language?: 'vi' | 'en';
      first?: number | null;
      after?: string | null;
    },
  ): Promise<PublicPage> {
    const limit = pageSize(filter.first);
    const params: unknown[] = [tenantId, filter.language ?? 'vi'];
    let where = `p.place_tenant_id = $1 AND p.language = $2`;
    if (filter.categoryId) {
      params.push(isUuid(filter.categoryId) ? filter.categoryId : null);
      where += ` AND p.place_category_id = $${params.length}`;
    }
    if (filter.kind) {
      params.push(filter.kind);
      where += ` AND p.kind = $${params.length}`;
    }
    if (filter.after) {
      const { at, id } = decodeTimeIdCursor(filter.after);
      params.push(at, id);
      where += ` AND (p.place_at, p.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    params.push(limit + 1);
    const rows: PublicItemRow[] = await this.dataSource.query(
      selectNewest(where, `$${params.length}`),
      params,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      rows: page,
      hasNextPage: rows.length > limit,
      endCursor: last ? encodeCursor([new Date(last.place_at).toISOString(), last.id]) : null,
    };
  }

  async bySlug(tenantId: string, slug: string, language: 'vi' | 'en' = 'vi'): Promise<PublicItemRow | null> {
    const rows: PublicItemRow[] = await this.dataSource.query(
      `SELECT ${PLACEMENT_COLUMNS} FROM ${FROM}
        WHERE p.place_tenant_id = $1 AND p.language = $2 AND p.place_slug = $3`,
      [tenantId, language, slug],
    );
    return rows[0] ?? null;
  }

  /** The slug on this portal of the live English translation of a Vietnamese item, if there is one. */
  async englishSlug(tenantId: string, itemId: string): Promise<string | null> {
    const rows: Array<{ slug: string }> = await this.dataSource.query(
      `SELECT p.place_slug AS slug FROM public_placements p JOIN content_items i ON i.id = p.id
        WHERE p.place_tenant_id = $1 AND p.language = 'en' AND i.translation_of = $2
        ORDER BY p.published_at DESC LIMIT 1`,
      [tenantId, itemId],
    );
    return rows[0]?.slug ?? null;
  }

  /**
   * The slug on this portal of the live other-language version of an item (its English translation,
   * or the Vietnamese original of a translation), or null: what the website's language switch
   * opens. Both directions use `translation_of`'s index or the primary key.
   */
  async translationSlug(tenantId: string, itemId: string, language: 'vi' | 'en'): Promise<string | null> {
    if (!isUuid(itemId)) return null;
    const rows: Array<{ slug: string }> = await this.dataSource.query(
      `WITH pair AS (
         SELECT id FROM content_items WHERE translation_of = $2
         UNION ALL
         SELECT translation_of FROM content_items WHERE id = $2 AND translation_of IS NOT NULL)
       SELECT p.place_slug AS slug FROM public_placements p JOIN pair ON pair.id = p.id
        WHERE p.place_tenant_id = $1 AND p.language = $3
        ORDER BY p.published_at DESC LIMIT 1`,
      [tenantId, itemId, language],
    );
    return rows[0]?.slug ?? null;
  }

  /**
   * Whether the portal once published an item at this address and withdrew it (the website answers
   * 410 Gone instead of 404). Says nothing else about the item.
   */
  async wasWithdrawn(tenantId: string, slug: string, language: 'vi' | 'en' = 'vi'): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM content_items
        WHERE tenant_id = $1 AND language = $2 AND slug = $3 AND withdrawn_at IS NOT NULL AND published_at IS NOT NULL
        LIMIT 1`,
      [tenantId, language, slug],
    );
    return rows.length > 0;
  }

  async byId(tenantId: string, id: string): Promise<PublicItemRow | null> {
    const rows: PublicItemRow[] = await this.dataSource.query(
      `SELECT ${PLACEMENT_COLUMNS} FROM ${FROM}
        WHERE p.place_tenant_id = $1 AND p.id = $2`,
      [tenantId, id],
    );
    return rows[0] ?? null;
  }

  /** Legal documents by their fields (641/QĐ-UBND art. 14): form, issuer, number, field, issue-date range. */
  async legalDocuments(
    tenantId: string,
    filter: {
      form?: string | null;
      issuer?: string | null;
      number?: string | null;
      field?: string | null;
      issuedFrom?: string | null;
      issuedTo?: string | null;
      /** Validity today (a document past its expiry date is EXPIRED); documents with none stated never match. */
      validity?: LegalValidity | string | null;
      first?: number | null;
      /** Only documents of this language (the website's page); all when absent. */
      language?: 'vi' | 'en' | null;
    },
  ): Promise<PublicItemRow[]> {
    const params: unknown[] = [tenantId, ContentKind.LEGAL_DOCUMENT];
    let where = `p.place_tenant_id = $1 AND p.kind = $2`;
    // "Contains" filters: the user's % and _ are literal characters, not LIKE wildcards.
    const contains = (v: string) => v.replace(/[\\%_]/g, (c) => `\\${c}`);
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where += ` AND ${sql.replace('?', `$${params.length}`)}`;
    };
    if (filter.language) add(`p.language = ?`, filter.language);
    if (filter.form) add(`r.fields->>'form' = ?`, filter.form);
    if (filter.number)
      add(
        `portal_unaccent(lower(r.fields->>'number')) LIKE '%' || portal_unaccent(lower(?)) || '%'`,
        contains(filter.number),
      );
    if (filter.issuer)
      add(
        `portal_unaccent(lower(r.fields->>'issuer')) LIKE '%' || portal_unaccent(lower(?)) || '%'`,
        contains(filter.issuer),
      );
    if (filter.field)
      add(
        `portal_unaccent(lower(r.fields->>'field')) LIKE '%' || portal_unaccent(lower(?)) || '%'`,
        contains(filter.field),
      );
    for (const [key, op] of [
      ['issuedFrom', '>='],
      ['issuedTo', '<='],
    ] as const) {
      const v = filter[key];
      if (!v) continue;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v))
        throw inputError(
          ContentErrorCode.INVALID_DATE,
          key,
          'Ngày không hợp lệ (YYYY-MM-DD).',
          'Not a date (YYYY-MM-DD).',
        );
      add(`r.fields->>'issueDate' ${op} ?`, v);
    }
    if (filter.validity) {
      if (!Object.values(LegalValidity).includes(filter.validity as LegalValidity))
        throw inputError(
          ContentErrorCode.INVALID_VALIDITY,
          'validity',
          'Tình trạng hiệu lực không hợp lệ.',
          'Unknown validity.',
        );
      add(`${VALIDITY_NOW_SQL} = ?`, filter.validity);
    }
    params.push(pageSize(filter.first));
    return this.dataSource.query(
      `SELECT ${PLACEMENT_COLUMNS}, ${VALIDITY_NOW_SQL} AS validity, s.expiry_date::text AS expiry_date
         FROM ${FROM} LEFT JOIN legal_document_status s ON s.item_id = p.id
        WHERE ${where} ORDER BY r.fields->>'issueDate' DESC, p.id DESC LIMIT $${params.length}`,
      params,
    );
  }
}
