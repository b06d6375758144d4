import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Job } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@km/config';
import { OutboxDelivery } from '@km/outbox';
import { MATCHING_JOB_OPTIONS, NeedRematchService } from '@km/proposals';
import { DomainEventPayload, DomainEventType, JobName, QueueName, QueueRegistry } from '@km/queue';
import { QueueWorker } from './queue-worker';

/**
 * Turns relayed domain events into a debounced rematch of their county: the first event of a
 * burst schedules a run `debounceMs` later and the rest of the burst joins it (BullMQ
 * deduplication whose ttl equals the delay, so an event after the run has loaded its data always
 * schedules a new run). The run's job id is a fresh UUID: BullMQ's own counter restarts with an
 * empty Redis, and a repeated id would be taken for a run already completed. Each event is marked
 * consumed once its rematch is queued.
 *
 * A new need is first rematched on its own (NeedRematchService: only the start windows it fits,
 * in about a second); only when that cannot place it does its county get the full run.
 */
@Injectable()
export class DomainEventProcessor extends QueueWorker<DomainEventPayload> {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly queues: QueueRegistry,
    private readonly delivery: OutboxDelivery,
    private readonly needs: NeedRematchService,
  ) {
    super(config, QueueName.DomainEvents, 8);
  }

  private readonly log = new Logger(DomainEventProcessor.name);

  async process(job: Job<DomainEventPayload>): Promise<void> {
    const { countyCode, eventId } = job.data;
    if (countyCode && !(await this.placedOnItsOwn(job.data))) {
      const debounceMs = this.config.matching.debounceMs;
      await this.queues.add(
        JobName.MatchingRun,
        { runId: null, countyCode, trigger: 'event' },
        {
          ...MATCHING_JOB_OPTIONS,
          jobId: `rematch-${countyCode}-${randomUUID()}`,
          delay: debounceMs,
          deduplication: { id: `rematch-${countyCode}`, ttl: Math.max(debounceMs, 1) },
        },
      );
    }
    // Events relayed before the upgrade carry no event id; they were counted consumed then.
    if (eventId) await this.delivery.markConsumed(eventId);
  }

  /**
   * Whether a new need's own rematch placed it (any failure leaves it to the full run). While a
   * full run of its county waits out its debounce (a burst, e.g. an import), the need joins it:
   * that run reads it anyway, and a rematch per need of the burst would only add work.
   */
  private async placedOnItsOwn(event: DomainEventPayload): Promise<boolean> {
    if (event.type !== DomainEventType.NeedSubmitted || !event.countyCode) return false;
    try {
      const pending = await this.queues
        .queue(QueueName.Matching)
        .getDeduplicationJobId(`rematch-${event.countyCode}`);
      if (pending) return false;
      return (await this.needs.rematch(event.aggregateId, { countyCode: event.countyCode })).placed;
    } catch (error) {
      this.log.warn(`need ${event.aggregateId}: own rematch failed (${(error as Error).message})`);
      return false;
    }
  }
}
