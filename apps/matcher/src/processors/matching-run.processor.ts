import { Inject, Injectable } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@km/config';
import { MatchingRunService, PartitionFailedError } from '@km/proposals';
import { JobName, MatchingRunPayload, QueueName } from '@km/queue';
import { QueueWorker } from './queue-worker';

/** Consumes matching runs: a thin shell around MatchingRunService.execute. */
@Injectable()
export class MatchingRunProcessor extends QueueWorker<MatchingRunPayload> {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly runs: MatchingRunService,
  ) {
    // Two runs at once per process: different counties proceed in parallel; the same county waits.
    super(config, QueueName.Matching, 2);
  }

  async process(job: Job<MatchingRunPayload>): Promise<string> {
    if (job.name !== JobName.MatchingRun) return 'ignored';
    try {
      return await this.runs.execute({ id: String(job.id), ...job.data });
    } catch (error) {
      // A failed partition already had its retries: the parent fails now, with its error.
      const final =
        error instanceof PartitionFailedError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (final) await this.runs.markFailed(job.data.runId, String(job.id), error as Error);
      throw error instanceof PartitionFailedError ? new UnrecoverableError(error.message) : error;
    }
  }
}
