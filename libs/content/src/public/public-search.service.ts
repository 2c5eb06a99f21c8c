import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor, inputError, isUuid, pageSize } from '@portal/platform';
import { PLACEMENT_COLUMNS, PublicItemRow, searchWords } from './public-content.service';
import { ContentErrorCode } from '../errors/content-error-code';

/** A piece of a highlighted text: `hit` when it is one of the words searched for. */
export interface HighlightSegment {
  text: string;
  hit: boolean;
}

export interface SearchHit extends PublicItemRow {
  /** 1 when every word is in the title, 2 when some are only in the summary or body. */
  tier: 1 | 2;
  /** The title with the matched words marked. */
  titleHighlight: HighlightSegment[];
  /** Up to two short passages of the summary and body around the matched words. */
  snippet: HighlightSegment[];
}

export interface SearchPage {
  rows: SearchHit[];
  hasNextPage: boolean;
  endCursor: string | null;
}

// Markers ts_headline puts around matches; stripped from the text first so that they cannot be forged.
const START = '\u0001';
const STOP = '\u0002';
const HEADLINE_OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxWords=28, MinWords=12, ShortWord=1, MaxFragments=2, FragmentDelimiter=" … "`;

/** Splits a ts_headline result at its markers into plain and matched pieces (text, never markup). */
export function highlightSegments(marked: string): HighlightSegment[] {
  const out: HighlightSegment[] = [];
  for (const part of marked.split(START)) {
    const stop = part.indexOf(STOP);
    if (stop >= 0) {
      if (stop > 0) out.push({ text: part.slice(0, stop), hit: true });
      if (stop + 1 < part.length) out.push({ text: part.slice(stop + 1).replaceAll(STOP, ''), hit: false });
    } else if (part) out.push({ text: part, hit: false });
  }
  return out;
}

const TIERS = {
  1: 'r.title_search @@ $q::tsquery',
  2: 'r.search @@ $q::tsquery AND NOT r.title_search @@ $q::tsquery',
} as const;

interface Key {
  id: string;
  at: Date;
}

/**
 * A portal's full-text search, diacritics optional, every word required (the last may be a prefix
 * of a word, as the reader may still be typing). Ranked by where the words are, title first, then
 * newest first; paged by a keyset cursor (tier, date, id), so that page 50 costs what page 1 does.
 *
 * It never tests every item of a portal. Each tier first walks the portal's newest live items, at
 * most `walkRows` of them, testing each (an index-only walk with one probe per item), which fills a
 * page at once when the words are common; when it does not, the words are rare among recent items
 * and the text index (GIN on tenant and vector) hands over every match, which are then few, to be
 * sorted. Items of other portals shown here (syndicated copies) are read by their placement.
 * Highlights are computed for the page's rows only.
 */
// UNSCOPED: anonymous public reads of the host-resolved portal; only live items, by design.
@Injectable()
export class PublicSearchService {
  /** How many of a portal's newest items a tier tests one by one before asking the text index. */
  walkRows = 1_000;

  constructor(private readonly dataSource: DataSource) {}

  async searchPage(
    tenantId: string,
    query: string,
    options: { first?: number | null; after?: string | null; language?: 'vi' | 'en' } = {},
  ): Promise<SearchPage> {
    const words = searchWords(query);
    const limit = pageSize(options.first);
    const language = options.language ?? 'vi';
    const after = options.after ? decodeSearchCursor(options.after) : null;
    // Computed first, so that the planner sees the words and their frequencies.
    const [{ q }]: Array<{ q: string }> = await this.dataSource.query(
      `SELECT to_tsquery('simple', string_agg(quote_literal(portal_unaccent(lower(w))) || CASE WHEN n = cardinality($1::text[]) THEN ':*' ELSE '' END, ' & '))::text AS q
         FROM unnest($1::text[]) WITH ORDINALITY AS t(w, n)`,
      [words],
    );
    const keys: Array<Key & { tier: 1 | 2 }> = [];
    for (const tier of [1, 2] as const) {
      if (after && after.tier > tier) continue;
      const from = after && after.tier === tier ? after : null;
      const found = await this.tier(tenantId, language, q, TIERS[tier], from, limit + 1 - keys.length);
      keys.push(...found.map((k) => ({ ...k, tier })));
      if (keys.length > limit) break;
    }
    const page = keys.slice(0, limit);
    const rows = await this.present(tenantId, q, page);
    const last = page[page.length - 1];
    return {
      rows,
      hasNextPage: keys.length > limit,
      endCursor: last ? encodeCursor([last.tier, last.at.toISOString(), last.id]) : null,
    };
  }

  /** The next `take` matches of one tier after `from`, newest first: own items and copies merged. */
  private async tier(
    tenantId: string,
    language: string,
    q: string,
    match: string,
    from: Key | null,
    take: number,
  ): Promise<Key[]> {
    const cond = match.replaceAll('$q', '$3');
    const params: unknown[] = [tenantId, language, q, take];
    let keyset = '';
    if (from) {
      params.push(from.at.toISOString(), from.id);
      keyset = `AND (i.published_at, i.id) < ($5::timestamptz, $6::uuid)`;
    }
    const own = await this.ownMatches(cond, keyset, params);
    const copies: Key[] = await this.dataSource.query(
      `SELECT p.id, p.place_at AS at FROM public_copies p JOIN content_revisions r ON r.id = p.live_revision_id
        WHERE p.place_tenant_id = $1 AND p.language = $2 AND ${cond} ${keyset.replaceAll('i.published_at', 'p.place_at').replaceAll('i.id', 'p.id')}
        ORDER BY p.place_at DESC, p.id DESC LIMIT $4`,
      params,
    );
    return [...own, ...copies]
      .map((k) => ({ id: k.id, at: new Date(k.at) }))
      .sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
      .slice(0, take);
  }

  private async ownMatches(cond: string, keyset: string, params: unknown[]): Promise<Key[]> {
    // The walk, in index order so that it stops at the page's last match; OFFSET 0 keeps the test a
    // per-row probe of the live revision (never a join with every match).
    const walkParams = [...params, this.walkRows];
    const walked: Key[] = await this.dataSource.query(
      `SELECT w.id, w.published_at AS at FROM (
         SELECT i.id, i.live_revision_id, i.published_at FROM content_items i
          WHERE i.tenant_id = $1 AND i.live_revision_id IS NOT NULL AND i.withdrawn_at IS NULL AND i.language = $2 ${keyset}
          ORDER BY i.published_at DESC, i.id DESC LIMIT $${walkParams.length}) w
        CROSS JOIN LATERAL (SELECT 1 FROM content_revisions r WHERE r.id = w.live_revision_id AND ${cond} OFFSET 0) m
        ORDER BY w.published_at DESC, w.id DESC LIMIT $4`,
      walkParams,
    );
    if (walked.length >= (params[3] as number) || (await this.walkedAll(params))) return walked;
    // Rare words: every match of the portal from the text index, then the newest.
    return this.dataSource.query(
      `WITH m AS MATERIALIZED (SELECT r.id, r.item_id FROM content_revisions r WHERE r.tenant_id = $1 AND ${cond})
       SELECT i.id, i.published_at AS at FROM m JOIN content_items i ON i.id = m.item_id AND i.live_revision_id = m.id
        WHERE i.withdrawn_at IS NULL AND i.language = $2 ${keyset}
        ORDER BY i.published_at DESC, i.id DESC LIMIT $4`,
      params,
    );
  }

  /** Whether the portal has fewer live items (after the cursor) than a walk reads. */
  private async walkedAll(params: unknown[]): Promise<boolean> {
    const keyset = params.length > 4 ? `AND (i.published_at, i.id) < ($3::timestamptz, $4::uuid)` : '';
    const [{ n }] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM content_items i
          WHERE i.tenant_id = $1 AND i.live_revision_id IS NOT NULL AND i.withdrawn_at IS NULL AND i.language = $2 ${keyset}
          LIMIT ${this.walkRows}) x`,
      params.length > 4 ? [params[0], params[1], params[4], params[5]] : [params[0], params[1]],
    );
    return n < this.walkRows;
  }

  /** The page's rows in full, with their highlights (ts_headline runs on these rows only). */
  private async present(
    tenantId: string,
    q: string,
    page: Array<Key & { tier: 1 | 2 }>,
  ): Promise<SearchHit[]> {
    if (page.length === 0) return [];
    const strip = (col: string) => `translate(${col}, E'\\x01\\x02', '')`;
    const rows: Array<PublicItemRow & { title_marked: string; snippet_marked: string }> =
      await this.dataSource.query(
        `SELECT ${PLACEMENT_COLUMNS},
                ts_headline('portal_search', ${strip('COALESCE(p.title_override, r.title)')}, $3::tsquery, $4 || ', HighlightAll=true') AS title_marked,
                ts_headline('portal_search', ${strip(`concat_ws(' — ', COALESCE(p.summary_override, r.summary), r.body_text)`)}, $3::tsquery, $4) AS snippet_marked
           FROM public_placements p JOIN content_revisions r ON r.id = p.live_revision_id
          WHERE p.place_tenant_id = $1 AND p.id = ANY($2::uuid[])`,
        [tenantId, page.map((k) => k.id), q, HEADLINE_OPTIONS],
      );
    const byId = new Map(rows.map((r) => [r.id, r]));
    return page.flatMap((k) => {
      const r = byId.get(k.id);
      if (!r) return [];
      const { title_marked, snippet_marked, ...row } = r;
      return [
        {
          ...row,
          tier: k.tier,
          titleHighlight: highlightSegments(title_marked),
          snippet: highlightSegments(snippet_marked),
        },
      ];
    });
  }
}

function decodeSearchCursor(cursor: string): { tier: 1 | 2; at: Date; id: string } {
  const [tier, at, id] = decodeCursor(cursor, 3);
  if (
    (tier !== 1 && tier !== 2) ||
    typeof id !== 'string' ||
    !isUuid(id) ||
    Number.isNaN(Date.parse(String(at)))
  )
    throw inputError(
      ContentErrorCode.INVALID_CURSOR,
      'after',
      'Con trỏ phân trang không hợp lệ.',
      'The pagination cursor is not valid.',
    );
  return { tier, at: new Date(String(at)), id };
}
