import { Column, Entity, PrimaryColumn } from 'typeorm';
import { MediaRole } from './media-sniff';

const bigintAsNumber = {
  to: (value: number | null) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};

/**
 * One file of a media item: the video or audio itself, its poster, its captions, or a photo of a
 * gallery (ordered, with caption and credit in both languages). The bytes live in the blob store
 * under their SHA-256; a replaced or removed file is withdrawn, never deleted.
 */
@Entity('media_files')
export class MediaFileEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'item_id', type: 'uuid', nullable: true }) itemId!: string | null;
  @Column({ type: 'text' }) role!: MediaRole;
  @Column({ type: 'text' }) sha256!: string;
  @Column({ type: 'bigint', transformer: bigintAsNumber }) size!: number;
  @Column({ name: 'media_type', type: 'text' }) mediaType!: string;
  @Column({ name: 'file_name', type: 'text' }) fileName!: string;
  @Column({ type: 'int', nullable: true }) position!: number | null;
  /** Pixels, for images (posters, photos): pages give every image its size. */
  @Column({ type: 'int', nullable: true }) width!: number | null;
  @Column({ type: 'int', nullable: true }) height!: number | null;
  @Column({ name: 'caption_vi', type: 'text', nullable: true }) captionVi!: string | null;
  @Column({ name: 'caption_en', type: 'text', nullable: true }) captionEn!: string | null;
  @Column({ name: 'credit_vi', type: 'text', nullable: true }) creditVi!: string | null;
  @Column({ name: 'credit_en', type: 'text', nullable: true }) creditEn!: string | null;
  @Column({ name: 'uploaded_by', type: 'uuid' }) uploadedBy!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true }) withdrawnAt!: Date | null;
}
