import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { redactingLogMethod } from '@km/common';
import { APP_CONFIG, AppConfig, ConfigModule } from '@km/config';
import { DatabaseModule } from '@km/database';
import { LifecycleModule } from '@km/lifecycle';
import { NotificationDispatcher, NotificationsModule } from '@km/notifications';
import { OutboxModule } from '@km/outbox';
import { PrivacyModule } from '@km/privacy';
import { ProposalsModule } from '@km/proposals';
import { QueueModule } from '@km/queue';
import { DomainEventProcessor } from './processors/domain-event.processor';
import { MaintenanceProcessor } from './processors/maintenance.processor';
import { MatchingRunProcessor } from './processors/matching-run.processor';
import { MatchingPartitionProcessor } from './processors/matching-partition.processor';
import { NightlyRematchScheduler } from './processors/nightly-rematch.scheduler';
import { NeedExpiryScheduler } from './processors/need-expiry.scheduler';
import { PersonalDataRetentionScheduler } from './processors/personal-data-retention.scheduler';

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: { level: config.logLevel, hooks: { logMethod: redactingLogMethod } },
      }),
    }),
    DatabaseModule,
    QueueModule,
    OutboxModule,
    ProposalsModule,
    NotificationsModule,
    PrivacyModule,
    LifecycleModule,
  ],
  providers: [
    MatchingRunProcessor,
    MatchingPartitionProcessor,
    DomainEventProcessor,
    NightlyRematchScheduler,
    NotificationDispatcher,
    PersonalDataRetentionScheduler,
    NeedExpiryScheduler,
    MaintenanceProcessor,
  ],
})
export class MatcherModule {}
