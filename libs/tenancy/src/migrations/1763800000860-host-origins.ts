import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The portal each host was first created for. A merge or retirement hands a host to another portal
 * as a redirect; its origin still says whose old links it carries (old item URLs are resolved per
 * origin, see content_url_aliases).
 */
export class HostOrigins1763800000860 implements MigrationInterface {
  name = 'HostOrigins1763800000860';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tenant_hosts ADD COLUMN origin_tenant_id uuid REFERENCES tenants(id)`);
    await q.query(`UPDATE tenant_hosts SET origin_tenant_id = tenant_id`);
    // Every writer (provisioning, manifests, moves) gets the origin without having to know about it.
    await q.query(`
      CREATE FUNCTION tenant_hosts_default_origin() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.origin_tenant_id := COALESCE(NEW.origin_tenant_id, NEW.tenant_id);
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER tenant_hosts_origin BEFORE INSERT ON tenant_hosts FOR EACH ROW EXECUTE FUNCTION tenant_hosts_default_origin()`,
    );
    await q.query(`ALTER TABLE tenant_hosts ALTER COLUMN origin_tenant_id SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER tenant_hosts_origin ON tenant_hosts');
    await q.query('DROP FUNCTION tenant_hosts_default_origin()');
    await q.query('ALTER TABLE tenant_hosts DROP COLUMN origin_tenant_id');
  }
}
