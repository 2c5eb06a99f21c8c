import {
  Args,
  Field,
  ID,
  Info,
  InputType,
  Int,
  ObjectType,
  Query,
  Resolver,
  registerEnumType,
} from '@nestjs/graphql';
import { GraphQLJSONObject } from '@portal/platform';
import { HostRoutingService } from '@portal/tenancy';
import { Ctx, PageInfoType, Public, RequestContext, CacheableInfo, publicFor } from '@portal/platform';
import { PublicCacheable } from '@portal/platform';
import { ContentKind } from '../kinds/content-kind';
import { PortalLookup } from '../public/item-url';
import { PublicContentService, PublicItemRow } from '../public/public-content.service';
import { PublicSearchService } from '../public/public-search.service';
import { LegalValidity } from '../legal/legal-validity';
import './legal.types';

registerEnumType(ContentKind, { name: 'ContentKind' });

@PublicCacheable()
@ObjectType('SyndicationAttribution', {
  description:
    "Where a copy shown on this portal comes from: the source portal's item, which stays its only copy.",
})
export class SyndicationAttributionType {
  @Field(() => String, { description: 'UP: accepted from a component portal; DOWN: pushed by an ancestor.' })
  direction!: string;
  @Field(() => ID) sourcePortalId!: string;
  @Field(() => String) sourcePortalName!: string;
  @Field(() => String) sourcePortalHost!: string;
}

@PublicCacheable()
@ObjectType('PublicItem', { description: 'A published item as the public reads it (its live revision).' })
export class PublicItemType {
  @Field(() => ID) id!: string;
  @Field(() => ContentKind) kind!: ContentKind;
  @Field(() => ID, { nullable: true }) categoryId!: string | null;
  @Field(() => String) language!: string;
  @Field(() => String, { description: 'Its address on the portal read.' }) slug!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) summary!: string | null;
  @Field(() => String, { description: 'Sanitised HTML.' }) bodyHtml!: string;
  @Field(() => GraphQLJSONObject) fields!: Record<string, unknown>;
  @Field(() => String) authorName!: string;
  @Field(() => String) source!: string;
  @Field(() => Date) publishedAt!: Date;
  @Field(() => Int) revisionNumber!: number;
  @Field(() => Boolean) pinned!: boolean;
  /** `canonicalUrl` is resolved per request (public-item-links.resolver.ts) from these two. */
  sourceHost!: string | null;
  sourceSlug!: string;
  @Field(() => SyndicationAttributionType, {
    nullable: true,
    description: "Set when this is another portal's item shown here.",
  })
  syndicatedFrom!: SyndicationAttributionType | null;
  @Field(() => LegalValidity, {
    nullable: true,
    description:
      'A legal document’s validity today, in the legal search (null elsewhere, or when none is stated).',
  })
  legalValidity!: LegalValidity | null;

  static from(r: PublicItemRow, portals: PortalLookup): PublicItemType {
    const source = portals.tenant(r.tenant_id);
    return Object.assign(new PublicItemType(), {
      id: r.id,
      kind: r.kind,
      categoryId: r.category_id,
      language: r.language,
      slug: r.slug,
      title: r.title,
      summary: r.summary,
      bodyHtml: r.body_html,
      fields: r.fields,
      authorName: r.author_name,
      source: r.source,
      publishedAt: new Date(r.published_at),
      revisionNumber: r.revision_number,
      pinned: r.pinned,
      legalValidity: r.validity ?? null,
      sourceHost: source?.primaryHost ?? null,
      sourceSlug: r.source_slug,
      syndicatedFrom:
        r.syndication_id && source
          ? Object.assign(new SyndicationAttributionType(), {
              direction: r.syndication_direction,
              sourcePortalId: source.id,
              sourcePortalName: source.nameVi,
              sourcePortalHost: source.primaryHost,
            })
          : null,
    });
  }
}

@PublicCacheable()
@ObjectType('PublicItemConnection')
export class PublicItemConnectionType {
  @Field(() => [PublicItemType]) nodes!: PublicItemType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
}

@InputType('PublicItemsFilter')
export class PublicItemsFilterInput {
  @Field(() => ID, { nullable: true }) categoryId?: string | null;
  @Field(() => ContentKind, { nullable: true }) kind?: ContentKind | null;
  @Field(() => Int, { nullable: true }) first?: number | null;
  @Field(() => String, { nullable: true }) after?: string | null;
}

@InputType('LegalDocumentsFilter')
export class LegalDocumentsFilterInput {
  @Field(() => String, { nullable: true }) form?: string | null;
  @Field(() => String, { nullable: true }) issuer?: string | null;
  @Field(() => String, { nullable: true }) number?: string | null;
  @Field(() => String, { nullable: true }) field?: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) issuedFrom?: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) issuedTo?: string | null;
  @Field(() => LegalValidity, {
    nullable: true,
    description: 'Validity today (past its expiry date: EXPIRED).',
  })
  validity?: LegalValidity | null;
  @Field(() => Int, { nullable: true }) first?: number | null;
}

/** Anonymous reads of the addressed portal's published content (English with `Accept-Language: en`). */
@Resolver()
export class PublicContentResolver {
  constructor(
    private readonly content: PublicContentService,
    private readonly searcher: PublicSearchService,
    private readonly routing: HostRoutingService,
  ) {}

  private present = (r: PublicItemRow): PublicItemType => PublicItemType.from(r, this.routing);

  @Query(() => PublicItemConnectionType, {
    description: 'Published items, newest first, by category or kind.',
  })
  @Public()
  async publicItems(
    @Ctx() ctx: RequestContext,
    @Info() info: CacheableInfo,
    @Args('filter', { type: () => PublicItemsFilterInput, nullable: true }) filter?: PublicItemsFilterInput,
  ): Promise<PublicItemConnectionType> {
    publicFor(info);
    const page = await this.content.list(ctx.requireTenant().id, { ...filter, language: ctx.locale });
    return {
      nodes: page.rows.map(this.present),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }

  @Query(() => PublicItemType, { nullable: true, description: 'A published item by its slug.' })
  @Public()
  async publicItem(
    @Ctx() ctx: RequestContext,
    @Info() info: CacheableInfo,
    @Args('slug') slug: string,
  ): Promise<PublicItemType | null> {
    publicFor(info);
    const row = await this.content.bySlug(ctx.requireTenant().id, slug, ctx.locale);
    return row ? this.present(row) : null;
  }

  @Query(() => [PublicItemType], {
    description: 'Full-text search, diacritics optional; title matches first.',
  })
  @Public()
  async search(
    @Ctx() ctx: RequestContext,
    @Info() info: CacheableInfo,
    @Args('query') query: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
  ): Promise<PublicItemType[]> {
    publicFor(info);
    const page = await this.searcher.searchPage(ctx.requireTenant().id, query, {
      first,
      language: ctx.locale,
    });
    return page.rows.map(this.present);
  }

  @Query(() => [PublicItemType], {
    description: 'Legal documents by form, issuer, number, field, issue date and validity.',
  })
  @Public()
  async legalDocuments(
    @Ctx() ctx: RequestContext,
    @Info() info: CacheableInfo,
    @Args('filter', { type: () => LegalDocumentsFilterInput, nullable: true })
    filter?: LegalDocumentsFilterInput,
  ): Promise<PublicItemType[]> {
    publicFor(info);
    return (await this.content.legalDocuments(ctx.requireTenant().id, filter ?? {})).map(this.present);
  }
}
