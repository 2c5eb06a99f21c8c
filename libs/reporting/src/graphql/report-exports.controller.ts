import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { contentDisposition } from '@portal/content';
import { APP_CONFIG, AppConfig, Authenticated, Ctx, Public, RequestContext, isUuid } from '@portal/platform';
import type { Readable } from 'node:stream';
import { verifyDownload } from '../jobs/report-download-link';
import type { ReportExportView } from '../jobs/report-export-job.service';
import { ReportExportJobService } from '../jobs/report-export-job.service';
import { ReportFormat } from '../export/report-export.types';
import { ReportingErrors } from '../errors/reporting-errors';

const TYPES: Record<ReportFormat, string> = {
  [ReportFormat.XLSX]: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  [ReportFormat.CSV]: 'text/csv; charset=utf-8',
};

/**
 * A finished report file, for the account that asked for it: `GET /reports/exports/:id/file` with its
 * bearer token (API clients), or `GET /reports/exports/:id/download?…` through the short-lived signed
 * link `reportExport.downloadUrl` gives (a browser, which sends no token).
 */
@Controller('reports/exports')
export class ReportExportsController {
  constructor(
    private readonly exports: ReportExportJobService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get(':id/file')
  @Authenticated()
  async file(@Ctx() ctx: RequestContext, @Param('id') id: string, @Res() res: Response): Promise<void> {
    send(res, await this.exports.open(ctx, id));
  }

  @Get(':id/download')
  @Public()
  async download(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ): Promise<void> {
    // A bad, expired or foreign-host link is the same answer as a missing file.
    const grant = isUuid(id)
      ? verifyDownload(this.config.jwtSecret, id, ctx.requireTenant().id, query)
      : null;
    if (!grant) throw ReportingErrors.fileNotFound();
    send(res, await this.exports.openGranted(grant));
  }
}

function send(res: Response, { view, stream }: { view: ReportExportView; stream: Readable }): void {
  res.setHeader('Content-Type', TYPES[view.format]);
  res.setHeader('Content-Length', String(view.size));
  res.setHeader('Content-Disposition', contentDisposition(view.fileName!));
  res.setHeader('Cache-Control', 'private, no-store');
  // The link must not leak to another site through the Referer of anything the file opens.
  res.setHeader('Referrer-Policy', 'no-referrer');
  stream.pipe(res);
}
