import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import {
  APP_CONFIG,
  AppConfig,
  CheckAbility,
  Ctx,
  DomainError,
  IdempotencyKey,
  IdempotencyService,
  InputErrorType,
  RequestContext,
  ok,
} from '@portal/platform';
import type { RoutedTenant } from '@portal/tenancy';
import { ReportFormat } from '../export/report-export.types';
import { DOWNLOAD_LINK_SECONDS, signedDownloadPath } from '../jobs/report-download-link';
import { ReportExportJobService, type ReportExportView } from '../jobs/report-export-job.service';
import { ReportScope } from '../report/report-scope';
import { ReportService } from '../report/report.service';
import {
  LateItemType,
  ReportExportType,
  ReportPortalType,
  ReportType,
  RequestReportExportResult,
} from './reporting.types';
import { ReportingErrors } from '../errors/reporting-errors';

const portal = (t: RoutedTenant): ReportPortalType => ({
  id: t.id,
  host: t.primaryHost,
  nameVi: t.nameVi,
  kind: t.kind,
});

const exportView = (v: ReportExportView, ctx: RequestContext, secret: string): ReportExportType =>
  Object.assign(new ReportExportType(), {
    ...v,
    downloadPath: v.status === 'DONE' ? `/reports/exports/${v.id}/file` : null,
    downloadUrl:
      v.status === 'DONE' && ctx.accountId && ctx.tenant
        ? signedDownloadPath(secret, {
            exportId: v.id,
            accountId: ctx.accountId,
            tenantId: ctx.tenant.id,
            expires: Math.floor(Date.now() / 1000) + DOWNLOAD_LINK_SECONDS,
          })
        : null,
  });

const badCursor = ReportingErrors.invalidCursor;

/**
 * Reports for the managing agencies and the central office. Each needs `read Report` on every
 * portal it covers (see ReportScopeResolver); figures are computed when asked, files in the
 * background.
 */
@Resolver()
export class ReportingResolver {
  constructor(
    private readonly reports: ReportService,
    private readonly exports: ReportExportJobService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Query(() => ReportType, {
    description:
      'Figures and rule checks of a portal (or its subtree, or the federation) for a period: 2026, 2026-H1, 2026-Q3, 2026-05 or 2026-01-01..2026-02-15.',
  })
  @CheckAbility('read', 'Report')
  async report(
    @Ctx() ctx: RequestContext,
    @Args('period') period: string,
    @Args('tenantId', { type: () => ID, nullable: true }) tenantId?: string | null,
    @Args('scope', { type: () => ReportScope, defaultValue: ReportScope.PORTAL }) scope?: ReportScope,
  ): Promise<ReportType> {
    const r = await this.reports.report(ctx, { tenantId, scope: scope ?? ReportScope.PORTAL, period });
    return {
      scope: r.scope,
      period: r.period.label,
      from: r.period.from,
      to: r.period.to,
      root: r.root ? portal(r.root) : null,
      portalCount: r.portalCount,
      total: r.total,
      portals: r.portals.map((p) => ({ portal: portal(p.portal), figures: p.figures, rules: p.rules })),
      ruleSummaries: r.ruleSummaries,
    };
  }

  @Query(() => [LateItemType], {
    description:
      'Items of the scope first published after their statutory due date in the period, by portal and time.',
  })
  @CheckAbility('read', 'Report')
  async reportLateItems(
    @Ctx() ctx: RequestContext,
    @Args('period') period: string,
    @Args('tenantId', { type: () => ID, nullable: true }) tenantId?: string | null,
    @Args('scope', { type: () => ReportScope, defaultValue: ReportScope.PORTAL }) scope?: ReportScope,
    @Args('first', { type: () => Int, defaultValue: 100 }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<LateItemType[]> {
    const limit = first ?? 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw ReportingErrors.invalidPageSize();
    let cursor: { tenantId: string; publishedAt: Date; itemId: string } | null = null;
    if (after) {
      try {
        const [tenantIdPart, at, itemId] = JSON.parse(
          Buffer.from(after, 'base64url').toString('utf8'),
        ) as string[];
        cursor = { tenantId: tenantIdPart, publishedAt: new Date(at), itemId };
        if (
          !/^[0-9a-f-]{36}$/.test(cursor.tenantId) ||
          !/^[0-9a-f-]{36}$/.test(itemId) ||
          Number.isNaN(cursor.publishedAt.getTime())
        )
          throw badCursor();
      } catch {
        throw badCursor();
      }
    }
    const items = await this.reports.lateItems(
      ctx,
      { tenantId, scope: scope ?? ReportScope.PORTAL, period },
      cursor,
      limit,
    );
    return items.map((item) => ({ ...item, cursor: lateItemCursor(item) }));
  }

  @Mutation(() => RequestReportExportResult, {
    description:
      'Asks for the report as a file (XLSX: one sheet per section; CSV: UTF-8 with BOM), made in the background; poll reportExport(id) and fetch downloadPath (with the token) or open downloadUrl (a browser).',
  })
  @CheckAbility('read', 'Report')
  async requestReportExport(
    @Ctx() ctx: RequestContext,
    @Args('period') period: string,
    @Args('format', { type: () => ReportFormat, defaultValue: ReportFormat.XLSX }) format: ReportFormat,
    @Args('tenantId', { type: () => ID, nullable: true }) tenantId?: string | null,
    @Args('scope', { type: () => ReportScope, defaultValue: ReportScope.PORTAL }) scope?: ReportScope,
    @IdempotencyKey() key?: string | null,
  ): Promise<ReportExportType | InputErrorType> {
    const request = { tenantId, scope: scope ?? ReportScope.PORTAL, period, format };
    try {
      // The stored answer is the export as asked for; its links are signed afresh on each answer.
      const r = await this.idempotency.run(
        ctx,
        { operation: 'requestReportExport', key, request },
        async (tx) => ok(await this.exports.request(tx, request)),
      );
      return r.ok
        ? exportView(r.value, ctx, this.config.jwtSecret)
        : InputErrorType.from(r.error, ctx.locale);
    } catch (e) {
      if (e instanceof DomainError && e.httpStatus === 400) return InputErrorType.from(e, ctx.locale);
      throw e;
    }
  }

  @Query(() => ReportExportType, { description: 'A report file asked for by the caller.' })
  @CheckAbility('read', 'Report')
  async reportExport(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<ReportExportType> {
    return exportView(await this.exports.get(ctx, id), ctx, this.config.jwtSecret);
  }
}

/** The cursor after a late item (what `after` takes). */
function lateItemCursor(item: { tenantId: string; publishedAt: Date; itemId: string }): string {
  return Buffer.from(JSON.stringify([item.tenantId, item.publishedAt.toISOString(), item.itemId])).toString(
    'base64url',
  );
}
