import { MigrationInterface, QueryRunner } from 'typeorm';

export class Tenancy1763800000100 implements MigrationInterface {
  name = 'Tenancy1763800000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tenants (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('PROVINCE','DEPARTMENT','DISTRICT','COMMUNE','WARD','TOWNSHIP','SPECIAL_ZONE','THEMATIC')),
        name_vi text NOT NULL CHECK (name_vi <> '' AND name_vi = normalize(name_vi, NFC)),
        name_en text,
        unit_code text,
        parent_id uuid REFERENCES tenants(id),
        path ltree NOT NULL UNIQUE,
        label text NOT NULL CHECK (label ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
        status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE','SUSPENDED','MERGED','RETIRED')),
        primary_host citext NOT NULL UNIQUE,
        successor_id uuid REFERENCES tenants(id),
        template text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT tenants_label_unique_among_siblings UNIQUE NULLS NOT DISTINCT (parent_id, label)
      )`);
    await q.query(`CREATE INDEX tenants_path_gist ON tenants USING gist (path)`);
    await q.query(`CREATE INDEX tenants_parent ON tenants (parent_id)`);
    await q.query(`
      CREATE TABLE tenant_hosts (
        host citext PRIMARY KEY CHECK (host ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$'),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        role text NOT NULL CHECK (role IN ('PRIMARY','ALIAS','REDIRECT')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX tenant_hosts_one_primary ON tenant_hosts (tenant_id) WHERE role = 'PRIMARY'`,
    );
    await q.query(`CREATE INDEX tenant_hosts_tenant ON tenant_hosts (tenant_id)`);
    // Every api instance keeps a host map in memory; any change to tenants or hosts, by any writer
    // (api, CLI, a migration), tells them to reload it.
    await q.query(`
      CREATE FUNCTION notify_tenancy_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('tenancy_changed', '');
        RETURN NULL;
      END $$`);
    for (const table of ['tenants', 'tenant_hosts']) {
      await q.query(
        `CREATE TRIGGER ${table}_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION notify_tenancy_changed()`,
      );
    }
    await q.query(`
      CREATE TABLE categories (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        parent_id uuid REFERENCES categories(id),
        slug text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        name_vi text NOT NULL,
        name_en text,
        content_kind text,
        position int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT categories_slug_unique UNIQUE NULLS NOT DISTINCT (tenant_id, parent_id, slug)
      )`);
    await q.query(`
      CREATE TABLE menu_items (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        menu text NOT NULL CHECK (menu IN ('MAIN','FOOTER')),
        parent_id uuid REFERENCES menu_items(id),
        label_vi text NOT NULL,
        label_en text,
        category_id uuid REFERENCES categories(id),
        url text,
        position int NOT NULL DEFAULT 0,
        CHECK (category_id IS NOT NULL OR url IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX menu_items_tenant ON menu_items (tenant_id, menu, position)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE menu_items');
    await q.query('DROP TABLE categories');
    await q.query('DROP TABLE tenant_hosts');
    await q.query('DROP TABLE tenants');
    await q.query('DROP FUNCTION notify_tenancy_changed()');
  }
}
