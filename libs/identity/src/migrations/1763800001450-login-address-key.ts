import { MigrationInterface, QueryRunner } from 'typeorm';

/** Failed logins also count per client address (an IPv6 one by its network): the login throttle. */
export class LoginAddressKey1763800001450 implements MigrationInterface {
  name = 'LoginAddressKey1763800001450';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE login_failures ADD COLUMN address_key text`);
    await q.query(`CREATE INDEX login_failures_by_address ON login_failures (address_key, occurred_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX login_failures_by_address');
    await q.query('ALTER TABLE login_failures DROP COLUMN address_key');
  }
}
