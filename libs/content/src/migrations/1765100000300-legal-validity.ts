import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Legal documents' validity (tình trạng hiệu lực) and their relations to other documents, on any
 * portal. Validity is a fact about the document kept beside its revisions: it changes when another
 * text replaces it, without a new revision of the document. A relation is stored once, from the
 * document that acts (replaces, amends, guides), and read both ways; one that was wrong is removed
 * (marked, never deleted).
 */
export class LegalValidity1765100000300 implements MigrationInterface {
  name = 'LegalValidity1765100000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE legal_document_status (
        item_id uuid PRIMARY KEY REFERENCES content_items(id),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        validity text NOT NULL CHECK (validity IN ('IN_FORCE', 'PARTLY_IN_FORCE', 'EXPIRED', 'NOT_YET_EFFECTIVE')),
        expiry_date date,
        national_db_url text,
        updated_by uuid NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query('CREATE INDEX legal_document_status_tenant ON legal_document_status (tenant_id, validity)');
    await q.query(`
      CREATE TABLE legal_document_relations (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        from_item_id uuid NOT NULL REFERENCES content_items(id),
        to_item_id uuid NOT NULL REFERENCES content_items(id),
        kind text NOT NULL CHECK (kind IN ('REPLACES', 'AMENDS', 'GUIDES')),
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        removed_by uuid,
        removed_at timestamptz,
        CHECK (from_item_id <> to_item_id)
      )`);
    await q.query(
      'CREATE UNIQUE INDEX legal_document_relations_once ON legal_document_relations (from_item_id, to_item_id, kind) WHERE removed_at IS NULL',
    );
    await q.query(
      'CREATE INDEX legal_document_relations_to ON legal_document_relations (to_item_id) WHERE removed_at IS NULL',
    );
    await q.query('CREATE INDEX legal_document_relations_tenant ON legal_document_relations (tenant_id)');
    // What the public sees changed: the portals of both documents, and those showing copies of them,
    // drop their cached reads (on every instance). Definer rights: an officer's scoped transaction
    // cannot see the other portal's row, but its pages show the relation too.
    await q.query(`
      CREATE FUNCTION notify_legal_changed() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      DECLARE
        ids uuid[];
        t uuid;
      BEGIN
        IF TG_TABLE_NAME = 'legal_document_status' THEN
          ids := ARRAY[NEW.item_id];
        ELSE
          ids := ARRAY[NEW.from_item_id, NEW.to_item_id];
        END IF;
        FOR t IN
          SELECT i.tenant_id FROM content_items i WHERE i.id = ANY(ids)
          UNION SELECT s.target_tenant_id FROM syndications s WHERE s.item_id = ANY(ids) AND s.state = 'ACCEPTED'
        LOOP
          PERFORM pg_notify('content_changed', t::text);
        END LOOP;
        RETURN NULL;
      END $$`);
    for (const table of ['legal_document_status', 'legal_document_relations'])
      await q.query(
        `CREATE TRIGGER ${table}_public_changed AFTER INSERT OR UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION notify_legal_changed()`,
      );
    // Row-level security for the scoped role officers' transactions take on (portal_tenant).
    for (const table of ['legal_document_status', 'legal_document_relations']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY tenant_scope ON ${table} TO portal_tenant USING (portal_scope_visible(tenant_id)) WITH CHECK (portal_scope_visible(tenant_id))`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE legal_document_relations');
    await q.query('DROP FUNCTION notify_legal_changed()');
    await q.query('DROP TABLE legal_document_status');
  }
}
