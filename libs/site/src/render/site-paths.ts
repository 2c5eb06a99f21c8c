import { ContentKind, type PublicCategoryRow } from '@portal/content';

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
  dialogues: '/giao-luu',
  dialogue: (id: string) => `/giao-luu/${id}`,
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

/**
 * The kinds of item that have a page of their own (the portal-wide view of that kind: the questions
 * and their ask form, the contacts directory, the documents search…), rather than a plain listing.
 */
export const KIND_PAGES: Readonly<Partial<Record<string, string>>> = {
  [ContentKind.QA_ITEM]: SITE_PATHS.questions,
  [ContentKind.CONTACT_ENTRY]: SITE_PATHS.contacts,
  [ContentKind.LEGAL_DOCUMENT]: SITE_PATHS.legal,
  [ContentKind.DRAFT_DOCUMENT]: SITE_PATHS.consultations,
  [ContentKind.WORK_SCHEDULE]: SITE_PATHS.schedule,
  [ContentKind.CITIZEN_RECEPTION]: SITE_PATHS.reception,
  [ContentKind.ORGANISATION_PAGE]: SITE_PATHS.introduction,
  [ContentKind.LEADER_PROFILE]: SITE_PATHS.leaders,
  [ContentKind.ADMINISTRATIVE_PROCEDURE]: SITE_PATHS.procedures,
  [ContentKind.PROJECT]: SITE_PATHS.projects,
  [ContentKind.GAZETTE_ISSUE]: SITE_PATHS.gazette,
  [ContentKind.STATISTICS_REPORT]: SITE_PATHS.statistics,
};

/**
 * Where each category is linked from menus, breadcrumbs, the home page and subsection lists
 * (without the language prefix): the page of its kind when it is the outermost category of a kind
 * that has one (`hoi-dap` → `/hoi-dap`, `chi-dao-dieu-hanh/lich-cong-tac` → `/lich-cong-tac`),
 * otherwise its listing (`/chuyen-muc/<slug path>`). Resolved when a page is drawn, so every
 * portal's menus follow, whenever it was provisioned; the listings stay reachable.
 */
export function categoryPaths(categories: PublicCategoryRow[]): Map<string, string> {
  const slugPaths = categorySlugPaths(categories);
  const byId = new Map(categories.map((c) => [c.id, c]));
  const paths = new Map<string, string>();
  for (const c of categories) {
    const page = c.content_kind ? KIND_PAGES[c.content_kind] : undefined;
    const parent = c.parent_id ? byId.get(c.parent_id) : undefined;
    paths.set(
      c.id,
      page && parent?.content_kind !== c.content_kind ? page : SITE_PATHS.category(slugPaths.get(c.id)!),
    );
  }
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
 * `/en` prefix): every page made of published items (a publication or withdrawal drops them), the
 * sitemap and robots.txt, the print and archive views. The engagement pages (questions, drafts'
 * comments, polls, rating) are not: their changes do not drop the cache.
 */
export const SITE_CACHED_PATHS: readonly RegExp[] = [
  /^\/(?:\?|$)/,
  /^\/bai-viet\//,
  /^\/chuyen-muc\//,
  /^\/tim-kiem(?:\?|$)/,
  /^\/van-ban(?:\?|$)/,
  /^\/(?:lich-cong-tac|gioi-thieu|lanh-dao|lien-he|thu-tuc-hanh-chinh|du-an|cong-bao|thong-ke)(?:\?|$)/,
  /^\/(?:sitemap\.xml|robots\.txt)(?:\?|$)/,
  /^\/print\//,
  /^\/archive\//,
];
