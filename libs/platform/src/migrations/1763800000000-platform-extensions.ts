import { MigrationInterface, QueryRunner } from 'typeorm';

/** Extensions every later migration relies on (docs/architecture.md); all ship with PostgreSQL 15+. */
export class PlatformExtensions1763800000000 implements MigrationInterface {
  name = 'PlatformExtensions1763800000000';

  async up(q: QueryRunner): Promise<void> {
    for (const ext of ['ltree', 'unaccent', 'pg_trgm', 'citext', 'btree_gist', 'pgcrypto']) {
      await q.query(`CREATE EXTENSION IF NOT EXISTS ${ext}`);
    }
  }

  async down(): Promise<void> {
    // Extensions are shared with later schema; they are never dropped by a rollback.
  }
}
