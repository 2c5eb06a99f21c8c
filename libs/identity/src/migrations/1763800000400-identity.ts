import { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity1763800000400 implements MigrationInterface {
  name = 'Identity1763800000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE accounts (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        username citext NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,62}$'),
        display_name text NOT NULL CHECK (display_name <> ''),
        email citext,
        password_hash text NOT NULL,
        status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE','SUSPENDED')),
        is_platform_admin boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        suspended_at timestamptz
      )`);
    await q.query(`CREATE INDEX accounts_tenant ON accounts (tenant_id, username)`);
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY,
        family_id uuid NOT NULL,
        account_id uuid NOT NULL REFERENCES accounts(id),
        token_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        rotated_at timestamptz,
        revoked_at timestamptz,
        revoked_reason text,
        ip text
      )`);
    await q.query(`CREATE INDEX sessions_account ON sessions (account_id) WHERE revoked_at IS NULL`);
    await q.query(`CREATE INDEX sessions_family ON sessions (family_id)`);
    await q.query(`
      CREATE TABLE login_failures (
        id bigserial PRIMARY KEY,
        username_key citext NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        ip text,
        cleared_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX login_failures_recent ON login_failures (username_key, occurred_at DESC) WHERE cleared_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE login_failures');
    await q.query('DROP TABLE sessions');
    await q.query('DROP TABLE accounts');
  }
}
