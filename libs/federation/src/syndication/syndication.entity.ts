import { Column, Entity, PrimaryColumn } from 'typeorm';
import { SyndicationDirection, SyndicationState } from './syndication-state';

/** One item shown (or proposed to be shown) on one other portal. The body stays the source's. */
@Entity('syndications')
export class SyndicationEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'item_id', type: 'uuid' }) itemId!: string;
  @Column({ name: 'source_tenant_id', type: 'uuid' }) sourceTenantId!: string;
  @Column({ name: 'target_tenant_id', type: 'uuid' }) targetTenantId!: string;
  @Column({ type: 'text' }) direction!: SyndicationDirection;
  @Column({ type: 'text' }) state!: SyndicationState;
  /** The receiving portal's own category for the copy. */
  @Column({ name: 'category_id', type: 'uuid', nullable: true }) categoryId!: string | null;
  @Column({ name: 'title_override', type: 'text', nullable: true }) titleOverride!: string | null;
  @Column({ name: 'summary_override', type: 'text', nullable: true }) summaryOverride!: string | null;
  /** The copy's address on the receiving portal (free there when it was accepted). */
  @Column({ type: 'text', nullable: true }) slug!: string | null;
  @Column({ type: 'boolean' }) pinned!: boolean;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ name: 'proposed_by', type: 'uuid', nullable: true }) proposedBy!: string | null;
  @Column({ name: 'proposed_at', type: 'timestamptz' }) proposedAt!: Date;
  @Column({ name: 'decided_by', type: 'uuid', nullable: true }) decidedBy!: string | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt!: Date | null;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  /** The auto-accept rule that accepted it, when no person did. */
  @Column({ name: 'rule_id', type: 'uuid', nullable: true }) ruleId!: string | null;
  @Column({ name: 'placed_at', type: 'timestamptz', nullable: true }) placedAt!: Date | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** A receiving portal's standing decision: proposals matching it are accepted without waiting. */
@Entity('syndication_rules')
export class SyndicationRuleEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  /** Content kinds accepted (any when null). */
  @Column({ type: 'text', array: true, nullable: true }) kinds!: string[] | null;
  /** Kinds of the proposing portal (any when null), e.g. DEPARTMENT. */
  @Column({ name: 'source_portal_kinds', type: 'text', array: true, nullable: true })
  sourcePortalKinds!: string[] | null;
  /** Only proposals from this subtree (anywhere below the receiver when null). */
  @Column({ name: 'source_root_id', type: 'uuid', nullable: true }) sourceRootId!: string | null;
  @Column({ name: 'category_id', type: 'uuid', nullable: true }) categoryId!: string | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true }) disabledAt!: Date | null;
  @Column({ name: 'disabled_by', type: 'uuid', nullable: true }) disabledBy!: string | null;
}
