import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobName, JOBS_TO_QUEUE, QueueRegistry } from '@km/queue';

/** The queue job of an outbox event: named by the event's UUID, never by the row's sequence. */
export const eventJobId = (eventId: string) => `event-${eventId}`;

export interface OutboxBacklog {
  /** Written, not yet handed to the queue. */
  unpublished: number;
  /** Handed to the queue longer ago than the redelivery threshold and not consumed. */
  unconsumed: number;
  /** Age in seconds of the oldest event not yet consumed (published or not); 0 when none. */
  oldestSeconds: number;
}

/**
 * What became of published events: the consumer marks each consumed; the relay checks the ones
 * that stay unconsumed, and re-sends those whose job is gone from the queue (so an event can
 * never vanish silently, whatever happened to Redis), logging each case.
 */
@Injectable()
export class OutboxDelivery {
  private readonly logger = new Logger(OutboxDelivery.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queues: QueueRegistry,
  ) {}

  /** Marks an event consumed (idempotent; a replayed job changes nothing). */
  async markConsumed(eventId: string): Promise<void> {
    await this.db.query(
      `UPDATE outbox SET consumed_at = now() WHERE event_id = $1 AND consumed_at IS NULL`,
      [eventId],
    );
  }

  /** Counts for health and metrics. */
  async backlog(redeliverAfterMs: number): Promise<OutboxBacklog> {
    const [row] = await this.db.query(
      `SELECT count(*) FILTER (WHERE published_at IS NULL)::int AS unpublished,
              count(*) FILTER (WHERE published_at < now() - make_interval(secs => $1))::int AS unconsumed,
              coalesce(extract(epoch FROM now() - min(created_at)), 0)::float AS "oldestSeconds"
         FROM outbox WHERE consumed_at IS NULL`,
      [redeliverAfterMs / 1000],
    );
    return {
      unpublished: row.unpublished,
      unconsumed: row.unconsumed,
      oldestSeconds: Math.round(row.oldestSeconds),
    };
  }

  /**
   * Looks up published events that stayed unconsumed past the threshold. A job still waiting
   * (the matcher is down or busy) is left alone; a job that completed without the mark is
   * marked; a job that is gone is re-sent. Returns how many were re-sent.
   */
  async checkDelivered(redeliverAfterMs: number): Promise<number> {
    const rows: { event_id: string; id: string }[] = await this.db.query(
      `SELECT event_id, id FROM outbox
        WHERE published_at < now() - make_interval(secs => $1) AND consumed_at IS NULL
        ORDER BY published_at LIMIT 200`,
      [redeliverAfterMs / 1000],
    );
    if (rows.length === 0) return 0;
    const queue = this.queues.queue(JOBS_TO_QUEUE[JobName.DomainEvent]);
    const lost: string[] = [];
    const done: string[] = [];
    for (const row of rows) {
      const job = await queue.getJob(eventJobId(row.event_id));
      if (!job) lost.push(row.event_id);
      else if (job.finishedOn && !job.failedReason) done.push(row.event_id);
    }
    if (done.length)
      await this.db.query(
        `UPDATE outbox SET consumed_at = now() WHERE event_id = ANY ($1::uuid[]) AND consumed_at IS NULL`,
        [done],
      );
    if (lost.length) {
      this.logger.warn(
        `${lost.length} published event(s) never reached a consumer and are not in the queue ` +
          `(Redis lost them, or another deployment took them); publishing them again`,
      );
      await this.db.query(
        `UPDATE outbox SET published_at = NULL, attempts = attempts + 1,
                last_error = 'published but not in the queue; re-sent'
          WHERE event_id = ANY ($1::uuid[]) AND consumed_at IS NULL`,
        [lost],
      );
    }
    return lost.length;
  }
}
