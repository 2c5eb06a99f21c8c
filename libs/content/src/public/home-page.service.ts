import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { selectNewest, type PublicItemRow } from './public-content.service';

export interface PublicCategoryRow {
  id: string;
  parent_id: string | null;
  slug: string;
  name_vi: string;
  name_en: string | null;
  content_kind: string | null;
  position: number;
  /** A thematic section (chuyên đề). */
  thematic?: boolean;
}

export interface MenuRow {
  id: string;
  parent_id: string | null;
  label_vi: string;
  label_en: string | null;
  category_id: string | null;
  url: string | null;
  position: number;
}

/** The data of a portal's home page and navigation: its sections, menus, pinned and latest items. */
// UNSCOPED: anonymous public reads of the host-resolved portal (sections, menus, live items).
@Injectable()
export class HomePageService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The sections the website shows in a language: not hidden, shown in that language, and under no
   * category that is not (hiding a section hides what is under it).
   */
  async categories(tenantId: string, language: 'vi' | 'en' = 'vi'): Promise<PublicCategoryRow[]> {
    const rows: Array<PublicCategoryRow & { shown: boolean }> = await this.dataSource.query(
      `SELECT id, parent_id, slug, name_vi, name_en, content_kind, position, thematic,
              hidden_at IS NULL AND $2 = ANY(languages) AS shown
         FROM categories WHERE tenant_id = $1 ORDER BY parent_id NULLS FIRST, position, created_at, id`,
      [tenantId, language],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const shown = (r: PublicCategoryRow & { shown: boolean }, depth = 0): boolean => {
      if (!r.shown || depth > 8) return false;
      const parent = r.parent_id ? byId.get(r.parent_id) : undefined;
      return parent ? shown(parent, depth + 1) : true;
    };
    return rows.filter((r) => shown(r)).map(({ shown: _shown, ...r }) => r);
  }

  /** A menu's entries the website shows in a language (an entry for a hidden category is not). */
  async menu(tenantId: string, menu: 'MAIN' | 'FOOTER', language: 'vi' | 'en' = 'vi'): Promise<MenuRow[]> {
    const [rows, categories] = await Promise.all([
      this.dataSource.query(
        `SELECT id, parent_id, label_vi, label_en, category_id, url, position FROM menu_items
          WHERE tenant_id = $1 AND menu = $2 AND hidden_at IS NULL AND $3 = ANY(languages)
          ORDER BY position, created_at, id`,
        [tenantId, menu, language],
      ) as Promise<MenuRow[]>,
      this.categories(tenantId, language),
    ]);
    const visible = new Set(categories.map((c) => c.id));
    const kept = rows.filter((m) => !m.category_id || visible.has(m.category_id));
    const ids = new Set(kept.map((m) => m.id));
    // An entry under a hidden one goes with it.
    return kept.filter((m) => !m.parent_id || ids.has(m.parent_id));
  }

  /** Pinned items (the portal's own and those pushed down to it pinned), newest first. */
  pinned(tenantId: string, language: 'vi' | 'en', limit: number): Promise<PublicItemRow[]> {
    return this.dataSource.query(
      selectNewest(`p.place_tenant_id = $1 AND p.language = $2 AND p.place_pinned`, '$3'),
      [tenantId, language, limit],
    );
  }

  /**
   * The latest items of each top-level section (its own items and its subsections'): one short
   * index probe per category (tenant, category, published_at), merged per section here, so a
   * section of 300,000 items costs what a section of 30 does.
   */
  async latestBySection(
    tenantId: string,
    language: 'vi' | 'en',
    perSection: number,
  ): Promise<Array<{ category: PublicCategoryRow; items: PublicItemRow[] }>> {
    const categories = await this.categories(tenantId, language);
    const sections = categories.filter((c) => !c.parent_id);
    const sectionOf = new Map(categories.map((c) => [c.id, c.parent_id ?? c.id]));
    const rows: Array<PublicItemRow & { category_key: string }> = await this.dataSource.query(
      `SELECT c.id AS category_key, x.* FROM unnest($2::uuid[]) AS c(id)
         CROSS JOIN LATERAL (
           ${selectNewest(`p.place_tenant_id = $1 AND p.place_category_id = c.id AND p.language = $3`, '$4')}) x`,
      [tenantId, categories.map((c) => c.id), language, perSection],
    );
    return sections
      .map((category) => ({
        category,
        items: rows
          .filter((r) => sectionOf.get(r.category_key) === category.id)
          .sort(
            (a, b) =>
              new Date(b.place_at).getTime() - new Date(a.place_at).getTime() || (a.id < b.id ? 1 : -1),
          )
          .slice(0, perSection),
      }))
      .filter((s) => s.items.length > 0);
  }
}
