import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ServiceLevel } from './public-service-rules';

/** One administrative procedure / online public service in a portal's catalogue. */
@Entity('public_services')
export class PublicServiceEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  /** The procedure's code in the national database of procedures (e.g. 1.001193). */
  @Column({ type: 'text' }) code!: string;
  @Column({ name: 'name_vi', type: 'text' }) nameVi!: string;
  @Column({ name: 'name_en', type: 'text', nullable: true }) nameEn!: string | null;
  @Column({ type: 'text' }) field!: string;
  @Column({ type: 'text' }) level!: ServiceLevel;
  @Column({ name: 'portal_url', type: 'text' }) portalUrl!: string;
  @Column({ name: 'received_count', type: 'int', nullable: true }) receivedCount!: number | null;
  @Column({ name: 'processed_count', type: 'int', nullable: true }) processedCount!: number | null;
  @Column({ name: 'counts_as_of', type: 'date', nullable: true }) countsAsOf!: string | null;
  @Column({ name: 'updated_by', type: 'uuid' }) updatedBy!: string;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true }) withdrawnAt!: Date | null;
}
