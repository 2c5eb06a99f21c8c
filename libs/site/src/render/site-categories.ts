import type { PublicCategoryRow } from '@portal/content';
import { localePath, type SiteLocale } from './locale';
import type { NavLink } from './site-chrome';
import { categoryPaths, categorySlugPaths } from './site-paths';

/** A category's name in the page's language. */
export function categoryName(c: PublicCategoryRow, locale: SiteLocale): string {
  return locale === 'en' ? (c.name_en ?? c.name_vi) : c.name_vi;
}

/** The category a slug path (`parent/child`) names, or null. */
export function categoryBySlugPath(
  categories: PublicCategoryRow[],
  slugPath: string,
): PublicCategoryRow | null {
  const paths = categorySlugPaths(categories);
  return categories.find((c) => paths.get(c.id) === slugPath) ?? null;
}

/** The trail of a category (outermost first), each linked where the category is (`categoryPaths`). */
export function categoryTrail(
  categories: PublicCategoryRow[],
  categoryId: string | null,
  locale: SiteLocale,
): NavLink[] {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const paths = categoryPaths(categories);
  const trail: NavLink[] = [];
  let c = categoryId ? byId.get(categoryId) : undefined;
  for (let depth = 0; c && depth < 8; depth++) {
    trail.unshift({
      label: categoryName(c, locale),
      href: localePath(locale, paths.get(c.id)!),
    });
    c = c.parent_id ? byId.get(c.parent_id) : undefined;
  }
  return trail;
}
