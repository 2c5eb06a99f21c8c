import { randomUUID } from 'node:crypto';
import { Injectable, OnModuleInit } from '@nestjs/common';
import type { RequestContext } from '@portal/platform';
import { MenuItemEntity } from '../site-structure/category.entity';
import { slugPaths } from '../site-structure/site-categories.service';
import { SiteStructureRepository } from '../site-structure/site-structure.repository';
import { menuPart } from '../site-structure/site-structure-rules';
import { MergeContext, MergeParticipant, MergeParticipants } from './merge-participants';

/** The merge's transaction, as participants receive it (its rows are read through the repository). */
type Manager = Parameters<MergeParticipant['preview']>[0];

/**
 * What a merged portal's operators added to its structure survives the merge (after the categories,
 * which the site-structure step mapped or copied):
 * - every address its categories had and have (category_redirects, kept under the merged portal,
 *   now naming the category that stands for each on the target), so its old host's category links
 *   answer 301 in one hop;
 * - the menu entries it added itself (links to other websites, entries for its own sections), at
 *   the end of the target's menus, pointing at what stands for their categories. The template's
 *   entries stay behind: the target has its own.
 */
@Injectable()
export class SiteLinksMerge implements MergeParticipant, OnModuleInit {
  readonly name = 'siteLinks';
  readonly order = 1;

  constructor(
    private readonly participants: MergeParticipants,
    private readonly repo: SiteStructureRepository,
  ) {}

  onModuleInit(): void {
    this.participants.register(this);
  }

  async preview(m: Manager, plan: MergeContext): Promise<Record<string, number>> {
    const sources = plan.sources.map((s) => s.id);
    const categories = await this.repo.categoriesOfTenants(m, sources);
    const menu = await this.repo.menuItemsOfTenants(m, sources);
    return {
      addresses: categories.length,
      menuEntries: menu.filter((e) => !e.templateKey && !e.hiddenAt).length,
    };
  }

  async apply(tx: RequestContext, m: Manager, plan: MergeContext): Promise<Record<string, number>> {
    const ctx = tx.manager ? tx : tx.withManager(m);
    const sources = plan.sources.map((s) => s.id);
    const categories = await this.repo.categoriesOfTenants(m, sources);
    const redirects = await this.repo.redirectsOf(ctx, sources);
    // Former addresses name what now stands for their categories; current ones become former ones.
    const repointed = await this.repo.repointRedirects(
      ctx,
      new Map(
        [...new Set(redirects.map((r) => r.categoryId))]
          .filter((id) => plan.categoryTargets.has(id))
          .map((id) => [id, plan.categoryTargets.get(id)!]),
      ),
    );
    const rows = sources.flatMap((tenantId) => {
      const own = categories.filter((c) => c.tenantId === tenantId);
      const paths = slugPaths(own);
      return own
        .filter((c) => plan.categoryTargets.has(c.id))
        .map((c) => ({ tenantId, path: paths.get(c.id)!, categoryId: plan.categoryTargets.get(c.id)! }));
    });
    await this.repo.addRedirects(ctx, rows);

    const menu = await this.repo.menuItemsOfTenants(m, sources);
    const target = await this.repo.menuItemsOfTenants(m, [plan.target.id]);
    const carried = menu.filter((e) => !e.templateKey && !e.hiddenAt);
    const copies = new Map<string, string>();
    const out: MenuItemEntity[] = [];
    const next = new Map<string, number>();
    const positionIn = (menuName: string, parentId: string | null) => {
      const key = `${menuName}/${parentId ?? ''}`;
      const n = next.get(key) ?? target.filter((e) => e.menu === menuName && e.parentId === parentId).length;
      next.set(key, n + 1);
      return n;
    };
    // Parents before children: an entry under a template entry goes to the top level.
    for (const e of [...carried].sort((a, b) => Number(!!a.parentId) - Number(!!b.parentId))) {
      const parentId = e.parentId ? (copies.get(e.parentId) ?? null) : null;
      const categoryId = e.categoryId ? (plan.categoryTargets.get(e.categoryId) ?? null) : null;
      if (e.categoryId && !categoryId) continue;
      const id = randomUUID();
      copies.set(e.id, id);
      out.push(
        Object.assign(new MenuItemEntity(), {
          id,
          tenantId: plan.target.id,
          menu: e.menu,
          parentId,
          labelVi: e.labelVi,
          labelEn: e.labelEn,
          categoryId,
          url: e.url,
          position: positionIn(e.menu, parentId),
          hiddenAt: null,
          languages: e.languages,
          templateKey: null,
          createdAt: new Date(),
          updatedAt: null,
        }),
      );
    }
    await this.repo.saveMenuItems(ctx, out);
    // The target's menus now hold entries its template does not: a re-apply leaves them alone.
    await this.repo.markChanged(ctx, plan.target.id, [...new Set(out.map((e) => menuPart(e.menu)))]);
    return { addresses: rows.length, repointed, menuEntries: out.length };
  }
}
