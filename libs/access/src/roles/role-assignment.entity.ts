import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Role, RoleScope } from './role';

/** A role held by an account on a tenant, optionally over its subtree, for fields and a period. */
@Entity('role_assignments')
export class RoleAssignmentEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'account_id', type: 'uuid' }) accountId!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ type: 'text' }) role!: Role;
  @Column({ type: 'text' }) scope!: RoleScope;
  /** Fields (lĩnh vực) a board member or contributor works in; empty means all. */
  @Column({ type: 'text', array: true }) fields!: string[];
  @Column({ name: 'valid_from', type: 'timestamptz' }) validFrom!: Date;
  @Column({ name: 'valid_to', type: 'timestamptz', nullable: true }) validTo!: Date | null;
  @Column({ name: 'granted_by', type: 'uuid', nullable: true }) grantedBy!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  @Column({ name: 'revoked_by', type: 'uuid', nullable: true }) revokedBy!: string | null;
}
