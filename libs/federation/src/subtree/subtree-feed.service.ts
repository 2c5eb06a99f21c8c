import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ContentKind, searchWords } from '@portal/content';
import { RequestContext, can, decodeTimeIdCursor, encodeCursor, isUuid, pageSize } from '@portal/platform';
import { HostRoutingService, RoutedTenant, TenantKind, TenantStatus } from '@portal/tenancy';
import { subtreeOf } from './portal-tree';
import { FederationErrors } from '../errors/federation-errors';

/** Which items of the subtree, by what happened to them across portals. */
export enum SyndicationStatusFilter {
  /** Shown nowhere but on their own portal (nothing accepted or pushed). */
  NOT_SYNDICATED = 'NOT_SYNDICATED',
  /** Accepted by an ancestor's board. */
  SYNDICATED_UP = 'SYNDICATED_UP',
  /** Pushed down to descendants. */
  PUSHED_DOWN = 'PUSHED_DOWN',
  /** Waiting for an ancestor's board. */
  PROPOSED = 'PROPOSED',
}

export interface SubtreeFilter {
  kinds?: ContentKind[] | null;
  /** A category name as portals spell it (“Tin tức, sự kiện”, “tin tuc su kien”): case, diacritics and punctuation ignored. */
  categoryName?: string | null;
  portalKinds?: TenantKind[] | null;
  publishedFrom?: Date | null;
  publishedTo?: Date | null;
  language?: 'vi' | 'en' | null;
  syndication?: SyndicationStatusFilter | null;
  first?: number | null;
  after?: string | null;
}

export interface SubtreeRow {
  id: string;
  tenant_id: string;
  kind: ContentKind;
  category_id: string | null;
  category_name: string | null;
  language: 'vi' | 'en';
  slug: string;
  published_at: Date;
  title: string;
  summary: string | null;
  body_html: string;
  author_name: string;
  source: string;
  revision_number: number;
  revised_at: Date;
}

export interface SubtreeCopy {
  item_id: string;
  target_tenant_id: string;
  direction: 'UP' | 'DOWN';
  state: 'PROPOSED' | 'ACCEPTED';
}

export interface SubtreePage {
  rows: SubtreeRow[];
  /** Open syndications (proposed or shown) of the page's items. */
  copies: SubtreeCopy[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/** A name folded for comparison: no case, no diacritics, punctuation and spacing ignored. */
const folded = (sql: string) =>
  `btrim(regexp_replace(portal_unaccent(lower(${sql})), '[^[:alnum:]]+', ' ', 'g'))`;

const COLUMNS = `i.id, i.tenant_id, i.kind, i.category_id, c.name_vi AS category_name, i.language, i.slug,
  i.published_at, r.title, r.summary, r.body_html, r.author_name, r.source, r.number AS revision_number,
  r.created_at AS revised_at`;

/**
 * The central office's view (docs/domain.md "across"): everything published in a subtree, each item
 * once at its own portal, newest first, with keyset pagination on (published_at, id), so that items
 * published while someone pages through never shift or repeat the pages after their cursor.
 */
// UNSCOPED: the caller's right to read the subtree is checked on its root (SUBTREE-scope roles only);
// below it the query reads live items, which are public.
@Injectable()
export class SubtreeFeedService {
  /**
   * Up to this many portals (or matching categories), a page is merged from one short index probe
   * per portal (its newest items); above it, one walk down the all-portals publication index skipping
   * other portals' items is cheaper. Both read only as far as the page needs, at any depth (keyset
   * cursors). Tests lower it to run the same cases through both plans.
   */
  perPortalLimit = 400;
  /**
   * How many of the newest items a search tests one by one before it asks the text index for every
   * match instead (tests set 0 to run the text-index plan alone).
   */
  searchWalkRows = 100_000;

  constructor(
    private readonly dataSource: DataSource,
    private readonly routing: HostRoutingService,
  ) {}

  /**
   * The subtrees a caller asked for, if they may aggregate them: one root (the addressed portal by
   * default), or with `everywhere` every tree of the federation (the central office: a right over
   * every root, in practice the platform administrators).
   */
  authorizedRoots(ctx: RequestContext, rootTenantId?: string | null, everywhere = false): RoutedTenant[] {
    const denied = FederationErrors.subtreeDenied;
    const allowed = (t: RoutedTenant) =>
      can(ctx, 'aggregate', 'Content', { tenantId: t.id, tenantPath: t.path });
    if (everywhere) {
      const roots = this.routing.roots().filter((t) => t.status === TenantStatus.ACTIVE);
      if (!roots.every(allowed)) throw denied();
      return roots;
    }
    const id = rootTenantId ?? ctx.tenant?.id ?? null;
    const root = id && isUuid(id) ? this.routing.tenant(id) : null;
    if (!root || !allowed(root)) throw denied();
    return [root];
  }

  async page(roots: RoutedTenant[], filter: SubtreeFilter): Promise<SubtreePage> {
    const limit = pageSize(filter.first);
    const all = this.portalsOf(roots);
    const portalKinds = filter.portalKinds?.length ? new Set<string>(filter.portalKinds) : null;
    const portals = portalKinds ? all.filter((t) => portalKinds.has(t.kind)) : all;
    const params: unknown[] = [];
    const add = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    let where = `i.live_revision_id IS NOT NULL AND i.withdrawn_at IS NULL AND i.language = ${add(filter.language ?? 'vi')}`;
    if (filter.kinds?.length) where += ` AND i.kind = ANY(${add(filter.kinds)}::text[])`;
    if (filter.publishedFrom)
      where += ` AND i.published_at >= ${add(this.date(filter.publishedFrom, 'publishedFrom'))}`;
    if (filter.publishedTo)
      where += ` AND i.published_at < ${add(this.date(filter.publishedTo, 'publishedTo'))}`;
    if (filter.after) {
      const { at, id } = decodeTimeIdCursor(filter.after);
      where += ` AND (i.published_at, i.id) < (${add(at)}::timestamptz, ${add(id)}::uuid)`;
    }
    const status = filter.syndication ? this.statusCondition(filter.syndication) : '';
    where += status;

    let categoryIds: string[] | null = null;
    if (filter.categoryName?.trim()) {
      const rows: Array<{ id: string }> = await this.dataSource.query(
        `SELECT id FROM categories WHERE tenant_id = ANY($1::uuid[])
            AND ${folded('name_vi')} = ${folded('$2')}`,
        [portals.map((t) => t.id), filter.categoryName.normalize('NFC').trim()],
      );
      categoryIds = rows.map((r) => r.id);
      if (categoryIds.length === 0) return { rows: [], copies: [], hasNextPage: false, endCursor: null };
    }
    const take = add(limit + 1);
    const join = `JOIN content_revisions r ON r.id = i.live_revision_id LEFT JOIN categories c ON c.id = i.category_id`;
    // The page's keys are merged from one probe per portal; only the page's rows are read in full.
    const keyed = (keys: string) =>
      `SELECT ${COLUMNS} FROM (${keys}) page JOIN content_items i ON i.id = page.id ${join}
        ORDER BY i.published_at DESC, i.id DESC`;
    let sql: string;
    if (categoryIds && categoryIds.length <= this.perPortalLimit) {
      // One probe per matching category (tenant, category, published_at index).
      const cats: Array<{ id: string; tenant_id: string }> = await this.dataSource.query(
        `SELECT id, tenant_id FROM categories WHERE id = ANY($1::uuid[])`,
        [categoryIds],
      );
      sql =
        keyed(`SELECT x.id FROM unnest(${add(cats.map((c) => c.tenant_id))}::uuid[], ${add(cats.map((c) => c.id))}::uuid[]) AS k(tenant_id, category_id)
        CROSS JOIN LATERAL (SELECT i.id, i.published_at FROM content_items i
          WHERE i.tenant_id = k.tenant_id AND i.category_id = k.category_id AND ${where}
          ORDER BY i.published_at DESC, i.id DESC LIMIT ${take}) x
        ORDER BY x.published_at DESC, x.id DESC LIMIT ${take}`);
    } else if (portals.length <= this.perPortalLimit) {
      const categories = categoryIds ? ` AND i.category_id = ANY(${add(categoryIds)}::uuid[])` : '';
      sql = keyed(`SELECT x.id FROM unnest(${add(portals.map((t) => t.id))}::uuid[]) AS k(tenant_id)
        CROSS JOIN LATERAL (SELECT i.id, i.published_at FROM content_items i
          WHERE i.tenant_id = k.tenant_id AND ${where}${categories}
          ORDER BY i.published_at DESC, i.id DESC LIMIT ${take}) x
        ORDER BY x.published_at DESC, x.id DESC LIMIT ${take}`);
    } else {
      const everything = portals.length === this.activePortalCount();
      const tenants = everything ? '' : ` AND i.tenant_id = ANY(${add(portals.map((t) => t.id))}::uuid[])`;
      const categories = categoryIds ? ` AND i.category_id = ANY(${add(categoryIds)}::uuid[])` : '';
      // Walk the publication index in order; the tenant test is a filter, never a bitmap to sort.
      sql = `SELECT ${COLUMNS} FROM (
          SELECT i.* FROM content_items i WHERE ${where}${tenants}${categories}
          ORDER BY i.published_at DESC, i.id DESC LIMIT ${take}) i ${join}
        ORDER BY i.published_at DESC, i.id DESC`;
    }
    const rows: SubtreeRow[] = await this.dataSource.query(sql, params);
    const page = rows.slice(0, limit);
    const copies: SubtreeCopy[] = page.length
      ? await this.dataSource.query(
          `SELECT item_id, target_tenant_id, direction, state FROM syndications
            WHERE item_id = ANY($1::uuid[]) AND state IN ('PROPOSED', 'ACCEPTED') ORDER BY proposed_at, id`,
          [page.map((r) => r.id)],
        )
      : [];
    const last = page[page.length - 1];
    return {
      rows: page,
      copies,
      hasNextPage: rows.length > limit,
      endCursor: last ? encodeCursor([new Date(last.published_at).toISOString(), last.id]) : null,
    };
  }

  /**
   * Search across the subtree, diacritics optional, every word required (the last may be a prefix):
   * title matches first, then matches elsewhere, newest first within each.
   *
   * Each pass first walks the federation's newest items in publication order (at most
   * `searchWalkRows` of them) testing each one, which fills a page at once for common words (a text
   * index would hand over every one of their matches to be sorted); only when that walk does not
   * fill the page (rarer words, or a subtree that is a small share of the items) are all matches
   * collected from the text index and sorted. Skipped for subtrees too small to fill a page in it.
   */
  async search(
    roots: RoutedTenant[],
    query: string,
    options: { first?: number | null; language?: 'vi' | 'en' | null },
  ): Promise<SubtreeRow[]> {
    const words = searchWords(query);
    const limit = pageSize(options.first);
    const portals = this.portalsOf(roots);
    const active = this.activePortalCount();
    const everything = portals.length === active;
    // Computed first, so that the planner sees the words (and their frequencies).
    const [{ q }]: Array<{ q: string }> = await this.dataSource.query(
      `SELECT to_tsquery('simple', string_agg(quote_literal(portal_unaccent(lower(w))) || CASE WHEN n = cardinality($1::text[]) THEN ':*' ELSE '' END, ' & '))::text AS q
         FROM unnest($1::text[]) WITH ORDINALITY AS t(w, n)`,
      [words],
    );
    const language = options.language ?? 'vi';
    const ids = portals.map((t) => t.id);
    const walk = everything || (this.searchWalkRows * portals.length) / Math.max(active, 1) >= 4 * limit;
    // Only the page's rows are read in full.
    const present = (hits: string) =>
      `SELECT ${COLUMNS} FROM (${hits}) hit JOIN content_items i ON i.id = hit.id
         JOIN content_revisions r ON r.id = i.live_revision_id LEFT JOIN categories c ON c.id = i.category_id
        ORDER BY i.published_at DESC, i.id DESC`;
    const pass = async (match: string, take: number): Promise<SubtreeRow[]> => {
      if (walk && this.searchWalkRows > 0) {
        // OFFSET 0 keeps the test a per-row probe (never a hash join with every match).
        const walked: SubtreeRow[] = await this.dataSource.query(
          present(`SELECT w.id, w.published_at FROM (
              SELECT i.id, i.tenant_id, i.language, i.live_revision_id, i.published_at FROM content_items i
               WHERE i.live_revision_id IS NOT NULL AND i.withdrawn_at IS NULL
               ORDER BY i.published_at DESC, i.id DESC LIMIT $4) w
            CROSS JOIN LATERAL (SELECT 1 FROM content_revisions r WHERE r.id = w.live_revision_id AND ${match} OFFSET 0) m
           WHERE w.language = $2 ${everything ? '' : 'AND w.tenant_id = ANY($5::uuid[])'}
           ORDER BY w.published_at DESC, w.id DESC LIMIT $3`),
          everything
            ? [q, language, take, this.searchWalkRows]
            : [q, language, take, this.searchWalkRows, ids],
        );
        if (walked.length >= take) return walked;
      }
      return this.dataSource.query(
        present(`SELECT i.id, i.published_at FROM content_revisions r JOIN content_items i ON i.id = r.item_id AND i.live_revision_id = r.id
           WHERE ${match} ${everything ? '' : 'AND r.tenant_id = ANY($4::uuid[])'} AND i.withdrawn_at IS NULL AND i.language = $2
           ORDER BY i.published_at DESC, i.id DESC LIMIT $3`),
        everything ? [q, language, take] : [q, language, take, ids],
      );
    };
    const inTitle = await pass('r.title_search @@ $1::tsquery', limit);
    if (inTitle.length >= limit) return inTitle;
    return [
      ...inTitle,
      ...(await pass(
        'r.search @@ $1::tsquery AND NOT r.title_search @@ $1::tsquery',
        limit - inTitle.length,
      )),
    ];
  }

  private statusCondition(status: SyndicationStatusFilter): string {
    const exists = (cond: string) =>
      `EXISTS (SELECT 1 FROM syndications s WHERE s.item_id = i.id AND ${cond})`;
    switch (status) {
      case SyndicationStatusFilter.NOT_SYNDICATED:
        return ` AND NOT ${exists(`s.state = 'ACCEPTED'`)}`;
      case SyndicationStatusFilter.SYNDICATED_UP:
        return ` AND ${exists(`s.state = 'ACCEPTED' AND s.direction = 'UP'`)}`;
      case SyndicationStatusFilter.PUSHED_DOWN:
        return ` AND ${exists(`s.state = 'ACCEPTED' AND s.direction = 'DOWN'`)}`;
      case SyndicationStatusFilter.PROPOSED:
        return ` AND ${exists(`s.state = 'PROPOSED'`)}`;
    }
  }

  private date(value: Date, field: string): string {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw FederationErrors.invalidDate(field);
    return value.toISOString();
  }

  private portalsOf(roots: RoutedTenant[]): RoutedTenant[] {
    return roots
      .flatMap((root) => subtreeOf(this.routing, root))
      .filter((t) => t.status === TenantStatus.ACTIVE);
  }

  private counted = { version: -1, active: 0 };
  /** Active portals of the whole federation (when a query covers them all, it needs no portal test). */
  private activePortalCount(): number {
    if (this.counted.version !== this.routing.version)
      this.counted = {
        version: this.routing.version,
        active: this.portalsOf(this.routing.roots()).length,
      };
    return this.counted.active;
  }
}
