import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { WorkerOptions } from 'bullmq';
import { AppConfig } from '@km/config';
import { bullConnection } from '@km/queue';

/**
 * Short locks so a killed worker's job is noticed as stalled within seconds and handed to
 * another worker; the run itself is idempotent, so a second attempt changes nothing.
 */
export function workerOptions(config: AppConfig, concurrency: number): WorkerOptions {
  return {
    connection: bullConnection(config.redis.url),
    prefix: config.redis.prefix,
    concurrency,
    // Shown as a job's `processedBy`: which process (and worker) ran it.
    name: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    lockDuration: 5000,
    stalledInterval: 2000,
    maxStalledCount: 3,
    autorun: true,
  };
}
