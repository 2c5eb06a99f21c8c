import { Args, Field, ID, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { CheckAbility, Ctx, NotFoundError, RequestContext, can, isUuid } from '@portal/platform';
import { HostRoutingService } from '@portal/tenancy';
import { SiteVisitsService } from '../visits/site-visits.service';
import { SiteErrors } from '../errors/site-errors';

@ObjectType('SitePageVisits', { description: "Views of one page of a portal's website on one day." })
export class SitePageVisitsType {
  @Field(() => String, { description: 'Day (YYYY-MM-DD, Vietnam time).' }) day!: string;
  @Field(() => String, { description: 'The page address, e.g. /bai-viet/<slug> or /en/.' }) path!: string;
  @Field(() => Int) views!: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_DAYS = 366;

@Resolver()
export class SiteVisitsResolver {
  constructor(
    private readonly visits: SiteVisitsService,
    private readonly routing: HostRoutingService,
  ) {}

  @Query(() => [SitePageVisitsType], {
    description:
      "Page views of a portal's website per page and day (no personal data is kept), the addressed portal by default; most viewed first within a day, at most 1,000 rows.",
  })
  @CheckAbility('read', 'Report')
  async siteVisits(
    @Ctx() ctx: RequestContext,
    @Args('from', { type: () => String }) from: string,
    @Args('to', { type: () => String }) to: string,
    @Args('tenantId', { type: () => ID, nullable: true }) tenantId?: string,
  ): Promise<SitePageVisitsType[]> {
    const portal = this.routing.tenant(tenantId ?? ctx.requireTenant().id);
    if (
      !portal ||
      !isUuid(portal.id) ||
      !can(ctx, 'read', 'Report', { tenantId: portal.id, tenantPath: portal.path })
    )
      throw new NotFoundError('Portal', 'tenantId');
    for (const [field, value] of [
      ['from', from],
      ['to', to],
    ] as const)
      if (!DATE.test(value) || Number.isNaN(Date.parse(value))) throw SiteErrors.invalidDate(field);
    const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
    if (days < 0 || days > MAX_DAYS) throw SiteErrors.invalidPeriod();
    await this.visits.flush();
    const rows = await this.visits.perPageAndDay(portal.id, from, to, 1000);
    return rows.map((r) => Object.assign(new SitePageVisitsType(), r));
  }
}
