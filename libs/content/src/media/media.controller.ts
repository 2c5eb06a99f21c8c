import { rm } from 'node:fs/promises';
import { Controller, Get, Inject, Logger, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  Authenticated,
  Ctx,
  IdempotencyKey,
  IdempotencyService,
  Public,
  RequestContext,
  inputError,
  ok,
} from '@portal/platform';
import { ATTACHMENT_SETTINGS, AttachmentSettings } from '../attachments/attachments.service';
import { contentDisposition } from '../attachments/file-name';
import { MULTIPART_OVERHEAD_BYTES, fileTooLarge, receiveUpload } from '../attachments/upload-receiver';
import { ifRangeHolds, notModified, parseRange } from './http-range';
import { MEDIA_SETTINGS, MediaSettings } from './media-settings';
import { MediaRole } from './media-sniff';
import { MediaService } from './media.service';
import { ContentErrorCode } from '../errors/content-error-code';

/** After refusing an upload still arriving, read a little longer so the client sees the answer. */
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
 * `POST /media/{video,audio,poster,captions,photo}` (multipart/form-data `file`, optional
 * `itemId`) stores a media file of the addressed portal, streamed to disk and then to the blob
 * store, under the role's size limit; an `Idempotency-Key` header makes a retry answer the first
 * upload. `GET /media/:id` (and HEAD) serves it with byte ranges and validators, streamed from the
 * store, never read into memory (docs/website.md, media).
 */
@Controller('media')
export class MediaController {
  private readonly logger = new Logger('Media');

  constructor(
    private readonly media: MediaService,
    private readonly idempotency: IdempotencyService,
    @Inject(ATTACHMENT_SETTINGS) private readonly attachmentSettings: AttachmentSettings,
    @Inject(MEDIA_SETTINGS) private readonly settings: MediaSettings,
  ) {}

  @Post('video')
  @Authenticated()
  video(
    @Ctx() ctx: RequestContext,
    @IdempotencyKey() key: string | null,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return this.upload(ctx, MediaRole.VIDEO, key, req, res);
  }

  @Post('audio')
  @Authenticated()
  audio(
    @Ctx() ctx: RequestContext,
    @IdempotencyKey() key: string | null,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return this.upload(ctx, MediaRole.AUDIO, key, req, res);
  }

  @Post('poster')
  @Authenticated()
  poster(
    @Ctx() ctx: RequestContext,
    @IdempotencyKey() key: string | null,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return this.upload(ctx, MediaRole.POSTER, key, req, res);
  }

  @Post('captions')
  @Authenticated()
  captions(
    @Ctx() ctx: RequestContext,
    @IdempotencyKey() key: string | null,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return this.upload(ctx, MediaRole.CAPTIONS, key, req, res);
  }

  @Post('photo')
  @Authenticated()
  photo(
    @Ctx() ctx: RequestContext,
    @IdempotencyKey() key: string | null,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return this.upload(ctx, MediaRole.PHOTO, key, req, res);
  }

  private async upload(
    ctx: RequestContext,
    role: MediaRole,
    key: string | null,
    req: Request,
    res: Response,
  ): Promise<void> {
    ctx.requireTenant();
    // Refuse before reading a byte: the right to write content here, and a declared length too large.
    this.media.assertMayUpload(ctx);
    const maxBytes = this.settings.maxBytes[role];
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes + MULTIPART_OVERHEAD_BYTES) {
      lingerThenClose(req);
      throw fileTooLarge(maxBytes);
    }
    let received;
    try {
      received = await receiveUpload(req, {
        maxBytes,
        tmpDir: this.attachmentSettings.tmpDir,
        fileField: 'file',
        fields: ['itemId'],
      });
    } catch (error) {
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
      const itemId = fields.itemId?.trim() || null;
      const prepared = await this.media.prepare(ctx, role, file, itemId);
      const saved = await this.idempotency.run(
        ctx,
        { operation: 'uploadMedia', key, request: { role, itemId, sha256: file.sha256, size: file.size } },
        async (tx) => ok(await this.media.record(tx, role, file, prepared, itemId)),
      );
      if (!saved.ok) throw saved.error;
      res.status(201).json(saved.value);
    } finally {
      await rm(file.path, { force: true });
    }
  }

  @Get(':id')
  @Public()
  async serve(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const found = await this.media.forServing(ctx, id);
    const { file } = found;
    const size = Number(file.size);
    // The bytes of a row never change (content-addressed): their hash is a strong validator.
    const etag = `"${file.sha256}"`;
    const lastModified = file.createdAt;
    res.setHeader('Accept-Ranges', 'bytes');
    res.setHeader('ETag', etag);
    res.setHeader('Last-Modified', lastModified.toUTCString());
    // Public: shared caches may keep it an hour (not immutable: a withdrawal must take effect).
    // A draft's file: only the officer's browser, never stored.
    res.setHeader(
      'Cache-Control',
      found.isPublic ? `public, max-age=${this.settings.publicMaxAge}` : 'private, no-store',
    );
    res.setHeader('Vary', 'Authorization');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    if (notModified(header('if-none-match'), header('if-modified-since'), etag, lastModified)) {
      res.status(304).end();
      return;
    }
    let range = parseRange(header('range'), size);
    if (range.kind !== 'full' && !ifRangeHolds(header('if-range'), etag, lastModified))
      range = { kind: 'full' };
    if (range.kind === 'unsatisfiable') {
      res.status(416).setHeader('Content-Range', `bytes */${size}`);
      res.end();
      return;
    }
    res.setHeader('Content-Type', file.mediaType);
    res.setHeader('Content-Disposition', contentDisposition(file.fileName).replace(/^attachment/, 'inline'));
    const part = range.kind === 'partial' ? { start: range.start, end: range.end } : undefined;
    if (part) {
      res.status(206);
      res.setHeader('Content-Range', `bytes ${part.start}-${part.end}/${size}`);
      res.setHeader('Content-Length', String(part.end - part.start + 1));
    } else {
      res.status(200);
      res.setHeader('Content-Length', String(size));
    }
    if (req.method === 'HEAD' || size === 0) {
      res.end();
      return;
    }
    const stream = await found.open(part);
    stream.on('error', (error) => {
      this.logger.error(`media ${file.id}: ${error.message}`);
      res.destroy(error);
    });
    res.on('close', () => stream.destroy());
    stream.pipe(res);
  }
}
