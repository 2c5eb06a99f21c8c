import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { RequestContext, ScopedRepository, ScopedRepositoryFactory } from '@portal/platform';
import {
  CategoryEntity,
  CategoryRedirectEntity,
  MenuItemEntity,
  SiteStructureChangeEntity,
} from './category.entity';

/**
 * The site structure's rows: categories, menu entries, former category addresses and the parts of
 * its template a portal changed. Reads for the editor go through the scoped repository (the
 * portal's subtree and the caller's `update SiteStructure` rules); writes run in the caller's
 * transaction (confined to its subtree by row-level security).
 */
@Injectable()
export class SiteStructureRepository {
  private readonly categories: ScopedRepository<CategoryEntity>;
  private readonly menuItems: ScopedRepository<MenuItemEntity>;

  constructor(
    private readonly dataSource: DataSource,
    scoped: ScopedRepositoryFactory,
  ) {
    this.categories = scoped.for(CategoryEntity, 'SiteStructure');
    this.menuItems = scoped.for(MenuItemEntity, 'SiteStructure');
  }

  private m(ctx: RequestContext): EntityManager {
    return ctx.manager ?? this.dataSource.manager;
  }

  /** Every category of a portal the caller may edit (hidden ones too), tree order by position. */
  categoriesOf(ctx: RequestContext, tenantId: string): Promise<CategoryEntity[]> {
    return this.categories
      .query(ctx, 'update')
      .andWhere('row.tenant_id = :tenantId', { tenantId })
      .orderBy('row.position', 'ASC')
      .addOrderBy('row.createdAt', 'ASC')
      .addOrderBy('row.id', 'ASC')
      .getMany();
  }

  /** One category the caller may edit, or null (another portal's, not there, not the caller's). */
  category(ctx: RequestContext, id: string): Promise<CategoryEntity | null> {
    return this.categories.findById(ctx, 'update', id);
  }

  menuOf(ctx: RequestContext, tenantId: string): Promise<MenuItemEntity[]> {
    return this.menuItems
      .query(ctx, 'update')
      .andWhere('row.tenant_id = :tenantId', { tenantId })
      .orderBy('row.menu', 'ASC')
      .addOrderBy('row.position', 'ASC')
      .addOrderBy('row.createdAt', 'ASC')
      .addOrderBy('row.id', 'ASC')
      .getMany();
  }

  menuItem(ctx: RequestContext, id: string): Promise<MenuItemEntity | null> {
    return this.menuItems.findById(ctx, 'update', id);
  }

  async changedParts(ctx: RequestContext, tenantIds: string[]): Promise<SiteStructureChangeEntity[]> {
    if (tenantIds.length === 0) return [];
    return this.m(ctx).find(SiteStructureChangeEntity, {
      where: { tenantId: In(tenantIds) },
      order: { part: 'ASC' },
    });
  }

  /** Writes (inserts or updates) categories in the caller's transaction. */
  async saveCategories(ctx: RequestContext, rows: CategoryEntity[]): Promise<void> {
    if (rows.length) await this.m(ctx).save(CategoryEntity, rows);
  }

  async saveMenuItems(ctx: RequestContext, rows: MenuItemEntity[]): Promise<void> {
    if (rows.length) await this.m(ctx).save(MenuItemEntity, rows);
  }

  /** Remembers former addresses (a path already on record keeps pointing, now at this category). */
  async addRedirects(
    ctx: RequestContext,
    rows: Array<{ tenantId: string; path: string; categoryId: string }>,
  ): Promise<void> {
    if (rows.length === 0) return;
    const now = new Date();
    await this.m(ctx)
      .createQueryBuilder()
      .insert()
      .into(CategoryRedirectEntity)
      .values(rows.map((r) => ({ ...r, createdAt: now })))
      .orUpdate(['category_id', 'created_at'], ['tenant_id', 'path'])
      .updateEntity(false)
      .execute();
  }

  /** Points every former address of some categories at others (a merge: source → target category). */
  async repointRedirects(ctx: RequestContext, targets: Map<string, string>): Promise<number> {
    let moved = 0;
    for (const [from, to] of targets) {
      if (from === to) continue;
      const r = await this.m(ctx).update(CategoryRedirectEntity, { categoryId: from }, { categoryId: to });
      moved += r.affected ?? 0;
    }
    return moved;
  }

  redirectsOf(ctx: RequestContext, tenantIds: string[]): Promise<CategoryRedirectEntity[]> {
    if (tenantIds.length === 0) return Promise.resolve([]);
    return this.m(ctx).find(CategoryRedirectEntity, { where: { tenantId: In(tenantIds) } });
  }

  /** Records that a portal changed a part of its template (first and latest time, by whom). */
  async markChanged(ctx: RequestContext, tenantId: string, parts: string[]): Promise<void> {
    for (const part of new Set(parts)) {
      await this.m(ctx).query(
        `INSERT INTO site_structure_changes (tenant_id, part, changed_by) VALUES ($1, $2, $3)
         ON CONFLICT (tenant_id, part) DO UPDATE SET last_changed_at = now(), changed_by = EXCLUDED.changed_by`,
        [tenantId, part, ctx.accountId],
      );
    }
  }

  // UNSCOPED: the public website's lookup of a former category address on the host's own portal
  // (or, for a merged portal's host, the portal the host was made for); answers only an id.
  async redirectTarget(tenantId: string, path: string): Promise<string | null> {
    const rows: Array<{ category_id: string }> = await this.dataSource.query(
      `SELECT category_id FROM category_redirects WHERE tenant_id = $1 AND path = $2`,
      [tenantId, path],
    );
    return rows[0]?.category_id ?? null;
  }

  // UNSCOPED: the public website's view of a portal's category addresses, hidden ones included
  // (a hidden category's address answers 410, not 404); names nothing but slugs and flags.
  addressesOf(
    tenantId: string,
  ): Promise<
    Array<{ id: string; parent_id: string | null; slug: string; hidden: boolean; languages: string[] }>
  > {
    return this.dataSource.query(
      `SELECT id, parent_id, slug, hidden_at IS NOT NULL AS hidden, languages FROM categories WHERE tenant_id = $1`,
      [tenantId],
    );
  }

  // UNSCOPED: where a category is now, for a redirect (its portal, its slug path, whether it shows).
  async categoryAddress(
    id: string,
  ): Promise<{ tenantId: string; path: string; hidden: boolean; languages: string[] } | null> {
    const rows: Array<{ tenant_id: string; path: string; hidden: boolean; languages: string[] }> =
      await this.dataSource.query(
        `WITH RECURSIVE up AS (
           SELECT id, parent_id, slug::text AS path, hidden_at IS NOT NULL AS hidden, languages, tenant_id, 0 AS depth
             FROM categories WHERE id = $1
           UNION ALL
           SELECT c.id, c.parent_id, c.slug || '/' || up.path, up.hidden OR c.hidden_at IS NOT NULL,
                  ARRAY(SELECT unnest(up.languages) INTERSECT SELECT unnest(c.languages)), up.tenant_id, up.depth + 1
             FROM categories c JOIN up ON c.id = up.parent_id WHERE up.depth < 8)
         SELECT tenant_id, path, hidden, languages FROM up WHERE parent_id IS NULL`,
        [id],
      );
    const r = rows[0];
    return r ? { tenantId: r.tenant_id, path: r.path, hidden: r.hidden, languages: r.languages } : null;
  }

  /** A merge's share: every category and menu entry of some portals (all of them, hidden too). */
  categoriesOfTenants(m: EntityManager, tenantIds: string[]): Promise<CategoryEntity[]> {
    return tenantIds.length
      ? m.find(CategoryEntity, { where: { tenantId: In(tenantIds) } })
      : Promise.resolve([]);
  }

  menuItemsOfTenants(m: EntityManager, tenantIds: string[]): Promise<MenuItemEntity[]> {
    return tenantIds.length
      ? m.find(MenuItemEntity, { where: { tenantId: In(tenantIds) }, order: { position: 'ASC' } })
      : Promise.resolve([]);
  }

  async templateOf(ctx: RequestContext, tenantId: string): Promise<string> {
    const rows: Array<{ template: string }> = await this.m(ctx).query(
      `SELECT template FROM tenants WHERE id = $1`,
      [tenantId],
    );
    return rows[0]?.template ?? '';
  }

  /** The portals made from a template (live ones), for a re-apply. */
  async portalsOfTemplate(ctx: RequestContext, template: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.m(ctx).query(
      `SELECT id FROM tenants WHERE template = $1 AND status IN ('ACTIVE', 'SUSPENDED') ORDER BY path`,
      [template],
    );
    return rows.map((r) => r.id);
  }
}
