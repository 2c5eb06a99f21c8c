import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One visitor's rating of a portal on the four criteria of Decree 42 (1–5 each). */
@Entity('portal_ratings')
export class PortalRatingEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'score_interface', type: 'smallint' }) interface!: number;
  @Column({ name: 'score_content', type: 'smallint' }) content!: number;
  @Column({ name: 'score_quality', type: 'smallint' }) quality!: number;
  @Column({ name: 'score_support', type: 'smallint' }) support!: number;
  /** Keyed hash of the client address: enough to allow one rating a day, not to find the person. */
  @Column({ name: 'address_hash', type: 'text' }) addressHash!: string;
  /** The Vietnamese calendar day of the rating (YYYY-MM-DD, Asia/Ho_Chi_Minh). */
  @Column({ name: 'rated_on', type: 'date' }) ratedOn!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
