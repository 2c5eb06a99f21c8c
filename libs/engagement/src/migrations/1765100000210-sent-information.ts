import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Information sent to a portal's editorial board by outside organisations and people
 * (05/2024/QĐ-UBND art. 14.2; 1376/QĐ-SVHTT art. 9.1): the board's intake queue. A row is never
 * deleted: it is taken up (a draft item is written from it) or declined with a reason.
 */
export class SentInformation1765100000210 implements MigrationInterface {
  name = 'SentInformation1765100000210';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sent_information (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        tracking_code text NOT NULL UNIQUE,
        status text NOT NULL CHECK (status IN ('RECEIVED', 'TAKEN_UP', 'DECLINED')),
        sender_name text NOT NULL CHECK (sender_name <> ''),
        organisation text,
        position text,
        email text,
        phone text,
        address text,
        title text NOT NULL CHECK (title <> ''),
        body text NOT NULL CHECK (body <> ''),
        file_sha256 text,
        file_name text,
        file_media_type text,
        file_size bigint,
        received_at timestamptz NOT NULL,
        handled_by uuid REFERENCES accounts(id),
        handled_at timestamptz,
        item_id uuid REFERENCES content_items(id),
        decline_reason text,
        CHECK (email IS NOT NULL OR phone IS NOT NULL OR address IS NOT NULL),
        CHECK ((file_sha256 IS NULL) = (file_name IS NULL)),
        CHECK (status <> 'TAKEN_UP' OR item_id IS NOT NULL),
        CHECK (status <> 'DECLINED' OR decline_reason IS NOT NULL)
      )`);
    await q.query(
      'CREATE INDEX sent_information_queue ON sent_information (tenant_id, status, received_at DESC, id DESC)',
    );
    await q.query(
      'CREATE INDEX sent_information_tenant ON sent_information (tenant_id, received_at DESC, id DESC)',
    );
    // Row-level security for the scoped role officers' transactions take on (portal_tenant).
    await q.query('ALTER TABLE sent_information ENABLE ROW LEVEL SECURITY');
    await q.query(
      `CREATE POLICY tenant_scope ON sent_information TO portal_tenant USING (portal_scope_visible(tenant_id)) WITH CHECK (portal_scope_visible(tenant_id))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE sent_information');
  }
}
