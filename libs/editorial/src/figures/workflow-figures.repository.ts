import { Injectable } from '@nestjs/common';
import { RequestContext, UnscopedReads } from '@portal/platform';

/** A period as reports count it: from `start` (inclusive) to `end` (exclusive). */
interface FigureWindow {
  start: Date;
  end: Date;
}

const REASON = "a report's portals, each authorised by the reporting scope before the read";

/**
 * `fp`: for each item of the portals first published in the period, the revision that went live
 * (its editorial state holds the statutory due date). Read from the period's PUBLISH steps (an
 * item's first one is when `published_at` was set, in the same transaction; a day's margin after
 * the period covers a scheduled publication that ran late), not per item: a national report has
 * half a million items in six months. Items published outside the workflow (imports) have none.
 */
const FIRST_PUBLICATIONS = `fp AS (
  SELECT DISTINCT ON (e.item_id) e.item_id, e.revision_id
    FROM workflow_events e
   WHERE e.tenant_id = ANY($1::uuid[]) AND e.action = 'PUBLISH'
     AND e.at >= $2::timestamptz - interval '1 hour' AND e.at < $3::timestamptz + interval '1 day'
   ORDER BY e.item_id, e.id)`;

/** A live item and when it was last published or reviewed (null: never). */
export interface LastReviewRow {
  id: string;
  tenant_id: string;
  kind: string;
  language: string;
  title: string;
  last: Date | string | null;
}

export interface LateItemRow {
  tenantId: string;
  itemId: string;
  kind: string;
  title: string;
  dueAt: Date;
  publishedAt: Date;
}

/**
 * The editorial workflow's figures for the reports of the managing agencies (05/2024/QĐ-UBND
 * art. 24, 28): publication against the statutory due dates, the board's decisions, refusals and
 * returns, and who took which steps. A report covers a set of portals the caller holds
 * `read Report` on, so these reads reach across portals by design. `portal` is the owning portal
 * when counted per portal, null when the set is rolled up.
 */
@Injectable()
export class WorkflowFiguresRepository {
  constructor(private readonly reads: UnscopedReads) {}

  /** Items first published in the window, per kind, and how many of them by their due date. */
  async timeliness(
    ctx: RequestContext,
    portalIds: string[],
    w: FigureWindow,
    perPortal: boolean,
  ): Promise<
    Array<{ portal: string | null; kind: string; published: number; withDeadline: number; onTime: number }>
  > {
    const rows = await this.reads.acrossPortals(ctx, portalIds, REASON).query<{
      portal: string | null;
      kind: string;
      published: string;
      with_deadline: string;
      on_time: string;
    }>(
      `WITH ${FIRST_PUBLICATIONS}
         SELECT CASE WHEN $4 THEN i.tenant_id END AS portal, i.kind, count(*) AS published,
                count(s.due_at) AS with_deadline, count(*) FILTER (WHERE i.published_at <= s.due_at) AS on_time
           FROM content_items i
           LEFT JOIN fp ON fp.item_id = i.id
           LEFT JOIN editorial_states s ON s.revision_id = fp.revision_id
          WHERE i.tenant_id = ANY($1::uuid[]) AND i.published_at >= $2 AND i.published_at < $3
          GROUP BY 1, 2`,
      [portalIds, w.start, w.end, perPortal],
    );
    return rows.map((r) => ({
      portal: r.portal,
      kind: r.kind,
      published: Number(r.published),
      withDeadline: Number(r.with_deadline),
      onTime: Number(r.on_time),
    }));
  }

  /**
   * Items published after their due date, in a stable order (portal, publication, id), `limit` at a
   * time after `after`; without `limit`, all of them.
   */
  async lateItems(
    ctx: RequestContext,
    portalIds: string[],
    w: FigureWindow,
    after: { tenantId: string; publishedAt: Date; itemId: string } | null,
    limit: number | null,
  ): Promise<LateItemRow[]> {
    const rows = await this.reads.acrossPortals(ctx, portalIds, REASON).query<{
      tenant_id: string;
      id: string;
      kind: string;
      title: string;
      due_at: Date;
      published_at: Date;
    }>(
      `WITH ${FIRST_PUBLICATIONS}
         SELECT i.tenant_id, i.id, i.kind, r.title, s.due_at, i.published_at
           FROM content_items i
           JOIN fp ON fp.item_id = i.id
           JOIN editorial_states s ON s.revision_id = fp.revision_id
           JOIN content_revisions r ON r.id = fp.revision_id
          WHERE i.tenant_id = ANY($1::uuid[]) AND i.published_at >= $2 AND i.published_at < $3
            AND i.published_at > s.due_at
            AND ($4::uuid IS NULL OR (i.tenant_id, i.published_at, i.id) > ($4::uuid, $5::timestamptz, $6::uuid))
          ORDER BY i.tenant_id, i.published_at, i.id
          LIMIT $7`,
      [
        portalIds,
        w.start,
        w.end,
        after?.tenantId ?? null,
        after?.publishedAt ?? null,
        after?.itemId ?? null,
        limit,
      ],
    );
    return rows.map((r) => ({
      tenantId: r.tenant_id,
      itemId: r.id,
      kind: r.kind,
      title: r.title,
      dueAt: r.due_at,
      publishedAt: r.published_at,
    }));
  }

  /**
   * Board decisions of the window: seconds from the submission they answer (the item's last SUBMIT
   * before them) to the decision; judged against the board's deadline when that submission is the
   * one the revision's deadline was set from (a return followed by a resubmission moves it on).
   */
  async boardDecisions(
    ctx: RequestContext,
    portalIds: string[],
    w: FigureWindow,
    perPortal: boolean,
  ): Promise<
    Array<{
      portal: string | null;
      decided: number;
      withDeadline: number;
      onTime: number;
      medianSeconds: number | null;
      p90Seconds: number | null;
    }>
  > {
    const rows = await this.reads.acrossPortals(ctx, portalIds, REASON).query<{
      portal: string | null;
      decided: string;
      with_deadline: string;
      on_time: string;
      median_s: number | null;
      p90_s: number | null;
    }>(
      `WITH decisions AS (
         SELECT e.tenant_id, e.at, sub.at AS submitted_at,
                CASE WHEN s.submitted_at <= e.at THEN s.board_due_at END AS due_at
           FROM workflow_events e
           JOIN editorial_states s ON s.revision_id = e.revision_id
           JOIN LATERAL (
             SELECT w.at FROM workflow_events w
              WHERE w.item_id = e.item_id AND w.action = 'SUBMIT' AND w.id < e.id
              ORDER BY w.id DESC LIMIT 1) sub ON true
          WHERE e.tenant_id = ANY($1::uuid[]) AND e.at >= $2 AND e.at < $3
            AND e.action IN ('APPROVE', 'RETURN', 'REFUSE'))
       SELECT CASE WHEN $4 THEN tenant_id END AS portal, count(*) AS decided,
              count(due_at) AS with_deadline,
              count(*) FILTER (WHERE at <= due_at) AS on_time,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM at - submitted_at)) AS median_s,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM at - submitted_at)) AS p90_s
         FROM decisions
        GROUP BY 1`,
      [portalIds, w.start, w.end, perPortal],
    );
    return rows.map((r) => ({
      portal: r.portal,
      decided: Number(r.decided),
      withDeadline: Number(r.with_deadline),
      onTime: Number(r.on_time),
      medianSeconds: r.median_s === null ? null : Number(r.median_s),
      p90Seconds: r.p90_s === null ? null : Number(r.p90_s),
    }));
  }

  /** Refusals (with their reason) and returns of the window. */
  async refusals(
    ctx: RequestContext,
    portalIds: string[],
    w: FigureWindow,
    perPortal: boolean,
  ): Promise<
    Array<{ portal: string | null; action: 'REFUSE' | 'RETURN'; reason: string | null; count: number }>
  > {
    const rows = await this.reads
      .acrossPortals(ctx, portalIds, REASON)
      .query<{ portal: string | null; action: 'REFUSE' | 'RETURN'; reason: string | null; count: string }>(
        `SELECT CASE WHEN $4 THEN tenant_id END AS portal, action,
                CASE WHEN action = 'REFUSE' THEN reason END AS reason, count(*)
           FROM workflow_events
          WHERE tenant_id = ANY($1::uuid[]) AND at >= $2 AND at < $3 AND action IN ('REFUSE', 'RETURN')
          GROUP BY 1, 2, 3`,
        [portalIds, w.start, w.end, perPortal],
      );
    return rows.map((r) => ({
      portal: r.portal,
      action: r.action,
      reason: r.reason,
      count: Number(r.count),
    }));
  }

  /** Workflow steps per person in the window (board members, and anyone else who took them). */
  async stepsPerActor(
    ctx: RequestContext,
    portalIds: string[],
    w: FigureWindow,
    perPortal: boolean,
  ): Promise<Array<{ portal: string | null; accountId: string; steps: Record<WorkflowStepCount, number> }>> {
    const rows = await this.reads.acrossPortals(ctx, portalIds, REASON).query<Record<string, string>>(
      `SELECT CASE WHEN $4 THEN e.tenant_id END AS portal, e.actor_account_id AS account_id,
              count(*) FILTER (WHERE e.action = 'TAKE_FOR_REVIEW') AS "tookForReview",
              count(*) FILTER (WHERE e.action = 'RETURN') AS returned,
              count(*) FILTER (WHERE e.action = 'REFUSE') AS refused,
              count(*) FILTER (WHERE e.action = 'APPROVE') AS approved,
              count(*) FILTER (WHERE e.action = 'SCHEDULE') AS scheduled,
              count(*) FILTER (WHERE e.action = 'PUBLISH') AS published,
              count(*) FILTER (WHERE e.action = 'WITHDRAW') AS withdrawn
         FROM workflow_events e
        WHERE e.tenant_id = ANY($1::uuid[]) AND e.at >= $2 AND e.at < $3 AND e.actor_account_id IS NOT NULL
          AND e.action IN ('TAKE_FOR_REVIEW', 'RETURN', 'REFUSE', 'APPROVE', 'SCHEDULE', 'PUBLISH', 'WITHDRAW')
        GROUP BY 1, 2`,
      [portalIds, w.start, w.end, perPortal],
    );
    return rows.map((r) => ({
      portal: r.portal ?? null,
      accountId: r.account_id,
      steps: Object.fromEntries(WORKFLOW_STEP_COUNTS.map((k) => [k, Number(r[k])])) as Record<
        WorkflowStepCount,
        number
      >,
    }));
  }

  /**
   * Of the (portal, account) pairs given, those whose account took a workflow step on that portal in
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
            AND EXISTS (SELECT 1 FROM workflow_events e WHERE e.tenant_id = h.tenant_id
                          AND e.actor_account_id = h.account_id AND e.at >= $3 AND e.at < $4)`,
        [pairs.map((p) => p.tenantId), pairs.map((p) => p.accountId), w.start, w.end, portalIds],
      );
    return new Set(rows.map((r) => `${r.tenant_id}:${r.account_id}`));
  }

  /** Local days (YYYY-MM-DD, Asia/Ho_Chi_Minh) on which each portal published something in the window. */
  async publicationDays(
    ctx: RequestContext,
    portalIds: string[],
    w: FigureWindow,
  ): Promise<Array<{ tenantId: string; day: string }>> {
    const rows = await this.reads
      .acrossPortals(ctx, portalIds, REASON)
      .query<{ tenant_id: string; day: string }>(
        `SELECT DISTINCT tenant_id, to_char(at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS day
         FROM workflow_events
        WHERE tenant_id = ANY($1::uuid[]) AND action = 'PUBLISH' AND at >= $2 AND at < $3`,
        [portalIds, w.start, w.end],
      );
    return rows.map((r) => ({ tenantId: r.tenant_id, day: r.day }));
  }

  /**
   * For each week start (`from`..`to`) named by a published item of the kinds (its `weekStart`
   * field), whether one was published by its statutory due time (or, where the policy set none,
   * before the week began).
   */
  async weeklyItemsOnTime(
    ctx: RequestContext,
    portalIds: string[],
    w: { from: string; to: string },
    kinds: string[],
  ): Promise<Array<{ tenantId: string; week: string; onTime: boolean }>> {
    const rows = await this.reads
      .acrossPortals(ctx, portalIds, REASON)
      .query<{ tenant_id: string; week: string; on_time: boolean }>(
        `SELECT i.tenant_id, r.fields->>'weekStart' AS week,
                bool_or(i.published_at <= COALESCE(s.due_at, (r.fields->>'weekStart')::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')) AS on_time
           FROM content_items i
           LEFT JOIN LATERAL (
             SELECT e.revision_id FROM workflow_events e
              WHERE e.item_id = i.id AND e.action = 'PUBLISH' ORDER BY e.id LIMIT 1) f ON true
           LEFT JOIN editorial_states s ON s.revision_id = f.revision_id
           JOIN content_revisions r ON r.id = COALESCE(f.revision_id, i.live_revision_id)
          WHERE i.tenant_id = ANY($1::uuid[]) AND i.kind = ANY($4::text[]) AND i.published_at IS NOT NULL
            AND r.fields->>'weekStart' >= $2 AND r.fields->>'weekStart' <= $3
          GROUP BY 1, 2`,
        [portalIds, w.from, w.to, kinds],
      );
    return rows.map((r) => ({ tenantId: r.tenant_id, week: r.week, onTime: r.on_time }));
  }

  /**
   * The items of the kinds live on the portals at `asOf`, with the last time each was published or
   * reviewed by then (null: never), in a stable order (portal, item).
   */
  async lastReviews(
    ctx: RequestContext,
    portalIds: string[],
    asOf: Date,
    kinds: string[],
  ): Promise<LastReviewRow[]> {
    return this.reads.acrossPortals(ctx, portalIds, REASON).query<LastReviewRow>(
      `SELECT i.id, i.tenant_id, i.kind, i.language, r.title,
              (SELECT max(e.at) FROM workflow_events e
                WHERE e.item_id = i.id AND e.action IN ('PUBLISH', 'REVIEW') AND e.at <= $2) AS last
         FROM content_items i
         JOIN content_revisions r ON r.id = i.live_revision_id
        WHERE i.tenant_id = ANY($1::uuid[]) AND i.kind = ANY($3) AND i.published_at <= $2
          AND (i.withdrawn_at IS NULL OR i.withdrawn_at > $2)
        ORDER BY i.tenant_id, i.id`,
      [portalIds, asOf, kinds],
    );
  }
}

/** The workflow steps counted per person. */
export const WORKFLOW_STEP_COUNTS = [
  'tookForReview',
  'returned',
  'refused',
  'approved',
  'scheduled',
  'published',
  'withdrawn',
] as const;
export type WorkflowStepCount = (typeof WORKFLOW_STEP_COUNTS)[number];
