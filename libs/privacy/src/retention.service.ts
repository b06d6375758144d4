import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@km/config';
import { erasePersonalData } from '@km/needs';

export interface RetentionResult {
  retentionDays: number;
  cutoff: string;
  needs: number;
  contacts: number;
  notifications: number;
  trackingLinks: number;
  /** Sent or failed e-mails to staff (no need), past the period. */
  staffNotifications: number;
  batches: number;
}

/**
 * When a need's retention period starts: its submission, or a later closing — withdrawal,
 * expiry, or the end (completed/cancelled) of an initiative it took part in. A need in a planned
 * or running initiative keeps its contact: the employer is still being served.
 */
const DUE_NEEDS = `
  WITH holding AS (
    -- Needs with personal data older than the cutoff; erasing it takes them out of this set.
    SELECT need_id FROM contact WHERE created_at < $1
    UNION SELECT need_id FROM need_tracking_link WHERE created_at < $1
    UNION SELECT need_id FROM notification WHERE need_id IS NOT NULL AND created_at < $1
  )
  SELECT n.id FROM need n JOIN holding h ON h.need_id = n.id
   WHERE greatest(
           n.created_at,
           n.withdrawn_at,
           CASE WHEN n.status = 'expired' THEN n.updated_at END,
           (SELECT max(i.status_changed_at) FROM initiative_need ino
              JOIN initiative i ON i.id = ino.initiative_id
             WHERE ino.need_id = n.id AND i.status IN ('completed', 'cancelled'))
         ) < $1
     AND NOT EXISTS (SELECT 1 FROM initiative_need ino JOIN initiative i ON i.id = ino.initiative_id
                      WHERE ino.need_id = n.id AND ino.committed
                        AND i.status IN ('planned', 'running'))
   ORDER BY n.created_at, n.id
   LIMIT $2
     FOR UPDATE OF n SKIP LOCKED`;

/**
 * Erases personal data older than PERSONAL_DATA_RETENTION_DAYS, in batches of one transaction
 * each (so a long backlog never holds locks for long), with an audit row per need and one for
 * the run. Anonymous statistics (needs, employers, competences, outcomes) are kept. Safe to run
 * concurrently: batches skip rows another run holds.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async eraseExpired(now = new Date()): Promise<RetentionResult> {
    const { retentionDays, retentionBatchSize: batchSize } = this.config.privacy;
    const cutoff = new Date(now.getTime() - retentionDays * 24 * 3600 * 1000);
    const result: RetentionResult = {
      retentionDays,
      cutoff: cutoff.toISOString(),
      needs: 0,
      contacts: 0,
      notifications: 0,
      trackingLinks: 0,
      staffNotifications: 0,
      batches: 0,
    };
    for (;;) {
      const erased = await this.db.transaction(async (tx) => {
        const rows: { id: string }[] = await tx.query(DUE_NEEDS, [cutoff, batchSize]);
        const ids = rows.map((row) => row.id);
        const counts = await erasePersonalData(tx, ids);
        await tx.query(
          `INSERT INTO audit_log (actor_role, action, entity_type, entity_id, after)
           SELECT 'system', 'personal-data.erase', 'need', id::text,
                  jsonb_build_object('reason', 'retention', 'retentionDays', $2::int)
             FROM unnest($1::uuid[]) AS id`,
          [ids, retentionDays],
        );
        return { ids, counts };
      });
      if (erased.ids.length === 0) break;
      result.batches++;
      result.needs += erased.ids.length;
      result.contacts += erased.counts.contacts;
      result.notifications += erased.counts.notifications;
      result.trackingLinks += erased.counts.trackingLinks;
      if (erased.ids.length < batchSize) break;
    }
    for (;;) {
      const [, deleted] = await this.db.query(
        `DELETE FROM notification WHERE id IN (
           SELECT id FROM notification
            WHERE need_id IS NULL AND status <> 'pending' AND created_at < $1
            LIMIT $2 FOR UPDATE SKIP LOCKED)`,
        [cutoff, batchSize],
      );
      result.staffNotifications += Number(deleted ?? 0);
      if (Number(deleted ?? 0) < batchSize) break;
    }
    if (result.needs || result.staffNotifications) {
      await this.db.query(
        `INSERT INTO audit_log (actor_role, action, entity_type, entity_id, after)
         VALUES ('system', 'personal-data.retention', 'retention', $1, $2)`,
        [now.toISOString(), JSON.stringify(result)],
      );
    }
    this.logger.log(
      `retention (${retentionDays} days): erased personal data of ${result.needs} needs ` +
        `(${result.contacts} contacts, ${result.notifications} e-mails, ${result.trackingLinks} links), ` +
        `${result.staffNotifications} staff e-mails, in ${result.batches} batches`,
    );
    return result;
  }
}
