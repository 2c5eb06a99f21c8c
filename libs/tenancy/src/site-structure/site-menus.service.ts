import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditService } from '@portal/audit';
import {
  NotFoundError,
  RequestContext,
  Result,
  TransactionRunner,
  inputError,
  isUuid,
} from '@portal/platform';
import { MenuItemEntity } from './category.entity';
import { placeAt } from './site-categories.service';
import { SiteStructureAccess, guarded } from './site-structure-access';
import { SiteStructureRepository } from './site-structure.repository';
import {
  MAX_MENU_DEPTH,
  SITE_MENUS,
  checkedLanguages,
  checkedUrl,
  menuPart,
  nestingCycle,
  optionalName,
  otherPortal,
  tooDeep,
  unknownParent,
} from './site-structure-rules';
import { TenancyErrorCode } from '../errors/tenancy-error-code';

export interface CreateMenuEntry {
  tenantId?: string | null;
  /** MAIN or FOOTER. */
  menu: string;
  parentId?: string | null;
  /** A category of the portal, or… */
  categoryId?: string | null;
  /** …an http(s) link (liên kết website) or a path on the portal. */
  url?: string | null;
  labelVi?: string | null;
  labelEn?: string | null;
  languages?: string[] | null;
  position?: number | null;
}

export interface UpdateMenuEntry {
  id: string;
  categoryId?: string | null;
  url?: string | null;
  labelVi?: string | null;
  labelEn?: string | null;
  languages?: string[] | null;
}

export interface MoveMenuEntry {
  id: string;
  parentId: string | null;
  position: number;
}

const noTarget = () =>
  inputError(
    TenancyErrorCode.MENU_TARGET_REQUIRED,
    'url',
    'Mục trình đơn cần trỏ tới một chuyên mục hoặc một liên kết (chỉ một trong hai).',
    'A menu entry points at a category or a link (one of the two).',
  );

/**
 * The operator's edits of a portal's menus: entries pointing at a category (labelled with its name
 * unless given one) or at a link, nested one level, ordered, shown per language, hidden rather than
 * deleted. Any change marks the whole menu as the portal's own (a template re-apply skips it).
 */
@Injectable()
export class SiteMenusService {
  constructor(
    private readonly access: SiteStructureAccess,
    private readonly repo: SiteStructureRepository,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  create(ctx: RequestContext, input: CreateMenuEntry): Promise<Result<MenuItemEntity>> {
    return guarded(async () => {
      const portal = this.access.portal(ctx, input.tenantId);
      if (!(SITE_MENUS as readonly string[]).includes(input.menu))
        throw inputError(
          TenancyErrorCode.INVALID_MENU,
          'menu',
          'Trình đơn là MAIN hoặc FOOTER.',
          'A menu is MAIN or FOOTER.',
        );
      const url = checkedUrl(input.url);
      const languages = checkedLanguages(input.languages) ?? ['vi', 'en'];
      if (!!url === !!input.categoryId) throw noTarget();
      return this.tx.run(ctx, async (tx) => {
        const category = input.categoryId ? await this.categoryOf(tx, portal.id, input.categoryId) : null;
        const labelVi = optionalName(input.labelVi, 'labelVi') ?? category?.nameVi ?? null;
        if (!labelVi)
          throw inputError(
            TenancyErrorCode.REQUIRED,
            'labelVi',
            'Cần nhập nhãn (tiếng Việt).',
            'A Vietnamese label is required.',
          );
        const labelEn = optionalName(input.labelEn, 'labelEn') ?? (category ? category.nameEn : null);
        const menu = (await this.repo.menuOf(tx, portal.id)).filter((m) => m.menu === input.menu);
        const parentId = this.parentOf(
          menu,
          input.parentId ?? null,
          await this.elsewhere(tx, portal.id, input.parentId),
        );
        if (parentId && menu.find((m) => m.id === parentId)!.parentId) throw tooDeep(MAX_MENU_DEPTH);
        const row = Object.assign(new MenuItemEntity(), {
          id: randomUUID(),
          tenantId: portal.id,
          menu: input.menu,
          parentId,
          labelVi,
          labelEn,
          categoryId: category?.id ?? null,
          url,
          position: 0,
          hiddenAt: null,
          languages,
          templateKey: null,
          createdAt: new Date(),
          updatedAt: null,
        });
        const siblings = menu.filter((m) => m.parentId === parentId);
        await this.repo.saveMenuItems(tx, placeAt(siblings, row, input.position));
        await this.changed(tx, row, 'site.menu_entry_created', null);
        return row;
      });
    });
  }

  update(ctx: RequestContext, input: UpdateMenuEntry): Promise<Result<MenuItemEntity>> {
    return guarded(() =>
      this.tx.run(ctx, async (tx) => {
        const row = await this.editable(tx, input.id);
        const before = snapshot(row);
        if (input.url !== undefined || input.categoryId !== undefined) {
          const url = input.url !== undefined ? checkedUrl(input.url) : row.url;
          const categoryId = input.categoryId !== undefined ? input.categoryId : row.categoryId;
          const pointsAtBoth = input.url && input.categoryId;
          if (pointsAtBoth || (!url && !categoryId)) throw noTarget();
          if (input.categoryId) {
            row.categoryId = (await this.categoryOf(tx, row.tenantId, input.categoryId)).id;
            row.url = null;
          } else if (input.url !== undefined && url) {
            row.url = url;
            row.categoryId = null;
          }
        }
        if (input.labelVi !== undefined && input.labelVi !== null) {
          const label = optionalName(input.labelVi, 'labelVi');
          if (!label)
            throw inputError(
              TenancyErrorCode.REQUIRED,
              'labelVi',
              'Cần nhập nhãn (tiếng Việt).',
              'A Vietnamese label is required.',
            );
          row.labelVi = label;
        }
        if (input.labelEn !== undefined) row.labelEn = optionalName(input.labelEn, 'labelEn');
        const languages = checkedLanguages(input.languages);
        if (languages) row.languages = languages;
        row.updatedAt = new Date();
        await this.repo.saveMenuItems(tx, [row]);
        await this.changed(tx, row, 'site.menu_entry_updated', before);
        return row;
      }),
    );
  }

  move(ctx: RequestContext, input: MoveMenuEntry): Promise<Result<MenuItemEntity>> {
    return guarded(() =>
      this.tx.run(ctx, async (tx) => {
        const row = await this.editable(tx, input.id);
        const before = snapshot(row);
        const menu = (await this.repo.menuOf(tx, row.tenantId)).filter((m) => m.menu === row.menu);
        const current = menu.find((m) => m.id === row.id)!;
        const parentId = this.parentOf(
          menu,
          input.parentId,
          await this.elsewhere(tx, row.tenantId, input.parentId),
        );
        if (parentId === row.id) throw nestingCycle();
        if (parentId && menu.find((m) => m.id === parentId)!.parentId) {
          // Under an entry that is itself nested: a cycle when that is under this one, else too deep.
          if (menu.find((m) => m.id === parentId)!.parentId === row.id) throw nestingCycle();
          throw tooDeep(MAX_MENU_DEPTH);
        }
        if (parentId && menu.some((m) => m.parentId === row.id)) throw tooDeep(MAX_MENU_DEPTH);
        const oldSiblings = menu.filter((m) => m.parentId === current.parentId && m.id !== row.id);
        const moved = parentId !== current.parentId;
        current.parentId = parentId;
        current.updatedAt = new Date();
        const siblings = menu.filter((m) => m.parentId === parentId && m.id !== row.id);
        const changed = placeAt(siblings, current, input.position);
        if (moved)
          changed.push(
            ...oldSiblings
              .sort((a, b) => a.position - b.position)
              .map((m, i) => Object.assign(m, { position: i })),
          );
        await this.repo.saveMenuItems(tx, changed);
        await this.changed(tx, current, 'site.menu_entry_moved', before);
        return current;
      }),
    );
  }

  setHidden(ctx: RequestContext, id: string, hidden: boolean): Promise<Result<MenuItemEntity>> {
    return guarded(() =>
      this.tx.run(ctx, async (tx) => {
        const row = await this.editable(tx, id);
        const before = snapshot(row);
        if (hidden === (row.hiddenAt !== null)) return row;
        row.hiddenAt = hidden ? new Date() : null;
        row.updatedAt = new Date();
        await this.repo.saveMenuItems(tx, [row]);
        await this.changed(tx, row, hidden ? 'site.menu_entry_hidden' : 'site.menu_entry_shown', before);
        return row;
      }),
    );
  }

  private async editable(ctx: RequestContext, id: string): Promise<MenuItemEntity> {
    const row = isUuid(id) ? await this.repo.menuItem(ctx, id) : null;
    if (!row || !this.access.tenant(row.tenantId)) throw new NotFoundError('MenuItem', 'id');
    this.access.portal(ctx, row.tenantId);
    return row;
  }

  private async categoryOf(ctx: RequestContext, tenantId: string, id: string) {
    const category = isUuid(id) ? await this.repo.category(ctx, id) : null;
    if (!category)
      throw inputError(
        TenancyErrorCode.UNKNOWN_CATEGORY,
        'categoryId',
        'Không tìm thấy chuyên mục này trong cổng.',
        'There is no such category on this portal.',
      );
    if (category.tenantId !== tenantId) throw otherPortal('categoryId');
    return category;
  }

  /** Whether an id names a menu entry the caller may edit on some portal (for the error's words). */
  private async elsewhere(
    ctx: RequestContext,
    tenantId: string,
    id: string | null | undefined,
  ): Promise<boolean> {
    if (!id || !isUuid(id)) return false;
    const row = await this.repo.menuItem(ctx, id);
    return !!row && row.tenantId !== tenantId;
  }

  private parentOf(menu: MenuItemEntity[], parentId: string | null, existsElsewhere: boolean): string | null {
    if (parentId === null) return null;
    if (menu.some((m) => m.id === parentId)) return parentId;
    if (existsElsewhere) throw otherPortal('parentId');
    throw unknownParent();
  }

  private async changed(
    ctx: RequestContext,
    row: MenuItemEntity,
    action: string,
    before: Record<string, unknown> | null,
  ): Promise<void> {
    await this.repo.markChanged(ctx, row.tenantId, [menuPart(row.menu)]);
    await this.audit.record(ctx, {
      tenantId: row.tenantId,
      action,
      subjectType: 'MenuItem',
      subjectId: row.id,
      before,
      after: snapshot(row),
    });
  }
}

function snapshot(m: MenuItemEntity): Record<string, unknown> {
  return {
    menu: m.menu,
    parentId: m.parentId,
    labelVi: m.labelVi,
    labelEn: m.labelEn,
    categoryId: m.categoryId,
    url: m.url,
    languages: m.languages,
    position: m.position,
    hidden: m.hiddenAt !== null,
  };
}
