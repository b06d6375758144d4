import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { RedisConnection } from '@km/queue';

@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly redis: RedisConnection,
    private readonly indicator: HealthIndicatorService,
  ) {}

  async isHealthy(key = 'redis') {
    const check = this.indicator.check(key);
    return (await this.redis.ping())
      ? check.up()
      : check.down({ message: 'Redis does not answer PING' });
  }
}
