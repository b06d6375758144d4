import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@km/config';
import { bullConnection } from './bullmq-connection';
import { JOBS_TO_QUEUE, JobName, JobPayloadMap, QueueName } from './job-registry';

/** Lazily opened BullMQ queues sharing the configured Redis and key prefix. */
@Injectable()
export class QueueRegistry implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: bullConnection(this.config.redis.url),
        prefix: this.config.redis.prefix,
      });
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** Enqueues a typed job on the queue its name belongs to. */
  add<J extends JobName>(name: J, payload: JobPayloadMap[J], options?: JobsOptions) {
    return this.queue(JOBS_TO_QUEUE[name]).add(name, payload, options);
  }

  /** Enqueues several jobs of one name in one round trip (a Redis MULTI). */
  addBulk<J extends JobName>(name: J, jobs: { data: JobPayloadMap[J]; opts?: JobsOptions }[]) {
    return this.queue(JOBS_TO_QUEUE[name]).addBulk(jobs.map((job) => ({ name, ...job })));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(
      [...this.queues.values()].map((queue) => queue.close().catch(() => undefined)),
    );
  }
}
