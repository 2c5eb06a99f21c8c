import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TenantKind, TenantStatus } from './tenant-kind';

/** One portal. The tree is `parent_id` plus a materialised ltree `path` of hex ids, root first. */
@Entity('tenants')
export class TenantEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) kind!: TenantKind;
  @Column({ name: 'name_vi', type: 'text' }) nameVi!: string;
  @Column({ name: 'name_en', type: 'text', nullable: true }) nameEn!: string | null;
  @Column({ name: 'unit_code', type: 'text', nullable: true }) unitCode!: string | null;
  @Column({ name: 'parent_id', type: 'uuid', nullable: true }) parentId!: string | null;
  @Column({ type: 'ltree' }) path!: string;
  @Column({ type: 'text' }) label!: string;
  @Column({ type: 'text' }) status!: TenantStatus;
  @Column({ name: 'primary_host', type: 'citext' }) primaryHost!: string;
  /** For MERGED and RETIRED portals: where their hosts now send visitors. */
  @Column({ name: 'successor_id', type: 'uuid', nullable: true }) successorId!: string | null;
  @Column({ type: 'text' }) template!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

export function pathLabelOf(id: string): string {
  return id.replace(/-/g, '');
}
