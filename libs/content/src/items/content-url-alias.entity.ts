import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A former address of an item: its slug on a portal it was merged away from. */
@Entity('content_url_aliases')
export class ContentUrlAliasEntity {
  /** The portal the item was on (now MERGED). */
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @PrimaryColumn({ type: 'text' }) language!: 'vi' | 'en';
  @PrimaryColumn({ type: 'text' }) slug!: string;
  @Column({ name: 'item_id', type: 'uuid' }) itemId!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
