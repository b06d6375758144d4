import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { redactingLogMethod } from '@km/common';
import { APP_CONFIG, AppConfig, ConfigModule } from '@km/config';
import { DatabaseModule } from '@km/database';
import { NotificationDispatcher, NotificationsModule } from '@km/notifications';
import { ProposalsModule } from '@km/proposals';
import { QueueModule } from '@km/queue';
import { DomainEventProcessor } from './processors/domain-event.processor';
import { MatchingRunProcessor } from './processors/matching-run.processor';
import { NightlyRematchScheduler } from './processors/nightly-rematch.scheduler';

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
    ProposalsModule,
    NotificationsModule,
  ],
  providers: [
    MatchingRunProcessor,
    DomainEventProcessor,
    NightlyRematchScheduler,
    NotificationDispatcher,
  ],
})
export class MatcherModule {}
