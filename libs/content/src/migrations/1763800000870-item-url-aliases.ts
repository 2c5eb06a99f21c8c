import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Old item URLs after a merge: `/print/<slug>` of a merged portal names the item that had that
 * slug there, whatever its slug and portal are now. Written by the content merge participant.
 */
export class ItemUrlAliases1763800000870 implements MigrationInterface {
  name = 'ItemUrlAliases1763800000870';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE content_url_aliases (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        language text NOT NULL CHECK (language IN ('vi', 'en')),
        slug text NOT NULL,
        item_id uuid NOT NULL REFERENCES content_items(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, language, slug)
      )`);
    await q.query(`CREATE INDEX content_url_aliases_item ON content_url_aliases (item_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE content_url_aliases');
  }
}
