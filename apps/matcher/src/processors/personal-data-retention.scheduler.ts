import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@km/config';
import { JobName, QueueName, QueueRegistry } from '@km/queue';

/**
 * Registers the repeatable personal-data retention job (PERSONAL_DATA_RETENTION_CRON; upsert by
 * scheduler id, so every matcher instance may do it and one job runs per tick).
 */
@Injectable()
export class PersonalDataRetentionScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(PersonalDataRetentionScheduler.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queues: QueueRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { retentionCron, retentionDays } = this.config.privacy;
    await this.queues.queue(QueueName.Maintenance).upsertJobScheduler(
      'personal-data-retention',
      { pattern: retentionCron },
      {
        name: JobName.PersonalDataRetention,
        data: { trigger: 'scheduled' },
        opts: {
          attempts: 3,
          backoff: { type: 'exponential', delay: 60_000 },
          removeOnComplete: { count: 100 },
          removeOnFail: { count: 100 },
        },
      },
    );
    this.logger.log(`personal data retention (${retentionDays} days) scheduled: ${retentionCron}`);
  }
}
