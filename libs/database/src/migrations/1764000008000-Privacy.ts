import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Personal-data retention and export look up e-mails and tracking links by need and by age:
 * the nightly erasure starts from personal-data rows older than the retention period.
 */
export class Privacy1764000008000 implements MigrationInterface {
  name = 'Privacy1764000008000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "IDX_notification_need" ON notification (need_id) WHERE need_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX "IDX_notification_created" ON notification (created_at)`);
    await q.query(
      `CREATE INDEX "IDX_need_tracking_link_created" ON need_tracking_link (created_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_need_tracking_link_created"`);
    await q.query(`DROP INDEX "IDX_notification_created"`);
    await q.query(`DROP INDEX "IDX_notification_need"`);
  }
}
