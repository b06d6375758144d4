import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@km/config';
import { MailTransport } from './mail.transport';
import { withTrackingUrl } from './notification.templates';
import { TrackingLinkVault } from './tracking-link.vault';

/** After this many failed attempts a notification is marked failed and left alone. */
export const MAX_NOTIFICATION_ATTEMPTS = 8;

/** Delay before attempt n+1 (n ≥ 1): 30 s, 1 min, 2 min … capped at one hour. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(30 * 2 ** Math.max(attempts - 1, 0), 3600);
}

interface ClaimedRow {
  id: string;
  recipient: string;
  subject: string;
  body: string;
  need_id: string | null;
  attempts: number;
}

/**
 * Sends pending notifications. Each one is claimed with FOR UPDATE SKIP LOCKED and kept locked
 * until it is marked sent, so several dispatchers (matcher replicas) never send the same row;
 * failures are retried with exponential backoff. Started by the matcher app.
 */
@Injectable()
export class NotificationDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationDispatcher.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly transport: MailTransport,
    private readonly vault: TrackingLinkVault,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.dispatchPending()
        .catch((error: Error) => {
          this.logger.warn(`notification dispatch failed: ${error.message}`);
          return 0;
        })
        .then((sent) => this.schedule(sent > 0 ? 0 : Math.max(this.config.outbox.pollMs, 200)));
    }, ms);
    this.timer.unref?.();
  }

  /** Sends up to `limit` due notifications; returns how many were sent. */
  async dispatchPending(limit = 20): Promise<number> {
    let sent = 0;
    for (let i = 0; i < limit && !this.stopped; i++) {
      const outcome = await this.dispatchOne();
      if (outcome === 'none') break;
      if (outcome === 'sent') sent++;
    }
    return sent;
  }

  /** Claims one due notification and sends it, all inside one transaction holding its row lock. */
  async dispatchOne(): Promise<'sent' | 'failed' | 'none'> {
    return this.db.transaction(async (tx) => {
      const rows: ClaimedRow[] = await tx.query(
        `SELECT id, recipient, subject, body, need_id, attempts FROM notification
          WHERE status = 'pending' AND next_attempt_at <= now()
          ORDER BY next_attempt_at, created_at FOR UPDATE SKIP LOCKED LIMIT 1`,
      );
      const row = rows[0];
      if (!row) return 'none' as const;
      try {
        const url = row.need_id ? await this.vault.trackingUrl(tx, row.need_id) : null;
        const messageId = await this.transport.send({
          id: row.id,
          to: row.recipient,
          subject: row.subject,
          text: withTrackingUrl(row.body, url, this.config.http.publicBaseUrl),
        });
        await tx.query(
          `UPDATE notification SET status = 'sent', sent_at = now(), attempts = attempts + 1,
                  message_id = $2, last_error = NULL WHERE id = $1`,
          [row.id, messageId],
        );
        return 'sent' as const;
      } catch (error) {
        const attempts = row.attempts + 1;
        const failed = attempts >= MAX_NOTIFICATION_ATTEMPTS;
        this.logger.warn(
          `notification ${row.id} attempt ${attempts} failed: ${(error as Error).message}`,
        );
        await tx.query(
          `UPDATE notification SET attempts = $2, last_error = $3, status = $4,
                  next_attempt_at = now() + make_interval(secs => $5) WHERE id = $1`,
          [
            row.id,
            attempts,
            String((error as Error).message).slice(0, 1000),
            failed ? 'failed' : 'pending',
            retryDelaySeconds(attempts),
          ],
        );
        return 'failed' as const;
      }
    });
  }
}
