import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every id PostgreSQL draws for a row (the uuid primary keys and the outbox's event id). */
const DRAWN_IDS: [table: string, column: string][] = [
  ['app_user', 'id'],
  ['employer', 'id'],
  ['initiative', 'id'],
  ['matching_run', 'id'],
  ['need', 'id'],
  ['notification', 'id'],
  ['offering', 'id'],
  ['outbox', 'event_id'],
  ['project_draft_snapshot', 'id'],
];

/**
 * Ids the demo seed can repeat (issue 19): two databases seeded alike must hold identical rows,
 * and the matcher breaks ties by id, so its choices follow the ids. `new_row_uuid()` draws a
 * random uuid as before, unless the demo seed has put its seed into `demo_id_seed` for the
 * length of its run: then ids are uuids from the seed and a counter (the seed writes in a fixed
 * order). Nothing but the demo seed (never in production) writes that table.
 */
export class DemoIds1764000019000 implements MigrationInterface {
  name = 'DemoIds1764000019000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE demo_id_seed (
      only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
      seed text NOT NULL
    )`);
    await q.query(`CREATE SEQUENCE demo_id_counter`);
    await q.query(`CREATE FUNCTION new_row_uuid() RETURNS uuid LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        demo text := (SELECT seed FROM demo_id_seed);
        hex text;
      BEGIN
        IF demo IS NULL THEN
          RETURN gen_random_uuid();
        END IF;
        hex := md5('demo-id:' || demo || ':' || nextval('demo_id_counter'));
        -- Shaped as a version-4 uuid, like the random ones.
        RETURN (substr(hex, 1, 12) || '4' || substr(hex, 14, 3) || '8' || substr(hex, 18))::uuid;
      END
    $$`);
    for (const [table, column] of DRAWN_IDS) {
      await q.query(`ALTER TABLE ${table} ALTER COLUMN ${column} SET DEFAULT new_row_uuid()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, column] of DRAWN_IDS) {
      await q.query(`ALTER TABLE ${table} ALTER COLUMN ${column} SET DEFAULT gen_random_uuid()`);
    }
    await q.query(`DROP FUNCTION new_row_uuid()`);
    await q.query(`DROP SEQUENCE demo_id_counter`);
    await q.query(`DROP TABLE demo_id_seed`);
  }
}
