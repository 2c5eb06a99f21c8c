import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ContentKind } from '../kinds/content-kind';

/** An item's identity: kind, place, language, slug, and which revision the public sees. */
@Entity('content_items')
export class ContentItemEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ type: 'text' }) kind!: ContentKind;
  @Column({ name: 'category_id', type: 'uuid', nullable: true }) categoryId!: string | null;
  @Column({ type: 'text' }) language!: 'vi' | 'en';
  /** The Vietnamese original of an English translation (the pair). */
  @Column({ name: 'translation_of', type: 'uuid', nullable: true }) translationOf!: string | null;
  @Column({ type: 'text' }) slug!: string;
  /** Lĩnh vực: board members review the items of their fields. */
  @Column({ type: 'text', nullable: true }) field!: string | null;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ name: 'live_revision_id', type: 'uuid', nullable: true }) liveRevisionId!: string | null;
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt!: Date | null;
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true }) withdrawnAt!: Date | null;
  @Column({ type: 'boolean' }) pinned!: boolean;
}

/** One saved version of an item. Never changed after it is written; edits make a new revision. */
@Entity('content_revisions')
export class ContentRevisionEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'item_id', type: 'uuid' }) itemId!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ type: 'int' }) number!: number;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text', nullable: true }) summary!: string | null;
  @Column({ name: 'body_html', type: 'text' }) bodyHtml!: string;
  @Column({ name: 'body_text', type: 'text' }) bodyText!: string;
  @Column({ type: 'jsonb' }) fields!: Record<string, unknown>;
  @Column({ name: 'author_name', type: 'text' }) authorName!: string;
  @Column({ type: 'text' }) source!: string;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
