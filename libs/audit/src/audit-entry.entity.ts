import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One recorded administrative action. Rows are never updated or deleted (a trigger refuses it). */
@Entity('audit_log')
export class AuditEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt!: Date;
  /** The portal the action concerns; tenant-less platform actions use the root it touched. */
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'actor_account_id', type: 'uuid', nullable: true }) actorAccountId!: string | null;
  @Column({ name: 'actor_label', type: 'text' }) actorLabel!: string;
  @Column({ type: 'text' }) action!: string;
  @Column({ name: 'subject_type', type: 'text' }) subjectType!: string;
  @Column({ name: 'subject_id', type: 'text', nullable: true }) subjectId!: string | null;
  @Column({ type: 'jsonb', nullable: true }) before!: Record<string, unknown> | null;
  @Column({ type: 'jsonb', nullable: true }) after!: Record<string, unknown> | null;
  @Column({ name: 'request_id', type: 'text', nullable: true }) requestId!: string | null;
  @Column({ type: 'text', nullable: true }) ip!: string | null;
}
