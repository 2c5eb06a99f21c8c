import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PublicItemRow } from './public-content.service';

export interface PublicCategoryRow {
  id: string;
  parent_id: string | null;
  slug: string;
  name_vi: string;
  name_en: string | null;
  content_kind: string | null;
  position: number;
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

const COLUMNS = `i.id, i.tenant_id, i.kind, i.category_id, i.language, i.slug, i.published_at, i.pinned,
  r.title, r.summary, r.body_html, r.fields, r.author_name, r.source, r.number AS revision_number`;

/** The data of a portal's home page and navigation: its sections, menus, pinned and latest items. */
@Injectable()
export class HomePageService {
  constructor(private readonly dataSource: DataSource) {}

  categories(tenantId: string): Promise<PublicCategoryRow[]> {
    return this.dataSource.query(
      `SELECT id, parent_id, slug, name_vi, name_en, content_kind, position FROM categories WHERE tenant_id = $1 ORDER BY parent_id NULLS FIRST, position, id`,
      [tenantId],
    );
  }

  menu(tenantId: string, menu: 'MAIN' | 'FOOTER'): Promise<MenuRow[]> {
    return this.dataSource.query(
      `SELECT id, parent_id, label_vi, label_en, category_id, url, position FROM menu_items WHERE tenant_id = $1 AND menu = $2 ORDER BY position, id`,
      [tenantId, menu],
    );
  }

  /** Pinned items, newest first. */
  pinned(tenantId: string, language: 'vi' | 'en', limit: number): Promise<PublicItemRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM content_items i JOIN content_revisions r ON r.id = i.live_revision_id
        WHERE i.tenant_id = $1 AND i.language = $2 AND i.live_revision_id IS NOT NULL AND i.withdrawn_at IS NULL AND i.pinned
        ORDER BY i.published_at DESC, i.id DESC LIMIT $3`,
      [tenantId, language, limit],
    );
  }

  /** The latest items of each top-level section (one indexed probe per section, not a scan). */
  async latestBySection(
    tenantId: string,
    language: 'vi' | 'en',
    perSection: number,
  ): Promise<Array<{ category: PublicCategoryRow; items: PublicItemRow[] }>> {
    const rows: Array<PublicItemRow & { section_id: string }> = await this.dataSource.query(
      `SELECT c.id AS section_id, x.* FROM categories c
         CROSS JOIN LATERAL (
           SELECT ${COLUMNS} FROM content_items i JOIN content_revisions r ON r.id = i.live_revision_id
            WHERE i.tenant_id = c.tenant_id AND i.category_id IN (SELECT id FROM categories s WHERE s.id = c.id OR s.parent_id = c.id)
              AND i.language = $2 AND i.live_revision_id IS NOT NULL AND i.withdrawn_at IS NULL
            ORDER BY i.published_at DESC, i.id DESC LIMIT $3) x
        WHERE c.tenant_id = $1 AND c.parent_id IS NULL`,
      [tenantId, language, perSection],
    );
    const sections = (await this.categories(tenantId)).filter((c) => !c.parent_id);
    return sections
      .map((category) => ({ category, items: rows.filter((r) => r.section_id === category.id) }))
      .filter((s) => s.items.length > 0);
  }
}
