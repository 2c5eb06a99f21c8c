import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSONObject, PageInfoType } from '@portal/platform';
import type { AuditEntryEntity } from './audit-entry.entity';

@ObjectType('AuditEntry')
export class AuditEntryType {
  @Field(() => ID) id!: string;
  @Field(() => Date) occurredAt!: Date;
  @Field(() => ID) tenantId!: string;
  @Field(() => ID, { nullable: true }) actorAccountId!: string | null;
  @Field(() => String) actorLabel!: string;
  @Field(() => String) action!: string;
  @Field(() => String) subjectType!: string;
  @Field(() => String, { nullable: true }) subjectId!: string | null;
  @Field(() => GraphQLJSONObject, { nullable: true }) before!: Record<string, unknown> | null;
  @Field(() => GraphQLJSONObject, { nullable: true }) after!: Record<string, unknown> | null;

  static from(e: AuditEntryEntity): AuditEntryType {
    return Object.assign(new AuditEntryType(), {
      id: e.id,
      occurredAt: e.occurredAt,
      tenantId: e.tenantId,
      actorAccountId: e.actorAccountId,
      actorLabel: e.actorLabel,
      action: e.action,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      before: e.before,
      after: e.after,
    });
  }
}

@ObjectType('AuditConnection')
export class AuditConnectionType {
  @Field(() => [AuditEntryType]) nodes!: AuditEntryType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
}

@InputType('AuditLogFilter')
export class AuditLogFilterInput {
  @Field(() => ID, { nullable: true }) tenantId?: string | null;
  @Field(() => String, { nullable: true }) action?: string | null;
  @Field(() => Int, { nullable: true }) first?: number | null;
  @Field(() => String, { nullable: true }) after?: string | null;
}
