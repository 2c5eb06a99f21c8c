import { Injectable } from '@nestjs/common';
import { RequestContext, UnscopedReads } from '@portal/platform';

/** A period as reports count it: from `start` (inclusive) to `end` (exclusive). */
interface FigureWindow {
  start: Date;
  end: Date;
}

export type SyndicationMeasure = 'sentUp' | 'receivedUp' | 'pushedDown' | 'receivedDown' | 'refusedUp';

const REASON = "a report's portals, each authorised by the reporting scope before the read";

/**
 * Syndication's figures for the reports of the managing agencies (05/2024/QĐ-UBND art. 24): copies
 * sent up and pushed down, received, and refused. A report covers a set of portals the caller holds
 * `read Report` on, so this read reaches across portals by design: a copy counts on the portal that
 * sent it and on the one that received it.
 */
@Injectable()
export class SyndicationFiguresRepository {
  constructor(private readonly reads: UnscopedReads) {}

  /** Counts per measure, per portal (or rolled up: portal null). */
  async counts(
    ctx: RequestContext,
    portalIds: string[],
    w: FigureWindow,
    perPortal: boolean,
  ): Promise<Array<{ portal: string | null; measure: SyndicationMeasure; count: number }>> {
    const rows = await this.reads
      .acrossPortals(ctx, portalIds, REASON)
      .query<{ portal: string | null; measure: SyndicationMeasure; count: string }>(
        `SELECT portal, measure, count(*) FROM (
         SELECT CASE WHEN $4 THEN source_tenant_id END AS portal,
                CASE direction WHEN 'UP' THEN 'sentUp' ELSE 'pushedDown' END AS measure
           FROM syndications WHERE source_tenant_id = ANY($1::uuid[]) AND placed_at >= $2 AND placed_at < $3
         UNION ALL
         SELECT CASE WHEN $4 THEN target_tenant_id END,
                CASE direction WHEN 'UP' THEN 'receivedUp' ELSE 'receivedDown' END
           FROM syndications WHERE target_tenant_id = ANY($1::uuid[]) AND placed_at >= $2 AND placed_at < $3
         UNION ALL
         SELECT CASE WHEN $4 THEN source_tenant_id END, 'refusedUp'
           FROM syndications
          WHERE source_tenant_id = ANY($1::uuid[]) AND state = 'REFUSED' AND decided_at >= $2 AND decided_at < $3
       ) x GROUP BY portal, measure`,
        [portalIds, w.start, w.end, perPortal],
      );
    return rows.map((r) => ({ portal: r.portal, measure: r.measure, count: Number(r.count) }));
  }

  /** Local days (YYYY-MM-DD, Asia/Ho_Chi_Minh) on which a copy was placed on each portal in the window. */
  async placementDays(
    ctx: RequestContext,
    portalIds: string[],
    w: FigureWindow,
  ): Promise<Array<{ tenantId: string; day: string }>> {
    const rows = await this.reads
      .acrossPortals(ctx, portalIds, REASON)
      .query<{ tenant_id: string; day: string }>(
        `SELECT DISTINCT target_tenant_id AS tenant_id,
              to_char(placed_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS day
         FROM syndications
        WHERE target_tenant_id = ANY($1::uuid[]) AND placed_at >= $2 AND placed_at < $3`,
        [portalIds, w.start, w.end],
      );
    return rows.map((r) => ({ tenantId: r.tenant_id, day: r.day }));
  }
}
