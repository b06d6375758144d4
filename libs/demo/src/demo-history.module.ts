import { Module } from '@nestjs/common';
import { AuditModule } from '@km/audit';
import { AuthModule } from '@km/auth';
import { ConfigModule } from '@km/config';
import { DatabaseModule } from '@km/database';
import { InitiativesModule } from '@km/initiatives';
import { LifecycleModule } from '@km/lifecycle';
import { NeedsModule } from '@km/needs';
import { NotificationsModule } from '@km/notifications';
import { OfferingsModule } from '@km/offerings';
import { OutboxModule } from '@km/outbox';
import { QueueModule } from '@km/queue';
import { ReferenceModule } from '@km/reference';
import { DemoHistorySeeder } from './demo-history.seeder';

/**
 * The services the demo history runs through, without HTTP, workers or the outbox relay (the
 * apps deliver the history's events once they start). `npm run seed -- --demo` boots it.
 */
@Module({
  imports: [
    ConfigModule,
    DatabaseModule,
    QueueModule,
    ReferenceModule,
    OutboxModule,
    AuditModule,
    NotificationsModule,
    AuthModule,
    NeedsModule,
    OfferingsModule,
    InitiativesModule,
    LifecycleModule,
  ],
  providers: [DemoHistorySeeder],
  exports: [DemoHistorySeeder],
})
export class DemoHistoryModule {}
