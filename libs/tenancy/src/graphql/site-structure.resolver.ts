import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  CheckAbility,
  Ctx,
  IdempotencyKey,
  IdempotencyService,
  InputErrorType,
  PgNotifications,
  RequestContext,
  Result,
  ok,
} from '@portal/platform';
import { SiteCategoriesService, slugPaths } from '../site-structure/site-categories.service';
import { SiteMenusService } from '../site-structure/site-menus.service';
import { SiteStructureQueries } from '../site-structure/site-structure.queries';
import { TemplateReapplyService } from '../site-structure/template-reapply.service';
import { CategoryEntity, MenuItemEntity } from '../site-structure/category.entity';
import {
  CreateSiteCategoryInput,
  CreateSiteMenuEntryInput,
  MoveSiteCategoryInput,
  MoveSiteMenuEntryInput,
  SiteCategoryResult,
  SiteCategoryType,
  SiteMenuEntryResult,
  SiteMenuEntryType,
  SiteStructureResult,
  SiteStructureType,
  TemplateReapplyReportType,
  TemplateReapplyResult,
  UpdateSiteCategoryInput,
  UpdateSiteMenuEntryInput,
} from './site-structure.types';

/**
 * The editable site structure (517/QĐ-SNV art. 3.2.b–c; 05/2024/QĐ-UBND art. 8.3): the operator of a
 * portal (of a portal above it, or the board where the portal's policy says) edits its categories
 * and menus; the provincial office re-applies a changed template to the portals below.
 */
@Resolver()
export class SiteStructureResolver {
  constructor(
    private readonly categories: SiteCategoriesService,
    private readonly menus: SiteMenusService,
    private readonly queries: SiteStructureQueries,
    private readonly reapplies: TemplateReapplyService,
    private readonly idempotency: IdempotencyService,
    private readonly notifications: PgNotifications,
  ) {}

  /** This instance drops the portal's cached pages at once (others when the database tells them). */
  private changed(tenantId: string): void {
    this.notifications.emitLocal('content_changed', tenantId);
  }

  @Query(() => SiteStructureResult, {
    description:
      "A portal's categories and menus as its operator edits them (hidden ones included), and the parts of its template it changed. The addressed portal by default.",
  })
  @CheckAbility('update', 'SiteStructure')
  async siteStructure(
    @Ctx() ctx: RequestContext,
    @Args('tenantId', { type: () => ID, nullable: true }) tenantId?: string,
  ): Promise<typeof SiteStructureResult> {
    const r = await this.queries.structure(ctx, tenantId);
    if (!r.ok) return InputErrorType.from(r.error, ctx.locale);
    const paths = slugPaths(r.value.categories);
    return Object.assign(new SiteStructureType(), {
      tenantId: r.value.tenantId,
      template: r.value.template,
      categories: r.value.categories.map((c) => SiteCategoryType.from(c, paths.get(c.id)!)),
      menuEntries: r.value.menuEntries.map((m) => SiteMenuEntryType.from(m)),
      changedParts: r.value.changedParts,
    });
  }

  @Mutation(() => SiteCategoryResult, {
    description: 'Adds a category (or a thematic section), at the top level or under another, per language.',
  })
  @CheckAbility('update', 'SiteStructure')
  createSiteCategory(
    @Ctx() ctx: RequestContext,
    @Args('input') input: CreateSiteCategoryInput,
    @IdempotencyKey() key: string | null,
  ): Promise<typeof SiteCategoryResult> {
    return this.category(ctx, 'createSiteCategory', key, input, (tx) => this.categories.create(tx, input));
  }

  @Mutation(() => SiteCategoryResult, {
    description: 'Renames a category (names per language, address); its old address answers 301.',
  })
  @CheckAbility('update', 'SiteStructure')
  updateSiteCategory(
    @Ctx() ctx: RequestContext,
    @Args('input') input: UpdateSiteCategoryInput,
    @IdempotencyKey() key: string | null,
  ): Promise<typeof SiteCategoryResult> {
    return this.category(ctx, 'updateSiteCategory', key, input, (tx) => this.categories.update(tx, input));
  }

  @Mutation(() => SiteCategoryResult, {
    description:
      'Nests a category under another (or at the top) and/or reorders it; old addresses answer 301.',
  })
  @CheckAbility('update', 'SiteStructure')
  moveSiteCategory(
    @Ctx() ctx: RequestContext,
    @Args('input') input: MoveSiteCategoryInput,
    @IdempotencyKey() key: string | null,
  ): Promise<typeof SiteCategoryResult> {
    return this.category(ctx, 'moveSiteCategory', key, input, (tx) =>
      this.categories.move(tx, { id: input.id, parentId: input.parentId ?? null, position: input.position }),
    );
  }

  @Mutation(() => SiteCategoryResult, {
    description: 'Hides a category (the website answers 410, menus and sitemap drop it) or shows it again.',
  })
  @CheckAbility('update', 'SiteStructure')
  setSiteCategoryHidden(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('hidden', { type: () => Boolean }) hidden: boolean,
    @IdempotencyKey() key: string | null,
  ): Promise<typeof SiteCategoryResult> {
    return this.category(ctx, 'setSiteCategoryHidden', key, { id, hidden }, (tx) =>
      this.categories.setHidden(tx, id, hidden),
    );
  }

  @Mutation(() => SiteMenuEntryResult, {
    description:
      'Adds a menu entry: a category of the portal, or a link (liên kết website, http(s)) or path.',
  })
  @CheckAbility('update', 'SiteStructure')
  createSiteMenuEntry(
    @Ctx() ctx: RequestContext,
    @Args('input') input: CreateSiteMenuEntryInput,
    @IdempotencyKey() key: string | null,
  ): Promise<typeof SiteMenuEntryResult> {
    return this.menuEntry(ctx, 'createSiteMenuEntry', key, input, (tx) => this.menus.create(tx, input));
  }

  @Mutation(() => SiteMenuEntryResult, { description: 'Relabels a menu entry or points it elsewhere.' })
  @CheckAbility('update', 'SiteStructure')
  updateSiteMenuEntry(
    @Ctx() ctx: RequestContext,
    @Args('input') input: UpdateSiteMenuEntryInput,
    @IdempotencyKey() key: string | null,
  ): Promise<typeof SiteMenuEntryResult> {
    return this.menuEntry(ctx, 'updateSiteMenuEntry', key, input, (tx) => this.menus.update(tx, input));
  }

  @Mutation(() => SiteMenuEntryResult, { description: 'Nests (one level) and/or reorders a menu entry.' })
  @CheckAbility('update', 'SiteStructure')
  moveSiteMenuEntry(
    @Ctx() ctx: RequestContext,
    @Args('input') input: MoveSiteMenuEntryInput,
    @IdempotencyKey() key: string | null,
  ): Promise<typeof SiteMenuEntryResult> {
    return this.menuEntry(ctx, 'moveSiteMenuEntry', key, input, (tx) =>
      this.menus.move(tx, { id: input.id, parentId: input.parentId ?? null, position: input.position }),
    );
  }

  @Mutation(() => SiteMenuEntryResult, {
    description: 'Hides a menu entry (kept on record) or shows it again.',
  })
  @CheckAbility('update', 'SiteStructure')
  setSiteMenuEntryHidden(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('hidden', { type: () => Boolean }) hidden: boolean,
    @IdempotencyKey() key: string | null,
  ): Promise<typeof SiteMenuEntryResult> {
    return this.menuEntry(ctx, 'setSiteMenuEntryHidden', key, { id, hidden }, (tx) =>
      this.menus.setHidden(tx, id, hidden),
    );
  }

  @Mutation(() => TemplateReapplyResult, {
    description:
      'Carries a template change to the portals made from it below the addressed portal, part by part, skipping the parts a portal changed itself. dryRun reports per portal without writing.',
  })
  @CheckAbility('update', 'SiteStructure')
  async reapplyPortalTemplate(
    @Ctx() ctx: RequestContext,
    @Args('template') template: string,
    @Args('dryRun', { type: () => Boolean }) dryRun: boolean,
    @IdempotencyKey() key: string | null,
  ): Promise<typeof TemplateReapplyResult> {
    const run = async (tx: RequestContext, dry: boolean): Promise<Result<TemplateReapplyReportType>> => {
      const done = await this.reapplies.reapply(tx, template, dry);
      return done.ok ? ok(TemplateReapplyReportType.from(done.value)) : done;
    };
    const r = dryRun
      ? await run(ctx, true)
      : await this.idempotency.run(
          ctx,
          { operation: 'reapplyPortalTemplate', key, request: { template } },
          (tx) => run(tx, false),
        );
    if (!r.ok) return InputErrorType.from(r.error, ctx.locale);
    if (!dryRun) r.value.portals.forEach((p) => this.changed(p.tenantId));
    return Object.assign(new TemplateReapplyReportType(), r.value);
  }

  private async category(
    ctx: RequestContext,
    operation: string,
    key: string | null,
    request: object,
    work: (tx: RequestContext) => Promise<Result<CategoryEntity>>,
  ): Promise<typeof SiteCategoryResult> {
    const r = await this.idempotency.run(ctx, { operation, key, request }, async (tx) => {
      const done = await work(tx);
      if (!done.ok) return done;
      const all = await this.queries.categoriesOf(tx, done.value.tenantId);
      return ok(SiteCategoryType.from(done.value, slugPaths(all).get(done.value.id) ?? done.value.slug));
    });
    if (!r.ok) return InputErrorType.from(r.error, ctx.locale);
    this.changed(r.value.tenantId);
    return Object.assign(new SiteCategoryType(), r.value);
  }

  private async menuEntry(
    ctx: RequestContext,
    operation: string,
    key: string | null,
    request: object,
    work: (tx: RequestContext) => Promise<Result<MenuItemEntity>>,
  ): Promise<typeof SiteMenuEntryResult> {
    const r = await this.idempotency.run(ctx, { operation, key, request }, async (tx) => {
      const done = await work(tx);
      return done.ok ? ok(SiteMenuEntryType.from(done.value)) : done;
    });
    if (!r.ok) return InputErrorType.from(r.error, ctx.locale);
    this.changed(r.value.tenantId);
    return Object.assign(new SiteMenuEntryType(), r.value);
  }
}
