import { Module } from '@nestjs/common';
import { AuditModule } from '@km/audit';
import { NeedsModule } from '@km/needs';
import { NotificationsModule } from '@km/notifications';
import { OfferingsModule } from '@km/offerings';
import { OutboxModule } from '@km/outbox';
import { NeedExpiryService } from './need-expiry.service';
import { NeedLifecycleService } from './need-lifecycle.service';
import { OfferingLifecycleService } from './offering-lifecycle.service';

/**
 * What a change in one aggregate means for the others (needs, offerings, proposals,
 * initiatives), applied in the transaction of the change. Needs the global OutboxModule.
 */
@Module({
  imports: [AuditModule, NotificationsModule, OutboxModule, NeedsModule, OfferingsModule],
  providers: [OfferingLifecycleService, NeedLifecycleService, NeedExpiryService],
  exports: [OfferingLifecycleService, NeedLifecycleService, NeedExpiryService],
})
export class LifecycleModule {}
