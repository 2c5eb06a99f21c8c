import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { TenantKind, TenantStatus } from '../tenants/tenant-kind';
import { CategoryEntity, MenuItemEntity } from '../site-structure/category.entity';
import { HostRole, TenantHostEntity } from '../hosts/tenant-host.entity';
import { TenantEntity } from '../tenants/tenant.entity';
import { PORTAL_TEMPLATES, TemplateCategory } from './portal-templates';

/** Everything needed to create one portal row, decided before any write. */
export interface TenantPlan {
  id: string;
  kind: TenantKind;
  nameVi: string;
  nameEn: string | null;
  unitCode: string | null;
  parentId: string | null;
  path: string;
  label: string;
  primaryHost: string;
  aliases: string[];
  status: TenantStatus;
  template: string;
}

const BATCH = 500;

async function insertBatched<T extends object>(
  manager: EntityManager,
  entity: new () => T,
  rows: T[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    // Multi-row INSERTs keep a national tree (thousands of portals, tens of thousands of
    // categories) to a few hundred statements.
    await manager
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(rows.slice(i, i + BATCH) as never)
      .updateEntity(false)
      .execute();
  }
}

function templateRows(plan: TenantPlan, now: Date): { categories: CategoryEntity[]; menu: MenuItemEntity[] } {
  const template = PORTAL_TEMPLATES[plan.template];
  const categories: CategoryEntity[] = [];
  const idBySlug = new Map<string, string>();
  const walk = (list: TemplateCategory[], parentId: string | null, parentKey: string | null) =>
    list.forEach((cat, position) => {
      const id = randomUUID();
      const key = parentKey ? `${parentKey}/${cat.slug}` : cat.slug;
      if (!parentId) idBySlug.set(cat.slug, id);
      categories.push(
        Object.assign(new CategoryEntity(), {
          id,
          tenantId: plan.id,
          parentId,
          slug: cat.slug,
          nameVi: cat.nameVi,
          nameEn: cat.nameEn,
          contentKind: cat.contentKind,
          position,
          createdAt: now,
          hiddenAt: null,
          languages: ['vi', 'en'],
          thematic: false,
          templateKey: key,
          updatedAt: null,
        }),
      );
      if (cat.children) walk(cat.children, id, key);
    });
  walk(template.categories, null, null);
  const menu: MenuItemEntity[] = [];
  const addMenu = (name: string, slugs: string[]) =>
    slugs.forEach((slug, position) => {
      const category = template.categories.find((cat) => cat.slug === slug)!;
      menu.push(
        Object.assign(new MenuItemEntity(), {
          id: randomUUID(),
          tenantId: plan.id,
          menu: name,
          parentId: null,
          labelVi: category.nameVi,
          labelEn: category.nameEn,
          categoryId: idBySlug.get(slug)!,
          url: null,
          position,
          hiddenAt: null,
          languages: ['vi', 'en'],
          templateKey: slug,
          createdAt: now,
          updatedAt: null,
        }),
      );
    });
  addMenu('MAIN', template.mainMenu);
  addMenu('FOOTER', template.footerMenu);
  return { categories, menu };
}

/** Inserts portals (parents before children), their hosts, and their template's categories and menus. */
export async function insertTenants(manager: EntityManager, plans: TenantPlan[]): Promise<void> {
  if (plans.length === 0) return;
  const now = new Date();
  const tenants = plans.map((p) =>
    Object.assign(new TenantEntity(), {
      id: p.id,
      kind: p.kind,
      nameVi: p.nameVi,
      nameEn: p.nameEn,
      unitCode: p.unitCode,
      parentId: p.parentId,
      path: p.path,
      label: p.label,
      status: p.status,
      primaryHost: p.primaryHost,
      successorId: null,
      template: p.template,
      createdAt: now,
      updatedAt: now,
    }),
  );
  const hosts = plans.flatMap((p) => [
    Object.assign(new TenantHostEntity(), {
      host: p.primaryHost,
      tenantId: p.id,
      role: HostRole.PRIMARY,
      createdAt: now,
    }),
    ...p.aliases.map((alias) =>
      Object.assign(new TenantHostEntity(), {
        host: alias,
        tenantId: p.id,
        role: HostRole.ALIAS,
        createdAt: now,
      }),
    ),
  ]);
  const structure = plans.map((p) => templateRows(p, now));
  await insertBatched(manager, TenantEntity, tenants);
  await insertBatched(manager, TenantHostEntity, hosts);
  const categories = structure.flatMap((s) => s.categories);
  // Parents before children: the template walk emits each parent first, batches keep the order.
  await insertBatched(manager, CategoryEntity, categories);
  await insertBatched(
    manager,
    MenuItemEntity,
    structure.flatMap((s) => s.menu),
  );
}
