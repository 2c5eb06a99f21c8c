import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { RevisionStatus } from './workflow';

/** Where a revision stands in the workflow, and its deadlines. */
@Entity('editorial_states')
export class EditorialStateEntity {
  @PrimaryColumn({ name: 'revision_id', type: 'uuid' }) revisionId!: string;
  @Column({ name: 'item_id', type: 'uuid' }) itemId!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ type: 'text' }) status!: RevisionStatus;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt!: Date | null;
  /** The unit leader's vetting deadline, while the revision waits for it (UNIT_REVIEW). */
  @Column({ name: 'unit_due_at', type: 'timestamptz', nullable: true }) unitDueAt!: Date | null;
  /** The board's handling deadline for a submission. */
  @Column({ name: 'board_due_at', type: 'timestamptz', nullable: true }) boardDueAt!: Date | null;
  /** The statutory publication deadline of the item (from its kind and anchor). */
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true }) dueAt!: Date | null;
  /** When a scheduled revision is to be published. */
  @Column({ name: 'scheduled_at', type: 'timestamptz', nullable: true }) scheduledAt!: Date | null;
  /** When a live revision is to be withdrawn. */
  @Column({ name: 'withdraw_at', type: 'timestamptz', nullable: true }) withdrawAt!: Date | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** Every step of the workflow: who, when, what, why. Append-only. */
@Entity('workflow_events')
export class WorkflowEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'item_id', type: 'uuid' }) itemId!: string;
  @Column({ name: 'revision_id', type: 'uuid' }) revisionId!: string;
  @Column({ type: 'text' }) action!: string;
  @Column({ name: 'from_status', type: 'text', nullable: true }) fromStatus!: string | null;
  @Column({ name: 'to_status', type: 'text' }) toStatus!: string;
  @Column({ name: 'actor_account_id', type: 'uuid', nullable: true }) actorAccountId!: string | null;
  @Column({ type: 'boolean' }) delegated!: boolean;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ type: 'timestamptz' }) at!: Date;
}

/** The board head's grant of approval rights to a deputy, for a period. */
@Entity('approval_delegations')
export class ApprovalDelegationEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'head_account_id', type: 'uuid' }) headAccountId!: string;
  @Column({ name: 'deputy_account_id', type: 'uuid' }) deputyAccountId!: string;
  @Column({ name: 'valid_from', type: 'timestamptz' }) validFrom!: Date;
  @Column({ name: 'valid_to', type: 'timestamptz' }) validTo!: Date;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
}
