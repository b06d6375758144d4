import { Module } from '@nestjs/common';
import { ReferenceModule } from '@km/reference';
import { OfferingsService } from './offerings.service';

@Module({
  imports: [ReferenceModule],
  providers: [OfferingsService],
  exports: [OfferingsService],
})
export class OfferingsModule {}
