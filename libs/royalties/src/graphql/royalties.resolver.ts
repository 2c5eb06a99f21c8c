import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  CheckAbility,
  Ctx,
  IdempotencyKey,
  IdempotencyService,
  InputErrorType,
  RequestContext,
  Result,
  ok,
} from '@portal/platform';
import { HostRoutingService } from '@portal/tenancy';
import { CollaboratorService } from '../collaborators/collaborator.service';
import { GradeView, GradingService } from '../grades/grading.service';
import { CollaboratorEntity } from '../grades/royalty.entities';
import { showHundredths } from '../grades/royalty-input';
import { hundredths } from '../money/royalty-amount';
import { RoyaltyProfileService } from '../profiles/royalty-profile.service';
import { ResolvedRoyaltyProfile } from '../profiles/royalty-profile.types';
import { SheetFormat } from '../statements/payment-sheet';
import { StatementExportService } from '../statements/statement-export.service';
import { StatementAdjustmentService } from '../statements/statement-adjustment.service';
import { StatementService } from '../statements/statement.service';
import { portal, statementType } from './statement.mapper';
import { RoyaltyReportService } from '../statements/royalty-report.service';
import {
  AdjustRoyaltyLineInput,
  CollaboratorInputType,
  CollaboratorPaymentDetailsType,
  CollaboratorResult,
  CollaboratorType,
  GradeItemInput,
  RoyaltyBudgetResult,
  RoyaltyBudgetType,
  RoyaltyGradeResult,
  RoyaltyGradeType,
  RoyaltyPortalSummaryType,
  RoyaltyProfileAssignmentResult,
  RoyaltyProfileAssignmentType,
  RoyaltyProfileType,
  RoyaltyReportRowType,
  RoyaltySheetFileType,
  RoyaltyStatementResult,
  RoyaltyStatementType,
} from './royalties.types';

const pct = (n: number) => showHundredths(hundredths(n));

function result<T, R>(ctx: RequestContext, r: Result<T>, map: (v: T) => R): R | InputErrorType {
  return r.ok ? map(r.value) : InputErrorType.from(r.error, ctx.locale);
}

const profileType = (p: ResolvedRoyaltyProfile): RoyaltyProfileType => ({
  key: p.key,
  nameVi: p.nameVi,
  document: p.document,
  followedHere: false,
  unverified: p.unverified,
  unitBasis: p.unitValue.basis,
  unitPercent: p.unitValue.percent === undefined ? null : pct(p.unitValue.percent),
  unitValues: p.unitValue.values.map((v) => ({ ...v, amount: String(v.amount) })),
  eligibleKinds: p.eligibleKinds,
  genres: p.genres.map((g) => ({ ...g, min: pct(g.min), max: pct(g.max) })),
  photoMin: p.photo ? pct(p.photo.min) : null,
  photoMax: p.photo ? pct(p.photo.max) : null,
  lowerLevelPercent: p.lowerLevelShare ? pct(p.lowerLevelShare.percent) : null,
  repostPercent: p.repostFactor ? pct(p.repostFactor.percent) : null,
});

const gradeType = ({ grade, authors }: GradeView): RoyaltyGradeType =>
  Object.assign(new RoyaltyGradeType(), {
    id: grade.id,
    itemId: grade.itemId,
    profileKey: grade.profileKey,
    genre: grade.genre,
    coefficient: grade.coefficientH === null ? null : showHundredths(grade.coefficientH),
    photoCount: grade.photoCount,
    photoCoefficient: showHundredths(grade.photoCoefficientH),
    reposted: grade.reposted,
    notPaidReason: grade.notPaidReason,
    note: grade.note,
    gradedAt: grade.gradedAt,
    authors: authors.map((a) => ({
      accountId: a.accountId,
      collaboratorId: a.collaboratorId,
      share: showHundredths(a.shareBp),
    })),
  });

const collaboratorType = (c: CollaboratorEntity): CollaboratorType =>
  Object.assign(new CollaboratorType(), {
    id: c.id,
    tenantId: c.tenantId,
    penName: c.penName,
    realName: c.realName,
    accountId: c.accountId,
  });

/**
 * Royalties and remuneration: grading approved items, the portal's profile and budget, monthly
 * statements (drafted, checked, approved, locked) and their payment sheets, the collaborator registry.
 */
@Resolver()
export class RoyaltiesResolver {
  constructor(
    private readonly profiles: RoyaltyProfileService,
    private readonly grading: GradingService,
    private readonly statements: StatementService,
    private readonly exports: StatementExportService,
    private readonly registry: CollaboratorService,
    private readonly routing: HostRoutingService,
    private readonly reports: RoyaltyReportService,
    private readonly corrections: StatementAdjustmentService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Query(() => [RoyaltyProfileType], {
    description: 'The royalty profiles the platform knows (tenants/royalties).',
  })
  @CheckAbility('read', 'Royalty')
  async royaltyProfiles(@Ctx() ctx: RequestContext): Promise<RoyaltyProfileType[]> {
    // The grading screen offers the genres of the profile the portal follows.
    const here = ctx.tenant ? (await this.profiles.effective(ctx.tenant.id)).profile.key : null;
    return this.profiles
      .listProfiles()
      .map((p) => Object.assign(profileType(p), { followedHere: p.key === here }));
  }

  @Mutation(() => RoyaltyProfileAssignmentResult, {
    description: 'Assigns a royalty profile to a portal (null: inherit from above again).',
  })
  @CheckAbility('update', 'RoyaltyProfile')
  async assignRoyaltyProfile(
    @Ctx() ctx: RequestContext,
    @Args('tenantId', { type: () => ID }) tenantId: string,
    @Args('profileKey', { type: () => String, nullable: true }) profileKey: string | null,
  ): Promise<typeof RoyaltyProfileAssignmentResult> {
    const r = await this.profiles.assign(ctx, tenantId, profileKey ?? null);
    return result(ctx, r, (e) =>
      Object.assign(new RoyaltyProfileAssignmentType(), {
        portal: portal(this.routing.tenant(tenantId)!),
        profileKey: e.profile.key,
        inheritedFrom: e.inheritedFrom,
        levelPercent: showHundredths(e.levelBp),
      }),
    );
  }

  @Mutation(() => RoyaltyBudgetResult, {
    description: "Sets a portal's royalty budget for a year (integer đồng).",
  })
  @CheckAbility('update', 'RoyaltyProfile')
  async setRoyaltyBudget(
    @Ctx() ctx: RequestContext,
    @Args('tenantId', { type: () => ID }) tenantId: string,
    @Args('year', { type: () => Int }) year: number,
    @Args('amount', { type: () => String, description: 'Integer đồng as decimal digits.' }) amount: string,
  ): Promise<typeof RoyaltyBudgetResult> {
    const value = /^\d{1,15}$/.test(amount.trim()) ? Number(amount.trim()) : -1;
    const r = await this.profiles.setBudget(ctx, tenantId, year, value);
    return result(ctx, r, (b) =>
      Object.assign(new RoyaltyBudgetType(), {
        tenantId: b.tenantId,
        year: b.year,
        amount: String(b.amount),
      }),
    );
  }

  @Mutation(() => RoyaltyGradeResult, {
    description:
      'Grades an approved item for royalties (genre and coefficient inside the profile, photos, authors), or marks it not paid. Who may approve the item grades it.',
  })
  @CheckAbility('grade', 'Royalty')
  async gradeItem(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => GradeItemInput }) input: GradeItemInput,
  ): Promise<typeof RoyaltyGradeResult> {
    return result(ctx, await this.grading.grade(ctx, input), gradeType);
  }

  @Query(() => RoyaltyGradeType, { nullable: true, description: "An item's grade in force." })
  @CheckAbility('read', 'Royalty')
  async royaltyGrade(
    @Ctx() ctx: RequestContext,
    @Args('itemId', { type: () => ID }) itemId: string,
  ): Promise<RoyaltyGradeType | null> {
    const v = await this.grading.current(ctx, itemId);
    return v ? gradeType(v) : null;
  }

  @Mutation(() => RoyaltyStatementResult, {
    description: "Drafts (or drafts again) a portal's statement for a month, YYYY-MM.",
  })
  @CheckAbility('create', 'RoyaltyStatement')
  async draftRoyaltyStatement(
    @Ctx() ctx: RequestContext,
    @Args('tenantId', { type: () => ID }) tenantId: string,
    @Args('month') month: string,
    @IdempotencyKey() key: string | null,
  ): Promise<typeof RoyaltyStatementResult> {
    const r = await this.idempotency.run(
      ctx,
      { operation: 'draftRoyaltyStatement', key, request: { tenantId, month } },
      async (tx) => {
        const made = await this.statements.draft(tx, tenantId, month);
        return made.ok ? ok(statementType(tx, made.value)) : made;
      },
    );
    return result(ctx, r, (v) => Object.assign(new RoyaltyStatementType(), v));
  }

  @Mutation(() => RoyaltyStatementResult, { description: 'The board head checks a drafted statement.' })
  @CheckAbility('review', 'RoyaltyStatement')
  async checkRoyaltyStatement(
    @Ctx() ctx: RequestContext,
    @Args('statementId', { type: () => ID }) statementId: string,
  ): Promise<typeof RoyaltyStatementResult> {
    return result(ctx, await this.statements.step(ctx, statementId, 'check'), (v) => statementType(ctx, v));
  }

  @Mutation(() => RoyaltyStatementResult, {
    description:
      'The board head corrects an entry of a draft statement with a reason: the computed amount stays, the correction is a line of its own (CORRECTION); "0" withdraws the correction in force.',
  })
  @CheckAbility('review', 'RoyaltyStatement')
  async adjustRoyaltyStatementLine(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => AdjustRoyaltyLineInput }) input: AdjustRoyaltyLineInput,
    @IdempotencyKey() key: string | null,
  ): Promise<typeof RoyaltyStatementResult> {
    // A retried correction (same key) is answered, not made twice.
    const r = await this.idempotency.run(
      ctx,
      { operation: 'adjustRoyaltyStatementLine', key, request: input },
      (tx) => this.corrections.adjust(tx, input),
    );
    return r.ok
      ? statementType(ctx, await this.statements.view(ctx, r.value))
      : InputErrorType.from(r.error, ctx.locale);
  }

  @Mutation(() => RoyaltyStatementResult, {
    description: "The owner's representative approves a checked statement.",
  })
  @CheckAbility('approve', 'RoyaltyStatement')
  async approveRoyaltyStatement(
    @Ctx() ctx: RequestContext,
    @Args('statementId', { type: () => ID }) statementId: string,
  ): Promise<typeof RoyaltyStatementResult> {
    return result(ctx, await this.statements.step(ctx, statementId, 'approve'), (v) => statementType(ctx, v));
  }

  @Mutation(() => RoyaltyStatementResult, {
    description: 'Locks an approved statement: later corrections are adjustment lines of a later statement.',
  })
  @CheckAbility('lock', 'RoyaltyStatement')
  async lockRoyaltyStatement(
    @Ctx() ctx: RequestContext,
    @Args('statementId', { type: () => ID }) statementId: string,
  ): Promise<typeof RoyaltyStatementResult> {
    return result(ctx, await this.statements.step(ctx, statementId, 'lock'), (v) => statementType(ctx, v));
  }

  @Query(() => RoyaltyStatementType, { nullable: true, description: "A portal's statement for a month." })
  @CheckAbility('read', 'RoyaltyStatement')
  async royaltyStatement(
    @Ctx() ctx: RequestContext,
    @Args('tenantId', { type: () => ID }) tenantId: string,
    @Args('month') month: string,
  ): Promise<RoyaltyStatementType | null> {
    const v = await this.statements.byMonth(ctx, tenantId, month);
    return v ? statementType(ctx, v) : null;
  }

  @Query(() => [RoyaltyPortalSummaryType], {
    description: 'Every portal of a subtree for a month: statement state and amounts computed now.',
  })
  @CheckAbility('read', 'RoyaltyStatement')
  async royaltySubtreeSummary(
    @Ctx() ctx: RequestContext,
    @Args('tenantId', { type: () => ID }) tenantId: string,
    @Args('month') month: string,
  ): Promise<RoyaltyPortalSummaryType[]> {
    const rows = await this.statements.subtreeSummary(ctx, tenantId, month);
    return rows.map((r) => ({
      portal: portal(r.tenant),
      state: r.state,
      lines: r.lines,
      royalties: String(r.royalties),
      remuneration: String(r.remuneration),
      total: String(r.total),
    }));
  }

  @Query(() => [RoyaltyReportRowType], {
    description:
      'Royalties per portal and month over a period (2026, 2026-H1, 2026-Q3, 2026-05 or 2026-01-01..2026-02-15), from the stored statements.',
  })
  @CheckAbility('read', 'RoyaltyStatement')
  async royaltyReport(
    @Ctx() ctx: RequestContext,
    @Args('tenantId', { type: () => ID }) tenantId: string,
    @Args('period') period: string,
    @Args('subtree', { type: () => Boolean, defaultValue: false }) subtree: boolean,
  ): Promise<RoyaltyReportRowType[]> {
    const rows = await this.reports.report(ctx, tenantId, period, subtree);
    return rows.map((r) => ({
      portal: portal(r.tenant),
      month: r.month,
      state: r.state,
      lines: r.lines,
      payees: r.payees,
      royalties: String(r.royalties),
      syndicated: String(r.syndicated),
      remuneration: String(r.remuneration),
      adjustments: String(r.adjustments),
      total: String(r.total),
    }));
  }

  @Query(() => RoyaltySheetFileType, {
    description:
      'The payment sheet (bảng kê chi trả nhuận bút) of a statement; payment details masked unless the reader may see them.',
  })
  @CheckAbility('read', 'RoyaltyStatement')
  async royaltyStatementFile(
    @Ctx() ctx: RequestContext,
    @Args('statementId', { type: () => ID }) statementId: string,
    @Args('format', { type: () => SheetFormat, defaultValue: SheetFormat.XLSX }) format: SheetFormat,
  ): Promise<RoyaltySheetFileType> {
    const f = await this.exports.file(ctx, statementId, format);
    return { fileName: f.fileName, contentType: f.contentType, base64: f.content.toString('base64') };
  }

  @Mutation(() => CollaboratorResult, {
    description: 'Registers an outside author (cộng tác viên) of a portal.',
  })
  @CheckAbility('create', 'Collaborator')
  async createCollaborator(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => CollaboratorInputType }) input: CollaboratorInputType,
    @IdempotencyKey() key: string | null,
  ): Promise<typeof CollaboratorResult> {
    const r = await this.idempotency.run(
      ctx,
      { operation: 'createCollaborator', key, request: input },
      async (tx) => {
        const made = await this.registry.create(tx, input);
        return made.ok ? ok(collaboratorType(made.value)) : made;
      },
    );
    return result(ctx, r, (v) => Object.assign(new CollaboratorType(), v));
  }

  @Query(() => [CollaboratorType], { description: "A portal's collaborators (names only)." })
  @CheckAbility('read', 'Collaborator')
  async collaborators(
    @Ctx() ctx: RequestContext,
    @Args('tenantId', { type: () => ID }) tenantId: string,
  ): Promise<CollaboratorType[]> {
    return (await this.registry.list(ctx, tenantId)).map(collaboratorType);
  }

  @Query(() => CollaboratorPaymentDetailsType, {
    description:
      "A collaborator's identity and payment details: confidential (owner, managing agency, operator).",
  })
  @CheckAbility('read', 'RoyaltyPayment')
  async collaboratorPaymentDetails(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<CollaboratorPaymentDetailsType> {
    const c = await this.registry.paymentDetails(ctx, id);
    return {
      id: c.id,
      realName: c.realName,
      idNumber: c.idNumber,
      taxCode: c.taxCode,
      bankAccount: c.bankAccount,
      bankName: c.bankName,
      address: c.address,
      phone: c.phone,
    };
  }
}
