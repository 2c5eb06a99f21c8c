import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { HomePageService, PublicContentService, PublicItemRow } from '@portal/content';
import { Ctx, Public, RequestContext } from '@portal/platform';
import { HostRoutingService } from '@portal/tenancy';
import { localePath } from '../render/locale';
import { sendHtml } from '../render/site-responder';
import { SITE_PATHS, categoryPaths } from '../render/site-paths';

/** How many of the newest items (per language) a sitemap lists. */
const SITEMAP_ITEMS = 1000;

const xml = (s: string) =>
  s.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );

/** `sitemap.xml` (home, sections, newest items in both languages) and `robots.txt` of each portal. */
@Controller()
export class SiteSeoController {
  constructor(
    private readonly home: HomePageService,
    private readonly content: PublicContentService,
    private readonly routing: HostRoutingService,
  ) {}

  @Get('robots.txt')
  @Public()
  robots(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): void {
    const tenant = this.routing.tenant(ctx.requireTenant().id)!;
    const body = [
      'User-agent: *',
      'Allow: /',
      // Search pages stay crawlable: nothing links to arbitrary searches, and a crawler that
      // follows one finds only public pages.
      'Disallow: /graphql',
      'Disallow: /en/graphql',
      '',
      `Sitemap: https://${tenant.primaryHost}${SITE_PATHS.sitemap}`,
      '',
    ].join('\n');
    sendHtml(req, res, body, { type: 'text/plain; charset=utf-8', maxAge: 3600 });
  }

  @Get('sitemap.xml')
  @Public()
  async sitemap(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    const tenant = this.routing.tenant(ctx.requireTenant().id)!;
    const origin = `https://${tenant.primaryHost}`;
    const urls: Array<{ loc: string; lastmod?: Date }> = [];
    for (const language of ['vi', 'en'] as const) {
      // The sections shown in that language (hidden ones are not), each where it is linked (a
      // kind's own page once, e.g. /hoi-dap), not its empty listing.
      const paths = [...new Set(categoryPaths(await this.home.categories(tenant.id, language)).values())];
      urls.push({ loc: `${origin}${localePath(language, '/')}` });
      for (const path of paths) urls.push({ loc: `${origin}${localePath(language, path)}` });
      let after: string | null = null;
      const items: PublicItemRow[] = [];
      while (items.length < SITEMAP_ITEMS) {
        const page = await this.content.list(tenant.id, { language, first: 100, after });
        items.push(...page.rows);
        if (!page.hasNextPage) break;
        after = page.endCursor;
      }
      for (const item of items)
        urls.push({
          loc: `${origin}${localePath(language, SITE_PATHS.article(item.slug))}`,
          lastmod: item.revised_at,
        });
    }
    const body =
      '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
      urls
        .map(
          (u) =>
            `<url><loc>${xml(u.loc)}</loc>${u.lastmod ? `<lastmod>${new Date(u.lastmod).toISOString()}</lastmod>` : ''}</url>`,
        )
        .join('\n') +
      '\n</urlset>\n';
    sendHtml(req, res, body, { type: 'application/xml; charset=utf-8', maxAge: 600 });
  }
}
