import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor, inputError, isUuid, pageSize } from '@portal/platform';
import { ContentKind } from '../kinds/content-kind';

export interface PublicItemRow {
  id: string;
  tenant_id: string;
  kind: ContentKind;
  category_id: string | null;
  language: 'vi' | 'en';
  slug: string;
  published_at: Date;
  pinned: boolean;
  title: string;
  summary: string | null;
  body_html: string;
  fields: Record<string, unknown>;
  author_name: string;
  source: string;
  revision_number: number;
  rank?: number;
}

export interface PublicPage {
  rows: PublicItemRow[];
  hasNextPage: boolean;
  endCursor: string | null;
}

const LIVE = `i.live_revision_id IS NOT NULL AND i.withdrawn_at IS NULL`;
const COLUMNS = `i.id, i.tenant_id, i.kind, i.category_id, i.language, i.slug, i.published_at, i.pinned,
  r.title, r.summary, r.body_html, r.fields, r.author_name, r.source, r.number AS revision_number`;

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
    let where = `i.tenant_id = $1 AND i.language = $2 AND ${LIVE}`;
    if (filter.categoryId) {
      params.push(isUuid(filter.categoryId) ? filter.categoryId : null);
      where += ` AND i.category_id = $${params.length}`;
    }
    if (filter.kind) {
      params.push(filter.kind);
      where += ` AND i.kind = $${params.length}`;
    }
    if (filter.after) {
      const [at, id] = decodeCursor(filter.after, 2);
      if (!isUuid(id) || Number.isNaN(Date.parse(String(at))))
        throw inputError(
          'INVALID_CURSOR',
          'after',
          'Con trỏ phân trang không hợp lệ.',
          'The pagination cursor is not valid.',
        );
      params.push(String(at), id);
      where += ` AND (i.published_at, i.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    params.push(limit + 1);
    const rows: PublicItemRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM content_items i JOIN content_revisions r ON r.id = i.live_revision_id
        WHERE ${where} ORDER BY i.published_at DESC, i.id DESC LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      rows: page,
      hasNextPage: rows.length > limit,
      endCursor: last ? encodeCursor([new Date(last.published_at).toISOString(), last.id]) : null,
    };
  }

  async bySlug(tenantId: string, slug: string, language: 'vi' | 'en' = 'vi'): Promise<PublicItemRow | null> {
    const rows: PublicItemRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM content_items i JOIN content_revisions r ON r.id = i.live_revision_id
        WHERE i.tenant_id = $1 AND i.language = $2 AND i.slug = $3 AND ${LIVE}`,
      [tenantId, language, slug],
    );
    return rows[0] ?? null;
  }

  async byId(tenantId: string, id: string): Promise<PublicItemRow | null> {
    const rows: PublicItemRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM content_items i JOIN content_revisions r ON r.id = i.live_revision_id
        WHERE i.tenant_id = $1 AND i.id = $2 AND ${LIVE}`,
      [tenantId, id],
    );
    return rows[0] ?? null;
  }

  /**
   * Full-text search without diacritics: "ubnd quan 1 ke hoach" finds "UBND Quận 1 … kế hoạch".
   * Every word must match (title, summary or body); title matches rank first, then recency.
   */
  async search(
    tenantId: string,
    query: string,
    first?: number | null,
    language: 'vi' | 'en' = 'vi',
  ): Promise<PublicItemRow[]> {
    const words = query
      .normalize('NFC')
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 0)
      .slice(0, 12);
    if (words.length === 0)
      throw inputError(
        'EMPTY_QUERY',
        'query',
        'Vui lòng nhập từ khóa tìm kiếm.',
        'Please enter something to search for.',
      );
    const limit = pageSize(first);
    // Every word must match; the last one may be a prefix (the reader is still typing).
    const tsquery = `SELECT to_tsquery('simple', string_agg(quote_literal(portal_unaccent(lower(w))) || CASE WHEN n = cardinality($3::text[]) THEN ':*' ELSE '' END, ' & '))
                       FROM unnest($3::text[]) WITH ORDINALITY AS t(w, n)`;
    const search = (column: 'title_search' | 'search', extra: string, take: number) =>
      this.dataSource.query(
        `WITH q AS (${tsquery})
         SELECT ${COLUMNS} FROM content_revisions r JOIN content_items i ON i.live_revision_id = r.id
          WHERE r.tenant_id = $1 AND r.${column} @@ (SELECT * FROM q) AND i.tenant_id = $1 AND i.language = $2 AND ${LIVE} ${extra}
          ORDER BY i.published_at DESC, i.id DESC
          LIMIT $4`,
        [tenantId, language, words, take],
      ) as Promise<PublicItemRow[]>;
    // Title matches first (newest first), then items matching elsewhere: two index searches, the
    // second only when the first did not fill the page.
    const inTitle = await search('title_search', '', limit);
    if (inTitle.length >= limit) return inTitle;
    const rest = await search(
      'search',
      `AND NOT (r.title_search @@ (SELECT * FROM q))`,
      limit - inTitle.length,
    );
    return [...inTitle, ...rest];
  }

  /** Legal documents by their fields (003 art. 14): form, issuer, number, field, issue-date range. */
  async legalDocuments(
    tenantId: string,
    filter: {
      form?: string | null;
      issuer?: string | null;
      number?: string | null;
      field?: string | null;
      issuedFrom?: string | null;
      issuedTo?: string | null;
      first?: number | null;
    },
  ): Promise<PublicItemRow[]> {
    const params: unknown[] = [tenantId, ContentKind.LEGAL_DOCUMENT];
    let where = `i.tenant_id = $1 AND i.kind = $2 AND ${LIVE}`;
    // "Contains" filters: the user's % and _ are literal characters, not LIKE wildcards.
    const contains = (v: string) => v.replace(/[\\%_]/g, (c) => `\\${c}`);
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where += ` AND ${sql.replace('?', `$${params.length}`)}`;
    };
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
        throw inputError('INVALID_DATE', key, 'Ngày không hợp lệ (YYYY-MM-DD).', 'Not a date (YYYY-MM-DD).');
      add(`r.fields->>'issueDate' ${op} ?`, v);
    }
    params.push(pageSize(filter.first));
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM content_items i JOIN content_revisions r ON r.id = i.live_revision_id
        WHERE ${where} ORDER BY r.fields->>'issueDate' DESC, i.id DESC LIMIT $${params.length}`,
      params,
    );
  }
}
