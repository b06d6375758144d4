import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A nationwide run is a parent run whose partitions (groups of competence areas) are child runs,
 * each its own job, so several matcher processes share it. A child keeps what it matches
 * (`partition`: need and offering ids) and the parent attempt it belongs to; the parent records
 * the backend holding the county locks, so a child of a lost attempt never writes.
 */
export class MatchingPartitions1764000025000 implements MigrationInterface {
  name = 'MatchingPartitions1764000025000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE matching_run
         ADD COLUMN parent_run_id uuid REFERENCES matching_run(id) ON DELETE CASCADE,
         ADD COLUMN parent_attempt integer,
         ADD COLUMN partition jsonb,
         ADD COLUMN lock_pid integer`,
    );
    await q.query(
      `CREATE INDEX "IDX_matching_run_parent" ON matching_run (parent_run_id) WHERE parent_run_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_matching_run_parent"`);
    await q.query(
      `ALTER TABLE matching_run DROP COLUMN lock_pid, DROP COLUMN partition,
         DROP COLUMN parent_attempt, DROP COLUMN parent_run_id`,
    );
  }
}
