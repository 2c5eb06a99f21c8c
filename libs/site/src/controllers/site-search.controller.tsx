import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PublicItemRow, PublicSearchService } from '@portal/content';
import { Ctx, DomainError, Public, RequestContext } from '@portal/platform';
import { SearchPage } from '../pages/search.page';
import { SiteChromeService } from '../render/site-chrome.service';
import { sendPage } from '../render/site-responder';

const PER_PAGE = 10;
/** Search pages go ten deep (100 results): past that, a narrower search helps more. */
const MAX_PAGE = 10;

/** `/tim-kiem?q=…&page=N`: the portal's full-text search as a page. */
@Controller()
export class SiteSearchController {
  constructor(
    private readonly chrome: SiteChromeService,
    private readonly searcher: PublicSearchService,
  ) {}

  @Get('tim-kiem')
  @Public()
  async search(
    @Ctx() ctx: RequestContext,
    @Query('q') q: unknown,
    @Query('page') pageParam: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const chrome = await this.chrome.load(ctx, req);
    const query = typeof q === 'string' ? q.normalize('NFC').trim().slice(0, 200) : '';
    const page = Math.min(MAX_PAGE, Math.max(1, Number.parseInt(String(pageParam ?? '1'), 10) || 1));
    let results: PublicItemRow[] | null = null;
    let hasNextPage = false;
    const errors: Array<{ field: string; message: string }> = [];
    if (typeof q === 'string') {
      try {
        // A bounded offset (ten pages at most); the service itself never scans the portal.
        const { rows } = await this.searcher.searchPage(chrome.portal.id, query, {
          first: Math.min(100, page * PER_PAGE + 1),
          language: chrome.locale,
        });
        results = rows.slice((page - 1) * PER_PAGE, page * PER_PAGE);
        hasNextPage = rows.length > page * PER_PAGE && page < MAX_PAGE;
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        errors.push({ field: 'q', message: chrome.locale === 'en' ? e.text.en : e.text.vi });
      }
    }
    const words = query.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    sendPage(
      req,
      res,
      <SearchPage
        chrome={chrome}
        query={query}
        words={words}
        results={results}
        page={page}
        hasNextPage={hasNextPage}
        errors={errors}
      />,
    );
  }
}
