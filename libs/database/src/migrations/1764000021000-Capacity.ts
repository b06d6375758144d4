import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Capacity as data (issue 21): each start window of an offering holds `groups` groups of at most
 * `max_participants` each; approved, not cancelled initiatives hold one group each. A
 * `fill_initiative` proposal adds needs to the free seats of the planned initiative it names.
 */
export class Capacity1764000021000 implements MigrationInterface {
  name = 'Capacity1764000021000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE offering_start_window
      ADD COLUMN groups integer NOT NULL DEFAULT 1 CONSTRAINT "CHK_offering_start_window_groups" CHECK (groups BETWEEN 1 AND 100)`);
    await q.query(`ALTER TABLE proposal DROP CONSTRAINT proposal_kind_check`);
    await q.query(`ALTER TABLE proposal ADD CONSTRAINT proposal_kind_check
      CHECK (kind IN ('joint_initiative', 'new_initiative', 'fill_initiative'))`);
    await q.query(`ALTER TABLE proposal ADD COLUMN initiative_id uuid REFERENCES initiative(id)`);
    await q.query(`ALTER TABLE proposal ADD CONSTRAINT "CHK_proposal_fill_initiative"
      CHECK ((kind = 'fill_initiative') = (initiative_id IS NOT NULL))`);
    await q.query(
      `CREATE INDEX "IDX_proposal_initiative" ON proposal (initiative_id) WHERE initiative_id IS NOT NULL`,
    );
    // When a need joined a planned initiative through a fill; NULL: when the initiative was
    // approved (monitoring counts a need as matched from then).
    await q.query(`ALTER TABLE initiative_need ADD COLUMN joined_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE initiative_need DROP COLUMN joined_at`);
    await q.query(`UPDATE rejected_pair SET proposal_id = NULL WHERE proposal_id IN
      (SELECT id FROM proposal WHERE kind = 'fill_initiative')`);
    await q.query(`DELETE FROM proposal_need WHERE proposal_id IN
      (SELECT id FROM proposal WHERE kind = 'fill_initiative')`);
    await q.query(`DELETE FROM proposal WHERE kind = 'fill_initiative'`);
    await q.query(`DROP INDEX "IDX_proposal_initiative"`);
    await q.query(`ALTER TABLE proposal DROP CONSTRAINT "CHK_proposal_fill_initiative"`);
    await q.query(`ALTER TABLE proposal DROP COLUMN initiative_id`);
    await q.query(`ALTER TABLE proposal DROP CONSTRAINT proposal_kind_check`);
    await q.query(`ALTER TABLE proposal ADD CONSTRAINT proposal_kind_check
      CHECK (kind IN ('joint_initiative', 'new_initiative'))`);
    await q.query(`ALTER TABLE offering_start_window DROP COLUMN groups`);
  }
}
