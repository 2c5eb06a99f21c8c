import { join } from 'node:path';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '@portal/audit';
import {
  APP_CONFIG,
  AppConfig,
  RequestContext,
  Result,
  TransactionRunner,
  assertCan,
  fail,
  inputError,
  isUuid,
  ok,
  readFromPrimary,
} from '@portal/platform';
import { HostRoutingService, RoutedTenant, TenantStatus } from '@portal/tenancy';
import { RoyaltyBudgetEntity, RoyaltyProfileAssignmentEntity } from '../grades/royalty.entities';
import { hundredths } from '../money/royalty-amount';
import { loadRoyaltyProfiles, resolveRoyaltyProfile } from './royalty-profile.loader';
import { ResolvedRoyaltyProfile, RoyaltyProfile, UnitBasis } from './royalty-profile.types';
import { RoyaltiesErrorCode } from '../errors/royalties-error-code';

export const DEFAULT_ROYALTY_PROFILE = 'national-18-2014';

export interface EffectiveRoyaltyProfile {
  profile: ResolvedRoyaltyProfile;
  /** The portal the profile was assigned to (this one or an ancestor); null for the default. */
  inheritedFrom: string | null;
  /** The share this portal is paid, in basis points: the lower-level share when inherited from above. */
  levelBp: number;
  /** The repost/syndication factor in basis points (0: reposts are not paid). */
  repostBp: number;
}

/** The unit value in force on a day: the dated base (or fixed) amount and the unit's share of it. */
/** A genre's name, Vietnamese and English. */
export interface GenreName {
  vi: string;
  en: string;
}

export interface UnitOnDay {
  base: number;
  unitBp: number;
  from: string;
  document: string;
}

export const tenantNotFound = (field = 'tenantId') =>
  inputError(
    RoyaltiesErrorCode.TENANT_NOT_FOUND,
    field,
    'Không tìm thấy cổng.',
    'The portal does not exist.',
  );

/**
 * Royalty rules as data: each portal follows a profile (its own, its nearest ancestor's, or the
 * national default), read from `tenants/royalties/*.yaml` at start-up.
 */
@Injectable()
export class RoyaltyProfileService implements OnModuleInit {
  private profiles = new Map<string, RoyaltyProfile>();
  private assignments = new Map<string, string>();
  private loaded: Promise<void> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly routing: HostRoutingService,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const dir = join(this.config.tenantsDir, 'royalties');
    const { profiles, issues } = loadRoyaltyProfiles(dir);
    if (issues.length)
      throw new Error(
        `royalty profiles in ${dir}: ${issues.map((i) => `${i.file}:${i.line}:${i.column} ${i.message}`).join('; ')}`,
      );
    if (!profiles.has(DEFAULT_ROYALTY_PROFILE))
      throw new Error(
        `royalty profiles in ${dir}: the default profile "${DEFAULT_ROYALTY_PROFILE}" is missing`,
      );
    this.profiles = profiles;
    this.routing.onChange(() => {
      this.loaded = null;
    });
    await this.ensureLoaded();
  }

  listProfiles(): ResolvedRoyaltyProfile[] {
    return [...this.profiles.keys()].sort().map((key) => resolveRoyaltyProfile(this.profiles, key));
  }

  /**
   * The names of genres as the statement's profile spells them. A syndicated copy's genre was graded
   * under its source's profile: when the statement's profile lacks the key, the profile that has it names it.
   */
  genreNames(profileKey: string): (genre: string | null) => GenreName | null {
    const all = this.listProfiles();
    const own = all.find((p) => p.key === profileKey);
    return (genre) => {
      if (!genre) return null;
      const g =
        own?.genres.find((x) => x.key === genre) ?? all.flatMap((p) => p.genres).find((x) => x.key === genre);
      return g ? { vi: g.nameVi, en: g.nameEn } : null;
    };
  }

  async effective(tenantId: string): Promise<EffectiveRoyaltyProfile> {
    await this.ensureLoaded();
    let key = DEFAULT_ROYALTY_PROFILE;
    let inheritedFrom: string | null = null;
    const tenant = this.routing.tenant(tenantId);
    if (tenant) {
      for (const t of [tenant, ...this.routing.ancestors(tenant).reverse()]) {
        const assigned = this.assignments.get(t.id);
        if (assigned && this.profiles.has(assigned)) {
          key = assigned;
          inheritedFrom = t.id;
          break;
        }
      }
    }
    const profile = resolveRoyaltyProfile(this.profiles, key);
    const lower = inheritedFrom !== null && inheritedFrom !== tenantId && profile.lowerLevelShare;
    return {
      profile,
      inheritedFrom,
      levelBp: lower ? hundredths(profile.lowerLevelShare!.percent) : 10_000,
      repostBp: profile.repostFactor ? hundredths(profile.repostFactor.percent) : 0,
    };
  }

  /** The unit value in force on `day` (YYYY-MM-DD), or null before the first dated value. */
  unitOn(profile: ResolvedRoyaltyProfile, day: string): UnitOnDay | null {
    const { unitValue } = profile;
    let found: UnitOnDay | null = null;
    for (const v of unitValue.values) {
      if (v.from > day) break;
      found = {
        base: v.amount,
        unitBp: unitValue.basis === UnitBasis.FIXED ? 10_000 : hundredths(unitValue.percent ?? 0),
        from: v.from,
        document: v.document,
      };
    }
    return found;
  }

  async assign(
    ctx: RequestContext,
    tenantId: string,
    profileKey: string | null,
  ): Promise<Result<EffectiveRoyaltyProfile>> {
    const tenant = this.live(tenantId);
    if (!tenant) return fail(tenantNotFound());
    assertCan(ctx, 'update', 'RoyaltyProfile', { tenantId: tenant.id, tenantPath: tenant.path });
    if (profileKey !== null && !this.profiles.has(profileKey))
      return fail(
        inputError(
          RoyaltiesErrorCode.UNKNOWN_ROYALTY_PROFILE,
          'profileKey',
          `Không có bảng nhuận bút “${profileKey}”.`,
          `There is no royalty profile "${profileKey}".`,
        ),
      );
    const before = this.assignments.get(tenant.id) ?? null;
    await this.tx.run(ctx, async (tx) => {
      await this.tx
        .manager(tx)
        .upsert(
          RoyaltyProfileAssignmentEntity,
          { tenantId: tenant.id, profileKey, assignedBy: ctx.accountId, assignedAt: new Date() },
          ['tenantId'],
        );
      await this.audit.record(tx, {
        tenantId: tenant.id,
        action: 'royalty_profile.assigned',
        subjectType: 'RoyaltyProfile',
        subjectId: tenant.id,
        before: { profileKey: before },
        after: { profileKey },
      });
    });
    this.loaded = this.load();
    return ok(await this.effective(tenant.id));
  }

  async setBudget(
    ctx: RequestContext,
    tenantId: string,
    year: number,
    amount: number,
  ): Promise<Result<RoyaltyBudgetEntity>> {
    const tenant = this.live(tenantId);
    if (!tenant) return fail(tenantNotFound());
    assertCan(ctx, 'update', 'RoyaltyProfile', { tenantId: tenant.id, tenantPath: tenant.path });
    if (!Number.isInteger(year) || year < 2000 || year > 2100)
      return fail(
        inputError(RoyaltiesErrorCode.INVALID_YEAR, 'year', 'Năm không hợp lệ.', 'The year is not valid.'),
      );
    if (!Number.isSafeInteger(amount) || amount < 0)
      return fail(
        inputError(
          RoyaltiesErrorCode.INVALID_AMOUNT,
          'amount',
          'Kinh phí phải là số nguyên đồng không âm.',
          'The budget must be a whole, non-negative number of đồng.',
        ),
      );
    const row = Object.assign(new RoyaltyBudgetEntity(), {
      tenantId: tenant.id,
      year,
      amount,
      setBy: ctx.accountId,
      setAt: new Date(),
    });
    await this.tx.run(ctx, async (tx) => {
      const m = this.tx.manager(tx);
      const before = await m.findOne(RoyaltyBudgetEntity, { where: { tenantId: tenant.id, year } });
      await m.upsert(RoyaltyBudgetEntity, row, ['tenantId', 'year']);
      await this.audit.record(tx, {
        tenantId: tenant.id,
        action: 'royalty_budget.set',
        subjectType: 'RoyaltyProfile',
        subjectId: tenant.id,
        before: before ? { year, amount: before.amount } : null,
        after: { year, amount },
      });
    });
    return ok(row);
  }

  private live(tenantId: string): RoutedTenant | null {
    const tenant = isUuid(tenantId) ? this.routing.tenant(tenantId) : null;
    return tenant && (tenant.status === TenantStatus.ACTIVE || tenant.status === TenantStatus.SUSPENDED)
      ? tenant
      : null;
  }

  private ensureLoaded(): Promise<void> {
    this.loaded ??= this.load();
    return this.loaded;
  }

  private async load(): Promise<void> {
    const rows = await readFromPrimary(() =>
      this.dataSource.getRepository(RoyaltyProfileAssignmentEntity).find(),
    );
    this.assignments = new Map(
      rows.filter((r) => r.profileKey !== null).map((r) => [r.tenantId, r.profileKey!]),
    );
  }
}
