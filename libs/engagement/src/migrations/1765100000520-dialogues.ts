import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Online dialogues (giao lưu trực tuyến, 05/2024/QĐ-UBND art. 8.5): a portal's sessions with their
 * guests, and the citizens' questions with the guests' answers. Nothing is deleted: a session is
 * cancelled, a guest is marked removed, a question is rejected with a reason.
 */
export class Dialogues1765100000520 implements MigrationInterface {
  name = 'Dialogues1765100000520';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dialogue_sessions (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        state text NOT NULL CHECK (state IN ('SCHEDULED', 'OPEN', 'LIVE', 'ENDED', 'TRANSCRIPT_PUBLISHED', 'CANCELLED')),
        title_vi text NOT NULL CHECK (title_vi <> ''),
        title_en text,
        topic_vi text NOT NULL CHECK (topic_vi <> ''),
        topic_en text,
        place text NOT NULL CHECK (place <> ''),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        created_by uuid NOT NULL REFERENCES accounts(id),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        started_at timestamptz,
        ended_at timestamptz,
        cancel_reason text,
        transcript_item_id uuid REFERENCES content_items(id),
        CHECK (ends_at > starts_at),
        CHECK (state <> 'CANCELLED' OR cancel_reason IS NOT NULL),
        CHECK (state NOT IN ('ENDED', 'TRANSCRIPT_PUBLISHED') OR transcript_item_id IS NOT NULL)
      )`);
    await q.query(
      'CREATE INDEX dialogue_sessions_tenant ON dialogue_sessions (tenant_id, starts_at DESC, id DESC)',
    );
    // Every publication asks whether the item is a session's transcript.
    await q.query(
      'CREATE INDEX dialogue_sessions_transcript ON dialogue_sessions (transcript_item_id) WHERE transcript_item_id IS NOT NULL',
    );
    await q.query(`
      CREATE TABLE dialogue_guests (
        id uuid PRIMARY KEY,
        dialogue_id uuid NOT NULL REFERENCES dialogue_sessions(id),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        position smallint NOT NULL,
        kind text NOT NULL CHECK (kind IN ('LEADER', 'EXPERT')),
        name text NOT NULL CHECK (name <> ''),
        job_title text NOT NULL CHECK (job_title <> ''),
        unit text NOT NULL CHECK (unit <> ''),
        removed_at timestamptz
      )`);
    await q.query(
      'CREATE INDEX dialogue_guests_session ON dialogue_guests (tenant_id, dialogue_id, position)',
    );
    await q.query(`
      CREATE TABLE dialogue_questions (
        id uuid PRIMARY KEY,
        dialogue_id uuid NOT NULL REFERENCES dialogue_sessions(id),
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        tracking_code text NOT NULL UNIQUE,
        status text NOT NULL CHECK (status IN ('RECEIVED', 'SELECTED', 'ANSWERED', 'REJECTED')),
        asker_name text NOT NULL CHECK (asker_name <> ''),
        email text,
        phone text,
        address_hash text NOT NULL,
        text text NOT NULL CHECK (text <> ''),
        display_text text,
        guest_id uuid REFERENCES dialogue_guests(id),
        answer text,
        reject_reason text,
        received_at timestamptz NOT NULL,
        moderated_by uuid REFERENCES accounts(id),
        moderated_at timestamptz,
        answered_by uuid REFERENCES accounts(id),
        answered_at timestamptz,
        CHECK (status <> 'REJECTED' OR reject_reason IS NOT NULL),
        CHECK (status <> 'ANSWERED' OR (answer IS NOT NULL AND answered_at IS NOT NULL AND guest_id IS NOT NULL))
      )`);
    await q.query(
      'CREATE INDEX dialogue_questions_queue ON dialogue_questions (tenant_id, dialogue_id, received_at, id)',
    );
    await q.query(
      `CREATE INDEX dialogue_questions_answers ON dialogue_questions (tenant_id, dialogue_id, answered_at DESC)
         WHERE status = 'ANSWERED'`,
    );
    await q.query(
      'CREATE INDEX dialogue_questions_address ON dialogue_questions (dialogue_id, address_hash)',
    );
    // Row-level security for the scoped role officers' transactions take on (portal_tenant).
    for (const table of ['dialogue_sessions', 'dialogue_guests', 'dialogue_questions']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY tenant_scope ON ${table} TO portal_tenant USING (portal_scope_visible(tenant_id)) WITH CHECK (portal_scope_visible(tenant_id))`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE dialogue_questions');
    await q.query('DROP TABLE dialogue_guests');
    await q.query('DROP TABLE dialogue_sessions');
  }
}
