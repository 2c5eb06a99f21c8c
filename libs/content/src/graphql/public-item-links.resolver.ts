import { Inject } from '@nestjs/common';
import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Request } from 'express';
import { APP_CONFIG, AppConfig } from '@portal/platform';
import { originsFor, publicItemUrl } from '../public/item-url';
import { PublicItemType } from './public-content.resolver';

/**
 * The links of a published item, written like the public website's own (print view, feeds): read
 * through a development alias (`*.localhost`), with that alias's scheme and port; otherwise
 * `https://<primary host>`. The response cache keys on host and scheme, so each gets its own.
 */
@Resolver(() => PublicItemType)
export class PublicItemLinksResolver {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @ResolveField(() => String, {
    description: "The item's address on its own portal (for a copy, the source's).",
  })
  canonicalUrl(@Parent() item: PublicItemType, @Context() gql: { req: Request }): string {
    if (!item.sourceHost) return '';
    return publicItemUrl(item.sourceHost, item.language, item.sourceSlug, originsFor(gql.req, this.config));
  }
}
