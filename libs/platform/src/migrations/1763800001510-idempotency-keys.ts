import { MigrationInterface, QueryRunner } from 'typeorm';
import { SCOPED_ROLE } from '../database/tenant-scope';

/**
 * Idempotency keys of creating requests: one row per portal, caller and key, written in the same
 * transaction as what the request created, with the answer it gave; kept for a bounded time
 * (expires_at), then swept. Confined to the request's portal subtree like every tenant-owned table.
 */
export class IdempotencyKeys1763800001510 implements MigrationInterface {
  name = 'IdempotencyKeys1763800001510';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_keys (
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        caller text NOT NULL,
        key text NOT NULL,
        operation text NOT NULL,
        request_hash text NOT NULL,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, caller, key)
      )`);
    await q.query('CREATE INDEX idempotency_keys_expires ON idempotency_keys (expires_at)');
    await q.query('ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY');
    await q.query(
      `CREATE POLICY tenant_scope ON idempotency_keys TO ${SCOPED_ROLE} USING (portal_scope_visible(tenant_id)) WITH CHECK (portal_scope_visible(tenant_id))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE idempotency_keys');
  }
}
