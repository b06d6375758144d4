import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule } from '@km/auth';
import { APP_CONFIG, AppConfig, ConfigModule } from '@km/config';
import { DatabaseModule } from '@km/database';
import { OfferingsModule } from '@km/offerings';
import { IdempotencyModule } from '@km/idempotency';
import { LifecycleModule } from '@km/lifecycle';
import { NeedsModule } from '@km/needs';
import { OutboxModule, OutboxRelayModule } from '@km/outbox';
import { ProposalsModule } from '@km/proposals';
import { QueueModule, RedisConnection } from '@km/queue';
import { ReferenceModule } from '@km/reference';
import { BrokerAdminModule } from './admin/broker-admin.module';
import { BrokerPagesModule } from './broker/broker-pages.module';
import { ProviderPagesModule } from './provider/provider-pages.module';
import { AdminUsersController } from './auth/admin-users.controller';
import { AuthController } from './auth/auth.controller';
import { loggerParams } from './common/logging';
import { throttlerOptions } from './common/throttling';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { MonitoringHttpModule } from './monitoring/monitoring-http.module';
import { OfferingsController } from './offerings/offerings.controller';
import { PrivacyHttpModule } from './privacy/privacy-http.module';
import { NeedsController } from './needs/needs.controller';
import { AssetsController } from './pages/assets.controller';
import { NeedsPagesController } from './pages/needs-pages.controller';
import { PublicPagesController } from './pages/public-pages.controller';
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
    AuthModule,
    OfferingsModule,
    IdempotencyModule,
    NeedsModule,
    ProposalsModule,
    LifecycleModule,
    BrokerAdminModule,
    BrokerPagesModule,
    ProviderPagesModule,
    MonitoringHttpModule,
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG, RedisConnection],
      useFactory: (config: AppConfig, redis: RedisConnection) =>
        throttlerOptions(config, redis.client),
    }),
    HealthModule,
    MetricsModule,
    PrivacyHttpModule,
  ],
  controllers: [
    ReferenceController,
    AuthController,
    AdminUsersController,
    OfferingsController,
    NeedsController,
    NeedsPagesController,
    PublicPagesController,
    AssetsController,
  ],
})
export class AppModule {}
