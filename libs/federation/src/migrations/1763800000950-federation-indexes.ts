import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The federation's newest live items across all portals, in publication order: the aggregated feed
 * walks it for large subtrees and the whole country (stopping when the page is full). Cross-portal search walks the federation's newest live items, testing each against the query
 * (SubtreeFeedService.search). With the portal, language and live revision in the index, that walk
 * never reads the items' table: an index-only scan of 100,000 entries takes a few milliseconds.
 */
export class FederationIndexes1763800000950 implements MigrationInterface {
  name = 'FederationIndexes1763800000950';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX content_items_live_walk ON content_items (published_at DESC, id DESC)
         INCLUDE (tenant_id, language, live_revision_id) WHERE live_revision_id IS NOT NULL AND withdrawn_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX content_items_live_walk');
  }
}
