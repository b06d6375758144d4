import { Inject, Injectable } from '@nestjs/common';
import { Job } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@km/config';
import { MatchingEnginePool, MatchingRunService } from '@km/proposals';
import { JobName, MatchingPartitionPayload, QueueName } from '@km/queue';
import { QueueWorker } from './queue-worker';

/**
 * Consumes the partitions of nationwide runs: a thin shell around
 * MatchingRunService.executePartition. As many at once as the process has engine threads, so
 * one matcher keeps every thread busy and a second process takes the partitions left over.
 */
@Injectable()
export class MatchingPartitionProcessor extends QueueWorker<MatchingPartitionPayload> {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly runs: MatchingRunService,
    private readonly engine: MatchingEnginePool,
  ) {
    super(config, QueueName.MatchingPartitions, Math.max(1, config.matching.engineThreads));
  }

  override onApplicationBootstrap(): void {
    super.onApplicationBootstrap();
    // Threads started now, not inside the first nationwide run.
    void this.engine
      .warm()
      .catch((error: Error) => this.logger.warn(`engine warm-up: ${error.message}`));
  }

  async process(job: Job<MatchingPartitionPayload>): Promise<string> {
    if (job.name !== JobName.MatchingPartition) return 'ignored';
    try {
      return await this.runs.executePartition(job.data.runId);
    } catch (error) {
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1))
        await this.runs.markFailed(job.data.runId, String(job.id), error as Error);
      throw error;
    }
  }
}
