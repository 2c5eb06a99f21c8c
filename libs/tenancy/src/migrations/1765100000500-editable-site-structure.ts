import { MigrationInterface, QueryRunner } from 'typeorm';
import { PORTAL_TEMPLATES, templateCategoryKeys } from '../provisioning/portal-templates';

/**
 * The site structure becomes the operator's to edit (517/QĐ-SNV art. 3.2.b–c; 05/2024/QĐ-UBND
 * art. 8.3), with the provisioning template as its starting point:
 * - categories and menu entries are hidden rather than deleted (`hidden_at`), may be shown in one
 *   language only (`languages`), and remember the template entry they came from (`template_key`,
 *   null for what the portal added itself); a category may be a thematic section (chuyên đề);
 * - `category_redirects`: every address a category had (its slug path), so that a rename or a move
 *   answers 301 to where it is now, in one hop however many times it moved;
 * - `site_structure_changes`: which parts of its template each portal changed, so that a template
 *   change is re-applied only where the portal never changed that part.
 */
export class EditableSiteStructure1765100000500 implements MigrationInterface {
  name = 'EditableSiteStructure1765100000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE categories
        ADD COLUMN hidden_at timestamptz,
        ADD COLUMN languages text[] NOT NULL DEFAULT '{vi,en}' CHECK (languages <@ '{vi,en}' AND cardinality(languages) > 0),
        ADD COLUMN thematic boolean NOT NULL DEFAULT false,
        ADD COLUMN template_key text,
        ADD COLUMN updated_at timestamptz`);
    await q.query(`
      ALTER TABLE menu_items
        ADD COLUMN hidden_at timestamptz,
        ADD COLUMN languages text[] NOT NULL DEFAULT '{vi,en}' CHECK (languages <@ '{vi,en}' AND cardinality(languages) > 0),
        ADD COLUMN template_key text,
        ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN updated_at timestamptz`);
    // Menu addresses: a path on the portal or an http(s) link, nothing else ever reaches an href.
    await q.query(`ALTER TABLE menu_items ADD CONSTRAINT menu_items_url_scheme
      CHECK (url IS NULL OR url ~ '^(/[^/]|/$|https?://)')`);
    await q.query(`CREATE INDEX categories_tenant ON categories (tenant_id, parent_id, position)`);
    // Template entries are known by their slug path in the template they were provisioned from.
    const tenants: Array<{ template: string }> = await q.query(`SELECT DISTINCT template FROM tenants`);
    for (const { template } of tenants) {
      const tpl = PORTAL_TEMPLATES[template];
      if (!tpl) continue;
      await q.query(
        `WITH RECURSIVE tree AS (
           SELECT c.id, c.slug::text AS path FROM categories c JOIN tenants t ON t.id = c.tenant_id
            WHERE c.parent_id IS NULL AND t.template = $1
           UNION ALL
           SELECT c.id, tree.path || '/' || c.slug FROM categories c JOIN tree ON c.parent_id = tree.id)
         UPDATE categories SET template_key = tree.path FROM tree
          WHERE categories.id = tree.id AND tree.path = ANY($2::text[])`,
        [template, templateCategoryKeys(tpl)],
      );
    }
    await q.query(`
      UPDATE menu_items m SET template_key = c.template_key
        FROM categories c WHERE c.id = m.category_id AND m.url IS NULL`);

    await q.query(`
      CREATE TABLE category_redirects (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        path text NOT NULL,
        category_id uuid NOT NULL REFERENCES categories(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, path)
      )`);
    await q.query(`CREATE INDEX category_redirects_category ON category_redirects (category_id)`);
    await q.query(`
      CREATE TABLE site_structure_changes (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        part text NOT NULL,
        first_changed_at timestamptz NOT NULL DEFAULT now(),
        last_changed_at timestamptz NOT NULL DEFAULT now(),
        changed_by uuid,
        PRIMARY KEY (tenant_id, part)
      )`);
    // A structure edit changes every page's menus: each instance drops the portal's cached pages.
    await q.query(`
      CREATE FUNCTION notify_structure_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('content_changed', t.id) FROM (SELECT DISTINCT tenant_id::text AS id FROM changed_rows) t;
        RETURN NULL;
      END $$`);
    for (const table of ['categories', 'menu_items'])
      for (const event of ['INSERT', 'UPDATE'])
        await q.query(
          `CREATE TRIGGER ${table}_${event.toLowerCase()}_changed AFTER ${event} ON ${table}
             REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_structure_changed()`,
        );
    for (const table of ['category_redirects', 'site_structure_changes']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY tenant_scope ON ${table} TO portal_tenant USING (portal_scope_visible(tenant_id)) WITH CHECK (portal_scope_visible(tenant_id))`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['categories', 'menu_items'])
      for (const event of ['insert', 'update'])
        await q.query(`DROP TRIGGER ${table}_${event}_changed ON ${table}`);
    await q.query('DROP FUNCTION notify_structure_changed()');
    await q.query('DROP TABLE site_structure_changes');
    await q.query('DROP TABLE category_redirects');
    await q.query('DROP INDEX categories_tenant');
    await q.query('ALTER TABLE menu_items DROP CONSTRAINT menu_items_url_scheme');
    await q.query(`ALTER TABLE menu_items DROP COLUMN hidden_at, DROP COLUMN languages, DROP COLUMN template_key,
      DROP COLUMN created_at, DROP COLUMN updated_at`);
    await q.query(`ALTER TABLE categories DROP COLUMN hidden_at, DROP COLUMN languages, DROP COLUMN thematic,
      DROP COLUMN template_key, DROP COLUMN updated_at`);
  }
}
