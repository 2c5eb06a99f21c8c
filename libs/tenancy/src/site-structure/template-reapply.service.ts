import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditService } from '@portal/audit';
import { RequestContext, Result, TransactionRunner, can, inputError } from '@portal/platform';
import { PORTAL_TEMPLATES, PortalTemplate, flattenTemplate } from '../provisioning/portal-templates';
import { RoutedTenant } from '../hosts/host-routing.service';
import { CategoryEntity, MenuItemEntity } from './category.entity';
import { slugPaths } from './site-categories.service';
import { SiteStructureAccess, guarded } from './site-structure-access';
import { SiteStructureRepository } from './site-structure.repository';
import { SITE_MENUS, categoryPart, menuPart } from './site-structure-rules';
import { TenancyErrorCode } from '../errors/tenancy-error-code';

/** One change a re-apply makes (or would make) to a portal. */
export interface TemplateChange {
  part: string;
  action: 'CREATE' | 'UPDATE' | 'HIDE' | 'REBUILD';
  /** What changes, e.g. `nameVi: "Tin tức" → "Tin tức, sự kiện"`. */
  detail: string;
}

/** A part the template changed that the portal changed too: left as the portal has it. */
export interface SkippedPart {
  part: string;
  reason: 'CHANGED_BY_PORTAL' | 'PARENT_MISSING' | 'ADDRESS_TAKEN';
  reasonVi: string;
  reasonEn: string;
}

export interface PortalReapply {
  portal: RoutedTenant;
  changes: TemplateChange[];
  skipped: SkippedPart[];
}

export interface TemplateReapplyReport {
  template: string;
  dryRun: boolean;
  portals: PortalReapply[];
}

const REASONS: Record<SkippedPart['reason'], [string, string]> = {
  CHANGED_BY_PORTAL: [
    'Cổng đã tự sửa phần này: giữ nguyên như cổng đã sửa.',
    'The portal changed this part itself: left as the portal has it.',
  ],
  PARENT_MISSING: [
    'Cổng không còn chuyên mục cha theo mẫu của phần này.',
    "The portal no longer has this part's parent from the template.",
  ],
  ADDRESS_TAKEN: [
    'Một chuyên mục do cổng tự thêm đã dùng địa chỉ này.',
    'A category the portal added itself already has this address.',
  ],
};

const skip = (part: string, reason: SkippedPart['reason']): SkippedPart => ({
  part,
  reason,
  reasonVi: REASONS[reason][0],
  reasonEn: REASONS[reason][1],
});

const q = (v: unknown) => JSON.stringify(v);

/**
 * Templates stay the starting point of every portal's structure: after a template changed (a
 * section added, renamed, moved or dropped, a menu reordered), the change is carried to the portals
 * made from it, part by part (each template category, each menu), except where a portal changed
 * that part itself (site_structure_changes): those are reported as skipped with the reason. A dry
 * run reports, per portal, what would change; the apply makes exactly those changes in one
 * transaction, audited per portal. A dropped category is hidden, never deleted; a changed address
 * keeps answering 301.
 */
@Injectable()
export class TemplateReapplyService {
  constructor(
    private readonly access: SiteStructureAccess,
    private readonly repo: SiteStructureRepository,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  reapply(
    ctx: RequestContext,
    templateName: string,
    dryRun: boolean,
  ): Promise<Result<TemplateReapplyReport>> {
    return guarded(async () => {
      const template = PORTAL_TEMPLATES[templateName];
      if (!template)
        throw inputError(
          TenancyErrorCode.UNKNOWN_TEMPLATE,
          'template',
          `Không có mẫu cổng này; một trong: ${Object.keys(PORTAL_TEMPLATES).join(', ')}.`,
          `No such portal template; one of: ${Object.keys(PORTAL_TEMPLATES).join(', ')}.`,
        );
      const root = this.access.portal(ctx, null);
      const inScope = new Set(
        this.access
          .subtree(root.id)
          .filter((t) => can(ctx, 'update', 'SiteStructure', { tenantId: t.id, tenantPath: t.path }))
          .map((t) => t.id),
      );
      return this.tx.run(ctx, async (tx) => {
        const ids = (await this.repo.portalsOfTemplate(tx, templateName)).filter((id) => inScope.has(id));
        const parts = await this.repo.changedParts(tx, ids);
        const portals: PortalReapply[] = [];
        for (const id of ids) {
          const portal = this.access.tenant(id)!;
          const changedParts = new Set(parts.filter((p) => p.tenantId === id).map((p) => p.part));
          const plan = await this.plan(tx, portal, template, changedParts);
          portals.push({ portal, changes: plan.changes, skipped: plan.skipped });
          if (!dryRun && plan.changes.length) {
            await plan.apply();
            await this.audit.record(tx, {
              tenantId: id,
              action: 'site.template_reapplied',
              subjectType: 'Tenant',
              subjectId: id,
              after: {
                template: templateName,
                changes: plan.changes,
                skipped: plan.skipped.map((s) => s.part),
              },
            });
          }
        }
        return { template: templateName, dryRun, portals };
      });
    });
  }

  /** What the template would change on one portal, and the function that changes it. */
  private async plan(
    ctx: RequestContext,
    portal: RoutedTenant,
    template: PortalTemplate,
    changedParts: Set<string>,
  ): Promise<{ changes: TemplateChange[]; skipped: SkippedPart[]; apply: () => Promise<void> }> {
    const all = await this.repo.categoriesOf(ctx, portal.id);
    const menu = await this.repo.menuOf(ctx, portal.id);
    const oldPaths = slugPaths(all);
    const byKey = new Map(all.filter((c) => c.templateKey).map((c) => [c.templateKey!, c]));
    const changes: TemplateChange[] = [];
    const skipped: SkippedPart[] = [];
    const touched = new Map<string, CategoryEntity>();
    const now = new Date();
    const flat = flattenTemplate(template);
    const keys = new Set(flat.map((c) => c.key));
    for (const tc of flat) {
      const part = categoryPart(tc.key);
      const existing = byKey.get(tc.key);
      const parent = tc.parentKey ? byKey.get(tc.parentKey) : null;
      const wanted = {
        slug: tc.slug,
        nameVi: tc.nameVi,
        nameEn: tc.nameEn,
        contentKind: tc.contentKind,
        parentId: parent?.id ?? null,
      };
      const diff = existing
        ? (Object.keys(wanted) as Array<keyof typeof wanted>).filter((k) => existing[k] !== wanted[k])
        : null;
      const hiddenNow = !!existing && existing.hiddenAt !== null;
      // Hidden by the portal itself is the portal's choice; hidden by an earlier re-apply (the template
      // had dropped it) it comes back when the template has it again.
      if (existing && diff!.length === 0 && (!hiddenNow || changedParts.has(part))) continue;
      if (changedParts.has(part)) {
        skipped.push(skip(part, 'CHANGED_BY_PORTAL'));
        continue;
      }
      if (tc.parentKey && !parent) {
        skipped.push(skip(part, 'PARENT_MISSING'));
        continue;
      }
      const clash = all.find(
        (c) => c !== existing && c.parentId === wanted.parentId && c.slug === wanted.slug,
      );
      if (clash) {
        skipped.push(skip(part, 'ADDRESS_TAKEN'));
        continue;
      }
      if (existing) {
        changes.push({
          part,
          action: 'UPDATE',
          detail: [
            ...diff!.map((k) => `${k}: ${q(existing[k])} → ${q(wanted[k])}`),
            ...(hiddenNow ? ['hidden → shown'] : []),
          ].join('; '),
        });
        Object.assign(existing, wanted, { hiddenAt: null, updatedAt: now });
        touched.set(existing.id, existing);
      } else {
        // After its previous sibling in the template (first when none): the portal's own sections
        // keep their places around it.
        const previous = flat
          .filter((x) => x.parentKey === tc.parentKey && x.position < tc.position)
          .map((x) => byKey.get(x.key))
          .filter((c): c is CategoryEntity => !!c && c.parentId === wanted.parentId)
          .pop();
        const position = previous ? previous.position + 1 : 0;
        for (const c of all)
          if (c.parentId === wanted.parentId && c.position >= position) {
            c.position++;
            touched.set(c.id, c);
          }
        const row = Object.assign(new CategoryEntity(), {
          id: randomUUID(),
          tenantId: portal.id,
          ...wanted,
          position,
          createdAt: now,
          hiddenAt: null,
          languages: ['vi', 'en'],
          thematic: false,
          templateKey: tc.key,
          updatedAt: null,
        });
        changes.push({ part, action: 'CREATE', detail: `${tc.key} "${tc.nameVi}"` });
        all.push(row);
        byKey.set(tc.key, row);
        touched.set(row.id, row);
      }
    }
    // The template's order among siblings, in the places its categories hold (the portal's own
    // sections, and the template categories it changed, stay where they are).
    for (const parentKey of new Set(flat.map((c) => c.parentKey))) {
      const parentId = parentKey ? (byKey.get(parentKey)?.id ?? null) : null;
      const members = flat
        .filter((x) => x.parentKey === parentKey)
        .map((x) => byKey.get(x.key))
        .filter(
          (c): c is CategoryEntity =>
            !!c && c.parentId === parentId && !changedParts.has(categoryPart(c.templateKey!)),
        );
      const slots = members.map((c) => c.position).sort((a, b) => a - b);
      members.forEach((c, i) => {
        if (c.position === slots[i]) return;
        changes.push({
          part: categoryPart(c.templateKey!),
          action: 'UPDATE',
          detail: `position: ${c.position} → ${slots[i]}`,
        });
        Object.assign(c, { position: slots[i], updatedAt: now });
        touched.set(c.id, c);
      });
    }
    // Template categories the template dropped: hidden where the portal left them as they came.
    for (const c of all) {
      if (!c.templateKey || keys.has(c.templateKey) || c.hiddenAt) continue;
      const part = categoryPart(c.templateKey);
      if (changedParts.has(part)) {
        skipped.push(skip(part, 'CHANGED_BY_PORTAL'));
        continue;
      }
      changes.push({ part, action: 'HIDE', detail: `${c.templateKey} "${c.nameVi}"` });
      Object.assign(c, { hiddenAt: now, updatedAt: now });
      touched.set(c.id, c);
    }
    const menuRows: MenuItemEntity[] = [];
    for (const name of SITE_MENUS) {
      const part = menuPart(name);
      const slugs = name === 'MAIN' ? template.mainMenu : template.footerMenu;
      const wanted = slugs.map((slug) => byKey.get(slug)).filter((c): c is CategoryEntity => !!c);
      const current = menu.filter((m) => m.menu === name && !m.hiddenAt && !m.parentId);
      const same =
        current.length === wanted.length &&
        current.every(
          (m, i) =>
            m.categoryId === wanted[i].id && m.labelVi === wanted[i].nameVi && m.labelEn === wanted[i].nameEn,
        );
      if (same) continue;
      if (changedParts.has(part)) {
        skipped.push(skip(part, 'CHANGED_BY_PORTAL'));
        continue;
      }
      changes.push({
        part,
        action: 'REBUILD',
        detail: `${current.map((m) => m.templateKey ?? m.labelVi).join(', ')} → ${wanted.map((c) => c.templateKey).join(', ')}`,
      });
      // Entries the template keeps are updated in place (their ids stay), the rest hidden.
      const byCategory = new Map(current.map((m) => [m.categoryId, m]));
      wanted.forEach((c, position) => {
        const kept = byCategory.get(c.id);
        byCategory.delete(c.id);
        menuRows.push(
          Object.assign(kept ?? new MenuItemEntity(), {
            ...(kept
              ? {}
              : {
                  id: randomUUID(),
                  tenantId: portal.id,
                  menu: name,
                  parentId: null,
                  createdAt: now,
                  url: null,
                }),
            categoryId: c.id,
            labelVi: c.nameVi,
            labelEn: c.nameEn,
            position,
            hiddenAt: null,
            languages: kept?.languages ?? ['vi', 'en'],
            templateKey: c.templateKey,
            updatedAt: kept ? now : null,
          }),
        );
      });
      for (const gone of byCategory.values())
        menuRows.push(Object.assign(gone, { hiddenAt: now, updatedAt: now }));
    }
    const apply = async () => {
      // Parents before children: new categories are saved in template order.
      await this.repo.saveCategories(ctx, [...touched.values()]);
      const nowPaths = slugPaths(all);
      await this.repo.addRedirects(
        ctx,
        all
          .filter((c) => oldPaths.has(c.id) && oldPaths.get(c.id) !== nowPaths.get(c.id))
          .map((c) => ({ tenantId: portal.id, path: oldPaths.get(c.id)!, categoryId: c.id })),
      );
      await this.repo.saveMenuItems(ctx, menuRows);
    };
    return { changes, skipped, apply };
  }
}
