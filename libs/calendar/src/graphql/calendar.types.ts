import { Field, ID, InputType, Int, ObjectType, createUnionType, registerEnumType } from '@nestjs/graphql';
import { InputErrorType } from '@portal/platform';
import { DeadlineAnchor, DeadlineRuleType, InformationKind } from '../policies/deadline-policy.types';
import type { CalendarOverrideEntity } from '../calendar/calendar-override.entity';

registerEnumType(InformationKind, {
  name: 'InformationKind',
  description: 'Kind of information or handling step that carries a statutory deadline.',
});
registerEnumType(DeadlineRuleType, { name: 'DeadlineRuleType' });
registerEnumType(DeadlineAnchor, { name: 'DeadlineAnchor' });

@ObjectType('CalendarDay', { description: 'A day that is not an ordinary weekday or weekend, and why.' })
export class CalendarDayType {
  @Field(() => String, { description: 'YYYY-MM-DD' }) date!: string;
  @Field(() => Boolean) working!: boolean;
  @Field(() => String, { nullable: true }) nameVi!: string | null;
  @Field(() => String, { nullable: true }) nameEn!: string | null;
  @Field(() => String, { description: 'STATUTORY, COMPENSATORY, ANNOUNCED, OVERRIDE, WEEKDAY or WEEKEND' })
  origin!: string;
  @Field(() => String, { nullable: true }) source!: string | null;
}

@ObjectType('CalendarOverride')
export class CalendarOverrideType {
  @Field(() => ID) id!: string;
  @Field(() => ID) tenantId!: string;
  @Field(() => String) date!: string;
  @Field(() => Boolean) working!: boolean;
  @Field(() => String) nameVi!: string;
  @Field(() => String, { nullable: true }) nameEn!: string | null;
  @Field(() => String) source!: string;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;

  static from(e: CalendarOverrideEntity): CalendarOverrideType {
    return Object.assign(new CalendarOverrideType(), {
      id: e.id,
      tenantId: e.tenantId,
      date: e.day,
      working: e.working,
      nameVi: e.nameVi,
      nameEn: e.nameEn,
      source: e.source,
      createdAt: e.createdAt,
      revokedAt: e.revokedAt,
    });
  }
}

export const CalendarOverrideResult = createUnionType({
  name: 'CalendarOverrideResult',
  types: () => [CalendarOverrideType, InputErrorType] as const,
  resolveType: (value) => (value instanceof InputErrorType ? InputErrorType : CalendarOverrideType),
});

@InputType('SetCalendarOverrideInput')
export class SetCalendarOverrideInput {
  @Field(() => ID) tenantId!: string;
  @Field(() => String, { description: 'YYYY-MM-DD' }) date!: string;
  @Field(() => Boolean, { description: 'true: a working day (e.g. a make-up Saturday); false: a day off.' })
  working!: boolean;
  @Field(() => String) nameVi!: string;
  @Field(() => String, { nullable: true }) nameEn?: string | null;
  @Field(() => String, { description: 'The document that decides it, e.g. "Quyết định 12/QĐ-UBND".' })
  source!: string;
}

@ObjectType('CalendarImport', { description: 'What an overrides file changed on a portal.' })
export class CalendarImportType {
  @Field(() => ID) tenantId!: string;
  @Field(() => Int, { description: 'Days the portal had not declared before.' }) added!: number;
  @Field(() => Int, { description: 'Days declared before otherwise (the earlier one is kept, revoked).' })
  replaced!: number;
  @Field(() => Int, { description: 'Days already declared exactly so.' }) unchanged!: number;
}

export const CalendarImportResult = createUnionType({
  name: 'CalendarImportResult',
  types: () => [CalendarImportType, InputErrorType] as const,
  resolveType: (value) => (value instanceof InputErrorType ? InputErrorType : CalendarImportType),
});

@ObjectType('DeadlineRule')
export class DeadlineRuleType_ {
  @Field(() => InformationKind) kind!: InformationKind;
  @Field(() => DeadlineRuleType) type!: DeadlineRuleType;
  @Field(() => Int, { nullable: true }) workingDays!: number | null;
  @Field(() => String, { nullable: true }) weekday!: string | null;
  @Field(() => String, { nullable: true }) time!: string | null;
  @Field(() => DeadlineAnchor) anchor!: DeadlineAnchor;
  @Field(() => String, { description: 'Article of the document, e.g. "Điều 12 khoản 1 điểm b".' })
  article!: string;
  @Field(() => String, { nullable: true }) quote!: string | null;
  @Field(() => String, { description: 'Profile the rule comes from (own or extended).' }) profileKey!: string;
  @Field(() => String, { description: 'The legal document of that profile.' }) document!: string;
}

@ObjectType('DeadlinePolicy')
export class DeadlinePolicyType {
  @Field(() => String) key!: string;
  @Field(() => String) nameVi!: string;
  @Field(() => String, { nullable: true }) nameEn!: string | null;
  @Field(() => String) document!: string;
  @Field(() => String, { nullable: true }) extends!: string | null;
  @Field(() => ID, {
    nullable: true,
    description:
      'Portal the profile was assigned to (this one or an ancestor); null for the platform default.',
  })
  inheritedFrom!: string | null;
  @Field(() => [DeadlineRuleType_]) rules!: DeadlineRuleType_[];
}

export const DeadlinePolicyResult = createUnionType({
  name: 'DeadlinePolicyResult',
  types: () => [DeadlinePolicyType, InputErrorType] as const,
  resolveType: (value) => (value instanceof InputErrorType ? InputErrorType : DeadlinePolicyType),
});

@ObjectType('Deadline')
export class DeadlineType {
  @Field(() => InformationKind) kind!: InformationKind;
  @Field(() => Date) anchor!: Date;
  @Field(() => Date, {
    description: 'The instant the information is due (end of the due working day, Asia/Ho_Chi_Minh).',
  })
  dueAt!: Date;
  @Field(() => String, { description: 'Due date in Asia/Ho_Chi_Minh, YYYY-MM-DD.' }) dueDate!: string;
  @Field(() => DeadlineRuleType_) rule!: DeadlineRuleType_;
}
