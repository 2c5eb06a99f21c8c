import type { ResolvedTheme } from '../theme/site-theme.service';
import type { SiteLocale } from './locale';

/** A link of a menu or breadcrumb trail. */
export interface NavLink {
  label: string;
  href: string;
  /** A link to another website (liên kết website): marked as such. */
  external?: boolean;
  /** Entries nested under this one (menus nest one level). */
  children?: NavLink[];
}

/**
 * What every page shows around its content: the portal, its look, its menu, the language switch
 * and the visitor count. Built once per request by `SiteChromeService`.
 */
export interface SiteChrome {
  locale: SiteLocale;
  portal: {
    id: string;
    name: string;
    /** The Vietnamese name (the owner agency's default and the English page's subtitle). */
    nameVi: string;
    kind: string;
    /** Its public address, e.g. https://saigon.hochiminhcity.gov.vn (canonical links, Open Graph). */
    origin: string;
  };
  /** The portals above it, root first (breadcrumb of the federation in the footer). */
  parents: NavLink[];
  theme: ResolvedTheme;
  stylesheets: string[];
  emblemSrc: string;
  menu: NavLink[];
  footerMenu: NavLink[];
  /** The footer's pages for citizens (reception schedule, procedures, documents, sending information…). */
  citizenMenu?: NavLink[];
  /** Page views of the portal so far (all pages, all days), or null before the first flush. */
  visits: number | null;
  /** The page's own path without the language prefix (e.g. `/tim-kiem?q=x`). */
  path: string;
}
