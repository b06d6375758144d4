import { MigrationInterface, QueryRunner } from 'typeorm';

export class Outbox1764000001000 implements MigrationInterface {
  name = 'Outbox1764000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE outbox (
      id bigserial PRIMARY KEY,
      type text NOT NULL,
      aggregate_type text NOT NULL,
      aggregate_id text NOT NULL,
      county_code char(2),
      payload jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz,
      attempts integer NOT NULL DEFAULT 0,
      last_error text
    )`);
    // The relay only ever looks at unpublished rows.
    await q.query(`CREATE INDEX "IDX_outbox_unpublished" ON outbox (id) WHERE published_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox`);
  }
}
