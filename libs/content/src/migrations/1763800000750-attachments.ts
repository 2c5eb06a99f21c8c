import { MigrationInterface, QueryRunner } from 'typeorm';

export class Attachments1763800000750 implements MigrationInterface {
  name = 'Attachments1763800000750';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE attachments (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        item_id uuid REFERENCES content_items(id),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size bigint NOT NULL CHECK (size >= 0),
        media_type text NOT NULL,
        file_name text NOT NULL CHECK (file_name <> '' AND length(file_name) <= 200),
        uploaded_by uuid NOT NULL REFERENCES accounts(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX attachments_tenant_item ON attachments (tenant_id, item_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE attachments');
  }
}
