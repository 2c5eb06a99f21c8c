import { Field, ID, InputType, Int, ObjectType, createUnionType, registerEnumType } from '@nestjs/graphql';
import { InputErrorType } from '@portal/platform';
import { CategoryEntity, MenuItemEntity } from '../site-structure/category.entity';
import { isExternalUrl } from '../site-structure/site-structure-rules';
import type { TemplateReapplyReport } from '../site-structure/template-reapply.service';

export enum SiteMenuName {
  MAIN = 'MAIN',
  FOOTER = 'FOOTER',
}
registerEnumType(SiteMenuName, { name: 'SiteMenuName', description: 'The main menu or the footer menu.' });

@ObjectType('SiteCategory', {
  description: 'A category (section, chuyên mục) of a portal as its operator edits it, hidden ones included.',
})
export class SiteCategoryType {
  @Field(() => ID) id!: string;
  @Field(() => ID) tenantId!: string;
  @Field(() => ID, { nullable: true }) parentId!: string | null;
  @Field(() => String, { description: 'Its address word, unique among its siblings.' }) slug!: string;
  @Field(() => String, { description: 'Slugs from the top, e.g. `chi-dao-dieu-hanh/thong-bao`.' })
  slugPath!: string;
  @Field(() => String) nameVi!: string;
  @Field(() => String, { nullable: true }) nameEn!: string | null;
  @Field(() => String, { nullable: true }) contentKind!: string | null;
  @Field(() => Boolean, { description: 'A thematic section (chuyên đề).' }) thematic!: boolean;
  @Field(() => [String], { description: 'Languages whose website shows it: vi, en.' }) languages!: string[];
  @Field(() => Int, { description: 'Place among its siblings, 0 first.' }) position!: number;
  @Field(() => Boolean, { description: 'Hidden: not on the website nor in menus, kept on record.' })
  hidden!: boolean;
  @Field(() => String, {
    nullable: true,
    description: "Its key in the portal's template; null for one the portal added itself.",
  })
  templateKey!: string | null;

  static from(c: CategoryEntity, slugPath: string): SiteCategoryType {
    return Object.assign(new SiteCategoryType(), {
      id: c.id,
      tenantId: c.tenantId,
      parentId: c.parentId,
      slug: c.slug,
      slugPath,
      nameVi: c.nameVi,
      nameEn: c.nameEn,
      contentKind: c.contentKind,
      thematic: c.thematic,
      languages: c.languages,
      position: c.position,
      hidden: c.hiddenAt !== null,
      templateKey: c.templateKey,
    });
  }
}

@ObjectType('SiteMenuEntry', { description: 'An entry of a portal menu as its operator edits it.' })
export class SiteMenuEntryType {
  @Field(() => ID) id!: string;
  @Field(() => ID) tenantId!: string;
  @Field(() => SiteMenuName) menu!: SiteMenuName;
  @Field(() => ID, { nullable: true }) parentId!: string | null;
  @Field(() => String) labelVi!: string;
  @Field(() => String, { nullable: true }) labelEn!: string | null;
  @Field(() => ID, { nullable: true }) categoryId!: string | null;
  @Field(() => String, { nullable: true }) url!: string | null;
  @Field(() => Boolean, { description: 'A link to another website (shown with an external-link marker).' })
  external!: boolean;
  @Field(() => [String]) languages!: string[];
  @Field(() => Int) position!: number;
  @Field(() => Boolean) hidden!: boolean;
  @Field(() => String, { nullable: true }) templateKey!: string | null;

  static from(m: MenuItemEntity): SiteMenuEntryType {
    return Object.assign(new SiteMenuEntryType(), {
      id: m.id,
      tenantId: m.tenantId,
      menu: m.menu as SiteMenuName,
      parentId: m.parentId,
      labelVi: m.labelVi,
      labelEn: m.labelEn,
      categoryId: m.categoryId,
      url: m.url,
      external: isExternalUrl(m.url),
      languages: m.languages,
      position: m.position,
      hidden: m.hiddenAt !== null,
      templateKey: m.templateKey,
    });
  }
}

@ObjectType('SiteStructureChangedPart', {
  description:
    'A part of its template the portal changed (`category:<key>`, `menu:MAIN`): a re-apply skips it.',
})
export class SiteStructureChangedPartType {
  @Field(() => String) part!: string;
  @Field(() => Date) firstChangedAt!: Date;
  @Field(() => Date) lastChangedAt!: Date;
}

@ObjectType('SiteStructure', { description: "A portal's categories and menus, for its operator to edit." })
export class SiteStructureType {
  @Field(() => ID) tenantId!: string;
  @Field(() => String, { description: 'The template the portal was made from.' }) template!: string;
  @Field(() => [SiteCategoryType], { description: 'Parents before children, each level by position.' })
  categories!: SiteCategoryType[];
  @Field(() => [SiteMenuEntryType]) menuEntries!: SiteMenuEntryType[];
  @Field(() => [SiteStructureChangedPartType]) changedParts!: SiteStructureChangedPartType[];
}

@InputType('CreateSiteCategoryInput')
export class CreateSiteCategoryInput {
  @Field(() => ID, { nullable: true, description: 'The portal (the addressed one by default).' })
  tenantId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The parent category; none: top level.' })
  parentId?: string | null;
  @Field(() => String) nameVi!: string;
  @Field(() => String, { nullable: true }) nameEn?: string | null;
  @Field(() => String, { nullable: true, description: 'Address word; made from the name when absent.' })
  slug?: string | null;
  @Field(() => String, { nullable: true }) contentKind?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'A thematic section (chuyên đề).' })
  thematic?: boolean | null;
  @Field(() => [String], { nullable: true, description: 'vi, en (both by default).' })
  languages?: string[] | null;
  @Field(() => Int, { nullable: true, description: 'Place among its siblings; the end by default.' })
  position?: number | null;
}

@InputType('UpdateSiteCategoryInput', {
  description: 'Fields left out stay; a new slug keeps the old address answering 301.',
})
export class UpdateSiteCategoryInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) nameVi?: string | null;
  @Field(() => String, { nullable: true }) nameEn?: string | null;
  @Field(() => String, { nullable: true }) slug?: string | null;
  @Field(() => String, { nullable: true }) contentKind?: string | null;
  @Field(() => Boolean, { nullable: true }) thematic?: boolean | null;
  @Field(() => [String], { nullable: true }) languages?: string[] | null;
}

@InputType('MoveSiteCategoryInput', { description: 'Nest (a new parent) and/or reorder (a new position).' })
export class MoveSiteCategoryInput {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true, description: 'The new parent; none: top level.' }) parentId?:
    string | null;
  @Field(() => Int, { description: 'Place among the new siblings, 0 first.' }) position!: number;
}

@InputType('CreateSiteMenuEntryInput', {
  description: 'An entry pointing at a category or at a link (http(s) to another website, or a path).',
})
export class CreateSiteMenuEntryInput {
  @Field(() => ID, { nullable: true }) tenantId?: string | null;
  @Field(() => SiteMenuName) menu!: SiteMenuName;
  @Field(() => ID, { nullable: true }) parentId?: string | null;
  @Field(() => ID, { nullable: true }) categoryId?: string | null;
  @Field(() => String, { nullable: true }) url?: string | null;
  @Field(() => String, { nullable: true, description: "The category's name when absent." })
  labelVi?: string | null;
  @Field(() => String, { nullable: true }) labelEn?: string | null;
  @Field(() => [String], { nullable: true }) languages?: string[] | null;
  @Field(() => Int, { nullable: true }) position?: number | null;
}

@InputType('UpdateSiteMenuEntryInput')
export class UpdateSiteMenuEntryInput {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true }) categoryId?: string | null;
  @Field(() => String, { nullable: true }) url?: string | null;
  @Field(() => String, { nullable: true }) labelVi?: string | null;
  @Field(() => String, { nullable: true }) labelEn?: string | null;
  @Field(() => [String], { nullable: true }) languages?: string[] | null;
}

@InputType('MoveSiteMenuEntryInput')
export class MoveSiteMenuEntryInput {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true }) parentId?: string | null;
  @Field(() => Int) position!: number;
}

@ObjectType('TemplateChange')
export class TemplateChangeType {
  @Field(() => String) part!: string;
  @Field(() => String, { description: 'CREATE, UPDATE, HIDE or REBUILD (a menu).' }) action!: string;
  @Field(() => String) detail!: string;
}

@ObjectType('TemplateSkippedPart')
export class TemplateSkippedPartType {
  @Field(() => String) part!: string;
  @Field(() => String, { description: 'CHANGED_BY_PORTAL, PARENT_MISSING or ADDRESS_TAKEN.' })
  reason!: string;
  @Field(() => String) reasonVi!: string;
  @Field(() => String) reasonEn!: string;
}

@ObjectType('TemplateReapplyPortal')
export class TemplateReapplyPortalType {
  @Field(() => ID) tenantId!: string;
  @Field(() => String) nameVi!: string;
  @Field(() => String) primaryHost!: string;
  @Field(() => [TemplateChangeType]) changes!: TemplateChangeType[];
  @Field(() => [TemplateSkippedPartType]) skipped!: TemplateSkippedPartType[];
}

@ObjectType('TemplateReapplyReport', {
  description:
    'Per portal made from the template: what changes (or would, in a dry run) and what is skipped.',
})
export class TemplateReapplyReportType {
  @Field(() => String) template!: string;
  @Field(() => Boolean) dryRun!: boolean;
  @Field(() => [TemplateReapplyPortalType]) portals!: TemplateReapplyPortalType[];

  static from(r: TemplateReapplyReport): TemplateReapplyReportType {
    return Object.assign(new TemplateReapplyReportType(), {
      template: r.template,
      dryRun: r.dryRun,
      portals: r.portals.map((p) => ({
        tenantId: p.portal.id,
        nameVi: p.portal.nameVi,
        primaryHost: p.portal.primaryHost,
        changes: p.changes,
        skipped: p.skipped,
      })),
    });
  }
}

export const SiteCategoryResult = createUnionType({
  name: 'SiteCategoryResult',
  types: () => [SiteCategoryType, InputErrorType] as const,
  resolveType: (v) => (v instanceof InputErrorType ? InputErrorType : SiteCategoryType),
});

export const SiteMenuEntryResult = createUnionType({
  name: 'SiteMenuEntryResult',
  types: () => [SiteMenuEntryType, InputErrorType] as const,
  resolveType: (v) => (v instanceof InputErrorType ? InputErrorType : SiteMenuEntryType),
});

export const SiteStructureResult = createUnionType({
  name: 'SiteStructureResult',
  types: () => [SiteStructureType, InputErrorType] as const,
  resolveType: (v) => (v instanceof InputErrorType ? InputErrorType : SiteStructureType),
});

export const TemplateReapplyResult = createUnionType({
  name: 'TemplateReapplyResult',
  types: () => [TemplateReapplyReportType, InputErrorType] as const,
  resolveType: (v) => (v instanceof InputErrorType ? InputErrorType : TemplateReapplyReportType),
});
