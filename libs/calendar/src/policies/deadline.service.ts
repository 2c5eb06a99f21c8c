import { join } from 'node:path';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { AuditService } from '@portal/audit';
import {
  APP_CONFIG,
  AppConfig,
  RequestContext,
  Result,
  TransactionRunner,
  assertCan,
  fail,
  isUuid,
  ok,
  systemContext,
} from '@portal/platform';
import { HostRoutingService, TenantStatus } from '@portal/tenancy';
import { CalendarService } from '../calendar/calendar.service';
import { DeadlinePolicyAssignmentRepository } from './deadline-policy-assignment.repository';
import { DayNumber, endOfLocalDay, localDayOf, localInstant, weekdayOf } from '../calendar/local-date';
import {
  loadPolicyDirectory,
  resolveFreshnessRules,
  resolveReportRules,
  resolveWorkflow,
  ResolvedWorkflow,
  resolveRules,
  ResolvedFreshnessRule,
  ResolvedDeadlineRule,
  ResolvedReportRule,
} from './deadline-policy.loader';
import { DeadlinePolicyProfile, DeadlineRuleType, InformationKind, Weekday } from './deadline-policy.types';
import { CalendarErrors } from '../errors/calendar-errors';

export const DEFAULT_POLICY_PROFILE = 'hcmc-2024';

const WEEKDAY_OFFSET: Record<Weekday, number> = {
  MONDAY: 0,
  TUESDAY: 1,
  WEDNESDAY: 2,
  THURSDAY: 3,
  FRIDAY: 4,
  SATURDAY: 5,
  SUNDAY: 6,
};

export interface Deadline {
  kind: InformationKind;
  anchor: Date;
  dueAt: Date;
  rule: ResolvedDeadlineRule;
  /** The portal whose profile assignment applied (null: the platform default). */
  assignedAt: string | null;
}

export interface EffectivePolicy {
  profile: DeadlinePolicyProfile;
  /** The portal the profile was assigned to (this one or an ancestor); null for the default. */
  inheritedFrom: string | null;
  rules: Map<InformationKind, ResolvedDeadlineRule>;
  /** The rule checks of the reports (see `resolveReportRules`). */
  reportRules: ResolvedReportRule[];
  /** The freshness ("kept up to date") rules (see `resolveFreshnessRules`). */
  freshnessRules: ResolvedFreshnessRule[];
  /** How the regulation shapes the workflow (null: the platform's default workflow). */
  workflow: ResolvedWorkflow;
}

const noRule = CalendarErrors.noDeadlineRule;

/** The context of the cache's own reads: every portal's assignment, whoever asks next. */
const POLICY_CACHE = systemContext('deadline-policies');

/**
 * Statutory deadlines as data: each portal follows a policy profile (its own, or its nearest
 * ancestor's, or the platform default) and `dueAt` turns an anchor instant into the due instant with
 * the portal's working-day calendar. Every later feature asks this service, never computes its own.
 */
@Injectable()
export class DeadlineService implements OnModuleInit {
  private profiles = new Map<string, DeadlinePolicyProfile>();
  private assignments = new Map<string, string>();
  private loaded: Promise<void> | null = null;

  constructor(
    private readonly policyAssignments: DeadlinePolicyAssignmentRepository,
    private readonly routing: HostRoutingService,
    private readonly calendars: CalendarService,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const dir = join(this.config.tenantsDir, 'policies');
    const { profiles, issues } = loadPolicyDirectory(dir);
    if (issues.length)
      throw new Error(
        `deadline policies in ${dir}: ${issues.map((i) => `${i.file}:${i.line}:${i.column} ${i.message}`).join('; ')}`,
      );
    if (!profiles.has(DEFAULT_POLICY_PROFILE))
      throw new Error(
        `deadline policies in ${dir}: the default profile "${DEFAULT_POLICY_PROFILE}" is missing`,
      );
    this.profiles = profiles;
    this.routing.onChange(() => {
      this.loaded = null;
    });
    await this.ensureLoaded();
  }

  listProfiles(): DeadlinePolicyProfile[] {
    return [...this.profiles.values()].sort((a, b) => a.key.localeCompare(b.key));
  }

  profile(key: string): DeadlinePolicyProfile | null {
    return this.profiles.get(key) ?? null;
  }

  /** The profile assigned to this portal itself (null: it inherits). */
  async assignedProfile(tenantId: string): Promise<string | null> {
    await this.ensureLoaded();
    return this.assignments.get(tenantId) ?? null;
  }

  async effectivePolicy(tenantId: string | null): Promise<EffectivePolicy> {
    await this.ensureLoaded();
    let key = DEFAULT_POLICY_PROFILE;
    let inheritedFrom: string | null = null;
    const tenant = tenantId ? this.routing.tenant(tenantId) : null;
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
    return {
      profile: this.profiles.get(key)!,
      inheritedFrom,
      rules: resolveRules(this.profiles, key),
      reportRules: resolveReportRules(this.profiles, key),
      freshnessRules: resolveFreshnessRules(this.profiles, key),
      workflow: resolveWorkflow(this.profiles, key),
    };
  }

  /** When information of `kind` anchored at `anchor` is due on portal `tenantId` (null: national calendar, default profile). */
  async dueAt(kind: InformationKind, anchor: Date, tenantId: string | null): Promise<Deadline> {
    if (Number.isNaN(anchor.getTime())) throw CalendarErrors.invalidAnchor();
    const policy = await this.effectivePolicy(tenantId);
    const resolved = policy.rules.get(kind);
    if (!resolved) throw noRule(kind);
    const calendar = tenantId ? await this.calendars.forTenant(tenantId) : this.calendars.nationalCalendar();
    const { rule } = resolved;
    const day: DayNumber = localDayOf(anchor);
    let dueAt: Date;
    switch (rule.type) {
      case DeadlineRuleType.AT_ANCHOR:
        dueAt = anchor;
        break;
      // "Immediately" cannot mean the anchor's midnight (every item would be late as it is
      // written): it is read as "within the working day", like the same-day notice of 05/2024.
      case DeadlineRuleType.IMMEDIATELY:
      case DeadlineRuleType.SAME_WORKING_DAY:
        dueAt = endOfLocalDay(calendar.isWorkingDay(day) ? day : calendar.addWorkingDays(day, 1));
        break;
      case DeadlineRuleType.WITHIN_WORKING_DAYS:
        dueAt = endOfLocalDay(calendar.addWorkingDays(day, rule.workingDays!));
        break;
      case DeadlineRuleType.BEFORE_TIME_PRECEDING_WEEK: {
        // The anchor is any day of the week covered; the deadline falls in the week before it.
        const monday = day - ((weekdayOf(day) + 6) % 7);
        const [hh, mm] = rule.time!.split(':').map(Number);
        dueAt = localInstant(monday - 7 + WEEKDAY_OFFSET[rule.weekday!], hh, mm);
        break;
      }
      default:
        throw noRule(kind);
    }
    return { kind, anchor, dueAt, rule: resolved, assignedAt: policy.inheritedFrom };
  }

  async assign(
    ctx: RequestContext,
    tenantId: string,
    profileKey: string | null,
  ): Promise<Result<EffectivePolicy>> {
    const tenant = isUuid(tenantId) ? this.routing.tenant(tenantId) : null;
    if (!tenant || (tenant.status !== TenantStatus.ACTIVE && tenant.status !== TenantStatus.SUSPENDED)) {
      return fail(CalendarErrors.tenantNotFound());
    }
    assertCan(ctx, 'update', 'DeadlinePolicy', { tenantId: tenant.id, tenantPath: tenant.path });
    if (profileKey !== null && !this.profiles.has(profileKey)) {
      return fail(CalendarErrors.unknownPolicyProfile(profileKey));
    }
    const before = this.assignments.get(tenant.id) ?? null;
    await this.tx.run(ctx, async (tx) => {
      // A null profile makes the portal inherit again; the row stays (nothing written is deleted).
      await this.policyAssignments.assign(tx, {
        tenantId: tenant.id,
        profileKey,
        assignedBy: ctx.accountId,
        assignedAt: new Date(),
      });
      await this.audit.record(tx, {
        tenantId: tenant.id,
        action: 'deadline_policy.assigned',
        subjectType: 'DeadlinePolicy',
        subjectId: tenant.id,
        before: { profileKey: before },
        after: { profileKey },
      });
    });
    this.loaded = this.load();
    return ok(await this.effectivePolicy(tenant.id));
  }

  private ensureLoaded(): Promise<void> {
    this.loaded ??= this.load();
    return this.loaded;
  }

  private async load(): Promise<void> {
    // Kept until the next change: from the primary, never from a replica a moment behind it.
    const rows = await this.policyAssignments.all(POLICY_CACHE);
    this.assignments = new Map(
      rows.filter((r) => r.profileKey !== null).map((r) => [r.tenantId, r.profileKey!]),
    );
  }
}
