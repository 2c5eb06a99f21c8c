import { Args, Field, ID, Info, Int, ObjectType, Query, Resolver, registerEnumType } from '@nestjs/graphql';
import { Ctx, Public, RequestContext, CacheableInfo, publicFor } from '@portal/platform';
import { PublicCacheable } from '@portal/platform';
import { HomePageService, MenuRow, PublicCategoryRow } from '../public/home-page.service';
import { HostRoutingService } from '@portal/tenancy';
import { PublicItemType } from './public-content.resolver';

export enum MenuName {
  MAIN = 'MAIN',
  FOOTER = 'FOOTER',
}
registerEnumType(MenuName, { name: 'MenuName' });

@PublicCacheable()
@ObjectType('Category')
export class CategoryType {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true }) parentId!: string | null;
  @Field(() => String) slug!: string;
  @Field(() => String) name!: string;
  @Field(() => String) nameVi!: string;
  @Field(() => String, { nullable: true }) nameEn!: string | null;
  @Field(() => String, { nullable: true }) contentKind!: string | null;
  @Field(() => Int) position!: number;

  static from(c: PublicCategoryRow, locale: 'vi' | 'en'): CategoryType {
    return Object.assign(new CategoryType(), {
      id: c.id,
      parentId: c.parent_id,
      slug: c.slug,
      name: locale === 'en' && c.name_en ? c.name_en : c.name_vi,
      nameVi: c.name_vi,
      nameEn: c.name_en,
      contentKind: c.content_kind,
      position: c.position,
    });
  }
}

@PublicCacheable()
@ObjectType('MenuItem')
export class MenuItemType {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true }) parentId!: string | null;
  @Field(() => String) label!: string;
  @Field(() => ID, { nullable: true }) categoryId!: string | null;
  @Field(() => String, { nullable: true }) url!: string | null;

  static from(m: MenuRow, locale: 'vi' | 'en'): MenuItemType {
    return Object.assign(new MenuItemType(), {
      id: m.id,
      parentId: m.parent_id,
      label: locale === 'en' && m.label_en ? m.label_en : m.label_vi,
      categoryId: m.category_id,
      url: m.url,
    });
  }
}

@PublicCacheable()
@ObjectType('HomeSection')
export class HomeSectionType {
  @Field(() => CategoryType) category!: CategoryType;
  @Field(() => [PublicItemType]) items!: PublicItemType[];
}

@PublicCacheable()
@ObjectType('HomePage', { description: "A portal's home page: pinned items and the latest of each section." })
export class HomePageType {
  @Field(() => [PublicItemType]) pinned!: PublicItemType[];
  @Field(() => [HomeSectionType]) sections!: HomeSectionType[];
}

@Resolver()
export class HomePageResolver {
  constructor(
    private readonly home: HomePageService,
    private readonly routing: HostRoutingService,
  ) {}

  @Query(() => [CategoryType], { description: "The portal's sections (a tree: parentId)." })
  @Public()
  async categories(@Ctx() ctx: RequestContext, @Info() info: CacheableInfo): Promise<CategoryType[]> {
    publicFor(info);
    return (await this.home.categories(ctx.requireTenant().id, ctx.locale)).map((c) =>
      CategoryType.from(c, ctx.locale),
    );
  }

  @Query(() => [MenuItemType])
  @Public()
  async menu(
    @Ctx() ctx: RequestContext,
    @Info() info: CacheableInfo,
    @Args('name', { type: () => MenuName }) name: MenuName,
  ): Promise<MenuItemType[]> {
    publicFor(info);
    return (await this.home.menu(ctx.requireTenant().id, name, ctx.locale)).map((m) =>
      MenuItemType.from(m, ctx.locale),
    );
  }

  @Query(() => HomePageType)
  @Public()
  async homePage(
    @Ctx() ctx: RequestContext,
    @Info() info: CacheableInfo,
    @Args('perSection', { type: () => Int, nullable: true }) perSection?: number,
  ): Promise<HomePageType> {
    publicFor(info);
    const tenantId = ctx.requireTenant().id;
    const n = Math.min(Math.max(perSection ?? 5, 1), 20);
    const [pinned, sections] = await Promise.all([
      this.home.pinned(tenantId, ctx.locale, 10),
      this.home.latestBySection(tenantId, ctx.locale, n),
    ]);
    return {
      pinned: pinned.map((r) => PublicItemType.from(r, this.routing)),
      sections: sections.map((s) => ({
        category: CategoryType.from(s.category, ctx.locale),
        items: s.items.map((r) => PublicItemType.from(r, this.routing)),
      })),
    };
  }
}
