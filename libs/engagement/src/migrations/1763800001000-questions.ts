import { MigrationInterface, QueryRunner } from 'typeorm';

export class Questions1763800001000 implements MigrationInterface {
  name = 'Questions1763800001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE question_units (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        name text NOT NULL CHECK (name <> ''),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX question_units_name ON question_units (tenant_id, lower(name))`);
    await q.query(`
      CREATE TABLE question_unit_members (
        unit_id uuid NOT NULL REFERENCES question_units(id),
        account_id uuid NOT NULL REFERENCES accounts(id),
        PRIMARY KEY (unit_id, account_id)
      )`);
    await q.query(`CREATE INDEX question_unit_members_account ON question_unit_members (account_id)`);
    await q.query(`
      CREATE TABLE questions (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        origin_tenant_id uuid NOT NULL REFERENCES tenants(id),
        handler_tenant_id uuid NOT NULL REFERENCES tenants(id),
        unit_id uuid REFERENCES question_units(id),
        type text NOT NULL CHECK (type IN ('QUESTION','FEEDBACK')),
        tracking_code text NOT NULL UNIQUE,
        status text NOT NULL CHECK (status IN ('RECEIVED','ROUTED','ANSWERED','APPROVED','PUBLISHED','OUT_OF_SCOPE')),
        asker_name text NOT NULL,
        asker_email text,
        asker_phone text,
        topic text NOT NULL,
        field text,
        text text NOT NULL,
        public_text text,
        answer text,
        out_of_scope_notice text,
        received_at timestamptz NOT NULL,
        handling_since timestamptz NOT NULL,
        routing_due_at timestamptz,
        out_of_scope_due_at timestamptz,
        answer_due_at timestamptz,
        unit_due_at timestamptz,
        board_due_at timestamptz,
        routed_at timestamptz,
        answered_at timestamptz,
        published_at timestamptz,
        closed_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (asker_email IS NOT NULL OR asker_phone IS NOT NULL),
        CHECK (status <> 'PUBLISHED' OR (published_at IS NOT NULL AND public_text IS NOT NULL AND answer IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX questions_queue ON questions (tenant_id, status, received_at)`);
    await q.query(
      `CREATE INDEX questions_handler ON questions (handler_tenant_id, status) WHERE handler_tenant_id <> tenant_id`,
    );
    await q.query(
      `CREATE INDEX questions_published ON questions (tenant_id, published_at DESC, id DESC) WHERE status = 'PUBLISHED'`,
    );
    await q.query(`
      CREATE TABLE question_events (
        id bigserial PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        question_id uuid NOT NULL REFERENCES questions(id),
        action text NOT NULL,
        from_status text,
        to_status text NOT NULL,
        actor_account_id uuid REFERENCES accounts(id),
        note text,
        detail jsonb,
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX question_events_question ON question_events (question_id, id)`);
    await q.query(`
      CREATE TABLE question_escalations (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        question_id uuid NOT NULL REFERENCES questions(id),
        deadline text NOT NULL CHECK (deadline IN ('ROUTING','ANSWER','UNIT_ANSWER','BOARD_PUBLISH')),
        due_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT question_escalations_once UNIQUE (question_id, deadline, due_at)
      )`);
    await q.query(
      `CREATE INDEX question_escalations_tenant ON question_escalations (tenant_id, created_at DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE question_escalations');
    await q.query('DROP TABLE question_events');
    await q.query('DROP TABLE questions');
    await q.query('DROP TABLE question_unit_members');
    await q.query('DROP TABLE question_units');
  }
}
