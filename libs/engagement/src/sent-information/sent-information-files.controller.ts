import { Controller, Get, Logger, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { contentDisposition } from '@portal/content';
import { Authenticated, Ctx, NotFoundError, RequestContext } from '@portal/platform';
import { SentInformationService } from './sent-information.service';

/**
 * `GET /sent-information/:id/file`: the file a sender attached, for an officer who may read the
 * row in the intake queue (NOT_FOUND otherwise, as for a row that does not exist). Never public.
 */
@Controller('sent-information')
export class SentInformationFilesController {
  private readonly logger = new Logger('SentInformationFiles');

  constructor(private readonly sent: SentInformationService) {}

  @Get(':id/file')
  @Authenticated()
  async download(@Ctx() ctx: RequestContext, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const row = await this.sent.view(ctx, id);
    if (!row.fileSha256 || !row.fileName) throw new NotFoundError('File');
    const stream = await this.sent.open(row);
    res.status(200);
    res.setHeader('Content-Type', row.fileMediaType ?? 'application/octet-stream');
    res.setHeader('Content-Length', String(row.fileSize));
    res.setHeader('Content-Disposition', contentDisposition(row.fileName));
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    stream.on('error', (error) => {
      this.logger.error(`sent information ${row.id}: ${error.message}`);
      res.destroy(error);
    });
    res.on('close', () => stream.destroy());
    stream.pipe(res);
  }
}
