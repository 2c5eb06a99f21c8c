import { Controller, Get, Header, NotFoundException, Param } from '@nestjs/common';
import { Ctx, Public, RequestContext, isUuid } from '@portal/platform';
import { PublicContentService, PublicItemRow } from './public-content.service';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(row: PublicItemRow, locale: 'vi' | 'en'): string {
  const published = new Date(row.published_at).toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
  });
  // The body was sanitised when it was saved; everything else is escaped here.
  return `<!doctype html><html lang="${row.language}"><head><meta charset="utf-8"><title>${escape(row.title)}</title>
<style>body{font-family:serif;max-width:48rem;margin:2rem auto}@media print{a{color:inherit}}</style></head><body>
<article><h1>${escape(row.title)}</h1>
<p><small>${escape(published)} · ${escape(row.author_name)} · ${locale === 'vi' ? 'Nguồn' : 'Source'}: ${escape(row.source)}</small></p>
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
  constructor(private readonly content: PublicContentService) {}

  @Get('print/:slug')
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=60')
  async print(@Ctx() ctx: RequestContext, @Param('slug') slug: string): Promise<string> {
    const row = await this.content.bySlug(ctx.requireTenant().id, slug, ctx.locale);
    if (!row) throw new NotFoundException();
    return page(row, ctx.locale);
  }

  @Get('archive/:id')
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=60')
  async archive(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<string> {
    const row = isUuid(id) ? await this.content.byId(ctx.requireTenant().id, id) : null;
    if (!row) throw new NotFoundException();
    return page(row, row.language);
  }
}
