import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

const bigintAsNumber = {
  to: (value: number | null) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};

/**
 * One uploaded file as a portal knows it: who uploaded it, under which name, and to which item it
 * belongs (none yet while the item is being written). The bytes live in the blob store under their
 * SHA-256, so identical files uploaded twice are two rows and one blob.
 */
@Entity('attachments')
@Index('attachments_tenant_item', ['tenantId', 'itemId'])
export class AttachmentEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'item_id', type: 'uuid', nullable: true }) itemId!: string | null;
  @Column({ type: 'text' }) sha256!: string;
  @Column({ type: 'bigint', transformer: bigintAsNumber }) size!: number;
  @Column({ name: 'media_type', type: 'text' }) mediaType!: string;
  @Column({ name: 'file_name', type: 'text' }) fileName!: string;
  @Column({ name: 'uploaded_by', type: 'uuid' }) uploadedBy!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
