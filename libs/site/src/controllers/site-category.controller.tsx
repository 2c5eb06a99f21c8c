import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PublicContentService } from '@portal/content';
import { Ctx, DomainError, Public, RequestContext } from '@portal/platform';
import { CategoryAddresses } from '@portal/tenancy';
import { CategoryPage } from '../pages/category.page';
import { ProblemPage } from '../pages/problem.page';
import { localePath } from '../render/locale';
import { SiteChromeService } from '../render/site-chrome.service';
import { categoryBySlugPath, categoryName, categoryTrail } from '../render/site-categories';
import { sendPage } from '../render/site-responder';
import { SITE_PATHS } from '../render/site-paths';

const PAGE_SIZE = 20;

/** A section's listing: `/chuyen-muc/<slug>[/<child slug>…]?after=<cursor>`. */
@Controller()
export class SiteCategoryController {
  constructor(
    private readonly chrome: SiteChromeService,
    private readonly content: PublicContentService,
    private readonly addresses: CategoryAddresses,
  ) {}

  @Get('chuyen-muc/*path')
  @Public()
  async category(
    @Ctx() ctx: RequestContext,
    @Param('path') path: string[] | string,
    @Query('after') after: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const chrome = await this.chrome.load(ctx, req);
    const { locale } = chrome;
    const slugPath = (Array.isArray(path) ? path : [path]).filter(Boolean).join('/');
    const category = categoryBySlugPath(chrome.categories, slugPath);
    if (!category) {
      // A renamed or moved section answers 301 to where it is now (in one hop); a hidden one 410.
      const former = await this.addresses.lookup(chrome.portal.id, slugPath, locale);
      if (former.type === 'moved' && former.tenantId === chrome.portal.id) {
        const query = (req.originalUrl ?? '').split('?')[1];
        // Kept briefly: the old address may be given to a new section later.
        res.setHeader('Cache-Control', 'public, max-age=600');
        return res.redirect(
          301,
          `${localePath(locale, SITE_PATHS.category(former.slugPath))}${query ? `?${query}` : ''}`,
        );
      }
      const status = former.type === 'gone' ? 410 : 404;
      return sendPage(req, res, <ProblemPage chrome={chrome} status={status} gone="section" />, { status });
    }
    let page;
    try {
      page = await this.content.list(chrome.portal.id, {
        categoryId: category.id,
        language: locale,
        first: PAGE_SIZE,
        after: typeof after === 'string' && after ? after : null,
      });
    } catch (e) {
      // A cursor that is not one of ours: the address is wrong, not the server.
      if (e instanceof DomainError)
        return sendPage(req, res, <ProblemPage chrome={chrome} status={404} />, { status: 404 });
      throw e;
    }
    const own = SITE_PATHS.category(slugPath);
    sendPage(
      req,
      res,
      <CategoryPage
        chrome={chrome}
        name={categoryName(category, locale)}
        trail={categoryTrail(chrome.categories, category.id, locale)}
        subsections={chrome.categories
          .filter((c) => c.parent_id === category.id)
          .map((c) => ({
            label: categoryName(c, locale),
            href: localePath(locale, chrome.categoryPaths.get(c.id)!),
          }))}
        items={page.rows}
        firstHref={after ? localePath(locale, own) : null}
        nextHref={
          page.hasNextPage && page.endCursor
            ? `${localePath(locale, own)}?after=${encodeURIComponent(page.endCursor)}`
            : null
        }
        path={own}
      />,
    );
  }
}
