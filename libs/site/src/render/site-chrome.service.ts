import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { HomePageService, MenuRow, PublicCategoryRow, originsFor } from '@portal/content';
import { APP_CONFIG, AppConfig, RequestContext } from '@portal/platform';
import { HostRoutingService, RoutedTenant, devHostFor } from '@portal/tenancy';
import { SITE_ASSETS, themeCssPath } from '../assets/site-assets';
import { SiteThemeService } from '../theme/site-theme.service';
import { SiteVisitsService } from '../visits/site-visits.service';
import { localePath, type SiteLocale } from './locale';
import type { NavLink, SiteChrome } from './site-chrome';
import { categoryPaths, safeHref } from './site-paths';
import { citizenLinks } from './citizen-links';

/**
 * The language of a site page: English when it was addressed under `/en` (which sets
 * `X-Portal-Locale`, a header the response cache keys on), whatever Accept-Language says.
 */
export function siteLocaleOf(req: Request): SiteLocale {
  return req.headers['x-portal-locale'] === 'en' ? 'en' : 'vi';
}

/**
 * Builds what every page shows around its content (`SiteChrome`) for the portal a request
 * addressed: its look, menus, parents, visitor count. Pages receive it as a prop.
 */
@Injectable()
export class SiteChromeService {
  constructor(
    private readonly home: HomePageService,
    private readonly routing: HostRoutingService,
    private readonly themes: SiteThemeService,
    private readonly visits: SiteVisitsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async load(
    ctx: RequestContext,
    req: Request,
  ): Promise<SiteChrome & { categories: PublicCategoryRow[]; categoryPaths: Map<string, string> }> {
    const locale = siteLocaleOf(req);
    const tenant = this.routing.tenant(ctx.requireTenant().id)!;
    const [theme, categories, main, footer, visits] = await Promise.all([
      this.themes.resolve(tenant.id),
      this.home.categories(tenant.id, locale),
      this.home.menu(tenant.id, 'MAIN', locale),
      this.home.menu(tenant.id, 'FOOTER', locale),
      this.visits.total(tenant.id),
    ]);
    const sectionPaths = categoryPaths(categories);
    const link = (m: MenuRow): NavLink | null => {
      const label = locale === 'en' ? (m.label_en ?? m.label_vi) : m.label_vi;
      // An entry naming a category goes where that category is linked (its kind's own page when
      // it has one); an entry with an address goes there as written (a path in the page's language).
      const own = m.category_id ? sectionPaths.get(m.category_id) : undefined;
      const url = own ? null : safeHref(m.url);
      const external = !!url && /^https?:\/\//i.test(url);
      const href = own ? localePath(locale, own) : url && !external ? localePath(locale, url) : url;
      return href ? { label, href, ...(external ? { external } : {}) } : null;
    };
    const menuLinks = (rows: MenuRow[]): NavLink[] =>
      rows
        .filter((m) => !m.parent_id)
        .map((m) => {
          const top = link(m);
          if (!top) return null;
          const children = rows
            .filter((c) => c.parent_id === m.id)
            .map(link)
            .filter((c): c is NavLink => c !== null);
          return children.length ? { ...top, children } : top;
        })
        .filter((m): m is NavLink => m !== null);
    const footerMenu = menuLinks(footer);
    const path = (req.originalUrl ?? req.url ?? '/').replace(/^\/en(?=\/|$|\?)/, '') || '/';
    return {
      locale,
      portal: {
        id: tenant.id,
        name: this.nameOf(tenant, locale),
        nameVi: tenant.nameVi,
        kind: tenant.kind,
        origin: this.originOf(req, tenant.primaryHost),
      },
      parents: this.routing.ancestors(tenant).map((a) => ({
        label: this.nameOf(a, locale),
        href: this.portalHref(req, a, locale),
      })),
      theme,
      stylesheets: [SITE_ASSETS.cssPath, themeCssPath(theme.primaryColour, theme.accentColour)],
      emblemSrc: SITE_ASSETS.emblemPath,
      menu: menuLinks(main),
      footerMenu,
      citizenMenu: citizenLinks(locale, categories, sectionPaths, footerMenu),
      visits,
      path: path.startsWith('/') ? path : `/${path}`,
      categories,
      categoryPaths: sectionPaths,
    };
  }

  /**
   * A portal's public origin for canonical and Open Graph links: `https://<primary host>`, or read
   * through a development alias, that alias's (as the print view, the feeds and the API's
   * `canonicalUrl` write them).
   */
  originOf(req: Request, primaryHost: string): string {
    return originsFor(req, this.config)(primaryHost);
  }

  nameOf(t: RoutedTenant, locale: SiteLocale): string {
    return locale === 'en' && t.nameEn ? t.nameEn : t.nameVi;
  }

  /**
   * The address of another portal's home: in development (`*.localhost`) its development host and
   * the same port, so that a person can click through the federation on one machine.
   */
  portalHref(req: Request, t: RoutedTenant, locale: SiteLocale): string {
    const rawHost = String(req.headers.host ?? '');
    const viaDev = !!this.config.devHostSuffix && rawHost.includes(`.${this.config.devHostSuffix}`);
    const port = /:(\d+)$/.exec(rawHost)?.[1];
    const host = viaDev
      ? (devHostFor(t.primaryHost, this.config.devHostSuffix, this.config.publicSuffixes) ?? t.primaryHost)
      : t.primaryHost;
    return `${viaDev ? 'http' : req.protocol}://${host}${port ? `:${port}` : ''}${localePath(locale, '/')}`;
  }

  children(tenantId: string): RoutedTenant[] {
    return this.routing.children(tenantId);
  }
}
