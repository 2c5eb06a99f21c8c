import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { contentDisposition } from '@portal/content';
import { Authenticated, Ctx, RequestContext } from '@portal/platform';
import { ReportExportJobService } from '../jobs/report-export-job.service';
import { ReportFormat } from '../export/report-export.types';

const TYPES: Record<ReportFormat, string> = {
  [ReportFormat.XLSX]: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  [ReportFormat.CSV]: 'text/csv; charset=utf-8',
};

/** `GET /reports/exports/:id/file`: a finished report file, for the account that asked for it. */
@Controller('reports/exports')
export class ReportExportsController {
  constructor(private readonly exports: ReportExportJobService) {}

  @Get(':id/file')
  @Authenticated()
  async file(@Ctx() ctx: RequestContext, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const { view, stream } = await this.exports.open(ctx, id);
    res.setHeader('Content-Type', TYPES[view.format]);
    res.setHeader('Content-Length', String(view.size));
    res.setHeader('Content-Disposition', contentDisposition(view.fileName!));
    res.setHeader('Cache-Control', 'private, no-store');
    stream.pipe(res);
  }
}
