import { MigrationInterface, QueryRunner } from 'typeorm';

export class Access1763800000500 implements MigrationInterface {
  name = 'Access1763800000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE role_assignments (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts(id),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        role text NOT NULL CHECK (role IN ('OWNER','MANAGER','OPERATOR','BOARD_HEAD','BOARD_DEPUTY','BOARD_MEMBER','CONTRIBUTOR')),
        scope text NOT NULL CHECK (scope IN ('TENANT','SUBTREE')),
        fields text[] NOT NULL DEFAULT '{}',
        valid_from timestamptz NOT NULL DEFAULT now(),
        valid_to timestamptz,
        granted_by uuid REFERENCES accounts(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoked_by uuid REFERENCES accounts(id),
        CHECK (valid_to IS NULL OR valid_to > valid_from)
      )`);
    await q.query(
      `CREATE INDEX role_assignments_tenant ON role_assignments (tenant_id, role) WHERE revoked_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX role_assignments_account ON role_assignments (account_id) WHERE revoked_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE role_assignments');
  }
}
