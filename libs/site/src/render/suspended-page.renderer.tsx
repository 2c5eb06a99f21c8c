import { Injectable, OnModuleInit } from '@nestjs/common';
import { HostProblemPages, HostRoutingService, RoutedTenant } from '@portal/tenancy';
import { SITE_ASSETS, themeCssPath } from '../assets/site-assets';
import { SuspendedPage } from '../pages/suspended.page';
import { DEFAULT_ACCENT, DEFAULT_PRIMARY } from '../theme/site-theme.service';
import { THEME_FIELDS, ThemeValues } from '../theme/site-theme.entity';
import { localePath } from './locale';
import { renderDocument } from './render-page';

/**
 * The page a browser sees on a suspended portal's host (503): the site's frame without anything
 * read from the database (the portal answers nothing while suspended), in the default look.
 */
@Injectable()
export class SuspendedPageRenderer implements OnModuleInit {
  constructor(
    private readonly pages: HostProblemPages,
    private readonly routing: HostRoutingService,
  ) {}

  onModuleInit(): void {
    this.pages.registerSuspended((tenant, locale) => this.render(tenant, locale));
  }

  render(tenant: RoutedTenant, locale: 'vi' | 'en'): string {
    const name = (p: RoutedTenant) => (locale === 'en' && p.nameEn ? p.nameEn : p.nameVi);
    const parent = tenant.parentId ? this.routing.tenant(tenant.parentId) : null;
    const blank = Object.fromEntries(THEME_FIELDS.map((f) => [f, null])) as ThemeValues;
    return renderDocument(
      <SuspendedPage
        chrome={{
          locale,
          portal: {
            id: tenant.id,
            name: name(tenant),
            nameVi: tenant.nameVi,
            kind: tenant.kind,
            origin: `https://${tenant.primaryHost}`,
          },
          parents: [],
          theme: {
            ...blank,
            primaryColour: DEFAULT_PRIMARY,
            accentColour: DEFAULT_ACCENT,
            inheritedFrom: {},
          },
          stylesheets: [SITE_ASSETS.cssPath, themeCssPath(DEFAULT_PRIMARY, DEFAULT_ACCENT)],
          emblemSrc: SITE_ASSETS.emblemPath,
          menu: [],
          footerMenu: [],
          visits: null,
          path: '/',
        }}
        parent={
          parent
            ? { name: name(parent), href: `https://${parent.primaryHost}${localePath(locale, '/')}` }
            : null
        }
      />,
    );
  }
}
