import { Field, Float, ID, Int, ObjectType, createUnionType, registerEnumType } from '@nestjs/graphql';
import { InputErrorType } from '@portal/platform';
import { ReportFormat } from '../export/report-export.types';
import { ReportScope } from '../report/report-scope';

registerEnumType(ReportScope, {
  name: 'ReportScope',
  description: 'PORTAL: the portal alone; SUBTREE: it and every portal below; FEDERATION: every tree.',
});
registerEnumType(ReportFormat, { name: 'ReportFormat' });

@ObjectType('LabelledCount')
export class LabelledCountType {
  @Field(() => String, { nullable: true, description: 'A code or a name; null for none.' }) key!:
    string | null;
  @Field(() => Int) count!: number;
}

@ObjectType('PublishedFigures', { description: 'Items first published in the period, on their own portal.' })
export class PublishedFiguresType {
  @Field(() => Int) total!: number;
  @Field(() => [LabelledCountType]) byKind!: LabelledCountType[];
  @Field(() => [LabelledCountType], { description: 'By category name (as the portals spell it).' })
  byCategory!: LabelledCountType[];
  @Field(() => [LabelledCountType], { description: "By the contributor's unit; null key: in no unit." })
  byUnit!: LabelledCountType[];
  @Field(() => [LabelledCountType]) byLanguage!: LabelledCountType[];
}

@ObjectType('SyndicationFigures')
export class SyndicationFiguresType {
  @Field(() => Int, { description: 'Own items accepted by an ancestor in the period.' }) sentUp!: number;
  @Field(() => Int, { description: "Descendants' items accepted here in the period." }) receivedUp!: number;
  @Field(() => Int, { description: 'Placements of own items pushed down in the period.' })
  pushedDown!: number;
  @Field(() => Int, { description: 'Items pushed onto this portal in the period.' }) receivedDown!: number;
  @Field(() => Int, { description: 'Own proposals refused upstream in the period.' }) refusedUp!: number;
}

@ObjectType('KindTimeliness')
export class KindTimelinessType {
  @Field(() => String) kind!: string;
  @Field(() => Int) published!: number;
  @Field(() => Int) withDeadline!: number;
  @Field(() => Int) onTime!: number;
  @Field(() => Int) late!: number;
}

@ObjectType('BoardTimeliness', {
  description: 'Board decisions (approve, return, refuse) taken in the period.',
})
export class BoardTimelinessType {
  @Field(() => Int) decided!: number;
  @Field(() => Int) withDeadline!: number;
  @Field(() => Int) onTime!: number;
  @Field(() => Int) late!: number;
  @Field(() => Float, { nullable: true, description: 'Hours from submission to decision.' })
  medianHours!: number | null;
  @Field(() => Float, { nullable: true }) p90Hours!: number | null;
}

@ObjectType('QuestionFigures')
export class QuestionFiguresType {
  @Field(() => Int) received!: number;
  @Field(() => Int) questions!: number;
  @Field(() => Int) feedback!: number;
  @Field(() => Int) forwardedAway!: number;
  @Field(() => Int) handled!: number;
  @Field(() => Int) forwardedIn!: number;
  @Field(() => Int) routed!: number;
  @Field(() => Int) routedOnTime!: number;
  @Field(() => Int) routedLate!: number;
  @Field(() => Int) outOfScope!: number;
  @Field(() => Int) answered!: number;
  @Field(() => Int) answeredOnTime!: number;
  @Field(() => Int) answerLate!: number;
  @Field(() => Int) published!: number;
}

@ObjectType('ConsultationFigures')
export class ConsultationFiguresType {
  @Field(() => Int) held!: number;
  @Field(() => Int) comments!: number;
  @Field(() => Int) commentsPublished!: number;
  @Field(() => Int) commentsRejected!: number;
  @Field(() => Int) commentsPending!: number;
}

@ObjectType('RatingFigures')
export class RatingFiguresType {
  @Field(() => Int) count!: number;
  @Field(() => Float, { nullable: true }) interface!: number | null;
  @Field(() => Float, { nullable: true }) content!: number | null;
  @Field(() => Float, { nullable: true }) quality!: number | null;
  @Field(() => Float, { nullable: true }) support!: number | null;
}

@ObjectType('RefusalFigures')
export class RefusalFiguresType {
  @Field(() => Int) refused!: number;
  @Field(() => [LabelledCountType]) byReason!: LabelledCountType[];
  @Field(() => Int) returned!: number;
}

@ObjectType('MemberThroughput')
export class MemberThroughputType {
  @Field(() => ID) accountId!: string;
  @Field(() => String) username!: string;
  @Field(() => String) displayName!: string;
  @Field(() => Int) tookForReview!: number;
  @Field(() => Int) returned!: number;
  @Field(() => Int) refused!: number;
  @Field(() => Int) approved!: number;
  @Field(() => Int) scheduled!: number;
  @Field(() => Int) published!: number;
  @Field(() => Int) withdrawn!: number;
}

@ObjectType('RoleAccounts')
export class RoleAccountsType {
  @Field(() => String) role!: string;
  @Field(() => Int) holders!: number;
  @Field(() => Int) active!: number;
}

@ObjectType('ReportFigures')
export class ReportFiguresType {
  @Field(() => PublishedFiguresType) published!: PublishedFiguresType;
  @Field(() => SyndicationFiguresType) syndication!: SyndicationFiguresType;
  @Field(() => [KindTimelinessType]) timeliness!: KindTimelinessType[];
  @Field(() => BoardTimelinessType) board!: BoardTimelinessType;
  @Field(() => QuestionFiguresType) questions!: QuestionFiguresType;
  @Field(() => ConsultationFiguresType) consultations!: ConsultationFiguresType;
  @Field(() => RatingFiguresType) ratings!: RatingFiguresType;
  @Field(() => RefusalFiguresType) refusals!: RefusalFiguresType;
  @Field(() => [MemberThroughputType]) throughput!: MemberThroughputType[];
  @Field(() => [RoleAccountsType]) accounts!: RoleAccountsType[];
}

@ObjectType('RuleCheck')
export class RuleCheckType {
  @Field(() => String) key!: string;
  @Field(() => String) type!: string;
  @Field(() => String) titleVi!: string;
  @Field(() => String, { nullable: true }) titleEn!: string | null;
  @Field(() => String, { description: 'The legal document the rule comes from.' }) document!: string;
  @Field(() => String) article!: string;
  @Field(() => String, { nullable: true }) quote!: string | null;
  @Field(() => String, { description: 'PASSED, FAILED or NOT_APPLICABLE (nothing to judge yet).' })
  outcome!: string;
  @Field(() => [String]) findings!: string[];
}

@ObjectType('RuleSummary')
export class RuleSummaryType {
  @Field(() => String) key!: string;
  @Field(() => String) titleVi!: string;
  @Field(() => String, { nullable: true }) titleEn!: string | null;
  @Field(() => String) document!: string;
  @Field(() => String) article!: string;
  @Field(() => Int) passed!: number;
  @Field(() => Int) failed!: number;
  @Field(() => Int) notApplicable!: number;
  @Field(() => [String]) failedPortals!: string[];
}

@ObjectType('ReportPortal')
export class ReportPortalType {
  @Field(() => ID) id!: string;
  @Field(() => String) host!: string;
  @Field(() => String) nameVi!: string;
  @Field(() => String) kind!: string;
}

@ObjectType('PortalReport')
export class PortalReportType {
  @Field(() => ReportPortalType) portal!: ReportPortalType;
  @Field(() => ReportFiguresType) figures!: ReportFiguresType;
  @Field(() => [RuleCheckType]) rules!: RuleCheckType[];
}

@ObjectType('Report')
export class ReportType {
  @Field(() => ReportScope) scope!: ReportScope;
  @Field(() => String) period!: string;
  @Field(() => String, { description: 'First day (YYYY-MM-DD, Vietnamese calendar).' }) from!: string;
  @Field(() => String, { description: 'Last day, included.' }) to!: string;
  @Field(() => ReportPortalType, { nullable: true, description: 'Null for a FEDERATION report.' })
  root!: ReportPortalType | null;
  @Field(() => Int) portalCount!: number;
  @Field(() => ReportFiguresType, { description: 'The whole scope, each row counted once.' })
  total!: ReportFiguresType;
  @Field(() => [PortalReportType]) portals!: PortalReportType[];
  @Field(() => [RuleSummaryType]) ruleSummaries!: RuleSummaryType[];
}

@ObjectType('LateItem')
export class LateItemType {
  @Field(() => ID) itemId!: string;
  @Field(() => ID) tenantId!: string;
  @Field(() => String) kind!: string;
  @Field(() => String) title!: string;
  @Field(() => Date) dueAt!: Date;
  @Field(() => Date) publishedAt!: Date;
  @Field(() => String, { description: 'Pass as `after` for the items that follow this one.' })
  cursor!: string;
}

@ObjectType('ReportExport')
export class ReportExportType {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true }) tenantId!: string | null;
  @Field(() => ReportScope) scope!: ReportScope;
  @Field(() => String) period!: string;
  @Field(() => ReportFormat) format!: ReportFormat;
  @Field(() => String, { description: 'QUEUED, RUNNING, DONE or FAILED.' }) status!: string;
  @Field(() => Date) requestedAt!: Date;
  @Field(() => Date, { nullable: true }) startedAt!: Date | null;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
  @Field(() => String, { nullable: true }) fileName!: string | null;
  @Field(() => Int, { nullable: true }) size!: number | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Where the file is fetched once DONE, with the bearer token of the account that asked for it.',
  })
  downloadPath!: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Once DONE: a signed link that opens the file in a browser without a token, for 5 minutes and only on the host it was asked through (ask again for a fresh one).',
  })
  downloadUrl!: string | null;
  @Field(() => String, { nullable: true }) error!: string | null;
}

export const RequestReportExportResult = createUnionType({
  name: 'RequestReportExportResult',
  types: () => [ReportExportType, InputErrorType] as const,
  resolveType: (v) => (v instanceof InputErrorType ? InputErrorType : ReportExportType),
});
