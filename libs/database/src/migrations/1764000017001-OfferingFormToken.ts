import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The provider's "Nytt utbud" form carries a one-time token, as the need form does (issue 18's
 * `need.submission_key`): a double-clicked or replayed create stores one offering, and the replay
 * lands on it. Follow-up of the provider workspace (issue 17).
 */
export class OfferingFormToken1764000017001 implements MigrationInterface {
  name = 'OfferingFormToken1764000017001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE offering
      ADD COLUMN submission_key uuid,
      ADD CONSTRAINT "UQ_offering_submission_key" UNIQUE (submission_key)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE offering DROP COLUMN submission_key`);
  }
}
