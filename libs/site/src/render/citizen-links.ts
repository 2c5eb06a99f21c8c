import { ContentKind, type PublicCategoryRow } from '@portal/content';
import { localePath, t, type SiteLocale } from './locale';
import type { NavLink } from './site-chrome';
import { SITE_PATHS } from './site-paths';

/**
 * The pages a citizen comes to a portal for, in the order the footer lists them: the kinds' pages
 * (shown when the portal has a section of that kind, named as the portal names that section), then
 * the pages every portal has (sending information in, polls, rating the portal).
 */
const CITIZEN_KINDS: readonly string[] = [
  ContentKind.CITIZEN_RECEPTION,
  ContentKind.ADMINISTRATIVE_PROCEDURE,
  ContentKind.LEGAL_DOCUMENT,
  ContentKind.QA_ITEM,
  ContentKind.DRAFT_DOCUMENT,
];

const EVERY_PORTAL: ReadonlyArray<{ path: string; vi: string; en: string }> = [
  { path: SITE_PATHS.sendInformation, vi: 'Gửi thông tin đến cổng', en: 'Send information' },
  { path: SITE_PATHS.polls, vi: 'Thăm dò ý kiến', en: 'Polls' },
  { path: SITE_PATHS.rating, vi: 'Đánh giá cổng thông tin', en: 'Rate this portal' },
];

/**
 * The footer's "for citizens" links, from the portal's own sections (by kind, wherever the
 * template or the portal put them: the reception schedule sits under "Chỉ đạo, điều hành") and the
 * pages of every portal. `paths` is `categoryPaths(categories)`; a link the footer menu already has
 * is left out.
 */
export function citizenLinks(
  locale: SiteLocale,
  categories: PublicCategoryRow[],
  paths: Map<string, string>,
  already: NavLink[],
): NavLink[] {
  const links: NavLink[] = [];
  const seen = new Set(already.map((l) => l.href));
  const add = (label: string, path: string) => {
    const href = localePath(locale, path);
    if (seen.has(href)) return;
    seen.add(href);
    links.push({ label, href });
  };
  for (const kind of CITIZEN_KINDS) {
    // The outermost section of that kind: the one linked to the kind's own page.
    const section = categories.find(
      (c) => c.content_kind === kind && paths.get(c.id) && !paths.get(c.id)!.startsWith('/chuyen-muc/'),
    );
    if (section)
      add(locale === 'en' ? (section.name_en ?? section.name_vi) : section.name_vi, paths.get(section.id)!);
  }
  for (const page of EVERY_PORTAL) add(t(locale, page.vi, page.en), page.path);
  return links;
}
