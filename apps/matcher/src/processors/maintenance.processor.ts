import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@km/config';
import { RetentionResult, RetentionService } from '@km/privacy';
import { JobName, PersonalDataRetentionPayload, QueueName } from '@km/queue';
import { workerOptions } from './worker-options';

/** Consumes scheduled housekeeping: a thin shell around RetentionService. */
@Injectable()
export class MaintenanceProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MaintenanceProcessor.name);
  private worker?: Worker<PersonalDataRetentionPayload>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly retention: RetentionService,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker<PersonalDataRetentionPayload>(
      QueueName.Maintenance,
      (job) => this.process(job),
      // A long erasure must not be taken for a stalled job and run twice at once.
      { ...workerOptions(this.config, 1), lockDuration: 60_000 },
    );
    this.worker.on('error', (error) => this.logger.warn(`maintenance worker: ${error.message}`));
  }

  async process(job: Job<PersonalDataRetentionPayload>): Promise<RetentionResult | 'ignored'> {
    if (job.name !== JobName.PersonalDataRetention) return 'ignored';
    return this.retention.eraseExpired();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}
