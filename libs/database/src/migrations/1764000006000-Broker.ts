import { MigrationInterface, QueryRunner } from 'typeorm';

/** Broker decisions: audit log, e-mail notifications, tracking links, initiative bookkeeping. */
export class Broker1764000006000 implements MigrationInterface {
  name = 'Broker1764000006000';

  async up(q: QueryRunner): Promise<void> {
    // Who did what to which entity, with the state before and after. Append-only.
    await q.query(`CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      actor_id uuid,
      actor_email text,
      actor_role text,
      action text NOT NULL,
      entity_type text NOT NULL,
      entity_id text NOT NULL,
      before jsonb,
      after jsonb,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(
      `CREATE INDEX "IDX_audit_log_entity" ON audit_log (entity_type, entity_id, created_at)`,
    );
    await q.query(`CREATE INDEX "IDX_audit_log_created" ON audit_log (created_at)`);

    // One e-mail per event and recipient: the unique key is what makes "never twice" hold.
    await q.query(`CREATE TABLE notification (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_key text NOT NULL,
      recipient text NOT NULL CHECK (length(recipient) BETWEEN 3 AND 254),
      template text NOT NULL,
      subject text NOT NULL,
      body text NOT NULL,
      need_id uuid REFERENCES need(id) ON DELETE SET NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      last_error text,
      message_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      CONSTRAINT "UQ_notification_event_recipient" UNIQUE (event_key, recipient)
    )`);
    await q.query(
      `CREATE INDEX "IDX_notification_pending" ON notification (next_attempt_at) WHERE status = 'pending'`,
    );

    // The tracking token sealed (AES-256-GCM) so e-mails can carry the link; the need keeps only a hash.
    await q.query(`CREATE TABLE need_tracking_link (
      need_id uuid PRIMARY KEY REFERENCES need(id) ON DELETE CASCADE,
      sealed_token text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);

    await q.query(`ALTER TABLE initiative
      ADD COLUMN status_changed_at timestamptz,
      ADD COLUMN offering_commitment boolean NOT NULL DEFAULT false,
      ADD CONSTRAINT "CHK_initiative_outcome" CHECK (
        status <> 'completed' OR (completed_women IS NOT NULL AND completed_men IS NOT NULL))`);
    await q.query(`CREATE INDEX "IDX_initiative_need_need" ON initiative_need (need_id)`);
    // A cancelled initiative frees its needs; when the matcher proposes the same cohort again
    // (same content, same proposal id) it may be approved again, so only live initiatives are unique.
    await q.query(`ALTER TABLE initiative DROP CONSTRAINT initiative_proposal_id_key`);
    await q.query(
      `CREATE UNIQUE INDEX "UQ_initiative_proposal_live" ON initiative (proposal_id) WHERE status <> 'cancelled'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "UQ_initiative_proposal_live"`);
    await q.query(
      `ALTER TABLE initiative ADD CONSTRAINT initiative_proposal_id_key UNIQUE (proposal_id)`,
    );
    await q.query(`DROP INDEX "IDX_initiative_need_need"`);
    await q.query(`ALTER TABLE initiative
      DROP CONSTRAINT "CHK_initiative_outcome",
      DROP COLUMN offering_commitment,
      DROP COLUMN status_changed_at`);
    await q.query(`DROP TABLE need_tracking_link`);
    await q.query(`DROP TABLE notification`);
    await q.query(`DROP TABLE audit_log`);
  }
}
