import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum AccountStatus {
  ACTIVE = 'ACTIVE',
  /** Access removed at once (05/2024/QĐ-UBND art. 8); the account and its history are kept. */
  SUSPENDED = 'SUSPENDED',
}

/** A person's account. It belongs to a home portal (whose operators manage it) and may hold roles anywhere. */
@Entity('accounts')
export class AccountEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ type: 'citext' }) username!: string;
  @Column({ name: 'display_name', type: 'text' }) displayName!: string;
  @Column({ type: 'citext', nullable: true }) email!: string | null;
  @Column({ name: 'password_hash', type: 'text', select: false }) passwordHash!: string;
  @Column({ type: 'text' }) status!: AccountStatus;
  @Column({ name: 'is_platform_admin', type: 'boolean' }) isPlatformAdmin!: boolean;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ name: 'suspended_at', type: 'timestamptz', nullable: true }) suspendedAt!: Date | null;
}
