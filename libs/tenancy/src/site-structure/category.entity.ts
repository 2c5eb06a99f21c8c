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
}
