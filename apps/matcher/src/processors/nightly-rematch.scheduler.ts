import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@km/config';
import { MATCHING_JOB_OPTIONS } from '@km/proposals';
import { JobName, QueueName, QueueRegistry } from '@km/queue';

/** Registers the repeatable nightly full rematch (idempotent: upsert by scheduler id). */
@Injectable()
export class NightlyRematchScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(NightlyRematchScheduler.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queues: QueueRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queues.queue(QueueName.Matching).upsertJobScheduler(
      'nightly-rematch',
      { pattern: this.config.matching.nightlyCron },
      {
        name: JobName.MatchingRun,
        data: { runId: null, countyCode: null, trigger: 'nightly' },
        opts: MATCHING_JOB_OPTIONS,
      },
    );
    this.logger.log(`nightly rematch scheduled: ${this.config.matching.nightlyCron}`);
  }
}
