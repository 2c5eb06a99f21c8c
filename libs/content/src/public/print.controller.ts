import { Controller, Get, Header, Inject, NotFoundException, Param, Req } from '@nestjs/common';
import type { Request } from 'express';
import { APP_CONFIG, AppConfig, Ctx, Public, RequestContext, isUuid } from '@portal/platform';
import { HostRoutingService } from '@portal/tenancy';
import { originsFor, publicItemUrl } from './item-url';
import { PublicContentService, PublicItemRow } from './public-content.service';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(
  row: PublicItemRow,
  locale: 'vi' | 'en',
  canonical: string | null,
  from: string | null,
  english: string | null,
): string {
  const published = new Date(row.published_at).toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
  });
  // The body was sanitised when it was saved; everything else is escaped here.
  return `<!doctype html><html lang="${row.language}"><head><meta charset="utf-8"><title>${escape(row.title)}</title>
${canonical ? `<link rel="canonical" href="${escape(canonical)}">` : ''}
${english ? `<link rel="alternate" hreflang="en" href="${escape(english)}">` : ''}
<style>body{font-family:serif;max-width:48rem;margin:2rem auto}@media print{a{color:inherit}}</style></head><body>
${english ? `<p><a href="${escape(english)}" hreflang="en" lang="en">English version</a></p>` : ''}
<article><h1>${escape(row.title)}</h1>
<p><small>${escape(published)} · ${escape(row.author_name)} · ${locale === 'vi' ? 'Nguồn' : 'Source'}: ${escape(row.source)}</small></p>
${from ? `<p><small>${locale === 'vi' ? 'Đăng lại từ' : 'Republished from'}: <a href="${escape(canonical ?? '')}">${escape(from)}</a></small></p>` : ''}
${row.summary ? `<p><strong>${escape(row.summary)}</strong></p>` : ''}
${row.body_html}
<p><small><a href="/archive/${row.id}">/archive/${row.id}</a></small></p></article></body></html>`;
}

/**
 * The print view of a published item and its permanent archive link (by id, so it survives slug
 * changes and restructuring redirects), as Decree 42 art. 7 asks of every item.
 */
@Controller()
export class PrintController {
  constructor(
    private readonly content: PublicContentService,
    private readonly routing: HostRoutingService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private async render(
    ctx: RequestContext,
    req: Request,
    row: PublicItemRow,
    locale: 'vi' | 'en',
  ): Promise<string> {
    const source = this.routing.tenant(row.tenant_id);
    const origin = originsFor(req, this.config);
    const canonical = source
      ? publicItemUrl(source.primaryHost, row.language, row.source_slug, origin)
      : null;
    // A Vietnamese page offers its English translation on this portal when one is live.
    const englishSlug =
      row.language === 'vi' ? await this.content.englishSlug(ctx.requireTenant().id, row.id) : null;
    const english = englishSlug ? `/en/print/${encodeURIComponent(englishSlug)}` : null;
    return page(row, locale, canonical, row.syndication_id && source ? source.nameVi : null, english);
  }

  @Get('print/:slug')
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=60')
  @Header('Vary', 'Accept-Language, X-Portal-Locale')
  async print(@Ctx() ctx: RequestContext, @Req() req: Request, @Param('slug') slug: string): Promise<string> {
    const tenantId = ctx.requireTenant().id;
    // A browser preferring English that follows a Vietnamese item's address gets the Vietnamese page
    // (with the link to the English one when it exists), not a 404.
    const row =
      (await this.content.bySlug(tenantId, slug, ctx.locale)) ??
      (ctx.locale === 'en' ? await this.content.bySlug(tenantId, slug, 'vi') : null);
    if (!row) throw new NotFoundException();
    return this.render(ctx, req, row, ctx.locale);
  }

  @Get('archive/:id')
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=60')
  async archive(@Ctx() ctx: RequestContext, @Req() req: Request, @Param('id') id: string): Promise<string> {
    const row = isUuid(id) ? await this.content.byId(ctx.requireTenant().id, id) : null;
    if (!row) throw new NotFoundException();
    return this.render(ctx, req, row, row.language);
  }
}
