import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@km/config';
import { MATCHING_JOB_OPTIONS } from '@km/proposals';
import { DomainEventPayload, JobName, QueueName, QueueRegistry } from '@km/queue';
import { workerOptions } from './worker-options';

/**
 * Turns relayed domain events into a debounced rematch of their county: the first event of a
 * burst schedules a run `debounceMs` later and the rest of the burst joins it (BullMQ
 * deduplication whose ttl equals the delay, so an event after the run has loaded its data always
 * schedules a new run).
 */
@Injectable()
export class DomainEventProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DomainEventProcessor.name);
  private worker?: Worker<DomainEventPayload>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queues: QueueRegistry,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker<DomainEventPayload>(
      QueueName.DomainEvents,
      (job) => this.process(job),
      workerOptions(this.config, 8),
    );
    this.worker.on('error', (error) => this.logger.warn(`domain-event worker: ${error.message}`));
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

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}
