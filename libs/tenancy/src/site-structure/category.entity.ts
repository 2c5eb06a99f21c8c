import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A section of a portal (docs/domain.md), seeded by the provisioning template; a tree per tenant. */
@Entity('categories')
export class CategoryEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'parent_id', type: 'uuid', nullable: true }) parentId!: string | null;
  @Column({ type: 'text' }) slug!: string;
  @Column({ name: 'name_vi', type: 'text' }) nameVi!: string;
  @Column({ name: 'name_en', type: 'text', nullable: true }) nameEn!: string | null;
  /** The content kind this section holds by default (e.g. LEGAL_DOCUMENT); content is a later lib. */
  @Column({ name: 'content_kind', type: 'text', nullable: true }) contentKind!: string | null;
  @Column({ type: 'int' }) position!: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  /** Hidden (withdrawn from the website and its menus), never deleted: null while shown. */
  @Column({ name: 'hidden_at', type: 'timestamptz', nullable: true }) hiddenAt!: Date | null;
  /** The languages whose website shows it (`vi`, `en`). */
  @Column({ type: 'text', array: true, default: () => "'{vi,en}'" }) languages!: string[];
  /** A thematic section (chuyên đề) rather than a standing one. */
  @Column({ type: 'boolean', default: false }) thematic!: boolean;
  /** Its slug path in the portal's template; null for a category the portal added itself. */
  @Column({ name: 'template_key', type: 'text', nullable: true }) templateKey!: string | null;
  @Column({ name: 'updated_at', type: 'timestamptz', nullable: true }) updatedAt!: Date | null;
}

/** An entry of one of a portal's menus, pointing at a category or a path. */
@Entity('menu_items')
export class MenuItemEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ type: 'text' }) menu!: string;
  @Column({ name: 'parent_id', type: 'uuid', nullable: true }) parentId!: string | null;
  @Column({ name: 'label_vi', type: 'text' }) labelVi!: string;
  @Column({ name: 'label_en', type: 'text', nullable: true }) labelEn!: string | null;
  @Column({ name: 'category_id', type: 'uuid', nullable: true }) categoryId!: string | null;
  @Column({ type: 'text', nullable: true }) url!: string | null;
  @Column({ type: 'int' }) position!: number;
  @Column({ name: 'hidden_at', type: 'timestamptz', nullable: true }) hiddenAt!: Date | null;
  @Column({ type: 'text', array: true, default: () => "'{vi,en}'" }) languages!: string[];
  /** The template category it links to when it came with the template; null when the portal added it. */
  @Column({ name: 'template_key', type: 'text', nullable: true }) templateKey!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', nullable: true }) updatedAt!: Date | null;
}

/** A former address of a category (its slug path then), answering 301 to where it is now. */
@Entity('category_redirects')
export class CategoryRedirectEntity {
  /** The portal whose address it was (after a merge, the merged portal). */
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @PrimaryColumn({ type: 'text' }) path!: string;
  @Column({ name: 'category_id', type: 'uuid' }) categoryId!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** A part of its template a portal changed (`category:<key>`, `menu:MAIN`): re-applying skips it. */
@Entity('site_structure_changes')
export class SiteStructureChangeEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @PrimaryColumn({ type: 'text' }) part!: string;
  @Column({ name: 'first_changed_at', type: 'timestamptz' }) firstChangedAt!: Date;
  @Column({ name: 'last_changed_at', type: 'timestamptz' }) lastChangedAt!: Date;
  @Column({ name: 'changed_by', type: 'uuid', nullable: true }) changedBy!: string | null;
}
