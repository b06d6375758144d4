import { Inject, Injectable } from '@nestjs/common';
import { Job } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@km/config';
import { RetentionResult, RetentionService } from '@km/privacy';
import { NeedExpiryService } from '@km/lifecycle';
import { ExpireNeedsPayload, JobName, PersonalDataRetentionPayload, QueueName } from '@km/queue';
import { QueueWorker } from './queue-worker';

/** Consumes scheduled housekeeping: a thin shell around RetentionService. */
@Injectable()
export class MaintenanceProcessor extends QueueWorker<
  PersonalDataRetentionPayload | ExpireNeedsPayload
> {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly retention: RetentionService,
    private readonly expiry: NeedExpiryService,
  ) {
    // A long erasure must not be taken for a stalled job and run twice at once.
    super(config, QueueName.Maintenance, 1, { lockDuration: 60_000 });
  }

  async process(
    job: Job<PersonalDataRetentionPayload | ExpireNeedsPayload>,
  ): Promise<RetentionResult | { expired: number } | 'ignored'> {
    if (job.name === JobName.ExpireNeeds) return this.expiry.expire();
    if (job.name !== JobName.PersonalDataRetention) return 'ignored';
    return this.retention.eraseExpired();
  }
}
