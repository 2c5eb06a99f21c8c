import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CheckAbility, Ctx, InputErrorType, Public, RequestContext } from '@portal/platform';
import { ResolvedTheme, SiteThemeService } from '../theme/site-theme.service';
import { THEME_FIELDS } from '../theme/site-theme.entity';
import { SiteThemeInput, SiteThemeResult, SiteThemeType } from './site-theme.types';

export function toSiteThemeType(tenantId: string, theme: ResolvedTheme): SiteThemeType {
  const { inheritedFrom, ...values } = theme;
  return Object.assign(new SiteThemeType(), values, {
    tenantId,
    inheritedFields: THEME_FIELDS.filter((f) => inheritedFrom[f] && inheritedFrom[f] !== tenantId),
    ownFields: THEME_FIELDS.filter((f) => inheritedFrom[f] === tenantId),
  });
}

@Resolver()
export class SiteThemeResolver {
  constructor(private readonly themes: SiteThemeService) {}

  // Public: every page of the portal shows these values (colours, logo, banner, footer lines).
  @Query(() => SiteThemeType, {
    description:
      "The addressed portal's look as its pages show it, with which fields it sets itself and which it inherits.",
  })
  @Public()
  async siteTheme(@Ctx() ctx: RequestContext): Promise<SiteThemeType> {
    const id = ctx.requireTenant().id;
    return toSiteThemeType(id, await this.themes.resolve(id));
  }

  @Mutation(() => SiteThemeResult, {
    description:
      "The operator sets a portal's look (the addressed portal by default): colours, logo, banner, footer lines.",
  })
  @CheckAbility('update', 'SiteStructure')
  async setSiteTheme(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => SiteThemeInput }) input: SiteThemeInput,
    @Args('tenantId', { type: () => ID, nullable: true }) tenantId?: string,
  ): Promise<typeof SiteThemeResult> {
    const r = await this.themes.set(ctx, tenantId, input);
    return r.ok
      ? toSiteThemeType(r.value.portal.id, r.value.theme)
      : InputErrorType.from(r.error, ctx.locale);
  }
}
