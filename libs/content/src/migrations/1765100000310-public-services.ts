import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The catalogue of administrative procedures and online public services a portal shows
 * (641/QĐ-UBND art. 17; 05/2024/QĐ-UBND art. 4.2.d): each service by its procedure code, with its
 * field, level, its entry on the public-service portal and its usage counts, imported from that
 * portal's lists. An entry no longer offered is withdrawn (kept, never deleted).
 */
export class PublicServices1765100000310 implements MigrationInterface {
  name = 'PublicServices1765100000310';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE public_services (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        code text NOT NULL,
        name_vi text NOT NULL,
        name_en text,
        field text NOT NULL,
        level text NOT NULL CHECK (level IN ('FULL_ONLINE', 'PARTIAL_ONLINE', 'OFFLINE')),
        portal_url text NOT NULL,
        received_count integer CHECK (received_count >= 0),
        processed_count integer CHECK (processed_count >= 0),
        counts_as_of date,
        updated_by uuid NOT NULL,
        updated_at timestamptz NOT NULL,
        withdrawn_at timestamptz
      )`);
    // One standing entry per code and portal (codes compare as the import reads them).
    await q.query(
      `CREATE UNIQUE INDEX public_services_code ON public_services (tenant_id, lower(code)) WHERE withdrawn_at IS NULL`,
    );
    await q.query(
      'CREATE INDEX public_services_catalogue ON public_services (tenant_id, field, level) WHERE withdrawn_at IS NULL',
    );
    await q.query(`
      CREATE FUNCTION notify_public_services_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('content_changed', NEW.tenant_id::text);
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER public_services_public_changed AFTER INSERT OR UPDATE ON public_services FOR EACH ROW EXECUTE FUNCTION notify_public_services_changed()`,
    );
    await q.query(`ALTER TABLE public_services ENABLE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY tenant_scope ON public_services TO portal_tenant USING (portal_scope_visible(tenant_id)) WITH CHECK (portal_scope_visible(tenant_id))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE public_services');
    await q.query('DROP FUNCTION notify_public_services_changed()');
  }
}
