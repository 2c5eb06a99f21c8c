import { Injectable } from '@nestjs/common';
import { RequestContext, Result } from '@portal/platform';
import { CategoryEntity, MenuItemEntity } from './category.entity';
import { SiteStructureAccess, guarded } from './site-structure-access';
import { SiteStructureRepository } from './site-structure.repository';

export interface EditableStructure {
  tenantId: string;
  template: string;
  categories: CategoryEntity[];
  menuEntries: MenuItemEntity[];
  changedParts: Array<{ part: string; firstChangedAt: Date; lastChangedAt: Date }>;
}

/** The editor's view of a portal's structure: everything, hidden entries included, in tree order. */
@Injectable()
export class SiteStructureQueries {
  constructor(
    private readonly access: SiteStructureAccess,
    private readonly repo: SiteStructureRepository,
  ) {}

  structure(ctx: RequestContext, tenantId?: string | null): Promise<Result<EditableStructure>> {
    return guarded(async () => {
      const portal = this.access.portal(ctx, tenantId);
      const [categories, menuEntries, changedParts, template] = await Promise.all([
        this.categoriesOf(ctx, portal.id),
        this.repo.menuOf(ctx, portal.id),
        this.repo.changedParts(ctx, [portal.id]),
        this.repo.templateOf(ctx, portal.id),
      ]);
      return {
        tenantId: portal.id,
        template,
        categories,
        menuEntries: ['MAIN', 'FOOTER'].flatMap((n) => treeOrder(menuEntries.filter((m) => m.menu === n))),
        changedParts: changedParts.map((p) => ({
          part: p.part,
          firstChangedAt: p.firstChangedAt,
          lastChangedAt: p.lastChangedAt,
        })),
      };
    });
  }

  /** A portal's categories, parents before children, each level by position. */
  async categoriesOf(ctx: RequestContext, tenantId: string): Promise<CategoryEntity[]> {
    return treeOrder(await this.repo.categoriesOf(ctx, tenantId));
  }
}

/** Depth-first: each entry followed by its children, each level in position order. */
export function treeOrder<T extends { id: string; parentId: string | null; position: number }>(
  rows: T[],
): T[] {
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<string | null, T[]>();
  for (const r of rows) {
    const parent = r.parentId && ids.has(r.parentId) ? r.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), r]);
  }
  const out: T[] = [];
  const walk = (parent: string | null, depth: number) => {
    if (depth > 16) return;
    for (const r of (children.get(parent) ?? []).sort((a, b) => a.position - b.position)) {
      out.push(r);
      walk(r.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
