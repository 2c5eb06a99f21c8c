import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ContentKind, HomePageService, PublicContentService } from '@portal/content';
import { Ctx, Public, RequestContext } from '@portal/platform';
import { HomePage } from '../pages/home.page';
import { localePath } from '../render/locale';
import { SiteChromeService } from '../render/site-chrome.service';
import { sendPage } from '../render/site-responder';
import { SITE_PATHS } from '../render/site-paths';

/** Each portal's home page, `/` in Vietnamese and `/en` in English. */
@Controller()
export class SiteHomeController {
  constructor(
    private readonly chrome: SiteChromeService,
    private readonly home: HomePageService,
    private readonly content: PublicContentService,
  ) {}

  @Get()
  @Public()
  async index(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    const chrome = await this.chrome.load(ctx, req);
    const { locale } = chrome;
    const tenantId = chrome.portal.id;
    const [pinned, sections, legal, drafts] = await Promise.all([
      this.home.pinned(tenantId, locale, 5),
      this.home.latestBySection(tenantId, locale, 5),
      this.content.list(tenantId, { kind: ContentKind.LEGAL_DOCUMENT, language: locale, first: 5 }),
      this.content.list(tenantId, { kind: ContentKind.DRAFT_DOCUMENT, language: locale, first: 3 }),
    ]);
    sendPage(
      req,
      res,
      <HomePage
        chrome={chrome}
        pinned={pinned}
        sections={sections.map((s) => ({
          name: locale === 'en' ? (s.category.name_en ?? s.category.name_vi) : s.category.name_vi,
          href: localePath(
            locale,
            chrome.categoryPaths.get(s.category.id) ?? SITE_PATHS.category(s.category.slug),
          ),
          items: s.items,
        }))}
        themes={chrome.categories
          .filter((c) => c.thematic)
          .map((c) => ({
            label: locale === 'en' ? (c.name_en ?? c.name_vi) : c.name_vi,
            href: localePath(locale, chrome.categoryPaths.get(c.id)!),
          }))}
        legal={legal.rows}
        drafts={drafts.rows}
        components={this.chrome.children(tenantId).map((c) => ({
          label: this.chrome.nameOf(c, locale),
          href: this.chrome.portalHref(req, c, locale),
        }))}
      />,
    );
  }
}
