import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ReportPeriod } from '../period/report-period';
import type {
  BoardTimeliness,
  ConsultationFigures,
  KindTimeliness,
  LabelledCount,
  LateItem,
  MemberThroughput,
  PublishedFigures,
  QuestionFigures,
  RatingFigures,
  RefusalFigures,
  RoleAccounts,
  SyndicationFigures,
} from './figures.types';

/** The key of the rolled-up figures of the whole set of portals. */
export const ROLLUP = '*';

/**
 * Figures of a set of portals for a period, straight from the tables the other libs write (a
 * read model: reporting never writes them). Every query takes the portal ids, the period bounds
 * and whether to group per portal (`perPortal`) or roll the whole set up into one row (key
 * ROLLUP). Rolling up in SQL rather than adding per-portal rows keeps percentiles exact and counts
 * every row once: an item is counted on the portal that owns it, never on those showing a copy.
 */
@Injectable()
export class ReportFiguresService {
  constructor(private readonly db: DataSource) {}

  async published(
    ids: string[],
    p: ReportPeriod,
    perPortal: boolean,
  ): Promise<Map<string, PublishedFigures>> {
    const rows: Array<{ portal: string | null; dimension: string; key: string | null; count: string }> =
      await this.db.query(
        `WITH items AS (
           SELECT i.id, i.tenant_id, i.kind, i.language, i.category_id, i.created_by,
                  CASE WHEN $4 THEN i.tenant_id END AS portal
             FROM content_items i
            WHERE i.tenant_id = ANY($1::uuid[]) AND i.published_at >= $2 AND i.published_at < $3)
         SELECT portal, 'TOTAL' AS dimension, NULL AS key, count(*) FROM items GROUP BY portal
         UNION ALL SELECT portal, 'KIND', kind, count(*) FROM items GROUP BY portal, kind
         UNION ALL SELECT portal, 'LANGUAGE', language, count(*) FROM items GROUP BY portal, language
         UNION ALL
         SELECT it.portal, 'CATEGORY', c.name_vi, count(*)
           FROM items it LEFT JOIN categories c ON c.id = it.category_id GROUP BY it.portal, c.name_vi
         UNION ALL
         SELECT it.portal, 'UNIT', u.name, count(*)
           FROM items it
           LEFT JOIN LATERAL (
             SELECT qu.name FROM question_unit_members m JOIN question_units qu ON qu.id = m.unit_id
              WHERE m.account_id = it.created_by AND qu.tenant_id = it.tenant_id) u ON true
          GROUP BY it.portal, u.name`,
        [ids, p.start, p.end, perPortal],
      );
    const out = new Map<string, PublishedFigures>();
    const of = (portal: string | null) => {
      const key = portal ?? ROLLUP;
      let f = out.get(key);
      if (!f) out.set(key, (f = { total: 0, byKind: [], byCategory: [], byUnit: [], byLanguage: [] }));
      return f;
    };
    for (const r of rows) {
      const f = of(r.portal);
      const entry = { key: r.key, count: Number(r.count) };
      if (r.dimension === 'TOTAL') f.total = entry.count;
      else if (r.dimension === 'KIND') f.byKind.push(entry);
      else if (r.dimension === 'LANGUAGE') f.byLanguage.push(entry);
      else if (r.dimension === 'CATEGORY') f.byCategory.push(entry);
      else f.byUnit.push(entry);
    }
    for (const f of out.values())
      for (const list of [f.byKind, f.byCategory, f.byUnit, f.byLanguage]) sortCounts(list);
    return out;
  }

  async syndication(
    ids: string[],
    p: ReportPeriod,
    perPortal: boolean,
  ): Promise<Map<string, SyndicationFigures>> {
    const rows: Array<{ portal: string | null; measure: string; count: string }> = await this.db.query(
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
      [ids, p.start, p.end, perPortal],
    );
    const out = new Map<string, SyndicationFigures>();
    for (const r of rows) {
      const key = r.portal ?? ROLLUP;
      const f = out.get(key) ?? { sentUp: 0, receivedUp: 0, pushedDown: 0, receivedDown: 0, refusedUp: 0 };
      f[r.measure as keyof SyndicationFigures] = Number(r.count);
      out.set(key, f);
    }
    return out;
  }

  /**
   * Items first published in the period, per kind: on time when published by the statutory due
   * date of the revision that first went live (computed when it was written, from the policy and
   * calendar then in force).
   */
  async timeliness(
    ids: string[],
    p: ReportPeriod,
    perPortal: boolean,
  ): Promise<Map<string, KindTimeliness[]>> {
    const rows: Array<{
      portal: string | null;
      kind: string;
      published: string;
      with_deadline: string;
      on_time: string;
    }> = await this.db.query(
      `WITH ${FIRST_PUBLICATIONS}
         SELECT CASE WHEN $4 THEN i.tenant_id END AS portal, i.kind, count(*) AS published,
                count(s.due_at) AS with_deadline, count(*) FILTER (WHERE i.published_at <= s.due_at) AS on_time
           FROM content_items i
           LEFT JOIN fp ON fp.item_id = i.id
           LEFT JOIN editorial_states s ON s.revision_id = fp.revision_id
          WHERE i.tenant_id = ANY($1::uuid[]) AND i.published_at >= $2 AND i.published_at < $3
          GROUP BY 1, 2`,
      [ids, p.start, p.end, perPortal],
    );
    const out = new Map<string, KindTimeliness[]>();
    for (const r of rows) {
      const key = r.portal ?? ROLLUP;
      const list = out.get(key) ?? [];
      const withDeadline = Number(r.with_deadline);
      const onTime = Number(r.on_time);
      list.push({
        kind: r.kind,
        published: Number(r.published),
        withDeadline,
        onTime,
        late: withDeadline - onTime,
      });
      out.set(key, list);
    }
    for (const list of out.values()) list.sort((a, b) => a.kind.localeCompare(b.kind));
    return out;
  }

  /**
   * Late items of the period in a stable order (portal, publication, id), `limit` at a time after
   * `after`; without `limit`, all of them (callers pass a bounded batch of portals then).
   */
  async lateItems(
    ids: string[],
    p: ReportPeriod,
    after: { tenantId: string; publishedAt: Date; itemId: string } | null,
    limit: number | null,
  ): Promise<LateItem[]> {
    const rows: Array<{
      tenant_id: string;
      id: string;
      kind: string;
      title: string;
      due_at: Date;
      published_at: Date;
    }> = await this.db.query(
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
        ids,
        p.start,
        p.end,
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
   * Board decisions of the period: hours from the submission they answer (the item's last SUBMIT
   * before them) to the decision; judged against the board's deadline when that submission is the
   * one the revision's deadline was set from (a return followed by a resubmission moves it on).
   */
  async board(ids: string[], p: ReportPeriod, perPortal: boolean): Promise<Map<string, BoardTimeliness>> {
    const rows: Array<{
      portal: string | null;
      decided: string;
      with_deadline: string;
      on_time: string;
      median_s: number | null;
      p90_s: number | null;
    }> = await this.db.query(
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
      [ids, p.start, p.end, perPortal],
    );
    const hours = (s: number | null) => (s === null ? null : Math.round((Number(s) / 3600) * 100) / 100);
    return new Map(
      rows.map((r) => {
        const withDeadline = Number(r.with_deadline);
        const onTime = Number(r.on_time);
        return [
          r.portal ?? ROLLUP,
          {
            decided: Number(r.decided),
            withDeadline,
            onTime,
            late: withDeadline - onTime,
            medianHours: hours(r.median_s),
            p90Hours: hours(r.p90_s),
          },
        ];
      }),
    );
  }

  /**
   * Questions and feedback received in the period: counted as received on the portal asked (the
   * origin), and as handled on the portal holding them now (after any forwarding).
   */
  async questions(ids: string[], p: ReportPeriod, perPortal: boolean): Promise<Map<string, QuestionFigures>> {
    const rows: Array<Record<string, string | null>> = await this.db.query(
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
      [ids, p.start, p.end, perPortal],
    );
    return new Map(
      rows.map((r) => {
        const { portal, ...counts } = r;
        const figures = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number(v ?? 0)]));
        return [portal ?? ROLLUP, figures as unknown as QuestionFigures];
      }),
    );
  }

  async consultations(
    ids: string[],
    p: ReportPeriod,
    perPortal: boolean,
  ): Promise<Map<string, ConsultationFigures>> {
    const rows: Array<{
      portal: string | null;
      held: string;
      comments: string;
      published: string;
      rejected: string;
      pending: string;
    }> = await this.db.query(
      `SELECT portal, sum(held) AS held, sum(comments) AS comments, sum(published) AS published,
                sum(rejected) AS rejected, sum(pending) AS pending
           FROM (
             SELECT CASE WHEN $4 THEN i.tenant_id END AS portal, 1 AS held, 0 AS comments, 0 AS published,
                    0 AS rejected, 0 AS pending
               FROM content_items i JOIN content_revisions r ON r.id = i.live_revision_id
              WHERE i.tenant_id = ANY($1::uuid[]) AND i.kind = 'DRAFT_DOCUMENT'
                AND (CASE WHEN i.kind = 'DRAFT_DOCUMENT' THEN (r.fields->>'commentOpensAt')::timestamptz END) < $3
                AND (CASE WHEN i.kind = 'DRAFT_DOCUMENT' THEN (r.fields->>'commentClosesAt')::timestamptz END) > $2
             UNION ALL
             SELECT CASE WHEN $4 THEN tenant_id END, 0, 1, (state = 'PUBLISHED')::int, (state = 'REJECTED')::int,
                    (state = 'PENDING')::int
               FROM draft_comments
              WHERE tenant_id = ANY($1::uuid[]) AND created_at >= $2 AND created_at < $3
           ) x GROUP BY portal`,
      [ids, p.start, p.end, perPortal],
    );
    return new Map(
      rows.map((r) => [
        r.portal ?? ROLLUP,
        {
          held: Number(r.held),
          comments: Number(r.comments),
          commentsPublished: Number(r.published),
          commentsRejected: Number(r.rejected),
          commentsPending: Number(r.pending),
        },
      ]),
    );
  }

  async ratings(ids: string[], p: ReportPeriod, perPortal: boolean): Promise<Map<string, RatingFigures>> {
    const rows: Array<{ portal: string | null; count: string; i: string; c: string; q: string; s: string }> =
      await this.db.query(
        `SELECT CASE WHEN $4 THEN tenant_id END AS portal, count(*),
                avg(score_interface) AS i, avg(score_content) AS c, avg(score_quality) AS q, avg(score_support) AS s
           FROM portal_ratings
          WHERE tenant_id = ANY($1::uuid[]) AND rated_on >= $2::date AND rated_on <= $3::date
          GROUP BY 1`,
        [ids, p.from, p.to, perPortal],
      );
    const avg = (v: string | null) => (v === null ? null : Math.round(Number(v) * 100) / 100);
    return new Map(
      rows.map((r) => [
        r.portal ?? ROLLUP,
        {
          count: Number(r.count),
          interface: avg(r.i),
          content: avg(r.c),
          quality: avg(r.q),
          support: avg(r.s),
        },
      ]),
    );
  }

  async refusals(ids: string[], p: ReportPeriod, perPortal: boolean): Promise<Map<string, RefusalFigures>> {
    const rows: Array<{ portal: string | null; action: string; reason: string | null; count: string }> =
      await this.db.query(
        `SELECT CASE WHEN $4 THEN tenant_id END AS portal, action,
                CASE WHEN action = 'REFUSE' THEN reason END AS reason, count(*)
           FROM workflow_events
          WHERE tenant_id = ANY($1::uuid[]) AND at >= $2 AND at < $3 AND action IN ('REFUSE', 'RETURN')
          GROUP BY 1, 2, 3`,
        [ids, p.start, p.end, perPortal],
      );
    const out = new Map<string, RefusalFigures>();
    for (const r of rows) {
      const key = r.portal ?? ROLLUP;
      const f = out.get(key) ?? { refused: 0, byReason: [], returned: 0 };
      if (r.action === 'RETURN') f.returned += Number(r.count);
      else {
        f.refused += Number(r.count);
        f.byReason.push({ key: r.reason, count: Number(r.count) });
      }
      out.set(key, f);
    }
    for (const f of out.values()) sortCounts(f.byReason);
    return out;
  }

  /** Workflow steps per person in the period (board members, and anyone else who took them). */
  async throughput(
    ids: string[],
    p: ReportPeriod,
    perPortal: boolean,
  ): Promise<Map<string, MemberThroughput[]>> {
    const rows: Array<Record<string, string>> = await this.db.query(
      `SELECT CASE WHEN $4 THEN e.tenant_id END AS portal, a.id, a.username, a.display_name,
              count(*) FILTER (WHERE e.action = 'TAKE_FOR_REVIEW') AS "tookForReview",
              count(*) FILTER (WHERE e.action = 'RETURN') AS returned,
              count(*) FILTER (WHERE e.action = 'REFUSE') AS refused,
              count(*) FILTER (WHERE e.action = 'APPROVE') AS approved,
              count(*) FILTER (WHERE e.action = 'SCHEDULE') AS scheduled,
              count(*) FILTER (WHERE e.action = 'PUBLISH') AS published,
              count(*) FILTER (WHERE e.action = 'WITHDRAW') AS withdrawn
         FROM workflow_events e JOIN accounts a ON a.id = e.actor_account_id
        WHERE e.tenant_id = ANY($1::uuid[]) AND e.at >= $2 AND e.at < $3
          AND e.action IN ('TAKE_FOR_REVIEW', 'RETURN', 'REFUSE', 'APPROVE', 'SCHEDULE', 'PUBLISH', 'WITHDRAW')
        GROUP BY 1, 2, 3, 4
        ORDER BY 1, 3`,
      [ids, p.start, p.end, perPortal],
    );
    const out = new Map<string, MemberThroughput[]>();
    for (const r of rows) {
      const key = r.portal ?? ROLLUP;
      const list = out.get(key) ?? [];
      list.push({
        accountId: r.id,
        username: r.username,
        displayName: r.display_name,
        tookForReview: Number(r.tookForReview),
        returned: Number(r.returned),
        refused: Number(r.refused),
        approved: Number(r.approved),
        scheduled: Number(r.scheduled),
        published: Number(r.published),
        withdrawn: Number(r.withdrawn),
      });
      out.set(key, list);
    }
    return out;
  }

  /** Per role: who held it during the period, and who of them acted on the portal in it. */
  async accounts(ids: string[], p: ReportPeriod, perPortal: boolean): Promise<Map<string, RoleAccounts[]>> {
    const rows: Array<{ portal: string | null; role: string; holders: string; active: string }> =
      await this.db.query(
        `SELECT CASE WHEN $4 THEN ra.tenant_id END AS portal, ra.role,
              count(DISTINCT (ra.tenant_id, ra.account_id)) AS holders,
              count(DISTINCT (ra.tenant_id, ra.account_id)) FILTER (WHERE
                EXISTS (SELECT 1 FROM workflow_events e WHERE e.tenant_id = ra.tenant_id
                          AND e.actor_account_id = ra.account_id AND e.at >= $2 AND e.at < $3)
                OR EXISTS (SELECT 1 FROM question_events q WHERE q.tenant_id = ra.tenant_id
                          AND q.actor_account_id = ra.account_id AND q.at >= $2 AND q.at < $3)) AS active
         FROM role_assignments ra JOIN accounts a ON a.id = ra.account_id
        WHERE ra.tenant_id = ANY($1::uuid[]) AND ra.valid_from < $3
          AND (ra.valid_to IS NULL OR ra.valid_to > $2) AND (ra.revoked_at IS NULL OR ra.revoked_at > $2)
          AND (a.suspended_at IS NULL OR a.suspended_at > $2)
        GROUP BY 1, 2`,
        [ids, p.start, p.end, perPortal],
      );
    const out = new Map<string, RoleAccounts[]>();
    for (const r of rows) {
      const key = r.portal ?? ROLLUP;
      const list = out.get(key) ?? [];
      list.push({ role: r.role, holders: Number(r.holders), active: Number(r.active) });
      out.set(key, list);
    }
    for (const list of out.values())
      list.sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));
    return out;
  }
}

export const ROLE_ORDER = [
  'OWNER',
  'MANAGER',
  'OPERATOR',
  'BOARD_HEAD',
  'BOARD_DEPUTY',
  'BOARD_MEMBER',
  'CONTRIBUTOR',
];

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

/** Largest first, then by key in Vietnamese order. */
export function sortCounts(list: LabelledCount[]): void {
  list.sort((a, b) => b.count - a.count || String(a.key ?? '').localeCompare(String(b.key ?? ''), 'vi'));
}
