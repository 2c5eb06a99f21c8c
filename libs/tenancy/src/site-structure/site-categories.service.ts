import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditService } from '@portal/audit';
import { NotFoundError, RequestContext, Result, TransactionRunner, isUuid } from '@portal/platform';
import { CategoryEntity } from './category.entity';
import { SiteStructureAccess, guarded } from './site-structure-access';
import { SiteStructureRepository } from './site-structure.repository';
import {
  MAX_CATEGORY_DEPTH,
  categoryPart,
  checkedKind,
  checkedLanguages,
  checkedSlug,
  duplicateSlug,
  nestingCycle,
  optionalName,
  otherPortal,
  requiredName,
  slugFromName,
  tooDeep,
  unknownParent,
} from './site-structure-rules';

export interface CreateCategory {
  tenantId?: string | null;
  parentId?: string | null;
  nameVi: string;
  nameEn?: string | null;
  slug?: string | null;
  contentKind?: string | null;
  thematic?: boolean | null;
  languages?: string[] | null;
  /** Place among its siblings (0 first); the end when absent. */
  position?: number | null;
}

export interface UpdateCategory {
  id: string;
  nameVi?: string | null;
  nameEn?: string | null;
  slug?: string | null;
  contentKind?: string | null;
  thematic?: boolean | null;
  languages?: string[] | null;
}

export interface MoveCategory {
  id: string;
  /** The new parent; null: top level. */
  parentId: string | null;
  position: number;
}

/** Slug paths of a portal's categories (`parent/child`), for addresses and redirects. */
export function slugPaths(categories: CategoryEntity[]): Map<string, string> {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const paths = new Map<string, string>();
  const pathOf = (c: CategoryEntity, depth = 0): string => {
    const known = paths.get(c.id);
    if (known) return known;
    const parent = c.parentId ? byId.get(c.parentId) : undefined;
    const path = parent && depth < 8 ? `${pathOf(parent, depth + 1)}/${c.slug}` : c.slug;
    paths.set(c.id, path);
    return path;
  };
  categories.forEach((c) => pathOf(c));
  return paths;
}

/** 1 for a top-level category. */
function depthOf(byId: Map<string, CategoryEntity>, id: string | null): number {
  let depth = 0;
  for (
    let c = id ? byId.get(id) : undefined;
    c && depth < 16;
    c = c.parentId ? byId.get(c.parentId) : undefined
  )
    depth++;
  return depth;
}

/** Levels from a category down to its deepest descendant (1 for a leaf). */
function heightOf(categories: CategoryEntity[], id: string): number {
  const children = categories.filter((c) => c.parentId === id);
  return 1 + Math.max(0, ...children.map((c) => heightOf(categories, c.id)));
}

/**
 * The operator's edits of a portal's categories (517/QĐ-SNV art. 3.2.b–c; 05/2024/QĐ-UBND art. 8.3):
 * create, rename (names per language, address), move and reorder, nest, hide and show again. A
 * change of address (rename or move) keeps every former address of the category and of those
 * under it answering 301 (category_redirects). Nothing is deleted; each change is audited and
 * marks the template part it changed.
 */
@Injectable()
export class SiteCategoriesService {
  constructor(
    private readonly access: SiteStructureAccess,
    private readonly repo: SiteStructureRepository,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  create(ctx: RequestContext, input: CreateCategory): Promise<Result<CategoryEntity>> {
    return guarded(async () => {
      const portal = this.access.portal(ctx, input.tenantId);
      const nameVi = requiredName(input.nameVi, 'nameVi');
      const nameEn = optionalName(input.nameEn, 'nameEn');
      const slug = checkedSlug(input.slug?.trim() || slugFromName(nameVi) || 'chuyen-muc');
      const languages = checkedLanguages(input.languages) ?? ['vi', 'en'];
      const thematic = input.thematic ?? false;
      const contentKind = checkedKind(input.contentKind) ?? (thematic ? 'NEWS' : null);
      return this.tx.run(ctx, async (tx) => {
        const all = await this.repo.categoriesOf(tx, portal.id);
        const parentId = await this.parentOf(tx, all, input.parentId ?? null);
        const byId = new Map(all.map((c) => [c.id, c]));
        if (depthOf(byId, parentId) + 1 > MAX_CATEGORY_DEPTH) throw tooDeep(MAX_CATEGORY_DEPTH);
        const siblings = all.filter((c) => c.parentId === parentId);
        if (siblings.some((c) => c.slug === slug)) throw duplicateSlug(input.slug ? 'slug' : 'nameVi');
        const now = new Date();
        const row = Object.assign(new CategoryEntity(), {
          id: randomUUID(),
          tenantId: portal.id,
          parentId,
          slug,
          nameVi,
          nameEn,
          contentKind,
          position: siblings.length,
          createdAt: now,
          hiddenAt: null,
          languages,
          thematic,
          templateKey: null,
          updatedAt: null,
        });
        const ordered = placeAt(siblings, row, input.position);
        await this.repo.saveCategories(tx, ordered);
        await this.audit.record(tx, {
          tenantId: portal.id,
          action: 'site.category_created',
          subjectType: 'Category',
          subjectId: row.id,
          after: { parentId, slug, nameVi, nameEn, contentKind, thematic, languages },
        });
        return row;
      });
    });
  }

  update(ctx: RequestContext, input: UpdateCategory): Promise<Result<CategoryEntity>> {
    return guarded(() =>
      this.tx.run(ctx, async (tx) => {
        const row = await this.editable(tx, input.id);
        const all = (await this.repo.categoriesOf(tx, row.tenantId)).map((c) => (c.id === row.id ? row : c));
        const before = snapshot(row);
        const oldPaths = slugPaths(all);
        if (input.nameVi !== undefined && input.nameVi !== null)
          row.nameVi = requiredName(input.nameVi, 'nameVi');
        if (input.nameEn !== undefined) row.nameEn = optionalName(input.nameEn, 'nameEn');
        if (input.contentKind !== undefined) row.contentKind = checkedKind(input.contentKind);
        if (input.thematic !== undefined && input.thematic !== null) row.thematic = input.thematic;
        const languages = checkedLanguages(input.languages);
        if (languages) row.languages = languages;
        if (input.slug !== undefined && input.slug !== null && input.slug.trim() !== row.slug) {
          row.slug = checkedSlug(input.slug.trim());
          if (all.some((c) => c.id !== row.id && c.parentId === row.parentId && c.slug === row.slug))
            throw duplicateSlug();
        }
        row.updatedAt = new Date();
        await this.repo.saveCategories(tx, [row]);
        await this.keepAddresses(tx, row.tenantId, all, oldPaths);
        // Menu entries labelled with the category's name follow it; one given its own label keeps it.
        const entries = (await this.repo.menuOf(tx, row.tenantId)).filter((m) => m.categoryId === row.id);
        const relabelled = entries.filter((m) => {
          const vi = m.labelVi === before.nameVi && m.labelVi !== row.nameVi;
          const en = m.labelEn === before.nameEn && m.labelEn !== row.nameEn;
          if (vi) m.labelVi = row.nameVi;
          if (en) m.labelEn = row.nameEn;
          return vi || en;
        });
        await this.repo.saveMenuItems(tx, relabelled);
        await this.changed(tx, row, 'site.category_updated', before);
        return row;
      }),
    );
  }

  move(ctx: RequestContext, input: MoveCategory): Promise<Result<CategoryEntity>> {
    return guarded(() =>
      this.tx.run(ctx, async (tx) => {
        const row = await this.editable(tx, input.id);
        const all = await this.repo.categoriesOf(tx, row.tenantId);
        const before = snapshot(row);
        const oldPaths = slugPaths(all);
        const parentId = await this.parentOf(tx, all, input.parentId);
        const byId = new Map(all.map((c) => [c.id, c]));
        // The new parent may not be the category itself nor anything under it.
        for (let p = parentId ? byId.get(parentId) : undefined, n = 0; p && n < 16; n++) {
          if (p.id === row.id) throw nestingCycle();
          p = p.parentId ? byId.get(p.parentId) : undefined;
        }
        if (depthOf(byId, parentId) + heightOf(all, row.id) > MAX_CATEGORY_DEPTH)
          throw tooDeep(MAX_CATEGORY_DEPTH);
        const current = byId.get(row.id)!;
        if (parentId !== current.parentId && all.some((c) => c.parentId === parentId && c.slug === row.slug))
          throw duplicateSlug('parentId');
        const oldSiblings = all.filter((c) => c.parentId === current.parentId && c.id !== row.id);
        current.parentId = parentId;
        current.updatedAt = new Date();
        const siblings = all.filter((c) => c.parentId === parentId && c.id !== row.id);
        const changed = placeAt(siblings, current, input.position);
        if (before.parentId !== parentId) changed.push(...renumber(oldSiblings));
        await this.repo.saveCategories(tx, changed);
        await this.keepAddresses(tx, row.tenantId, all, oldPaths);
        await this.changed(tx, current, 'site.category_moved', before);
        return current;
      }),
    );
  }

  setHidden(ctx: RequestContext, id: string, hidden: boolean): Promise<Result<CategoryEntity>> {
    return guarded(() =>
      this.tx.run(ctx, async (tx) => {
        const row = await this.editable(tx, id);
        const before = snapshot(row);
        if (hidden === (row.hiddenAt !== null)) return row;
        row.hiddenAt = hidden ? new Date() : null;
        row.updatedAt = new Date();
        await this.repo.saveCategories(tx, [row]);
        await this.changed(tx, row, hidden ? 'site.category_hidden' : 'site.category_shown', before);
        return row;
      }),
    );
  }

  /** A category the caller may edit, or NOT_FOUND (another portal's is not disclosed). */
  private async editable(ctx: RequestContext, id: string): Promise<CategoryEntity> {
    const row = isUuid(id) ? await this.repo.category(ctx, id) : null;
    if (!row) throw new NotFoundError('Category', 'id');
    const portal = this.access.tenant(row.tenantId);
    if (!portal) throw new NotFoundError('Category', 'id');
    this.access.portal(ctx, portal.id);
    return row;
  }

  /** The parent named, which must be one of the portal's own categories. */
  private async parentOf(
    ctx: RequestContext,
    all: CategoryEntity[],
    parentId: string | null,
  ): Promise<string | null> {
    if (parentId === null) return null;
    if (all.some((c) => c.id === parentId)) return parentId;
    // One the caller may edit elsewhere (an operator of several portals) is named as such.
    if (isUuid(parentId) && (await this.repo.category(ctx, parentId))) throw otherPortal('parentId');
    throw unknownParent();
  }

  /** Every category whose address changed keeps its former one (and chains collapse: ids, not paths). */
  private async keepAddresses(
    ctx: RequestContext,
    tenantId: string,
    all: CategoryEntity[],
    oldPaths: Map<string, string>,
  ): Promise<void> {
    const now = slugPaths(all);
    const moved = all
      .filter((c) => oldPaths.get(c.id) !== now.get(c.id))
      .map((c) => ({ tenantId, path: oldPaths.get(c.id)!, categoryId: c.id }));
    await this.repo.addRedirects(ctx, moved);
  }

  private async changed(
    ctx: RequestContext,
    row: CategoryEntity,
    action: string,
    before: Record<string, unknown>,
  ): Promise<void> {
    if (row.templateKey) await this.repo.markChanged(ctx, row.tenantId, [categoryPart(row.templateKey)]);
    await this.audit.record(ctx, {
      tenantId: row.tenantId,
      action,
      subjectType: 'Category',
      subjectId: row.id,
      before,
      after: snapshot(row),
    });
  }
}

function snapshot(c: CategoryEntity): Record<string, unknown> {
  return {
    parentId: c.parentId,
    slug: c.slug,
    nameVi: c.nameVi,
    nameEn: c.nameEn,
    contentKind: c.contentKind,
    thematic: c.thematic,
    languages: c.languages,
    position: c.position,
    hidden: c.hiddenAt !== null,
  };
}

/** Siblings renumbered 0..n-1 in their order, with `row` put at `position` (the end when absent). */
export function placeAt<T extends { position: number }>(
  siblings: T[],
  row: T,
  position?: number | null,
): T[] {
  const list = [...siblings].sort((a, b) => a.position - b.position);
  const at =
    position === null || position === undefined ? list.length : Math.max(0, Math.min(position, list.length));
  list.splice(at, 0, row);
  return list.map((c, i) => Object.assign(c, { position: i }));
}

function renumber<T extends { position: number }>(list: T[]): T[] {
  return [...list].sort((a, b) => a.position - b.position).map((c, i) => Object.assign(c, { position: i }));
}
