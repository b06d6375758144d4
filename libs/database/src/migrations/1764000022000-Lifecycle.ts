import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lifecycle integrity: why an initiative was cancelled, what a broker must look at on a planned
 * initiative (an offering withdrawn or changed under it, a firm that left), and cohorts that a
 * cancellation keeps from being proposed again unchanged until a broker reopens them.
 */
export class Lifecycle1764000022000 implements MigrationInterface {
  name = 'Lifecycle1764000022000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE initiative
      ADD COLUMN cancel_reason text CHECK (length(cancel_reason) BETWEEN 3 AND 1000),
      ADD COLUMN attention jsonb NOT NULL DEFAULT '[]'::jsonb`);
    await q.query(
      `ALTER TABLE proposal ADD COLUMN blocked_since_cancel boolean NOT NULL DEFAULT false`,
    );
    await q.query(
      `CREATE INDEX "IDX_proposal_offering_open" ON proposal (offering_id) WHERE status = 'open'`,
    );
    await q.query(
      `CREATE INDEX "IDX_initiative_offering" ON initiative (offering_id) WHERE status = 'planned'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_initiative_offering"`);
    await q.query(`DROP INDEX "IDX_proposal_offering_open"`);
    await q.query(`ALTER TABLE proposal DROP COLUMN blocked_since_cancel`);
    await q.query(`ALTER TABLE initiative DROP COLUMN attention, DROP COLUMN cancel_reason`);
  }
}
