import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@km/config';

/** Creates an ioredis connection that fails fast instead of queueing commands forever. */
export function createRedisConnection(url: string, name: string): Redis {
  return new Redis(url, {
    connectionName: name,
    lazyConnect: false,
    // BullMQ requires null here for its blocking connections.
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
}

/** The app's shared Redis connection, closed on shutdown. */
@Injectable()
export class RedisConnection implements OnApplicationShutdown {
  readonly client: Redis;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.client = createRedisConnection(config.redis.url, 'km-shared');
    // Errors surface through health checks and callers; don't crash on a reconnect attempt.
    this.client.on('error', () => undefined);
  }

  /** True when Redis answers PING within the timeout. */
  async ping(timeoutMs = 1000): Promise<boolean> {
    if (this.client.status !== 'ready') return false;
    const timeout = new Promise<false>((resolve) =>
      setTimeout(() => resolve(false), timeoutMs).unref(),
    );
    const pong = this.client
      .ping()
      .then((reply) => reply === 'PONG')
      .catch(() => false);
    return Promise.race([pong, timeout]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
