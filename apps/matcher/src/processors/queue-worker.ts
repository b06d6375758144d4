import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, Worker, WorkerOptions } from 'bullmq';
import { AppConfig } from '@km/config';
import { WorkedQueue } from '@km/queue';
import { workerOptions } from './worker-options';

/**
 * A BullMQ worker that starts with the app and closes on shutdown; a processor only says which
 * queue, how many jobs at once, and what a job does.
 */
export abstract class QueueWorker<Payload>
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  protected readonly logger = new Logger(this.constructor.name);
  private worker?: Worker<Payload>;

  protected constructor(
    protected readonly config: AppConfig,
    /** Only a queue listed in WORKED_QUEUES: Bull Board shows those, and no other. */
    private readonly queue: WorkedQueue,
    private readonly concurrency: number,
    private readonly overrides: Partial<WorkerOptions> = {},
  ) {}

  abstract process(job: Job<Payload>): Promise<unknown>;

  onApplicationBootstrap(): void {
    this.worker = new Worker<Payload>(this.queue, (job) => this.process(job), {
      ...workerOptions(this.config, this.concurrency),
      ...this.overrides,
    });
    this.worker.on('error', (error) => this.logger.warn(`${this.queue} worker: ${error.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}
