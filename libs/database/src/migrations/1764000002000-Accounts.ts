import { MigrationInterface, QueryRunner } from 'typeorm';

export class Accounts1764000002000 implements MigrationInterface {
  name = 'Accounts1764000002000';

  async up(q: QueryRunner): Promise<void> {
    // "user" is a reserved word in PostgreSQL, hence app_user.
    await q.query(`CREATE TABLE app_user (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
      password_hash text NOT NULL,
      role text NOT NULL CHECK (role IN ('provider', 'broker', 'regional', 'admin')),
      learning_centre_id text REFERENCES learning_centre(id),
      county_code char(2) REFERENCES county(code),
      disabled boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "CHK_app_user_scope" CHECK (
        (role IN ('provider', 'broker') AND learning_centre_id IS NOT NULL AND county_code IS NULL)
        OR (role = 'regional' AND county_code IS NOT NULL AND learning_centre_id IS NULL)
        OR (role = 'admin' AND learning_centre_id IS NULL AND county_code IS NULL)
      )
    )`);
    await q.query(`CREATE UNIQUE INDEX "UQ_app_user_email" ON app_user (email)`);
    await q.query(`CREATE INDEX "IDX_app_user_role" ON app_user (role)`);
    await q.query(
      `CREATE INDEX "IDX_app_user_learning_centre" ON app_user (learning_centre_id) WHERE learning_centre_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE app_user`);
  }
}
