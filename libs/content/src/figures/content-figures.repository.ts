import { Injectable } from '@nestjs/common';
import { RequestContext, UnscopedReads } from '@portal/platform';

/** A period as reports count it: from `start` (inclusive) to `end` (exclusive). */
export interface FigureWindow {
  start: Date;
  end: Date;
}

/**
 * One count of the items a set of portals published in a period. `portal` is the owning portal
 * when counted per portal, null when the set is rolled up. `AUTHOR` rows count per author and the
 * portal the item belongs to (`tenantId`, `accountId`), for a caller that groups authors further.
 */
export interface PublishedCountRow {
  portal: string | null;
  dimension: 'TOTAL' | 'KIND' | 'LANGUAGE' | 'CATEGORY' | 'AUTHOR';
  key: string | null;
  tenantId: string | null;
  accountId: string | null;
  count: number;
}

const REASON = "a report's portals, each authorised by the reporting scope before the read";

/**
 * Content's figures for the reports of the managing agencies (05/2024/QĐ-UBND art. 24): items
 * published, by kind, language, category and author, and the draft documents open for comment.
 * A report covers a set of portals the caller holds `read Report` on, so these reads reach across
 * portals by design; each row is counted on the portal that owns it.
 */
@Injectable()
export class ContentFiguresRepository {
  constructor(private readonly reads: UnscopedReads) {}

  async published(
    ctx: RequestContext,
    portalIds: string[],
    w: FigureWindow,
    perPortal: boolean,
  ): Promise<PublishedCountRow[]> {
    const rows = await this.reads.acrossPortals(ctx, portalIds, REASON).query<{
      portal: string | null;
      dimension: PublishedCountRow['dimension'];
      key: string | null;
      tenant_id: string | null;
      account_id: string | null;
      count: string;
    }>(
      `WITH items AS (
         SELECT i.id, i.tenant_id, i.kind, i.language, i.category_id, i.created_by,
                CASE WHEN $4 THEN i.tenant_id END AS portal
           FROM content_items i
          WHERE i.tenant_id = ANY($1::uuid[]) AND i.published_at >= $2 AND i.published_at < $3)
       SELECT portal, 'TOTAL' AS dimension, NULL AS key, NULL::uuid AS tenant_id, NULL::uuid AS account_id,
              count(*) FROM items GROUP BY portal
       UNION ALL SELECT portal, 'KIND', kind, NULL, NULL, count(*) FROM items GROUP BY portal, kind
       UNION ALL SELECT portal, 'LANGUAGE', language, NULL, NULL, count(*) FROM items GROUP BY portal, language
       UNION ALL
       SELECT it.portal, 'CATEGORY', c.name_vi, NULL, NULL, count(*)
         FROM items it LEFT JOIN categories c ON c.id = it.category_id GROUP BY it.portal, c.name_vi
       UNION ALL
       SELECT portal, 'AUTHOR', NULL, tenant_id, created_by, count(*)
         FROM items GROUP BY portal, tenant_id, created_by`,
      [portalIds, w.start, w.end, perPortal],
    );
    return rows.map((r) => ({
      portal: r.portal,
      dimension: r.dimension,
      key: r.key,
      tenantId: r.tenant_id,
      accountId: r.account_id,
      count: Number(r.count),
    }));
  }

  /** Draft documents whose comment period overlaps the window, per portal (or rolled up: null). */
  async draftsOpenForComment(
    ctx: RequestContext,
    portalIds: string[],
    w: FigureWindow,
    perPortal: boolean,
  ): Promise<Array<{ portal: string | null; held: number }>> {
    const rows = await this.reads
      .acrossPortals(ctx, portalIds, REASON)
      .query<{ portal: string | null; held: string }>(
        `SELECT CASE WHEN $4 THEN i.tenant_id END AS portal, count(*) AS held
           FROM content_items i JOIN content_revisions r ON r.id = i.live_revision_id
          WHERE i.tenant_id = ANY($1::uuid[]) AND i.kind = 'DRAFT_DOCUMENT'
            AND (CASE WHEN i.kind = 'DRAFT_DOCUMENT' THEN (r.fields->>'commentOpensAt')::timestamptz END) < $3
            AND (CASE WHEN i.kind = 'DRAFT_DOCUMENT' THEN (r.fields->>'commentClosesAt')::timestamptz END) > $2
          GROUP BY 1`,
        [portalIds, w.start, w.end, perPortal],
      );
    return rows.map((r) => ({ portal: r.portal, held: Number(r.held) }));
  }

  /** The (kind, language) pairs of the given kinds live on each portal at `at`. */
  async liveKindsAt(
    ctx: RequestContext,
    portalIds: string[],
    at: Date,
    kinds: string[],
  ): Promise<Array<{ tenantId: string; kind: string; language: string }>> {
    const rows = await this.reads
      .acrossPortals(ctx, portalIds, REASON)
      .query<{ tenant_id: string; kind: string; language: string }>(
        `SELECT DISTINCT tenant_id, kind, language FROM content_items
          WHERE tenant_id = ANY($1::uuid[]) AND kind = ANY($3::text[]) AND live_revision_id IS NOT NULL
            AND published_at < $2 AND (withdrawn_at IS NULL OR withdrawn_at >= $2)`,
        [portalIds, at, kinds],
      );
    return rows.map((r) => ({ tenantId: r.tenant_id, kind: r.kind, language: r.language }));
  }
}
