import { Module } from '@nestjs/common';
import { OutboxModule } from '@km/outbox';
import { ReferenceModule } from '@km/reference';
import { OfferingsService } from './offerings.service';

@Module({
  imports: [ReferenceModule, OutboxModule],
  providers: [OfferingsService],
  exports: [OfferingsService],
})
export class OfferingsModule {}
