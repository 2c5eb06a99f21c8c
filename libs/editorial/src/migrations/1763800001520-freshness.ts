import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Kept up to date" (freshness rules of the deadline profiles): review reminders next to the
 * deadline reminders. A review itself is a workflow event (REVIEW) of the live revision.
 */
export class Freshness1763800001520 implements MigrationInterface {
  name = 'Freshness1763800001520';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE editorial_reminders DROP CONSTRAINT editorial_reminders_deadline_check`);
    await q.query(
      `ALTER TABLE editorial_reminders ADD CONSTRAINT editorial_reminders_deadline_check CHECK (deadline IN ('BOARD_HANDLING', 'PUBLICATION', 'REVIEW'))`,
    );
    await q.query(`ALTER TABLE editorial_reminders DROP CONSTRAINT editorial_reminders_stage_check`);
    await q.query(
      `ALTER TABLE editorial_reminders ADD CONSTRAINT editorial_reminders_stage_check CHECK (stage ~ '^(DUE_IN_[0-9]+H|OVERDUE|MONTHLY_[0-9]{4}_[0-9]{2})$')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM editorial_reminders WHERE deadline = 'REVIEW'`);
    await q.query(`ALTER TABLE editorial_reminders DROP CONSTRAINT editorial_reminders_stage_check`);
    await q.query(
      `ALTER TABLE editorial_reminders ADD CONSTRAINT editorial_reminders_stage_check CHECK (stage ~ '^(DUE_IN_[0-9]+H|OVERDUE)$')`,
    );
    await q.query(`ALTER TABLE editorial_reminders DROP CONSTRAINT editorial_reminders_deadline_check`);
    await q.query(
      `ALTER TABLE editorial_reminders ADD CONSTRAINT editorial_reminders_deadline_check CHECK (deadline IN ('BOARD_HANDLING', 'PUBLICATION'))`,
    );
  }
}
