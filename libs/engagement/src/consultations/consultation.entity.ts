import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CommentVisibility, DraftCommentState } from './comment-state';

/** A citizen's or organisation's comment on a draft document, owned by the item's portal. */
@Entity('draft_comments')
export class DraftCommentEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  /** The item's own portal: its board moderates, whichever host the comment came through. */
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'item_id', type: 'uuid' }) itemId!: string;
  /** The portal whose host received it (another one when the draft is shown there by syndication). */
  @Column({ name: 'via_tenant_id', type: 'uuid' }) viaTenantId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) email!: string;
  @Column({ type: 'text', nullable: true }) organisation!: string | null;
  @Column({ type: 'text' }) text!: string;
  @Column({ type: 'text' }) state!: DraftCommentState;
  /** Why it was rejected. */
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'moderated_by', type: 'uuid', nullable: true }) moderatedBy!: string | null;
  @Column({ name: 'moderated_at', type: 'timestamptz', nullable: true }) moderatedAt!: Date | null;
}

/** The agency's account of how the comments on one draft were handled, published after closing. */
@Entity('consultation_summaries')
export class ConsultationSummaryEntity {
  @PrimaryColumn({ name: 'item_id', type: 'uuid' }) itemId!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  /** Sanitised HTML. */
  @Column({ name: 'summary_html', type: 'text' }) summaryHtml!: string;
  @Column({ name: 'published_by', type: 'uuid', nullable: true }) publishedBy!: string | null;
  @Column({ name: 'published_at', type: 'timestamptz' }) publishedAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** A portal's choice about comments (absent row: the defaults). */
@Entity('consultation_settings')
export class ConsultationSettingsEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'comment_visibility', type: 'text' }) commentVisibility!: CommentVisibility;
  @Column({ name: 'updated_by', type: 'uuid', nullable: true }) updatedBy!: string | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
