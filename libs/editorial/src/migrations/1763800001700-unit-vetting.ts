import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Unit pre-vetting (1376 art. 18.2; 38a art. 8.1; 517 art. 7.2.a): the UNIT_LEADER role, the unit's
 * own deadline on a revision, and its reminders.
 */
export class UnitVetting1763800001700 implements MigrationInterface {
  name = 'UnitVetting1763800001700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE role_assignments DROP CONSTRAINT role_assignments_role_check`);
    await q.query(
      `ALTER TABLE role_assignments ADD CONSTRAINT role_assignments_role_check CHECK (role IN ('OWNER','MANAGER','OPERATOR','BOARD_HEAD','BOARD_DEPUTY','BOARD_MEMBER','CONTRIBUTOR','UNIT_LEADER'))`,
    );
    await q.query(`ALTER TABLE editorial_states ADD COLUMN unit_due_at timestamptz`);
    await q.query(`ALTER TABLE editorial_states DROP CONSTRAINT editorial_states_status_check`);
    await q.query(
      `ALTER TABLE editorial_states ADD CONSTRAINT editorial_states_status_check CHECK (status IN ('DRAFT','UNIT_REVIEW','SUBMITTED','IN_REVIEW','APPROVED','SCHEDULED','PUBLISHED','RETURNED','REFUSED','SUPERSEDED','WITHDRAWN'))`,
    );
    await q.query(`ALTER TABLE editorial_reminders DROP CONSTRAINT editorial_reminders_deadline_check`);
    await q.query(
      `ALTER TABLE editorial_reminders ADD CONSTRAINT editorial_reminders_deadline_check CHECK (deadline IN ('BOARD_HANDLING', 'PUBLICATION', 'REVIEW', 'UNIT_VETTING'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM editorial_reminders WHERE deadline = 'UNIT_VETTING'`);
    await q.query(`ALTER TABLE editorial_reminders DROP CONSTRAINT editorial_reminders_deadline_check`);
    await q.query(
      `ALTER TABLE editorial_reminders ADD CONSTRAINT editorial_reminders_deadline_check CHECK (deadline IN ('BOARD_HANDLING', 'PUBLICATION', 'REVIEW'))`,
    );
    await q.query(`ALTER TABLE editorial_states DROP CONSTRAINT editorial_states_status_check`);
    await q.query(
      `ALTER TABLE editorial_states ADD CONSTRAINT editorial_states_status_check CHECK (status IN ('DRAFT','SUBMITTED','IN_REVIEW','APPROVED','SCHEDULED','PUBLISHED','RETURNED','REFUSED','SUPERSEDED','WITHDRAWN'))`,
    );
    await q.query(`ALTER TABLE editorial_states DROP COLUMN unit_due_at`);
    await q.query(`ALTER TABLE role_assignments DROP CONSTRAINT role_assignments_role_check`);
    await q.query(
      `ALTER TABLE role_assignments ADD CONSTRAINT role_assignments_role_check CHECK (role IN ('OWNER','MANAGER','OPERATOR','BOARD_HEAD','BOARD_DEPUTY','BOARD_MEMBER','CONTRIBUTOR'))`,
    );
  }
}
