import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A portal's own day off (on a weekday) or working day (on a weekend), with its legal source. */
@Entity('calendar_overrides')
export class CalendarOverrideEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  /** `YYYY-MM-DD`. */
  @Column({ type: 'date' }) day!: string;
  @Column({ type: 'boolean' }) working!: boolean;
  @Column({ name: 'name_vi', type: 'text' }) nameVi!: string;
  @Column({ name: 'name_en', type: 'text', nullable: true }) nameEn!: string | null;
  @Column({ type: 'text' }) source!: string;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  @Column({ name: 'revoked_by', type: 'uuid', nullable: true }) revokedBy!: string | null;
}

/** Which deadline policy profile a portal follows (its descendants inherit it). */
@Entity('deadline_policy_assignments')
export class DeadlinePolicyAssignmentEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  /** Null: the portal inherits its parent's profile again. */
  @Column({ name: 'profile_key', type: 'text', nullable: true }) profileKey!: string | null;
  @Column({ name: 'assigned_by', type: 'uuid', nullable: true }) assignedBy!: string | null;
  @Column({ name: 'assigned_at', type: 'timestamptz' }) assignedAt!: Date;
}
