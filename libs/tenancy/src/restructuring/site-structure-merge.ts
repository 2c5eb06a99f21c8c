import { randomUUID } from 'node:crypto';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { CategoryEntity, MenuItemEntity } from '../site-structure/category.entity';
import { TenancyErrors } from '../errors/tenancy-errors';
import {
  CategoryMappingEntry,
  MergeContext,
  MergeParticipant,
  MergeParticipants,
  MergeScope,
} from './merge-participants';

/** A source category in the dry run: where it is, and what stands for it on the target. */
export interface CategoryMappingProposal extends CategoryMappingEntry {
  sourceTenantId: string;
  /** Slugs from the root, e.g. `chi-dao-dieu-hanh/lich-cong-tac`. */
  slugPath: string;
  nameVi: string;
  /** The mapped target category's slug path; null when the category is copied. */
  targetSlugPath: string | null;
}

const key = (parentId: string | null, slug: string) => `${parentId ?? ''}/${slug}`;

/** Parents before children, then by slug path. */
function treeOrder(categories: CategoryEntity[]): { ordered: CategoryEntity[]; paths: Map<string, string> } {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const paths = new Map<string, string>();
  const pathOf = (c: CategoryEntity): string => {
    const known = paths.get(c.id);
    if (known !== undefined) return known;
    const parent = c.parentId ? byId.get(c.parentId) : undefined;
    const path = parent ? `${pathOf(parent)}/${c.slug}` : c.slug;
    paths.set(c.id, path);
    return path;
  };
  const ordered = [...categories].sort((a, b) => {
    const pa = pathOf(a);
    const pb = pathOf(b);
    return pa.split('/').length - pb.split('/').length || pa.localeCompare(pb);
  });
  return { ordered, paths };
}

/**
 * The site-structure share of a merge (tenancy's own participant, first to run): source categories
 * map onto the target's by slug path or are copied into it with their tree; menus stay with the
 * merged portal, which no longer serves.
 */
@Injectable()
export class SiteStructureMerge implements MergeParticipant, OnModuleInit {
  readonly name = 'categories';
  readonly order = 0;

  constructor(private readonly participants: MergeParticipants) {}

  onModuleInit(): void {
    this.participants.register(this);
  }

  /** The proposal when `mapping` is absent (same slug under the mapped parent, else copy), else `mapping` described. */
  async describe(
    m: EntityManager,
    scope: MergeScope,
    mapping?: readonly CategoryMappingEntry[],
  ): Promise<CategoryMappingProposal[]> {
    const sourceOrder = new Map(scope.sources.map((s, i) => [s.id, i]));
    const { ordered, paths } = treeOrder(await this.categoriesOf(m, [...sourceOrder.keys()]));
    const target = treeOrder(await this.categoriesOf(m, [scope.target.id]));
    const targetByKey = new Map(target.ordered.map((c) => [key(c.parentId, c.slug), c.id]));
    const given = mapping ? new Map(mapping.map((e) => [e.sourceCategoryId, e.targetCategoryId])) : null;
    const chosen = new Map<string, string | null>();
    for (const c of ordered) {
      let targetId: string | null;
      if (given) targetId = given.get(c.id) ?? null;
      else if (!c.parentId) targetId = targetByKey.get(key(null, c.slug)) ?? null;
      else {
        const parentTarget = chosen.get(c.parentId) ?? null;
        targetId = parentTarget ? (targetByKey.get(key(parentTarget, c.slug)) ?? null) : null;
      }
      chosen.set(c.id, targetId);
    }
    return ordered
      .sort((a, b) => sourceOrder.get(a.tenantId)! - sourceOrder.get(b.tenantId)!)
      .map((c) => ({
        sourceCategoryId: c.id,
        sourceTenantId: c.tenantId,
        slugPath: paths.get(c.id)!,
        nameVi: c.nameVi,
        targetCategoryId: chosen.get(c.id) ?? null,
        targetSlugPath: chosen.get(c.id) ? (target.paths.get(chosen.get(c.id)!) ?? null) : null,
      }));
  }

  /** The target's categories (slug paths, tree order): what a source category may be mapped onto. */
  async targetOptions(
    m: EntityManager,
    targetId: string,
  ): Promise<Array<{ id: string; slugPath: string; nameVi: string }>> {
    const { ordered, paths } = treeOrder(await this.categoriesOf(m, [targetId]));
    return ordered
      .map((c) => ({ id: c.id, slugPath: paths.get(c.id)!, nameVi: c.nameVi }))
      .sort((a, b) => a.slugPath.localeCompare(b.slugPath));
  }

  async validate(_tx: unknown, m: EntityManager, plan: MergeContext): Promise<void> {
    const sources = new Set(
      (
        await this.categoriesOf(
          m,
          plan.sources.map((s) => s.id),
        )
      ).map((c) => c.id),
    );
    const targets = new Set((await this.categoriesOf(m, [plan.target.id])).map((c) => c.id));
    const seen = new Set<string>();
    for (const [i, entry] of plan.plan.categoryMapping.entries()) {
      const field = `plan.categoryMapping.${i}`;
      if (!sources.has(entry.sourceCategoryId))
        throw TenancyErrors.categoryNotOfSource(`${field}.sourceCategoryId`);
      if (seen.has(entry.sourceCategoryId)) throw TenancyErrors.duplicateMapping(`${field}.sourceCategoryId`);
      seen.add(entry.sourceCategoryId);
      if (entry.targetCategoryId !== null && !targets.has(entry.targetCategoryId))
        throw TenancyErrors.categoryNotOfTarget(`${field}.targetCategoryId`);
    }
    const missing = [...sources].filter((id) => !seen.has(id)).length;
    if (missing > 0) throw TenancyErrors.mergePlanIncomplete(missing);
  }

  async preview(m: EntityManager, plan: MergeContext): Promise<Record<string, number>> {
    const mapped = plan.plan.categoryMapping.filter((e) => e.targetCategoryId !== null).length;
    return {
      mapped,
      copied: plan.plan.categoryMapping.length - mapped,
      menuItemsLeft: await this.menuItemsOf(m, plan),
    };
  }

  async apply(_tx: unknown, m: EntityManager, plan: MergeContext): Promise<Record<string, number>> {
    const mapping = new Map(plan.plan.categoryMapping.map((e) => [e.sourceCategoryId, e.targetCategoryId]));
    const { ordered } = treeOrder(
      await this.categoriesOf(
        m,
        plan.sources.map((s) => s.id),
      ),
    );
    const taken = new Set((await this.categoriesOf(m, [plan.target.id])).map((c) => key(c.parentId, c.slug)));
    const now = new Date();
    let mapped = 0;
    let copied = 0;
    for (const c of ordered) {
      const targetId = mapping.get(c.id) ?? null;
      if (targetId) {
        plan.categoryTargets.set(c.id, targetId);
        mapped++;
        continue;
      }
      // A copy keeps its place in its tree: under whatever now stands for its parent.
      const parentId = c.parentId ? (plan.categoryTargets.get(c.parentId) ?? null) : null;
      let slug = c.slug;
      for (let n = 2; taken.has(key(parentId, slug)); n++) slug = `${c.slug}-${n}`;
      taken.add(key(parentId, slug));
      const copy = Object.assign(new CategoryEntity(), {
        id: randomUUID(),
        tenantId: plan.target.id,
        parentId,
        slug,
        nameVi: c.nameVi,
        nameEn: c.nameEn,
        contentKind: c.contentKind,
        position: c.position,
        createdAt: now,
        // Hidden stays hidden, a theme stays a theme; on the target it is the portal's own, not its template's.
        hiddenAt: c.hiddenAt,
        languages: c.languages,
        thematic: c.thematic,
        templateKey: null,
        updatedAt: null,
      });
      await m.insert(CategoryEntity, copy);
      plan.categoryTargets.set(c.id, copy.id);
      copied++;
    }
    return { mapped, copied, menuItemsLeft: await this.menuItemsOf(m, plan) };
  }

  private categoriesOf(m: EntityManager, tenantIds: string[]): Promise<CategoryEntity[]> {
    return tenantIds.length
      ? m.find(CategoryEntity, { where: { tenantId: In(tenantIds) } })
      : Promise.resolve([]);
  }

  private menuItemsOf(m: EntityManager, plan: MergeContext): Promise<number> {
    return m.count(MenuItemEntity, { where: { tenantId: In(plan.sources.map((s) => s.id)) } });
  }
}
