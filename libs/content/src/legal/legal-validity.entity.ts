import { Column, Entity, PrimaryColumn } from 'typeorm';
import { LegalValidity, StoredLegalRelation } from './legal-validity';

/** A legal document's validity as its portal states it (one row per document, kept current). */
@Entity('legal_document_status')
export class LegalDocumentStatusEntity {
  @PrimaryColumn({ name: 'item_id', type: 'uuid' }) itemId!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ type: 'text' }) validity!: LegalValidity;
  @Column({ name: 'expiry_date', type: 'date', nullable: true }) expiryDate!: string | null;
  @Column({ name: 'national_db_url', type: 'text', nullable: true }) nationalDbUrl!: string | null;
  @Column({ name: 'updated_by', type: 'uuid' }) updatedBy!: string;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** "From replaces / amends / guides to", stated by the portal `tenantId` (the one whose document it was said of). */
@Entity('legal_document_relations')
export class LegalDocumentRelationEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'from_item_id', type: 'uuid' }) fromItemId!: string;
  @Column({ name: 'to_item_id', type: 'uuid' }) toItemId!: string;
  @Column({ type: 'text' }) kind!: StoredLegalRelation;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'removed_by', type: 'uuid', nullable: true }) removedBy!: string | null;
  @Column({ name: 'removed_at', type: 'timestamptz', nullable: true }) removedAt!: Date | null;
}
