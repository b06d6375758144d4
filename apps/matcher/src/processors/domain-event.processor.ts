import { Inject, Injectable } from '@nestjs/common';
import { Job } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@km/config';
import { MATCHING_JOB_OPTIONS } from '@km/proposals';
import { DomainEventPayload, JobName, QueueName, QueueRegistry } from '@km/queue';
import { QueueWorker } from './queue-worker';

/**
 * Turns relayed domain events into a debounced rematch of their county: the first event of a
 * burst schedules a run `debounceMs` later and the rest of the burst joins it (BullMQ
 * deduplication whose ttl equals the delay, so an event after the run has loaded its data always
 * schedules a new run).
 */
@Injectable()
export class DomainEventProcessor extends QueueWorker<DomainEventPayload> {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly queues: QueueRegistry,
  ) {
    super(config, QueueName.DomainEvents, 8);
  }

  async process(job: Job<DomainEventPayload>): Promise<void> {
    const { countyCode } = job.data;
    if (!countyCode) return;
    const debounceMs = this.config.matching.debounceMs;
    await this.queues.add(
      JobName.MatchingRun,
      { runId: null, countyCode, trigger: 'event' },
      {
        ...MATCHING_JOB_OPTIONS,
        delay: debounceMs,
        deduplication: { id: `rematch-${countyCode}`, ttl: Math.max(debounceMs, 1) },
      },
    );
  }
}
