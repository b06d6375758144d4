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
import { DomainEventPayload, JobName, QueueRegistry } from '@km/queue';
import { eventJobId, OutboxDelivery } from './outbox-delivery';
import { OutboxWakeListener } from './outbox-wake.listener';

const BATCH = 100;
const PUBLISH_TIMEOUT_MS = 2000;

interface PendingRow {
  id: string;
  event_id: string;
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  county_code: string | null;
  created_at: Date;
}

/**
 * Publishes unpublished outbox rows to BullMQ and marks them published. Rows are claimed with
 * SKIP LOCKED so several API instances can relay side by side. The BullMQ job id is the event's
 * UUID, so a publish repeated after a crash or timeout never yields a second job, and no other
 * database's event (nor this one's before a restore) can be taken for this one. A commit wakes
 * the relay through LISTEN/NOTIFY; polling stays the fallback. Now and then it checks that what
 * it published was consumed (OutboxDelivery).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private stopped = false;
  private failures = 0;
  private wakeRequested = false;
  private listener?: OutboxWakeListener;
  private lastDeliveryCheck = Date.now();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queues: QueueRegistry,
    private readonly delivery: OutboxDelivery,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (process.env.OUTBOX_RELAY === 'off') return;
    if (this.config.outbox.listen) {
      this.listener = new OutboxWakeListener(this.config.databaseUrl, () => this.wake());
      this.listener.start();
    }
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.listener?.stop();
    await this.running?.catch(() => undefined);
  }

  /** Relay now: at once when idle, right after the current batch when busy. */
  private wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeRequested = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.wakeRequested = false;
      this.running = this.relayOnce().then(async (published) => {
        await this.checkDeliveryNowAndThen();
        return published;
      });
      this.running
        .then((published) => {
          this.running = undefined;
          this.failures = 0;
          const again = published === BATCH || this.wakeRequested;
          this.schedule(again ? 0 : this.config.outbox.pollMs);
        })
        .catch((error: Error) => {
          this.running = undefined;
          this.failures++;
          if (this.failures === 1 || this.failures % 50 === 0) {
            this.logger.warn(`outbox relay failed (${this.failures}x): ${error.message}`);
          }
          this.schedule(Math.min(this.config.outbox.pollMs * 2 ** this.failures, 5000));
        });
    }, delayMs);
    this.timer.unref();
  }

  /** Publishes one batch; returns how many events were published. */
  async relayOnce(): Promise<number> {
    const outcome = await this.db.transaction(async (tx) => {
      const rows: PendingRow[] = await tx.query(
        `SELECT id, event_id, type, aggregate_type, aggregate_id, county_code, created_at
           FROM outbox WHERE published_at IS NULL
          ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      if (rows.length === 0) return { published: 0 };
      try {
        // One round trip for the batch; a retry after a partial failure or a timeout adds
        // nothing twice, as each job id is its event's UUID.
        await withTimeout(this.publish(rows), PUBLISH_TIMEOUT_MS);
      } catch (error) {
        // Recorded (and committed) on the row that heads the batch; the next attempt retries all.
        await tx.query(`UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, [
          rows[0].id,
          (error as Error).message.slice(0, 500),
        ]);
        return { published: 0, error: error as Error };
      }
      await tx.query(`UPDATE outbox SET published_at = now() WHERE id = ANY ($1::bigint[])`, [
        rows.map((row) => row.id),
      ]);
      return { published: rows.length };
    });
    if (outcome.error) throw outcome.error;
    return outcome.published;
  }

  /** At most every redelivery interval / 4, look for published events nobody consumed. */
  private async checkDeliveryNowAndThen(): Promise<void> {
    const every = Math.max(this.config.outbox.redeliverAfterMs / 4, 1000);
    if (Date.now() - this.lastDeliveryCheck < every) return;
    this.lastDeliveryCheck = Date.now();
    const resent = await this.delivery.checkDelivered(this.config.outbox.redeliverAfterMs);
    if (resent > 0) this.wakeRequested = true;
  }

  private async publish(rows: PendingRow[]): Promise<void> {
    await this.queues.addBulk(
      JobName.DomainEvent,
      rows.map((row) => ({
        data: {
          eventId: row.event_id,
          outboxId: String(row.id),
          type: row.type,
          aggregateType: row.aggregate_type,
          aggregateId: row.aggregate_id,
          countyCode: row.county_code?.trim() ?? null,
          occurredAt: new Date(row.created_at).toISOString(),
        } satisfies DomainEventPayload,
        opts: {
          jobId: eventJobId(row.event_id),
          removeOnComplete: { age: 24 * 3600, count: 10000 },
          removeOnFail: { age: 7 * 24 * 3600 },
          attempts: 5,
          backoff: { type: 'exponential', delay: 500 },
        },
      })),
    );
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
