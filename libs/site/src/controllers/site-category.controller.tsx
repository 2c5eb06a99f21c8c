import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PublicContentService } from '@portal/content';
import { Ctx, DomainError, Public, RequestContext } from '@portal/platform';
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
    if (!category) return sendPage(req, res, <ProblemPage chrome={chrome} status={404} />, { status: 404 });
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
