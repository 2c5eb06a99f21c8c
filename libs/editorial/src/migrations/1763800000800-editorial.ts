import { MigrationInterface, QueryRunner } from 'typeorm';

export class Editorial1763800000800 implements MigrationInterface {
  name = 'Editorial1763800000800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE editorial_states (
        revision_id uuid PRIMARY KEY REFERENCES content_revisions(id),
        item_id uuid NOT NULL REFERENCES content_items(id),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        status text NOT NULL CHECK (status IN ('DRAFT','SUBMITTED','IN_REVIEW','APPROVED','SCHEDULED','PUBLISHED','RETURNED','REFUSED','SUPERSEDED','WITHDRAWN')),
        submitted_at timestamptz,
        board_due_at timestamptz,
        due_at timestamptz,
        scheduled_at timestamptz,
        withdraw_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX editorial_states_queue ON editorial_states (tenant_id, status, board_due_at)`,
    );
    await q.query(`CREATE INDEX editorial_states_item ON editorial_states (item_id)`);
    await q.query(`
      CREATE TABLE workflow_events (
        id bigserial PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        item_id uuid NOT NULL REFERENCES content_items(id),
        revision_id uuid NOT NULL REFERENCES content_revisions(id),
        action text NOT NULL,
        from_status text,
        to_status text NOT NULL,
        actor_account_id uuid REFERENCES accounts(id),
        delegated boolean NOT NULL DEFAULT false,
        reason text,
        note text,
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX workflow_events_item ON workflow_events (item_id, id)`);
    await q.query(`
      CREATE TABLE approval_delegations (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        head_account_id uuid NOT NULL REFERENCES accounts(id),
        deputy_account_id uuid NOT NULL REFERENCES accounts(id),
        valid_from timestamptz NOT NULL,
        valid_to timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        CHECK (valid_to > valid_from),
        CHECK (head_account_id <> deputy_account_id)
      )`);
    await q.query(
      `CREATE INDEX approval_delegations_deputy ON approval_delegations (deputy_account_id) WHERE revoked_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE editorial_reminders (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        item_id uuid NOT NULL REFERENCES content_items(id),
        revision_id uuid NOT NULL REFERENCES content_revisions(id),
        deadline text NOT NULL CHECK (deadline IN ('BOARD_HANDLING', 'PUBLICATION')),
        stage text NOT NULL CHECK (stage ~ '^(DUE_IN_[0-9]+H|OVERDUE)$'),
        due_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT editorial_reminders_once UNIQUE (revision_id, deadline, stage)
      )`);
    await q.query(
      `CREATE INDEX editorial_reminders_tenant ON editorial_reminders (tenant_id, created_at DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE editorial_reminders');
    await q.query('DROP TABLE approval_delegations');
    await q.query('DROP TABLE workflow_events');
    await q.query('DROP TABLE editorial_states');
  }
}
