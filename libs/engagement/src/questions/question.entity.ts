import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { QuestionStatus, QuestionType } from './question-state';

/** A citizen's question or feedback, the asker's contact (never public), its answer and deadlines. */
@Entity('questions')
export class QuestionEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  /** The portal whose board holds it now (changes when it is forwarded). */
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  /** The portal it was asked on; its tracking code is valid there only. */
  @Column({ name: 'origin_tenant_id', type: 'uuid' }) originTenantId!: string;
  /** The portal whose officers draft the answer: a child portal it was routed to, else `tenantId`. */
  @Column({ name: 'handler_tenant_id', type: 'uuid' }) handlerTenantId!: string;
  /** The unit (account group of `tenantId`) it was routed to. */
  @Column({ name: 'unit_id', type: 'uuid', nullable: true }) unitId!: string | null;
  @Column({ type: 'text' }) type!: QuestionType;
  @Column({ name: 'tracking_code', type: 'text' }) trackingCode!: string;
  @Column({ type: 'text' }) status!: QuestionStatus;
  @Column({ name: 'asker_name', type: 'text' }) askerName!: string;
  @Column({ name: 'asker_email', type: 'text', nullable: true }) askerEmail!: string | null;
  @Column({ name: 'asker_phone', type: 'text', nullable: true }) askerPhone!: string | null;
  @Column({ type: 'text' }) topic!: string;
  /** The field (lĩnh vực) the board classified it under. */
  @Column({ type: 'text', nullable: true }) field!: string | null;
  @Column({ type: 'text' }) text!: string;
  /** The question as the board edited it for publication. */
  @Column({ name: 'public_text', type: 'text', nullable: true }) publicText!: string | null;
  @Column({ type: 'text', nullable: true }) answer!: string | null;
  @Column({ name: 'out_of_scope_notice', type: 'text', nullable: true }) outOfScopeNotice!: string | null;
  /** When the asker sent it (on the origin portal). */
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt!: Date;
  /** When the portal holding it received it (later than `receivedAt` after a forward). */
  @Column({ name: 'handling_since', type: 'timestamptz' }) handlingSince!: Date;
  @Column({ name: 'routing_due_at', type: 'timestamptz', nullable: true }) routingDueAt!: Date | null;
  @Column({ name: 'out_of_scope_due_at', type: 'timestamptz', nullable: true })
  outOfScopeDueAt!: Date | null;
  @Column({ name: 'answer_due_at', type: 'timestamptz', nullable: true }) answerDueAt!: Date | null;
  /** Profiles with a unit/board split (1376/QĐ-SVHTT art. 11.3): the unit's deadline, from routing. */
  @Column({ name: 'unit_due_at', type: 'timestamptz', nullable: true }) unitDueAt!: Date | null;
  /** …and the board's, from the unit's answer. */
  @Column({ name: 'board_due_at', type: 'timestamptz', nullable: true }) boardDueAt!: Date | null;
  @Column({ name: 'routed_at', type: 'timestamptz', nullable: true }) routedAt!: Date | null;
  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true }) answeredAt!: Date | null;
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt!: Date | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** Every step of a question: who, when, what, on which portal. Append-only. */
@Entity('question_events')
export class QuestionEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'question_id', type: 'uuid' }) questionId!: string;
  @Column({ type: 'text' }) action!: string;
  @Column({ name: 'from_status', type: 'text', nullable: true }) fromStatus!: string | null;
  @Column({ name: 'to_status', type: 'text' }) toStatus!: string;
  @Column({ name: 'actor_account_id', type: 'uuid', nullable: true }) actorAccountId!: string | null;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ type: 'jsonb', nullable: true }) detail!: Record<string, unknown> | null;
  @Column({ type: 'timestamptz' }) at!: Date;
}

/** A unit of a portal that answers questions: a named group of its accounts. */
@Entity('question_units')
export class QuestionUnitEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity('question_unit_members')
export class QuestionUnitMemberEntity {
  @PrimaryColumn({ name: 'unit_id', type: 'uuid' }) unitId!: string;
  @PrimaryColumn({ name: 'account_id', type: 'uuid' }) accountId!: string;
}

/** A deadline that passed, escalated to the head of the board holding the question. */
@Entity('question_escalations')
export class QuestionEscalationEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  /** The portal whose board head is told. */
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'question_id', type: 'uuid' }) questionId!: string;
  @Column({ type: 'text' }) deadline!: string;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt!: Date;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
