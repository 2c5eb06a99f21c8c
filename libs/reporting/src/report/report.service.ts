import { Injectable } from '@nestjs/common';
import { RequestContext } from '@portal/platform';
import type { RoutedTenant } from '@portal/tenancy';
import { ROLE_ORDER, ROLLUP, ReportFiguresService, sortCounts } from '../figures/report-figures.service';
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
  RuleCheck,
  SyndicationFigures,
} from '../figures/figures.types';
import { parseReportPeriod, type ReportPeriod } from '../period/report-period';
import { ReportRulesService } from '../rules/report-rules.service';
import { ReportScope, ReportScopeResolver } from './report-scope';

/** Every figure of one portal, or of a set of portals rolled up. */
export interface ReportFigures {
  published: PublishedFigures;
  syndication: SyndicationFigures;
  timeliness: KindTimeliness[];
  board: BoardTimeliness;
  questions: QuestionFigures;
  consultations: ConsultationFigures;
  ratings: RatingFigures;
  refusals: RefusalFigures;
  throughput: MemberThroughput[];
  accounts: RoleAccounts[];
}

export interface PortalReport {
  portal: RoutedTenant;
  figures: ReportFigures;
  rules: RuleCheck[];
}

/** How one rule fared across the portals of a subtree. */
export interface RuleSummary {
  key: string;
  titleVi: string;
  titleEn: string | null;
  document: string;
  article: string;
  passed: number;
  failed: number;
  notApplicable: number;
  /** Hosts of the portals that failed it. */
  failedPortals: string[];
}

export interface Report {
  scope: ReportScope;
  period: ReportPeriod;
  root: RoutedTenant | null;
  portalCount: number;
  /** The whole scope's figures, every row counted once. */
  total: ReportFigures;
  /** Each portal's own figures and rule checks (the root's alone for a PORTAL report). */
  portals: PortalReport[];
  ruleSummaries: RuleSummary[];
}

export const EMPTY_FIGURES = (): ReportFigures => ({
  published: { total: 0, byKind: [], byCategory: [], byUnit: [], byLanguage: [] },
  syndication: { sentUp: 0, receivedUp: 0, pushedDown: 0, receivedDown: 0, refusedUp: 0 },
  timeliness: [],
  board: { decided: 0, withDeadline: 0, onTime: 0, late: 0, medianHours: null, p90Hours: null },
  questions: {
    received: 0,
    questions: 0,
    feedback: 0,
    forwardedAway: 0,
    handled: 0,
    forwardedIn: 0,
    routed: 0,
    routedOnTime: 0,
    routedLate: 0,
    outOfScope: 0,
    answered: 0,
    answeredOnTime: 0,
    answerLate: 0,
    published: 0,
  },
  consultations: { held: 0, comments: 0, commentsPublished: 0, commentsRejected: 0, commentsPending: 0 },
  ratings: { count: 0, interface: null, content: null, quality: null, support: null },
  refusals: { refused: 0, byReason: [], returned: 0 },
  throughput: [],
  accounts: [],
});

/**
 * The reports of the managing agencies and the central office (docs/domain.md; 05/2024/QĐ-UBND art. 24, 28):
 * figures per portal and rolled up per subtree for any period, and the rule checks.
 */
@Injectable()
export class ReportService {
  constructor(
    private readonly scopes: ReportScopeResolver,
    private readonly figures: ReportFiguresService,
    private readonly rules: ReportRulesService,
  ) {}

  async report(
    ctx: RequestContext,
    input: { tenantId?: string | null; scope: ReportScope; period: string },
    now = new Date(),
  ): Promise<Report> {
    const period = parseReportPeriod(input.period);
    const { root, portals } = this.scopes.resolve(ctx, input.tenantId, input.scope);
    const ids = portals.map((t) => t.id);
    const perPortal = await this.collect(ctx, ids, period, true);
    const total =
      input.scope === ReportScope.PORTAL
        ? perPortal.get(ids[0])!
        : await this.total(ctx, ids, period, [...perPortal.values()]);
    const checks = await this.rules.check(ctx, portals, period, now);
    const reports = portals.map((portal) => ({
      portal,
      figures: perPortal.get(portal.id)!,
      rules: checks.get(portal.id) ?? [],
    }));
    return {
      scope: input.scope,
      period,
      root,
      portalCount: portals.length,
      total,
      portals: reports,
      ruleSummaries: summarise(reports),
    };
  }

  /** Late items of a report's scope, a page at a time. */
  async lateItems(
    ctx: RequestContext,
    input: { tenantId?: string | null; scope: ReportScope; period: string },
    after: { tenantId: string; publishedAt: Date; itemId: string } | null,
    limit: number,
  ): Promise<LateItem[]> {
    const period = parseReportPeriod(input.period);
    const { portals } = this.scopes.resolve(ctx, input.tenantId, input.scope);
    return this.figures.lateItems(
      ctx,
      portals.map((t) => t.id),
      period,
      after,
      limit,
    );
  }

  /**
   * The figures of a whole set from its portals' figures: counts add up (each row belongs to one
   * portal), lists merge by key; the medians, percentiles and averages are read again over the set.
   */
  async total(
    ctx: RequestContext,
    ids: string[],
    p: ReportPeriod,
    portals: ReportFigures[],
  ): Promise<ReportFigures> {
    const [board, ratings] = await Promise.all([
      this.figures.board(ctx, ids, p, false),
      this.figures.ratings(ctx, ids, p, false),
    ]);
    const empty = EMPTY_FIGURES();
    return rollUp(portals, board.get(ROLLUP) ?? empty.board, ratings.get(ROLLUP) ?? empty.ratings);
  }

  /** All sections for a set of portals: per portal, or rolled up (key ROLLUP). */
  async collect(
    ctx: RequestContext,
    ids: string[],
    p: ReportPeriod,
    perPortal: boolean,
  ): Promise<Map<string, ReportFigures>> {
    const f = this.figures;
    const [
      published,
      syndication,
      timeliness,
      board,
      questions,
      consultations,
      ratings,
      refusals,
      throughput,
      accounts,
    ] = await Promise.all([
      f.published(ctx, ids, p, perPortal),
      f.syndication(ctx, ids, p, perPortal),
      f.timeliness(ctx, ids, p, perPortal),
      f.board(ctx, ids, p, perPortal),
      f.questions(ctx, ids, p, perPortal),
      f.consultations(ctx, ids, p, perPortal),
      f.ratings(ctx, ids, p, perPortal),
      f.refusals(ctx, ids, p, perPortal),
      f.throughput(ctx, ids, p, perPortal),
      f.accounts(ctx, ids, p, perPortal),
    ]);
    const out = new Map<string, ReportFigures>();
    for (const key of perPortal ? ids : [ROLLUP]) {
      const empty = EMPTY_FIGURES();
      out.set(key, {
        published: published.get(key) ?? empty.published,
        syndication: syndication.get(key) ?? empty.syndication,
        timeliness: timeliness.get(key) ?? empty.timeliness,
        board: board.get(key) ?? empty.board,
        questions: questions.get(key) ?? empty.questions,
        consultations: consultations.get(key) ?? empty.consultations,
        ratings: ratings.get(key) ?? empty.ratings,
        refusals: refusals.get(key) ?? empty.refusals,
        throughput: throughput.get(key) ?? empty.throughput,
        accounts: accounts.get(key) ?? empty.accounts,
      });
    }
    return out;
  }
}

export function summarise(reports: Array<{ portal: RoutedTenant; rules: RuleCheck[] }>): RuleSummary[] {
  const byKey = new Map<string, RuleSummary>();
  for (const { portal, rules } of reports)
    for (const check of rules) {
      let s = byKey.get(check.key);
      if (!s)
        byKey.set(
          check.key,
          (s = {
            key: check.key,
            titleVi: check.titleVi,
            titleEn: check.titleEn,
            document: check.document,
            article: check.article,
            passed: 0,
            failed: 0,
            notApplicable: 0,
            failedPortals: [],
          }),
        );
      if (check.outcome === 'PASSED') s.passed += 1;
      else if (check.outcome === 'FAILED') {
        s.failed += 1;
        s.failedPortals.push(portal.primaryHost);
      } else s.notApplicable += 1;
    }
  return [...byKey.values()];
}

/** Adds portal figures up (see `ReportService.total`); `board` and `ratings` come computed over the set. */
export function rollUp(
  portals: ReportFigures[],
  board: BoardTimeliness,
  ratings: RatingFigures,
): ReportFigures {
  const t = EMPTY_FIGURES();
  const counts = {
    kind: new Map<string | null, number>(),
    category: new Map<string | null, number>(),
    unit: new Map<string | null, number>(),
    language: new Map<string | null, number>(),
    reason: new Map<string | null, number>(),
  };
  const add = (m: Map<string | null, number>, list: LabelledCount[]) => {
    for (const c of list) m.set(c.key, (m.get(c.key) ?? 0) + c.count);
  };
  const kinds = new Map<string, KindTimeliness>();
  const members = new Map<string, MemberThroughput>();
  const roles = new Map<string, RoleAccounts>();
  const sum = <T extends object>(into: T, from: T) => {
    for (const k of Object.keys(from) as Array<keyof T>)
      if (typeof from[k] === 'number') (into[k] as number) = ((into[k] as number) ?? 0) + (from[k] as number);
  };
  for (const f of portals) {
    t.published.total += f.published.total;
    add(counts.kind, f.published.byKind);
    add(counts.category, f.published.byCategory);
    add(counts.unit, f.published.byUnit);
    add(counts.language, f.published.byLanguage);
    sum(t.syndication, f.syndication);
    for (const k of f.timeliness) {
      const into = kinds.get(k.kind) ?? { kind: k.kind, published: 0, withDeadline: 0, onTime: 0, late: 0 };
      sum(into, k);
      kinds.set(k.kind, into);
    }
    sum(t.questions, f.questions);
    sum(t.consultations, f.consultations);
    t.refusals.refused += f.refusals.refused;
    t.refusals.returned += f.refusals.returned;
    add(counts.reason, f.refusals.byReason);
    for (const m of f.throughput) {
      const into = members.get(m.accountId) ?? {
        ...m,
        tookForReview: 0,
        returned: 0,
        refused: 0,
        approved: 0,
        scheduled: 0,
        published: 0,
        withdrawn: 0,
      };
      sum(into, m);
      members.set(m.accountId, into);
    }
    for (const r of f.accounts) {
      const into = roles.get(r.role) ?? { role: r.role, holders: 0, active: 0 };
      sum(into, r);
      roles.set(r.role, into);
    }
  }
  const list = (m: Map<string | null, number>) => {
    const out = [...m].map(([key, count]) => ({ key, count }));
    sortCounts(out);
    return out;
  };
  t.published.byKind = list(counts.kind);
  t.published.byCategory = list(counts.category);
  t.published.byUnit = list(counts.unit);
  t.published.byLanguage = list(counts.language);
  t.refusals.byReason = list(counts.reason);
  t.timeliness = [...kinds.values()].sort((a, b) => a.kind.localeCompare(b.kind));
  t.throughput = [...members.values()].sort((a, b) => a.username.localeCompare(b.username));
  t.accounts = [...roles.values()].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));
  t.board = board;
  t.ratings = ratings;
  return t;
}
