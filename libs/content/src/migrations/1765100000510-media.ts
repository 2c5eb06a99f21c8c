import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Media items' files: the video or audio of a VIDEO or AUDIO item, its poster and WebVTT captions,
 * and the ordered photos of a PHOTO_GALLERY item with caption and credit (vi/en). Bytes stay in the
 * blob store (content-addressed); a row is withdrawn when replaced or removed, never deleted.
 */
export class Media1765100000510 implements MigrationInterface {
  name = 'Media1765100000510';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE media_files (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        item_id uuid REFERENCES content_items(id),
        role text NOT NULL CHECK (role IN ('VIDEO', 'AUDIO', 'POSTER', 'CAPTIONS', 'PHOTO')),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size bigint NOT NULL CHECK (size >= 0),
        media_type text NOT NULL,
        file_name text NOT NULL,
        position integer CHECK (position >= 0),
        width integer CHECK (width > 0),
        height integer CHECK (height > 0),
        caption_vi text,
        caption_en text,
        credit_vi text,
        credit_en text,
        uploaded_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        withdrawn_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX media_files_item ON media_files (tenant_id, item_id, role, position) WHERE withdrawn_at IS NULL`,
    );
    // One standing video, audio, poster and captions file per item (photos are many).
    await q.query(
      `CREATE UNIQUE INDEX media_files_one_per_role ON media_files (item_id, role)
         WHERE withdrawn_at IS NULL AND item_id IS NOT NULL AND role <> 'PHOTO'`,
    );
    await q.query(`
      CREATE FUNCTION notify_media_files_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('content_changed', NEW.tenant_id::text);
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER media_files_public_changed AFTER INSERT OR UPDATE ON media_files FOR EACH ROW EXECUTE FUNCTION notify_media_files_changed()`,
    );
    await q.query(`ALTER TABLE media_files ENABLE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY tenant_scope ON media_files TO portal_tenant USING (portal_scope_visible(tenant_id)) WITH CHECK (portal_scope_visible(tenant_id))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE media_files');
    await q.query('DROP FUNCTION notify_media_files_changed()');
  }
}
