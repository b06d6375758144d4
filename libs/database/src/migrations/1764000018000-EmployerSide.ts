import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The employer's side: a human reference per need (KB-2026-00123, numbered per calendar year in
 * Europe/Stockholm), the form token that turns a double submission into the first need, the
 * employer's own words for a competence missing from the taxonomy, contact details of learning
 * centres, and pg_trgm for the typo-tolerant competence search.
 */
export class EmployerSide1764000018000 implements MigrationInterface {
  name = 'EmployerSide1764000018000';

  async up(q: QueryRunner): Promise<void> {
    // One row per year: the year's last number. Taken inside the intake's transaction, so numbers
    // have no gaps and are unique; the row lock is held only until that transaction commits.
    await q.query(`CREATE TABLE need_reference_counter (
      year integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 9999),
      last_number integer NOT NULL CHECK (last_number >= 1)
    )`);
    await q.query(`CREATE FUNCTION next_need_reference() RETURNS text LANGUAGE sql VOLATILE AS $$
      INSERT INTO need_reference_counter AS c (year, last_number)
      VALUES (extract(year FROM now() AT TIME ZONE 'Europe/Stockholm')::integer, 1)
      ON CONFLICT (year) DO UPDATE SET last_number = c.last_number + 1
      RETURNING 'KB-' || c.year || '-' || lpad(c.last_number::text, greatest(5, length(c.last_number::text)), '0')
    $$`);
    await q.query(`ALTER TABLE need ADD COLUMN reference text`);
    await q.query(`WITH numbered AS (
        SELECT id, extract(year FROM created_at AT TIME ZONE 'Europe/Stockholm')::integer AS year,
               row_number() OVER (PARTITION BY extract(year FROM created_at AT TIME ZONE 'Europe/Stockholm')
                                  ORDER BY created_at, id)::integer AS number
          FROM need
      ), counters AS (
        INSERT INTO need_reference_counter (year, last_number)
        SELECT year, max(number) FROM numbered GROUP BY year
      )
      UPDATE need SET reference = 'KB-' || numbered.year || '-' ||
                      lpad(numbered.number::text, greatest(5, length(numbered.number::text)), '0')
        FROM numbered WHERE need.id = numbered.id`);
    await q.query(`ALTER TABLE need
      ALTER COLUMN reference SET DEFAULT next_need_reference(),
      ALTER COLUMN reference SET NOT NULL,
      ADD CONSTRAINT "UQ_need_reference" UNIQUE (reference),
      ADD COLUMN submission_key uuid,
      ADD CONSTRAINT "UQ_need_submission_key" UNIQUE (submission_key),
      ADD COLUMN other_competence text
        CHECK (other_competence IS NULL OR length(other_competence) BETWEEN 1 AND 200)`);

    await q.query(`ALTER TABLE learning_centre
      ADD COLUMN contact_name text,
      ADD COLUMN contact_email text,
      ADD COLUMN contact_phone text,
      ADD COLUMN contact_url text,
      ADD COLUMN contact_is_demo boolean NOT NULL DEFAULT false`);

    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
  }

  async down(q: QueryRunner): Promise<void> {
    // pg_trgm stays installed: other objects may use it, and dropping it gains nothing.
    await q.query(`ALTER TABLE learning_centre
      DROP COLUMN contact_is_demo, DROP COLUMN contact_url, DROP COLUMN contact_phone,
      DROP COLUMN contact_email, DROP COLUMN contact_name`);
    await q.query(`ALTER TABLE need
      DROP COLUMN other_competence, DROP COLUMN submission_key, DROP COLUMN reference`);
    await q.query(`DROP FUNCTION next_need_reference()`);
    await q.query(`DROP TABLE need_reference_counter`);
  }
}
