import { Injectable } from '@nestjs/common';
import { RoleFiguresRepository } from '@portal/access';
import { ContentFiguresRepository } from '@portal/content';
import { WorkflowFiguresRepository } from '@portal/editorial';
import { EngagementFiguresRepository } from '@portal/engagement';
import { SyndicationFiguresRepository } from '@portal/federation';
import { AccountFiguresRepository } from '@portal/identity';
import type { RequestContext } from '@portal/platform';
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
 * Figures of a set of portals for a period, read through the repositories the owning libs export
 * (content, editorial, engagement, federation, access, identity): reporting never writes them and
 * holds no SQL. Every method takes the request's context, the portal ids (each already authorised
 * by the report's scope), the period and whether to group per portal (`perPortal`) or roll the
 * whole set up into one row (key ROLLUP). Rolling up in SQL rather than adding per-portal rows
 * keeps percentiles exact and counts every row once: an item is counted on the portal that owns
 * it, never on those showing a copy.
 */
@Injectable()
export class ReportFiguresService {
  constructor(
    private readonly content: ContentFiguresRepository,
    private readonly workflow: WorkflowFiguresRepository,
    private readonly engagement: EngagementFiguresRepository,
    private readonly syndications: SyndicationFiguresRepository,
    private readonly roles: RoleFiguresRepository,
    private readonly accountsOf: AccountFiguresRepository,
  ) {}

  async published(
    ctx: RequestContext,
    ids: string[],
    p: ReportPeriod,
    perPortal: boolean,
  ): Promise<Map<string, PublishedFigures>> {
    const [rows, units] = await Promise.all([
      this.content.published(ctx, ids, p, perPortal),
      this.engagement.unitsOfMembers(ctx, ids),
    ]);
    const out = new Map<string, PublishedFigures>();
    const of = (portal: string | null) => {
      const key = portal ?? ROLLUP;
      let f = out.get(key);
      if (!f) out.set(key, (f = { total: 0, byKind: [], byCategory: [], byUnit: [], byLanguage: [] }));
      return f;
    };
    // An item counts under each question-handling unit its author sits in on the item's portal, or
    // under "none" when in none.
    const byUnit = new Map<string, Map<string | null, number>>();
    for (const r of rows) {
      const f = of(r.portal);
      const entry = { key: r.key, count: r.count };
      if (r.dimension === 'TOTAL') f.total = entry.count;
      else if (r.dimension === 'KIND') f.byKind.push(entry);
      else if (r.dimension === 'LANGUAGE') f.byLanguage.push(entry);
      else if (r.dimension === 'CATEGORY') f.byCategory.push(entry);
      else {
        const key = r.portal ?? ROLLUP;
        const counts = byUnit.get(key) ?? new Map<string | null, number>();
        byUnit.set(key, counts);
        for (const unit of units.get(`${r.tenantId}:${r.accountId}`) ?? [null])
          counts.set(unit, (counts.get(unit) ?? 0) + r.count);
      }
    }
    for (const [key, counts] of byUnit)
      out.get(key)!.byUnit = [...counts].map(([unit, count]) => ({ key: unit, count }));
    for (const f of out.values())
      for (const list of [f.byKind, f.byCategory, f.byUnit, f.byLanguage]) sortCounts(list);
    return out;
  }

  async syndication(
    ctx: RequestContext,
    ids: string[],
    p: ReportPeriod,
    perPortal: boolean,
  ): Promise<Map<string, SyndicationFigures>> {
    const out = new Map<string, SyndicationFigures>();
    for (const r of await this.syndications.counts(ctx, ids, p, perPortal)) {
      const key = r.portal ?? ROLLUP;
      const f = out.get(key) ?? { sentUp: 0, receivedUp: 0, pushedDown: 0, receivedDown: 0, refusedUp: 0 };
      f[r.measure] = r.count;
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
    ctx: RequestContext,
    ids: string[],
    p: ReportPeriod,
    perPortal: boolean,
  ): Promise<Map<string, KindTimeliness[]>> {
    const out = new Map<string, KindTimeliness[]>();
    for (const r of await this.workflow.timeliness(ctx, ids, p, perPortal)) {
      const key = r.portal ?? ROLLUP;
      const list = out.get(key) ?? [];
      list.push({
        kind: r.kind,
        published: r.published,
        withDeadline: r.withDeadline,
        onTime: r.onTime,
        late: r.withDeadline - r.onTime,
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
  lateItems(
    ctx: RequestContext,
    ids: string[],
    p: ReportPeriod,
    after: { tenantId: string; publishedAt: Date; itemId: string } | null,
    limit: number | null,
  ): Promise<LateItem[]> {
    return this.workflow.lateItems(ctx, ids, p, after, limit);
  }

  /**
   * Board decisions of the period: hours from the submission they answer to the decision, and
   * whether within the board's deadline (see WorkflowFiguresRepository.boardDecisions).
   */
  async board(
    ctx: RequestContext,
    ids: string[],
    p: ReportPeriod,
    perPortal: boolean,
  ): Promise<Map<string, BoardTimeliness>> {
    const hours = (s: number | null) => (s === null ? null : Math.round((s / 3600) * 100) / 100);
    const rows = await this.workflow.boardDecisions(ctx, ids, p, perPortal);
    return new Map(
      rows.map((r) => [
        r.portal ?? ROLLUP,
        {
          decided: r.decided,
          withDeadline: r.withDeadline,
          onTime: r.onTime,
          late: r.withDeadline - r.onTime,
          medianHours: hours(r.medianSeconds),
          p90Hours: hours(r.p90Seconds),
        },
      ]),
    );
  }

  /**
   * Questions and feedback received in the period: counted as received on the portal asked (the
   * origin), and as handled on the portal holding them now (after any forwarding).
   */
  async questions(
    ctx: RequestContext,
    ids: string[],
    p: ReportPeriod,
    perPortal: boolean,
  ): Promise<Map<string, QuestionFigures>> {
    const rows = await this.engagement.questions(ctx, ids, p, perPortal);
    return new Map(rows.map((r) => [r.portal ?? ROLLUP, { ...r.counts }]));
  }

  /** Draft documents open for comment in the period, and the comments written on drafts in it. */
  async consultations(
    ctx: RequestContext,
    ids: string[],
    p: ReportPeriod,
    perPortal: boolean,
  ): Promise<Map<string, ConsultationFigures>> {
    const [drafts, comments] = await Promise.all([
      this.content.draftsOpenForComment(ctx, ids, p, perPortal),
      this.engagement.draftComments(ctx, ids, p, perPortal),
    ]);
    const out = new Map<string, ConsultationFigures>();
    const of = (portal: string | null) => {
      const key = portal ?? ROLLUP;
      const f = out.get(key) ?? {
        held: 0,
        comments: 0,
        commentsPublished: 0,
        commentsRejected: 0,
        commentsPending: 0,
      };
      out.set(key, f);
      return f;
    };
    for (const r of drafts) of(r.portal).held += r.held;
    for (const r of comments) {
      const f = of(r.portal);
      f.comments += r.comments;
      f.commentsPublished += r.published;
      f.commentsRejected += r.rejected;
      f.commentsPending += r.pending;
    }
    return out;
  }

  async ratings(
    ctx: RequestContext,
    ids: string[],
    p: ReportPeriod,
    perPortal: boolean,
  ): Promise<Map<string, RatingFigures>> {
    const avg = (v: string | null) => (v === null ? null : Math.round(Number(v) * 100) / 100);
    const rows = await this.engagement.ratings(ctx, ids, p, perPortal);
    return new Map(
      rows.map((r) => [
        r.portal ?? ROLLUP,
        {
          count: r.count,
          interface: avg(r.interface),
          content: avg(r.content),
          quality: avg(r.quality),
          support: avg(r.support),
        },
      ]),
    );
  }

  async refusals(
    ctx: RequestContext,
    ids: string[],
    p: ReportPeriod,
    perPortal: boolean,
  ): Promise<Map<string, RefusalFigures>> {
    const out = new Map<string, RefusalFigures>();
    for (const r of await this.workflow.refusals(ctx, ids, p, perPortal)) {
      const key = r.portal ?? ROLLUP;
      const f = out.get(key) ?? { refused: 0, byReason: [], returned: 0 };
      if (r.action === 'RETURN') f.returned += r.count;
      else {
        f.refused += r.count;
        f.byReason.push({ key: r.reason, count: r.count });
      }
      out.set(key, f);
    }
    for (const f of out.values()) sortCounts(f.byReason);
    return out;
  }

  /** Workflow steps per person in the period (board members, and anyone else who took them). */
  async throughput(
    ctx: RequestContext,
    ids: string[],
    p: ReportPeriod,
    perPortal: boolean,
  ): Promise<Map<string, MemberThroughput[]>> {
    const rows = await this.workflow.stepsPerActor(ctx, ids, p, perPortal);
    // In username order, as the database sorts them.
    const named = await this.accountsOf.named(ctx, [...new Set(rows.map((r) => r.accountId))]);
    const order = new Map(named.map((a, i) => [a.id, { rank: i, ...a }]));
    const out = new Map<string, MemberThroughput[]>();
    for (const r of rows) {
      const account = order.get(r.accountId);
      if (!account) continue;
      const key = r.portal ?? ROLLUP;
      const list = out.get(key) ?? [];
      list.push({
        accountId: r.accountId,
        username: account.username,
        displayName: account.displayName,
        ...r.steps,
      });
      out.set(key, list);
    }
    const rank = (m: MemberThroughput) => order.get(m.accountId)!.rank;
    for (const list of out.values()) list.sort((a, b) => rank(a) - rank(b));
    return out;
  }

  /**
   * Per role: who held it during the period (an account suspended before the period began holds
   * nothing), and who of them acted on the portal in it (a workflow step, or a step on a question).
   */
  async accounts(
    ctx: RequestContext,
    ids: string[],
    p: ReportPeriod,
    perPortal: boolean,
  ): Promise<Map<string, RoleAccounts[]>> {
    const held = await this.roles.holders(ctx, ids, p);
    const suspended = await this.accountsOf.suspendedBy(
      ctx,
      [...new Set(held.map((h) => h.accountId))],
      p.start,
    );
    const holders = held.filter((h) => !suspended.has(h.accountId));
    const pairs = [...new Map(holders.map((h) => [`${h.tenantId}:${h.accountId}`, h])).values()];
    const [workflowActors, questionActors] = await Promise.all([
      this.workflow.actorsAmong(ctx, ids, pairs, p),
      this.engagement.actorsAmong(ctx, ids, pairs, p),
    ]);
    // Per portal (or rolled up), per role: the distinct (portal, account) pairs holding it.
    const byRole = new Map<string, Map<string, Set<string>>>();
    for (const h of holders) {
      const key = perPortal ? h.tenantId : ROLLUP;
      const roles = byRole.get(key) ?? new Map<string, Set<string>>();
      byRole.set(key, roles);
      const pairsOfRole = roles.get(h.role) ?? new Set<string>();
      roles.set(h.role, pairsOfRole);
      pairsOfRole.add(`${h.tenantId}:${h.accountId}`);
    }
    const out = new Map<string, RoleAccounts[]>();
    for (const [key, roles] of byRole) {
      const list = [...roles].map(([role, pairsOfRole]) => ({
        role,
        holders: pairsOfRole.size,
        active: [...pairsOfRole].filter((k) => workflowActors.has(k) || questionActors.has(k)).length,
      }));
      list.sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));
      out.set(key, list);
    }
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

/** Largest first, then by key in Vietnamese order. */
export function sortCounts(list: LabelledCount[]): void {
  list.sort((a, b) => b.count - a.count || String(a.key ?? '').localeCompare(String(b.key ?? ''), 'vi'));
}
