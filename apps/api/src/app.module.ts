import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, AppConfig, ConfigModule } from '@km/config';
import { DatabaseModule } from '@km/database';
import { OutboxModule, OutboxRelayModule } from '@km/outbox';
import { QueueModule } from '@km/queue';
import { ReferenceModule } from '@km/reference';
import { loggerParams } from './common/logging';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { ReferenceController } from './reference/reference.controller';

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => loggerParams(config),
    }),
    DatabaseModule,
    QueueModule,
    ReferenceModule,
    OutboxModule,
    OutboxRelayModule,
    HealthModule,
    MetricsModule,
  ],
  controllers: [ReferenceController],
})
export class AppModule {}
