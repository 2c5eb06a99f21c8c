import { MigrationInterface, QueryRunner } from 'typeorm';

export class QuestionAttachments1763800001200 implements MigrationInterface {
  name = 'QuestionAttachments1763800001200';

  async up(q: QueryRunner): Promise<void> {
    // A citizen's file sent with a question: private (never served publicly, unlike content
    // attachments), sent first, then named by the question within the hour.
    await q.query(`
      CREATE TABLE question_attachments (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants(id),
        question_id uuid REFERENCES questions(id),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size bigint NOT NULL CHECK (size >= 0),
        media_type text NOT NULL,
        file_name text NOT NULL CHECK (file_name <> '' AND length(file_name) <= 200),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX question_attachments_question ON question_attachments (question_id) WHERE question_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE question_attachments');
  }
}
