import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One refresh token. Each refresh rotates: the presented row is marked rotated and a new row in the
 * same family is issued. Presenting a rotated token again means it leaked: the whole family is revoked.
 */
@Entity('sessions')
export class SessionEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'family_id', type: 'uuid' }) familyId!: string;
  @Column({ name: 'account_id', type: 'uuid' }) accountId!: string;
  /** SHA-256 of the token's secret part; the secret itself is never stored. */
  @Column({ name: 'token_hash', type: 'text' }) tokenHash!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
  @Column({ name: 'rotated_at', type: 'timestamptz', nullable: true }) rotatedAt!: Date | null;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  @Column({ name: 'revoked_reason', type: 'text', nullable: true }) revokedReason!: string | null;
  @Column({ type: 'text', nullable: true }) ip!: string | null;
}
