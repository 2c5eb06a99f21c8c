import { Injectable } from '@nestjs/common';
import { RequestContext, UnscopedReads } from '@portal/platform';

/** A period as reports count it: from `start` (inclusive) to `end` (exclusive); `from`..`to` as dates. */
interface FigureWindow {
  start: Date;
  end: Date;
  from: string;
  to: string;
}

const REASON = "a report's portals, each authorised by the reporting scope before the read";

/** The counts of questions and feedback a report shows (see `questions`). */
export const QUESTION_COUNTS = [
  'received',
  'questions',
  'feedback',
  'forwardedAway',
  'handled',
  'forwardedIn',
  'routed',
  'routedOnTime',
  'routedLate',
  'outOfScope',
  'answered',
  'answeredOnTime',
  'answerLate',
  'published',
] as const;
export type QuestionCount = (typeof QUESTION_COUNTS)[number];

/**
 * Engagement's figures for the reports of the managing agencies (05/2024/QĐ-UBND art. 24, 28):
 * questions and feedback, comments on draft documents, ratings, and the units and officers that
 * handle them. A report covers a set of portals the caller holds `read Report` on, so these reads
 * reach across portals by design. `portal` is the owning portal when counted per portal, null when
 * the set is rolled up.
 */
@Injectable()
export class EngagementFiguresRepository {
  constructor(private readonly reads: UnscopedReads) {}

  /**
   * Questions and feedback received in the window: counted as received on the portal asked (the
   * origin), and as handled on the portal holding them now (after any forwarding).
   */
  async questions(
    ctx: RequestContext,
    portalIds: string[],
    w: FigureWindow,
    perPortal: boolean,
  ): Promise<Array<{ portal: string | null; counts: Record<QuestionCount, number> }>> {
    const rows = await this.reads.acrossPortals(ctx, portalIds, REASON).query<Record<string, string | null>>(
      `SELECT portal,
              sum(received) AS received, sum(questions) AS questions, sum(feedback) AS feedback,
              sum(forwarded_away) AS "forwardedAway", sum(handled) AS handled, sum(forwarded_in) AS "forwardedIn",
              sum(routed) AS routed, sum(routed_on_time) AS "routedOnTime", sum(routed_late) AS "routedLate",
              sum(out_of_scope) AS "outOfScope", sum(answered) AS answered,
              sum(answered_on_time) AS "answeredOnTime", sum(answer_late) AS "answerLate", sum(published) AS published
         FROM (
           SELECT CASE WHEN $4 THEN origin_tenant_id END AS portal, 1 AS received,
                  (type = 'QUESTION')::int AS questions, (type = 'FEEDBACK')::int AS feedback,
                  (tenant_id <> origin_tenant_id)::int AS forwarded_away,
                  0 AS handled, 0 AS forwarded_in, 0 AS routed, 0 AS routed_on_time, 0 AS routed_late,
                  0 AS out_of_scope, 0 AS answered, 0 AS answered_on_time, 0 AS answer_late, 0 AS published
             FROM questions
            WHERE origin_tenant_id = ANY($1::uuid[]) AND received_at >= $2 AND received_at < $3
           UNION ALL
           SELECT CASE WHEN $4 THEN tenant_id END, 0, 0, 0, 0, 1,
                  (tenant_id <> origin_tenant_id)::int,
                  (routed_at IS NOT NULL)::int,
                  (routed_at IS NOT NULL AND (routing_due_at IS NULL OR routed_at <= routing_due_at))::int,
                  (routing_due_at IS NOT NULL AND (routed_at > routing_due_at
                     OR (routed_at IS NULL AND status = 'RECEIVED' AND routing_due_at < LEAST($3, now()))))::int,
                  (status = 'OUT_OF_SCOPE')::int,
                  (answered_at IS NOT NULL)::int,
                  (answered_at IS NOT NULL AND (answer_due_at IS NULL OR answered_at <= answer_due_at))::int,
                  (answer_due_at IS NOT NULL AND (answered_at > answer_due_at
                     OR (answered_at IS NULL AND status <> 'OUT_OF_SCOPE' AND answer_due_at < LEAST($3, now()))))::int,
                  (status = 'PUBLISHED')::int
             FROM questions
            WHERE tenant_id = ANY($1::uuid[]) AND received_at >= $2 AND received_at < $3
         ) x GROUP BY portal`,
      [portalIds, w.start, w.end, perPortal],
    );
    return rows.map((r) => ({
      portal: r.portal ?? null,
      counts: Object.fromEntries(QUESTION_COUNTS.map((k) => [k, Number(r[k] ?? 0)])) as Record<
        QuestionCount,
        number
      >,
    }));
  }

  /** Comments on draft documents written in the window, by their moderation state. */
  async draftComments(
    ctx: RequestContext,
    portalIds: string[],
    w: FigureWindow,
    perPortal: boolean,
  ): Promise<
    Array<{ portal: string | null; comments: number; published: number; rejected: number; pending: number }>
  > {
    const rows = await this.reads.acrossPortals(ctx, portalIds, REASON).query<{
      portal: string | null;
      comments: string;
      published: string;
      rejected: string;
      pending: string;
    }>(
      `SELECT CASE WHEN $4 THEN tenant_id END AS portal, count(*) AS comments,
                count(*) FILTER (WHERE state = 'PUBLISHED') AS published,
                count(*) FILTER (WHERE state = 'REJECTED') AS rejected,
                count(*) FILTER (WHERE state = 'PENDING') AS pending
           FROM draft_comments
          WHERE tenant_id = ANY($1::uuid[]) AND created_at >= $2 AND created_at < $3
          GROUP BY 1`,
      [portalIds, w.start, w.end, perPortal],
    );
    return rows.map((r) => ({
      portal: r.portal,
      comments: Number(r.comments),
      published: Number(r.published),
      rejected: Number(r.rejected),
      pending: Number(r.pending),
    }));
  }

  /** Ratings given on the days `from`..`to`: how many, and the average of each score (unrounded). */
  async ratings(
    ctx: RequestContext,
    portalIds: string[],
    w: FigureWindow,
    perPortal: boolean,
  ): Promise<
    Array<{
      portal: string | null;
      count: number;
      interface: string | null;
      content: string | null;
      quality: string | null;
      support: string | null;
    }>
  > {
    const rows = await this.reads.acrossPortals(ctx, portalIds, REASON).query<{
      portal: string | null;
      count: string;
      i: string | null;
      c: string | null;
      q: string | null;
      s: string | null;
    }>(
      `SELECT CASE WHEN $4 THEN tenant_id END AS portal, count(*),
                avg(score_interface) AS i, avg(score_content) AS c, avg(score_quality) AS q, avg(score_support) AS s
           FROM portal_ratings
          WHERE tenant_id = ANY($1::uuid[]) AND rated_on >= $2::date AND rated_on <= $3::date
          GROUP BY 1`,
      [portalIds, w.from, w.to, perPortal],
    );
    return rows.map((r) => ({
      portal: r.portal,
      count: Number(r.count),
      interface: r.i,
      content: r.c,
      quality: r.q,
      support: r.s,
    }));
  }

  /**
   * The question-handling units of the given portals with their members, as
   * `tenantId:accountId` → unit names (an officer may sit in several units of a portal).
   */
  async unitsOfMembers(ctx: RequestContext, portalIds: string[]): Promise<Map<string, string[]>> {
    const rows = await this.reads
      .acrossPortals(ctx, portalIds, REASON)
      .query<{ tenant_id: string; account_id: string; name: string }>(
        `SELECT qu.tenant_id, m.account_id, qu.name
           FROM question_unit_members m JOIN question_units qu ON qu.id = m.unit_id
          WHERE qu.tenant_id = ANY($1::uuid[])`,
        [portalIds],
      );
    const out = new Map<string, string[]>();
    for (const r of rows) {
      const key = `${r.tenant_id}:${r.account_id}`;
      out.set(key, [...(out.get(key) ?? []), r.name]);
    }
    return out;
  }

  /**
   * Of the (portal, account) pairs given, those whose account acted on a question of that portal in
   * the window, as `tenantId:accountId` keys.
   */
  async actorsAmong(
    ctx: RequestContext,
    portalIds: string[],
    pairs: Array<{ tenantId: string; accountId: string }>,
    w: FigureWindow,
  ): Promise<Set<string>> {
    if (!pairs.length) return new Set();
    const rows = await this.reads
      .acrossPortals(ctx, portalIds, REASON)
      .query<{ tenant_id: string; account_id: string }>(
        `SELECT h.tenant_id, h.account_id
           FROM unnest($1::uuid[], $2::uuid[]) AS h(tenant_id, account_id)
          WHERE h.tenant_id = ANY($5::uuid[])
            AND EXISTS (SELECT 1 FROM question_events q WHERE q.tenant_id = h.tenant_id
                          AND q.actor_account_id = h.account_id AND q.at >= $3 AND q.at < $4)`,
        [pairs.map((p) => p.tenantId), pairs.map((p) => p.accountId), w.start, w.end, portalIds],
      );
    return new Set(rows.map((r) => `${r.tenant_id}:${r.account_id}`));
  }

  /** The question-handling units of the portals. */
  async units(
    ctx: RequestContext,
    portalIds: string[],
  ): Promise<Array<{ tenantId: string; id: string; name: string }>> {
    const rows = await this.reads
      .acrossPortals(ctx, portalIds, REASON)
      .query<{ tenant_id: string; id: string; name: string }>(
        `SELECT tenant_id, id, name FROM question_units WHERE tenant_id = ANY($1::uuid[])`,
        [portalIds],
      );
    return rows.map((r) => ({ tenantId: r.tenant_id, id: r.id, name: r.name }));
  }

  /**
   * Items of the kinds published in the window by the members of each unit, per kind and local
   * month (YYYY-MM, Asia/Ho_Chi_Minh); an item written by two members of a unit counts once.
   */
  async unitItemsPerMonth(
    ctx: RequestContext,
    portalIds: string[],
    w: FigureWindow,
    kinds: string[],
  ): Promise<Array<{ tenantId: string; unitId: string; kind: string; month: string; count: number }>> {
    const rows = await this.reads
      .acrossPortals(ctx, portalIds, REASON)
      .query<{ tenant_id: string; unit_id: string; kind: string; month: string; count: string }>(
        `SELECT u.tenant_id, u.id AS unit_id, i.kind,
                to_char(i.published_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM') AS month, count(DISTINCT i.id)
           FROM question_units u
           JOIN question_unit_members m ON m.unit_id = u.id
           JOIN content_items i ON i.tenant_id = u.tenant_id AND i.created_by = m.account_id
          WHERE u.tenant_id = ANY($1::uuid[]) AND i.kind = ANY($4::text[])
            AND i.published_at >= $2 AND i.published_at < $3
          GROUP BY 1, 2, 3, 4`,
        [portalIds, w.start, w.end, kinds],
      );
    return rows.map((r) => ({
      tenantId: r.tenant_id,
      unitId: r.unit_id,
      kind: r.kind,
      month: r.month,
      count: Number(r.count),
    }));
  }
}
