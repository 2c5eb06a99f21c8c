import { Field, ID, InputType, Int, ObjectType, createUnionType, registerEnumType } from '@nestjs/graphql';
import { InputErrorType } from '@portal/platform';
import { StatementLineKind, StatementState } from '../grades/royalty.entities';
import { NotPaidReason } from '../grades/grading.service';
import { SheetFormat } from '../statements/payment-sheet';
import { UnitBasis } from '../profiles/royalty-profile.types';

registerEnumType(StatementState, { name: 'RoyaltyStatementState' });
registerEnumType(StatementLineKind, { name: 'RoyaltyLineKind' });
registerEnumType(NotPaidReason, { name: 'RoyaltyNotPaidReason' });
registerEnumType(SheetFormat, { name: 'RoyaltySheetFormat' });
registerEnumType(UnitBasis, { name: 'RoyaltyUnitBasis' });

const MONEY = 'Integer đồng as decimal digits (amounts exceed GraphQL Int).';

@ObjectType('RoyaltyPortal')
export class RoyaltyPortalType {
  @Field(() => ID) id!: string;
  @Field(() => String) host!: string;
  @Field(() => String) nameVi!: string;
}

@ObjectType('RoyaltyGenre')
export class RoyaltyGenreType {
  @Field(() => String) key!: string;
  @Field(() => String) nameVi!: string;
  @Field(() => String) nameEn!: string;
  @Field(() => String, { description: 'Lowest coefficient, two decimals.' }) min!: string;
  @Field(() => String) max!: string;
  @Field(() => String) article!: string;
}

@ObjectType('RoyaltyUnitValue')
export class RoyaltyUnitValueType {
  @Field(() => String) from!: string;
  @Field(() => String, { description: MONEY }) amount!: string;
  @Field(() => String) document!: string;
  @Field(() => String) article!: string;
}

@ObjectType('RoyaltyProfile')
export class RoyaltyProfileType {
  @Field(() => String) key!: string;
  @Field(() => String) nameVi!: string;
  @Field(() => String) document!: string;
  @Field(() => String, {
    nullable: true,
    description: 'What of the profile has not been checked against the published text (null: checked).',
  })
  unverified!: string | null;
  @Field(() => Boolean, {
    description:
      'Whether the portal of the request follows this profile (assigned, inherited or the default).',
  })
  followedHere!: boolean;
  @Field(() => UnitBasis) unitBasis!: UnitBasis;
  @Field(() => String, {
    nullable: true,
    description: 'Share of the base salary one unit is worth, percent.',
  })
  unitPercent!: string | null;
  @Field(() => [RoyaltyUnitValueType]) unitValues!: RoyaltyUnitValueType[];
  @Field(() => [String]) eligibleKinds!: string[];
  @Field(() => [RoyaltyGenreType]) genres!: RoyaltyGenreType[];
  @Field(() => String, { nullable: true }) photoMin!: string | null;
  @Field(() => String, { nullable: true }) photoMax!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Percent paid to portals below the one it is assigned to.',
  })
  lowerLevelPercent!: string | null;
  @Field(() => String, { nullable: true, description: 'Percent paid for reposted and syndicated items.' })
  repostPercent!: string | null;
}

@ObjectType('RoyaltyProfileAssignment')
export class RoyaltyProfileAssignmentType {
  @Field(() => RoyaltyPortalType) portal!: RoyaltyPortalType;
  @Field(() => String) profileKey!: string;
  @Field(() => ID, {
    nullable: true,
    description: 'The portal the profile is assigned to (null: the default).',
  })
  inheritedFrom!: string | null;
  @Field(() => String, { description: 'Percent of the rate this portal is paid.' }) levelPercent!: string;
}

export const RoyaltyProfileAssignmentResult = createUnionType({
  name: 'RoyaltyProfileAssignmentResult',
  types: () => [RoyaltyProfileAssignmentType, InputErrorType] as const,
  resolveType: (v) => (v instanceof InputErrorType ? InputErrorType : RoyaltyProfileAssignmentType),
});

@ObjectType('RoyaltyBudget')
export class RoyaltyBudgetType {
  @Field(() => ID) tenantId!: string;
  @Field(() => Int) year!: number;
  @Field(() => String, { description: MONEY }) amount!: string;
}

export const RoyaltyBudgetResult = createUnionType({
  name: 'RoyaltyBudgetResult',
  types: () => [RoyaltyBudgetType, InputErrorType] as const,
  resolveType: (v) => (v instanceof InputErrorType ? InputErrorType : RoyaltyBudgetType),
});

@ObjectType('RoyaltyGradeAuthor')
export class RoyaltyGradeAuthorType {
  @Field(() => ID, { nullable: true }) accountId!: string | null;
  @Field(() => ID, { nullable: true }) collaboratorId!: string | null;
  @Field(() => String, { description: 'Percent, two decimals.' }) share!: string;
}

@ObjectType('RoyaltyGrade')
export class RoyaltyGradeType {
  @Field(() => ID) id!: string;
  @Field(() => ID) itemId!: string;
  @Field(() => String) profileKey!: string;
  @Field(() => String, { nullable: true }) genre!: string | null;
  @Field(() => String, { nullable: true, description: 'Two decimals.' }) coefficient!: string | null;
  @Field(() => Int) photoCount!: number;
  @Field(() => String) photoCoefficient!: string;
  @Field(() => Boolean) reposted!: boolean;
  @Field(() => NotPaidReason, { nullable: true }) notPaidReason!: NotPaidReason | null;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => [RoyaltyGradeAuthorType]) authors!: RoyaltyGradeAuthorType[];
  @Field(() => Date) gradedAt!: Date;
}

export const RoyaltyGradeResult = createUnionType({
  name: 'RoyaltyGradeResult',
  types: () => [RoyaltyGradeType, InputErrorType] as const,
  resolveType: (v) => (v instanceof InputErrorType ? InputErrorType : RoyaltyGradeType),
});

@InputType('RoyaltyGradeAuthorInput')
export class RoyaltyGradeAuthorInput {
  @Field(() => ID, { nullable: true }) accountId?: string | null;
  @Field(() => ID, { nullable: true }) collaboratorId?: string | null;
  @Field(() => String, { description: 'Percent with at most two decimals; the shares add up to 100.' })
  share!: string;
}

@InputType('GradeItemInput')
export class GradeItemInput {
  @Field(() => ID) itemId!: string;
  @Field(() => String, { nullable: true, description: "A genre key of the portal's royalty profile." })
  genre?: string | null;
  @Field(() => String, { nullable: true, description: 'At most two decimals, e.g. "1.5".' })
  coefficient?: string | null;
  @Field(() => Int, { nullable: true }) photoCount?: number | null;
  @Field(() => String, { nullable: true }) photoCoefficient?: string | null;
  @Field(() => Boolean, { nullable: true }) reposted?: boolean | null;
  @Field(() => NotPaidReason, { nullable: true }) notPaidReason?: NotPaidReason | null;
  @Field(() => String, { nullable: true }) note?: string | null;
  @Field(() => [RoyaltyGradeAuthorInput], { nullable: true }) authors?: RoyaltyGradeAuthorInput[] | null;
}

@ObjectType('RoyaltyStatementLine')
export class RoyaltyStatementLineType {
  @Field(() => Int) lineNo!: number;
  @Field(() => StatementLineKind) kind!: StatementLineKind;
  @Field(() => ID, { nullable: true }) itemId!: string | null;
  @Field(() => ID, { nullable: true }) accountId!: string | null;
  @Field(() => ID, { nullable: true }) collaboratorId!: string | null;
  @Field(() => String) payeeName!: string;
  @Field(() => String, { nullable: true }) title!: string | null;
  @Field(() => String, { nullable: true, description: "The genre's key in the royalty profile." })
  genre!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The genre as the profile the statement was computed under names it, in Vietnamese.',
  })
  genreNameVi!: string | null;
  @Field(() => String, { nullable: true, description: 'The same in English.' }) genreNameEn!: string | null;
  @Field(() => String) coefficient!: string;
  @Field(() => String, { description: 'Repost or syndication factor, percent.' }) factorPercent!: string;
  @Field(() => String, { description: 'Lower-level share, percent.' }) levelPercent!: string;
  @Field(() => String, { description: "The author's share of the item, percent." }) sharePercent!: string;
  @Field(() => String, { description: `Value of one unit on the day. ${MONEY}` }) unitValue!: string;
  @Field(() => String) dated!: string;
  @Field(() => String, { description: MONEY }) amount!: string;
  @Field(() => String, { nullable: true, description: 'A CORRECTION line: its reason. Others: a remark.' })
  note!: string | null;
  @Field(() => Int, { nullable: true, description: 'A CORRECTION line: the line it corrects.' })
  adjustsLineNo!: number | null;
}

export enum RoyaltyAdjustmentStatus {
  IN_FORCE = 'IN_FORCE',
  SUPERSEDED = 'SUPERSEDED',
  WITHDRAWN = 'WITHDRAWN',
  LAPSED = 'LAPSED',
}
registerEnumType(RoyaltyAdjustmentStatus, {
  name: 'RoyaltyAdjustmentStatus',
  description:
    'IN_FORCE: on the statement; SUPERSEDED: replaced by a later correction of the entry; WITHDRAWN: taken back (0); LAPSED: its entry left the draft when drafted again.',
});

@ObjectType('RoyaltyAdjustment', {
  description: "The board head's correction of an entry of a draft statement; kept whatever became of it.",
})
export class RoyaltyAdjustmentType {
  @Field(() => ID) id!: string;
  @Field(() => RoyaltyAdjustmentStatus) status!: RoyaltyAdjustmentStatus;
  @Field(() => Int, { nullable: true, description: 'The line it corrects now (in force only).' })
  lineNo!: number | null;
  @Field(() => StatementLineKind) entryKind!: StatementLineKind;
  @Field(() => String) payeeName!: string;
  @Field(() => String, { nullable: true }) entryTitle!: string | null;
  @Field(() => String, { description: `The entry as computed when corrected. ${MONEY}` })
  computedAmount!: string;
  @Field(() => String, { description: `The correction, signed. ${MONEY}` }) amount!: string;
  @Field(() => String) reason!: string;
  @Field(() => String, { nullable: true }) adjustedBy!: string | null;
  @Field(() => Date) adjustedAt!: Date;
  @Field(() => Date, { nullable: true }) supersededAt!: Date | null;
  @Field(() => Date, { nullable: true }) lapsedAt!: Date | null;
}

@InputType('AdjustRoyaltyLineInput')
export class AdjustRoyaltyLineInput {
  @Field(() => ID) statementId!: string;
  @Field(() => Int, { description: 'The line of the draft to correct, as shown now.' }) lineNo!: number;
  @Field(() => String, {
    description: 'The correction in đồng, signed ("-8500", "+10.000"); "0" withdraws the one in force.',
  })
  amount!: string;
  @Field(() => String, { description: 'Why (required, at most 500 characters).' }) reason!: string;
}

@ObjectType('RoyaltyWarning')
export class RoyaltyWarningType {
  @Field(() => String) code!: string;
  @Field(() => String) message!: string;
}

@ObjectType('RoyaltyBudgetStatus')
export class RoyaltyBudgetStatusType {
  @Field(() => Int) year!: number;
  @Field(() => String, { nullable: true, description: MONEY }) budget!: string | null;
  @Field(() => String, { description: MONEY }) usedBefore!: string;
  @Field(() => String, { description: MONEY }) thisMonth!: string;
  @Field(() => String, { nullable: true, description: MONEY }) left!: string | null;
  @Field(() => Boolean) exceeded!: boolean;
}

@ObjectType('RoyaltyStatement')
export class RoyaltyStatementType {
  @Field(() => ID) id!: string;
  @Field(() => RoyaltyPortalType) portal!: RoyaltyPortalType;
  @Field(() => String) month!: string;
  @Field(() => StatementState) state!: StatementState;
  @Field(() => String) profileKey!: string;
  @Field(() => String, { description: MONEY }) total!: string;
  @Field(() => [RoyaltyStatementLineType]) lines!: RoyaltyStatementLineType[];
  @Field(() => RoyaltyBudgetStatusType) budget!: RoyaltyBudgetStatusType;
  @Field(() => [RoyaltyWarningType]) warnings!: RoyaltyWarningType[];
  @Field(() => [RoyaltyAdjustmentType], {
    description: "The board head's corrections of the draft, in force or not, oldest first.",
  })
  adjustments!: RoyaltyAdjustmentType[];
  @Field(() => Date) draftedAt!: Date;
  @Field(() => Date, { nullable: true }) checkedAt!: Date | null;
  @Field(() => Date, { nullable: true }) approvedAt!: Date | null;
  @Field(() => Date, { nullable: true }) lockedAt!: Date | null;
}

export const RoyaltyStatementResult = createUnionType({
  name: 'RoyaltyStatementResult',
  types: () => [RoyaltyStatementType, InputErrorType] as const,
  resolveType: (v) => (v instanceof InputErrorType ? InputErrorType : RoyaltyStatementType),
});

@ObjectType('RoyaltyPortalSummary')
export class RoyaltyPortalSummaryType {
  @Field(() => RoyaltyPortalType) portal!: RoyaltyPortalType;
  @Field(() => StatementState, { nullable: true }) state!: StatementState | null;
  @Field(() => Int) lines!: number;
  @Field(() => String, { description: MONEY }) royalties!: string;
  @Field(() => String, { description: MONEY }) remuneration!: string;
  @Field(() => String, { description: MONEY }) total!: string;
}

@ObjectType('RoyaltySheetFile')
export class RoyaltySheetFileType {
  @Field(() => String) fileName!: string;
  @Field(() => String) contentType!: string;
  @Field(() => String) base64!: string;
}

@ObjectType('Collaborator')
export class CollaboratorType {
  @Field(() => ID) id!: string;
  @Field(() => ID) tenantId!: string;
  @Field(() => String) penName!: string;
  @Field(() => String) realName!: string;
  @Field(() => ID, { nullable: true }) accountId!: string | null;
}

@ObjectType('CollaboratorPaymentDetails', { description: 'Confidential: identity and payment details.' })
export class CollaboratorPaymentDetailsType {
  @Field(() => ID) id!: string;
  @Field(() => String) realName!: string;
  @Field(() => String, { nullable: true }) idNumber!: string | null;
  @Field(() => String, { nullable: true }) taxCode!: string | null;
  @Field(() => String, { nullable: true }) bankAccount!: string | null;
  @Field(() => String, { nullable: true }) bankName!: string | null;
  @Field(() => String, { nullable: true }) address!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
}

export const CollaboratorResult = createUnionType({
  name: 'CollaboratorResult',
  types: () => [CollaboratorType, InputErrorType] as const,
  resolveType: (v) => (v instanceof InputErrorType ? InputErrorType : CollaboratorType),
});

@InputType('CollaboratorInput')
export class CollaboratorInputType {
  @Field(() => ID) tenantId!: string;
  @Field(() => String) penName!: string;
  @Field(() => String) realName!: string;
  @Field(() => ID, { nullable: true }) accountId?: string | null;
  @Field(() => String, { nullable: true }) idNumber?: string | null;
  @Field(() => String, { nullable: true }) taxCode?: string | null;
  @Field(() => String, { nullable: true }) bankAccount?: string | null;
  @Field(() => String, { nullable: true }) bankName?: string | null;
  @Field(() => String, { nullable: true }) address?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
}

@ObjectType('RoyaltyReportRow', { description: "A portal's statement of one month, summed by kind of line." })
export class RoyaltyReportRowType {
  @Field(() => RoyaltyPortalType) portal!: RoyaltyPortalType;
  @Field(() => String) month!: string;
  @Field(() => StatementState) state!: StatementState;
  @Field(() => Int) lines!: number;
  @Field(() => Int, { description: 'Distinct recipients.' }) payees!: number;
  @Field(() => String, { description: MONEY }) royalties!: string;
  @Field(() => String, { description: MONEY }) syndicated!: string;
  @Field(() => String, { description: MONEY }) remuneration!: string;
  @Field(() => String, { description: MONEY }) adjustments!: string;
  @Field(() => String, { description: MONEY }) total!: string;
}

@ObjectType('CollaboratorItem', {
  description: 'An item the grade in force names the collaborator an author of.',
})
export class CollaboratorItemType {
  @Field(() => ID) itemId!: string;
  @Field(() => String, { nullable: true }) title!: string | null;
  @Field(() => String, { nullable: true }) genre!: string | null;
  @Field(() => String, { nullable: true, description: "The genre's name in the grade's profile." })
  genreNameVi!: string | null;
  @Field(() => String, { description: "The collaborator's share of the item, percent." })
  sharePercent!: string;
  @Field(() => NotPaidReason, { nullable: true }) notPaidReason!: NotPaidReason | null;
  @Field(() => Date, { nullable: true }) publishedAt!: Date | null;
  @Field(() => Date) gradedAt!: Date;
}

@ObjectType('CollaboratorPayment', { description: 'A statement line paid to the collaborator.' })
export class CollaboratorPaymentType {
  @Field(() => String) month!: string;
  @Field(() => StatementState) state!: StatementState;
  @Field(() => StatementLineKind) kind!: StatementLineKind;
  @Field(() => ID, { nullable: true }) itemId!: string | null;
  @Field(() => String, { nullable: true }) title!: string | null;
  @Field(() => String, { nullable: true, description: "The genre's name in the statement's profile." })
  genreNameVi!: string | null;
  @Field(() => String, { description: MONEY }) amount!: string;
}
