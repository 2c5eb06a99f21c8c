import { MigrationInterface, QueryRunner } from 'typeorm';

/** Row-level security of the site's tenant-owned tables (the same rule as every other table's). */
export const SITE_TENANT_RULES: Record<string, { own: string }> = {
  site_themes: { own: 'portal_scope_visible(tenant_id)' },
  site_page_visits: { own: 'portal_scope_visible(tenant_id)' },
  site_visit_totals: { own: 'portal_scope_visible(tenant_id)' },
};

/**
 * The public website's own data: each portal's look (unset fields inherit the parent's) and its
 * visitor counts per page and day, with a running total per portal for the footer. Counts carry
 * no address, cookie or other personal data.
 */
export class Site1763800001530 implements MigrationInterface {
  name = 'Site1763800001530';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE site_themes (
        tenant_id uuid PRIMARY KEY REFERENCES tenants(id),
        primary_colour text CHECK (primary_colour ~ '^#[0-9a-f]{6}$'),
        accent_colour text CHECK (accent_colour ~ '^#[0-9a-f]{6}$'),
        logo_url text,
        banner_url text,
        banner_alt_vi text,
        banner_alt_en text,
        owner_vi text,
        owner_en text,
        address text,
        phone text,
        email text,
        editor_in_chief text,
        licence text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid
      )`);
    await q.query(`
      CREATE TABLE site_page_visits (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        day date NOT NULL,
        path text NOT NULL,
        views bigint NOT NULL,
        PRIMARY KEY (tenant_id, day, path)
      )`);
    await q.query(`
      CREATE TABLE site_visit_totals (
        tenant_id uuid PRIMARY KEY REFERENCES tenants(id),
        views bigint NOT NULL
      )`);
    // A portal's look shows on its pages and on those of every portal under it that inherits it:
    // their cached pages are dropped on every instance (the response caches listen).
    await q.query(`
      CREATE FUNCTION notify_site_theme_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('content_changed', t.id::text)
          FROM tenants t WHERE t.path <@ (SELECT path FROM tenants WHERE id = NEW.tenant_id);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER site_themes_changed AFTER INSERT OR UPDATE ON site_themes
        FOR EACH ROW EXECUTE FUNCTION notify_site_theme_changed()`);
    for (const [table, rule] of Object.entries(SITE_TENANT_RULES)) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY tenant_scope ON ${table} TO portal_tenant USING (${rule.own}) WITH CHECK (${rule.own})`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE site_visit_totals');
    await q.query('DROP TABLE site_page_visits');
    await q.query('DROP TABLE site_themes');
    await q.query('DROP FUNCTION notify_site_theme_changed()');
  }
}
