import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@km/config';
import { MatchingRunService } from '@km/proposals';
import { JobName, MatchingRunPayload, QueueName } from '@km/queue';
import { workerOptions } from './worker-options';

/** Consumes matching runs: a thin shell around MatchingRunService.execute. */
@Injectable()
export class MatchingRunProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MatchingRunProcessor.name);
  private worker?: Worker<MatchingRunPayload>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly runs: MatchingRunService,
  ) {}

  onApplicationBootstrap(): void {
    // Two runs at once per process: different counties proceed in parallel; the same county waits.
    this.worker = new Worker<MatchingRunPayload>(
      QueueName.Matching,
      (job) => this.process(job),
      workerOptions(this.config, 2),
    );
    this.worker.on('error', (error) => this.logger.warn(`matching worker: ${error.message}`));
  }

  async process(job: Job<MatchingRunPayload>): Promise<string> {
    if (job.name !== JobName.MatchingRun) return 'ignored';
    try {
      return await this.runs.execute({ id: String(job.id), ...job.data });
    } catch (error) {
      const attempts = job.opts.attempts ?? 1;
      if (job.attemptsMade + 1 >= attempts)
        await this.runs.markFailed(job.data.runId, String(job.id), error as Error);
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}
