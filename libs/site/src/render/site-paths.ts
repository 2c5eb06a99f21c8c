import type { PublicCategoryRow } from '@portal/content';

/**
 * The website's addresses (the same under `/en` for English). Kept in one place so that pages,
 * sitemaps and redirects agree.
 */
export const SITE_PATHS = {
  home: '/',
  article: (slug: string) => `/bai-viet/${slug}`,
  category: (slugPath: string) => `/chuyen-muc/${slugPath}`,
  search: '/tim-kiem',
  legal: '/van-ban',
  sitemap: '/sitemap.xml',
  print: (slug: string) => `/print/${slug}`,
  // Pages of the engagement and information sets (built on this framework).
  questions: '/hoi-dap',
  consultations: '/gop-y-du-thao',
  rating: '/danh-gia',
  polls: '/tham-do',
  poll: (id: string) => `/tham-do/${id}`,
  sendInformation: '/gui-thong-tin',
  schedule: '/lich-cong-tac',
  reception: '/lich-tiep-cong-dan',
  contacts: '/lien-he',
  procedures: '/thu-tuc-hanh-chinh',
  introduction: '/gioi-thieu',
  leaders: '/lanh-dao',
  projects: '/du-an',
  gazette: '/cong-bao',
  statistics: '/thong-ke',
  archive: (id: string) => `/archive/${id}`,
} as const;

/** Each category's slug path (`parent/child`), for category addresses. */
export function categorySlugPaths(categories: PublicCategoryRow[]): Map<string, string> {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const paths = new Map<string, string>();
  const pathOf = (c: PublicCategoryRow, depth = 0): string => {
    const known = paths.get(c.id);
    if (known) return known;
    const parent = c.parent_id ? byId.get(c.parent_id) : undefined;
    const path = parent && depth < 8 ? `${pathOf(parent, depth + 1)}/${c.slug}` : c.slug;
    paths.set(c.id, path);
    return path;
  };
  for (const c of categories) pathOf(c);
  return paths;
}

/** A menu entry's own address: only site paths and http(s) links are ever put in an href. */
export function safeHref(url: string | null): string | null {
  if (!url) return null;
  const u = url.trim();
  if (/^\/(?!\/)/.test(u) || /^https?:\/\//i.test(u)) return u;
  return null;
}

/**
 * The public GETs the anonymous response cache may answer (matched against the path without the
 * `/en` prefix): every page, the sitemap and robots.txt, the print and archive views.
 */
export const SITE_CACHED_PATHS: readonly RegExp[] = [
  /^\/(?:\?|$)/,
  /^\/bai-viet\//,
  /^\/chuyen-muc\//,
  /^\/tim-kiem(?:\?|$)/,
  /^\/van-ban(?:\?|$)/,
  /^\/(?:sitemap\.xml|robots\.txt)(?:\?|$)/,
  /^\/print\//,
  /^\/archive\//,
];
