import { Controller, Get, Header, Inject, Req } from '@nestjs/common';
import type { Request } from 'express';
import { APP_CONFIG, AppConfig, Ctx, Public, RequestContext } from '@portal/platform';
import { HostRoutingService, RoutedTenant, devHostFor } from '@portal/tenancy';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * A plain page per portal at `/`: its name, where it sits in the federation and links to the
 * portals around it, so a person can click through the tree in a browser (`*.localhost` hosts keep
 * their development form). Content pages arrive with the content lib. No link to /graphql: it is
 * for programs (POST), not a page to open.
 */
@Controller()
export class PortalHomeController {
  constructor(
    private readonly routing: HostRoutingService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=60')
  home(@Ctx() ctx: RequestContext, @Req() req: Request): string {
    const tenant = this.routing.tenant(ctx.requireTenant().id)!;
    const viaDev =
      !!this.config.devHostSuffix && String(req.headers.host ?? '').includes(`.${this.config.devHostSuffix}`);
    const port = /:(\d+)$/.exec(String(req.headers.host ?? ''))?.[1];
    const link = (t: RoutedTenant) => {
      const host = viaDev
        ? (devHostFor(t.primaryHost, this.config.devHostSuffix, this.config.publicSuffixes) ?? t.primaryHost)
        : t.primaryHost;
      return `<a href="${req.protocol}://${escapeHtml(host)}${port ? `:${port}` : ''}/">${escapeHtml(ctx.locale === 'en' && t.nameEn ? t.nameEn : t.nameVi)}</a>`;
    };
    const name = ctx.locale === 'en' && tenant.nameEn ? tenant.nameEn : tenant.nameVi;
    const chain = this.routing.ancestors(tenant).map(link).join(' › ');
    const children = this.routing
      .children(tenant.id)
      .map((c) => `<li>${link(c)} <small>${escapeHtml(c.kind)}</small></li>`)
      .join('');
    return `<!doctype html><html lang="${ctx.locale}"><head><meta charset="utf-8"><title>${escapeHtml(name)}</title></head><body>
<nav>${chain}</nav>
<h1>${escapeHtml(name)}</h1>
<p>${escapeHtml(tenant.kind)} · ${escapeHtml(tenant.primaryHost)}</p>
${children ? `<h2>${ctx.locale === 'en' ? 'Component portals' : 'Cổng thành phần'}</h2><ul>${children}</ul>` : ''}
</body></html>`;
  }
}
