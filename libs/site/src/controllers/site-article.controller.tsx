import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  AttachmentsService,
  ContentKind,
  ItemMediaView,
  LegalPublicService,
  MediaFileView,
  MediaService,
  PublicContentService,
} from '@portal/content';
import { Ctx, Public, RequestContext } from '@portal/platform';
import { HostRoutingService } from '@portal/tenancy';
import { ArticleMedia, ArticlePage } from '../pages/article.page';
import { ProblemPage } from '../pages/problem.page';
import { localePath } from '../render/locale';
import { SiteChromeService } from '../render/site-chrome.service';
import { categoryTrail } from '../render/site-categories';
import { sendPage } from '../render/site-responder';
import { SITE_PATHS } from '../render/site-paths';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MEDIA_KINDS = new Set([ContentKind.VIDEO, ContentKind.AUDIO, ContentKind.PHOTO_GALLERY]);

function articleMediaOf(kind: string, m: ItemMediaView): ArticleMedia {
  const file = (f: MediaFileView | null) =>
    f && {
      src: f.url,
      type: f.mediaType,
      size: f.size,
      fileName: f.fileName,
      width: f.width,
      height: f.height,
    };
  return {
    kind: kind as ArticleMedia['kind'],
    main: file(m.main),
    poster: file(m.poster),
    captions: file(m.captions),
    photos: m.photos.map((p) => ({
      ...file(p)!,
      caption: { vi: p.captionVi, en: p.captionEn },
      credit: { vi: p.creditVi, en: p.creditEn },
    })),
  };
}

/** An item's page: `/bai-viet/<slug>` (the print view and archive link stay where they were). */
@Controller()
export class SiteArticleController {
  constructor(
    private readonly chrome: SiteChromeService,
    private readonly content: PublicContentService,
    private readonly attachments: AttachmentsService,
    private readonly routing: HostRoutingService,
    private readonly legal: LegalPublicService,
    private readonly media: MediaService,
  ) {}

  @Get('bai-viet/:slug')
  @Public()
  async article(
    @Ctx() ctx: RequestContext,
    @Param('slug') slug: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const chrome = await this.chrome.load(ctx, req);
    const { locale } = chrome;
    const other = locale === 'vi' ? 'en' : 'vi';
    const tenantId = chrome.portal.id;
    const valid = SLUG.test(slug);
    let found = valid ? await this.content.bySlug(tenantId, slug, locale) : null;
    if (!found && valid) {
      // The other language's address of an item (where the language switch of an untranslated
      // item leads): the translation in this language if there is one, else the item as it is,
      // under this language's interface.
      const original = await this.content.bySlug(tenantId, slug, other);
      const translated = original && (await this.content.translationSlug(tenantId, original.id, locale));
      if (translated) return res.redirect(302, localePath(locale, SITE_PATHS.article(translated)));
      found = original;
    }
    if (!found) {
      const gone = valid && (await this.content.wasWithdrawn(tenantId, slug, locale));
      return sendPage(req, res, <ProblemPage chrome={chrome} status={gone ? 410 : 404} />, {
        status: gone ? 410 : 404,
      });
    }
    const item = found;
    const source = item.syndication_id ? this.routing.tenant(item.tenant_id) : null;
    const hasMedia = MEDIA_KINDS.has(item.kind as ContentKind);
    const [files, related, legal, translation, media] = await Promise.all([
      this.attachments.ofItem(item.tenant_id, item.id),
      item.category_id
        ? this.content.list(tenantId, { categoryId: item.category_id, language: locale, first: 6 })
        : Promise.resolve({ rows: [] }),
      item.kind === ContentKind.LEGAL_DOCUMENT ? this.legal.ofItem(item.id) : Promise.resolve(null),
      item.language === locale
        ? this.content.translationSlug(tenantId, item.id, other)
        : Promise.resolve(null),
      // A copy's media stay with the portal that owns them (its page shows them).
      hasMedia && !source ? this.media.publicMedia(item.id) : Promise.resolve(null),
    ]);
    // A copy's files are served by the portal that owns them.
    const filesOrigin = source ? `https://${source.primaryHost}` : '';
    sendPage(
      req,
      res,
      <ArticlePage
        chrome={chrome}
        item={item}
        trail={categoryTrail(chrome.categories, item.category_id, locale)}
        attachments={files.map((a) => ({
          fileName: a.fileName,
          size: a.size,
          mediaType: a.mediaType,
          href: `${filesOrigin}/attachments/${a.id}`,
        }))}
        related={related.rows.filter((r) => r.id !== item.id).slice(0, 5)}
        syndicatedFrom={
          source
            ? {
                name: this.chrome.nameOf(source, locale),
                url: `${this.chrome.originOf(req, source.primaryHost)}${localePath(item.language, SITE_PATHS.article(item.source_slug))}`,
              }
            : null
        }
        translationPath={translation ? SITE_PATHS.article(translation) : null}
        legal={legal}
        media={media && articleMediaOf(item.kind, media)}
      />,
    );
  }
}
