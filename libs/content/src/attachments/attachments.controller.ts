import { rm } from 'node:fs/promises';
import { Controller, Get, Inject, Logger, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Authenticated, Ctx, Public, RequestContext, inputError } from '@portal/platform';
import { contentDisposition } from './file-name';
import { ATTACHMENT_SETTINGS, AttachmentSettings, AttachmentsService } from './attachments.service';
import { MULTIPART_OVERHEAD_BYTES, fileTooLarge, receiveUpload } from './upload-receiver';
import { ContentErrorCode } from '../errors/content-error-code';

/**
 * After refusing an upload that is still arriving, keep discarding what the client sends for a
 * moment so that it reads the answer (closing at once makes many clients report a reset instead
 * of the 413), then cut the connection: a client that keeps sending is not read for long.
 */
const LINGER_MS = 2000;

function lingerThenClose(req: Request): void {
  if (req.complete) return;
  const timer = setTimeout(() => req.socket?.destroy(), LINGER_MS);
  timer.unref();
  req.once('end', () => clearTimeout(timer));
  req.once('close', () => clearTimeout(timer));
  req.resume();
}

/**
 * `POST /attachments` (multipart/form-data: `file`, optional `itemId`) stores a file of the
 * addressed portal; `GET /attachments/:id` sends one back as a download. Plain HTTP because files
 * do not belong in GraphQL bodies; errors are the same JSON `{errors:[{extensions:{code, field}}]}`.
 */
@Controller('attachments')
export class AttachmentsController {
  private readonly logger = new Logger('Attachments');

  constructor(
    private readonly attachments: AttachmentsService,
    @Inject(ATTACHMENT_SETTINGS) private readonly settings: AttachmentSettings,
  ) {}

  @Post()
  @Authenticated()
  async upload(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    ctx.requireTenant();
    // Refuse before reading a byte of the body: the right to write content on this portal ...
    this.attachments.assertMayUpload(ctx);
    // ... and a declared length that is already too large.
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > this.settings.maxBytes + MULTIPART_OVERHEAD_BYTES) {
      lingerThenClose(req);
      throw fileTooLarge(this.settings.maxBytes);
    }
    let received;
    try {
      received = await receiveUpload(req, {
        maxBytes: this.settings.maxBytes,
        tmpDir: this.settings.tmpDir,
        fileField: 'file',
        fields: ['itemId'],
      });
    } catch (error) {
      // Whatever went wrong, the rest of the body must not be parsed as the next request.
      lingerThenClose(req);
      throw error;
    }
    const { file, fields } = received;
    if (!file)
      throw inputError(
        ContentErrorCode.FILE_REQUIRED,
        'file',
        'Cần gửi một tệp trong trường "file".',
        'Send one file in the field "file".',
      );
    try {
      const saved = await this.attachments.accept(ctx, file, fields.itemId?.trim() || null);
      res.status(201).json(saved);
    } finally {
      await rm(file.path, { force: true });
    }
  }

  @Get(':id')
  @Public()
  async download(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const found = await this.attachments.forDownload(ctx, id);
    const { attachment } = found;
    const etag = `"sha256-${attachment.sha256}"`;
    res.setHeader('Cache-Control', found.isPublic ? 'public, max-age=300' : 'private, no-cache');
    res.setHeader('Vary', 'Authorization');
    res.setHeader('ETag', etag);
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    const stream = await found.open();
    res.status(200);
    res.setHeader('Content-Type', attachment.mediaType);
    res.setHeader('Content-Length', String(attachment.size));
    res.setHeader('Content-Disposition', contentDisposition(attachment.fileName));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    stream.on('error', (error) => {
      this.logger.error(`attachment ${attachment.id}: ${error.message}`);
      res.destroy(error);
    });
    res.on('close', () => stream.destroy());
    stream.pipe(res);
  }
}
