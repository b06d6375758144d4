import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Events get an identity that no other database shares (the outbox id is a sequence, which a
 * second database or a restore repeats), a consumed mark, and a wake-up on commit.
 */
export class EventIdentity1764000013000 implements MigrationInterface {
  name = 'EventIdentity1764000013000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox
      ADD COLUMN event_id uuid NOT NULL DEFAULT gen_random_uuid(),
      ADD COLUMN consumed_at timestamptz`);
    await q.query(`ALTER TABLE outbox ADD CONSTRAINT "UQ_outbox_event_id" UNIQUE (event_id)`);
    // Events relayed before this migration were consumed by the only deployment there was.
    await q.query(`UPDATE outbox SET consumed_at = published_at WHERE published_at IS NOT NULL`);
    // The relay's delivery check looks only at published events not yet consumed.
    await q.query(`CREATE INDEX "IDX_outbox_unconsumed" ON outbox (published_at)
                    WHERE published_at IS NOT NULL AND consumed_at IS NULL`);
    // NOTIFY is delivered when the inserting transaction commits, never for a rollback.
    await q.query(`CREATE FUNCTION outbox_wake_relay() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('km_outbox', '');
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER outbox_wake_relay AFTER INSERT ON outbox
                    FOR EACH STATEMENT EXECUTE FUNCTION outbox_wake_relay()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER outbox_wake_relay ON outbox`);
    await q.query(`DROP FUNCTION outbox_wake_relay()`);
    await q.query(`DROP INDEX "IDX_outbox_unconsumed"`);
    await q.query(`ALTER TABLE outbox DROP COLUMN consumed_at, DROP COLUMN event_id`);
  }
}
