import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mäklarvyn reads a broker's proposals by municipality: those whose venue, or any of whose
 * employers, lies in the broker's municipalities. Both lookups get an index, so the queue starts
 * from the broker's few thousand proposals instead of scanning them all (bench:pages).
 */
export class BrokerQueue1764000015000 implements MigrationInterface {
  name = 'BrokerQueue1764000015000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "IDX_proposal_need_municipality" ON proposal_need (municipality_code, proposal_id)`,
    );
    await q.query(`CREATE INDEX "IDX_proposal_venue" ON proposal (venue_municipality_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_proposal_venue"`);
    await q.query(`DROP INDEX "IDX_proposal_need_municipality"`);
  }
}
