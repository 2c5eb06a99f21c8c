import { Field, Int, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, RequestContext } from '@portal/platform';
import { ReportPortalType, ReportScope, ReportType } from '@portal/reporting';
import type { RoutedTenant } from '@portal/tenancy';
import { StatementState } from '../grades/royalty.entities';
import {
  NotCounted,
  ReportRoyaltiesService,
  RoyaltyAmounts,
  RoyaltyBreakdown,
} from '../statements/report-royalties.service';

const MONEY = 'Integer đồng as decimal digits (amounts exceed GraphQL Int).';

@ObjectType('RoyaltyAmounts', {
  description: 'What approved and locked royalty statements paid, summed by kind of line.',
})
export class RoyaltyAmountsType {
  @Field(() => Int, { description: 'Payment lines.' }) lines!: number;
  @Field(() => Int, { description: 'Distinct recipients.' }) payees!: number;
  @Field(() => Int, { description: 'Distinct items paid for.' }) items!: number;
  @Field(() => String, { description: `Own items. ${MONEY}` }) royalties!: string;
  @Field(() => String, { description: `Syndicated and pushed-down copies received. ${MONEY}` })
  syndicated!: string;
  @Field(() => String, { description: `Board and staff remuneration. ${MONEY}` }) remuneration!: string;
  @Field(() => String, {
    description: `Adjustments after a lock and corrections at the check. ${MONEY}`,
  })
  adjustments!: string;
  @Field(() => String, { description: MONEY }) total!: string;
}

@ObjectType('RoyaltyMonthAmounts')
export class RoyaltyMonthAmountsType extends RoyaltyAmountsType {
  @Field(() => String, { description: 'YYYY-MM.' }) month!: string;
}

@ObjectType('RoyaltyUnitAmounts', {
  description: "By the payee's unit, the units the items-published figures count by.",
})
export class RoyaltyUnitAmountsType extends RoyaltyAmountsType {
  @Field(() => String, {
    nullable: true,
    description: "The payee's unit(s); null: accounts in no unit, or outside collaborators.",
  })
  unit!: string | null;
  @Field(() => Boolean, { description: 'Outside collaborators (cộng tác viên), in no unit of the portal.' })
  outside!: boolean;
}

@ObjectType('RoyaltyBreakdown')
export class RoyaltyBreakdownType extends RoyaltyAmountsType {
  @Field(() => [RoyaltyMonthAmountsType]) byMonth!: RoyaltyMonthAmountsType[];
  @Field(() => [RoyaltyUnitAmountsType], {
    description: 'Named units first, then accounts in no unit, then outside collaborators.',
  })
  byUnit!: RoyaltyUnitAmountsType[];
}

@ObjectType('RoyaltyStatementNotCounted', {
  description: 'A statement of the period the owner has not approved yet: named, not added up.',
})
export class RoyaltyStatementNotCountedType {
  @Field(() => ReportPortalType) portal!: ReportPortalType;
  @Field(() => String) month!: string;
  @Field(() => StatementState) state!: StatementState;
}

@ObjectType('PortalRoyalties')
export class PortalRoyaltiesType {
  @Field(() => ReportPortalType) portal!: ReportPortalType;
  @Field(() => RoyaltyBreakdownType) figures!: RoyaltyBreakdownType;
  @Field(() => [RoyaltyStatementNotCountedType]) notCounted!: RoyaltyStatementNotCountedType[];
}

@ObjectType('ReportRoyalties', {
  description:
    'Royalties and remuneration (nhuận bút, thù lao) of the report: approved and locked statements of the months of the period, never payment details.',
})
export class ReportRoyaltiesType {
  @Field(() => RoyaltyBreakdownType, { description: 'The whole scope (a PORTAL report: the portal).' })
  total!: RoyaltyBreakdownType;
  @Field(() => [PortalRoyaltiesType]) portals!: PortalRoyaltiesType[];
  @Field(() => [RoyaltyStatementNotCountedType]) notCounted!: RoyaltyStatementNotCountedType[];
}

const portal = (t: RoutedTenant): ReportPortalType => ({
  id: t.id,
  host: t.primaryHost,
  nameVi: t.nameVi,
  kind: t.kind,
});
const money = (a: RoyaltyAmounts): RoyaltyAmountsType => ({
  lines: a.lines,
  payees: a.payees,
  items: a.items,
  royalties: String(a.royalties),
  syndicated: String(a.syndicated),
  remuneration: String(a.remuneration),
  adjustments: String(a.adjustments),
  total: String(a.total),
});
const breakdown = (b: RoyaltyBreakdown): RoyaltyBreakdownType => ({
  ...money(b),
  byMonth: b.byMonth.map((m) => ({ ...money(m), month: m.month })),
  byUnit: b.byUnit.map((u) => ({ ...money(u), unit: u.unit, outside: u.outside })),
});
const pending = (n: NotCounted): RoyaltyStatementNotCountedType => ({
  portal: portal(n.tenant),
  month: n.month,
  state: n.state,
});

/**
 * `Report.royalties`: reporting cannot know royalties (royalties is built on it), so the field is
 * added from here. The report itself is authorised (`read Report` on every portal it covers); the
 * field checks the same right again rather than trust its parent.
 */
@Resolver(() => ReportType)
export class ReportRoyaltiesResolver {
  constructor(private readonly figures: ReportRoyaltiesService) {}

  @ResolveField(() => ReportRoyaltiesType, {
    description:
      'Royalties per portal, month and unit over the months of the period (approved and locked statements; the others named in notCounted).',
  })
  async royalties(@Ctx() ctx: RequestContext, @Parent() report: ReportType): Promise<ReportRoyaltiesType> {
    const r = await this.figures.forReport(ctx, {
      portalIds: report.portals.map((p) => p.portal.id),
      from: report.from,
      to: report.to,
      withTotal: report.scope !== ReportScope.PORTAL,
    });
    return {
      total: breakdown(r.total),
      portals: r.portals.map((p) => ({
        portal: portal(p.tenant),
        figures: breakdown(p.figures),
        notCounted: p.notCounted.map(pending),
      })),
      notCounted: r.notCounted.map(pending),
    };
  }
}
