import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Anonymous intake no longer overwrites employers: each need keeps what its submitter said about
 * the employer, and a broker confirms employer facts (`confirmed_at/by`). Accounts get a token
 * version, bumped on logout, password change and disabling, so older tokens stop working at once.
 */
export class SecurityRound21764000023000 implements MigrationInterface {
  name = 'SecurityRound21764000023000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE need ADD COLUMN submitted_employer jsonb`);
    await q.query(
      `ALTER TABLE employer ADD COLUMN confirmed_at timestamptz,
                            ADD COLUMN confirmed_by uuid REFERENCES app_user(id) ON DELETE SET NULL`,
    );
    await q.query(`ALTER TABLE app_user ADD COLUMN token_version integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user DROP COLUMN token_version`);
    await q.query(`ALTER TABLE employer DROP COLUMN confirmed_by, DROP COLUMN confirmed_at`);
    await q.query(`ALTER TABLE need DROP COLUMN submitted_employer`);
  }
}
