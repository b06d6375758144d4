import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SWEDISH_TIME_ZONE } from '@km/common';
import { JobName, QueueName, QueueRegistry } from '@km/queue';

/** Just after midnight in Sweden, when yesterday's last day of a need's window has passed. */
const EXPIRY_PATTERN = '5 0 * * *';

/**
 * Registers the daily need expiry (upsert by scheduler id, so every matcher instance may do it and
 * one job runs per day).
 */
@Injectable()
export class NeedExpiryScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(NeedExpiryScheduler.name);

  constructor(private readonly queues: QueueRegistry) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queues.queue(QueueName.Maintenance).upsertJobScheduler(
      'need-expiry',
      { pattern: EXPIRY_PATTERN, tz: SWEDISH_TIME_ZONE },
      {
        name: JobName.ExpireNeeds,
        data: { trigger: 'scheduled' },
        opts: {
          attempts: 3,
          backoff: { type: 'exponential', delay: 60_000 },
          removeOnComplete: { count: 100 },
          removeOnFail: { count: 100 },
        },
      },
    );
    this.logger.log(`need expiry scheduled: ${EXPIRY_PATTERN} (${SWEDISH_TIME_ZONE})`);
  }
}
