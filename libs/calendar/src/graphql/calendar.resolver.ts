import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  CheckAbility,
  Ctx,
  IdempotencyKey,
  IdempotencyService,
  InputErrorType,
  Public,
  RequestContext,
  Result,
  ok,
} from '@portal/platform';
import { parseCalendarOverrides } from '../calendar/calendar-files';
import { CalendarService } from '../calendar/calendar.service';
import { CalendarOverrideEntity } from '../calendar/calendar-override.entity';
import { formatDay, localDayOf, parseDay } from '../calendar/local-date';
import { DeadlineService, EffectivePolicy } from '../policies/deadline.service';
import { ResolvedDeadlineRule } from '../policies/deadline-policy.loader';
import { InformationKind } from '../policies/deadline-policy.types';
import {
  CalendarDayType,
  CalendarImportResult,
  CalendarImportType,
  CalendarOverrideResult,
  CalendarOverrideType,
  DeadlinePolicyResult,
  DeadlinePolicyType,
  DeadlineRuleType_,
  DeadlineType,
  SetCalendarOverrideInput,
} from './calendar.types';
import { CalendarErrors } from '../errors/calendar-errors';

function ruleOf(r: ResolvedDeadlineRule): DeadlineRuleType_ {
  return Object.assign(new DeadlineRuleType_(), {
    ...r.rule,
    workingDays: r.rule.workingDays ?? null,
    weekday: r.rule.weekday ?? null,
    time: r.rule.time ?? null,
    quote: r.rule.quote ?? null,
    profileKey: r.profileKey,
    document: r.document,
  });
}

function policyOf(p: EffectivePolicy): DeadlinePolicyType {
  return Object.assign(new DeadlinePolicyType(), {
    key: p.profile.key,
    nameVi: p.profile.nameVi,
    nameEn: p.profile.nameEn ?? null,
    document: p.profile.document,
    extends: p.profile.extends ?? null,
    inheritedFrom: p.inheritedFrom,
    rules: [...p.rules.values()].map(ruleOf),
  });
}

/** An overrides file is a few dozen lines; a year of days, with names, is far below this. */
const MAX_IMPORT_CHARS = 100_000;

function overrideResult(
  ctx: RequestContext,
  result: Result<CalendarOverrideEntity>,
): CalendarOverrideType | InputErrorType {
  return result.ok ? CalendarOverrideType.from(result.value) : InputErrorType.from(result.error, ctx.locale);
}

/** Working-day arithmetic and deadlines for the portal the request addresses (its calendar, its policy). */
@Resolver()
export class CalendarResolver {
  constructor(
    private readonly calendars: CalendarService,
    private readonly deadlines: DeadlineService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Query(() => Boolean, { description: 'Whether a date (YYYY-MM-DD) is a working day on this portal.' })
  @Public()
  async isWorkingDay(@Ctx() ctx: RequestContext, @Args('date') date: string): Promise<boolean> {
    return (await this.calendars.forTenant(ctx.requireTenant().id)).isWorkingDay(parseDay(date, 'date'));
  }

  @Query(() => String, {
    description: 'The date of the n-th working day after a date (the date itself never counts).',
  })
  @Public()
  async addWorkingDays(
    @Ctx() ctx: RequestContext,
    @Args('date') date: string,
    @Args('days', { type: () => Int }) days: number,
  ): Promise<string> {
    return formatDay(
      (await this.calendars.forTenant(ctx.requireTenant().id)).addWorkingDays(parseDay(date, 'date'), days),
    );
  }

  @Query(() => Int, { description: 'Working days in (from, to]; negative when to is before from.' })
  @Public()
  async workingDaysBetween(
    @Ctx() ctx: RequestContext,
    @Args('from') from: string,
    @Args('to') to: string,
  ): Promise<number> {
    return (await this.calendars.forTenant(ctx.requireTenant().id)).workingDaysBetween(
      parseDay(from, 'from'),
      parseDay(to, 'to'),
    );
  }

  @Query(() => [CalendarDayType], {
    description: "A year's days off on weekdays and working weekend days on this portal, with reasons.",
  })
  @Public()
  async calendarYear(
    @Ctx() ctx: RequestContext,
    @Args('year', { type: () => Int }) year: number,
  ): Promise<CalendarDayType[]> {
    const days = await this.calendars.specialDays(ctx, ctx.requireTenant().id, year);
    return days.map((d) =>
      Object.assign(new CalendarDayType(), {
        date: formatDay(d.day),
        working: d.working,
        nameVi: d.nameVi,
        nameEn: d.nameEn,
        origin: d.origin,
        source: d.source,
      }),
    );
  }

  @Query(() => [CalendarOverrideType], {
    description: "A portal's own calendar days (this portal's when tenantId is absent).",
  })
  @Public()
  async calendarOverrides(
    @Ctx() ctx: RequestContext,
    @Args('tenantId', { type: () => String, nullable: true }) tenantId?: string,
    @Args('includeRevoked', { type: () => Boolean, nullable: true }) includeRevoked?: boolean,
  ): Promise<CalendarOverrideType[]> {
    return (
      await this.calendars.listOverrides(ctx, tenantId ?? ctx.requireTenant().id, includeRevoked ?? false)
    ).map(CalendarOverrideType.from);
  }

  @Mutation(() => CalendarOverrideResult, {
    description: "Declare a portal's own day off or working day (replaces its earlier one for that date).",
  })
  @CheckAbility('update', 'Calendar')
  async setCalendarOverride(
    @Ctx() ctx: RequestContext,
    @Args('input') input: SetCalendarOverrideInput,
    @IdempotencyKey() key: string | null,
  ): Promise<CalendarOverrideType | InputErrorType> {
    const r = await this.idempotency.run(
      ctx,
      { operation: 'setCalendarOverride', key, request: input },
      async (tx) => {
        const made = await this.calendars.setOverride(tx, input);
        return made.ok ? ok(CalendarOverrideType.from(made.value)) : made;
      },
    );
    if (!r.ok) return InputErrorType.from(r.error, ctx.locale);
    // Deadlines count with the new day once its transaction committed.
    if (key) await this.calendars.refresh();
    return Object.assign(new CalendarOverrideType(), r.value);
  }

  @Mutation(() => CalendarOverrideResult, {
    description: 'Withdraw a calendar override (kept, marked revoked).',
  })
  @CheckAbility('update', 'Calendar')
  async removeCalendarOverride(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => String }) id: string,
  ): Promise<CalendarOverrideType | InputErrorType> {
    return overrideResult(ctx, await this.calendars.removeOverride(ctx, id));
  }

  @Mutation(() => CalendarImportResult, {
    description:
      "Add a portal's own days off and working days from a CalendarOverrides YAML file (as `portal calendar import`); a file with any wrong line writes nothing.",
  })
  @CheckAbility('update', 'Calendar')
  async importCalendarOverrides(
    @Ctx() ctx: RequestContext,
    @Args('tenantId', { type: () => ID }) tenantId: string,
    @Args('yaml', { type: () => String }) yaml: string,
  ): Promise<CalendarImportType | InputErrorType> {
    if (yaml.length > MAX_IMPORT_CHARS)
      return InputErrorType.from(CalendarErrors.fileTooLarge(MAX_IMPORT_CHARS), ctx.locale);
    const parsed = parseCalendarOverrides(yaml);
    if (!parsed.ok) {
      // Line-precise, as the command line prints them; the first few are enough to fix the file.
      const lines = parsed.issues
        .slice(0, 5)
        .map((i) => `${i.line}:${i.column}${i.path ? ` ${i.path}` : ''}: ${i.message}`)
        .join('; ');
      return InputErrorType.from(CalendarErrors.invalidFile(lines), ctx.locale);
    }
    const result = await this.calendars.importFile(ctx, tenantId, parsed.value);
    return result.ok
      ? Object.assign(new CalendarImportType(), { tenantId, ...result.value })
      : InputErrorType.from(result.error, ctx.locale);
  }

  @Query(() => DeadlinePolicyType, {
    description: 'The deadline rules this portal follows, each with its legal source.',
  })
  @Public()
  async deadlinePolicy(@Ctx() ctx: RequestContext): Promise<DeadlinePolicyType> {
    return policyOf(await this.deadlines.effectivePolicy(ctx.requireTenant().id));
  }

  @Query(() => [DeadlinePolicyType], { description: 'Every policy profile the platform ships.' })
  @Public()
  deadlinePolicyProfiles(): DeadlinePolicyType[] {
    return this.deadlines.listProfiles().map((p) =>
      Object.assign(new DeadlinePolicyType(), {
        key: p.key,
        nameVi: p.nameVi,
        nameEn: p.nameEn ?? null,
        document: p.document,
        extends: p.extends ?? null,
        inheritedFrom: null,
        rules: [],
      }),
    );
  }

  @Query(() => DeadlineType, {
    description: 'When information of a kind, anchored at an instant, is due on this portal.',
  })
  @Public()
  async dueAt(
    @Ctx() ctx: RequestContext,
    @Args('kind', { type: () => InformationKind }) kind: InformationKind,
    @Args('anchor', { type: () => Date }) anchor: Date,
  ): Promise<DeadlineType> {
    const d = await this.deadlines.dueAt(kind, anchor, ctx.requireTenant().id);
    return Object.assign(new DeadlineType(), {
      kind,
      anchor: d.anchor,
      dueAt: d.dueAt,
      dueDate: formatDay(localDayOf(d.dueAt)),
      rule: ruleOf(d.rule),
    });
  }

  @Mutation(() => DeadlinePolicyResult, {
    description: "Choose a portal's deadline policy profile (null: inherit its parent's).",
  })
  @CheckAbility('update', 'DeadlinePolicy')
  async setDeadlinePolicy(
    @Ctx() ctx: RequestContext,
    @Args('tenantId', { type: () => String }) tenantId: string,
    @Args('profileKey', { type: () => String, nullable: true }) profileKey: string | null,
  ): Promise<DeadlinePolicyType | InputErrorType> {
    const result = await this.deadlines.assign(ctx, tenantId, profileKey ?? null);
    return result.ok ? policyOf(result.value) : InputErrorType.from(result.error, ctx.locale);
  }
}
