import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { APP_CONFIG, AppConfig } from '@km/config';
import { OutboxDelivery } from '@km/outbox';

/**
 * Events written but not yet consumed. Stays "up" while the matcher lags (the API can still take
 * needs; taking it out of a load balancer would not help), but says so: `delivering: false` with
 * the counts is the signal that events are published and nobody consumes them.
 */
@Injectable()
export class OutboxHealthIndicator {
  constructor(
    private readonly delivery: OutboxDelivery,
    private readonly indicator: HealthIndicatorService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async isHealthy(key = 'events') {
    const check = this.indicator.check(key);
    try {
      const backlog = await this.delivery.backlog(this.config.outbox.redeliverAfterMs);
      return check.up({ delivering: backlog.unconsumed === 0, ...backlog });
    } catch (error) {
      return check.down({ message: `outbox unreadable: ${(error as Error).message}` });
    }
  }
}
