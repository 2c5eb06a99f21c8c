import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A portal's own look; every unset field is inherited from the nearest ancestor that set it. */
@Entity('site_themes')
export class SiteThemeEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'primary_colour', type: 'text', nullable: true }) primaryColour!: string | null;
  @Column({ name: 'accent_colour', type: 'text', nullable: true }) accentColour!: string | null;
  @Column({ name: 'logo_url', type: 'text', nullable: true }) logoUrl!: string | null;
  @Column({ name: 'banner_url', type: 'text', nullable: true }) bannerUrl!: string | null;
  @Column({ name: 'banner_alt_vi', type: 'text', nullable: true }) bannerAltVi!: string | null;
  @Column({ name: 'banner_alt_en', type: 'text', nullable: true }) bannerAltEn!: string | null;
  @Column({ name: 'owner_vi', type: 'text', nullable: true }) ownerVi!: string | null;
  @Column({ name: 'owner_en', type: 'text', nullable: true }) ownerEn!: string | null;
  @Column({ type: 'text', nullable: true }) address!: string | null;
  @Column({ type: 'text', nullable: true }) phone!: string | null;
  @Column({ type: 'text', nullable: true }) email!: string | null;
  @Column({ name: 'editor_in_chief', type: 'text', nullable: true }) editorInChief!: string | null;
  @Column({ type: 'text', nullable: true }) licence!: string | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ name: 'updated_by', type: 'uuid', nullable: true }) updatedBy!: string | null;
}

/** The fields an operator sets (all optional: unset means "as the parent portal"). */
export const THEME_FIELDS = [
  'primaryColour',
  'accentColour',
  'logoUrl',
  'bannerUrl',
  'bannerAltVi',
  'bannerAltEn',
  'ownerVi',
  'ownerEn',
  'address',
  'phone',
  'email',
  'editorInChief',
  'licence',
] as const;
export type ThemeField = (typeof THEME_FIELDS)[number];
export type ThemeValues = { [K in ThemeField]: string | null };
