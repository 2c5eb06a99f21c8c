import { Injectable } from '@nestjs/common';
import { RequestContext } from '@portal/platform';
import type { RoutedTenant } from '@portal/tenancy';
import { ROLLUP, ReportFiguresService } from '../figures/report-figures.service';
import type {
  BoardTimeliness,
  ConsultationFigures,
  KindTimeliness,
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
 * The reports of the managing agencies and the central office (DOMAIN.md §9; 004 art. 24, 28):
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
    const perPortal = await this.collect(ids, period, true);
    const total =
      input.scope === ReportScope.PORTAL
        ? perPortal.get(ids[0])!
        : (await this.collect(ids, period, false)).get(ROLLUP)!;
    const checks = await this.rules.check(portals, period, now);
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
      portals.map((t) => t.id),
      period,
      after,
      limit,
    );
  }

  /** All sections for a set of portals: per portal, or rolled up (key ROLLUP). */
  async collect(ids: string[], p: ReportPeriod, perPortal: boolean): Promise<Map<string, ReportFigures>> {
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
      f.published(ids, p, perPortal),
      f.syndication(ids, p, perPortal),
      f.timeliness(ids, p, perPortal),
      f.board(ids, p, perPortal),
      f.questions(ids, p, perPortal),
      f.consultations(ids, p, perPortal),
      f.ratings(ids, p, perPortal),
      f.refusals(ids, p, perPortal),
      f.throughput(ids, p, perPortal),
      f.accounts(ids, p, perPortal),
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
