import { Controller, Get, Inject, Logger, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AbilityFactory } from '@portal/access';
import { AttachmentsService, MediaType } from '@portal/content';
import { SessionService } from '@portal/identity';
import { APP_CONFIG, Actor, AppConfig, Ctx, NotFoundError, Public, RequestContext } from '@portal/platform';
import { CONSOLE_MEDIA_PATH, MEDIA_COOKIE, readCookie, verifyMediaGrant } from './console-media';

/** What the console shows inline: raster images only (never a document, never markup). */
const SHOWN = new Set<string>([MediaType.PNG, MediaType.JPEG, MediaType.GIF, MediaType.WEBP]);

/**
 * `GET /quan-tri/media/:id`: the images of items the signed-in editor may read, for the console's
 * pages (an `<img>` in the editor or the preview sends no bearer token). The request must carry the
 * media cookie issued with the console's session on this very host (console-media.ts); its session
 * must still stand, and the image is then checked as `GET /attachments/:id` checks it for a bearer
 * token (the editor's right to read the item, within the subtree of this host's portal). Anything
 * else, anonymous or through another portal's host, is the same 404.
 */
@Controller(CONSOLE_MEDIA_PATH)
export class ConsoleMediaController {
  private readonly logger = new Logger('ConsoleMedia');

  constructor(
    private readonly attachments: AttachmentsService,
    private readonly sessions: SessionService,
    private readonly abilities: AbilityFactory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get(':id')
  @Public()
  async media(
    @Ctx() ctx: RequestContext,
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const tenant = ctx.requireTenant();
    res.setHeader('Cache-Control', 'private, no-cache');
    res.setHeader('Vary', 'Cookie');
    const notFound = () =>
      void res.status(404).type('text/plain; charset=utf-8').send('Không tìm thấy. / Not found.');
    const grant = verifyMediaGrant(this.config.jwtSecret, readCookie(req, MEDIA_COOKIE));
    if (!grant || grant.tenantId !== tenant.id) return notFound();
    const live = await this.sessions.isLive(ctx, grant.sessionId, grant.accountId);
    if (!live) return notFound();
    const actor: Actor = {
      type: 'account',
      accountId: grant.accountId,
      sessionId: grant.sessionId,
      username: live.username,
      isPlatformAdmin: live.isPlatformAdmin,
    };
    const editor = new RequestContext({
      requestId: ctx.requestId,
      tenant: ctx.tenant,
      actor,
      ability: await this.abilities.forActor(actor),
      locale: ctx.locale,
      ip: ctx.ip,
    });
    const found = await this.attachments.forDownload(editor, id).catch((e: unknown) => {
      if (e instanceof NotFoundError) return null;
      throw e;
    });
    if (!found) return notFound();
    const { attachment } = found;
    if (!SHOWN.has(attachment.mediaType)) return notFound();
    const etag = `"sha256-${attachment.sha256}"`;
    res.setHeader('ETag', etag);
    if (req.headers['if-none-match'] === etag) return void res.status(304).end();
    const stream = await found.open();
    res.status(200);
    res.setHeader('Content-Type', attachment.mediaType);
    res.setHeader('Content-Length', String(attachment.size));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    stream.on('error', (error) => {
      this.logger.error(`attachment ${attachment.id}: ${error.message}`);
      res.destroy(error);
    });
    res.on('close', () => stream.destroy());
    stream.pipe(res);
  }
}
