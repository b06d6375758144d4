import { Global, Module } from '@nestjs/common';
import { QueueRegistry } from './queue.registry';
import { RedisConnection } from './redis.provider';

@Global()
@Module({
  providers: [RedisConnection, QueueRegistry],
  exports: [RedisConnection, QueueRegistry],
})
export class QueueModule {}
